// Any web EHR we have never seen: notes are textareas, contenteditable editors or note-like text
// blocks (under headings such as Subjective/Objective/Treatment); claim lines are rows of any
// table, list or form that hold a CPT/HCPCS code next to modifiers, units or minutes; payer and
// signer come from text next to labels like "Payer" or "Signed".
//
// Cost: the candidate elements are found with two querySelectorAll passes on specific selectors
// and cached per document until the content script reports a childList mutation; a read then
// only looks at those candidates, never walks the whole page.
import type { SnapshotClaimLine } from '../shared/snapshot';
import { MAX_PART_CHARS } from '../shared/limits';
import {
  claimLine,
  parseCodeWithModifiers,
  parseDate,
  parseDx,
  parseMinutes,
  parseModifiers,
  parseQuantities,
  parseUnits,
} from './claims';
import {
  controlValue,
  isHiddenSelf,
  isChrome,
  isInChrome,
  isInput,
  isOwnUi,
  isSelect,
  isStruck,
  isTextArea,
  isVisible,
  labelFor,
  selectedText,
  squash,
  valueOrText,
} from './dom';
import { collectText } from './text';
import type { Adapter, AdapterRead, ReadPart } from './types';

type Field = 'code' | 'modifiers' | 'units' | 'minutes' | 'dx' | 'date' | 'delete';

/** Column or control meaning from its header / name / label words. Order matters: "Dx Code" is dx. */
export function classifyField(text: string): Field | null {
  const t = text.toLowerCase().replace(/[_\-.[\]()]+/g, ' ');
  if (/\b(del|delete|remove|void)\b/.test(t)) return 'delete';
  if (/\b(dx|diag\w*|icd\w*|pointers?|ptrs?|justif\w*)\b/.test(t)) return 'dx';
  if (/\b(mods?|modifiers?)\b/.test(t)) return 'modifiers';
  if (/\b(dates?|dos)\b/.test(t)) return 'date';
  if (/\b(min|mins|minutes?|time)\b/.test(t)) return 'minutes';
  if (/\b(units?|qty|quantity|uos)\b/.test(t)) return 'units';
  if (/\b(cpt\w*|hcpcs|codes?|proc|procedure|svc|service)\b/.test(t)) return 'code';
  return null;
}

const NOTE_HEADING =
  /^(?:subjective|objective|assessment|plan(?: of care)?|treatment(?: provided| notes?| performed)?|interventions?|therapeutic massage|massage(?: therapy)?|manual therapy|soft tissue(?: mobilization)?|daily (?:note|visit note|treatment note)|progress note|treatment note|visit note|soap(?: note)?|clinical notes?|therapy notes?|procedures? performed|goals?)\s*:?$/i;

/** Words that make an unlabelled block of text look like a treatment note (two different ones needed). */
const CLINICAL_CUES = /\b(?:pt|patient|treat(?:ment|ed)?|massage|therap(?:y|ist|eutic)|effleurage|petrissage|soft tissue|min(?:utes?|s)?|pain|rom|tenderness|spasm)\b/gi;

function looksClinical(text: string): boolean {
  const found = new Set<string>();
  for (const match of text.matchAll(CLINICAL_CUES)) {
    found.add(match[0].toLowerCase());
    if (found.size >= 2) return true;
  }
  return false;
}

// Candidates are found in two querySelectorAll passes (element names, then attributes) and
// sorted into kinds here, instead of one query per kind: each pass is a walk of the page.
const TAG_PASS = 'textarea, h1, h2, h3, h4, h5, h6, legend, dt, caption, summary, strong, b, label, article, pre, table, ul, ol, input, select, th, td';
const ATTRIBUTE_PASS = '[contenteditable], [role], .bold, [class*="note" i], [id*="note" i], [class*="label" i]';
const HEADING_TAGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'legend', 'dt', 'caption', 'summary', 'strong', 'b', 'label']);
const LABEL_TAGS: ReadonlySet<string> = new Set(['label', 'th', 'dt', 'strong', 'b', 'legend', 'td']);
const EDITOR_SELECTOR = '[contenteditable]:not([contenteditable="false"]), [role="textbox"][aria-multiline="true"]';
const TABLE_SELECTOR = 'table, [role="grid"], [role="table"], [role="treegrid"]';
const GRID_ROLES: ReadonlySet<string> = new Set(['grid', 'table', 'treegrid']);
/**
 * A cheap pre-filter: tables and lists whose text has nothing code-like are skipped without
 * reading their cells. No word boundaries: textContent runs adjacent cells together.
 */
