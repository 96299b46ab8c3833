import { describe, expect, it } from 'vitest';
import { classifyFrame } from '../../src/adapters/classify/index';
import { frameSnapshot, mergeReadings, parseProviderText, splitVisitPartId, visitPartId, type ClassifiedFrame } from '../../src/background/frames';
import { page, snapshot, type PageSpec } from './snapshots';

/** Ids of a visit's note parts. */
function partIds(note: string | { id?: string }[] | undefined): (string | undefined)[] {
  return typeof note === 'string' || note === undefined ? [] : note.map((p) => p.id);
}

function frame(frameId: number, spec: PageSpec, stale = false): ClassifiedFrame {
  return { frameId, reading: classifyFrame(page(spec)), stale, top: frameId === 0 };
}

const SUBJECTIVE = 'Pt reports neck pain 6/10 with turning, worse after desk work.';
const PLAN = 'Continue plan of care 2x/week; progress cervical stabilization.';

describe('mergeReadings', () => {
  it('returns null when no frame shows a note or a claim line', () => {
    expect(mergeReadings([])).toBeNull();
    expect(mergeReadings([frame(0, { facts: { Payer: 'Aetna' } })])).toBeNull();
  });

  it('orders note parts top frame first, then by frameId, with frame-qualified ids and labels', () => {
    const merged = mergeReadings([
      frame(9, { notes: [{ id: 'e4', label: 'Plan', text: PLAN }] }),
      frame(0, { notes: [{ id: 'e2', label: 'Subjective', text: SUBJECTIVE }] }),
    ]);
    expect(merged?.visits[0]?.visit.note).toEqual([
      { id: '0|e2', label: 'Subjective', text: SUBJECTIVE },
      { id: '9|e4', label: 'Plan', text: PLAN },
    ]);
    expect(merged?.visits[0]?.parts['9|e4']?.frameId).toBe(9);
    expect(merged?.frames).toEqual([0, 9]);
  });

  it('counts the same note text read in a hidden tab and a visible one once: the visible copy wins', () => {
    const merged = mergeReadings([
      frame(3, { notes: [{ id: 'e1', label: 'Subjective', text: SUBJECTIVE }], visible: false }),
      frame(5, { notes: [{ id: 'e8', label: 'Subjective', text: `${SUBJECTIVE} Added while editing.` }] }),
    ]);
    expect(partIds(merged?.visits[0]?.visit.note)).toEqual(['5|e8']);
    expect(merged?.duplicates).toEqual([expect.objectContaining({ frameId: 3, keptAs: '5|e8' })]);
  });

  it('drops the saved copy of a section the user has since rewritten in the form on screen', () => {
    const OLD = 'Pt continues to enjoy massage. Continue weekly massage for maintenance.';
    const NEW = 'Progressing toward goal of sitting 60 min at work.';
    const merged = mergeReadings([
      frame(3, { notes: [{ id: 'e1', label: 'Subjective', text: SUBJECTIVE }, { id: 'e2', label: 'Assessment', text: OLD }, { id: 'e3', label: 'Other form', text: PLAN }], visible: false }),
      frame(5, { notes: [{ id: 'e8', label: 'Subjective', text: SUBJECTIVE }, { id: 'e9', label: 'Assessment', text: NEW }] }),
    ]);
    expect(partIds(merged?.visits[0]?.visit.note)).toEqual(['3|e3', '5|e8', '5|e9']);
    // Not when the hidden frame shares nothing else with the form: then it is another note.
    const unrelated = mergeReadings([
      frame(3, { notes: [{ id: 'e2', label: 'Assessment', text: OLD }], visible: false }),
      frame(5, { notes: [{ id: 'e9', label: 'Assessment', text: NEW }] }),
    ]);
    expect(partIds(unrelated?.visits[0]?.visit.note)).toEqual(['3|e2', '5|e9']);
  });

  it('keeps a hidden frame\'s note when no frame the user sees shows it', () => {
    const merged = mergeReadings([frame(3, { notes: [{ id: 'e1', label: 'Subjective', text: SUBJECTIVE }], visible: false }), frame(5, { lines: [{ code: '97124', units: 1 }] })]);
    expect(partIds(merged?.visits[0]?.visit.note)).toEqual(['3|e1']);
  });

  it('counts a claim line seen in two frames once, keeping the richer reading', () => {
    const merged = mergeReadings([
      frame(3, { lines: [{ code: '97124', modifiers: ['GP'], units: 2, minutes: 30 }, { code: '97110', modifiers: ['GP'], units: 1 }] }),
      frame(5, { lines: [{ code: '97124', units: 2 }, { code: '97110', modifiers: ['GP'], units: 1 }] }),
    ]);
    expect(merged?.visits[0]?.visit.lines).toEqual([
      { code: '97124', modifiers: ['GP'], units: 2, minutes: 30 },
      { code: '97110', modifiers: ['GP'], units: 1 },
    ]);
    expect(merged?.visits[0]?.lines.map((l) => [l.frameId, l.read.anchor])).toEqual([
      [3, 'r0'],
      [3, 'r1'],
    ]);
  });

  it('keeps two identical lines of the same frame (two lines are two lines) and lines whose modifiers disagree', () => {
    expect(mergeReadings([frame(0, { lines: [{ code: '97124', units: 1 }, { code: '97124', units: 1 }] }), frame(2, { lines: [{ code: '97124', units: 1 }] })])?.visits[0]?.visit.lines).toHaveLength(2);
    expect(mergeReadings([frame(0, { lines: [{ code: '97124', modifiers: ['GP'] }] }), frame(1, { lines: [{ code: '97124', modifiers: ['GO'] }] })])?.visits[0]?.visit.lines).toHaveLength(2);
  });

  it('takes header facts from the frames, preferring the frames that hold the visit, and parses credentials', () => {
    const merged = mergeReadings([
      frame(0, { facts: { Payer: 'Banner Payer', Provider: 'Pat Banner, PT' } }),
      frame(2, { lines: [{ code: '97124' }], facts: { Payer: 'Aetna Choice POS II', 'Date of service': '11/02/2026', 'Visit #': '4', 'Total timed minutes': '38' } }),
      frame(3, { notes: [{ id: 's', text: SUBJECTIVE }], facts: { 'Electronically signed by': 'Jane Doe, PT, DPT', 'Plan of care start': '10/12/2026' } }),
    ]);
    const visit = merged?.visits[0]?.visit;
    expect(visit?.payer).toBe('Aetna Choice POS II');
    expect(visit?.dateOfService).toBe('2026-11-02');
    expect(visit?.provider).toEqual({ name: 'Jane Doe', credentials: ['PT', 'DPT'] });
    expect(visit?.totalTimedMinutes).toBe(38);
    expect(visit?.episode).toEqual({ visitNumber: 4, planOfCareStart: '2026-10-12' });
  });

  it('reports loading, stale and cut frames', () => {
    const loading = mergeReadings([frame(0, { notes: [{ id: 'n', text: SUBJECTIVE }], loading: true })]);
    expect(loading?.loading).toBe(true);
    expect(mergeReadings([frame(0, { notes: [{ id: 'n', text: SUBJECTIVE }] }, true)])?.stale).toBe(true);
  });
});

