// @vitest-environment jsdom
// OpenEMR 7.0.x as its templates render (test/fixtures/pages/openemr-*.html, written by
// demo/openemr/generate.mjs from templates.mjs, which follows the real templates element by
// element): every page read right by the generic page reader, with no OpenEMR-specific code.
import { describe, expect, it } from 'vitest';
import { classifyFrame } from '../../src/adapters/classify/index';
import { settleTitles } from '../../src/adapters/page/titles';
import { ElementIds, readFrame } from '../../src/adapters/index';
import { mergeReadings, type ClassifiedFrame } from '../../src/background/frames';
import type { Visit } from '../../src/engine/visit';
import { at, noteText, parsePage, URLS } from './pages';

/** One frame of a page: its document read and classified; `visible: false` for a background tab. */
function frame(name: string, frameId: number, { visible = true, url = URLS.generic } = {}): ClassifiedFrame {
  const { snapshot } = readFrame(parsePage(name), at(url), [], new ElementIds(), { top: false });
  const page = snapshot.page;
  if (!visible) {
    // What a frame in a display:none tab reports: nothing in it is shown.
    page.frame.visible = false;
    for (const b of page.blocks) b.visible = false;
    for (const t of page.tables) t.visible = false;
  }
  return { frameId, reading: classifyFrame(settleTitles(page)), stale: false, top: false };
}

function visitsOf(...frames: ClassifiedFrame[]): Visit[] {
  return mergeReadings(frames)?.visits.map((v) => v.visit) ?? [];
}

function only(...frames: ClassifiedFrame[]): Visit {
  const visits = visitsOf(...frames);
  expect(visits).toHaveLength(1);
  return visits[0] as Visit;
}

const SOAP_12 = [
  ['Subjective', 'Pt reports tightness in the low back and both shoulders after long shifts at a desk.'],
  ['Objective', 'Treatment: therapeutic massage -- 20 min to low back and shoulders.'],
  ['Assessment', 'Pt continues to enjoy massage.'],
  ['Plan', 'Return next week for more massage.\nSigned: Kim Lee, PTA'],
];

function expectSoap12(visit: Visit): void {
  const parts = typeof visit.note === 'string' ? [] : visit.note;
  expect(parts.map((p) => p.label)).toEqual(SOAP_12.map(([label]) => label));
  SOAP_12.forEach(([, text], i) => expect(parts[i]?.text).toContain(text));
}

describe('fee sheet (interface/forms/fee_sheet/new.php)', () => {
  it('unbilled: reads the editable lines, skips the line marked for deletion, takes the provider from its select', () => {
    const visit = only(frame('openemr-fee-sheet-unbilled.html', 1));
    expect(visit.lines).toEqual([
      { code: '97124', units: 3, dx: ['M54.50'] },
      { code: '97140', modifiers: ['GP'], units: 1, dx: ['M54.50'] },
    ]);
    expect(visit.provider).toEqual({ name: 'Kim Lee' });
    expect(visit.dateOfService).toBe('2026-11-20'); // "Fee Sheet for … for Encounter on 11/20/2026"
    expect(visit.payer).toBeUndefined(); // the fee sheet does not show it
  });

  it('billed: reads the text cells and the justify values as diagnoses, never "ICD10"', () => {
    const visit = only(frame('openemr-fee-sheet-billed.html', 1));
    expect(visit.lines).toEqual([
      { code: '97124', modifiers: ['GP'], units: 1, dx: ['M62.830'] },
      { code: '97110', modifiers: ['GP'], units: 2, dx: ['M54.2', 'M62.830'] },
    ]);
    expect(JSON.stringify(visit.lines)).not.toContain('ICD10');
    expect(visit.provider).toEqual({ name: 'Ruth Adler' });
  });
});

describe('SOAP (interface/forms/soap/templates/soap_form.twig)', () => {
  it('edit: the four textareas are the note, labelled; the signature names the provider', () => {
    const visit = only(frame('openemr-soap-edit.html', 1));
    expectSoap12(visit);
    expect(visit.lines).toEqual([]);
    expect(visit.provider).toEqual({ name: 'Kim Lee', credentials: ['PTA'] });
  });

  it('new: an empty form is nothing to read', () => {
    expect(visitsOf(frame('openemr-soap-new.html', 1))).toEqual([]);
  });
});

describe('Clinical Notes (interface/forms/clinical_notes/new.php)', () => {
  it('reads the description textarea, the date field and the signing line', () => {
    const visit = only(frame('openemr-clinical-notes.html', 1));
    expect(noteText(visit)).toContain('Massage to the left gastrocnemius 12 minutes');
    expect(visit.dateOfService).toBe('2026-11-21');
    expect(visit.provider).toEqual({ name: 'Omar Haddad', credentials: ['PT'] });
  });
});

