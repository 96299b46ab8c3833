// Across visits in a batch `check`: the main thread keeps each checked visit's record (fingerprints
// and series numbers, a few hundred bytes, no text) as results are written, and once every visit has
// its own result, runs the cross-visit rules (src/engine/history) patient by patient in date order.
// Each visit with a cross-visit finding then gets one more result, marked crossVisit, in the chosen
// format. Only records are kept, never results, so memory grows by records alone.
import { SeriesBatch } from '../../engine/history/series';
import type { CheckOptions, DataVersion, UnitsSummary } from '../../engine/types';
import { providerLabel } from './process';
import type { CheckedItem, CrossVisitRef, ItemOutput, Tally } from './types';

/** A cross-visit result has no units of its own; the formats leave them out (crossVisit). */
const NO_UNITS: UnitsSummary = { method: 'per-code', totalTimedMinutes: null, expected: {}, expectedTimedUnits: null, billed: {}, alternatives: [], minutesByCode: {}, timedOrder: [] };

export class CrossVisitBatch {
  private readonly series = new SeriesBatch<CrossVisitRef>();

  add(history: NonNullable<ItemOutput['history']>): void {
    // The label is the source (process.ts): one string for both, not two copies from the worker.
    history.record.label = history.ref.source;
    this.series.add(history.record, history.ref);
  }

  get visits(): number {
    return this.series.visits;
  }

  get patients(): number {
    return this.series.patients;
  }

  /** Each visit that has cross-visit findings, as a result item for the format and a tally for the counts. */
  *results(options: CheckOptions | undefined, dataVersion: DataVersion): Generator<{ item: CheckedItem; tally: Tally }> {
    for (const { ref, findings } of this.series.run(options)) {
      if (findings.length === 0) continue;
      const visit = { ...ref.visit, note: '', lines: [] };
      const item: CheckedItem = { source: ref.source, file: ref.file, visit, crossVisit: true, result: { findings, units: NO_UNITS, profile: ref.profile, dataVersion } };
      const tally: Tally = { profile: { id: ref.profile.id, name: ref.profile.name }, provider: providerLabel(visit), findings: findings.map((f) => [f.ruleId, f.severity, true]) };
      yield { item, tally };
    }
  }
}
