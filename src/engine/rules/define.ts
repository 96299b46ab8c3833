// The shape of a rule module: `export default defineRule({ meta, check })`, one per file,
// with meta.id equal to the file name (test/engine/rules/registry.test.ts enforces it); and the few
// readings of the chart that several rules share.
import type { Chart } from '../chart';
import type { Rule } from '../types';

export function defineRule(rule: Rule): Rule {
  return rule;
}

/**
 * Sentences that document a lack of change: a measure read as the same ("4/10, no different from Monday"), or
 * no-change wording ("unchanged", "no improvement"). Comparison words in them ("since last visit") frame
 * the lack of change; they are no progress (treatment-response, episode-duration).
 */
export function unchangedSentences(chart: Chart): Set<number> {
  const out = new Set(chart.changes.filter((c) => c.direction === 'same' && !c.negated).map((c) => c.sentence));
  for (const m of chart.mentions.response ?? []) if (m.entry === 'no-change' && !m.hypothetical) out.add(m.sentence);
  return out;
}
