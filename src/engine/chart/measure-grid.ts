// Measure grids: outcome tables whose columns are times ("Measure | IE | Last wk | Today", "Outcome  Initial
// (9/02)  D/C"). Each row under such a header holds the same measure at each time, so its
// first and last values are a change from the earliest column to the latest. Cells are split like the
// treatment tables' (time-table.ts): "|", tabs, or runs of two or more spaces.
import gridData from '../data/grammar/measures.json';
import type { Measurement } from './types';

const rowWords = (id: string): Set<string> => new Set(gridData.rows.find((r) => r.id === id)?.words ?? []);
const EARLIER = rowWords('grid-earlier-column');
const LATER = rowWords('grid-later-column');
const CELL_SPLIT = /\t+|\s*\|\s*|\s{2,}/;
/** Anything CELL_SPLIT could split at: a line without it is one cell (most lines of prose). */
const CELL_BREAK = /\t|\||\s{2}/;

/** When a header cell names a time: earlier, later, or not a time (the label column, a "Goal" column). */
function timeOfCell(cell: string): 'earlier' | 'later' | undefined {
  const first = cell.toLowerCase().replace(/\([^)]*\)/g, ' ').trim().split(/\s+/)[0] ?? '';
  if (LATER.has(first)) return 'later';
  return EARLIER.has(first) ? 'earlier' : undefined;
}

export interface GridRow {
  /** The row's measurements, earliest column first. */
  values: Measurement[];
  /** The latest column's cell when it is a bare figure ("LEFS  31  44  52": 52), with its offsets. */
  latest?: { value: number; start: number; end: number };
}

const BARE_FIGURE = /^\d{1,3}(?:\.\d+)?%?$/;

/**
 * Rows of measure grids: after a header line whose cells after the first all name times (two or more, at
 * least one of them earlier), each following line split into cells, up to a blank line or one that is not.
 */
export function gridRows(text: string, measurements: readonly Measurement[]): GridRow[] {
  const rows: GridRow[] = [];
  let header: { columns: number; reversed: boolean } | undefined;
  let m = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    // One cell (or none) can neither be a row nor a header: no split (and no arrays) for those lines.
    if (!CELL_BREAK.test(line)) {
      header = undefined;
      start = end + 1;
      continue;
    }
    const trimmed = line.trim();
    const cells = trimmed === '' ? [] : trimmed.split(CELL_SPLIT);
    if (header && cells.length >= 2 && cells.length <= header.columns + 2) {
      while (m < measurements.length && measurements[m]!.start < start) m++;
      const values: Measurement[] = [];
      for (let k = m; k < measurements.length && measurements[k]!.start < end; k++) values.push(measurements[k]!);
      if (values.length >= 2 && values.length <= header.columns) rows.push({ values: header.reversed ? values.reverse() : values });
      else if (values.length === 1 && !header.reversed && cells.length >= 3) {
        // An outcome score and bare figures after it ("LEFS  31  44  52"): the last cell is the latest score.
        const cell = cells[cells.length - 1]!;
        const at = start + line.lastIndexOf(cell);
        if (BARE_FIGURE.test(cell) && at > values[0]!.end) rows.push({ values, latest: { value: Number.parseFloat(cell), start: at, end: at + cell.length } });
      }
    } else {
      header = undefined;
      // The cells after the first, read only while each names a time (most lines' first does not).
      const times: ('earlier' | 'later' | undefined)[] = [];
      for (let k = 1; k < cells.length && (k === 1 || times[k - 2] !== undefined); k++) times.push(timeOfCell(cells[k]!));
      if (cells.length >= 3 && times.length >= 2 && times.every((t) => t !== undefined) && times.includes('earlier')) {
        header = { columns: times.length, reversed: times[0] === 'later' && times[times.length - 1] === 'earlier' };
      }
    }
    start = end + 1;
  }
  return rows;
}
