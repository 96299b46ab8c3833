// Across visits in a batch `check`: the main thread keeps each checked visit's record (fingerprints
// and series numbers, packed to under 1 KB, no text) as results are written, and once every visit has
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
  /** One copy of each payer profile choice and provider: thousands of visits share a few. */
  private readonly shared = new Map<string, unknown>();

  private share<V>(value: V): V {
    const key = JSON.stringify(value);
    const seen = this.shared.get(key);
    if (seen !== undefined) return seen as V;
    this.shared.set(key, value);
    return value;
  }

  add(history: NonNullable<ItemOutput['history']>): void {
    const { ref } = history;
    // The label is the source (process.ts), and so is the file unless the visit is one of an
    // array: one string for all three, not copies from the worker.
    history.record.label = ref.source;
    if (ref.file === ref.source) ref.file = ref.source;
    ref.profile = this.share(ref.profile);
    if (ref.visit.provider !== undefined) ref.visit.provider = this.share(ref.visit.provider);
    if (ref.visit.payer !== undefined) ref.visit.payer = this.share(ref.visit.payer);
    this.series.add(history.record, ref);
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