const ANY_CODE = /\d{4}[0-9FTU]|[A-V]\d{4}/;

const CODE_CONTROL_NAME = /(?:cpt|hcpcs|proc|(?:^|[^a-z])code)/i;
const NOT_CODE_CONTROL = /zip|postal|icd|diag|(?:^|[^a-z])dx|promo|coupon|country|area|phone|search/i;
const FIELD_CONTROL_NAME = /payer|payor|insur|carrier|provider|therapist|clinician|render|signed|dos|service.?date|visit.?date/i;

// A label alone ("Payer", "Payer:") or a label, a colon and its value ("Payer: Aetna PPO").
const PAYER_LABEL =
  /^(?:primary\s+|secondary\s+)?(?:payer|payor|insurance(?:\s+(?:plan|company|carrier|name))?|insurer|carrier|health\s+plan)\s*(?::\s*(.*))?$/i;
const PROVIDER_LABEL =
  /^(?:(?:electronically\s+)?signed\s+by\s+(.+)|(?:electronically\s+)?(?:signed(?:\s+by)?|signature|rendering\s+provider|treating\s+(?:provider|therapist)|provider|therapist|clinician|author)\s*(?::\s*(.*))?)$/i;
const DATE_LABEL = /^(?:date\s+of\s+service|dos|service\s+date|visit\s+date|encounter\s+date|date)\s*(?::\s*(.*))?$/i;
const SIGNED_IN_TEXT = /\b(?:electronically\s+)?signed(?:\s+by)?\s*:?\s+([A-Z][^\n]{2,80}?)(?:\s+on\s+\d|\s*$|\n)/im;

interface Candidates {
  textareas: HTMLTextAreaElement[];
  editors: Element[];
  headings: Element[];
  blocks: Element[];
  tables: Element[];
  lists: Element[];
  codeControls: Element[];
  labels: Element[];
  fieldControls: Element[];
}

const cache = new WeakMap<Document, Candidates>();

function ownShortText(el: Element, max: number): string | null {
  if (el.childElementCount > 3) return null;
  const text = el.textContent ?? '';
  if (text.length > max * 2) return null;
  const squashed = squash(text);
  return squashed.length > 0 && squashed.length <= max ? squashed : null;
}

function controlKey(el: Element): string {
  return [el.getAttribute('name'), el.id, el.getAttribute('aria-label'), el.getAttribute('placeholder')].filter(Boolean).join(' ');
}

