// Meta-tests of the cross-visit rules, as for the single-visit ones: every rule file registered,
// named after its id, documented, cited, tested; every threshold sourced; ids never collide.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listRules } from '../../src/engine';
import { listHistoryRules, THRESHOLD_NAMES } from '../../src/engine/history';
import { HISTORY_RULES } from '../../src/engine/history/rules';
import { PROFILES_WITH_THRESHOLDS } from '../../src/engine/history/thresholds';
import { PROFILE_DATA } from '../../src/engine/payers';
import data from '../../src/engine/data/history.json';

const ruleFiles = readdirSync('src/engine/history/rules')
  .filter((f) => f.endsWith('.ts') && !['index.ts', 'define.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

describe('cross-visit rule registry', () => {
  it('registers every rule file exactly once', () => {
    expect(HISTORY_RULES.map((r) => r.meta.id).sort()).toEqual(ruleFiles);
  });

  it('shares no id with a single-visit rule', () => {
    const single = new Set(listRules().map((r) => r.id));
    for (const id of ruleFiles) expect(single.has(id), id).toBe(false);
  });

  const readme = readFileSync('docs/history.md', 'utf8');
  for (const rule of HISTORY_RULES) {
    const { meta } = rule;
    describe(meta.id, () => {
      it('has complete meta and cites public sources', () => {
        expect(meta.title.length).toBeGreaterThan(5);
        expect(meta.rationale.length).toBeGreaterThan(40);
        expect(meta.howToFix.length).toBeGreaterThan(30);
        for (const c of meta.citations) expect(c.url).toMatch(/^https?:\/\/[^\s]+\.[^\s]+/);
        expect(meta.citations.length).toBeGreaterThan(0);
      });
      it('reads only thresholds the data defines', () => {
        for (const name of rule.thresholds) expect(THRESHOLD_NAMES).toContain(name);
      });
      it('has a table test and is documented', () => {
        expect(existsSync(`test/history/${meta.id}.test.ts`)).toBe(true);
        expect(readme).toContain(`\`${meta.id}\``);
      });
    });
  }
  it('lists the rules for the command line', () => {
    expect(listHistoryRules().map((r) => r.id).sort()).toEqual(ruleFiles);
  });
});

describe('data/history.json', () => {
  type Entry = { value: number | null; why: string; unconfirmed: boolean; source: { title: string; url: string } };
  const all: [string, Entry][] = [
    ...Object.entries(data.defaults as Record<string, Entry>).map(([k, v]) => [`defaults.${k}`, v] as [string, Entry]),
    ...Object.entries(data.profiles as Record<string, Record<string, Entry>>).flatMap(([p, entries]) => Object.entries(entries).map(([k, v]) => [`${p}.${k}`, v] as [string, Entry])),
  ];
  it('gives every entry a value, a reason and a public source, and says whether it is confirmed', () => {
    for (const [name, entry] of all) {
      expect(entry.value === null || typeof entry.value === 'number', name).toBe(true);
      expect(entry.why.length, name).toBeGreaterThan(20);
      expect(typeof entry.unconfirmed, name).toBe('boolean');
      expect(entry.source.url, name).toMatch(/^https:\/\/[^\s]+\.[^\s]+/);
    }
  });
  it('overrides only thresholds that have defaults, for profiles that exist', () => {
    const ids = new Set(PROFILE_DATA.map((p) => p.id));
    for (const id of PROFILES_WITH_THRESHOLDS) expect(ids.has(id), id).toBe(true);
    for (const entries of Object.values(data.profiles)) for (const name of Object.keys(entries)) expect(THRESHOLD_NAMES).toContain(name);
  });
  it('marks a profile override unconfirmed when its source says UNCONFIRMED', () => {
    for (const [name, entry] of all) if (/UNCONFIRMED/.test(entry.source.title)) expect(entry.unconfirmed, name).toBe(true);
  });
});
