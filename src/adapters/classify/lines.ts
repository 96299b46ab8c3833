// Claim lines from a page description: table rows whose columns are resolved from headers, control
// names and cell contents (in any order, several modifier columns or all in one cell), and records
// (cards, list items, custom-input rows) read part by part. Diagnosis pointers are resolved through
// the diagnosis lists the page shows. Rules are data (vocab.ts); this file only applies them.
import type { PageBlock, PageCell, PageDescription, PageRecord, PageRow, PageTable } from '../../shared/page';
import type { SnapshotClaimLine } from '../../shared/snapshot';
import type { ReadFacts, ReadGroup, ReadLine, Skipped } from './types';
import { captionRowFor, labelParts } from './caption-row';
import {
  captionedModifiers,
  datesIn,
  diagnosisCodes,
  diagnosisValues,
  inlineQuantities,
  isDiagnosisCode,
  minutesValue,
  isTimeOfDay,
  modifierTokens,
  personLike,
  procedureCodes,
  trailingModifiers,
  undecorate,
  unitsValue,
  type PointerMap,
} from './values';
import { ALL_LINES_MODIFIER_LABEL, CLINICAL_WORDS, COLUMN_RULES, DIAGNOSIS_SYSTEMS, KNOWN_MODIFIERS, NAME_RULES, NON_SERVICE_SYSTEMS, PAYER_COLUMN, PROCEDURE_SYSTEMS, type Column } from './vocab';

/** A form's box number and letter opening a caption ("24. A. Date(s) of service", "G. Days or units", "21."). */
const FORM_BOX = /^\s*(?:\d{1,2}[a-z]?\.\s*)?(?:[A-L]\.\s+)?/;

