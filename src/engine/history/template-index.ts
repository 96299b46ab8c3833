// Other patients' fingerprints, found by similarity without comparing every pair: locality-
// sensitive hashing over the MinHash sketches. A sketch is cut into BANDS bands of ROWS slots; two
// sketches land in the same bucket when one whole band agrees, which for a Jaccard similarity J
// happens with probability 1 − (1 − J^ROWS)^BANDS: 0.99 at J = 0.9, 0.03 at J = 0.5. Candidates are
// then compared slot by slot, so the answer is exact for the sketches; only buckets are probabilistic.
import type { SectionKind } from '../chart/types';
import { mix32, SKETCH_SLOTS, similarity, type Sketch } from './fingerprint';
import type { VisitRecord } from './record';
import type { TemplateLookup, TemplateMatch } from './rules/define';

const ROWS = 8;
const BANDS = SKETCH_SLOTS / ROWS;
/** Enough matches to say "the same as N other patients"; a template used clinic-wide would give thousands. */
export const MAX_TEMPLATE_MATCHES = 20;

type Kind = SectionKind | 'note';

interface Entry {
  patient: number;
  kind: Kind;
  sketch: Sketch;
  date?: string;
  label?: string;
}

function bandKey(kind: Kind, band: number, sketch: Sketch): number {
  let h = mix32(kind.length * 7919 + kind.charCodeAt(0) * 31 + kind.charCodeAt(kind.length - 1) + band * 104729);
  for (let i = band * ROWS; i < (band + 1) * ROWS; i++) h = mix32(h ^ sketch[i]!);
  return h;
}

export class TemplateIndex implements TemplateLookup {
  private readonly entries: Entry[] = [];
  /** Band key → entry index, or indices once a bucket holds more than one. */
  private readonly buckets = new Map<number, number | number[]>();
  private readonly patients = new Map<string, number>();

  constructor(
    /** Kinds of fingerprint worth indexing (what templated-note compares). */
    private readonly kinds: readonly Kind[],
    /** Fingerprints with fewer shingles are too short to call the same text. */
    private readonly minSize: number,
  ) {}

  private patientNumber(patient: string): number {
    let n = this.patients.get(patient);
    if (n === undefined) {
      n = this.patients.size;
      this.patients.set(patient, n);
    }
    return n;
  }

  add(record: VisitRecord): void {
    const patient = this.patientNumber(record.patient);
    for (const kind of this.kinds) {
      const print = kind === 'note' ? record.note : record.sections.find((s) => s.kind === kind);
      if (!print || print.size < this.minSize) continue;
      const index = this.entries.length;
      this.entries.push({ patient, kind, sketch: print.sketch, ...(record.date && { date: record.date }), ...(record.label && { label: record.label }) });
      for (let band = 0; band < BANDS; band++) {
        const key = bandKey(kind, band, print.sketch);
        const bucket = this.buckets.get(key);
        if (bucket === undefined) this.buckets.set(key, index);
        else if (typeof bucket === 'number') this.buckets.set(key, [bucket, index]);
        else bucket.push(index);
      }
    }
  }

  similar(patient: string, kind: Kind, sketch: Sketch, atLeast: number): TemplateMatch[] {
    const self = this.patients.get(patient);
    const seen = new Set<number>();
    const out: TemplateMatch[] = [];
    for (let band = 0; band < BANDS && out.length < MAX_TEMPLATE_MATCHES; band++) {
      const bucket = this.buckets.get(bandKey(kind, band, sketch));
      if (bucket === undefined) continue;
      for (const index of typeof bucket === 'number' ? [bucket] : bucket) {
        if (seen.has(index)) continue;
        seen.add(index);
        const entry = this.entries[index]!;
        if (entry.patient === self || entry.kind !== kind) continue;
        const share = similarity(sketch, entry.sketch);
        if (share < atLeast) continue;
        out.push({ kind, similarity: share, other: entry.patient, ...(entry.date && { date: entry.date }), ...(entry.label && { label: entry.label }) });
        if (out.length >= MAX_TEMPLATE_MATCHES) break;
      }
    }
    return out;
  }
}
