// A VisitRecord as the extension stores it (storage.local): short keys, sketches as base64 of
// their 128 bytes, and nothing the record does not already hold. The patient key and the visit's
// label are not written (the storage key is the salted patient hash; labels are the command line's).
// decodeRecord checks every field and refuses anything else, so a tampered or older entry is
// dropped, never trusted.
import type { MeasurementKind, SectionKind } from '../chart/types';
import { hashString, SKETCH_SLOTS } from './fingerprint';
import type { SectionPrint, SeriesMeasure, VisitRecord } from './record';

export interface StoredRecord {
  /** Date of service, YYYY-MM-DD ('' when the page gave none). */
  d: string;
  /** Episode: an id or plan-of-care start date ('' when none). */
  e: string;
  /** Payer profile id. */
  p: string;
  /** 97124 visit (1) or not (0), and 97124 units. */
  m: 0 | 1;
  u: number;
  /** The note documents a measured improvement since an earlier visit (1) or not (0). */
  g: 0 | 1;
  /** Whole-note sketch and shingle count. */
  n: [string, number];
  /** Per section kind: kind, sketch, shingle count. */
  s: [SectionKind, string, number][];
  /** Measures: key hash, kind, value, better direction (h higher, l lower). */
  x: [number, MeasurementKind, number, 'h' | 'l'][];
}

const SECTION_KINDS = new Set<string>(['subjective', 'objective', 'assessment', 'plan', 'goals', 'treatment', 'history', 'home-program', 'billing', 'signature', 'response', 'other']);
const MEASURE_KINDS = new Set<string>(['rom', 'pain', 'mmt', 'girth', 'outcome', 'tenderness', 'spasm-grade', 'strength', 'load', 'seconds', 'distance', 'tolerance', 'percent', 'speed', 'level', 'score']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHORT_ID = /^[a-z0-9-]{1,40}$/;

function toBase64(sketch: Uint16Array): string {
  const bytes = new Uint8Array(sketch.buffer, sketch.byteOffset, sketch.byteLength);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: unknown): Uint16Array | undefined {
  if (typeof text !== 'string' || text.length !== Math.ceil((SKETCH_SLOTS * 2) / 3) * 4) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  if (binary.length !== SKETCH_SLOTS * 2) return undefined;
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Uint16Array(bytes.buffer);
}

const count = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 10_000;

/** An episode as stored: a date as it is, any other id as a hash (ids typed on a page are not kept). */
function storedEpisode(episode: string): string {
  return episode === '' || DATE.test(episode) ? episode : `e${hashString(episode).toString(16)}`;
}

export function encodeRecord(record: VisitRecord): StoredRecord {
  return {
    d: record.date ?? '',
    e: storedEpisode(record.episode),
    p: record.profile,
    m: record.massage ? 1 : 0,
    u: record.massageUnits,
    g: record.progress ? 1 : 0,
    n: [toBase64(record.note.sketch), record.note.size],
    s: record.sections.map((s) => [s.kind, toBase64(s.sketch), s.size]),
    x: record.measures.map((m) => [m.key, m.kind, m.value, m.better === 'higher' ? 'h' : 'l']),
  };
}

/** The record a stored entry holds, for `patient`; undefined when any field is not what encodeRecord writes. */
export function decodeRecord(value: unknown, patient: string): VisitRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.d !== 'string' || (v.d !== '' && !DATE.test(v.d))) return undefined;
  if (typeof v.e !== 'string' || (v.e !== '' && !DATE.test(v.e) && !SHORT_ID.test(v.e))) return undefined;
  if (typeof v.p !== 'string' || !SHORT_ID.test(v.p)) return undefined;
  if ((v.m !== 0 && v.m !== 1) || (v.g !== 0 && v.g !== 1) || !count(v.u)) return undefined;
  if (!Array.isArray(v.n) || v.n.length !== 2 || !count(v.n[1])) return undefined;
  const noteSketch = fromBase64(v.n[0]);
  if (!noteSketch || !Array.isArray(v.s) || !Array.isArray(v.x) || v.s.length > SECTION_KINDS.size || v.x.length > 200) return undefined;
  const sections: SectionPrint[] = [];
  for (const s of v.s as unknown[]) {
    if (!Array.isArray(s) || s.length !== 3 || typeof s[0] !== 'string' || !SECTION_KINDS.has(s[0]) || !count(s[2])) return undefined;
    const sketch = fromBase64(s[1]);
    if (!sketch) return undefined;
    sections.push({ kind: s[0] as SectionKind, sketch, size: s[2] });
  }
  const measures: SeriesMeasure[] = [];
  for (const m of v.x as unknown[]) {
    if (!Array.isArray(m) || m.length !== 4) return undefined;
    const [key, kind, value, better] = m as unknown[];
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key > 0xffffffff) return undefined;
    if (typeof kind !== 'string' || !MEASURE_KINDS.has(kind) || typeof value !== 'number' || !Number.isFinite(value) || (better !== 'h' && better !== 'l')) return undefined;
    measures.push({ key, kind: kind as MeasurementKind, value, better: better === 'h' ? 'higher' : 'lower' });
  }
  const record: VisitRecord = {
    patient,
    episode: v.e,
    profile: v.p,
    note: { sketch: noteSketch, size: v.n[1] as number },
    sections,
    massage: v.m === 1,
    massageUnits: v.u,
    measures,
    progress: v.g === 1,
  };
  if (v.d !== '') record.date = v.d;
  return record;
}
