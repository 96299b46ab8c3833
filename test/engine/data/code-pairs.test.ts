// code-pairs.json must stay valid: schema, cross-field rules, sources, and the pairs domain.md §2.2 gives.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOMAIN_SOURCE_URLS } from '../../fixtures/domain-sources';
import { CODE_PAIRS, pairActiveOn, pairsAmong, parseCodePairs } from '../../../src/engine/data/code-pairs';

const text = readFileSync('src/engine/data/code-pairs.json', 'utf8');
const raw = JSON.parse(text) as { pairs: Record<string, unknown>[] };
const clone = () => structuredClone(raw);
const domain = DOMAIN_SOURCE_URLS;

describe('code-pairs.json', () => {
  it('passes the schema and the cross-field rules', () => {
    const result = parseCodePairs(raw);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('is canonical JSON (2-space indent, trailing newline)', () => {
    expect(text).toBe(`${JSON.stringify(raw, null, 2)}\n`);
  });

  it('holds the pairs the domain sheet gives, with the modifier on the column-2 code', () => {
    const has = (c1: string, c2: string) => CODE_PAIRS.find((p) => p.column1 === c1 && p.column2 === c2);
    for (const cmt of ['98940', '98941', '98942']) {
      expect(has(cmt, '97124')?.modifierIndicator).toBe(1);
      expect(has(cmt, '97140')?.distinctRegionRequired).toBe(true);
    }
    for (const ev of ['97161', '97162', '97163']) expect(has(ev, '97140')?.effective).toBe('2020-01-01');
    expect(has('97140', '97530')).toBeDefined();
    expect(has('97012', '97140')).toBeDefined();
  });

  it('marks the 97124/97140 pair UNCONFIRMED, in its confidence and its note, and accepts a modifier on either line', () => {
    const pair = CODE_PAIRS.find((p) => [p.column1, p.column2].sort().join() === '97124,97140')!;
    expect(pair.confidence).toBe('unconfirmed');
    expect(pair.modifierOn).toBe('either');
    expect(pair.note).toMatch(/UNCONFIRMED/);
  });

  it('takes every source URL from the domain fact sheet', () => {
    for (const p of CODE_PAIRS) for (const s of p.sources) expect(domain, `${p.id}: ${s.url}`).toContain(s.url);
  });

  it('rejects a pair listed twice (in either column order), naming the path', () => {
    const data = clone();
    data.pairs.push({ ...data.pairs[0], id: 'dup', column1: data.pairs[0]!.column2, column2: data.pairs[0]!.column1 });
    const result = parseCodePairs(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toMatch(/is listed twice/);
  });

  it('rejects a pair without sources, a bad indicator and a code paired with itself', () => {
    const data = clone();
    data.pairs[0] = { ...data.pairs[0], sources: [] };
    data.pairs[1] = { ...data.pairs[1], modifierIndicator: 2 };
    expect(parseCodePairs(data).ok).toBe(false);
    const same = clone();
    same.pairs[0] = { ...same.pairs[0], column2: same.pairs[0]!.column1 };
    const result = parseCodePairs(same);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toMatch(/column1 and column2 are both/);
  });

  it('applies effective and deleted dates and ignores indicator 9', () => {
    const base = CODE_PAIRS.find((p) => p.effective === '2020-01-01')!;
    expect(pairActiveOn(base, '2019-12-31')).toBe(false);
    expect(pairActiveOn(base, '2020-01-01')).toBe(true);
    expect(pairActiveOn(base, undefined)).toBe(true);
    expect(pairActiveOn({ ...base, deleted: '2024-01-01' }, '2024-01-01')).toBe(false);
    expect(pairActiveOn({ ...base, modifierIndicator: 9 }, '2024-01-01')).toBe(false);
    expect(pairsAmong(new Set(['98940', '97124'])).map((p) => p.id)).toEqual(['98940-97124']);
    expect(pairsAmong(new Set(['97110', '97124']))).toEqual([]);
  });
});
