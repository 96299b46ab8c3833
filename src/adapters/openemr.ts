// OpenEMR (github.com/openemr/openemr): the SOAP form, the Fee Sheet (unbilled inputs and the
// billed read-only rendering), the encounter summary (forms.php) and the Billing Manager.
// Each lives in its own iframe; this adapter reads whichever of them the frame holds and the
// worker merges the frames. Markup shapes: ../../shared/reference/ehr-pages.md §1.
import type { SnapshotClaimLine } from '../shared/snapshot';
import { claimLine, parseCodeWithModifiers, parseDate, parseDx, parseModifiers, parseUnits } from './claims';
import { controlValue, isInput, isSelect, isTextArea, selectedText, squash } from './dom';
import { collectText } from './text';
import type { Adapter, AdapterRead, LocationLike, ReadPart } from './types';
import { MAX_PART_CHARS } from '../shared/limits';

/** Pages of the OpenEMR shell and encounter screens (also the frames that hold only other frames). */
const OPENEMR_PATH =
  /\/interface\/(?:main\/tabs\/|main\/main_screen\.php|patient_file\/encounter\/|forms\/(?:soap|fee_sheet|LBF|clinical_notes)\/|billing\/billing_report\.php)/i;

const MARKERS = [
  'form[name="soap"] textarea[name="subjective"]',
  'table#selected_codes',
  'div.form-holder[id*="~"]',
  'select[name^="claims["][name$="[payer]"]',
  'input[name^="claims["][name$="[bill]"]',
].join(', ');

const SOAP_FIELDS = ['subjective', 'objective', 'assessment', 'plan'] as const;

/** Encounter-summary forms that never hold note text (their report prints fields, not prose). */
const NON_NOTE_FORMS: ReadonlySet<string> = new Set(['fee_sheet', 'newpatient', 'vitals', 'misc_billing_options', 'procedure_order']);

/** Code types that are diagnoses, payments or products, not service lines. */
const NOT_A_SERVICE = /^(?:ICD|SNOMED|DSMIV|COPAY|TAX|PROD)/i;

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'field';
}

function uniqueId(parts: ReadPart[], id: string): string {
  let candidate = id;
  for (let n = 2; parts.some((p) => p.id === candidate); n++) candidate = `${id}#${n}`;
  return candidate;
}

/** SOAP form: four textareas; the user's edits are in `.value`, not the markup. */
function readSoapForm(doc: Document, parts: ReadPart[]): void {
  const form = doc.querySelector('form[name="soap"]');
  if (!form) return;
  for (const field of SOAP_FIELDS) {
    const area = form.querySelector(`textarea[name="${field}"]`);
    if (!area || !isTextArea(area) || area.value.trim() === '') continue;
    const legend = squash(area.closest('fieldset')?.querySelector('legend')?.textContent ?? '');
    parts.push({ id: `soap:${field}`, label: legend || capitalize(field), text: area.value, source: { kind: 'value', element: area } });
  }
}

interface Found {
  provider?: string;
  payer?: string;
  date?: string;
  truncated: boolean;
}

/** A text part built from an element of the summary. */
function textPart(parts: ReadPart[], found: Found, id: string, label: string | undefined, el: Element, unwrap = false): void {
  const collected = collectText(el, { unwrap, maxChars: MAX_PART_CHARS });
  if (collected.truncated) found.truncated = true;
  if (!collected.text) return;
  const part: ReadPart = { id: uniqueId(parts, id), text: collected.text, source: { kind: 'text', root: el, segments: collected.segments } };
  if (label) part.label = label;
  parts.push(part);
}

/** Encounter summary (forms.php): one div.form-holder#{formdir}~{id} per form. */
function readSummary(doc: Document, parts: ReadPart[], found: Found): void {
  for (const holder of doc.querySelectorAll('div.form-holder[id*="~"]')) {
    const key = holder.id;
    const formdir = key.slice(0, key.indexOf('~'));
    if (NON_NOTE_FORMS.has(formdir.toLowerCase())) continue;
    const header = holder.querySelector('.form_header, .form-header');
    // "SOAP (by Jane Doe, PT)": the signer, with credentials.
    const byline = /\(by\s+([^)]+)\)/i.exec(header?.textContent ?? '');
    if (byline?.[1] && !found.provider) found.provider = squash(byline[1]);
    const detail = holder.querySelector('.form-detail') ?? holder;

    if (/^LBF/i.test(formdir)) {
      // Layout-based form rows: label cell, then td.text.data whose value is hard-wrapped.
      for (const cell of detail.querySelectorAll('td.data')) {
        const labelCell = cell.previousElementSibling;
        const label = squash(labelCell?.textContent ?? '').replace(/:$/, '') || undefined;
        const field = cell.id.replace(/^text_/, '') || slug(label ?? 'field');
        textPart(parts, found, `summary:${key}:${field}`, label, cell, true);
      }
      continue;
    }
    if (formdir === 'clinical_notes') {
      let n = 0;
      for (const article of detail.querySelectorAll('article')) {
        const body = article.querySelector(':scope > section') ?? article;
        const type = squash(article.querySelector('header')?.textContent ?? '').slice(0, 120) || 'Clinical note';
        textPart(parts, found, `summary:${key}:${n++}`, type, body);
      }
      continue;
    }
    // soap_report() and most form reports: span.bold label followed by span.text value.
    for (const bold of detail.querySelectorAll('span.bold')) {
      const value = bold.nextElementSibling;
      if (!value || !value.classList.contains('text')) continue;
      const label = squash(bold.textContent ?? '').replace(/:$/, '');
      textPart(parts, found, `summary:${key}:${slug(label)}`, label || undefined, value);
    }
  }
}

