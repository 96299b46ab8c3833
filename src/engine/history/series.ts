// A batch of visits checked across visits (the command line's `check`): records are added as the
// visits are checked, in any order; run() then groups them by patient, puts each patient's visits
// in date order and runs the cross-visit rules on each, against the patient's earlier visits and
// every other patient's fingerprints. Only records are kept, packed (under 1 KB a visit, see
// packed-records.ts), never notes or single-visit results, so a batch of any size stays small; a
// patient's records are unpacked only while that patient's series runs.
import type { CheckOptions, Finding } from '../types';
import { checkHistory } from './check-history';
import { type PackedRecord, PackedRecords } from './packed-records';
import type { VisitRecord } from './record';
import { COMPARED_ACROSS_PATIENTS } from './rules/templated-note';
import { TemplateIndex } from './template-index';
import { thresholdsFor } from './thresholds';

interface Entry<T> {
  packed: PackedRecord;
  ref: T;
  order: number;
}

interface Unpacked<T> {
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
function byDate<T>(a: Unpacked<T>, b: Unpacked<T>): number {
  const da = a.record.date ?? '\uffff';
  const db = b.record.date ?? '\uffff';
  return da < db ? -1 : da > db ? 1 : a.order - b.order;
}

export class SeriesBatch<T> {
  private readonly byPatient = new Map<string, Entry<T>[]>();
  private readonly records = new PackedRecords();
  private added = 0;

  /** Add a checked visit's record; `ref` is what the caller needs to report it (its source). */
  add(record: VisitRecord, ref: T): void {
    if (record.patient === '') return;
    const list = this.byPatient.get(record.patient) ?? [];
    list.push({ packed: this.records.pack(record), ref, order: this.added++ });
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
    for (const [patient, list] of this.byPatient) for (const entry of list) index.add(this.records.unpack(entry.packed, patient));
    for (const [patient, list] of this.byPatient) {
      const ordered = list.map(({ packed, ref, order }): Unpacked<T> => ({ record: this.records.unpack(packed, patient), ref, order })).sort(byDate);
      const earlier: VisitRecord[] = [];
      for (const entry of ordered) {
        const findings = checkHistory({ current: entry.record, earlier, others: index }, options);
        yield { ref: entry.ref, record: entry.record, findings };
        earlier.push(entry.record);
      }
    }
  }
}
