// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyField, genericAdapter } from '../../src/adapters/generic';
import { readFrame } from '../../src/adapters/index';
import { SnapshotSchema } from '../../src/shared/snapshot';
import { at, mountPage, parsePage, URLS } from './pages';

afterEach(() => {
  genericAdapter.invalidate?.(document);
  document.head.replaceChildren();
  document.body.replaceChildren();
});

describe('generic adapter: an EHR it has never seen', () => {
  it('reads the contenteditable note, the textarea, the claim table with unusual headers, payer, provider and date', () => {
    const doc = mountPage('generic-ehr.html');
    const frame = readFrame(doc, at(URLS.generic), []);
    expect(frame.adapter).toBe('generic');
    expect(frame.snapshot.noteParts).toEqual([
      { id: 'textarea:addendum', label: 'Addendum', text: 'Pt given home stretching handout.' },
      {
        id: 'editor:note-editor',
        label: 'Treatment note',
        text:
          'Subjective\nPt reports neck stiffness, 5/10, worse at end of work day.\n' +
          'Objective\nHypertonicity bilateral upper trapezius. Therapeutic massage to cervical and upper thoracic paraspinals, effleurage and petrissage, 25 minutes.\n' +
          'Assessment\nImproved tissue extensibility; pain 3/10 post treatment.\n' +
          'Plan\nContinue plan of care 2x/week.\n' +
          'Electronically signed by Jane Doe, PT on 11/20/2026',
      },
    ]);
    expect(frame.snapshot.claimLines).toEqual([
      { code: '97124', modifiers: ['GP'], units: 2, minutes: 25, dx: ['A'] },
      { code: '97140', modifiers: ['GP', '59'], units: 1, minutes: 10, dx: ['A', 'B'] },
    ]);
    expect(frame.snapshot.payerText).toBe('Blue Cross Blue Shield PPO');
    expect(frame.snapshot.providerText).toBe('Jane Doe, PT');
    expect(frame.snapshot.dateOfService).toBe('2026-11-20');
    expect(SnapshotSchema.safeParse(frame.snapshot).success).toBe(true);
  });

  it('never reads navigation, scripts, styles, hidden or collapsed elements, search boxes or struck lines', () => {
    const doc = mountPage('generic-ehr.html');
    const frame = readFrame(doc, at(URLS.generic), []);
    const all = JSON.stringify(frame.snapshot);
    for (const text of ['quick add', 'script text', 'Hidden draft', 'Collapsed template', 'MRN', 'Terms', '97110', '97530']) {
      expect(all).not.toContain(text);
    }
    expect(frame.snapshot.noteParts.map((p) => p.id)).not.toContain('textarea:search');
  });

  it('reads input values, not markup, when the user edits them after load', () => {
    const doc = mountPage('generic-ehr.html');
    const units = doc.querySelector('tbody tr input[aria-label="units"]') as HTMLInputElement;
    units.value = '3';
    (doc.getElementById('addendum') as HTMLTextAreaElement).value = 'Pt declined handout.';
    const frame = readFrame(doc, at(URLS.generic), []);
    expect(frame.snapshot.claimLines[0]).toMatchObject({ code: '97124', units: 3 });
    expect(frame.snapshot.noteParts[0]?.text).toBe('Pt declined handout.');
  });

  it('reads note-like text blocks under headings, list items and form rows of charges', () => {
    const doc = parsePage('generic-list-form.html');
    const frame = readFrame(doc, at(URLS.listForm), []);
    // Two headings share the block, so it gets no single heading as label.
    expect(frame.snapshot.noteParts).toEqual([
      {
        id: 'block:0',
        text:
          'Assessment\nMyofascial restriction of the lumbar paraspinals limits sitting tolerance to 20 minutes.\n' +
          'Treatment\nSoft tissue mobilization and therapeutic massage to lumbar paraspinals and gluteals, 30 minutes.\n' +
          'Signed: Sam Roe, LMT',
      },
    ]);
    expect(frame.snapshot.claimLines).toEqual([
      { code: '97124', modifiers: ['GP'], units: 2, minutes: 30 },
      { code: '97140', modifiers: ['GP', '59'], units: 1, minutes: 12, dx: ['M54.50'] },
    ]);
    expect(frame.snapshot.payerText).toBe('United Example Choice Plus');
    expect(frame.snapshot.providerText).toBe('Sam Roe, LMT');
  });

  it('finds nothing on a page that is not an EHR, even one that mentions 97124', () => {
    const doc = parsePage('news-page.html');
    const frame = readFrame(doc, at(URLS.news), []);
    expect(frame.empty).toBe(true);
    expect(frame.snapshot).toEqual({ adapter: 'generic', noteParts: [], claimLines: [], truncated: false });
  });

  it('ignores our own overlay host', () => {
    const doc = parsePage('news-page.html');
    const host = doc.createElement('tcg-overlay');
    const table = new DOMParser().parseFromString('<table><tr><th>Code</th><th>Units</th></tr><tr><td>97124</td><td>2</td></tr></table>', 'text/html');
    host.append(doc.importNode(table.querySelector('table') as Element, true));
    doc.documentElement.append(host);
    expect(readFrame(doc, at(URLS.news), []).empty).toBe(true);
  });

  it('picks up a designMode editor (rich-text iframes) as a note part', () => {
    const doc = new DOMParser().parseFromString('<!DOCTYPE html><body><p>Therapeutic massage to lumbar paraspinals, 20 min.</p></body>', 'text/html');
    doc.designMode = 'on';
    const frame = readFrame(doc, at('about:blank'), []);
    expect(frame.snapshot.noteParts).toEqual([{ id: 'editor:0', text: 'Therapeutic massage to lumbar paraspinals, 20 min.' }]);
  });
});