describe('encounter summary (interface/patient_file/encounter/forms.php)', () => {
  it('reads the SOAP report by its section labels and the date from the encounter title', () => {
    const visit = only(frame('openemr-forms-summary.html', 1));
    expectSoap12(visit);
    expect(visit.dateOfService).toBe('2026-11-20'); // "11/20/2026 Encounter for Sam Rivera"
    expect(JSON.stringify(visit.note)).not.toMatch(/Expand|Collapse|Visit Summary|Edit/);
  });

  it('reads the Clinical Notes report: header fields are facts, the text is the note', () => {
    const visit = only(frame('openemr-forms-summary-clinical-notes.html', 1));
    expect(noteText(visit)).toMatch(/^Left calf strain/);
    expect(noteText(visit)).not.toContain('Progress Note');
    expect(visit.provider).toEqual({ name: 'Omar Haddad', credentials: ['PT'] });
  });
});

describe('patient dashboard (interface/patient_file/summary/demographics.php, insurance card)', () => {
  it('gives the payer: the insurer\'s name, not its address', () => {
    const merged = mergeReadings([frame('openemr-dashboard.html', 2, { visible: false }), frame('openemr-fee-sheet-unbilled.html', 4)]);
    expect(merged?.visits[0]?.visit.payer).toBe('Aetna Choice POS II');
  });
});

describe('the encounter as a whole (encounter_top.php: Summary, SOAP and Fee Sheet tabs)', () => {
  it('reads the note once (the visible SOAP tab wins over the hidden Summary) and the lines from the Fee Sheet tab', () => {
    const merged = mergeReadings([
      frame('openemr-main-tabs.html', 0),
      frame('openemr-encounter-top.html', 1),
      frame('openemr-forms-summary.html', 2, { visible: false }),
      frame('openemr-soap-edit.html', 3),
      frame('openemr-fee-sheet-unbilled.html', 4, { visible: false }),
    ]);
    expect(merged?.visits).toHaveLength(1);
    const visit = merged?.visits[0]?.visit as Visit;
    expectSoap12(visit);
    expect(Object.values(merged?.visits[0]?.parts ?? {}).every((p) => p.frameId === 3)).toBe(true);
    expect(merged?.duplicates.length).toBe(4);
    expect(visit.lines.map((l) => l.code)).toEqual(['97124', '97140']);
    expect(visit.dateOfService).toBe('2026-11-20');
    // "Lee, Kim" from the fee sheet's provider select, PTA from the note's signature.
    expect(visit.provider).toEqual({ name: 'Kim Lee', credentials: ['PTA'] });
    expect(visit.payer).toBeUndefined(); // the encounter's frames do not show it (the dashboard tab does)
  });
});

describe('Billing Manager (interface/billing/billing_report.php)', () => {
  it('reads every listed encounter (no tick needed) with its payer, date, provider and units', () => {
    const visits = visitsOf(frame('openemr-billing-manager.html', 0));
    expect(visits.map((v) => [v.payer, v.dateOfService, v.provider?.name])).toEqual([
      ['Aetna Choice POS II', '2026-11-20', 'Kim Lee'],
      ['Medicare Part B', '2026-11-20', 'Ruth Adler'],
      ['UnitedHealthcare Choice Plus', '2026-11-21', 'Omar Haddad'],
    ]);
    expect(visits.map((v) => v.lines)).toEqual([
      [
        { code: '97124', units: 3, dx: ['M54.50'] },
        { code: '97140', modifiers: ['GP'], units: 1, dx: ['M54.50'] },
      ],
      [
        { code: '97124', modifiers: ['GP'], units: 1, dx: ['M62.830'] },
        { code: '97110', modifiers: ['GP'], units: 2, dx: ['M54.2', 'M62.830'] },
      ],
      [
        { code: '97124', modifiers: ['GP'], units: 1, dx: ['S86.112A'] },
        { code: '97110', modifiers: ['GP'], units: 2, dx: ['S86.112A'] },
      ],
    ]);
    expect(visits.every((v) => noteText(v) === '')).toBe(true);
  });

  it('reads no units when the Billing Manager does not show them', () => {
    const visits = visitsOf(frame('openemr-billing-manager-no-units.html', 0));
    expect(visits).toHaveLength(2);
    expect(visits.flatMap((v) => v.lines).every((l) => l.units === undefined)).toBe(true);
  });
});
