// The Reading (src/engine/explain.ts): what check(visit, { explain: true }) says it read, on visits
// whose minutes, totals, measures, goals and signature are known, with every evidence span pointing
// at the text it quotes.
import { describe, expect, it } from 'vitest';
import { LEXICON_IDS } from '../../src/engine/chart';
import { check } from '../../src/engine/check';
import { CONTEXT_LEXICONS, GOAL_LEXICONS, MAX_READING_ITEMS, type Reading, readingSections, WORDING_LEXICONS } from '../../src/engine/explain';
import type { Evidence } from '../../src/engine/types';
import type { Visit } from '../../src/engine/visit';

const PARTS = {
  subjective: 'Neck pain 6/10 limits driving. Goal: drive 30 minutes without pain in 4 weeks.',
  objective: 'Cervical rotation R 40 degrees. Palpable spasm R upper trapezius.',
  treatment:
    'Therapeutic massage -- 25 min: effleurage to R upper trapezius. Therapeutic exercise -- 15 min. Total timed minutes: 40. Post: pain 3/10, rotation 52 degrees.',
  signature: 'J. Smith, PTA',
};

const visit: Visit = {
  payer: 'Medicare',
  dateOfService: '2026-11-02',
  note: Object.entries(PARTS).map(([id, text]) => ({ id, label: id, text })),
  lines: [
    { code: '97124', modifiers: ['GP', 'CQ'], units: 2, dx: ['M62.838'] },
    // The claim's 20 minutes win over the note's 15; the reading shows both.
    { code: '97110', modifiers: ['GP', 'CQ'], units: 1, minutes: 20, dx: ['M62.838'] },
  ],
  episode: { visitNumber: 4 },
};

function reading(v: Visit): Reading {
  const result = check(v, { explain: true });
  expect(result.reading).toBeDefined();
  return result.reading!;
}

function allEvidence(r: Reading): Evidence[] {
  return readingSections(r).flatMap((section) => section.items.flatMap((item) => item.evidence));
}