/** Column positions in table#selected_codes from its header (columns vary with globals). */
function feeSheetColumns(table: Element): Map<string, number> {
  const columns = new Map<string, number>();
  const header = table.querySelector('thead tr') ?? table.querySelector('tr');
  if (!header) return columns;
  let index = 0;
  for (const cell of Array.from(header.children)) {
    const name = squash(cell.textContent ?? '').toLowerCase();
    if (name && !columns.has(name)) columns.set(name, index);
    index += Number((cell as HTMLTableCellElement).colSpan) || 1;
  }
  return columns;
}

function cellAt(row: HTMLTableRowElement, index: number | undefined): HTMLTableCellElement | undefined {
  if (index === undefined) return undefined;
  let position = 0;
  for (const cell of Array.from(row.cells)) {
    if (position === index) return cell;
    position += cell.colSpan || 1;
    if (position > index) return undefined;
  }
  return undefined;
}

function named(row: Element, lino: string, field: string): Element | null {
  return row.querySelector(`[name="bill[${lino}][${field}]"]`);
}

/** Fee Sheet: table#selected_codes, one row per billing line, values in bill[N][…] inputs. */
function readFeeSheet(doc: Document, lines: SnapshotClaimLine[], found: Found): void {
  const table = doc.querySelector('table#selected_codes');
  if (!table) return;
  const columns = feeSheetColumns(table);
  for (const row of (table as HTMLTableElement).rows) {
    const codeInput = row.querySelector('input[name^="bill["][name$="][code]"]');
    if (!codeInput || !isInput(codeInput)) continue;
    const lino = /^bill\[([^\]]+)\]/.exec(codeInput.name)?.[1];
    if (lino === undefined) continue;
    const codeType = named(row, lino, 'code_type');
    if (codeType && isInput(codeType) && NOT_A_SERVICE.test(codeType.value)) continue;
    const code = codeInput.value.trim().toUpperCase();
    if (!/^[A-Z0-9]{5}$/.test(code)) continue;
    // A line marked for deletion (checkbox) or already struck through (<del>) is not billed.
    const del = named(row, lino, 'del');
    if (del && isInput(del) && del.checked) continue;
    if (row.querySelector('del')) continue;

    const mod = named(row, lino, 'mod');
    const modifiers = mod ? parseModifiers(controlValue(mod)) : parseModifiers(cellAt(row, columns.get('modifiers'))?.textContent ?? '');

    // Unbilled lines have a units input; billed lines print the quantity as cell text.
    const unitsInput = named(row, lino, 'units');
    const unitsText = unitsInput ? controlValue(unitsInput) : (cellAt(row, columns.get('qty'))?.textContent ?? '');
    const justify = named(row, lino, 'justify');
    const justifyText = justify ? controlValue(justify) : (cellAt(row, columns.get('justify'))?.textContent ?? '');

    const fields: Parameters<typeof claimLine>[1] = { modifiers, dx: parseDx(justifyText) };
    const units = parseUnits(unitsText);
    if (units !== undefined) fields.units = units;
    lines.push(claimLine(code, fields));

    if (!found.provider) {
      const provider = named(row, lino, 'provid') ?? cellAt(row, columns.get('provider/warehouse'))?.querySelector('select');
      const name = provider && isSelect(provider) ? selectedText(provider) : '';
      if (name && !name.startsWith('--')) found.provider = name;
    }
  }
}

/**
 * Billing Manager (billing_report.php): one block of rows per encounter. Several encounters are
 * listed, and a Snapshot is one visit, so read the one the user is working on: the encounter
 * holding the focused control, else the only checked one, else the only one listed.
 */
