// A VisitRecord: everything the cross-visit rules keep about one checked visit. It is built from
// the chart and facts the single-visit check already made (no second reading of the note), and
// holds fingerprints and numbers only: no text of the note, no word of it, no identifier other
// than the `patient` key the caller gives (the command line's patient id, the extension's salted
// hash). record-store.ts writes it as a few hundred bytes.
import type { Chart, MeasurementKind, SectionKind } from '../chart/types';
import { ATTRIBUTE_BETTER_WHEN, MEASURE_KINDS } from '../chart/measure-grammar';
import type { VisitFacts } from '../facts';
import type { Visit } from '../visit';
import { type Fingerprint, hashString, minHashes, SKETCH_SLOTS, toFingerprint, unionOf } from './fingerprint';

/** Section kinds whose text says nothing about this visit's care: the same on every note by design. */
const NOT_FINGERPRINTED = new Set<SectionKind>(['signature', 'billing']);
/** Where a measure is a target or a plan, not a finding of this visit. */
const PLANNING = new Set<SectionKind>(['goals', 'plan']);

export interface SectionPrint extends Fingerprint {
  kind: SectionKind;
}

/** One objective measure at one visit, keyed so the same measure matches across visits. */
export interface SeriesMeasure {
  /** Hash (salted like the sketches) of kind, attribute, instrument and side: no words kept. */
  key: number;
  kind: MeasurementKind;
  value: number;
  better: 'higher' | 'lower';
}

export interface VisitRecord {
  /** Whose visit: the caller's key for the patient (never shown to other patients' reports). */
  patient: string;
  /** The episode of care ('' when the visit names none): its id, else its plan-of-care start date. */
  episode: string;
  /** YYYY-MM-DD, from the claim, else from the note. */
  date?: string;
  /** How a report names this visit (the command line's source); the extension leaves it out. */
  label?: string;
  /** Payer profile id the visit was checked under (thresholds follow it). */
  profile: string;
  /** The whole note's fingerprint (signature and billing sections left out). */
  note: Fingerprint;
  /** One fingerprint per kind of section the note has (several Objective blocks are one). */
  sections: SectionPrint[];
  /** A 97124 visit (massage billed, or performed when the note came without a claim). */
  massage: boolean;
  massageUnits: number;
  measures: SeriesMeasure[];
  /** The note itself documents a measure that got better since an earlier visit. */
  progress: boolean;
}

function betterWhen(kind: MeasurementKind, attribute: string | undefined, instrument: string | undefined): string {
  return ATTRIBUTE_BETTER_WHEN[instrument ?? ''] ?? ATTRIBUTE_BETTER_WHEN[attribute ?? ''] ?? MEASURE_KINDS.get(kind)?.betterWhen ?? 'either';
}

/**
 * Fingerprints per section kind, and of the whole note: the union of its sections' shingles (the
 * runs that straddle two sections aside), so each shingle is hashed once.
 */
function notePrints(chart: Chart, salt: number): { note: Fingerprint; sections: SectionPrint[] } {
  const byKind = new Map<SectionKind, string[]>();
  for (const section of chart.sections) {
    if (NOT_FINGERPRINTED.has(section.kind)) continue;
    const texts = byKind.get(section.kind) ?? [];
    texts.push(chart.text.slice(section.start, section.end));
    byKind.set(section.kind, texts);
  }
  const parts = [...byKind].map(([kind, texts]) => ({ kind, hashes: minHashes(texts.join('\n'), salt) })).filter((p) => p.hashes.size > 0);
  // One buffer for all of a note's sketches: a batch keeps thousands of records, and each buffer
  // of its own would cost more than the 128 bytes it holds.
  const buffer = new Uint16Array((parts.length + 1) * SKETCH_SLOTS);
  const slot = (i: number) => buffer.subarray(i * SKETCH_SLOTS, (i + 1) * SKETCH_SLOTS);
  const sections = parts.map(({ kind, hashes }, i) => ({ kind, ...toFingerprint(hashes, slot(i + 1)) }));
  return { note: toFingerprint(unionOf(parts.map((p) => p.hashes)), slot(0)), sections };
}

/** This visit's value of each measure (before treatment when the note gives both), in note order. */
function seriesMeasures(chart: Chart, salt: number): SeriesMeasure[] {
  const byKey = new Map<number, SeriesMeasure & { post: boolean }>();
  for (const m of chart.measurements) {
    if (m.value === undefined || !Number.isFinite(m.value)) continue;
    if (m.negated || m.hypothetical || m.historical || m.home || PLANNING.has(m.section)) continue;
    const better = betterWhen(m.kind, m.attribute, m.instrument);
    if (better !== 'higher' && better !== 'lower') continue;
    const key = hashString(`${m.kind}|${m.attribute ?? ''}|${m.instrument ?? ''}|${m.side ?? ''}`, salt);
    const post = m.phase === 'post';
    const seen = byKey.get(key);
    // The value the visit started from is what carries over between visits; a post-treatment value
    // stands in only when the note gives no other.
    if (seen && !(seen.post && !post)) continue;
    // A 0–100 pain scale is brought to 0–10, so one threshold serves both.
    const value = m.kind === 'pain' && m.value > 10 ? m.value / 10 : m.value;
    byKey.set(key, { key, kind: m.kind, value, better, post });
  }
  return [...byKey.values()].map(({ key, kind, value, better }) => ({ key, kind, value, better }));
}

function documentsProgress(chart: Chart): boolean {
  return chart.changes.some((c) => c.since === 'earlier' && c.direction === 'better' && !c.negated && !c.hypothetical && !PLANNING.has(c.section));
}

export interface RecordOptions {
  /** Keys the fingerprint hashes (the extension's per-install salt); 0 when nothing is stored. */
  salt?: number;
  profile: string;
}

export function buildVisitRecord(visit: Visit, chart: Chart, facts: VisitFacts, options: RecordOptions): VisitRecord {
  const salt = options.salt ?? 0;
  const { note, sections } = notePrints(chart, salt);
  const date = visit.dateOfService ?? facts.episode.dateOfService?.value;
  const massageUnits = facts.massage.lines.reduce((n, line) => n + (line.units ?? 1), 0);
  const record: VisitRecord = {
    patient: visit.patient?.id ?? '',
    episode: visit.episode?.id ?? facts.episode.planOfCareStart?.value ?? '',
    profile: options.profile,
    note,
    sections,
    massage: facts.massage.inScope,
    massageUnits,
    measures: seriesMeasures(chart, salt),
    progress: documentsProgress(chart),
  };
  if (date) record.date = date;
  if (visit.id) record.label = visit.id;
  return record;
}
