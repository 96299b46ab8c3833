// A header row drawn as a run of short caption lines ("Code | Description | Modifiers | Units | Time |
// Dx" as six divs of a CSS grid, often inside a web component's shadow root) over charge rows that are
// records of the same number of unlabelled parts: the captions label the parts by position.
import type { PageDescription, PageRecord } from '../../shared/page';
import type { Column } from './vocab';

/** A page's headings in document order, sorted once per page. */
const SORTED = new WeakMap<PageDescription, PageDescription['headings']>();

/** How many captions of a run must name a claim column (one of them the code) for it to be a header row. */
const MIN_NAMED = 3;

/**
 * The captions of the nearest header row drawn before `record` with at least as many captions as the
 * record has parts (an empty cell is no part), or undefined. `columnOf` names a caption's column (lines.ts's header words).
 */
export function captionRowFor(page: PageDescription, record: PageRecord, columnOf: (caption: string) => Column | undefined): string[] | undefined {
  if (record.parts.some((p) => p.label)) return undefined;
  let sorted = SORTED.get(page);
  if (!sorted) SORTED.set(page, (sorted = [...page.headings].sort((a, b) => a.at - b.at)));
  const before = sorted.filter((h) => h.at < record.at);
  // Runs of short caption lines (level 7) at consecutive positions, nearest first.
  let end = before.length - 1;
  while (end >= 0) {
    let start = end;
    while (start > 0 && before[start - 1]?.level === 7 && before[start]?.level === 7 && (before[start]?.at ?? 0) - (before[start - 1]?.at ?? 0) === 1) start--;
    const run = before.slice(start, end + 1).filter((h) => h.level === 7).map((h) => h.text.trim());
    const named = run.map(columnOf);
    if (run.length >= MIN_NAMED && named.includes('code') && named.filter((c) => c !== undefined).length >= MIN_NAMED) {
      return run.length >= record.parts.length && record.parts.length >= 2 ? run : undefined;
    }
    end = start - 1;
  }
  return undefined;
}

/**
 * The record's parts labelled by the captions in order. With fewer parts than captions (empty cells
 * are not described), a caption whose column the part does not fit is passed over while captions
 * are left to spare: "97010 | Hot packs | GP | 1 | A" under "Code | Description | Modifiers | Units |
 * Time | Dx" gives "A" to Dx, not to Time.
 */
export function labelParts<P extends { text: string; label?: string }>(parts: readonly P[], captions: readonly string[], fits: (caption: string, text: string) => boolean): P[] {
  const out: P[] = [];
  let c = 0;
  parts.forEach((part, i) => {
    while (c < captions.length - 1 && captions.length - c > parts.length - i && !fits(captions[c] as string, part.text)) c++;
    out.push({ ...part, label: captions[c] as string });
    c++;
  });
  return out;
}