function normalise(text: string): string {
  return undecorate(text).toLowerCase().replace(/[^a-z0-9®#$/ -]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The column a header or label names, with the rule's weight; null when none does. */
export function columnOf(label: string): { column: Column; weight: number } | null {
  // A printed form's box designation before the caption ("24. A.", "D.", "1a.") names no column.
  const text = normalise(label.replace(FORM_BOX, ''));
  if (!text) return null;
  let best: { column: Column; weight: number; length: number } | null = null;
  for (const rule of COLUMN_RULES) {
    for (const phrase of rule.phrases) {
      if (text === phrase || text.startsWith(`${phrase} `) || (phrase.length > 3 && text.endsWith(` ${phrase}`))) {
        const weight = rule.weight * (text === phrase ? 1 : 0.8);
        if (!best || phrase.length > best.length) best = { column: rule.column, weight, length: phrase.length };
      }
    }
  }
  if (best) return { column: best.column, weight: best.weight };
  // "Associated Dx", "Billed Units": a qualifier before the column's own word.
  const last = text.slice(text.lastIndexOf(' ') + 1);
  return last !== text ? columnOf(last) : null;
}

/** The column a caption names when it is that column's phrase and nothing else ("Modifiers", "Dx:"; not "Modifiers: GP"). */
function captionColumn(text: string): Column | undefined {
  const t = normalise(text.replace(/[:：]\s*$/, ''));
  return COLUMN_RULES.find((rule) => rule.phrases.includes(t))?.column;
}

function columnOfName(name: string): Column | null {
  for (const rule of NAME_RULES) if (rule.pattern.test(name)) return rule.column;
  return null;
}

// ---- content typing -----------------------------------------------------------------------------

type Kind = Column | 'empty';

/** "Kim Lee", "Ruth A. Adler": capitalised words only, none a clinical or service word. */
function nameOnly(text: string): boolean {
  const words = text.split(/\s+/);
  return words.length <= 4 && words.every((w) => /^[A-Z][a-z'.-]*$/.test(w) && !CLINICAL_SET.has(w.toLowerCase()) && !SERVICE_WORDS.test(w));
}
const CLINICAL_SET: ReadonlySet<string> = new Set(CLINICAL_WORDS);
const SERVICE_WORDS = /^(?:therap|manual|neuro|training|evaluat|activit|ultrasound|stimulat|traction|needl|taping|group|care|aquatic|physical|occupational|office|total|unit|fee|code)/i;

/** What a cell's text looks like on its own. */
function kindOf(text: string): Kind {
  const t = text.trim();
  if (!t || /^[-–—]$/.test(t)) return 'empty';
  if (DIAGNOSIS_SYSTEMS.test(t) || PROCEDURE_SYSTEMS.test(t) || NON_SERVICE_SYSTEMS.test(t) || /^CPT-?4$|^HCPCS$|^ICD-?10$/i.test(t)) return 'codeType';
  const codes = procedureCodes(t);
  if (codes.length > 0 && codes[0]!.start <= 12) return 'code';
  // "2.00", "1 UN", "3 units": units however a column writes them (a fee has cents or a $: "41.00", "$9.00").
  if (/^\d(?:\.0{1,2})?$|^\d{1,2}(?:\.0{1,2})?\s*(?:u|un|units?)$/i.test(t)) return 'units';
  if (/^\$?\s?\d{1,5}\.\d{2}$/.test(t)) return 'fee';
  // ("12m": a compact duration chip.)
  if (/^\d{1,3}\s*(?:m|min|mins|minutes|')$/i.test(t)) return 'minutes';
  if (datesIn(t).length > 0 && t.length <= 20) return 'date';
  if (t.split(/[\s,;|:]+/).every((token) => !token || isDiagnosisCode(token.replace(/^ICD-?10\|/i, '')))) return 'dx';
  // Letter pointers however they are set apart ("A,B", "A; B", "A B", "AB").
  if (/^(?:[A-L](?:\s*[,;:]\s*[A-L]|\s+[A-L]){0,3}|[A-L]{2,4}|\d{1,2}(?:\s*[,;:]\s*\d{1,2}){1,3})$/.test(t)) return 'dx';
  if (/^(?:[A-Z0-9]{2})(?:[\s,:;/-]+[A-Z0-9]{2}){0,3}$/.test(t) && /[A-Z]/.test(t)) return 'modifiers';
  if (/^\d{1,3}$/.test(t)) return 'units';
  if (personLike(t) && t.length <= 40 && (/,/.test(t) || nameOnly(t))) return 'provider';
  if (/[a-z]{3}/i.test(t)) return 'description';
  return 'other';
}

interface ColumnMap {
  code?: number;
  codeType?: number;
  modifiers: number[];
  units?: number;
  minutes?: number;
  dx?: number;
  /** Every diagnosis column ("Dx 1" … "Dx 4"); `dx` is the first. */
  dxs: number[];
  /**
   * Diagnosis columns of tick boxes (a matrix: one column per diagnosis, a ticked box links it to the
   * line): column → the diagnosis code or pointer its header names.
   */
  ticks: Map<number, string>;
  date?: number;
  /** A date written over sub-boxes ("MM | DD | YY" under one header): the boxes in the header's order. */
  dateParts?: { at: number; part: string }[];
  provider?: number;
  remove?: number;
  /** Columns resolved from a header or a control name (not guessed from contents). */
  named: boolean;
}

/** A spanning header that names the procedure code (with its modifier boxes after it). */
const SPAN_CODE = /\b(?:cpt|hcpcs|procedures?|proc|codes?)\b/i;

/** Resolve column roles: header words first, then control names, then what the cells hold. */
function resolveColumns(table: PageTable): ColumnMap {
  const width = Math.max(table.columns.length, ...table.rows.map((r) => r.cells.length));
  const map: ColumnMap = { modifiers: [], dxs: [], ticks: new Map(), named: false };
  const taken = new Set<number>();
  const assign = (column: Column, index: number): void => {
    if (column === 'modifiers') {
      if (!map.modifiers.includes(index)) map.modifiers.push(index);
    } else if (column === 'dx' && (map.dx === undefined || /\d\s*$/.test(table.columns[index] ?? ''))) {
      // Several numbered diagnosis columns ("Dx 1" … "Dx 4") are one list.
      if (map.dx === undefined) map.dx = index;
      if (!map.dxs.includes(index)) map.dxs.push(index);
    } else if (column === 'other') {
      // (A box the header names as none of the line's values: never typed by its contents.)
    } else if (column !== 'description' && column !== 'fee' && map[column] === undefined) {
      (map as unknown as Record<string, number>)[column] = index;
    } else return;
    taken.add(index);
  };
  for (let c = 0; c < width; c++) {
    const header = table.columns[c] ?? '';
    // A header spanning sub-boxes (a printed claim form): the same header over consecutive columns.
    // "Procedures … CPT/HCPCS | Modifier" over a code box and modifier boxes; "Date(s) of service
    // From MM DD YY To MM DD YY" over one box per part; "$ Charges" over dollars and cents.
    if (header && table.columns[c - 1] === header) continue;
    let span = 1;
    while (header && table.columns[c + span] === header) span++;
    if (span > 1) {
      for (let k = 1; k < span; k++) taken.add(c + k);
      if (SPAN_CODE.test(header) && /\bmod/i.test(header)) {
        assign('code', c);
        for (let k = 1; k < span; k++) assign('modifiers', c + k);
        map.named = true;
        continue;
      }
      // "Modifiers" or "Dx Pointer" over one box each (four modifier inputs, four pointer inputs): every box is one of the list.
      const spanned = columnOf(header)?.column;
      if (spanned === 'modifiers' || spanned === 'dx') {
        for (let k = 0; k < span; k++) {
          if (spanned === 'modifiers') assign('modifiers', c + k);
          else if (!map.dxs.includes(c + k)) map.dxs.push(c + k);
        }
        if (spanned === 'dx') map.dx ??= c;
        map.named = true;
        continue;
      }
      const parts = header.toLowerCase().match(/\b(?:mm|dd|yyyy|yy)\b/g) ?? [];
      if (parts.length >= 3 && columnOf(header)?.column === 'date') {
        map.date ??= c;
        map.dateParts ??= parts.slice(0, Math.min(3, span)).map((part, k) => ({ at: c + k, part }));
        map.named = true;
        continue;
      }
    }
    const byHeader = header ? columnOf(header) : null;
    // A schedule's "Time" column of clock times ("9:00 AM - 9:28 AM") beside a "Duration" column:
    // the duration is the line's minutes.
    if (byHeader?.column === 'minutes' && map.minutes !== undefined && timeOfDayColumn(table, map.minutes) && !timeOfDayColumn(table, c)) {
      map.minutes = c;
      taken.add(c);
      continue;
    }
    if (byHeader) {
      assign(byHeader.column, c);
      map.named = true;
    }
  }
  // A column of tick boxes headed by a diagnosis ("M54.2", "M54.2 Cervicalgia", "Dx B", "2"): a
  // diagnosis matrix column (one per diagnosis the visit lists), whatever order it comes in.
  for (let c = 0; c < width; c++) {
    const linked = tickedDiagnosis(table.columns[c] ?? '', table.rows.map((r) => r.cells[c]?.text.trim() ?? ''));
    if (linked === undefined || (taken.has(c) && !map.dxs.includes(c))) continue;
    if (!map.dxs.includes(c)) map.dxs.push(c);
    map.dx ??= c;
    map.ticks.set(c, linked);
    taken.add(c);
    map.named = true;
  }
  for (let c = 0; c < width; c++) {
    if (taken.has(c)) continue;
    const names = table.rows.map((r) => r.cells[c]?.name ?? '').filter(Boolean);
    const byName = names.length > 0 ? columnOfName(names[0] as string) : null;
    // Several diagnosis parts under one control name ("bill-dx-code", "bill-dx-code"): one list.
    if (byName === 'dx' && map.dx !== undefined && !map.dxs.includes(c)) {
      map.dxs.push(c);
      taken.add(c);
      continue;
    }
    if (byName) {
      assign(byName, c);
      map.named = true;
    }
  }
  // Contents: the kind most non-empty cells of a column share.
  for (let c = 0; c < width; c++) {
    if (taken.has(c)) continue;
    const counts = new Map<Kind, number>();
    let filled = 0;
    for (const row of table.rows) {
      const kind = kindOf(row.cells[c]?.text ?? '');
      if (kind === 'empty') continue;
      filled++;
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    if (filled === 0) continue;
    const [kind, n] = [...counts].sort((a, b) => b[1] - a[1])[0] as [Kind, number];
    if (n / filled < 0.6 || kind === 'empty') continue;
    // A card's numeric modifier chip ("59" beside a "Units" stepper and "23 min"): with units already
    // captioned, a part holding a known two-digit modifier alone is the line's modifier, not more units.
    if (kind === 'units' && map.units !== undefined && table.rows.length === 1 && modifierChip(table.rows[0]?.cells[c], map.minutes !== undefined || table.rows[0]?.cells.some((x, k) => k !== c && kindOf(x.text) === 'minutes') === true)) {
      assign('modifiers', c);
      continue;
    }
    // A flowsheet's dated columns of one figure ("04/19/2027 10:40" | "04/12/2027 10:30"): the newest is the visit's.
    if ((kind === 'units' || kind === 'minutes') && map[kind] !== undefined) {
      const [date, current] = [headerDate(table, c), headerDate(table, map[kind] as number)];
      if (date && current && date > current) map[kind] = c;
      continue;
    }
    assign(kind, c);
  }
  // Parts under one control name as a modifier part ("pill" "GP", "pill" "59"): a numeric modifier
  // beside a lettered one is a modifier too, not a second units value.
  const modNames = new Set(map.modifiers.map((c) => table.rows[0]?.cells[c]?.name).filter(Boolean));
  for (let c = 0; c < width; c++) {
    const cell = table.rows.length === 1 ? table.rows[0]?.cells[c] : undefined;
    if (!cell?.name || !modNames.has(cell.name) || map.modifiers.includes(c) || !KNOWN_MODIFIERS.has(cell.text.trim())) continue;
    if (map.units === c) delete map.units;
    map.modifiers.push(c);
  }
  // "Mod 2" left of "Mod 1": modifiers in the order the headers number them.
  const rank = (c: number): number => Number(/(\d)\s*$/.exec(table.columns[c] ?? '')?.[1] ?? 0) * 100 + c;
  map.modifiers.sort((a, b) => rank(a) - rank(b));
  return map;
}

/** Whether a part's text can be the value of the column a caption names (an empty cell's caption is passed over). */
function captionFits(caption: string, text: string): boolean {
  const column = columnOf(caption)?.column;
  const kind = kindOf(text);
  if (column === 'code') return kind === 'code';
  if (column === 'modifiers' || column === 'units' || column === 'minutes' || column === 'dx' || column === 'date') return kind === column;
  return true;
}

/** Most filled cells of column `c` hold a time of day or a range of them. */
function timeOfDayColumn(table: PageTable, c: number): boolean {
  const filled = table.rows.map((r) => r.cells[c]?.text.trim() ?? '').filter(Boolean);
  return filled.length > 0 && filled.filter(isTimeOfDay).length >= filled.length * 0.6;
}

/** A chip, pill or tag part ("chip", "mod-pill", "badge"): the control name says it is a token of its own. */
const CHIP_NAME = /(?:^|[^a-z])(?:chips?|pills?|tags?|badges?|tokens?|mods?|modifiers?)(?:[^a-z]|$)/i;

/**
 * A part holding a known two-digit modifier alone ("59", "25"): a modifier when its name says it is a
 * chip or when the card's minutes are read elsewhere (a bare "25" could otherwise be its minutes).
 */
function modifierChip(cell: PageCell | undefined, minutesKnown: boolean): boolean {
  const text = cell?.text.trim() ?? '';
  if (!/^\d{2}$/.test(text) || !KNOWN_MODIFIERS.has(text) || cell?.label) return false;
  return minutesKnown || CHIP_NAME.test(cell?.name ?? '');
}

/** Tick marks as the describer writes a check box's state into a cell. */
const TICK = /^[☑☐]$/;

/**
 * What a column of tick boxes links a line to, from its header: a diagnosis code ("M54.2",
 * "M54.2 Cervicalgia") or a pointer ("B", "Dx 2", "ICD 3"). undefined when the column is not such a
 * column: no tick in it, a cell that is not a tick, or a header that names no diagnosis.
 */
function tickedDiagnosis(header: string, cells: string[]): string | undefined {
  if (!cells.some((t) => TICK.test(t)) || cells.some((t) => t && !TICK.test(t))) return undefined;
  const code = /^\s*(?:ICD-?10\s*[:|]?\s*)?([A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)\b/i.exec(header)?.[1]?.toUpperCase();
  if (code && isDiagnosisCode(code)) return code;
  return POINTER_KEY.exec(header.trim())?.[1]?.toUpperCase();
}

/** A pointer's name: a letter A–L or a number, alone or after a diagnosis word ("B", "Dx 2", "ICD 3", "A."). */
const POINTER_KEY = /^(?:(?:dx|diag\w*|icd(?:-?10)?|ptr|pointer)\s*#?\s*)?([A-L]|\d{1,2})[.)]?$/i;

/** The date a column's header carries (ISO, '' when none): a flowsheet's visit columns. */
function headerDate(table: PageTable, c: number): string {
  return datesIn(table.columns[c] ?? '')[0]?.date ?? '';
}

// ---- diagnosis pointers -------------------------------------------------------------------------

/**
 * Pointer letters/numbers → diagnosis codes, from what the page lists: a numbered or lettered
 * diagnosis table or list ("A. M54.50", "1 | S16.1XXA"), or, failing that, the order in which
 * diagnosis codes first appear (claim forms number them 1–12 / A–L in listed order).
 */
export function pointerMap(page: PageDescription): PointerMap {
  const map: PointerMap = new Map();
  const ordered: string[] = [];
  const note = (code: string): void => {
    if (!ordered.includes(code)) ordered.push(code);
  };
  const label = (key: string, code: string): void => {
    const k = key.toUpperCase().replace(/[.)\]:]+$/, '').trim();
    if (/^(?:[A-L]|\d{1,2})$/.test(k) && !map.has(k)) map.set(k, code);
  };
  const scan = (cells: string[], listItem = false): void => {
    const codeAt = cells.findIndex((c) => isDiagnosisCode(c.replace(/^ICD-?10\|/i, '').trim()));
    if (codeAt < 0) {
      // "A. M54.50 Low back pain", "B M62.830 …", "2) M54.2" in one cell or list item
      for (const text of cells) {
        const m = /^\s*([A-L]|\d{1,2})(?:[.):\]]\s*|\s+)([A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)\b/.exec(text);
        if (m && isDiagnosisCode(m[2] as string)) {
          label(m[1] as string, m[2] as string);
          note(m[2] as string);
        }
        // "1. Low back pain - M54.50 (Primary)", "2. Cervicalgia (M54.2)": the number, then the description, then its code.
        const named = /^\s*([A-L]|\d{1,2})[.):\]]\s+[A-Za-z][^\n]{0,120}?[\s(-]([A-TV-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4})\b/.exec(text);
        if (!m && named && diagnosisCodes(text).length === 1) {
          label(named[1] as string, named[2] as string);
          note(named[2] as string);
        }
        // One diagnosis per item of a list, numbered by its place: "S13.4XXA - Sprain of …" opening
        // it, or "Stiffness of right knee - M25.661" / "Cervicalgia (M54.2)" closing a list item
        // (a sentence of the note that ends with a code is not an item of the list).
        // (In a list item the description may follow the code without a dash: "M54.50 Low back pain".)
        const opening = (listItem ? /^\s*([A-TV-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4})\s+(?:[-–—:]\s+)?[A-Za-z]/ : /^\s*([A-TV-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4})\s+[-–—:]\s+[A-Za-z]/).exec(text);
        const closing = listItem && text.length <= 160 ? /^[A-Za-z][^\n]{2,140}?(?:\s[-–—:]|\()\s*([A-TV-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4})\)?\s*$/.exec(text) : null;
        const one = opening ?? (closing && diagnosisCodes(text).length === 1 ? closing : null);
        if (one) note(one[1] as string);
      }
      return;
    }
    const code = (cells[codeAt] as string).replace(/^ICD-?10\|/i, '').trim().toUpperCase();
    note(code);
    const before = cells.slice(0, codeAt).map((c) => c.trim()).filter(Boolean);
    const key = before[before.length - 1];
    if (key) label(key, code);
    // A grid of lettered diagnosis boxes ("A." [M54.50] "B." [M62.830] "C." [ ] …): each later code
    // right after its own pointer key is labelled by it too.
    for (let i = codeAt + 2; i < cells.length; i++) {
      const later = (cells[i] as string).trim().toUpperCase();
      const pointer = POINTER_KEY.exec((cells[i - 1] as string).trim())?.[1];
      if (pointer && isDiagnosisCode(later)) {
        label(pointer, later);
        note(later);
      }
    }
  };
  for (const table of page.tables) for (const row of table.rows) scan(row.cells.map((c) => c.text));
  for (const block of page.blocks) {
    if (block.text.length >= 600) continue;
    // An item of a lettered or numbered list (<ol type="A">) that opens with a diagnosis code: the
    // list's marker is its pointer.
    const opening = block.marker ? /^\s*(?:ICD-?10\s*[:|]?\s*)?([A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)\b/i.exec(block.text) : null;
    if (opening && block.marker && isDiagnosisCode((opening[1] as string).toUpperCase())) {
      label(block.marker, (opening[1] as string).toUpperCase());
      note((opening[1] as string).toUpperCase());
    }
    scan(block.text.split('\n'), block.tag === 'li');
  }
  for (const record of page.records) scan(record.parts.map((p) => p.text));
  // A claim form's diagnosis inputs, each labelled by its pointer ("A." [M54.50] … "L." [ ], "Dx 2" [M62.838]).
  for (const field of page.fields) {
    const key = POINTER_KEY.exec(field.label.trim())?.[1];
    const code = field.value.trim().toUpperCase();
    if (key && isDiagnosisCode(code)) {
      label(key, code);
      note(code);
    }
  }
  // Lists ("<ol><li>M54.50</li>…"): blocks in order; an unlabelled list numbers from 1.
  if (map.size === 0) {
    ordered.forEach((code, i) => {
      map.set(String(i + 1), code);
      if (i < 12) map.set(String.fromCharCode(65 + i), code);
    });
  }
  // A list numbered 1, 2, … read by letters (A is the first, as on a claim form), or lettered and
  // read by numbers: the other notation by position, when the page uses only one.
  const keys = [...map.keys()];
  const numbered = keys.every((k) => /^\d/.test(k));
  const lettered = keys.every((k) => !/^\d/.test(k));
  if (numbered || lettered) {
    for (let i = 1; i <= 12; i++) {
      const [from, to] = numbered ? [String(i), String.fromCharCode(64 + i)] : [String.fromCharCode(64 + i), String(i)];
      const code = map.get(from);
      if (code) map.set(to, code);
    }
  }
  return map;
}

// ---- rows ---------------------------------------------------------------------------------------

interface Found {
  line: SnapshotClaimLine;
  cues: number;
  reason: string[];
}

/**
 * A code at the start of a code cell, after any label or system ("CPT: 97124", "Proc 97124"). In a
 * column a header names as the code's (`described`), the item's name may come first: "Massage
 * therapy 97124-GP Dx: M62.838" (an invoice item's name, code and diagnosis stacked in one cell).
 */
function leadingCode(text: string, described = false): { code: string; rest: string } | null {
  const hits = procedureCodes(text);
  const first = hits[0];
  if (!first) return null;
  if (described && hits.length === 1 && /^[A-Za-z][^:;\n]{2,120}$/.test(text.slice(0, first.start).trim()) && text.length - first.end <= 80) return { code: first.code, rest: text.slice(first.end) };
  // "Massage therapy (97124)", "Therapeutic exercise (97110-GP)": the code in brackets after its description.
  if (hits.length === 1 && /^[A-Za-z][^()]{2,60}\(\s*$/.test(text.slice(0, first.start)) && /^(?:[-:\s][A-Z0-9]{2})*\s*\)\s*$/i.test(text.slice(first.end))) return { code: first.code, rest: text.slice(first.end).replace(/\s*\)\s*$/, '') };
  const before = text.slice(0, first.start).trim().replace(/[:#\s]+$/, '');
  if (before && !PROCEDURE_SYSTEMS.test(before) && !/^(?:cpt|hcpcs|proc|code|service|svc|cpt\s*code|procedure\s*code)$/i.test(before) && before.length > 3) return null;
  return { code: first.code, rest: text.slice(first.end).replace(/^®/, '') };
}

function cleanLine(line: SnapshotClaimLine): SnapshotClaimLine {
  const out: SnapshotClaimLine = { code: line.code };
  if (line.modifiers && line.modifiers.length > 0) out.modifiers = line.modifiers.slice(0, 4);
  if (line.units !== undefined) out.units = line.units;
  if (line.minutes !== undefined) out.minutes = line.minutes;
  if (line.dx && line.dx.length > 0) out.dx = line.dx.slice(0, 12);
  return out;
}

/** Minutes under their own caption inside a cell of another column ("Minutes: 27", "Time: 9 min"). */
const CAPTIONED_MINUTES = /(?:^|[|;\n]\s*|\b)(?:minutes|mins?|time|treatment time)\s*[:=]\s*(\d{1,3})(?!\d)(?:\s*(?:minutes?|mins?))?/i;

function readRow(row: PageRow, map: ColumnMap, pointers: PointerMap, unresolved: string[]): Found | null | 'dx' {
  const cell = (i: number | undefined): PageCell | undefined => (i === undefined ? undefined : row.cells[i]);
  const typeText = (cell(map.codeType)?.text ?? '').trim();
  if (typeText && (DIAGNOSIS_SYSTEMS.test(typeText) || /^ICD/i.test(typeText))) return 'dx';
  if (typeText && NON_SERVICE_SYSTEMS.test(typeText)) return null;
  const reason: string[] = [];
  let code: string | undefined;
  let inline: string[] = [];
  let codeCellIndex: number | undefined;
  const codeCell = cell(map.code);
  if (codeCell) {
    const found = leadingCode(codeCell.text, map.named);
    if (found) {
      code = found.code;
      inline = trailingModifiers(found.rest.toUpperCase());
      codeCellIndex = map.code;
      reason.push('code column');
    }
  }
  if (!code) {
    for (let i = 0; i < row.cells.length; i++) {
      if (map.modifiers.includes(i) || map.dxs.includes(i) || i === map.units || i === map.minutes) continue;
      const found = leadingCode((row.cells[i] as PageCell).text);
      if (found) {
        code = found.code;
        inline = trailingModifiers(found.rest.toUpperCase());
        codeCellIndex = i;
        reason.push('code in a cell');
        break;
      }
    }
  }
  if (!code) return null;
  const line: SnapshotClaimLine = { code };
  let cues = 0;
  const modText = map.modifiers.map((i) => cell(i)?.text ?? '').join(' ');
  const mods = map.modifiers.length > 0 ? modifierTokens(modText) : inline.length > 0 ? inline : captionedModifiers(row.cells.map((c) => c.text).join(' | '));
  if (mods.length > 0) {
    line.modifiers = mods;
    cues++;
  } else if (map.modifiers.length > 0) cues++;
  const rowText = row.cells.map((c) => c.text).join(' | ');
  const quantities = inlineQuantities(rowText);
  const unitsCell = cell(map.units);
  const units = unitsCell ? unitsValue(unitsCell.text) : quantities.units;
  if (units !== undefined) {
    line.units = units;
    cues++;
  }
  const minutesCell = cell(map.minutes);
  // Without a minutes column, minutes captioned in another cell ("Minutes: 27" in a line-note column).
  const captionedMinutes = CAPTIONED_MINUTES.exec(rowText)?.[1];
  const minutes = minutesCell ? minutesValue(minutesCell.text) : map.units === undefined ? quantities.minutes : captionedMinutes !== undefined ? Number(captionedMinutes) : undefined;
  if (minutes !== undefined) {
    line.minutes = minutes;
    cues++;
  }
  // A ticked box of a diagnosis matrix stands for its column's diagnosis; an unticked one for none.
  const dxText = map.dxs.map((i) => (map.ticks.has(i) ? (cell(i)?.text.trim() === '☑' ? map.ticks.get(i) : '') : (cell(i)?.text ?? ''))).join(' ');
  let dx = map.dxs.length > 0 ? diagnosisValues(dxText, pointers, unresolved) : [];
  if (dx.length === 0 && codeCellIndex !== undefined) dx = diagnosisCodes((row.cells[codeCellIndex] as PageCell).text);
  if (dx.length === 0) {
    // (Codes listed with a middle dot or bullet, "Dx M99.01 · M99.02", are one list.)
    const labelled = /\b(?:dx|diagnos[ie]s|icd(?:-?10)?)\s*[:#]?\s*((?:[A-Z0-9.|]+[\s,;·•]*){1,6})/i.exec(rowText);
    if (labelled) dx = diagnosisValues(labelled[1] as string, pointers, unresolved);
  }
  if (dx.length > 0) {
    line.dx = dx;
    cues++;
  }
  return { line, cues, reason };
}

/**
 * A caption standing alone as a part ("Modifiers", "Diagnoses") labels the short unlabelled parts
 * after it (its chips, pills or tags), joined as one value; a caption with no such part stays as it was.
 */
function captionRuns(parts: PageCell[]): PageCell[] {
  const out: PageCell[] = [];
  let run: PageCell | null = null;
  for (const part of parts) {
    const text = part.text.trim();
    const column = !part.label && text.length <= 30 && !/\d/.test(text) ? captionColumn(text) : undefined;
    if (column && column !== 'code' && column !== 'description' && column !== 'other') {
      out.push((run = { ...part, label: text, text: '' }));
      continue;
    }
    if (run && !part.label && text.length <= 20 && !procedureCodes(text).length) {
      run.text = `${run.text} ${text}`.trim();
      continue;
    }
    run = null;
    out.push(part);
  }
  // (A caption nothing followed is text again: no value of its own.)
  return out.map((p) => (p.text === '' && p.label ? { ...p, text: p.label, label: undefined } : p)).map(({ label, ...p }) => (label ? { ...p, label } : p));
}

function recordCells(record: PageRecord): { map: ColumnMap; row: PageRow } {
  // A record is a one-row table whose columns are its parts' labels.
  const parts = captionRuns(record.parts);
  const columns = parts.map((p) => p.label ?? '');
  const table = captionedColumns({ id: record.id, at: record.at, kind: 'table', columns, rows: [{ id: record.id, cells: parts, visible: record.visible }], total: 1, visible: record.visible });
  return { map: resolveColumns(table), row: table.rows[0] as PageRow };
}

const ADDRESS_NUMBER = /\b(?:p\.?\s?o\.?\s+box|box|suite|ste|apt|unit|floor|fl|room|rm|bldg|building|drawer|lockbox)\.?\s*#?\s*$/i;

/** Free text of a record ("97124 — Massage · GP · 1 unit · 12 min · Dx M62.830"). */
function readFreeText(text: string, pointers: PointerMap, unresolved: string[]): Found | null {
  const hits = procedureCodes(text);
  const first = hits[0];
  if (!first || hits.length > 1 || first.start > 40) return null;
  // A postal address's number ("PO Box 97124", "Suite 97110") is no procedure code.
  if (ADDRESS_NUMBER.test(text.slice(0, first.start))) return null;
  const line: SnapshotClaimLine = { code: first.code };
  let cues = 0;
  const after = text.slice(first.end).replace(/^®/, '');
  const trailing = trailingModifiers(after.toUpperCase());
  // Standing-alone known modifiers, once quantities ("25 min", "2 units", "x2") and diagnoses are out.
  const free = after.replace(/\b(?:dx|icd)\b.*$/i, '').replace(/\b\d{1,4}\s*(?:units?|u|minutes?|mins?|['′])(?![a-z])|\b[x×]\s?\d+|\$?\d+\.\d{2}/gi, ' ');
  const mods = trailing.length > 0 ? trailing : modifierTokens(free, true);
  if (mods.length > 0) {
    line.modifiers = mods;
    cues++;
  }
  cues += setQuantities(line, inlineQuantities(after));
  const dxMatch = /\b(?:dx|diagnos[ie]s|icd(?:-?10)?)\s*[:#]?\s*(.+)$/i.exec(after);
  const dx = dxMatch ? diagnosisValues(dxMatch[1] as string, pointers, unresolved) : diagnosisCodes(after);
  if (dx.length > 0) {
    line.dx = dx;
    cues++;
  }
  return { line, cues, reason: ['code in a list item'] };
}

/**
 * Claim lines stated in one sentence list ("Billed services: 97110 with modifier GP, 2 units (30
 * minutes), for M54.12; 97124 …"): the text cut before each code, each piece read as free text.
 * A piece counts only with two values beside its code (units, minutes, a modifier, a diagnosis):
 * a code mentioned in prose is not a line.
 */
/** Wording of a claim line stated in a sentence ("with modifiers GP and 59, 2 units (30 minutes), for …"). */
const SENTENCE_LIST_WORDS: ReadonlySet<string> = new Set(['with', 'modifier', 'modifiers', 'mod', 'mods', 'and', 'for', 'unit', 'units', 'minute', 'minutes', 'min', 'mins', 'diagnosis', 'diagnoses', 'icd', 'linked', 'billed', 'each', 'plus', 'the', 'cpt', 'code', 'at', 'qty', 'time']);

function statedLines(text: string, pointers: PointerMap, unresolved: string[]): Found[] {
  const hits = procedureCodes(text);
  if (hits.length < 2 || text.length > 600) return [];
  const out: Found[] = [];
  hits.forEach((hit, i) => {
    const piece = text.slice(hit.start, hits[i + 1]?.start ?? text.length).replace(/[;,.\s]*(?:and|&)?\s*$/i, '');
    const read = readFreeText(piece, pointers, unresolved);
    // What is left once the values and their wording are out: a line's description at most, not prose.
    const rest = piece
      .slice(5)
      .replace(/\b[A-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4}\b|\b[A-Z0-9]{2}\b|\d+/g, ' ')
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length >= 3 && !SENTENCE_LIST_WORDS.has(w));
    if (read && read.cues >= 2 && rest.length <= 4) out.push({ ...read, reason: ['a code in a sentence list'] });
  });
  return out.length === hits.length ? out : [];
}

function mergeInto(line: SnapshotClaimLine, extra: Found): void {
  if (!line.modifiers && extra.line.modifiers) line.modifiers = extra.line.modifiers;
  if (line.units === undefined && extra.line.units !== undefined) line.units = extra.line.units;
  if (line.minutes === undefined && extra.line.minutes !== undefined) line.minutes = extra.line.minutes;
  if (!line.dx && extra.line.dx) line.dx = extra.line.dx;
}

/** A row without a code that carries a line's values on a later line ("Units: 2 · 25 min"). */
function continuation(row: PageRow, pointers: PointerMap, unresolved: string[]): Found | null {
  const text = row.cells.map((c) => (c.label ? `${c.label}: ${c.text}` : c.text)).join(' ');
  // (A totals row under the lines sums them: "Timed total 52" is no value of the last line.)
  if (/\bNDC\b/i.test(text) || /^\s*(?:grand\s+)?totals?\b/i.test(text) || procedureCodes(text).length > 0 || text.length > 200) return null;
  const line: SnapshotClaimLine = { code: '00000' };
  let cues = 0;
  const q = inlineQuantities(text);
  // A continuation row's bare number is units only when it says so ("Units: 2").
  cues += setQuantities(line, /\bunits?\b|\bqty\b/i.test(text) ? q : { minutes: q.minutes });
  const mod = /\bmod(?:ifiers?|s)?\s*[:#]?\s*((?:[A-Z0-9]{2}[\s,:;/-]*){1,4})/i.exec(text);
  if (mod) {
    line.modifiers = modifierTokens(mod[1] as string);
    cues++;
  }
  const dx = /\b(?:dx|diagnos[ie]s|icd(?:-?10)?)\s*[:#]?\s*(.+)$/i.exec(text);
  if (dx) {
    const values = diagnosisValues(dx[1] as string, pointers, unresolved);
    if (values.length > 0) {
      line.dx = values;
      cues++;
    }
  }
  return cues > 0 ? { line, cues, reason: ['values on the next line'] } : null;
}

/** A date written in sub-boxes ("05 | 18 | 27" under "MM DD YY"), as one date text ("05/18/27"). */
function subBoxDate(row: PageRow, parts: { at: number; part: string }[]): string | undefined {
  const value = (p: string): string => {
    const box = parts.find((x) => x.part.startsWith(p));
    return box ? (row.cells[box.at]?.text.trim() ?? '') : '';
  };
  const [mm, dd, yy] = [value('m'), value('d'), value('y')];
  return /^\d{1,2}$/.test(mm) && /^\d{1,2}$/.test(dd) && /^\d{2}(?:\d{2})?$/.test(yy) ? `${mm}/${dd}/${yy}` : undefined;
}

/** The facts a table shows per group (a claim list's payer select, dates in rows). */
function groupFacts(page: PageDescription, tableIndex: number, group: number | undefined, rows: PageRow[], map: ColumnMap): ReadFacts {
  const facts: ReadFacts = {};
  for (const field of page.fields) {
    if (field.table !== tableIndex || field.group !== group || group === undefined) continue;
    if (!/\b(?:bill|payer|payor|insurance|carrier)\b/i.test(field.label)) continue;
    const value = field.value.replace(/^(?:primary|secondary|tertiary)\s*:\s*/i, '').trim();
    if (value && !/^(?:unassigned|none|-+)$/i.test(value)) facts.payer = { value, shown: field.value, confidence: 0.85, reason: `"${field.label}" select of the encounter`, anchor: field.id };
  }
  // A payer column beside the lines ("Payor", "Insurance", "Third party payer": a timesheet's billing entries).
  const payerAt = (page.tables[tableIndex]?.columns ?? []).findIndex((c) => PAYER_COLUMN.test(c.trim()));
  for (const row of rows) {
    const payer = payerAt >= 0 ? row.cells[payerAt]?.text.replace(/\s+/g, ' ').trim() : undefined;
    if (payer && /[a-z]{2}/i.test(payer) && !/^(?:none|self[- ]pay|n\/a|-+)$/i.test(payer) && !facts.payer) facts.payer = { value: payer, shown: payer, confidence: 0.8, reason: `"${page.tables[tableIndex]?.columns[payerAt]}" column of the claim lines`, anchor: row.id };
    const dateCell = map.dateParts ? subBoxDate(row, map.dateParts) : map.date !== undefined ? row.cells[map.date]?.text : undefined;
    const date = dateCell ? datesIn(dateCell)[0]?.date : undefined;
    if (date && !facts.dateOfService) facts.dateOfService = { value: date, shown: dateCell as string, confidence: 0.75, reason: 'date column of the claim lines', anchor: row.id };
    const provider = map.provider !== undefined ? row.cells[map.provider]?.text.trim() : undefined;
    if (provider && personLike(provider) && !facts.provider) facts.provider = { value: provider, shown: provider, confidence: 0.7, reason: 'provider column of the claim lines', anchor: row.id };
  }
  return facts;
}

export interface LinesResult {
  groups: ReadGroup[];
  skipped: Skipped[];
  unresolved: string[];
  /** Tables (by index) that held claim lines: their cells are not note text. */
  claimTables: Set<number>;
  claimRecords: Set<string>;
  /** Blocks whose text ends in a fixed-width charge table: the offset where it starts (not note text). */
  textTableAt: Map<string, number>;
}

const CHROME_RECORD = /^(?:nav|menu|menubar|footer|banner|toolbar|search|breadcrumb|breadcrumbs|config-not)$/;

/**
 * A table laid on its side: the first column names the fields (Service, Modifiers, Units…) and
 * each further column is one claim line. Returned turned upright, or null.
 */
function transposed(table: PageTable): PageTable | null {
  if (table.rows.length > 16 || table.columns.some((c) => columnOf(c)?.column === 'code')) return null;
  const names = table.rows.map((r) => r.cells[0]?.text ?? '');
  const columns = names.map((n) => columnOf(n)?.column).filter((c): c is Column => c !== undefined && c !== 'other' && c !== 'description');
  // Field names, each once but for numbered modifier and diagnosis fields ("Mod 1", "Mod 2", "Dx 1"…):
  // "Service", "Modifier(s)", "Qty" (not a column of "CPT4"/"ICD10" values).
  const once = columns.filter((c) => c !== 'modifiers' && c !== 'dx');
  if (!columns.includes('code') || columns.length < 2 || new Set(once).size !== once.length) return null;
  const width = Math.max(...table.rows.map((r) => r.cells.length));
  const rows: PageRow[] = [];
  // A struck code field strikes its line (a voided card).
  const removed = table.rows.some((r) => r.removed && columnOf(r.cells[0]?.text ?? '')?.column === 'code');
  for (let c = 1; c < width; c++) rows.push({ id: table.id, cells: table.rows.map((r) => r.cells[c] ?? { text: '' }), visible: table.visible, ...(removed ? { removed } : {}) });
  return { ...table, columns: names, rows, total: rows.length };
}

/** "Units: 2" → ["Units", "2"] (a caption written into the cell before its value). */
const CELL_CAPTION = /^([A-Za-z][A-Za-z0-9 ./#()*-]{0,28}?)\s*[:：]\s*(.*)$/;

/**
 * Columns without a header whose cells carry their own caption (cards and list items laid out as
 * grids: "<span>Units</span><span>2</span>" or "Units: 2" in every cell): the caption the cells of
 * a column share names it, and the value is what follows. A caption no column rule knows is put back
 * before the value (a first name beside a surname is not a caption).
 */
function captionedColumns(table: PageTable): PageTable {
  const width = Math.max(0, ...table.rows.map((r) => r.cells.length));
  const columns = [...table.columns];
  let changed = false;
  const rows = table.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c })) }));
  for (let c = 0; c < width; c++) {
    const cells = rows.map((r) => r.cells[c]).filter((x): x is PageCell => x !== undefined && (x.text.trim() !== '' || x.label !== undefined));
    if (cells.length === 0) continue;
    // (A short cell: "Billed services: 97110 with modifier GP, …" is a sentence, not a caption and a value.)
    const caption = (x: PageCell): string | undefined => x.label ?? (x.text.length <= 60 ? CELL_CAPTION.exec(x.text)?.[1] : undefined);
    // (A form may caption only its first row: the other rows' cells carry no caption at all.)
    const first = cells.map(caption).find((x) => x !== undefined);
    // A caption no column rule knows counts when every row repeats it ("NDC", "Status"): data differs row to row.
    // (… or when only the first row's cell shows it, as a caption element: a form captions its first row.)
    const known = first !== undefined && (columnOf(first) !== null || (cells.length >= 2 && cells.every((x) => caption(x) === first)) || (cells[0]?.label === first && cells.slice(1).every((x) => caption(x) === undefined)));
    // (Uncaptioned cells only below a captioned first row: a detail row's "Modifiers: GP · …" under an
    // uncaptioned code cell does not caption the code column.)
    const shared = !columns[c] && known && (cells.every((x) => caption(x) === first) || (caption(cells[0] as PageCell) === first && cells.every((x) => caption(x) === first || (caption(x) === undefined && !x.label))));
    if (!shared) continue;
    for (const x of cells) if (caption(x) === first) x.text = x.label ? x.text.replace(x.label, '').trim() : x.text.replace(CELL_CAPTION, '$2');
    changed = true;
    if (shared) columns[c] = first as string;
  }
  return changed ? { ...table, columns, rows } : table;
}

/** Fixed-width text tables in a block: a header line naming ≥ 2 columns (one the code), then lines opening with a code. */
function textTables(block: PageBlock): PageTable[] {
  const out: PageTable[] = [];
  const lines = block.text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i] as string;
    const starts = [...header.matchAll(/[^\s\t]+(?: [^\s\t]+)*/g)].map((m) => ({ at: m.index ?? 0, name: m[0] }));
    const named = starts.map((h) => columnOf(h.name)?.column);
    if (starts.length < 2 || starts.length > 12 || !named.includes('code') || named.filter(Boolean).length < 2) continue;
    const rows: PageRow[] = [];
    for (let j = i + 1; j < lines.length && rows.length < 60; j++) {
      const line = lines[j] as string;
      if (/^[-=_\s]*$/.test(line)) {
        if (rows.length > 0) break;
        continue;
      }
      if (procedureCodes(line)[0]?.start !== 0 && procedureCodes(line.trim())[0]?.start !== 0) break;
      // Runs of a printed line joined with tabs (a PDF text layer) are cells in order; else by position.
      const runs = header.includes('\t') ? line.split('\t') : [];
      const cells = runs.length === starts.length ? runs.map((text) => ({ text: text.trim() })) : starts.map((h, k) => ({ text: line.slice(h.at, starts[k + 1]?.at ?? undefined).trim() }));
      rows.push({ id: block.id, cells, visible: block.visible });
    }
    // `at`: where the header line starts in the block's text.
    if (rows.length > 0) out.push({ id: block.id, at: lines.slice(0, i).join('\n').length, kind: 'table', columns: starts.map((h) => h.name), rows, total: rows.length, visible: block.visible });
  }
  return out;
}

/** Claim lines of one frame, grouped by encounter. */
export function readLines(page: PageDescription): LinesResult {
  const pointers = pointerMap(page);
  const unresolved: string[] = [];
  const skipped: Skipped[] = [];
  const groups = new Map<string, ReadGroup>();
  const claimTables = new Set<number>();
  /** The lines each table gave, by table index (a treatment log and a charge table of the same services). */
  const tableLines = new Map<number, ReadLine[]>();
  const claimRecords = new Set<string>();
  const textTableAt = new Map<string, number>();
  const groupFor = (key: string, extra: Partial<ReadGroup> = {}): ReadGroup => {
    let g = groups.get(key);
    if (!g) {
      g = { key, lines: [], facts: {}, ...extra };
      groups.set(key, g);
    }
    return g;
  };

  // An administrator's (or the user's) configured claim rows are the lines: nothing is inferred then.
  const configured = page.tables.some((t) => t.hints?.includes('config-lines'));
  page.tables.forEach((original, index) => {
    if (original.rows.length === 0 || (configured && !original.hints?.includes('config-lines'))) return;
    const table = captionedColumns(transposed(original) ?? original);
    const map = resolveColumns(table);
    const claimTable = map.named && (map.code !== undefined || map.modifiers.length > 0 || map.units !== undefined);
    const found: { row: PageRow; found: Found }[] = [];
    let last: { row: PageRow; found: Found } | null = null;
    // A column of ticks (a superbill): with some ticked and some not, only ticked rows are billed.
    // (A diagnosis matrix's ticks link diagnoses to a line; they do not say whether it is billed.)
    // (Nor do a delete column's: a ticked one strikes its line.)
    const ticks = (row: PageRow): string => row.cells.map((c, i) => (TICK.test(c.text.trim()) && !map.ticks.has(i) && i !== map.remove ? c.text.trim() : '')).join('');
    const ticked = !table.groups && table.rows.some((r) => ticks(r).includes('☑')) && table.rows.some((r) => ticks(r).includes('☐'));
    for (const row of table.rows) {
      if (ticked && !ticks(row).includes('☑')) continue;
      // A row hidden in a shown table is a template or a collapsed detail, never a line.
      if (!row.visible && table.visible) continue;
      const read = readRow(row, map, pointers, unresolved);
      if (read === 'dx') continue;
      if (!read) {
        const more = last ? continuation(row, pointers, unresolved) : null;
        if (more && last) mergeInto(last.found.line, more);
        else last = null;
        continue;
      }
      if (row.removed || (map.remove !== undefined && row.cells[map.remove]?.text.trim() === '☑')) {
        skipped.push({ what: 'line', anchor: row.id, reason: 'struck through or marked for deletion', text: read.line.code });
        last = null;
        continue;
      }
      if (notBilled(read.line)) {
        skipped.push({ what: 'line', anchor: row.id, reason: NOT_BILLED, text: read.line.code });
        last = null;
        continue;
      }
      const item = { row, found: read };
      found.push(item);
      last = item;
    }
    // A table is a claim table when its headers or names say so, or its rows carry line values.
    const valued = found.filter((f) => f.found.cues > 0).length;
    // Every row has a tick box, none is ticked and no row carries a value: a superbill nobody
    // filled in lists the codes the clinic bills, not this visit's lines.
    const untouched = !table.groups && table.rows.length >= 2 && table.rows.every((r) => ticks(r) !== '') && !table.rows.some((r) => ticks(r).includes('☑'));
    const filled = found.some(({ found: { line } }) => line.units !== undefined || line.minutes !== undefined || (line.modifiers?.length ?? 0) > 0 || (line.dx?.length ?? 0) > 0);
    if (found.length === 0 || (!claimTable && valued === 0) || (untouched && !filled)) {
      for (const f of found) skipped.push({ what: 'line', anchor: f.row.id, reason: 'a code with no modifier, units, minutes or diagnosis beside it', text: f.found.line.code });
      return;
    }
    claimTables.add(index);
    const byGroup = new Map<number | undefined, { row: PageRow; found: Found }[]>();
    for (const f of found) {
      if (!claimTable && f.found.cues === 0) continue;
      const list = byGroup.get(f.row.group) ?? [];
      list.push(f);
      byGroup.set(f.row.group, list);
    }
    // One rowspan cell over every line (a DOS cell spanning the day's charges) heads no separate
    // encounter: the lines are the page's, with the page's facts.
    const oneGroup = byGroup.size === 1 && (table.groups?.length ?? 0) <= 1;
    for (const [group, items] of byGroup) {
      const key = group === undefined || oneGroup ? 'page' : `${table.id}:${group}`;
      const meta = group !== undefined ? table.groups?.[group] : undefined;
      const g = groupFor(key, meta ? { label: meta.text.slice(0, 120), anchor: meta.id } : {});
      for (const { row, found: f } of items) {
        const line: ReadLine = {
          line: cleanLine(f.line),
          anchor: row.id,
          confidence: Math.min(0.98, 0.55 + 0.1 * f.cues + (claimTable ? 0.2 : 0)),
          reason: `${claimTable ? 'claim table' : 'table row'} (${f.reason.join(', ')}${f.cues > 0 ? `, ${f.cues} value${f.cues > 1 ? 's' : ''} beside it` : ''})`,
          visible: row.visible && table.visible,
        };
        g.lines.push(line);
        tableLines.set(index, [...(tableLines.get(index) ?? []), line]);
      }
      const facts = groupFacts(page, index, group, items.map((i) => i.row), map);
      g.facts = { ...facts, ...g.facts };
    }
  });

  // A treatment log (a flowsheet: codes with their minutes only) beside a charge table that bills
  // every one of its codes with units or modifiers lists the same services: the charges are the lines.
  const billed = (l: ReadLine): boolean => l.line.units !== undefined || (l.line.modifiers?.length ?? 0) > 0;
  for (const [index, lines] of tableLines) {
    if (lines.some(billed)) continue;
    const covered = [...tableLines].some(([other, charges]) => other !== index && charges.some(billed) && lines.every((l) => charges.some((c) => c.line.code === l.line.code)));
    if (!covered) continue;
    // The log's minutes are the charges' when the charges show none (a flowsheet of minutes per code
    // beside a charge grid of codes, modifiers and units): each code once in both.
    const charges = [...groups.values()].flatMap((g) => g.lines).filter((l) => !lines.includes(l));
    const once = <T extends ReadLine>(list: T[], code: string): T | undefined => (list.filter((l) => l.line.code === code).length === 1 ? list.find((l) => l.line.code === code) : undefined);
    for (const logged of lines) {
      const charge = once(charges, logged.line.code);
      if (logged.line.minutes !== undefined && charge && charge.line.minutes === undefined && once(lines, logged.line.code)) charge.line.minutes = logged.line.minutes;
    }
    for (const g of groups.values()) g.lines = g.lines.filter((l) => !lines.includes(l));
    claimTables.delete(index);
    for (const l of lines) skipped.push({ what: 'line', anchor: l.anchor, reason: 'a treatment log of services the charge table bills', text: l.line.code });
  }

  // Charges printed as fixed-width text (a report in a <pre>): a header line, then one line per service.
  if (!configured && groups.size === 0) {
    for (const block of page.blocks) {
      for (const table of textTables(block)) {
        if (!textTableAt.has(block.id)) textTableAt.set(block.id, table.at);
        const map = resolveColumns(table);
        for (const row of table.rows) {
          const read = readRow(row, map, pointers, unresolved);
          if (!read || read === 'dx') continue;
          groupFor('page').lines.push({ line: cleanLine(read.line), anchor: block.id, confidence: Math.min(0.9, 0.5 + 0.1 * read.cues), reason: `text table (${read.reason.join(', ')}, ${read.cues} values beside it)`, visible: block.visible });
        }
      }
    }
  }

  let lastRecord: { record: PageRecord; line: SnapshotClaimLine; index: number } | null = null;
  page.records.forEach((described, index) => {
    if (configured || described.hints?.some((h) => CHROME_RECORD.test(h))) return;
    // A container around several lines (a calculator panel, a whole charge section): parts opening
    // with different codes are lines of their own (its table or records read them), not one line.
    const opened = new Set(described.parts.map((p) => procedureCodes(p.text.replace(/^[☑☐]\s*/, '')).find((hit) => hit.start === 0)?.code).filter(Boolean));
    if (opened.size >= 2) {
      lastRecord = null;
      return;
    }
    // A ticked code ("☑ 97012 Mechanical traction": an untimed service checked off) bills one unit
    // unless the record says how many.
    const tickedCode = described.parts.some((p) => /^\s*☑/.test(p.text) && procedureCodes(p.text).length > 0);
    // Values beside an unticked box ("☐ 59") are choices not taken; a ticked one's mark goes.
    // Boxes ticked side by side are one choice ("☑ GP" "☐ CQ" "☑ 59" is the modifiers GP 59).
    let record: PageRecord = described;
    // Unlabelled parts under a header row drawn as caption lines: the captions label them by position.
    const captions = captionRowFor(page, described, (caption) => columnOf(caption)?.column);
    if (captions) record = { ...described, parts: labelParts(described.parts, captions, captionFits) };
    if (described.parts.some((p) => /[☑☐]/.test(p.text))) {
      const parts: PageCell[] = [];
      let ticks: PageCell | null = null;
      for (const p of record.parts) {
        const text = p.text.replace(/☐\s*[^\s☑☐]*/g, ' ').replace(/☑/g, ' ').replace(/\s+/g, ' ').trim();
        if (/[☑☐]/.test(p.text) && ticks) ticks.text = `${ticks.text} ${text}`.trim();
        else if (text || /[☑☐]/.test(p.text)) parts.push((ticks = /[☑☐]/.test(p.text) ? { ...p, text } : null) ?? { ...p, text });
      }
      record = { ...record, parts: parts.filter((p) => p.text) };
    }
    const { map, row } = recordCells(record);
    let read = map.named ? readRow(row, map, pointers, unresolved) : null;
    if (read === 'dx') return;
    if (!read || read.cues === 0) {
      const joined = record.parts.map((p) => (p.label ? `${p.label}: ${p.text}` : p.text)).join(' · ');
      const free = readFreeText(joined, pointers, unresolved);
      if (free && (!read || free.cues > read.cues)) read = free;
      const stated = free || read ? [] : statedLines(joined, pointers, unresolved);
      if (stated.length > 0 && !record.removed) {
        claimRecords.add(record.id);
        for (const f of stated) {
          groupFor('page').lines.push({ line: cleanLine(f.line), anchor: record.id, confidence: Math.min(0.9, 0.45 + 0.1 * f.cues), reason: `${f.reason.join(', ')} (${f.cues} values beside the code)`, visible: record.visible });
        }
        lastRecord = null;
        return;
      }
    }
    if (!read) {
      // A part-only record after a line: its values continue that line.
      if (lastRecord && lastRecord.index === index - 1) {
        const more = continuation(row, pointers, unresolved);
        if (more) mergeInto(lastRecord.line, more);
      }
      return;
    }
    if (read.cues === 0 && !(map.named && map.code !== undefined)) {
      skipped.push({ what: 'line', anchor: record.id, reason: 'a code with no modifier, units, minutes or diagnosis beside it', text: read.line.code });
      return;
    }
    if (record.removed) {
      skipped.push({ what: 'line', anchor: record.id, reason: 'struck through or marked for deletion', text: read.line.code });
      return;
    }
    if (notBilled(read.line)) {
      skipped.push({ what: 'line', anchor: record.id, reason: NOT_BILLED, text: read.line.code });
      return;
    }
    if (tickedCode && read.line.units === undefined) read.line.units = 1;
    const line = cleanLine(read.line);
    claimRecords.add(record.id);
    groupFor('page').lines.push({
      line,
      anchor: record.id,
      confidence: Math.min(0.95, 0.5 + 0.1 * read.cues + (map.named ? 0.15 : 0)),
      reason: `${record.tag === 'li' ? 'list item' : map.named ? 'labelled fields' : 'card'} (${read.reason.join(', ')}, ${read.cues} value${read.cues === 1 ? '' : 's'} beside the code)`,
      visible: record.visible,
    });
    lastRecord = { record, line: groupFor('page').lines[groupFor('page').lines.length - 1]!.line, index };
  });

  // Bill items written as lines of a block ("97124 / GP / Massage therapy / × 1 / 13 min", then
  // "ICD-10: M62.838" on the next block): a code alone on the first line and values on the others.
  if (!configured) {
    const read = new Set([...groups.values()].flatMap((g) => g.lines.map((l) => l.line.code)));
    const ordered = [...page.blocks].sort((a, b) => a.at - b.at);
    ordered.forEach((block, i) => {
      const item = billItem(block, ordered[i + 1], pointers, unresolved);
      if (!item || read.has(item.found.line.code) || (block.hints ?? []).some((h) => CHROME_RECORD.test(h))) return;
      read.add(item.found.line.code);
      for (const id of item.blocks) claimRecords.add(id);
      groupFor('page').lines.push({ line: cleanLine(item.found.line), anchor: block.id, confidence: Math.min(0.85, 0.45 + 0.1 * item.found.cues), reason: `a bill item written as lines (${item.found.cues} values beside the code)`, visible: block.visible });
    });
  }

  // Modifiers the page applies to every line ("Modifiers for all lines: GP"), beside each line's own.
  const shared = allLinesModifiers(page);
  if (shared.length > 0) {
    for (const g of groups.values()) {
      for (const l of g.lines) l.line.modifiers = [...shared, ...(l.line.modifiers ?? []).filter((m) => !shared.includes(m))].slice(0, 4);
    }
  }

  // Hidden content (a collapsed charge history, an inactive tab's older charges) gives lines only
  // when nothing shown does: beside shown lines, its rows are another visit's or a draft.
  if ([...groups.values()].some((g) => g.lines.some((l) => l.visible))) {
    for (const g of groups.values()) {
      for (const l of g.lines) if (!l.visible) skipped.push({ what: 'line', anchor: l.anchor, reason: 'hidden while other lines are shown', text: l.line.code });
      g.lines = g.lines.filter((l) => l.visible);
    }
  }

  return { groups: [...groups.values()].filter((g) => g.lines.length > 0), skipped, unresolved: [...new Set(unresolved)], claimTables, claimRecords, textTableAt };
}

/**
 * A code list row nobody billed: an 8-minute calculator lists every timed code with a units input,
 * and a row left at 0 units with no minutes is not a line of the claim.
 */
const notBilled = (line: SnapshotClaimLine): boolean => line.units === 0 && !line.minutes;
const NOT_BILLED = '0 units and no minutes: a code the list offers, not billed';

/**
 * Modifiers stated once for every line ("Modifiers applied to all lines: GP", "Apply to all: GP CQ"),
 * as a field or a "Label: value" line; "None" gives none. The first such statement counts.
 */
export function allLinesModifiers(page: PageDescription): string[] {
  const statements = [
    ...page.fields.filter((f) => f.visible).map((f) => ({ label: f.label, value: f.value })),
    ...page.blocks.filter((b) => b.visible && !b.edit && b.text.length <= 120).map((b) => /^([^:\n]{3,60}):\s*([^\n]{0,40})$/.exec(b.text.trim())).filter((m): m is RegExpExecArray => m !== null).map((m) => ({ label: m[1] as string, value: m[2] as string })),
  ];
  for (const { label, value } of statements) {
    if (!ALL_LINES_MODIFIER_LABEL.test(label.trim())) continue;
    return modifierTokens(value).filter((m) => /^[A-Z]{2}$|^\d{2}$/.test(m) && (KNOWN_MODIFIERS.has(m) || /^[A-Z][A-Z0-9]$/.test(m)));
  }
  return [];
}

/** A diagnosis line under a bill item ("ICD-10: M54.6, M62.838", "Dx: 1, 2"). */
const ITEM_DX = /^\s*(?:dx|diagnos[ie]s|icd(?:-?10)?(?:-cm)?)\s*[:#]?\s*(.+)$/i;

/**
 * A bill item laid out one value a line: the first line is a procedure code alone, the other lines
 * are short values (modifiers, a description, "× 2", "25 min"); a diagnosis line may follow in the
 * next block. Two values beside the code at least: a code on a line of a note is not a bill item.
 */
export function billItem(block: PageBlock, next: PageBlock | undefined, pointers: PointerMap, unresolved: string[]): { found: Found; blocks: string[] } | null {
  const lines = block.text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (block.edit) return null;
  // The same item's values on one line ("97124 Massage therapy × 3 45 min"): units and another value.
  if (lines.length === 1 && (lines[0] as string).length <= 80 && procedureCodes(lines[0] as string)[0]?.start === 0) {
    const after = next && !next.edit && next.text.length <= 80 && procedureCodes(next.text).length === 0 ? ITEM_DX.exec(next.text.trim()) : null;
    const one = readFreeText(after ? `${lines[0]} · ICD-10: ${after[1]}` : (lines[0] as string), pointers, unresolved);
    if (!one || one.line.units === undefined || one.cues < 2 || /[.;]\s|[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}/.test(lines[0] as string)) return null;
    // Modifier pills right after the code ("97124 GP 59 Massage therapy"): numeric ones too.
    const pills = /^\S+((?:\s+[A-Z0-9]{2}\b)+)/.exec(lines[0] as string)?.[1]?.trim().split(/\s+/).filter((m) => KNOWN_MODIFIERS.has(m)) ?? [];
    if (pills.length > (one.line.modifiers?.length ?? 0)) one.line.modifiers = pills;
    return { found: { ...one, reason: ['a bill item on a line'] }, blocks: after && next ? [block.id, next.id] : [block.id] };
  }
  if (lines.length < 3 || lines.length > 8 || lines.some((l) => l.length > 60)) return null;
  const code = procedureCodes(lines[0] as string)[0];
  if (!code || code.start !== 0 || (lines[0] as string).length !== code.end) return null;
  if (lines.slice(1).some((l) => procedureCodes(l).length > 0)) return null;
  const rest = lines.slice(1).join(' · ');
  const line: SnapshotClaimLine = { code: code.code };
  let cues = 0;
  const mods = lines.slice(1).filter((l) => /^[A-Z0-9]{2}(?:\s*[,;/]\s*[A-Z0-9]{2})*$/.test(l) && /[A-Z]/.test(l)).flatMap((l) => modifierTokens(l));
  if (mods.length > 0) {
    line.modifiers = mods;
    cues++;
  }
  cues += setQuantities(line, inlineQuantities(rest));
  const blocks = [block.id];
  const own = lines.map((l) => ITEM_DX.exec(l)).find(Boolean);
  const after = next && !next.edit && next.text.length <= 80 && procedureCodes(next.text).length === 0 ? ITEM_DX.exec(next.text.trim()) : null;
  const dxText = own?.[1] ?? after?.[1];
  if (dxText) {
    const dx = diagnosisValues(dxText, pointers, unresolved);
    if (dx.length > 0) {
      line.dx = dx;
      cues++;
      if (!own && next) blocks.push(next.id);
    }
  }
  return cues >= 2 ? { found: { line, cues, reason: ['a bill item written as lines'] }, blocks } : null;
}

/** Units and minutes found in an entry's text onto its line; returns how many there were (each a cue that it is a line). */
function setQuantities(line: SnapshotClaimLine, q: { units?: number; minutes?: number }): number {
  let cues = 0;
  if (q.units !== undefined) {
    line.units = q.units;
    cues++;
  }
  if (q.minutes !== undefined) {
    line.minutes = q.minutes;
    cues++;
  }
  return cues;
}
