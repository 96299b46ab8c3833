// Label inference for a value-bearing element, in the order Chrome autofill's InferLabelForElement
// tries (components/autofill/content/renderer/form_autofill_util.cc): <label for>, ARIA, the text
// just before it, the table column header, the table row, the definition list, the list item; then
// the control's own name/placeholder. Also the value a control shows, for native and ARIA controls.
import type { LabelVia } from '../../shared/page';
import { squash } from '../dom';
import { attr, query, tagOf } from './element';

/** Text that can be a label: short, has letters (or is "#", a line-number column), is not a sentence. */
export function labelLike(text: string, max = 60): boolean {
  const words = text.split(' ').length;
  return text.length > 0 && text.length <= max && /[A-Za-z]|^#$/.test(text) && !/[a-z]{3,}[.!?]\s+\S+\s+\S/.test(text) && words <= 8 && !(words > 3 && /[a-z]{2}[.!?]$/.test(text));
}

/** "Payer:" → "Payer" */
export function cleanLabel(text: string): string {
  return squash(text).replace(/\s*[:：\-–]+\s*$/, '').replace(/^\*\s*/, '').slice(0, 200);
}

const NATIVE_CONTROLS: ReadonlySet<string> = new Set(['input', 'select', 'textarea']);
const VALUE_ROLES: ReadonlySet<string> = new Set(['textbox', 'combobox', 'spinbutton', 'slider', 'listbox', 'searchbox']);
const NOT_VALUE_INPUTS = /^(?:hidden|checkbox|radio|button|submit|reset|image|file|password|color|range)$/;

/** A popup a picker button opens (a list, a calendar grid, a dialog): not a menu of actions. */
const PICKER_POPUPS = /^(?:true|listbox|grid|dialog|tree)$/;

/**
 * A button that shows a chosen value: a custom select's or date picker's trigger (Radix, MUI, Ant
 * Design, Angular Material, ember-power-select). It opens a list/calendar, or another element
 * names it (aria-labelledby), so its own text is the value, not its name.
 */
export function isValueButton(el: Element): boolean {
  if (tagOf(el) !== 'button') return false;
  if (attr(el, 'role') === 'combobox' || PICKER_POPUPS.test(attr(el, 'aria-haspopup') ?? '')) return true;
  const by = attr(el, 'aria-labelledby');
  return by !== null && !by.split(/\s+/).includes(el.id);
}

/** A native or ARIA control whose value is data (not a button, checkbox or hidden field). */
export function isValueControl(el: Element): boolean {
  const name = tagOf(el);
  if (name === 'input') return !NOT_VALUE_INPUTS.test((el as HTMLInputElement).type);
  if (name === 'select' || name === 'textarea') return true;
  if (name === 'button') return isValueButton(el);
  // A multi-line textbox, a contenteditable one or one showing prose is an editor (a text block), not a field.
  return VALUE_ROLES.has(attr(el, 'role') ?? '') && !el.hasAttribute('contenteditable') && attr(el, 'aria-multiline') !== 'true' && !proseBox(el);
}

/**
 * A textbox showing prose: lines or paragraphs, or more than a field's value holds (ExtJS's
 * read-only display field around a note section). Its text is a block, line breaks kept, never cut at a value's length.
 */
export function proseBox(el: Element): boolean {
  return attr(el, 'role') === 'textbox' && (!!query(el, 'br, p, div, li') || (el.textContent?.length ?? 0) > 300);
}

export function isNativeControl(el: Element): boolean {
  return NATIVE_CONTROLS.has(tagOf(el));
}

