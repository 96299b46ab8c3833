import { describe, expect, it } from 'vitest';
import { mergeFrames, parseProviderText, splitVisitPartId, visitPartId } from '../../src/background/frames';
import type { Snapshot } from '../../src/shared/snapshot';

const snap = (over: Partial<Snapshot>): Snapshot => ({ adapter: 'generic', noteParts: [], claimLines: [], truncated: false, ...over });

describe('mergeFrames', () => {
  it('returns null when no frame shows a note or a claim line', () => {
    expect(mergeFrames([])).toBeNull();
    expect(mergeFrames([{ frameId: 0, snapshot: snap({ payerText: 'Aetna', noteParts: [{ id: 'a', text: '   ' }] }) }])).toBeNull();
  });

  it('orders note parts top frame first, then by frameId, with frame-qualified ids and labels', () => {
    const merged = mergeFrames([
      { frameId: 9, snapshot: snap({ noteParts: [{ id: 'soap:plan', label: 'Plan', text: 'Continue POC.' }] }) },
      { frameId: 0, snapshot: snap({ noteParts: [{ id: 'summary', text: 'Visit 4.' }] }) },
      { frameId: 4, snapshot: snap({ noteParts: [{ id: 'soap:subjective', label: 'Subjective', text: 'Neck pain 6/10.' }] }) },
    ]);
    expect(merged?.visit.note).toEqual([
      { id: '0|summary', label: 'summary', text: 'Visit 4.' },
      { id: '4|soap:subjective', label: 'Subjective', text: 'Neck pain 6/10.' },
      { id: '9|soap:plan', label: 'Plan', text: 'Continue POC.' },
    ]);
    expect(merged?.parts['4|soap:subjective']).toEqual({ frameId: 4, partId: 'soap:subjective' });
    expect(merged?.frames).toEqual([0, 4, 9]);
  });

  it('counts a claim line seen in two frames once, keeping the richer reading', () => {
    const feeSheet = snap({ claimLines: [{ code: '97124', modifiers: ['GP'], units: 2, minutes: 30 }, { code: '97110', modifiers: ['GP'], units: 1 }] });
    const summary = snap({ claimLines: [{ code: '97124', units: 2 }, { code: '97110', modifiers: ['GP'], units: 1 }] });
    const merged = mergeFrames([
      { frameId: 3, snapshot: feeSheet },
      { frameId: 5, snapshot: summary },
    ]);
    expect(merged?.visit.lines).toEqual([
      { code: '97124', modifiers: ['GP'], units: 2, minutes: 30 },
      { code: '97110', modifiers: ['GP'], units: 1 },
    ]);
  });

  it('keeps two identical lines of the same frame (two lines are two lines)', () => {
    const merged = mergeFrames([
      { frameId: 0, snapshot: snap({ claimLines: [{ code: '97124', units: 1 }, { code: '97124', units: 1 }] }) },
      { frameId: 2, snapshot: snap({ claimLines: [{ code: '97124', units: 1 }] }) },
    ]);
    expect(merged?.visit.lines).toHaveLength(2);
  });

  it('does not merge lines whose modifiers disagree', () => {
    const merged = mergeFrames([
      { frameId: 0, snapshot: snap({ claimLines: [{ code: '97124', modifiers: ['GP'] }] }) },
      { frameId: 1, snapshot: snap({ claimLines: [{ code: '97124', modifiers: ['GO'] }] }) },
    ]);
    expect(merged?.visit.lines).toHaveLength(2);
  });

  it('takes payer, provider and date from the first frame that has them and parses credentials', () => {
    const merged = mergeFrames([
      { frameId: 0, snapshot: snap({ noteParts: [{ id: 'n', text: 'note' }] }) },
      { frameId: 2, snapshot: snap({ claimLines: [{ code: '97124' }], payerText: ' Aetna Choice POS II ', dateOfService: '2026-11-02' }) },
      { frameId: 3, snapshot: snap({ noteParts: [{ id: 's', text: 'signed' }], providerText: 'Electronically signed by: Jane Doe, PT, DPT', payerText: 'Medicare' }) },
    ]);
    expect(merged?.visit.payer).toBe('Aetna Choice POS II');
    expect(merged?.visit.dateOfService).toBe('2026-11-02');
    expect(merged?.visit.provider).toEqual({ name: 'Jane Doe', credentials: ['PT', 'DPT'] });
  });

  it('reports truncation from any frame', () => {
    const merged = mergeFrames([{ frameId: 0, snapshot: snap({ truncated: true, noteParts: [{ id: 'n', text: 'x' }] }) }]);
    expect(merged?.truncated).toBe(true);
  });
});

describe('parseProviderText', () => {
  it.each([
    ['Jane Doe, PT', { name: 'Jane Doe', credentials: ['PT'] }],
    ['Jane Doe PTA', { name: 'Jane Doe', credentials: ['PTA'] }],
    ['Signed: John Ott, P.T., OCS', { name: 'John Ott', credentials: ['PT', 'OCS'] }],
    ['Mary Smith, OTR/L', { name: 'Mary Smith', credentials: ['OTR/L'] }],
    ['Sam Lee (LMT)', { name: 'Sam Lee', credentials: ['LMT'] }],
    ['Ana Ruiz, PT/DPT', { name: 'Ana Ruiz', credentials: ['PT', 'DPT'] }],
    ['Rendering provider: Pat Ma', { name: 'Pat Ma', credentials: [] }],
    ['PTA', { credentials: ['PTA'] }],
  ])('%s', (text, expected) => {
    expect(parseProviderText(text)).toEqual(expected);
  });
});

describe('visit part ids', () => {
  it('round-trip and reject foreign ids', () => {
    expect(splitVisitPartId(visitPartId(7, 'soap:objective|x'))).toEqual({ frameId: 7, partId: 'soap:objective|x' });
    expect(splitVisitPartId('note')).toBeNull();
    expect(splitVisitPartId('-1|x')).toBeNull();
    expect(splitVisitPartId('|x')).toBeNull();
  });
});
