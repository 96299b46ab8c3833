// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { readFrame, toSnapshot } from '../../src/adapters/index';
import { openemrAdapter } from '../../src/adapters/openemr';
import { MAX_LINES, MAX_PART_CHARS, MAX_PARTS, SnapshotSchema } from '../../src/shared/snapshot';
import { at, parsePage, URLS } from './pages';

function blankDoc(): Document {
  return new DOMParser().parseFromString('<!DOCTYPE html><html><body></body></html>', 'text/html');
}

describe('readFrame caps', () => {
  it('cuts an oversized textarea note at the part cap and marks the snapshot truncated', () => {
    const doc = parsePage('openemr-soap.html');
    const area = doc.querySelector('textarea[name="plan"]') as HTMLTextAreaElement;
    area.value = 'Continue plan of care. '.repeat(10_000); // 230,000 characters
    const frame = readFrame(doc, at(URLS.soap), []);
    const plan = frame.snapshot.noteParts.find((p) => p.id === 'soap:plan');
    expect(plan?.text.length).toBe(MAX_PART_CHARS);
    expect(frame.snapshot.truncated).toBe(true);
    expect(SnapshotSchema.safeParse(frame.snapshot).success).toBe(true);
  });

  it('stops collecting an oversized editor at the cap instead of building the whole text', () => {
    const doc = blankDoc();
    const editor = doc.createElement('div');
    editor.setAttribute('contenteditable', 'true');
    for (let i = 0; i < 3000; i++) {
      const p = doc.createElement('p');
      p.textContent = `Line ${i}: therapeutic massage to paraspinals, effleurage and petrissage, tolerated well.`;
      editor.append(p);
    }
    doc.body.append(editor);
    const frame = readFrame(doc, at('https://ehr.example.test/'), []);
    expect(frame.snapshot.noteParts[0]?.text.length).toBe(MAX_PART_CHARS);
    expect(frame.snapshot.truncated).toBe(true);
  });

  it('keeps at most MAX_PARTS parts and MAX_LINES lines, and says so', () => {
    const doc = blankDoc();
    for (let i = 0; i < MAX_PARTS + 5; i++) {
      const area = doc.createElement('textarea');
      area.name = `note${i}`;
      area.value = `Note part ${i}`;
      doc.body.append(area);
    }
    const table = doc.createElement('table');
    const head = table.insertRow();
    for (const title of ['CPT', 'Units']) {
      const th = doc.createElement('th');
      th.textContent = title;
      head.append(th);
    }
    for (let i = 0; i < MAX_LINES + 10; i++) {
      const row = table.insertRow();
      row.insertCell().textContent = '97124';
      row.insertCell().textContent = '1';
    }
    doc.body.append(table);
    const frame = readFrame(doc, at('https://ehr.example.test/'), []);
    expect(frame.snapshot.noteParts).toHaveLength(MAX_PARTS);
    expect(frame.snapshot.claimLines).toHaveLength(MAX_LINES);
    expect(frame.snapshot.truncated).toBe(true);
    expect(frame.sources.size).toBe(MAX_PARTS);
    expect(SnapshotSchema.safeParse(frame.snapshot).success).toBe(true);
  });

  it('drops values the snapshot schema would reject instead of failing the whole snapshot', () => {
    const doc = blankDoc();
    const { snapshot } = toSnapshot('generic', {
      noteParts: [{ id: 'x'.repeat(250), label: 'L'.repeat(250), text: 'ok', source: { kind: 'text', root: doc.body, segments: [] } }],
      claimLines: [
        { code: '97124', modifiers: ['GP', 'TOOLONG', 'K'], units: 1.5, minutes: 2000, dx: ['M62.830', 'X'.repeat(20)] },
        { code: '9712' },
      ],
      payerText: 'P'.repeat(400),
      providerText: 'Jane Doe, PT',
      dateOfService: '11/20/2026',
    });
    expect(snapshot.noteParts[0]?.id).toHaveLength(200);
    expect(snapshot.noteParts[0]?.label).toHaveLength(200);
    expect(snapshot.claimLines).toEqual([{ code: '97124', modifiers: ['GP'], dx: ['M62.830'] }]);
    expect(snapshot.payerText).toHaveLength(300);
    expect(snapshot.dateOfService).toBeUndefined();
    expect(snapshot.truncated).toBe(false);
    expect(SnapshotSchema.safeParse(snapshot).success).toBe(true);
  });
});

describe('readFrame regions', () => {
  it('observes only the OpenEMR regions present in the frame', () => {
    const doc = parsePage('openemr-fee-sheet-unbilled.html');
    const frame = readFrame(doc, at(URLS.feeSheet), []);
    expect(frame.regions).toEqual([doc.querySelector('table#selected_codes')]);
    expect(openemrAdapter.regions(parsePage('openemr-main-tabs.html'))[0]?.localName).toBe('body');
  });

  it('observes the whole body for the generic adapter', () => {
    const doc = parsePage('generic-list-form.html');
    expect(readFrame(doc, at(URLS.listForm), []).regions).toEqual([doc.body]);
  });
});

describe('readFrame: visit context from a top frame without note or claim', () => {
  const banner = (html: string) =>
    new DOMParser().parseFromString(`<!DOCTYPE html><html><body>${html}</body></html>`, 'text/html');
  const page = banner(
    '<div class="patient-header"><span><span class="label">Patient:</span> <b>Doe, Jane</b></span> ' +
      '<span><span class="label">Primary Insurance:</span> <span>Aetna Choice POS II</span></span></div>' +
      '<select name="claims[7][payer]"><option selected>primary: Cigna</option></select>',
  );

  it('reads the labelled payer of a patient banner in the top frame', () => {
    const frame = readFrame(page, at(URLS.tabs), [], undefined, { topFrame: true });
    expect(frame.empty).toBe(false);
    expect(frame.snapshot).toMatchObject({ noteParts: [], claimLines: [], payerText: 'Aetna Choice POS II' });
    expect(SnapshotSchema.safeParse(frame.snapshot).success).toBe(true);
  });

  it('reads labels only, never form controls, and nothing at all in a sub-frame', () => {
    const controlsOnly = banner('<select name="claims[7][payer]"><option selected>primary: Cigna</option></select>');
    expect(readFrame(controlsOnly, at(URLS.tabs), [], undefined, { topFrame: true }).empty).toBe(true);
    expect(readFrame(page, at(URLS.tabs), [], undefined, { topFrame: false }).empty).toBe(true);
  });
});
