// Visit records packed side by side in large byte chunks, for a batch that keeps thousands of them
// until every visit has been checked (SeriesBatch). A VisitRecord as objects costs about 3 KB (a
// typed-array view per sketch, an object per section and per measure); packed, its numbers and
// sketches take under 1 KB and cost the heap no object at all. Strings stay strings, shared through
// a small table (dates, episodes and profiles repeat across visits). unpack() gives back a record
// equal to the one packed, field for field, its sketches views into the chunk (nothing copied).
import type { MeasurementKind, SectionKind } from '../chart/types';
import type { Sketch } from './fingerprint';
import type { SectionPrint, SeriesMeasure, VisitRecord } from './record';

/** Bytes per chunk: a few hundred records each; a record larger than this gets a chunk of its own. */
const CHUNK_BYTES = 256 * 1024;
/** Per print (the note's, then each section's): kind index, shingle count, sketch length. */
const PRINT_BYTES = 12;
/** Per measure: value (f64), key (u32), kind index (u16), better (u8), one byte of padding. */
const MEASURE_BYTES = 16;
/** massageUnits (f64), print count, measure count (u32 each), flags (u8) and padding. */
const HEADER_BYTES = 24;
const NOTE_KIND = 0xffff;
const MASSAGE = 1;
const PROGRESS = 2;

/** Where one packed record is, and its strings (the patient is the caller's key, kept there). */
export interface PackedRecord {
  chunk: number;
  offset: number;
  episode: string;
  date: string | undefined;
  label: string | undefined;
  profile: string;
}

const align8 = (n: number): number => (n + 7) & ~7;

export class PackedRecords {
  private readonly chunks: Uint8Array[] = [];
  private readonly views: DataView[] = [];
  private used = CHUNK_BYTES;
  /** Section and measure kinds by index, and back (whatever kinds the chart reader has). */
  private readonly kinds: string[] = [];
  private readonly kindIndex = new Map<string, number>();
  /** One copy of each repeated string (dates, episodes, profile ids). */
  private readonly strings = new Map<string, string>();

  private kindOf(kind: string): number {
    let index = this.kindIndex.get(kind);
    if (index === undefined) {
      index = this.kinds.length;
      this.kinds.push(kind);
      this.kindIndex.set(kind, index);
    }
    return index;
  }

  private shared(text: string): string {
    const seen = this.strings.get(text);
    if (seen !== undefined) return seen;
    this.strings.set(text, text);
    return text;
  }

  /** Room for `bytes` more bytes: the current chunk's, or a new chunk's. */
  private reserve(bytes: number): { chunk: number; offset: number } {
    if (this.used + bytes > (this.chunks.at(-1)?.length ?? 0)) {
      const chunk = new Uint8Array(Math.max(CHUNK_BYTES, bytes));
      this.chunks.push(chunk);
      this.views.push(new DataView(chunk.buffer));
      this.used = 0;
    }
    const at = { chunk: this.chunks.length - 1, offset: this.used };
    this.used = align8(this.used + bytes);
    return at;
  }

  pack(record: VisitRecord): PackedRecord {
    const prints = [record.note, ...record.sections];
    let sketchBytes = 0;
    for (const print of prints) sketchBytes += print.sketch.length * 2;
    const sketchesAt = align8(HEADER_BYTES + prints.length * PRINT_BYTES);
    const measuresAt = align8(sketchesAt + sketchBytes);
    const { chunk, offset } = this.reserve(measuresAt + record.measures.length * MEASURE_BYTES);
    const view = this.views[chunk]!;
    const bytes = this.chunks[chunk]!;
    view.setFloat64(offset, record.massageUnits, true);
    view.setUint32(offset + 8, prints.length, true);
    view.setUint32(offset + 12, record.measures.length, true);
    view.setUint8(offset + 16, (record.massage ? MASSAGE : 0) | (record.progress ? PROGRESS : 0));
    // Sketches and measures start 8-aligned (records do too), as Uint16Array views need.
    let sketchAt = offset + sketchesAt;
    for (let i = 0; i < prints.length; i++) {
      const print = prints[i]!;
      const at = offset + HEADER_BYTES + i * PRINT_BYTES;
      view.setUint16(at, i === 0 ? NOTE_KIND : this.kindOf((print as SectionPrint).kind), true);
      view.setUint32(at + 4, print.size, true);
      view.setUint32(at + 8, print.sketch.length, true);
      bytes.set(new Uint8Array(print.sketch.buffer, print.sketch.byteOffset, print.sketch.byteLength), sketchAt);
      sketchAt += print.sketch.byteLength;
    }
    for (let i = 0; i < record.measures.length; i++) {
      const measure = record.measures[i]!;
      const at = offset + measuresAt + i * MEASURE_BYTES;
      view.setFloat64(at, measure.value, true);
      view.setUint32(at + 8, measure.key, true);
      view.setUint16(at + 12, this.kindOf(measure.kind), true);
      view.setUint8(at + 14, measure.better === 'higher' ? 1 : 0);
    }
    return {
      chunk,
      offset,
      episode: this.shared(record.episode),
      date: record.date === undefined ? undefined : this.shared(record.date),
      label: record.label,
      profile: this.shared(record.profile),
    };
  }

  /** The record packed as `packed`, for `patient`. */
  unpack(packed: PackedRecord, patient: string): VisitRecord {
    const view = this.views[packed.chunk]!;
    const buffer = this.chunks[packed.chunk]!.buffer;
    const { offset } = packed;
    const printCount = view.getUint32(offset + 8, true);
    const measureCount = view.getUint32(offset + 12, true);
    const flags = view.getUint8(offset + 16);
    let sketchAt = offset + align8(HEADER_BYTES + printCount * PRINT_BYTES);
    let note: { sketch: Sketch; size: number } | undefined;
    const sections: SectionPrint[] = [];
    for (let i = 0; i < printCount; i++) {
      const at = offset + HEADER_BYTES + i * PRINT_BYTES;
      const kind = view.getUint16(at, true);
      const size = view.getUint32(at + 4, true);
      const sketch = new Uint16Array(buffer, sketchAt, view.getUint32(at + 8, true));
      sketchAt += sketch.byteLength;
      if (kind === NOTE_KIND) note = { sketch, size };
      else sections.push({ kind: this.kinds[kind] as SectionKind, sketch, size });
    }
    const measures: SeriesMeasure[] = [];
    const measuresAt = align8(sketchAt);
    for (let i = 0; i < measureCount; i++) {
      const at = measuresAt + i * MEASURE_BYTES;
      measures.push({ key: view.getUint32(at + 8, true), kind: this.kinds[view.getUint16(at + 12, true)] as MeasurementKind, value: view.getFloat64(at, true), better: view.getUint8(at + 14) === 1 ? 'higher' : 'lower' });
    }
    // Built in VisitRecord's own field order (buildVisitRecord's), date and label only when given.
    const record: VisitRecord = {
      patient,
      episode: packed.episode,
      profile: packed.profile,
      note: note!,
      sections,
      massage: (flags & MASSAGE) !== 0,
      massageUnits: view.getFloat64(offset, true),
      measures,
      progress: (flags & PROGRESS) !== 0,
    };
    if (packed.date !== undefined) record.date = packed.date;
    if (packed.label !== undefined) record.label = packed.label;
    return record;
  }
}