function readBillingManager(doc: Document, lines: SnapshotClaimLine[], found: Found): void {
  const marker = doc.querySelector('select[name^="claims["][name$="[payer]"], input[name^="claims["][name$="[bill]"]');
  const table = marker?.closest('table');
  if (!table) return;

  interface Encounter {
    key: string;
    rows: HTMLTableRowElement[];
    payer?: string;
    checked: boolean;
  }
  const encounters: Encounter[] = [];
  let current: Encounter | undefined;
  for (const row of (table as HTMLTableElement).rows) {
    const claimControl = row.querySelector('[name^="claims["]');
    const startsEncounter = row.querySelector(':scope > td[rowspan]') !== null;
    if (startsEncounter) {
      const key = /^claims\[([^\]]+)\]/.exec(claimControl?.getAttribute('name') ?? '')?.[1] ?? `enc${encounters.length}`;
      current = { key, rows: [], checked: false };
      encounters.push(current);
      const payer = row.querySelector('select[name$="[payer]"]');
      if (payer && isSelect(payer)) {
        // Options read "primary: Aetna Choice POS II"; the payer is after the type.
        current.payer = selectedText(payer).replace(/^(?:primary|secondary|tertiary)\s*:\s*/i, '');
      }
    } else if (row.cells.length === 1 && row.cells[0]?.colSpan && row.cells[0].colSpan > 1) {
      continue; // spacer row between encounters
    }
    if (!current) continue;
    current.rows.push(row);
    const bill = row.querySelector('input[type="checkbox"][name$="[bill]"]');
    if (bill && isInput(bill) && bill.checked) current.checked = true;
  }

  const active = doc.activeElement;
  const chosen =
    encounters.find((e) => active !== null && e.rows.some((r) => r.contains(active))) ??
    (encounters.filter((e) => e.checked).length === 1 ? encounters.find((e) => e.checked) : undefined) ??
    (encounters.length === 1 ? encounters[0] : undefined);
  if (!chosen) return;
  if (chosen.payer && chosen.payer !== 'Unassigned') found.payer = chosen.payer;

  let codeType = '';
  for (const row of chosen.rows) {
    // The line cells follow the encounter's rowspan cell on its first row.
    const cells = Array.from(row.cells).filter((c) => !c.hasAttribute('rowspan'));
    const typeText = squash(cells[0]?.textContent ?? '').replace(/:$/, '');
    if (typeText) codeType = typeText; // printed only on the first line of each code type
    const codeSpan = cells[1]?.querySelector('span.text');
    if (!codeSpan || NOT_A_SERVICE.test(codeType)) continue;
    const parsed = parseCodeWithModifiers(squash(codeSpan.textContent ?? ''));
    if (!parsed) continue;
    const justify = codeSpan.nextElementSibling?.textContent ?? '';
    const fields: Parameters<typeof claimLine>[1] = { modifiers: parsed.modifiers, dx: parseDx(justify) };
    const unitsCell = cells.find((c) => /units\s*:/i.test(c.textContent ?? ''));
    const units = unitsCell ? parseUnits(unitsCell.textContent ?? '') : undefined;
    if (units !== undefined) fields.units = units;
    lines.push(claimLine(parsed.code, fields));
    if (!found.provider) {
      const provider = squash(cells[3]?.textContent ?? '');
      if (provider) found.provider = provider;
    }
    if (!found.date) {
      const date = parseDate(cells[5]?.textContent ?? '');
      if (date) found.date = date;
    }
  }
}

export const openemrAdapter: Adapter = {
  id: 'openemr',

  matches(doc: Document, location: LocationLike): boolean {
    let path = '';
    try {
      path = new URL(location.href).pathname;
    } catch {
      path = '';
    }
    return OPENEMR_PATH.test(path) || doc.querySelector(MARKERS) !== null;
  },

  read(doc: Document): AdapterRead {
    const parts: ReadPart[] = [];
    const lines: SnapshotClaimLine[] = [];
    const found: Found = { truncated: false };
    readSoapForm(doc, parts);
    readSummary(doc, parts, found);
    readFeeSheet(doc, lines, found);
    readBillingManager(doc, lines, found);
    const read: AdapterRead = { noteParts: parts, claimLines: lines };
    if (found.payer) read.payerText = found.payer;
    if (found.provider) read.providerText = found.provider;
    if (found.date) read.dateOfService = found.date;
    if (found.truncated) read.truncated = true;
    return read;
  },

  regions(doc: Document): Element[] {
    const roots: Element[] = [];
    const add = (el: Element | null | undefined): void => {
      if (el && !roots.some((r) => r.contains(el))) roots.push(el);
    };
    add(doc.querySelector('form[name="soap"]'));
    add(doc.querySelector('#partable') ?? doc.querySelector('#encounter_forms'));
    add(doc.querySelector('table#selected_codes'));
    add(doc.querySelector('select[name^="claims["][name$="[payer]"], input[name^="claims["][name$="[bill]"]')?.closest('table'));
    // Nothing yet (the shell, or a page still loading): watch the whole body.
    if (roots.length === 0 && (doc.body ?? doc.documentElement)) roots.push(doc.body ?? doc.documentElement);
    return roots;
  },
};