function findCandidates(doc: Document): Candidates {
  const found: Candidates = { textareas: [], editors: [], headings: [], blocks: [], tables: [], lists: [], codeControls: [], labels: [], fieldControls: [] };
  const considerHeading = (el: Element): void => {
    const text = ownShortText(el, 60);
    if (text && NOTE_HEADING.test(text)) found.headings.push(el);
  };
  const considerLabel = (el: Element): void => {
    const text = ownShortText(el, 200);
    if (text && (PAYER_LABEL.test(text) || PROVIDER_LABEL.test(text) || DATE_LABEL.test(text))) found.labels.push(el);
  };

  for (const el of doc.querySelectorAll(TAG_PASS)) {
    const name = el.localName;
    if (isTextArea(el)) found.textareas.push(el);
    else if (name === 'table') found.tables.push(el);
    else if (name === 'ul' || name === 'ol') found.lists.push(el);
    else if (name === 'article' || name === 'pre') found.blocks.push(el);
    else if (isInput(el) || isSelect(el)) {
      if (isInput(el) && /^(?:hidden|checkbox|radio|button|submit|reset|image|file)$/.test(el.type)) continue;
      const key = controlKey(el);
      if (CODE_CONTROL_NAME.test(key) && !NOT_CODE_CONTROL.test(key)) found.codeControls.push(el);
      else if (FIELD_CONTROL_NAME.test(key)) found.fieldControls.push(el);
    }
    if (HEADING_TAGS.has(name)) considerHeading(el);
    if (LABEL_TAGS.has(name)) considerLabel(el);
  }

  for (const el of doc.querySelectorAll(ATTRIBUTE_PASS)) {
    const role = el.getAttribute('role') ?? '';
    // Only the outermost editable element: nested editables are part of it.
    if (el.matches(EDITOR_SELECTOR) && !el.parentElement?.closest(EDITOR_SELECTOR)) found.editors.push(el);
    if (GRID_ROLES.has(role) && !found.tables.includes(el)) found.tables.push(el);
    if (role === 'heading' || el.classList.contains('bold')) considerHeading(el);
    if (role === 'document' || role === 'article' || /note/i.test(`${el.getAttribute('class') ?? ''} ${el.id}`)) {
      if (!found.blocks.includes(el)) found.blocks.push(el);
    }
    if (/label/i.test(el.getAttribute('class') ?? '') && !LABEL_TAGS.has(el.localName)) considerLabel(el);
  }
  if (doc.designMode === 'on' && doc.body && !found.editors.includes(doc.body)) found.editors.push(doc.body);
  return found;
}

function candidates(doc: Document): Candidates {
  let found = cache.get(doc);
  if (!found) {
    found = findCandidates(doc);
    cache.set(doc, found);
  }
  return found;
}

/** Connected, visible, not ours, not page chrome. */
function usable(el: Element): boolean {
  return el.isConnected && !isOwnUi(el) && !isInChrome(el) && isVisible(el);
}

// ---------------------------------------------------------------------------------------------
// Claim lines

interface Lines {
  lines: SnapshotClaimLine[];
  containers: Set<Element>;
  date?: string;
}

type Fields = Parameters<typeof claimLine>[1];

/** Rows of a table or ARIA grid, each as cells positioned by column (colspan honoured). */
function gridRows(table: Element): { row: Element; cells: Map<number, Element>; header: boolean }[] {
  const out: { row: Element; cells: Map<number, Element>; header: boolean }[] = [];
  if (table.localName === 'table') {
    for (const row of (table as HTMLTableElement).rows) {
      const cells = new Map<number, Element>();
      let index = 0;
      let allTh = row.cells.length > 0;
      for (const cell of Array.from(row.cells)) {
        cells.set(index, cell);
        index += cell.colSpan || 1;
        if (cell.localName !== 'th') allTh = false;
      }
      out.push({ row, cells, header: allTh || row.parentElement?.localName === 'thead' });
    }
    return out;
  }
  for (const row of table.querySelectorAll('[role="row"]')) {
    if (row.closest(TABLE_SELECTOR) !== table) continue;
    const cells = new Map<number, Element>();
    const children = Array.from(row.children);
    const roleCells = children.filter((c) => /^(?:cell|gridcell|columnheader|rowheader)$/.test(c.getAttribute('role') ?? ''));
    const list = roleCells.length > 0 ? roleCells : children;
    list.forEach((cell, i) => cells.set(i, cell));
    const header = list.length > 0 && list.every((c) => c.getAttribute('role') === 'columnheader');
    out.push({ row, cells, header });
  }
  return out;
}

/** "97124", "97124-GP", "97124 GP 59": a cell that is only a code with its modifiers. */
const CODE_ONLY = /^(?:\d{4}[0-9FTU]|[A-V]\d{4})(?:[\s:-]+[A-Z0-9]{2}){0,4}$/;
const THERAPY_CODE = /^(?:97\d{3}|G0\d{3})$/;

