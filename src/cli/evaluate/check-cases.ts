// Checks labelled cases for `evaluate`: each visit on its own, and the visits of each series case
// together, so the cross-visit rules' findings (src/engine/history) join each visit's own and are
// scored like any other rule. Each series is its own batch: separate scenarios never meet.
import { SeriesBatch } from '../../engine/history/series';
import type { CheckOptions } from '../../engine/types';
import { type CliEngine, EngineFailure } from '../context';
import type { LabelledCase } from './cases';
import type { ScoredCase } from './score';

export function checkCases(cases: readonly LabelledCase[], engine: Pick<CliEngine, 'check'>, options: CheckOptions | undefined): ScoredCase[] {
  const batches = new Map<string, SeriesBatch<ScoredCase>>();
  const scored = cases.map((labelled): ScoredCase => {
    let result;
    try {
      result = engine.check(labelled.visit, labelled.series ? { ...options, history: true } : options);
    } catch (error) {
      throw new EngineFailure(`${labelled.source} (case ${labelled.id})`, error);
    }
    const entry: ScoredCase = { labelled, result };
    if (labelled.series && result.history) {
      const batch = batches.get(labelled.series.key) ?? new SeriesBatch<ScoredCase>();
      batch.add({ ...result.history, label: labelled.id }, entry);
      batches.set(labelled.series.key, batch);
    }
    return entry;
  });
  for (const batch of batches.values()) {
    for (const { ref, findings } of batch.run(options)) ref.result.findings.push(...findings);
  }
  return scored;
}
