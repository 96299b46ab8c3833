// Where each finding of a checked visit sits in the file it came from, for the formats that point
// into files (SARIF for code scanning, CSV and HTML for people):
//  - evidence: the quoted text's start and end, through the note string's JSON escapes for a
//    .json visit, or directly in a .txt note;
//  - a claim-line finding without evidence: that line's object in the JSON;
//  - anything else: where the visit starts (line 1 of a .txt note).
import type { Visit } from '../../engine/visit';
import type { CheckResult } from '../../engine/types';
import { FILE_START, lineColumns, locateVisitFields, rawOffsetsInString, type TextStart } from './json-scan';
import type { Region, WorkItem } from './types';

/** The note part a finding's evidence names (its id, else its label, else its index, as the engine keys them). */
function partIndex(visit: Visit, key: string): number | undefined {
  if (typeof visit.note === 'string') return undefined;
  const index = visit.note.findIndex((part, i) => (part.id ?? part.label ?? String(i)) === key);
  return index < 0 ? undefined : index;
}

function point(at: { line: number; column: number } | undefined): Region {
  return at ? { startLine: at.line, startColumn: at.column } : { startLine: 1, startColumn: 1 };
}

function span(from: { line: number; column: number } | undefined, to: { line: number; column: number } | undefined): Region {
  if (!from) return { startLine: 1, startColumn: 1 };
  return to ? { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column } : point(from);
}

function noteRegions(text: string, result: CheckResult): Region[] {
  const offsets = result.findings.flatMap((f) => (f.evidence ? [f.evidence.start, f.evidence.end] : []));
  const at = lineColumns(text, offsets, FILE_START);
  return result.findings.map((f) => (f.evidence ? span(at.get(f.evidence.start), at.get(f.evidence.end)) : point(undefined)));
}

function jsonRegions(text: string, start: TextStart, visit: Visit, result: CheckResult): Region[] {
  const fields = locateVisitFields(text);
  // Raw offsets (into this visit's text) of every position a finding needs.
  const byString = new Map<number, number[]>();
  const quoteOf = (part: string | undefined): number | undefined => {
    if (part === undefined) return fields.note;
    const index = partIndex(visit, part);
    return index === undefined ? undefined : fields.parts[index];
  };
  for (const f of result.findings) {
    if (!f.evidence) continue;
    const quote = quoteOf(f.evidence.part);
    if (quote === undefined) continue;
    const list = byString.get(quote) ?? [];
    list.push(f.evidence.start, f.evidence.end);
    byString.set(quote, list);
  }
  const raw = new Map<number, Map<number, number>>();
  for (const [quote, offsets] of byString) raw.set(quote, rawOffsetsInString(text, quote, offsets));

  const rawOf = (f: CheckResult['findings'][number]): [number, number] | number => {
    if (f.evidence) {
      const quote = quoteOf(f.evidence.part);
      const map = quote === undefined ? undefined : raw.get(quote);
      const s = map?.get(f.evidence.start);
      const e = map?.get(f.evidence.end);
      if (s !== undefined && e !== undefined) return [s, e];
    }
    if (f.line !== undefined && fields.lines[f.line] !== undefined) return fields.lines[f.line] as number;
    return fields.start;
  };
  const positions = result.findings.map(rawOf);
  const at = lineColumns(text, positions.flat(), start);
  return positions.map((p) => (Array.isArray(p) ? span(at.get(p[0]), at.get(p[1])) : point(at.get(p))));
}

/** One region per finding, in result.findings order. */
export function findingRegions(item: Extract<WorkItem, { kind: 'json' | 'note' }>, visit: Visit, result: CheckResult): Region[] {
  if (result.findings.length === 0) return [];
  return item.kind === 'note' ? noteRegions(item.text, result) : jsonRegions(item.text, item.at, visit, result);
}
