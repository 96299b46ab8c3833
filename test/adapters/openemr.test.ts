// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { pickAdapters, readFrame } from '../../src/adapters/index';
import { openemrAdapter } from '../../src/adapters/openemr';
import { mapTextRange } from '../../src/adapters/text';
import { SnapshotSchema } from '../../src/shared/snapshot';
import { at, parsePage, URLS } from './pages';

/** Snapshot parts without the source map, as the worker receives them. */
function parts(url: string, page: string) {
  const doc = parsePage(page);
  return { doc, frame: readFrame(doc, at(url), []) };
}

describe('OpenEMR adapter: matching', () => {
  it('matches the OpenEMR shell and encounter screens by path or markup, not other pages', () => {
    expect(openemrAdapter.matches(parsePage('openemr-main-tabs.html'), at(URLS.tabs))).toBe(true);
    expect(openemrAdapter.matches(parsePage('openemr-soap.html'), at('https://elsewhere.test/some/path'))).toBe(true);
    expect(openemrAdapter.matches(parsePage('openemr-fee-sheet-billed.html'), at('https://elsewhere.test/x'))).toBe(true);
    expect(openemrAdapter.matches(parsePage('generic-ehr.html'), at(URLS.generic))).toBe(false);
    expect(pickAdapters(parsePage('news-page.html'), at(URLS.news), []).map((a) => a.id)).toEqual(['generic']);
  });
});

describe('OpenEMR adapter: SOAP form', () => {
  it('reads each non-empty SOAP textarea with its legend as label', () => {
    const { frame } = parts(URLS.soap, 'openemr-soap.html');
    expect(frame.adapter).toBe('openemr');
    expect(frame.snapshot.noteParts).toEqual([
      {
        id: 'soap:subjective',
        label: 'Subjective',
        text: 'Pt reports tightness in bilateral upper trapezius, 6/10 pain after computer work. States last visit helped her sleep.',
      },
      {
        id: 'soap:objective',
        label: 'Objective',
        text:
          'Palpable trigger points R upper trapezius and levator scapulae. Cervical rotation R 55 deg, L 70 deg.\n' +
          'Treatment: therapeutic massage (97124) to cervical paraspinals and upper trapezius, effleurage and petrissage x 25 min. Manual therapy (97140) to levator scapulae x 10 min.',
      },
      {
        id: 'soap:assessment',
        label: 'Assessment',
        text: 'Decreased muscle guarding after massage; cervical rotation R improved to 65 deg. Pt tolerated treatment well.',
      },
    ]);
    expect(frame.snapshot.claimLines).toEqual([]);
    expect(frame.sources.get('soap:objective')?.kind).toBe('value');
  });

  it("reads the textarea's current value, not its markup, after the user edits it", () => {
    const { doc } = parts(URLS.soap, 'openemr-soap.html');
    const plan = doc.querySelector('textarea[name="plan"]') as HTMLTextAreaElement;
    plan.value = 'Continue 2x/week x 4 weeks; add thoracic mobility.';
    const subjective = doc.querySelector('textarea[name="subjective"]') as HTMLTextAreaElement;
    subjective.value = 'Pt reports less tightness today.';
    const frame = readFrame(doc, at(URLS.soap), []);
    expect(plan.textContent).toBe(''); // the markup never changed
    expect(frame.snapshot.noteParts.find((p) => p.id === 'soap:plan')?.text).toBe('Continue 2x/week x 4 weeks; add thoracic mobility.');
    expect(frame.snapshot.noteParts.find((p) => p.id === 'soap:subjective')?.text).toBe('Pt reports less tightness today.');
  });
});