function readTable(table: Element, out: Lines): void {
  // A layout table wrapping other tables: its inner tables are read on their own.
  if (!ANY_CODE.test(table.textContent ?? '') && !table.querySelector('input, select')) return;
  if (table.querySelector(TABLE_SELECTOR)) return;
  const rows = gridRows(table);
  const headerRow = rows.slice(0, 3).find((r) => r.header);
  // Field -> column indexes; claim screens often split modifiers into "Mod 1".."Mod 4".
  const columns = new Map<Field, number[]>();
  if (headerRow) {
    for (const [index, cell] of headerRow.cells) {
      const field = classifyField(squash(cell.textContent ?? ''));
      if (!field) continue;
      const list = columns.get(field) ?? [];
      if (field === 'modifiers' || list.length === 0) list.push(index);
      columns.set(field, list);
    }
  }
  const claimHeader = columns.size > 0;
  let found = 0;
  for (const { row, cells, header } of rows) {
    if (header || cells.size === 0) continue;
    let codeCell: Element | undefined;
    let parsed: { code: string; modifiers: string[] } | undefined;
    const codeColumn = columns.get('code')?.[0];
    if (codeColumn !== undefined) {
      codeCell = cells.get(codeColumn);
      parsed = codeCell ? parseCodeWithModifiers(valueOrText(codeCell)) : undefined;
    } else {
      // No code column: the first of the leading cells that holds just a code.
      for (const [index, cell] of cells) {
        if (index > 3) break;
        const value = valueOrText(cell);
        if (CODE_ONLY.test(value)) {
          codeCell = cell;
          parsed = parseCodeWithModifiers(value);
          break;
        }
      }
    }
    if (!parsed || !codeCell) continue;
    const quantities = parseQuantities(squash(row.textContent ?? ''));
    // Without claim headers, only a therapy code or a quantity makes a row a claim line.
    if (!claimHeader && !THERAPY_CODE.test(parsed.code) && quantities.units === undefined && quantities.minutes === undefined) continue;
    if (isStruck(codeCell) || /\b(?:deleted|voided|removed)\b/i.test(row.getAttribute('class') ?? '') || isHiddenSelf(row)) continue;
    // A ticked checkbox in a "Delete" column marks the line for removal.
    const deleteColumn = columns.get('delete')?.[0];
    const deleteBox = deleteColumn === undefined ? null : cells.get(deleteColumn)?.querySelector('input[type="checkbox"]');
    if (deleteBox && isInput(deleteBox) && deleteBox.checked) continue;

    const value = (field: Field): string | undefined => {
      const values = (columns.get(field) ?? []).map((index) => cells.get(index)).filter((c): c is Element => c !== undefined).map(valueOrText);
      return values.length > 0 ? values.join(' ') : undefined;
    };
    const modText = value('modifiers');
    const fields: Fields = { modifiers: modText !== undefined ? parseModifiers(modText) : parsed.modifiers };
    const unitsText = value('units');
    const minutesText = value('minutes');
    const units = unitsText !== undefined ? parseUnits(unitsText) : columns.has('minutes') ? undefined : quantities.units;
    const minutes = minutesText !== undefined ? parseMinutes(minutesText) : columns.has('units') ? undefined : quantities.minutes;
    if (units !== undefined) fields.units = units;
    if (minutes !== undefined) fields.minutes = minutes;
    const dxText = value('dx');
    if (dxText !== undefined) fields.dx = parseDx(dxText);
    const dateText = value('date');
    if (dateText && !out.date) {
      const date = parseDate(dateText);
      if (date) out.date = date;
    }
    out.lines.push(claimLine(parsed.code, fields));
    found++;
  }
  if (found > 0) out.containers.add(table);
}