describe('check(visit, { explain: true }).reading', () => {
  const r = reading(visit);

  it('is left out unless asked for, and asking for it changes no finding', () => {
    const plain = check(visit);
    expect(plain.reading).toBeUndefined();
    expect(check(visit, { explain: true }).findings).toEqual(plain.findings);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('maps every evidence span to the note part it quotes, like findings', () => {
    const evidence = allEvidence(r);
    expect(evidence.length).toBeGreaterThan(10);
    for (const e of evidence) {
      expect(Object.keys(PARTS)).toContain(e.part);
      expect(PARTS[e.part as keyof typeof PARTS].slice(e.start, e.end)).toBe(e.text);
    }
  });

  it('gives minutes per code with where they came from and the text they were read from', () => {
    const [massage, exercise] = r.times.items;
    expect(massage).toMatchObject({ code: '97124', minutes: 25, from: 'note', forms: ['minutes'], conflicting: [] });
    expect(massage!.evidence.map((e) => [e.part, e.text])).toEqual([['treatment', '25 min']]);
    expect(massage!.evidence[0]!.context?.text).toContain('Therapeutic massage -- 25 min');
    expect(exercise).toMatchObject({ code: '97110', minutes: 20, from: 'claim' });
    expect(exercise!.says).toBe('97110: 20 min from the claim; the note gives 15 min');
  });

  it('says when a billed timed code has no minutes', () => {
    const extra = reading({ ...visit, lines: [...visit.lines, { code: '97112', units: 1 }] });
    expect(extra.times.items.find((i) => i.code === '97112')).toEqual({ says: '97112: no minutes found', code: '97112', minutes: null, forms: [], conflicting: [], evidence: [] });
    // Without every code's minutes the per-code units cannot be worked out, and the reading says so.
    expect(extra.units.items.find((i) => i.code === '97112')?.says).toBe('97112: minutes unknown, expected units unknown, 1 billed');
  });

  it('gives the totals, documented or not', () => {
    expect(r.totals.items).toEqual([
      { total: 'timed', says: 'Total timed minutes: 40 min from the note', minutes: 40, from: 'note', evidence: [expect.objectContaining({ part: 'treatment', text: 'Total timed minutes: 40' })] },
      { total: 'treatment', says: 'Total treatment minutes: not documented', minutes: null, evidence: [] },
    ]);
    const claimed = reading({ ...visit, totalTimedMinutes: 45 });
    expect(claimed.totals.items[0]).toMatchObject({ minutes: 45, from: 'claim', says: 'Total timed minutes: 45 min from the claim; the note says 40 min' });
  });

  it('gives the unit method, the timed total and units per code', () => {
    expect(r.units).toMatchObject({ method: 'cms', totalTimedMinutes: 40, expectedTimedUnits: 3 });
    expect(r.units.summary).toBe('CMS total time (8-minute rule): 40 min timed, 3 timed units supported');
    expect(r.units.items.map((i) => i.says)).toEqual(['97124: 25 min, 2 expected, 2 billed', '97110: 20 min, 1 expected, 1 billed']);
  });

  it('gives measures with kind, value, phase and section', () => {
    expect(r.measures.items.map(({ kind, value, phase, section }) => ({ kind, value, phase, section }))).toEqual([
      { kind: 'pain', value: 6, phase: undefined, section: 'subjective' },
      { kind: 'rom', value: 40, phase: undefined, section: 'objective' },
      { kind: 'pain', value: 3, phase: 'post', section: 'treatment' },
      { kind: 'rom', value: 52, phase: 'post', section: 'treatment' },
    ]);
    expect(r.measures.items[2]!.says).toBe('pain "3/10", post-treatment, changed from 6 to 3 (in treatment)');
  });

  it('gives a documented change', () => {
    const changed = reading({ ...visit, note: 'Cervical rotation improved from 40 to 55 degrees since the last visit.' });
    expect(changed.measures.items[0]).toMatchObject({ kind: 'rom', change: { from: 40, to: 55 } });
    expect(changed.measures.items[0]!.says).toContain('changed from 40 to 55');
  });

  it('gives goal wording and functional activities', () => {
    expect(r.goals.items.map((i) => [i.lexicon, i.text])).toEqual([
      ['functional', 'driving'],
      ['goal-language', 'Goal'],
      ['functional', 'drive'],
    ]);
  });

  it('gives credentials and signatures, with the discipline and assistants they imply', () => {
    expect(r.signatures.items.map((i) => [i.credential, i.kind, i.evidence[0]?.text])).toEqual([
      ['PTA', 'signature', 'J. Smith, PTA'],
      ['PTA', 'involvement', 'PTA'],
    ]);
    expect(r.signatures.summary).toBe('Discipline: PT; assistant named: PTA');
    const claimProvider = reading({ ...visit, provider: { name: 'A. Lee', credentials: ['PT'] } });
    expect(claimProvider.signatures.items[0]).toEqual({ says: "PT: the claim's provider", credential: 'PT', kind: 'claim', from: 'claim', evidence: [] });
  });

  it('gives the episode facts and where they came from', () => {
    expect(r.episode.items.map(({ fact, value, from }) => ({ fact, value, from }))).toEqual([
      { fact: 'visitNumber', value: 4, from: 'claim' },
      { fact: 'dateOfService', value: '2026-11-02', from: 'claim' },
      { fact: 'onsetDate', value: null, from: undefined },
      { fact: 'planOfCareStart', value: null, from: undefined },
    ]);
    const fromNote = reading({ note: 'Visit 6. Therapeutic massage 10 min to R upper trapezius.', lines: [] });
    expect(fromNote.episode.items[0]).toMatchObject({ fact: 'visitNumber', value: 6, from: 'note', evidence: [expect.objectContaining({ text: expect.stringContaining('6') })] });
  });

  it('gives the claim lines written in the note, and says when they stand in for the claim', () => {
    const bare = reading({ note: 'Therapeutic massage 97124-GP x2 (25 min) to L QL for spasm.', lines: [] });
    expect(bare.noteLines.items).toHaveLength(1);
    expect(bare.noteLines.items[0]).toMatchObject({ code: '97124', modifiers: ['GP'], units: 2 });
    expect(bare.noteLines.summary).toBe('The visit has no claim lines: these are checked as the claim.');
    expect(r.noteLines.items).toEqual([]);
    expect(r.noteLines.summary).toBeUndefined();
  });

  it('gives the wording the rules weigh, qualified by negation', () => {
    const words = reading({ ...visit, note: 'No relaxation goals. Therapeutic massage 15 min, effleurage to L QL.' });
    const comfort = words.wording.items.find((i) => i.lexicon === 'comfort');
    expect(comfort).toMatchObject({ text: 'relaxation', context: ['negated'] });
    expect(comfort!.says).toBe('comfort wording: "relaxation" (negated)');
    expect(words.wording.items.find((i) => i.lexicon === 'massage-technique')?.text).toBe('effleurage');
  });

  it('has a title and a line for "nothing read" in every section', () => {
    const empty = reading({ note: '', lines: [] });
    for (const section of readingSections(empty)) {
      expect(section.title).not.toBe('');
      expect(section.none).not.toBe('');
    }
    expect(empty.times.items).toEqual([]);
    expect(empty.measures.items).toEqual([]);
  });

  it('points into a string note without a part', () => {
    const text = 'Therapeutic massage 15 min to L QL. Pain 5/10.';
    const plain = reading({ note: text, lines: [{ code: '97124', units: 1 }] });
    for (const e of allEvidence(plain)) {
      expect(e.part).toBeUndefined();
      expect(text.slice(e.start, e.end)).toBe(e.text);
    }
  });

  it('caps each section, saying how many items it left out', () => {
    const many = Array.from({ length: MAX_READING_ITEMS + 30 }, (_, i) => `Pain ${i % 10}/10.`).join(' ');
    const capped = reading({ note: many, lines: [] });
    expect(capped.measures.items).toHaveLength(MAX_READING_ITEMS);
    expect(capped.measures.omitted).toBe(30);
  });

  it('accounts for every vocabulary: shown as wording, as goals, or as the context of something else', () => {
    const shown = [...Object.keys(WORDING_LEXICONS), ...Object.keys(GOAL_LEXICONS), ...CONTEXT_LEXICONS];
    expect(new Set(shown).size).toBe(shown.length);
    expect([...shown].sort()).toEqual([...LEXICON_IDS].sort());
  });
});