describe('OpenEMR adapter: Fee Sheet', () => {
  it('reads unbilled lines from bill[N] input values, skipping ICD10, NDC and deleted lines', () => {
    const { frame } = parts(URLS.feeSheet, 'openemr-fee-sheet-unbilled.html');
    expect(frame.snapshot.claimLines).toEqual([
      { code: '97124', modifiers: ['GP'], units: 2, dx: ['M62.830'] },
      { code: '97140', modifiers: ['GP', '59'], units: 1, dx: ['M62.830', 'M54.2'] },
    ]);
    expect(frame.snapshot.providerText).toBe('Jane Doe');
    expect(frame.snapshot.noteParts).toEqual([]);
  });

  it('follows edits to input values (units typed, a line marked for deletion)', () => {
    const { doc } = parts(URLS.feeSheet, 'openemr-fee-sheet-unbilled.html');
    (doc.querySelector('input[name="bill[2][units]"]') as HTMLInputElement).value = '3';
    (doc.querySelector('input[name="bill[2][mod]"]') as HTMLInputElement).value = 'gp:kx';
    (doc.querySelector('input[name="bill[3][del]"]') as HTMLInputElement).checked = true;
    (doc.querySelector('input[name="bill[4][del]"]') as HTMLInputElement).checked = false;
    const frame = readFrame(doc, at(URLS.feeSheet), []);
    expect(frame.snapshot.claimLines).toEqual([
      { code: '97124', modifiers: ['GP', 'KX'], units: 3, dx: ['M62.830'] },
      { code: '97110', modifiers: ['GP'], units: 1, dx: ['M62.830'] },
    ]);
  });

  it('reads the billed rendering from text cells and hidden inputs, skipping <del> lines', () => {
    const { frame } = parts(URLS.feeSheet, 'openemr-fee-sheet-billed.html');
    expect(frame.snapshot.claimLines).toEqual([
      { code: '97124', modifiers: ['GP'], units: 2, dx: ['M62.830'] },
      { code: '97140', modifiers: ['GP', '59'], units: 1, dx: ['M62.830', 'M54.2'] },
    ]);
    expect(frame.snapshot.providerText).toBe('Jane Doe');
  });
});

describe('OpenEMR adapter: encounter summary', () => {
  it('reads the SOAP report and LBF rows (unwrapped), skipping non-note forms, with the signer', () => {
    const { frame } = parts(URLS.summary, 'openemr-encounter-summary.html');
    expect(frame.snapshot.noteParts).toEqual([
      { id: 'summary:soap~12:subjective', label: 'Subjective', text: 'Pt reports tightness in bilateral upper trapezius.\nPain 6/10 after computer work.' },
      { id: 'summary:soap~12:objective', label: 'Objective', text: 'Treatment: therapeutic massage (97124) to cervical paraspinals x 25 min.' },
      { id: 'summary:soap~12:assessment', label: 'Assessment', text: 'Decreased muscle guarding; rotation improved.' },
      { id: 'summary:soap~12:plan', label: 'Plan', text: 'Continue 2x/week x 4 weeks.' },
      {
        id: 'summary:LBFptnote~7:tx_massage',
        label: 'Massage Performed',
        text: 'Therapeutic massage to bilateral upper trapezius and levator scapulae for relaxation in preparation for therapeutic exercise, effleurage and petrissage, 25 minutes.',
      },
      { id: 'summary:LBFptnote~7:tx_response', label: 'Response', text: 'Pt tolerated treatment well; reports pain 3/10 after session.' },
      { id: 'summary:LBFptnote~7:goals', label: 'Short-term goals', text: 'Reduce cervical pain to 2/10 and restore full rotation within 4 weeks.' },
    ]);
    expect(frame.snapshot.providerText).toBe('Jane Doe, PT');
    expect(frame.snapshot.claimLines).toEqual([]);
  });

  it('maps an unwrapped LBF phrase back across the inserted line breaks', () => {
    const { frame } = parts(URLS.summary, 'openemr-encounter-summary.html');
    const part = frame.snapshot.noteParts.find((p) => p.id === 'summary:LBFptnote~7:tx_massage');
    const source = frame.sources.get('summary:LBFptnote~7:tx_massage');
    expect(part && source?.kind === 'text').toBe(true);
    if (!part || source?.kind !== 'text') return;
    const phrase = 'relaxation in preparation for therapeutic exercise';
    const start = part.text.indexOf(phrase);
    const range = source.root.ownerDocument.createRange();
    const points = mapTextRange(source.segments, start, start + phrase.length);
    expect(points).not.toBeNull();
    if (!points) return;
    range.setStart(points.start.node, points.start.offset);
    range.setEnd(points.end.node, points.end.offset);
    expect(range.toString()).toBe('relaxation in preparation for\ntherapeutic exercise');
  });
});

