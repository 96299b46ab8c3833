import { describe, expect, it } from 'vitest';
import { check, DATA_VERSION, parseVisit, visitJsonSchema, type Visit } from '../../src/engine';

const visit: Visit = {
  payer: 'Aetna Choice POS II',
  note: [
    { id: 'obj', label: 'Objective', text: 'Palpable spasm L paraspinals.' },
    { id: 'tx', label: 'Treatment', text: 'Massage 15 min to lumbar paraspinals for relaxation.' },
  ],
  lines: [{ code: '97124', modifiers: ['GP'], units: 1, dx: ['M62.830'] }],
};

describe('check()', () => {
  it('names the profile it chose and the data version', () => {
    const r = check(visit);
    expect(r.profile).toMatchObject({ id: 'aetna', matchedBy: 'payer-name', payerText: 'Aetna Choice POS II' });
    expect(r.dataVersion).toEqual(DATA_VERSION);
  });
  it('says in each message which profile raised it', () => {
    const f = check(visit).findings.find((x) => x.ruleId === 'comfort-wording')!;
    expect(f.profile).toBe('aetna');
    expect(f.message).toMatch(/\(Aetna/);
  });
  it('maps evidence to the note part and its own offsets', () => {
    const f = check(visit).findings.find((x) => x.ruleId === 'comfort-wording')!;
    expect(f.evidence).toEqual({
      part: 'tx',
      start: 41,
      end: 51,
      text: 'relaxation',
      context: { start: 0, text: 'Massage 15 min to lumbar paraspinals for relaxation.' },
    });
  });
  it('gives the sentence around the evidence, windowed when the sentence is long', () => {
    const filler = 'word '.repeat(200);
    const note = `${filler}massage for relaxation ${filler}`;
    const f = check({ note, lines: [{ code: '97124', units: 1 }] }).findings.find((x) => x.ruleId === 'comfort-wording')!;
    const { evidence } = f;
    expect(evidence?.text).toBe('relaxation');
    expect(evidence?.context?.text.length).toBeLessThanOrEqual(2 * 120 + 'relaxation'.length);
    const at = evidence!.start - evidence!.context!.start;
    expect(evidence!.context!.text.slice(at, at + 10)).toBe('relaxation');
    expect(note.slice(evidence!.context!.start, evidence!.context!.start + evidence!.context!.text.length)).toBe(evidence!.context!.text);
  });
  it('is deterministic', () => {
    expect(JSON.stringify(check(visit))).toBe(JSON.stringify(check(visit)));
  });
  it('applies caller levels and the kill switch after the profile', () => {
    const raised = check(visit, { ruleLevels: { 'comfort-wording': 'info' } }).findings.find((x) => x.ruleId === 'comfort-wording');
    expect(raised?.severity).toBe('info');
    expect(check(visit, { disabledRules: ['comfort-wording'] }).findings.some((x) => x.ruleId === 'comfort-wording')).toBe(false);
    expect(check(visit, { ruleLevels: { 'comfort-wording': 'off' } }).findings.some((x) => x.ruleId === 'comfort-wording')).toBe(false);
  });
  it('sorts errors first', () => {
    const order = { error: 0, warning: 1, info: 2 } as const;
    const sev = check(visit).findings.map((f) => order[f.severity]);
    expect(sev).toEqual([...sev].sort((a, b) => a - b));
  });
  it('reports units billed and supported under the profile method', () => {
    const r = check({ ...visit, payer: 'medicare', note: 'Therapeutic massage 25 min. Total timed minutes: 25' });
    expect(r.units).toMatchObject({ method: 'cms', totalTimedMinutes: 25, expected: { '97124': 2 }, billed: { '97124': 1 } });
  });
  it('reads claim lines from a note when the visit has none', () => {
    const r = check({ note: 'Therapeutic massage 15 min to R upper trap for spasm.\n97124-GP x1', lines: [] });
    expect(r.units.billed).toEqual({ '97124': 1 });
  });
});

describe('the Visit contract', () => {
  it('accepts the documented shape and rejects bad fields with their path', () => {
    expect(parseVisit({ note: 'x', lines: [{ code: '97124', modifiers: ['GP', '59'], units: 2, minutes: 25, dx: ['M62.830'] }] }).ok).toBe(true);
    const bad = parseVisit({ note: 'x', lines: [{ code: '971', units: -1 }], dateOfService: '11/02/2026' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.path).sort()).toEqual(['dateOfService', 'lines.0.code', 'lines.0.units']);
    expect(parseVisit(null).ok).toBe(false);
    expect(parseVisit({ note: 5, lines: [] }).ok).toBe(false);
  });
  it('emits a JSON Schema with the contract field names', () => {
    const schema = visitJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['payer', 'dateOfService', 'note', 'lines', 'provider', 'totalTimedMinutes', 'totalTreatmentMinutes', 'episode']),
    );
    expect(schema.required).toEqual(['note', 'lines']);
  });
});

describe('one root cause, one finding', () => {
  const visit = {
    payer: 'Cigna',
    note: 'CMT 98940 lumbar. Therapeutic massage to R upper trapezius (separate region from the CMT): effleurage, kneading.',
    lines: [
      { code: '98940', units: 1, dx: ['M99.03'] },
      { code: '97124', modifiers: ['59'], units: 1, dx: ['M62.838'] },
    ],
  };
  it('a 59 unsupported only for lack of minutes is listed under the missing minutes, and kept as related', () => {
    const result = check(visit);
    const root = result.findings.find((f) => f.ruleId === 'minutes-missing');
    const dependent = result.findings.find((f) => f.ruleId === 'modifier-59-support');
    expect(root?.related?.map((r) => r.ruleId)).toEqual(['modifier-59-support']);
    expect(dependent?.relatedTo).toEqual({ ruleId: 'minutes-missing', line: 1 });
  });
  it('stands on its own when the root rule is off', () => {
    const result = check(visit, { disabledRules: ['minutes-missing'] });
    const dependent = result.findings.find((f) => f.ruleId === 'modifier-59-support');
    expect(dependent).toBeDefined();
    expect(dependent?.relatedTo).toBeUndefined();
  });
  it('says what the engine read behind each rule when asked (explainFindings)', () => {
    const result = check(visit, { explainFindings: true });
    expect(result.reading).toBeUndefined();
    const parts = result.explanations?.['minutes-missing'];
    expect(parts?.map((p) => p.title)).toEqual(['Minutes per code', 'Time not tied to a code', 'Totals']);
    expect(parts?.[0]?.lines).toContain('97124: no minutes found');
  });
});
