// The typed rule-option catalog (src/settings/rule-options.ts) must list exactly the
// options the rules read (`options.<name>` in src/engine/rules/<rule>.ts), and policy options
// must reach the engine and change what it reports.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkOptions } from '../../src/background/analyze';
import { optionNames, RULE_OPTION_SCHEMAS } from '../../src/settings/rule-options';
import { DEFAULT_SETTINGS, resolveSettings } from '../../src/settings';
import { check, listAllRules, listProfiles, listRules } from '../../src/engine';
import type { TabRecord } from '../../src/background/state';

const RULES_DIR = new URL('../../src/engine/rules/', import.meta.url);
const HISTORY_RULES_DIR = new URL('../../src/engine/history/rules/', import.meta.url);

// Visit rules read `options.<name>`; cross-visit rules read their thresholds as `threshold('<name>')`.
function optionsReadBy(dir: URL, file: string): string[] {
  const source = readFileSync(new URL(file, dir), 'utf8');
  const reads = dir === RULES_DIR ? source.matchAll(/\boptions\.([A-Za-z]\w*)/g) : source.matchAll(/\bthreshold\('([A-Za-z]\w*)'\)/g);
  return [...new Set([...reads].map((m) => m[1] ?? ''))].sort();
}

describe('rule options catalog', () => {
  it('covers every option every rule reads, and nothing more', () => {
    const read: Record<string, string[]> = {};
    for (const dir of [RULES_DIR, HISTORY_RULES_DIR]) {
      for (const file of readdirSync(dir)) {
        if (!file.endsWith('.ts') || file === 'index.ts' || file === 'define.ts') continue;
        const options = optionsReadBy(dir, file);
        if (options.length > 0) read[file.replace(/\.ts$/, '')] = options;
      }
    }
    const catalog = Object.fromEntries(Object.keys(RULE_OPTION_SCHEMAS).map((rule) => [rule, optionNames(rule as keyof typeof RULE_OPTION_SCHEMAS).sort()]));
    expect(catalog).toEqual(read);
  });

  it('names only real rules', () => {
    const ids = new Set(listAllRules().map((rule) => rule.id));
    for (const rule of Object.keys(RULE_OPTION_SCHEMAS)) expect(ids.has(rule), rule).toBe(true);
  });

  it('reaches the engine: a policy maxUnits changes the massage-units finding', () => {
    const known = { rules: new Set(listRules().map((r) => r.id)), profiles: new Set(listProfiles().map((p) => p.id)) };
    const visit = {
      payer: 'Medicare',
      note: 'Therapeutic massage 97124 to lumbar paraspinals for muscle spasm, 38 minutes, to improve sitting tolerance toward goal.',
      lines: [{ code: '97124', units: 3, modifiers: ['GP'] }],
    };
    const record = { profileOverride: null } as TabRecord;
    const findingsWith = (managed: Record<string, unknown>) =>
      check(visit, checkOptions(record, resolveSettings(DEFAULT_SETTINGS, {}, managed, known))).findings.filter((f) => f.ruleId === 'massage-units');
    expect(findingsWith({})).toEqual([]);
    const limited = findingsWith({ ruleOptions: { 'massage-units': { maxUnits: 2 } }, ruleLevels: { 'massage-units': 'warning' } });
    expect(limited).toHaveLength(1);
    expect(limited[0]?.severity).toBe('warning');
  });

  it('takes the cross-visit rules\' thresholds as options and rejects values out of range with the reason', () => {
    const known = { rules: new Set(listAllRules().map((r) => r.id)), profiles: new Set(listProfiles().map((p) => p.id)) };
    const managed = {
      ruleOptions: {
        'cloned-note': { cloneSimilarity: 0.9, minShingles: 20 },
        'massage-trend': { massageVisits: 6, painImprovement: 12 },
      },
    };
    const resolved = resolveSettings(DEFAULT_SETTINGS, {}, managed, known);
    expect(resolved.settings.ruleOptions).toEqual({ 'cloned-note': { cloneSimilarity: 0.9, minShingles: 20 }, 'massage-trend': { massageVisits: 6 } });
    const rejected = resolved.rejected.map((r) => r.key);
    expect(rejected).toEqual(['ruleOptions.massage-trend.painImprovement']);
  });
});