describe('OpenEMR adapter: Billing Manager', () => {
  it('reads the checked encounter: "97124:GP" cells, justify pointers, units, payer, provider, date', () => {
    const { frame } = parts(URLS.billing, 'openemr-billing-manager.html');
    expect(frame.snapshot.claimLines).toEqual([
      { code: '97124', modifiers: ['GP'], units: 2, dx: ['M62.830'] },
      { code: '97140', modifiers: ['GP', '59'], units: 1, dx: ['M62.830', 'M54.2'] },
    ]);
    expect(frame.snapshot.payerText).toBe('Aetna Choice POS II');
    expect(frame.snapshot.providerText).toBe('Jane Doe');
    expect(frame.snapshot.dateOfService).toBe('2026-11-20');
  });

  it('follows the encounter the user is working in, and reads nothing when it cannot tell', () => {
    const { doc } = parts(URLS.billing, 'openemr-billing-manager.html');
    (doc.querySelector('#CheckBoxBilling0') as HTMLInputElement).checked = false;
    expect(readFrame(doc, at(URLS.billing), []).empty).toBe(true);
    (doc.querySelector('#CheckBoxBilling1') as HTMLInputElement).checked = true;
    const frame = readFrame(doc, at(URLS.billing), []);
    expect(frame.snapshot.claimLines).toEqual([{ code: '97110', modifiers: ['GP'], units: 3, dx: ['M54.2'] }]);
    expect(frame.snapshot.payerText).toBe('Example Health Plan');
  });
});

describe('OpenEMR frames', () => {
  it('reads nothing from the tab shell, the encounter frame or a frameset, and picks no generic adapter there', () => {
    for (const [page, url] of [
      ['openemr-main-tabs.html', URLS.tabs],
      ['openemr-encounter-top.html', URLS.encTop],
      ['legacy-frameset.html', URLS.frameset],
    ] as const) {
      const doc = parsePage(page);
      expect(pickAdapters(doc, at(url), []).map((a) => a.id)).toEqual(['openemr']);
      const frame = readFrame(doc, at(url), []);
      expect(frame.empty).toBe(true);
      expect(frame.snapshot.noteParts).toEqual([]);
    }
  });

  it('gives sibling frames distinct part ids, so the worker can merge them into one visit', () => {
    const soap = readFrame(parsePage('openemr-soap.html'), at(URLS.soap), []);
    const fee = readFrame(parsePage('openemr-fee-sheet-unbilled.html'), at(URLS.feeSheet), []);
    const summary = readFrame(parsePage('openemr-encounter-summary.html'), at(URLS.summary), []);
    const frames = [soap, fee, summary];
    for (const frame of frames) expect(SnapshotSchema.safeParse(frame.snapshot).success).toBe(true);
    const ids = frames.flatMap((f) => f.snapshot.noteParts.map((p) => p.id));
    expect(new Set(ids).size).toBe(ids.length);
    const merged = {
      noteParts: frames.flatMap((f) => f.snapshot.noteParts),
      claimLines: frames.flatMap((f) => f.snapshot.claimLines),
      providerText: frames.map((f) => f.snapshot.providerText).find(Boolean),
    };
    expect(merged.noteParts.map((p) => p.id)).toContain('soap:objective');
    expect(merged.claimLines.map((l) => l.code)).toEqual(['97124', '97140']);
    expect(merged.providerText).toBe('Jane Doe');
  });
});
