// Across visits: note fingerprints, per-patient series records and the cross-visit rules
// (cloned notes, templated notes, massage trends). Pure, like the rest of the engine: the caller
// keeps the records (the command line in memory for one batch; the extension in storage.local).
import { HISTORY_RULES } from './rules';
import type { RuleMeta } from '../types';

export { fingerprint, similarity, SKETCH_SLOTS, SHINGLE_WORDS, words, hashString, type Fingerprint, type Sketch } from './fingerprint';
export { buildVisitRecord, type VisitRecord, type SectionPrint, type SeriesMeasure, type RecordOptions } from './record';
export { checkHistory, NO_OTHERS, type HistoryInput } from './check-history';
export { SeriesBatch, type SeriesResult } from './series';
export { TemplateIndex, MAX_TEMPLATE_MATCHES } from './template-index';
export { thresholdsFor, THRESHOLD_NAMES, type Thresholds, type ThresholdEntry, type ThresholdName } from './thresholds';
export type { TemplateLookup, TemplateMatch, HistoryRule } from './rules/define';

export function listHistoryRules(): RuleMeta[] {
  return HISTORY_RULES.map((r) => r.meta);
}
export { encodeRecord, decodeRecord, type StoredRecord } from './record-codec';