describe('frame snapshots as the worker keeps them', () => {
  it('stamps the browser-stamped origin, marks the previous snapshot stale on cs:pending, and forgets on cs:empty', () => {
    const sent = { ...snapshot({ notes: [{ id: 'n', text: SUBJECTIVE }] }), origin: 'https://forged.example', stale: true };
    const kept = frameSnapshot({ type: 'cs:snapshot', snapshot: sent }, null, 'https://ehr.example.org');
    expect(kept?.origin).toBe('https://ehr.example.org');
    expect(kept?.stale).toBeUndefined();
    expect(frameSnapshot({ type: 'cs:pending' }, kept, 'https://ehr.example.org')?.stale).toBe(true);
    expect(frameSnapshot({ type: 'cs:pending' }, null, 'https://ehr.example.org')).toBeNull();
    expect(frameSnapshot({ type: 'cs:empty' }, kept, 'https://ehr.example.org')).toBeNull();
  });
});

describe('part ids and provider text', () => {
  it('round-trips visit part ids and rejects ids it did not make', () => {
    expect(splitVisitPartId(visitPartId(12, 'e3#2'))).toEqual({ frameId: 12, partId: 'e3#2' });
    for (const bad of ['nope', '|x', '-1|x', '1.5|x']) expect(splitVisitPartId(bad)).toBeNull();
  });

  it('parses names and credentials, ignoring capitalised surnames that look like credentials', () => {
    expect(parseProviderText('Electronically signed by: Jane Doe, PT, DPT')).toEqual({ name: 'Jane Doe', credentials: ['PT', 'DPT'] });
    expect(parseProviderText('Seen by Sam Ott, OTR/L')).toEqual({ name: 'Sam Ott', credentials: ['OTR/L'] });
    expect(parseProviderText('Whitfield, Dana')).toEqual({ name: 'Dana Whitfield', credentials: [] });
  });
});
