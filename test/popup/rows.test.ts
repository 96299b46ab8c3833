import { describe, expect, it } from 'vitest';
import { buildRows, countBySeverity, filterRows, lineLabel, openInstances, QUOTE_MAX, shortQuote } from '../../src/popup/rows';
import { okState } from './support/fixtures';

describe('rows: the findings list model', () => {
  it('groups by rule, worst severity first, keeping the engine order inside a severity', () => {
    const state = okState();
    const rows = buildRows(state, openInstances(state, state.result!));
    expect(rows.map((r) => [r.ruleId, r.severity, r.instances.map((i) => i.key)])).toEqual([
      ['relaxation-wording', 'error', ['k-relax', 'k-relax2']],
      ['units-exceed-minutes', 'warning', ['k-units']],
      ['missing-gp', 'warning', ['k-gp']],
      ['maintenance-pattern', 'info', ['k-maint']],
    ]);
    expect(rows[0]).toMatchObject({ line: '97124-GP ×3', quoteIsEvidence: true });
    expect(rows[1]).toMatchObject({ quoteIsEvidence: false, quote: '97124 billed 3 units, but 38 timed minutes support 3 units in total.' });
    expect(rows[1]?.line).toBeUndefined();
  });

  it('takes the worst severity of a rule whose instances differ, and leaves dismissed ones out', () => {
    const state = structuredClone(okState());
    state.result!.findings[1]!.severity = 'info';
    state.result!.findings[0]!.severity = 'warning';
    state.dismissed = [{ findingKey: 'k-units', ruleId: 'units-exceed-minutes', reason: 'other', at: 0 }];
    const instances = openInstances(state, state.result!);
    expect(instances.map((i) => i.key)).toEqual(['k-relax', 'k-relax2', 'k-gp', 'k-maint']);
    expect(countBySeverity(instances)).toEqual({ error: 0, warning: 2, info: 2 });
    const rows = buildRows(state, instances);
    expect(rows[0]).toMatchObject({ ruleId: 'relaxation-wording', severity: 'warning' });
    expect(filterRows(rows, 'info').map((r) => r.ruleId)).toEqual(['relaxation-wording', 'maintenance-pattern']);
    expect(filterRows(rows, 'error')).toEqual([]);
    expect(filterRows(rows, 'all')).toHaveLength(3);
  });

  it('cuts long quotes at a word with an ellipsis, and collapses white space', () => {
    expect(shortQuote('  a\n\tb  ')).toBe('a b');
    const long = `${'word '.repeat(40)}end`;
    const quote = shortQuote(long);
    expect(quote.length).toBeLessThanOrEqual(QUOTE_MAX);
    expect(quote.endsWith('word…')).toBe(true);
    expect(shortQuote('x'.repeat(200))).toBe(`${'x'.repeat(QUOTE_MAX - 1)}…`);
  });

  it('names a claim line by codes and units, or by its number when the lines are unknown', () => {
    const lines = [{ code: '97124', modifiers: ['GP', '59'], units: 2 }, { code: '97140', modifiers: [] }];
    expect(lineLabel(lines, 0)).toEqual({ code: '97124', text: '97124-GP-59 ×2' });
    expect(lineLabel(lines, 1)).toEqual({ code: '97140', text: '97140' });
    expect(lineLabel(undefined, 3)).toEqual({ code: null, text: '4' });
  });

  it('counts findings past the caps: "+N more" on its row, a row for a rule with none listed, and in the counts', () => {
    const state = structuredClone(okState());
    state.result!.truncated = {
      total: 5 + 12 + 4,
      shown: 5,
      omitted: { error: 12, warning: 0, info: 4 },
      rules: {
        'relaxation-wording': { count: 14, shown: 2, omitted: { error: 12, warning: 0, info: 0 } },
        'late-rule': { count: 4, shown: 0, omitted: { error: 0, warning: 0, info: 4 } },
      },
    };
    const instances = openInstances(state, state.result!);
    expect(countBySeverity(instances, state.result!.truncated.omitted)).toEqual({ error: 14, warning: 2, info: 5 });
    const rows = buildRows(state, instances);
    expect(rows.find((r) => r.ruleId === 'relaxation-wording')).toMatchObject({ more: 12, severity: 'error' });
    expect(rows.find((r) => r.ruleId === 'late-rule')).toMatchObject({ more: 4, severity: 'info', instances: [] });
    expect(filterRows(rows, 'info', state).map((r) => r.ruleId)).toEqual(['maintenance-pattern', 'late-rule']);
  });
});