/** List items like "97124 GP — therapeutic massage, 2 units (25 min)". */
function readList(list: Element, out: Lines): void {
  if (!ANY_CODE.test(list.textContent ?? '')) return;
  let found = 0;
  for (const item of Array.from(list.children)) {
    if (item.localName !== 'li' || isHiddenSelf(item)) continue;
    const text = squash(item.textContent ?? '');
    if (text.length > 300) continue;
    const parsed = parseCodeWithModifiers(text);
    if (!parsed) continue;
    const quantities = parseQuantities(text);
    // A row context: the code comes with modifiers or a quantity, not just a number in prose.
    if (parsed.modifiers.length === 0 && quantities.units === undefined && quantities.minutes === undefined) continue;
    if (isStruck(item)) continue;
    out.lines.push(claimLine(parsed.code, { modifiers: parsed.modifiers, ...quantities }));
    found++;
  }
  if (found > 0) out.containers.add(list);
}

/** Form rows without a table: a code input and its sibling modifier/units/minutes controls. */
function readControlRow(control: Element, codeControls: readonly Element[], out: Lines): void {
  const parsed = parseCodeWithModifiers(controlValue(control));
  if (!parsed) return;
  let row: Element | null = control.parentElement;
  for (let depth = 0; row && depth < 5; depth++, row = row.parentElement) {
    if (row.localName === 'body' || row.localName === 'form') return;
    const others = codeControls.some((c) => c !== control && row?.contains(c));
    if (others) return;
    if (row.querySelectorAll('input:not([type="hidden"]), select').length >= 2) break;
  }
  if (!row || isHiddenSelf(row)) return;
  const fields: Fields = { modifiers: parsed.modifiers };
  for (const el of row.querySelectorAll('input:not([type="hidden"]), select')) {
    if (el === control) continue;
    const field = classifyField(`${controlKey(el)} ${labelFor(el) ?? ''}`);
    const value = controlValue(el);
    if (field === 'modifiers') fields.modifiers = parseModifiers(value);
    else if (field === 'units') {
      const units = parseUnits(value);
      if (units !== undefined) fields.units = units;
    } else if (field === 'minutes') {
      const minutes = parseMinutes(value);
      if (minutes !== undefined) fields.minutes = minutes;
    } else if (field === 'dx') fields.dx = parseDx(value);
  }
  out.lines.push(claimLine(parsed.code, fields));
  out.containers.add(row);
}