/** What a control shows: input/textarea value, the chosen option(s), an ARIA control's value. */
export function controlText(el: Element): string {
  const name = tagOf(el);
  if (name === 'input' || name === 'textarea') return (el as HTMLInputElement).value;
  if (name === 'select') {
    const select = el as HTMLSelectElement;
    const chosen = Array.from(select.selectedOptions ?? []);
    if (chosen.length === 0 && select.selectedIndex >= 0) {
      const option = select.options[select.selectedIndex];
      if (option) chosen.push(option);
    }
    return chosen.map((o) => squash(o.text) || o.value).join(' ');
  }
  const role = attr(el, 'role');
  const valueText = attr(el, 'aria-valuetext') ?? attr(el, 'aria-valuenow');
  if ((role === 'spinbutton' || role === 'slider') && valueText !== null) return valueText;
  if (role === 'listbox') {
    const options = Array.from(el.querySelectorAll('[role="option"]'));
    const selected = options.filter((o) => attr(o, 'aria-selected') === 'true' || attr(o, 'aria-checked') === 'true');
    // Options that say their state and none is chosen (a chip listbox with nothing picked): no value.
    if (selected.length === 0 && options.some((o) => o.hasAttribute('aria-selected') || o.hasAttribute('aria-checked'))) return '';
    // A dropdown whose list pops up elsewhere (Kendo's dropdownlist): the chosen value is its shown text.
    if (options.length > 0) return (selected.length > 0 ? selected : options).map((o) => squash(o.textContent ?? '')).join(' ');
    return textWithoutControls(el, true);
  }
  if (valueText !== null) return valueText;
  // A multi-select's typing box is empty beside the choices it shows as chips (select2, chip inputs): those are the value.
  const inner = query(el, 'input, textarea');
  return (inner && !isMirror(inner) && (inner as HTMLInputElement).value) || textWithoutControls(el, true);
}

/**
 * A floating label drawn inside a custom control, beside the value it shows (Quasar's q-field__label,
 * Vuetify's v-field-label, Material's floating label): it names the control and is no part of its value.
 */
const FLOATING_LABEL = '[class*=field__label],[class*=field-label],[class*=floating-label]';

/** A widget that shows a value for a native control it hides (a custom select, a formatted number box). */
const WIDGET = '[role=combobox],[role=listbox],[aria-haspopup]';

/**
 * A native control hidden behind the widget that shows its value (Radix/MUI/Select2 keep an
 * aria-hidden <select> beside their trigger; Kendo a display:none input inside its dropdown or
 * numeric box, beside the formatted one): the widget is what the user sees and edits, so its value
 * is the one read.
 */
export function isMirror(el: Element): boolean {
  if (!/^(?:select|input)$/.test(tagOf(el)) || (attr(el, 'aria-hidden') !== 'true' && (el as HTMLElement).style?.display !== 'none')) return false;
  for (let up = el.parentElement, depth = 0; up && depth < 2; up = up.parentElement, depth++) {
    if (up.matches(WIDGET) || Array.from(up.querySelectorAll(`${WIDGET},input:not([type=hidden]):not([aria-hidden]):not([style*=none])`)).some((w) => !w.contains(el))) return true;
  }
  return false;
}

/** name, id, aria-label, title, placeholder and class of a control, for rules that read control names ("bill[3][mod]", "units"). */
export function controlName(el: Element): string {
  return ['name', 'id', 'aria-label', 'title', 'placeholder', 'class'].map((a) => attr(el, a)).filter(Boolean).join(' ').slice(0, 200);
}

function rootOf(el: Element): Document | ShadowRoot {
  const root = el.getRootNode();
  return (root as ShadowRoot).getElementById ? (root as ShadowRoot) : el.ownerDocument;
}

/**
 * Text of an element as a user sees it: without the text of controls inside it (a hidden select's
 * options) and without aria-hidden decorations (a picker's initials avatar, icon glyphs). As a
 * control's `value`, also without the floating label drawn inside it (a label's own text keeps it).
 */
function textWithoutControls(el: Element, value = false): string {
  let out = '';
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) out += (child as Text).data;
      else if (child.nodeType === 1) {
        const c = child as Element;
        if (isNativeControl(c) || tagOf(c) === 'script' || tagOf(c) === 'style' || tagOf(c) === 'option' || attr(c, 'aria-hidden') === 'true' || (value && c.matches(FLOATING_LABEL))) continue;
        walk(c);
      }
    }
  };
  walk(el);
  return squash(out);
}

