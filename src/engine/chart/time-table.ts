// Treatment tables: a header row names the columns ("Code | Service | Min | Units"), and a bare
// number under the minutes column is that row's minutes, one under the units column its units.
// Cells are split by "|", by tabs, or by runs of two or more spaces (an aligned plain-text table),
// whichever the header row uses. Rows run until a line that is not split the same way.
import type { Item, ItemIndex } from './grammar';
import { Kind, type Lexed } from './lex';
import { clockGap } from './time-grammar';

const MINUTES_HEADERS = new Set(['min', 'mins', 'minutes', 'minute', 'time', 'duration', 'mn', 'tx']);
const UNITS_HEADERS = new Set(['units', 'unit', 'qty', 'quantity', 'u']);
const START_HEADERS = new Set(['start', 'begin', 'began', 'in', 'from']);
const STOP_HEADERS = new Set(['stop', 'end', 'ended', 'out', 'to', 'finish']);
const CLOCKS = new Set(['clock', 'hhmm', 'dotclock']);
const SERVICE_HEADERS = new Set(['code', 'codes', 'cpt', 'hcpcs', 'service', 'services', 'procedure', 'procedures', 'description', 'intervention', 'interventions', 'treatment', 'modality', 'activity', 'exercise', 'exercises']);

type Separator = 'pipe' | 'tab' | 'spaces';

interface Cell {
  first: number;
  end: number;
}

function cellsOf(lx: Lexed, first: number, end: number, sep: Separator): Cell[] {
  const cells: Cell[] = [];
  let start = first;
  for (let i = first; i < end; i++) {
    const boundary = sep === 'pipe' ? lx.norm[i] === '|' : i > first && (sep === 'tab' ? lx.tabBefore[i] === 1 : lx.spaceBefore[i]! >= 2);
    if (!boundary) continue;
    if (i > start) cells.push({ first: start, end: i });
    start = sep === 'pipe' ? i + 1 : i;
  }
  if (end > start) cells.push({ first: start, end });
  return cells;
}

interface Header {
  sep: Separator;
  cells: number;
  minutes: number;
  units: number;
  start: number;
  stop: number;
}

function headerOf(lx: Lexed, first: number, end: number): Header | null {
  // A header has two cells or more: a line with no "|", tab or run of spaces inside it has one.
  let split = false;
  for (let i = first; i < end && !split; i++) split = lx.norm[i] === '|' || (i > first && (lx.tabBefore[i] === 1 || lx.spaceBefore[i]! >= 2));
  if (!split) return null;
  // A header names the service column: a line without such a word is no header, however it splits.
  let named = false;
  for (let i = first; i < end && !named; i++) named = lx.kind[i] === Kind.Word && SERVICE_HEADERS.has(lx.norm[i]!);
  if (!named) return null;
  for (const sep of ['pipe', 'tab', 'spaces'] as const) {
    const cells = cellsOf(lx, first, end, sep);
    if (cells.length < 2) continue;
    let minutes = -1;
    let units = -1;
    let start = -1;
    let stop = -1;
    let service = false;
    cells.forEach((cell, index) => {
      for (let i = cell.first; i < cell.end; i++) {
        if (lx.kind[i] === Kind.Num) return; // header cells hold no figures
      }
      const wordsHere: string[] = [];
      for (let i = cell.first; i < cell.end; i++) if (lx.kind[i] === Kind.Word) wordsHere.push(lx.norm[i]!);
      if (wordsHere.some((w) => START_HEADERS.has(w)) && start < 0 && wordsHere.length <= 2) start = index;
      else if (wordsHere.some((w) => STOP_HEADERS.has(w)) && stop < 0 && wordsHere.length <= 2) stop = index;
      else if (wordsHere.some((w) => MINUTES_HEADERS.has(w)) && minutes < 0) minutes = index;
      else if (wordsHere.some((w) => UNITS_HEADERS.has(w)) && units < 0) units = index;
      else if (wordsHere.some((w) => SERVICE_HEADERS.has(w))) service = true;
    });
    if (service && (minutes >= 0 || units >= 0 || (start >= 0 && stop >= 0))) return { sep, cells: cells.length, minutes, units, start, stop };
  }
  return null;
}

export interface TableFigures {
  /** Synthetic duration items for bare numbers in a minutes column, and ranges from start/stop columns. */
  minutes: Item[];
  /** Token indices of bare numbers in a units column (the row's units, never minutes). */
  unitTokens: number[];
  /** Lines (by index) that are rows of a table: one row is one entry, whatever punctuation its cells hold. */
  rowLines: Uint8Array;
}

export function readTables(lx: Lexed, index: ItemIndex): TableFigures {
  const out: TableFigures = { minutes: [], unitTokens: [], rowLines: new Uint8Array(lx.count > 0 ? lx.line[lx.count - 1]! + 1 : 0) };
  const clockIn = (cell: Cell | undefined): Item | undefined => {
    if (!cell) return undefined;
    for (let i = cell.first; i < cell.end; i++) {
      const found = index.at[i]?.find((it) => CLOCKS.has(it.kind) && it.end <= cell.end);
      if (found) return found;
    }
    return undefined;
  };
  // Line ranges.
  const lines: [number, number][] = [];
  let first = 0;
  for (let i = 0; i <= lx.count; i++) {
    if (i === lx.count || lx.kind[i] === Kind.Newline) {
      lines.push([first, i]);
      first = i + 1;
    }
  }
  let header: Header | null = null;
  for (const [a, b] of lines) {
    if (b <= a) {
      header = null;
      continue;
    }
    if (header) {
      const cells = cellsOf(lx, a, b, header.sep);
      // A separator row ("|---|---|") keeps the table going; a line split differently ends it.
      if (cells.every((c) => isRule(lx, c))) continue;
      if (cells.length < 2 || Math.abs(cells.length - header.cells) > 1) header = null;
      else {
        out.rowLines[lx.line[a]!] = 1;
        if (header.start >= 0 && header.stop >= 0) {
          const from = clockIn(cells[header.start]);
          const to = clockIn(cells[header.stop]);
          const minutes = from && to ? clockGap(from, to) : null;
          if (from && to && minutes !== null) out.minutes.push({ kind: 'range', first: from.first, end: to.end, rule: 'table: start and stop columns', value: minutes });
        }
        const bare = (index: number): number => {
          const cell = cells[index];
          if (!cell) return -1;
          let found = -1;
          for (let i = cell.first; i < cell.end; i++) {
            if (lx.kind[i] === Kind.Num) {
              if (found >= 0) return -1; // "8:05-8:20" and other composite cells are read by the grammar
              found = i;
            } else if (lx.kind[i] === Kind.Word) return -1;
          }
          return found;
        };
        const m = header.minutes >= 0 ? bare(header.minutes) : -1;
        if (m >= 0 && lx.value[m]! > 0 && lx.value[m]! <= 300) {
          out.minutes.push({ kind: 'duration', first: m, end: m + 1, rule: 'table: bare number in the minutes column', value: lx.value[m]! });
        }
        const u = header.units >= 0 ? bare(header.units) : -1;
        if (u >= 0) out.unitTokens.push(u);
        continue;
      }
    }
    header = headerOf(lx, a, b);
  }
  return out;
}

function isRule(lx: Lexed, cell: Cell): boolean {
  for (let i = cell.first; i < cell.end; i++) if (lx.norm[i] !== '-' && lx.norm[i] !== ':' && lx.norm[i] !== '=' && lx.norm[i] !== '+') return false;
  return true;
}
