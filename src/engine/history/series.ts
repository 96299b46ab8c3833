// A batch of visits checked across visits (the command line's `check`): records are added as the
// visits are checked, in any order; run() then groups them by patient, puts each patient's visits
// in date order and runs the cross-visit rules on each, against the patient's earlier visits and
// every other patient's fingerprints. Only records are kept (a few hundred bytes a visit), never
// notes or single-visit results, so a batch of any size stays small.
import type { CheckOptions, Finding } from '../types';
import { checkHistory } from './check-history';
import type { VisitRecord } from './record';
import { COMPARED_ACROSS_PATIENTS } from './rules/templated-note';
import { TemplateIndex } from './template-index';
import { thresholdsFor } from './thresholds';

interface Entry<T> {
  record: VisitRecord;
  ref: T;
  order: number;
}

export interface SeriesResult<T> {
  ref: T;
  record: VisitRecord;
  findings: Finding[];
}

/** Dated visits in date order, then undated ones; input order breaks ties. */
function byDate<T>(a: Entry<T>, b: Entry<T>): number {
  const da = a.record.date ?? '\uffff';
  const db = b.record.date ?? '\uffff';
  return da < db ? -1 : da > db ? 1 : a.order - b.order;
}

export class SeriesBatch<T> {
  private readonly byPatient = new Map<string, Entry<T>[]>();
  private added = 0;

  /** Add a checked visit's record; `ref` is what the caller needs to report it (its source). */
  add(record: VisitRecord, ref: T): void {
    if (record.patient === '') return;
    const list = this.byPatient.get(record.patient) ?? [];
    list.push({ record, ref, order: this.added++ });
    this.byPatient.set(record.patient, list);
  }

  get visits(): number {
    return this.added;
  }

  get patients(): number {
    return this.byPatient.size;
  }

  /** Each visit's cross-visit findings, patient by patient (in the order first seen), in date order. */
  *run(options: Pick<CheckOptions, 'ruleLevels' | 'ruleOptions' | 'disabledRules'> = {}): Generator<SeriesResult<T>> {
    const minSize = thresholdsFor({ chain: ['base'] }).minShingles.value ?? 0;
    const index = new TemplateIndex(COMPARED_ACROSS_PATIENTS, minSize);
    for (const list of this.byPatient.values()) for (const entry of list) index.add(entry.record);
    for (const list of this.byPatient.values()) {
      const ordered = [...list].sort(byDate);
      const earlier: VisitRecord[] = [];
      for (const entry of ordered) {
        const findings = checkHistory({ current: entry.record, earlier, others: index }, options);
        yield { ref: entry.ref, record: entry.record, findings };
        earlier.push(entry.record);
      }
    }
  }
}