/** The text right before `el`: previous siblings, then (while `el` leads its parent) the parent's. */
function previousText(el: Element): string | null {
  let node: Element | null = el;
  for (let depth = 0; node && depth < 4; depth++) {
    for (let prev = node.previousSibling; prev; prev = prev.previousSibling) {
      if (prev.nodeType === 3) {
        const text = squash((prev as Text).data);
        if (text) return labelLike(cleanLabel(text)) ? cleanLabel(text) : null;
        continue;
      }
      if (prev.nodeType !== 1) continue;
      const p = prev as Element;
      if (tagOf(p) === 'br') continue;
      if (isValueControl(p) || tagOf(p) === 'script' || tagOf(p) === 'style') return null;
      // A label is inline text, not a block of other content (a card, a list) that happens to precede.
      const text = cleanLabel(textWithoutControls(p));
      if (text) return labelLike(text) && !query(p, 'div, p, li, table, section, dl, ul, ol') ? text : null;
      if (query(p, 'input, select, textarea')) return null;
    }
    const parent: Element | null = node.parentElement;
    if (!parent || /^(?:body|form|table|tbody|tr|ul|ol|dl|fieldset)$/.test(tagOf(parent))) return null;
    node = parent;
  }
  return null;
}

/** Header text of the column holding a table cell. */
function columnHeader(cell: HTMLTableCellElement): string | null {
  const table = cell.closest('table');
  const row = cell.parentElement as HTMLTableRowElement | null;
  if (!table || !row) return null;
  const headerRow = (table as HTMLTableElement).tHead?.rows[0] ?? (table as HTMLTableElement).rows[0];
  if (!headerRow || headerRow === row) return null;
  const index = Array.prototype.indexOf.call(row.cells, cell);
  const header = headerRow.cells[index];
  if (!header) return null;
  const text = cleanLabel(textWithoutControls(header));
  return text && labelLike(text) ? text : null;
}

export interface InferredLabel {
  text: string;
  via: LabelVia;
}

/** The label of a control or value element, or null when nothing reads as one. */
export function inferLabel(el: Element): InferredLabel | null {
  const labels = (el as HTMLInputElement).labels;
  if (labels && labels.length > 0) {
    const text = cleanLabel(textWithoutControls(labels[0] as Element));
    if (text) return { text, via: 'for' };
  }
  const labelledBy = attr(el, 'aria-labelledby');
  if (labelledBy) {
    const root = rootOf(el);
    const text = cleanLabel(
      labelledBy
        .split(/\s+/)
        .map((id) => squash(root.getElementById(id)?.textContent ?? ''))
        .join(' '),
    );
    if (text) return { text, via: 'aria' };
  }
  const aria = attr(el, 'aria-label');
  if (aria && cleanLabel(aria)) return { text: cleanLabel(aria), via: 'aria' };
  const floating = isNativeControl(el) ? '' : cleanLabel(query(el, FLOATING_LABEL)?.textContent ?? '');
  if (floating) return { text: floating, via: 'for' };
  const prev = previousText(el);
  if (prev) return { text: prev, via: 'prev' };
  const cell = el.closest('td, th') as HTMLTableCellElement | null;
  if (cell) {
    const header = columnHeader(cell);
    if (header) return { text: header, via: 'col' };
    const row = cell.parentElement as HTMLTableRowElement | null;
    const first = row?.cells[0];
    if (first && first !== cell) {
      const text = cleanLabel(textWithoutControls(first));
      if (labelLike(text)) return { text, via: 'row' };
    }
  }
  const dd = el.closest('dd');
  if (dd) {
    let dt = dd.previousElementSibling;
    while (dt && tagOf(dt) !== 'dt') dt = dt.previousElementSibling;
    if (dt) return { text: cleanLabel(dt.textContent ?? ''), via: 'dl' };
  }
  const li = el.closest('li');
  if (li) {
    const text = cleanLabel(textWithoutControls(li));
    if (labelLike(text)) return { text, via: 'prev' };
  }
  const named = attr(el, 'placeholder') ?? attr(el, 'title');
  if (named && labelLike(cleanLabel(named), 80)) return { text: cleanLabel(named), via: 'name' };
  return null;
}