describe('generic adapter: candidate cache', () => {
  it('queries the page once and reuses the candidates until invalidated', () => {
    const doc = mountPage('generic-ehr.html');
    genericAdapter.invalidate?.(doc);
    const spy = vi.spyOn(doc, 'querySelectorAll');
    genericAdapter.read(doc);
    const first = spy.mock.calls.length;
    expect(first).toBeGreaterThan(0);
    spy.mockClear();
    genericAdapter.read(doc);
    expect(spy.mock.calls.length).toBe(0);
    genericAdapter.invalidate?.(doc);
    genericAdapter.read(doc);
    expect(spy.mock.calls.length).toBe(first);
    spy.mockRestore();
  });

  it('sees text typed into a cached editor without a new query (characterData changes)', () => {
    const doc = mountPage('generic-ehr.html');
    genericAdapter.read(doc);
    const paragraph = doc.querySelector('#note-editor p') as HTMLElement;
    (paragraph.firstChild as Text).appendData(' Sleeps poorly.');
    const part = genericAdapter.read(doc).noteParts.find((p) => p.id === 'editor:note-editor');
    expect(part?.text).toContain('worse at end of work day. Sleeps poorly.');
  });
});

describe('classifyField', () => {
  it('understands the header words EHRs use for claim columns', () => {
    expect(['Svc', 'CPT®', 'Proc Code', 'HCPCS'].map(classifyField)).toEqual(['code', 'code', 'code', 'code']);
    expect(['Mods', 'Mod 1', 'Modifier'].map(classifyField)).toEqual(['modifiers', 'modifiers', 'modifiers']);
    expect(['Qty/Units', 'UOS', 'Billed units'].map(classifyField)).toEqual(['units', 'units', 'units']);
    expect(['Time (min)', 'Minutes'].map(classifyField)).toEqual(['minutes', 'minutes']);
    expect(['Diag Ptr', 'Dx Code', 'ICD-10', 'Justify'].map(classifyField)).toEqual(['dx', 'dx', 'dx', 'dx']);
    expect(['Service Date', 'DOS'].map(classifyField)).toEqual(['date', 'date']);
    expect(['Description', 'Charge', 'Provider'].map(classifyField)).toEqual([null, null, null]);
  });
});