function readClaims(c: Candidates): Lines {
  const out: Lines = { lines: [], containers: new Set() };
  for (const table of c.tables) {
    if (usable(table)) readTable(table, out);
  }
  for (const list of c.lists) {
    if (!list.closest('table') && usable(list)) readList(list, out);
  }
  for (const control of c.codeControls) {
    const inClaimTable = Array.from(out.containers).some((container) => container.contains(control));
    if (!inClaimTable && !control.closest('table') && usable(control)) readControlRow(control, c.codeControls, out);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Note parts

function idFor(prefix: string, el: Element, index: number, taken: Set<string>): string {
  const key = el.id || el.getAttribute('name') || String(index);
  let id = `${prefix}:${key}`;
  for (let n = 2; taken.has(id); n++) id = `${prefix}:${key}#${n}`;
  taken.add(id);
  return id;
}

/** From a heading, grow to the nearest ancestor that holds content beyond the heading. */
function growBlock(heading: Element): Element | null {
  const headingLength = squash(heading.textContent ?? '').length;
  let block = heading.parentElement;
  for (let depth = 0; block && depth < 4; depth++, block = block.parentElement) {
    if (block.localName === 'body' || block.localName === 'html') return null;
    if (squash(block.textContent ?? '').length - headingLength >= 20) return block;
  }
  return null;
}

function readNotes(c: Candidates, claims: Lines): { parts: ReadPart[]; truncated: boolean } {
  const parts: ReadPart[] = [];
  const taken = new Set<string>();
  const claimed = new Set<Element>(claims.containers);
  let truncated = false;

  c.textareas.forEach((area, index) => {
    if (area.value.trim() === '' || !usable(area) || /search|query|filter/i.test(controlKey(area))) return;
    if (Array.from(claimed).some((container) => container.contains(area))) return;
    const part: ReadPart = { id: idFor('textarea', area, index, taken), text: area.value, source: { kind: 'value', element: area } };
    const label = labelFor(area);
    if (label) part.label = label;
    parts.push(part);
  });

  const skip = (el: Element): boolean => claimed.has(el) || isChrome(el);

  c.editors.forEach((editor, index) => {
    if (!usable(editor)) return;
    const collected = collectText(editor, { skip, maxChars: MAX_PART_CHARS });
    if (!collected.text.trim()) return;
    truncated ||= collected.truncated;
    const part: ReadPart = { id: idFor('editor', editor, index, taken), text: collected.text, source: { kind: 'text', root: editor, segments: collected.segments } };
    const label = labelFor(editor);
    if (label) part.label = label;
    parts.push(part);
    claimed.add(editor);
  });

  // Note-like blocks: containers of note headings, and article/pre/"note" elements with clinical words.
  const blocks: { el: Element; heading?: string }[] = [];
  for (const heading of c.headings) {
    if (!usable(heading) || Array.from(claimed).some((el) => el.contains(heading))) continue;
    const block = growBlock(heading);
    if (block) blocks.push({ el: block, heading: squash(heading.textContent ?? '').replace(/:$/, '') });
  }
  for (const el of c.blocks) {
    if (!usable(el) || Array.from(claimed).some((claimedEl) => claimedEl.contains(el))) continue;
    const text = el.textContent ?? '';
    if (text.length >= 80 && looksClinical(text)) blocks.push({ el });
  }
  // Keep the outermost of nested blocks; it holds the others' text.
  const outer = blocks.filter((b) => !blocks.some((o) => o.el !== b.el && o.el.contains(b.el)));
  const seen = new Set<Element>();
  outer.forEach(({ el }, index) => {
    // A block around an editor or textarea is the form's chrome (its title, labels), not a note.
    if (seen.has(el) || parts.some((p) => el.contains(p.source.kind === 'value' ? p.source.element : p.source.root))) return;
    seen.add(el);
    const collected = collectText(el, { skip, maxChars: MAX_PART_CHARS });
    const headings = blocks.filter((b) => b.heading !== undefined && el.contains(b.el));
    const headingText = headings.map((b) => b.heading ?? '').join(' ');
    if (collected.text.length - headingText.length < 20) return;
    truncated ||= collected.truncated;
    const part: ReadPart = { id: idFor('block', el, index, taken), text: collected.text, source: { kind: 'text', root: el, segments: collected.segments } };
    const label = el.getAttribute('aria-label') ?? (headings.length === 1 ? headings[0]?.heading : undefined);
    if (label) part.label = squash(label);
    parts.push(part);
  });
  return { parts, truncated };
}

// ---------------------------------------------------------------------------------------------
// Payer, provider, date of service

/** The value a label points at: its control, the next cell or dd, or the text right after it. */
function labelValue(label: Element, remainder: string): string {
  if (remainder) return remainder;
  if (label.localName === 'label') {
    const control = (label as HTMLLabelElement).control;
    if (control) return isSelect(control) ? selectedText(control) : squash(controlValue(control));
  }
  const inner = label.querySelector('input, select, textarea');
  if (inner) return isSelect(inner) ? selectedText(inner) : squash(controlValue(inner));
  if (label.localName === 'dt') return squash(label.nextElementSibling?.localName === 'dd' ? (label.nextElementSibling.textContent ?? '') : '');
  if (label.localName === 'th' || label.localName === 'td') {
    const next = label.nextElementSibling;
    if (next && next.localName === 'td') {
      const select = next.querySelector('select');
      return select && isSelect(select) ? selectedText(select) : valueOrText(next);
    }
    return '';
  }
  // Inline "<b>Payer:</b> Aetna PPO": the text nodes that follow, up to the next element break.
  let text = '';
  for (let node = label.nextSibling; node && text.length < 300; node = node.nextSibling) {
    if (node.nodeType === 3) text += node.textContent ?? '';
    else if (node.nodeType === 1) {
      const el = node as Element;
      if (el.localName === 'br' || /^(?:div|p|li|tr|td|th|label|strong|b|dt)$/.test(el.localName)) break;
      if (isSelect(el)) text += ` ${selectedText(el)}`;
      else if (isInput(el)) text += ` ${el.value}`;
      else text += el.textContent ?? '';
    }
  }
  if (!squash(text) && label.nextElementSibling) return valueOrText(label.nextElementSibling);
  return squash(text);
}

function cleanValue(value: string): string | undefined {
  const cleaned = squash(value).replace(/^[:\-–\s]+/, '').slice(0, 300);
  return cleaned || undefined;
}

/** The text after a label's colon ('' when the label stands alone). */
function remainder(match: RegExpExecArray): string {
  return match[1] ?? match[2] ?? '';
}

function readLabels(c: Candidates, labelsOnly = false): { payer?: string; provider?: string; date?: string } {
  const out: { payer?: string; provider?: string; date?: string } = {};
  for (const control of labelsOnly ? [] : c.fieldControls) {
    if (!usable(control)) continue;
    const key = controlKey(control);
    const value = cleanValue(isSelect(control) ? selectedText(control) : controlValue(control));
    if (!value) continue;
    if (/payer|payor|insur|carrier/i.test(key)) out.payer ??= value;
    else if (/dos|date/i.test(key)) out.date ??= parseDate(value);
    else out.provider ??= value;
  }
  for (const label of c.labels) {
    if (out.payer && out.provider && out.date) break;
    if (!usable(label)) continue;
    const text = squash(label.textContent ?? '');
    const payer = PAYER_LABEL.exec(text);
    const provider = payer ? null : PROVIDER_LABEL.exec(text);
    const date = payer || provider ? null : DATE_LABEL.exec(text);
    if (payer && !out.payer) out.payer = cleanValue(labelValue(label, remainder(payer)));
    else if (provider && !out.provider) out.provider = cleanValue(labelValue(label, remainder(provider)));
    else if (date && !out.date) out.date = parseDate(labelValue(label, remainder(date)));
  }
  return out;
}

/**
 * Visit context a page shows in labelled text ("Primary Insurance: Aetna Choice POS II",
 * "Provider: …", "Date of service: …"), read from labels only — never from form controls, tables or
 * notes. For a top frame whose adapters found no note or claim (an EHR's patient banner).
 */
export function readLabelledContext(doc: Document): Pick<AdapterRead, 'payerText' | 'providerText' | 'dateOfService'> {
  if (!doc.body) return {};
  const found = readLabels(candidates(doc), true);
  const out: Pick<AdapterRead, 'payerText' | 'providerText' | 'dateOfService'> = {};
  if (found.payer) out.payerText = found.payer;
  if (found.provider) out.providerText = found.provider;
  if (found.date) out.dateOfService = found.date;
  return out;
}

export const genericAdapter: Adapter = {
  id: 'generic',

  matches(): boolean {
    return true;
  },

  read(doc: Document): AdapterRead {
    if (!doc.body) return { noteParts: [], claimLines: [] };
    const c = candidates(doc);
    const claims = readClaims(c);
    const notes = readNotes(c, claims);
    const labels = readLabels(c);
    const read: AdapterRead = { noteParts: notes.parts, claimLines: claims.lines };
    if (labels.payer) read.payerText = labels.payer;
    let provider = labels.provider;
    if (!provider) {
      // "Electronically signed by Jane Doe, PT on 11/20/2026" inside the note itself.
      for (const part of notes.parts) {
        const match = SIGNED_IN_TEXT.exec(part.text);
        if (match?.[1]) {
          provider = squash(match[1]);
          break;
        }
      }
    }
    if (provider) read.providerText = provider;
    const date = labels.date ?? claims.date;
    if (date) read.dateOfService = date;
    if (notes.truncated) read.truncated = true;
    return read;
  },

  regions(doc: Document): Element[] {
    // Notes and claims can appear anywhere on a page we do not know.
    const root = doc.body ?? doc.documentElement;
    return root ? [root] : [];
  },

  invalidate(doc: Document): void {
    cache.delete(doc);
  },
};
