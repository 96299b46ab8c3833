// DOM → PageDescription, in one walk of the composed tree (open shadow roots included). The walk
// keeps a stack of open blocks: text goes to the innermost block-level element's builder, so a
// paragraph, a table cell or an editor each become one block whose every character maps back to
// its Text node (for highlighting). Tables and ARIA grids are described with header-resolved
// columns; procedure codes outside tables are described with their record (card, list item, form
// row); controls outside both become label/value fields with the label inferred the way autofill
// does. Nothing here decides what the page means: that is the worker's classifier.
//
// Cost: every element is visited once; tables stop at LIMIT_ROWS rows; visibility is asked
// once per emitted item (checkVisibility), never per element.
import {
  HINT_WORDS,
  PAGE_LIMITS,
  type PageBlock,
  type PageCell,
  type PageDescription,
  type PageField,
  type PageHeading,
  type PageRecord,
  type PageRow,
  type PageTable,
} from '../../shared/page';
import { OWN_UI_TAG, isVisible, squash } from '../dom';
import { BLOCK_TAGS, textBuilder, type TextBuilder } from '../text';
import type { PartSource } from '../types';
import type { ElementIds } from './ids';
import { attr, query, tagOf } from './element';
import { TITLE_CANDIDATE } from './titles';
import { cleanLabel, controlName, controlText, inferLabel, isMirror, isValueButton, isValueControl, labelLike, proseBox } from './labels';

// Caps as module constants (minified to one-letter names in the content bundle).
const { blockChars: LIMIT_BLOCKCHARS, blocks: LIMIT_BLOCKS, cellChars: LIMIT_CELLCHARS, cells: LIMIT_CELLS, fields: LIMIT_FIELDS, headings: LIMIT_HEADINGS, hints: LIMIT_HINTS, label: LIMIT_LABEL, recordParts: LIMIT_RECORDPARTS, records: LIMIT_RECORDS, rows: LIMIT_ROWS, tables: LIMIT_TABLES, text: LIMIT_TEXT, title: LIMIT_TITLE, value: LIMIT_VALUE } = PAGE_LIMITS;


/** Never described: code, embedded documents (their own content script reads frames), our overlay. */
const SKIP: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'svg', 'canvas',
  'video', 'audio', 'head', 'title', 'meta', 'link', 'img', 'picture', 'map', 'math', 'button', 'option', 'datalist', OWN_UI_TAG,
]);
const HEADING_TAGS = /^h([1-6])$/;
/** Elements that start a block of their own (besides BLOCK_TAGS). */
const EXTRA_BLOCKS: ReadonlySet<string> = new Set(['td', 'th', 'li', 'dd', 'dt', 'tr', 'body']);
/** Inline elements whose short leading text reads as the block's label ("<b>Subjective:</b> …"). */
const EMPHASIS: ReadonlySet<string> = new Set(['b', 'strong', 'u', 'label', 'em', 'span', 'font', 'i']);
const RECORD_TAGS: ReadonlySet<string> = new Set(['li', 'article', 'tr', 'dd', 'fieldset', 'details']);
const RECORD_ROLES: ReadonlySet<string> = new Set(['listitem', 'row', 'article', 'option']);
const GRID_ROLES: ReadonlySet<string> = new Set(['grid', 'table', 'treegrid']);
const CHROME_SET: ReadonlySet<string> = new Set(HINT_WORDS.chrome);
const BILLING_SET: ReadonlySet<string> = new Set(HINT_WORDS.billing);
const HINT_SET: ReadonlySet<string> = new Set([...CHROME_SET, ...HINT_WORDS.note, ...HINT_WORDS.billing]);
/** A procedure code as a page prints it (CPT, CPT II/III, HCPCS level II); loose: the classifier checks. */
const CODE_TOKEN = /(?<![\w.$\/-])(?:\d{4}[0-9FTU]|[A-V]\d{4})(?![\w.\/]|-\d)/;
const REMOVED_CLASS = /\b(?:deleted|voided|removed|struck|strike|cancell?ed)\b/i;
const DELETE_NAME = /(?:^|[^a-z])(?:del|delete|remove|void)(?:[^a-z]|$)/i;
/** Long enough to be prose: a table cell this long is also offered as a text block. */
const CELL_BLOCK_CHARS = 80;
/** Inline elements that are separate words of their block ("<span>Coverage</span><span>Aetna</span>"). */
const SPACED = /^(?:span|label|output|time)$/;
/** Inline emphasis, never a field of its own. */
const SPAN_TAGS = /^(?:b|i|em|strong|u|s|del|mark|small|sup|sub)$/;

export interface DescribeOptions {
  ids: ElementIds;
  /** The frame is the tab's top document. */
  top: boolean;
  /** Elements an administrator's config names (./config.ts): note parts, not-note, labels. */
  config?: ConfigMarks;
}

export interface ConfigMarks {
  note: Map<Element, string | undefined>;
  notNote: Set<Element>;
}

export interface DescribeResult {
  page: PageDescription;
  /** Block id → where its text came from (for highlighting evidence). */
  sources: Map<string, PartSource>;
  /** Controls and editors whose value is a block's text: element → block id (value refresh). */
  editors: Map<Element, string>;
  /** Open shadow roots the walk entered (the content script observes them too). */
  shadows: ShadowRoot[];
}

function classTokens(el: Element): string[] {
  const raw = `${classOf(el)} ${el.id}`;
  if (!raw.trim()) return [];
  const out: string[] = [];
  for (const token of raw.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/)) {
    if (token && HINT_SET.has(token)) out.push(token);
  }
  return out;
}

/** Hint words of one element: landmark tags (nav, footer…), ARIA roles, class and id words. */
function hintsOf(el: Element): string[] {
  const out = classTokens(el);
  const role = attr(el, 'role');
  for (const word of [tagOf(el), role]) if (word && HINT_SET.has(word) && !out.includes(word)) out.push(word);
  return out;
}

/** Children in the flat tree: a shadow root's content, a slot's assigned nodes, else the children. */
function childNodes(node: Element, shadows?: ShadowRoot[]): ArrayLike<Node> {
  const shadow = (node as Element & { shadowRoot: ShadowRoot | null }).shadowRoot;
  if (shadow) {
    if (shadows && !shadows.includes(shadow) && shadows.length < 200) shadows.push(shadow);
    return shadow.childNodes;
  }
  if (tagOf(node) === 'slot') {
    const assigned = (node as HTMLSlotElement).assignedNodes?.({ flatten: true }) ?? [];
    return assigned.length > 0 ? assigned : node.childNodes;
  }
  return node.childNodes;
}

/** Roles whose aria-checked/aria-selected says whether the element is a choice taken. */
const TOGGLE_ROLES = /^(?:checkbox|radio|switch|menuitem(?:checkbox|radio)|option)$/;

/**
 * A toggle's state: true when pressed, checked or selected, false when it is a choice not taken,
 * null when the element is no toggle. Toggle buttons and chips (Radix/MUI toggle groups, Angular
 * Material chip options, Kendo multiselect tags, Bootstrap toggles with ARIA) say it with
 * aria-pressed, or a checkbox/radio/switch/option role with aria-checked or aria-selected.
 */
export function toggled(el: Element): boolean | null {
  const pressed = attr(el, 'aria-pressed');
  if (pressed !== null) return pressed !== 'false';
  const role = attr(el, 'role');
  if (!TOGGLE_ROLES.test(role ?? '')) return null;
  const state = attr(el, 'aria-checked') ?? attr(el, 'aria-selected');
  return state === null ? null : state !== 'false';
}

/**
 * Never described: SKIP elements (a button only when it is no pressed toggle, value trigger or
 * tappable claim row), choices not taken (an unpressed toggle), and a native control hidden behind
 * the widget that shows its value.
 */
function skipped(el: Element): boolean {
  const state = toggled(el);
  if (state !== null) return !state;
  // A short item led by an empty ARIA box not ticked ("<li><span role=radio aria-checked=false></span> Worse</li>"): a choice not taken.
  const box = el.firstElementChild;
  if (box && toggled(box) === false && !box.textContent?.trim() && (el.textContent?.length ?? 0) <= 80) return true;
  if (tagOf(el) === 'button') return !isValueButton(el) && !CODE_TOKEN.test(el.textContent ?? '');
  return SKIP.has(tagOf(el)) || isMirror(el) || (tagOf(el) === 'label' && unchecked((el as HTMLLabelElement).control, el));
}

/**
 * A radio or check box not ticked, named by a label apart from it (Bootstrap's btn-check: a
 * hidden box, then its label drawn as the button); with `label` given, a label around it too.
 */
function unchecked(box: Element | null | undefined, label?: Element): boolean {
  const input = box as HTMLInputElement | null | undefined;
  return !!input && /^(?:radio|checkbox)$/.test(input.type) && !input.checked && !label?.contains(input);
}

/** A tick box drawn by its own label (btn-check): the label says its state, so the box gives no mark. */
function markless(box: HTMLInputElement): boolean {
  const label = box.labels?.[0];
  return !!label && !label.contains(box);
}

/** Parent in the flat tree (a shadow root's host). */
function flatParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode as ShadowRoot | null;
  return root && (root as ShadowRoot).host ? (root as ShadowRoot).host : null;
}

/** `inner` is `outer` or inside it, across shadow boundaries. */
function composedContains(outer: Element, inner: Element): boolean {
  for (let n: Element | null = inner; n; n = flatParent(n)) if (n === outer) return true;
  return false;
}

/**
 * Text of an element in the flat tree, with a space at every element boundary (chips and pills
 * sit side by side without whitespace: "GP" "59" must not read as "GP59"). Stops after `max` characters.
 */
export function elementText(el: Element, max = 2000): string {
  let out = '';
  const walk = (node: Element): void => {
    const children = childNodes(node);
    for (let i = 0; i < children.length && out.length < max; i++) {
      const child = children[i] as Node;
      if (child.nodeType === 3) out += (child as Text).data;
      else if (child.nodeType === 1) {
        const c = child as Element;
        if (skipped(c)) continue;
        out += ' ';
        if (isValueControl(c)) out += controlText(c);
        else walk(c);
        out += ' ';
      }
    }
  };
  walk(el);
  return squash(out);
}

/** A table that only lays out the page: one column, or big or several nested tables. */
function isLayoutTable(el: Element): boolean {
  const rows = (el as HTMLTableElement).rows;
  if (rows.length > 0 && rows.length < 400 && [...rows].every((r) => r.cells.length <= 1)) return true;
  const nested = el.querySelectorAll('table');
  if (nested.length === 0) return false;
  if (nested.length > 1) return true;
  return textOf(nested[0]).length > 200;
}

function isEditorRoot(el: Element): boolean {
  const editable = attr(el, 'contenteditable');
  if (editable !== null && editable !== 'false') return true;
  return attr(el, 'role') === 'textbox' && (attr(el, 'aria-multiline') === 'true' || proseBox(el));
}

function visibleSafe(el: Element): boolean {
  try {
    return isVisible(el);
  } catch {
    return true;
  }
}

/** Emphasis a class name or inline style gives a span or label ("span.bold", font-weight:bold). */
function emphasised(el: Element): boolean {
  const name = tagOf(el);
  if (name === 'b' || name === 'strong' || name === 'u' || name === 'label') return true;
  if (/\b(?:bold|label|lbl|title|caption|heading|hdr|key)\b/i.test(classOf(el))) return true;
  const weight = (el as HTMLElement).style?.fontWeight;
  return weight === 'bold' || Number(weight) >= 600;
}

/** An element, or the chain of only-children below it, carries emphasis (<td><font><b>Units</b></font></td>). */
function emphasisedChain(el: Element): boolean {
  let node: Element | null = el;
  for (let depth = 0; node && depth < 4; depth++) {
    if (emphasised(node)) return true;
    const only: Element | null = node.children.length === 1 ? (node.children[0] as Element) : null;
    if (!only || textOf(only) !== textOf(node)) return false;
    node = only;
  }
  return false;
}

/** Inline elements whose computed box is not inline (a flex or grid item, display:block). */
const PHRASING_BOXES = /^(?:inline|inline-block|contents|none)$/;
const BOXABLE: ReadonlySet<string> = new Set(['span', 'a', 'label', 'output', 'time', 'font', 'small', 'em', 'i', 'b', 'strong', 'abbr', 'cite', 'mark', 'data']);

function boxedInline(el: Element): boolean {
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  try {
    return !PHRASING_BOXES.test(view.getComputedStyle(el).display || 'inline');
  } catch {
    return false;
  }
}

/**
 * Rows of a table built from divs or custom elements (React/Angular grids: "<mat-row>" of
 * "<mat-cell>", "div.tr" of "div.td"): most children are rows of the same number (2–16) of small
 * cells, and a row carries a procedure code. null when the element is not such a grid.
 */
function divGridRows(el: Element): Element[] | null {
  const kids = el.children;
  if (kids.length < 2 || kids.length > 400) return null;
  let width = 0;
  const rows: Element[] = [];
  for (let i = 0; i < kids.length; i++) {
    const kid = kids[i] as Element;
    const n = kid.childElementCount;
    if (n < 2) continue;
    if (n > 24 || (width && n !== width) || SKIP.has(tagOf(kid)) || /^(?:p|ul|ol|dl|table|form|section|article|fieldset|h[1-6])$/.test(tagOf(kid))) return null;
    width = n;
    for (let c = 0; c < n; c++) if (((kid.children[c] as Element).childElementCount ?? 0) > 4) return null;
    rows.push(kid);
  }
  if (rows.length < 2 || rows.length < kids.length * 0.6) return null;
  // A cell opens with the code ("97124", "CPT 97124"): a ZIP code inside an address is not one.
  const coded = (c: Element): boolean => {
    const text = textOf(c);
    const hit = CODE_TOKEN.exec(text);
    return hit !== null && (hit.index <= 6 || text[hit.index - 1] === '(') && text.length <= 80;
  };
  // A panel holding a table (a grid drawn as header and body tables) is no row of a div grid.
  return rows.some((r) => [...r.children].some(coded)) && !rows.some((r) => query(r, 'table')) ? rows : null;
}

/** A dated entry of a timeline or feed: an article (or feed item) that carries a time stamp. */
function isEntry(el: Element, name: string): boolean {
  const role = attr(el, 'role');
  if (name !== 'article' && role !== 'article' && flatParent(el)?.getAttribute('role') !== 'feed') return false;
  return query(el, 'time, [datetime]') !== null;
}

/** Columns a cell spans (a div grid's cell: one), at most 8. */
const colSpanOf = (cell: Element): number => Math.min(Number((cell as HTMLTableCellElement).colSpan) || 1, 8);

/** Native value controls (a selector). */
const CONTROLS = 'input, select, textarea';
const isRecord = (e: Element): boolean => RECORD_TAGS.has(tagOf(e)) || RECORD_ROLES.has(attr(e, 'role') ?? '');

/** An element's text, whitespace collapsed. */
const textOf = (e: Node | null | undefined): string => squash(e?.textContent ?? '');

/** An element's class attribute ('' when none). */
const classOf = (e: Element): string => attr(e, 'class') ?? '';
/** Classed as deleted, voided or struck (a removed line or table). */
const struckClass = (e: Element): boolean => REMOVED_CLASS.test(classOf(e));

/**
 * A value printed over its caption ("<div class=kv-value>Jun 1, 2027</div><div class=kv-caption>Date</div>"):
 * the second element's class names it a caption (caption, or a prefixed …-label/…-lbl: a bare
 * "label" is Bootstrap's status chip), the first's does not.
 */
const CAPTION_CLASS = /(?:^|\s)(?:caption|\S+[-_](?:caption|label|lbl))(?:\s|$)/i;
const captionLast = (value: Element, caption: Element): boolean => CAPTION_CLASS.test(classOf(caption)) && !CAPTION_CLASS.test(classOf(value));

/** Tag and class: two elements of one kind are peers (chips), of two kinds a caption and a value. */
const kind = (e: Element): string => `${tagOf(e)}.${classOf(e)}`;

/**
 * Text cut short with an ellipsis whose whole is in a title attribute ("Anthem Blue Cross Blue …",
 * title "Anthem Blue Cross Blue Shield PPO"): the whole text.
 */
function untruncated(el: Element, text: string): string {
  const cut = /^(.*?)\s*(?:…|\.\.\.)$/.exec(text);
  if (!cut || !cut[1]) return text;
  const holder = el.hasAttribute('title') ? el : query(el, '[title]');
  const whole = squash(holder?.getAttribute('title') ?? '');
  return whole.length > cut[1].length && whole.startsWith(cut[1]) ? whole : text;
}

interface OpenBlock {
  el: Element;
  builder: TextBuilder;
  /** Nested block elements only add line breaks (an editor, a table cell). */
  flat: boolean;
  edit: boolean;
  label?: string;
  links: number;
  configNote?: boolean;
}

interface CellContext {
  names: string[];
  bold: boolean;
}

/** Describe one frame's document. */
export function describePage(doc: Document, options: DescribeOptions): DescribeResult {
  let order = 0;
  const headings: PageHeading[] = [];
  const blocks: PageBlock[] = [];
  const fields: PageField[] = [];
  const tables: PageTable[] = [];
  const records: PageRecord[] = [];
  const sources = new Map<string, PartSource>();
  const editors = new Map<Element, string>();
  /** Label/value pairs found by labelValuePair: the label's element (no block of its own) and the value's label. */
  const pairLabels = new Set<Element>();
  const pairValues = new Map<Element, string>();
  const shadows: ShadowRoot[] = [];
  const cut = new Set<string>();
  let textTotal = 0;
  const stack: OpenBlock[] = [];
  const hintStack: string[][] = [];
  /** Disclosures the walk is inside, folded: the element that stays shown (a closed <details>, a hidden tab panel's parent). */
  const folds: Element[] = [];
  /** Ids of the dated entries (timeline or feed items) the walk is inside. */
  const entryStack: string[] = [];
  let inLink = 0;
  let preDepth = 0;
  let cellCtx: CellContext | null = null;
  let tableDepth = 0;
  /** Ordered lists met by the walk: letters or numbers, and the last item counted (see listMarker). */
  const listCounts = new Map<Element, [Element | null, number]>();
  /** The last table of only header rows: the head of a grid drawn as two tables (see splitGrid). */
  let splitHeader: { el: Element; columns: string[] } | null = null;
  /** style.top of the last absolutely placed run (see visitInner). */
  let lastTop = '';
  /** Elements holding a procedure-code-like token outside tables: record candidates. */
  const codeHits: Element[] = [];
  /** Document order at each code hit: a record sits where its code is (a note part ends there). */
  const hitAt = new Map<Element, number>();


  function hit(el: Element): void {
    codeHits.push(el);
    if (!hitAt.has(el)) hitAt.set(el, order++);
  }

  function idOf(el: Element): string {
    return options.ids.of(el);
  }

  function openBlock(el: Element, flat: boolean, edit: boolean): OpenBlock {
    return { el, builder: textBuilder(LIMIT_BLOCKCHARS), flat, edit, links: 0 };
  }

  /** The heading the walk is under, set on an item when there is one. */
  function withHead(item: { head?: number }): void {
    if (headings.length > 0) item.head = headings.length - 1;
  }

  /** The hint words around the walk's position, set on an item when there are any. */
  function withHints<T extends { hints?: string[] }>(item: T, hints = currentHints()): T {
    if (hints.length > 0) item.hints = hints;
    return item;
  }

  function currentHints(): string[] {
    const out: string[] = [];
    for (const level of hintStack) for (const h of level) if (!out.includes(h)) out.push(h);
    return out.slice(0, LIMIT_HINTS);
  }

  function run(): DescribeResult {
    const body = doc.body ?? doc.documentElement;
    if (body) visit(body);
    describeRecords();
    const win = doc.defaultView;
    let frameVisible = true;
    try {
      if (win && (win.innerWidth === 0 || win.innerHeight === 0)) frameVisible = false;
      const host = win?.frameElement;
      if (host && !visibleSafe(host)) frameVisible = false;
    } catch {
      // a cross-origin parent: innerWidth/innerHeight already tell
    }
    const page: PageDescription = {
      frame: { top: options.top, visible: frameVisible, loading: loading(), title: squash(doc.title ?? '').slice(0, LIMIT_TITLE) },
      headings: headings,
      blocks: blocks,
      fields: fields,
      tables: tables,
      records: records,
    };
    if (cut.size > 0) page.cut = [...cut];
    return { page, sources: sources, editors: editors, shadows: shadows };
  }

  /** Still loading: the document, an aria-busy region, a progress bar or a skeleton on screen. */
  function loading(): boolean {
    if (doc.readyState === 'loading') return true;
    const busy = doc.querySelectorAll('[aria-busy="true"], [role="progressbar"], [class*="skeleton" i], [class*="spinner" i], [class*="loading" i]');
    for (let i = 0; i < busy.length && i < 20; i++) if (visibleSafe(busy[i] as Element)) return true;
    return false;
  }

  // ---- the walk ------------------------------------------------------------------------------

  function visitChildren(el: Element): void {
    const children = childNodes(el, shadows);
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as Node;
      if (child.nodeType === 3) appendText(child as Text);
      else if (child.nodeType === 1) visit(child as Element);
    }
  }

  function appendText(node: Text): void {
    const open = stack[stack.length - 1];
    if (!open) return;
    const before = open.builder.text().length;
    open.builder.append(node, preDepth > 0);
    if (inLink > 0) open.links += open.builder.text().length - before;
    if (!open.edit && tableDepth === 0 && CODE_TOKEN.test(node.data) && node.parentElement) hit(node.parentElement);
  }

  function visit(el: Element): void {
    const name = tagOf(el);
    // A tab panel hidden until its tab is clicked still belongs to the page (its charges, its facts).
    if (skipped(el) || (el.hasAttribute('hidden') && name !== 'details' && attr(el, 'role') !== 'tabpanel')) return;
    if (name === 'br') {
      stack[stack.length - 1]?.builder.lineBreak();
      return;
    }
    // "<label><input type=radio> Self-pay</label>": a choice not taken is not a value of the page
    // (in a table row or record the box's mark says it, for the classifier).
    if (name === 'label' && !cellCtx && textOf(el).length <= 60 && unchecked((el as HTMLLabelElement).control ?? query(el, 'input'))) return;
    const config = options.config;
    if (config?.notNote.has(el)) {
      hintStack.push(['config-not']);
      visitInner(el, name);
      hintStack.pop();
      return;
    }
    visitInner(el, name);
  }

  function visitInner(el: Element, name: string): void {
    if (isValueControl(el)) {
      control(el);
      return;
    }
    if (name === 'input') {
      // A checkbox in a table row (a superbill's "bill" tick): its state, as a mark the classifier reads.
      if (cellCtx && (el as HTMLInputElement).type === 'checkbox' && !markless(el as HTMLInputElement)) top()?.builder.literal((el as HTMLInputElement).checked ? ' ☑ ' : ' ☐ ');
      return; // hidden, buttons
    }
    // An ARIA check box ticked in a table row (one not ticked is never visited): the same mark.
    if (cellCtx && attr(el, 'role') === 'checkbox') top()?.builder.literal(' ☑ ');
    const hints = hintsOf(el);
    hintStack.push(hints);
    const entry = isEntry(el, name);
    if (entry) entryStack.push(idOf(el));
    const panel = attr(el, 'role') === 'tabpanel';
    const fold = name === 'details' && !el.hasAttribute('open') ? el : panel && !visibleSafe(el) ? flatParent(el) : null;
    if (fold) folds.push(fold);
    try {
      // A tab panel is headed by its tab's label ("Objective"), shown or not.
      const tab = panel ? attr(el, 'aria-labelledby') : null;
      const tabLabel = tab ? textOf((el.getRootNode() as Document).getElementById?.(tab.split(' ')[0] as string)) : '';
      if (tabLabel) addHeading(el, 6, tabLabel);
      const configLabel = options.config?.note.get(el);
      if (options.config?.note.has(el) && !top()?.flat) {
        block(el, { flat: true, edit: false, configNote: true, ...(configLabel ? { label: configLabel } : {}) });
        return;
      }
      const heading = HEADING_TAGS.exec(name);
      const role = attr(el, 'role');
      if (!top()?.flat && (heading || role === 'heading' || name === 'legend' || name === 'caption' || name === 'summary')) {
        addHeading(el, heading ? Number(heading[1]) : Number(attr(el, 'aria-level')) || (name === 'legend' ? 5 : 6));
        return;
      }
      if (tableDepth === 0 && !top()?.flat && ((name === 'table' && !isLayoutTable(el)) || (role && GRID_ROLES.has(role) && !gridShell(el, name)))) {
        table(el);
        return;
      }
      const divRows = tableDepth === 0 && !top()?.flat && !role && name !== 'table' ? divGridRows(el) : null;
      if (divRows) {
        table(el, divRows);
        return;
      }
      if (isEditorRoot(el) && !top()?.edit) {
        block(el, { flat: true, edit: true });
        return;
      }
      if (name === 'dl') definitionList(el);
      else if (!top()?.flat && tableDepth === 0) labelValuePair(el);
      // "<span aria-label="Payer">Medicare Part B</span>": the label is the attribute.
      const aria = attr(el, 'aria-label') ?? attr(el, 'data-label');
      if (aria && !role && el.children.length === 0 && tableDepth === 0) field(el, aria, el.textContent ?? '', 'aria');
      else if (!aria && el.children.length === 0) titledFigure(el);
      const open = top();
      // An inline element marked as chrome (help text, a tooltip, a status line) is a block of its own, so its hint counts.
      const isBlock = BLOCK_TAGS.has(name) || EXTRA_BLOCKS.has(name) || name.includes('-') || (el as Element & { shadowRoot: ShadowRoot | null }).shadowRoot !== null || hints.some((h) => CHROME_SET.has(h));
      if (isBlock && !open?.flat) {
        block(el, { flat: false, edit: false });
        return;
      }
      if (isBlock && open) open.builder.lineBreak();
      if (open && !open.flat && open.builder.text() === '' && open.label === undefined && EMPHASIS.has(name) && emphasised(el) && leadLabel(el, open)) return;
      // A span laid out as a box (flex/grid item, display:block) is a line of its own; side-by-side
      // spans are separate words at least ("Coverage" + a chip must not read as one word).
      const boxed = !isBlock && open !== undefined && BOXABLE.has(name) && name !== 'a' && name !== 'b' && name !== 'i' && boxedInline(el);
      // Runs placed at the same top (a PDF viewer's text layer) are one printed line: a wide gap between them.
      const placed = boxed ? (el as HTMLElement).style.top : '';
      if (placed && placed === lastTop) open?.builder.literal(' \t ');
      else if (boxed) open?.builder.lineBreak();
      else if (open && SPACED.test(name)) open.builder.space();
      if (boxed) lastTop = placed;
      if (name === 'a') inLink++;
      if (name === 'pre') preDepth++;
      if (cellCtx && (name === 'b' || name === 'strong' || name === 'th')) cellCtx.bold = true;
      // In a cell, side-by-side elements are separate values (chips, pills).
      if (cellCtx) open?.builder.space();
      visitChildren(el);
      if (cellCtx) open?.builder.space();
      if (name === 'a') inLink--;
      if (name === 'pre') preDepth--;
      if ((isBlock || (boxed && !placed)) && open) open.builder.lineBreak();
      else if (open && SPACED.test(name)) open.builder.space();
    } finally {
      hintStack.pop();
      if (entry) entryStack.pop();
      if (fold) folds.pop();
    }
  }

  /**
   * The marker an ordered list draws before an item: letters for type="A"/"a" or an alpha
   * list-style-type (a claim's lettered diagnoses), else its number (start, value). Counted once
   * per list as the walk goes (items come in order).
   */
  function listMarker(li: Element): string | undefined {
    const list = li.parentElement;
    if (list?.localName !== 'ol') return undefined;
    // Items the walk skipped (empty ones) still count: count on from the last item seen.
    let [last, n] = listCounts.get(list) ?? [null, (Number(attr(list, 'start')) || 1) - 1];
    for (let sib = last ? last.nextElementSibling : list.firstElementChild; sib && sib !== li; sib = sib.nextElementSibling) if (tagOf(sib) === 'li') n++;
    n = Number(attr(li, 'value')) || n + 1;
    listCounts.set(list, [li, n]);
    const style = attr(list, 'type') ?? doc.defaultView?.getComputedStyle(list).listStyleType;
    return !/^a$|alpha|latin/i.test(style ?? '') ? String(n) : n > 0 && n < 27 ? String.fromCharCode(64 + n) : undefined;
  }

  /** "<span title="Timed minutes total">41</span>": a figure named only by its tooltip. */
  function titledFigure(el: Element): void {
    const title = attr(el, 'title');
    if (!title) return;
    const text = textOf(el);
    const label = cleanLabel(title);
    if (text.length <= 20 && /\d/.test(text) && !/\d/.test(label) && labelLike(label, 40) && label !== text) field(el, label, text, 'name');
  }

  /**
   * A grid role around tables that hold its rows (Kendo's scrolling grid: a header table and a body
   * table in one role=grid div): not a grid of its own; its tables are described, and splitGrid
   * joins them.
   */
  function gridShell(el: Element, name: string): boolean {
    return name !== 'table' && !!query(el, 'table') && !rowsOf(el).length;
  }

  /**
   * A text block shown, or folded away by the page's own disclosure on a part that is shown (a
   * closed <details>, a tab panel not open): a note's section, one click away, not a hidden draft.
   * (Tables, rows and fields keep their own visibility, and so does text under billing hints: a
   * tab of older charges is not this visit's.)
   */
  function shown(el: Element): boolean {
    const fold = folds[folds.length - 1];
    return visibleSafe(el) || (!!fold && visibleSafe(fold) && !currentHints().some((h) => BILLING_SET.has(h)));
  }

  function top(): OpenBlock | undefined {
    return stack[stack.length - 1];
  }

  /** A short emphasised run that opens a block and ends in ":" or a line break is the block's label. */
  function leadLabel(el: Element, open: OpenBlock): boolean {
    const text = textOf(el);
    // A <label> wrapping its control is a field, not a run-in head.
    if (!labelLike(text, 60) || query(el, CONTROLS)) return false;
    let next = el.nextSibling;
    while (next && next.nodeType === 3 && !(next as Text).data.trim()) next = next.nextSibling;
    // A run-in head ends in a colon, a line break, or a period after one to three words ("<b>Plan.</b> …").
    const endsWithColon = /[:：]\s*$/.test(text) || /^[A-Z][A-Za-z/&' -]{1,30}\.$/.test(text) && text.split(' ').length <= 3;
    const breakAfter = next !== null && next.nodeType === 1 && (tagOf(next as Element) === 'br' || BLOCK_TAGS.has(tagOf(next as Element)));
    if (!endsWithColon && !breakAfter) return false;
    open.label = cleanLabel(text).replace(/\.$/, '');
    return true;
  }

  function addHeading(el: Element, level: number, title = textOf(el)): void {
    const text = title.slice(0, LIMIT_LABEL);
    if (!text) return;
    // A title that carries a code ("<legend>97110 Therapeutic exercise</legend>") heads a record.
    if (tableDepth === 0 && CODE_TOKEN.test(text)) hit(el);
    if (headings.length >= LIMIT_HEADINGS) {
      cut.add('headings');
      return;
    }
    headings.push({ id: idOf(el), at: order++, level, text });
  }

  function block(el: Element, how: { flat: boolean; edit: boolean; label?: string; configNote?: boolean }): void {
    const open = openBlock(el, how.flat, how.edit);
    if (how.label) open.label = how.label;
    if (how.configNote) open.configNote = true;
    const at = order++;
    stack.push(open);
    const pre = tagOf(el) === 'pre' || (how.edit && /pre/.test((el as HTMLElement).style?.whiteSpace ?? ''));
    if (pre) preDepth++;
    visitChildren(el);
    if (pre) preDepth--;
    stack.pop();
    emitBlock(open, at);
  }

  function emitBlock(open: OpenBlock, at: number, extra: Partial<PageBlock> = {}): string | undefined {
    const { text, segments, truncated } = open.builder.result();
    if (!text.trim()) return undefined;
    if (pairLabels.has(open.el)) return undefined;
    // The label of a value element goes to its first block (a section body of one block per line).
    let e: Element | null = open.el;
    for (let d = 0; e && d < 3 && !pairValues.has(e); d++) e = flatParent(e);
    if (e && pairValues.has(e)) {
      open.label ??= pairValues.get(e);
      pairValues.delete(e);
    }
    // A short line of its own may be a title ("Reminders", "Clinical findings"): sent as a block and
    // as a title candidate; the worker keeps one of the two (./titles.ts).
    if (!open.edit && !open.configNote && open.label === undefined && extra.table === undefined && text.trim().length <= 40 && !/^(?:li|td|th|dd)$/.test(tagOf(open.el)) && headings.length < LIMIT_HEADINGS) {
      headings.push({ id: idOf(open.el), at, level: TITLE_CANDIDATE, text });
    }
    if (blocks.length >= LIMIT_BLOCKS || textTotal + text.length > LIMIT_TEXT) {
      cut.add('text');
      return undefined;
    }
    if (truncated) cut.add('text');
    textTotal += text.length;
    const id = idOf(open.el);
    const hints = extra.hints ?? currentHints();
    if (open.configNote) hints.unshift('config-note');
    const block: PageBlock = { id, at, text, tag: tagOf(open.el), visible: shown(open.el), ...extra };
    const entry = entryStack[entryStack.length - 1];
    if (entry) block.entry = entry;
    const marker = tagOf(open.el) === 'li' ? listMarker(open.el) : undefined;
    if (marker) block.marker = marker;
    if (open.edit || open.configNote) block.edit = true;
    if (open.label) block.label = open.label;
    else if (open.edit) {
      const label = inferLabel(open.el);
      if (label) block.label = label.text;
    }
    withHead(block);
    withHints(block, hints);
    if (open.links > 0) block.links = open.links;
    blocks.push(block);
    sources.set(id, { kind: 'text', root: open.el, segments });
    if (open.edit) editors.set(open.el, id);
    return id;
  }

  // ---- controls and fields -------------------------------------------------------------------

  function control(el: Element): void {
    const value = controlText(el);
    if (cellCtx) {
      // Inside a table cell or record: the value is part of the cell's text.
      top()?.builder.literal(` ${squash(value)} `);
      const name = controlName(el);
      if (name) cellCtx.names.push(name);
      return;
    }
    if (tagOf(el) === 'textarea') {
      // One block whose text is the value (the source maps offsets into the value, not the DOM).
      const open = openBlock(el, true, true);
      if (options.config?.note.has(el)) {
        open.configNote = true;
        const label = options.config.note.get(el);
        if (label) open.label = label;
      }
      open.builder.literal(value);
      const id = emitBlock(open, order++, /search|query|filter|comment-box/i.test(controlName(el)) ? { hints: [...currentHints(), 'search'] } : {});
      if (id) sources.set(id, { kind: 'value', element: el as HTMLTextAreaElement });
      return;
    }
    if (tableDepth === 0 && CODE_TOKEN.test(value)) hit(el);
    const label = inferLabel(el);
    if (!label || !squash(value)) return;
    field(el, label.text, value, label.via, controlName(el));
  }

  function field(el: Element, label: string, value: string, via: PageField['via'], name?: string, extra: Partial<PageField> = {}): void {
    const v = squash(value).slice(0, LIMIT_VALUE);
    const l = cleanLabel(label).slice(0, LIMIT_LABEL);
    if (!/[A-Za-z0-9]/.test(v) || !l) return;
    if (fields.length >= LIMIT_FIELDS) {
      cut.add('fields');
      return;
    }
    const field: PageField = { id: idOf(el), at: order++, label: l, value: v, via, visible: visibleSafe(el), ...extra };
    if (name) field.name = name;
    withHead(field);
    withHints(field);
    fields.push(field);
  }

  function definitionList(dl: Element): void {
    let term: string | null = null;
    for (const child of [...dl.children]) {
      if (tagOf(child) === 'dt') {
        term = textOf(child);
        pairLabels.add(child);
      } else if (tagOf(child) === 'dd' && term) {
        const control = query(child, CONTROLS);
        field(child, term, control ? controlText(control) : untruncated(child, textOf(child)), 'dl');
        // The <dd>'s text block is labelled by its <dt> (a note section, or a header fact).
        pairValues.set(child, cleanLabel(term).slice(0, LIMIT_LABEL));
      }
    }
  }

  /**
   * A label element followed by one value element ("<span>Payer</span><span>Aetna</span>", a
   * label text then a chip, a <label> and an <output>): a field. Cheap: elements with 2–3 nodes.
   */
  function labelValuePair(el: Element): void {
    const nodes = Array.from(childNodes(el)).filter(
      (n) => (n.nodeType === 3 && (n as Text).data.trim() !== '') || (n.nodeType === 1 && !SKIP.has(tagOf(n as Element)) && tagOf(n as Element) !== 'br'),
    );
    if (nodes.length >= 4) {
      alternatingPairs(nodes);
      return;
    }
    // "<label>Visit #</label><span>5</span> <span>of 20 authorized</span>": a <label> naming no
    // control, its value and a remark after it read as one value.
    const captioned = nodes.length === 3 && tagOf(nodes[0] as Element) === 'label' && !(nodes[0] as HTMLLabelElement).control;
    if (nodes.length !== 2 && !captioned) return;
    let [first, second] = nodes as [Node, Node];
    if (second.nodeType !== 1) return;
    if (!captioned && first.nodeType === 1 && captionLast(first as Element, second as Element)) [first, second] = [second, first];
    const valueEl = second as Element;
    if (first.nodeType === 1 && (isValueControl(first as Element) || HEADING_TAGS.test(tagOf(first as Element)) || attr(first as Element, 'role') === 'heading')) return;
    // (An icon standing for its label has no text: its tooltip is the label, "<i title=Provider></i>".)
    const label = cleanLabel(first.nodeType === 3 ? (first as Text).data : elementText(first as Element, 100) || (attr(first as Element, 'title') ?? ''));
    // A label is only a label ("Payer: Medicare" already says both); a value is one value, not a table or list.
    if (!labelLike(label, 40) || /^\d|\d{2}|[:：]\s*\S/.test(label) || /^(?:li|table|ul|ol|dl|form|fieldset|section|article)$/.test(tagOf(valueEl))) return;
    // Controls report their own label (and a textarea's or a prose textbox's text is its block).
    const box = query(valueEl, '[role=textbox]');
    if (isValueControl(valueEl) || query(valueEl, CONTROLS) || (box && proseBox(box))) return;
    const third = captioned ? (nodes[2] as Element) : null;
    if (third && (third.nodeType !== 1 || isValueControl(third) || query(third, CONTROLS))) return;
    const value = untruncated(valueEl, elementText(valueEl, LIMIT_VALUE + 1)) + (third ? ` ${elementText(third, LIMIT_VALUE)}` : '');
    if (!value || value.length > LIMIT_VALUE || value === label) return;
    field(valueEl, label, value, 'prev');
    if (first.nodeType === 1) pairLabels.add(first as Element);
    pairValues.set(valueEl, label);
  }

  /**
   * Caption and value elements alternating in one grid ("<div class=cap>Coverage</div><div
   * class=val>Aetna</div>…"): each caption labels the value after it. The two kinds differ in tag
   * or class, and every caption reads as a label.
   */
  function alternatingPairs(nodes: Node[]): void {
    if (nodes.length % 2 !== 0 || nodes.length > 80 || nodes.some((n) => n.nodeType !== 1)) return;
    const els = nodes as Element[];
    if (kind(els[0] as Element) === kind(els[1] as Element)) return;
    for (let i = 0; i < els.length; i++) if (kind(els[i] as Element) !== kind(els[i % 2] as Element) || (els[i] as Element).childElementCount > 2) return;
    const pairs: [Element, string, Element][] = [];
    const flip = captionLast(els[0] as Element, els[1] as Element) ? 1 : 0;
    for (let i = 0; i < els.length; i += 2) {
      const label = cleanLabel(elementText(els[i + flip] as Element, 100));
      if (!labelLike(label, 40) || /^\d/.test(label)) return;
      pairs.push([els[i + flip] as Element, label, els[i + 1 - flip] as Element]);
    }
    for (const [labelEl, label, valueEl] of pairs) {
      const value = untruncated(valueEl, elementText(valueEl, LIMIT_VALUE));
      if (!value) continue;
      field(valueEl, label, value, 'prev');
      pairLabels.add(labelEl);
      pairValues.set(valueEl, label);
    }
  }

  // ---- tables --------------------------------------------------------------------------------

  function table(el: Element, divRows?: Element[]): void {
    if (tables.length >= LIMIT_TABLES) {
      cut.add('tables');
      tableDepth++;
      block(el, { flat: false, edit: false });
      tableDepth--;
      return;
    }
    const index = tables.length;
    const table: PageTable = { id: idOf(el), at: order++, kind: tagOf(el) === 'table' ? 'table' : 'grid', columns: [], rows: [], total: 0, visible: visibleSafe(el) };
    tables.push(table);
    withHead(table);
    withHints(table);
    const rows = divRows ? divRows.map((r): [Element, Element[]] => [r, cellsOf(r)]) : joinedRows(rowsOf(el), tagOf(el) !== 'table');
    table.total = rows.length;
    const caption = tagOf(el) === 'table' ? (el as HTMLTableElement).caption : null;
    if (caption) table.caption = textOf(caption).slice(0, LIMIT_LABEL);
    tableDepth++;
    const headerRows: PageCell[][] = [];
    const spanLeft: number[] = [];
    let dataStarted = false;
    // Rows still covered by a rowspan cell of column 0: [rows left, group index].
    let covering: [number, number] | null = null;
    // Body cells spanning rows, by column: [rows left, the cell].
    const bodySpan: ([number, PageCell] | undefined)[] = [];
    for (let r = 0; r < rows.length; r++) {
      if (table.rows.length >= LIMIT_ROWS) {
        cut.add(`table rows (${rows.length})`);
        break;
      }
      const [row, cellEls] = rows[r] as [Element, Element[]];
      if (cellEls.length === 0) continue;
      let groupIndex: number | undefined;
      const first = cellEls[0] as HTMLTableCellElement;
      // A div grid's first row of labels over rows that carry codes is its header row.
      if (!dataStarted && (isHeaderRow(row, cellEls) || (divRows && r === 0 && !CODE_TOKEN.test(elementText(row)) && cellEls.every((c) => !elementText(c) || labelLike(elementText(c), 40))))) {
        // Merged header cells: a colspan names every column under it; a rowspan cell keeps its
        // columns in the header rows below ("Modifiers" over "1" "2", "Service" beside them).
        const out: PageCell[] = [];
        let c = 0;
        for (const cellEl of cellEls) {
          for (; (spanLeft[c] ?? 0) > 0; c++) {
            spanLeft[c] = (spanLeft[c] as number) - 1;
            out.push({ text: '' });
          }
          const cell = readCell(cellEl, index, -1);
          const rows = Number((cellEl as HTMLTableCellElement).rowSpan) || 1;
          for (let n = colSpanOf(cellEl); n > 0; n--, c++) {
            out.push(cell);
            if (rows > 1) spanLeft[c] = rows - 1;
          }
        }
        headerRows.push(out);
        continue;
      }
      dataStarted = true;
      let own = cellEls;
      // Under header rows, a cell spanning rows keeps its column (a date of service beside every
      // line of a visit): the rows it covers get its text again at that column.
      const headed = headerRows.length > 0;
      if (tagOf(el) === 'table' && (first.rowSpan ?? 1) > 1 && cellEls.length > 1) {
        table.groups ??= [];
        groupIndex = table.groups.length;
        table.groups.push({ id: idOf(first), text: textOf(first).slice(0, LIMIT_VALUE) });
        covering = [first.rowSpan - 1, groupIndex];
        groupCell(first, index, groupIndex);
        if (!headed) own = cellEls.slice(1);
      } else if (covering && covering[0] > 0) {
        groupIndex = covering[1];
        covering[0]--;
      } else covering = null;
      const cells: PageCell[] = [];
      const covered = (): void => {
        for (let held = bodySpan[cells.length]; headed && held && held[0] > 0; held = bodySpan[cells.length]) {
          held[0]--;
          cells.push({ text: held[1].text });
        }
      };
      for (const cellEl of own) {
        covered();
        const cell = readCell(cellEl, index, table.rows.length);
        const down = Number((cellEl as HTMLTableCellElement).rowSpan) || 1;
        if (down > 1) bodySpan[cells.length] = [down - 1, cell];
        const span = colSpanOf(cellEl);
        cells.push(cell);
        for (let s = 1; s < span; s++) cells.push({ text: '' });
        if (cells.length >= LIMIT_CELLS) break;
      }
      covered();
      if (cells.every((c) => !c.text.trim())) continue;
      const pageRow: PageRow = { id: idOf(row), cells, visible: visibleSafe(row) };
      if (groupIndex !== undefined) pageRow.group = groupIndex;
      if (removed(row, cellEls) || struckClass(el)) pageRow.removed = true;
      keyValueFields(own, index);
      table.rows.push(pageRow);
    }
    tableDepth--;
    // Under header rows, one cell spanning rows (a date of service over every line, a totals row
    // after them) is a column, not an encounter of a list.
    if (headerRows.length && table.groups?.length === 1) {
      delete table.groups;
      for (const item of [...table.rows, ...fields]) if (item.group === 0 && (!('table' in item) || item.table === index)) delete item.group;
    }
    table.columns = columns(headerRows);
    splitGrid(el, table, headerRows.length > 0);
  }

  /**
   * A grid drawn as separate tables (Kendo/Telerik/PrimeNG/DevExtreme scrolling grids: a table of
   * header rows in one div, the body rows' table in the next, colgroups aligning them): the
   * header-only table is remembered, and a headerless table of the same grid (an ancestor of the
   * header table within three levels holds it) takes its columns when the column counts agree.
   */
  function splitGrid(el: Element, table: PageTable, hasHeader: boolean): void {
    if (hasHeader) {
      splitHeader = table.rows.length === 0 ? { el, columns: table.columns } : null;
      return;
    }
    const header = splitHeader;
    if (!header) return;
    let shared = false;
    for (let up = header.el.parentElement, d = 0; up && d < 3 && !shared; up = up.parentElement, d++) shared = up.contains(el);
    const width = Math.max(0, ...table.rows.map((r) => r.cells.length));
    if (!shared) splitHeader = null;
    else if (width === header.columns.length) table.columns = header.columns;
  }

  /** Rows of a table, or of an ARIA grid in the flat tree (rows may be slotted, or in shadow roots). */
  function rowsOf(el: Element): Element[] {
    if (tagOf(el) === 'table') return [...(el as HTMLTableElement).rows];
    const out: Element[] = [];
    const walk = (node: Element): void => {
      const children = childNodes(node);
      for (let i = 0; i < children.length && out.length <= LIMIT_ROWS; i++) {
        const c = children[i] as Element;
        if (c.nodeType !== 1) continue;
        const role = attr(c, 'role');
        if (role === 'row') out.push(c);
        else if (!role || !GRID_ROLES.has(role)) walk(c);
      }
    };
    walk(el);
    return out;
  }

  /**
   * Rows with their cells. A grid drawn in several containers (AG Grid: the pinned-left and centre
   * viewports draw each row once, with the same row-index / aria-rowindex / row-id, not always in
   * the same order) is joined into one row per key, its cells in aria-colindex order.
   */
  function joinedRows(rows: Element[], split: boolean): [Element, Element[]][] {
    const out: [Element, Element[]][] = [];
    const byKey = new Map<string, Element[]>();
    for (const row of rows) {
      const cells = cellsOf(row);
      const by = split ? ['row-index', 'aria-rowindex', 'row-id'].find((a) => row.hasAttribute(a)) : undefined;
      const key = by && `${by}=${attr(row, by)}`;
      const same = key ? byKey.get(key) : undefined;
      if (same) {
        same.push(...cells);
        if (same.every((c) => attr(c, 'aria-colindex'))) same.sort((a, b) => Number(attr(a, 'aria-colindex')) - Number(attr(b, 'aria-colindex')));
      } else {
        out.push([row, cells]);
        if (key) byKey.set(key, cells);
      }
    }
    return out;
  }

  function cellsOf(row: Element): Element[] {
    if (tagOf(row) === 'tr') return [...(row as HTMLTableRowElement).cells];
    const children = [...row.children];
    const cells = children.filter((c) => /^(?:cell|gridcell|columnheader|rowheader)$/.test(attr(c, 'role') ?? ''));
    return cells.length > 0 ? cells : children;
  }

  /** Header row: in <thead>, all <th>/columnheader, or every non-empty cell short and bold. */
  function isHeaderRow(row: Element, cells: Element[]): boolean {
    if (row.parentElement?.localName === 'thead') return true;
    if (cells.every((c) => tagOf(c) === 'th' || attr(c, 'role') === 'columnheader')) return cells.length > 1 || row.parentElement?.localName !== 'tbody';
    const texts = cells.map((c) => textOf(c));
    const filled = cells.filter((_, i) => texts[i] !== '');
    if (filled.length < 2) return false;
    return filled.every((c) => {
      const text = textOf(c);
      if (!labelLike(text, 40) || CODE_TOKEN.test(text) || query(c, CONTROLS)) return false;
      return emphasisedChain(c) || (c.children.length === 1 && emphasisedChain(c.children[0] as Element));
    });
  }

  function readCell(cellEl: Element, tableIndex: number, rowIndex: number): PageCell {
    const saved = cellCtx;
    cellCtx = { names: [], bold: false };
    const open = openBlock(cellEl, true, false);
    const at = order++;
    stack.push(open);
    hintStack.push(hintsOf(cellEl));
    visitChildren(cellEl);
    hintStack.pop();
    stack.pop();
    const context = cellCtx;
    cellCtx = saved;
    const text = open.builder.text().trim();
    const cell: PageCell = { text: untruncated(cellEl, squash(text)).slice(0, LIMIT_CELLCHARS) };
    // A cell named by its own aria-label ("<div class=cell aria-label=Modifiers>" around a toggle group).
    const named = context.names.length > 0 ? context.names : [attr(cellEl, 'aria-label') ?? ''];
    if (named[0]) cell.name = named.join(' ').slice(0, LIMIT_LABEL);
    if (context.bold || tagOf(cellEl) === 'th') cell.bold = true;
    // A caption and its value as two unlike elements ("<span class=k>Units</span><span class=v>2</span>").
    const [k, v] = cellEl.children;
    const caption = textOf(k);
    if (v && !cellEl.children[2] && kind(k as Element) !== kind(v) && !k?.childElementCount && labelLike(caption, 30) && !CODE_TOKEN.test(caption)) cell.label = caption;
    if (text.length >= CELL_BLOCK_CHARS && rowIndex >= 0) {
      // Prose in a table (a report printed as rows): offer it to the note classifier too.
      leadLabelFromCell(cellEl, open);
      emitBlock(open, at, { table: tableIndex, row: rowIndex });
    }
    return cell;
  }

  /** A cell that opens with "<span class=bold>Subjective:</span>": that is the block's label. */
  function leadLabelFromCell(cellEl: Element, open: OpenBlock): void {
    const first = cellEl.firstElementChild;
    if (!first || !emphasised(first)) return;
    const label = textOf(first);
    if (!labelLike(label, 60) || !/[:：]\s*$/.test(label)) return;
    open.label = cleanLabel(label);
    // Drop the label's characters from the block text (they open it).
    if (open.builder.text().startsWith(label)) open.builder.dropLead(label.length);
  }

  /** The rowspan cell heading a group of rows (an encounter in a claim list): its controls are fields. */
  function groupCell(cell: Element, tableIndex: number, groupIndex: number): void {
    for (const control of Array.from(cell.querySelectorAll(CONTROLS))) {
      if (!isValueControl(control)) continue;
      const label = inferLabel(control);
      const value = controlText(control);
      if (label && squash(value)) field(control, label.text, value, label.via, controlName(control), { table: tableIndex, group: groupIndex });
    }
  }

  /**
   * A row struck through, classed as deleted, or whose delete box (named so) is ticked. A ticked box
   * under a "Delete" column header is the worker's to read (the cell carries the tick's mark).
   */
  function removed(row: Element, cells: Element[]): boolean {
    if (struckClass(row)) return true;
    if (query(row, 'del, s, strike')) {
      // The line itself is struck (not a word in a comment cell): most of its text is inside.
      const struck = Array.from(row.querySelectorAll('del, s, strike')).reduce((n, d) => n + textOf(d).length, 0);
      if (struck >= textOf(row).length / 3) return true;
    }
    for (const cell of cells) {
      const box = query(cell, 'input[type="checkbox"]') as HTMLInputElement | null;
      if (box?.checked && DELETE_NAME.test(`${box.name} ${attr(box, 'aria-label') ?? ''}`)) return true;
    }
    return false;
  }

  /** Rows of a key/value grid: a label cell (th, bold or "…:") followed by its value cell. */
  function keyValueFields(cells: Element[], tableIndex: number): void {
    for (let i = 0; i + 1 < cells.length; i++) {
      const key = cells[i] as Element;
      const value = cells[i + 1] as Element;
      const label = textOf(key);
      const isKey = tagOf(key) === 'th' || /[:：]$/.test(label) || emphasisedChain(key);
      if (!isKey || !labelLike(cleanLabel(label), 40) || tagOf(value) === 'th') continue;
      const control = query(value, CONTROLS);
      const text = control && isValueControl(control) ? controlText(control) : (value.textContent ?? '');
      if (!squash(text)) continue;
      field(value, label, untruncated(value, squash(text)), 'row', control ? controlName(control) : undefined, { table: tableIndex });
      i++;
    }
  }

  function columns(headerRows: PageCell[][]): string[] {
    const width = Math.max(0, ...headerRows.map((r) => r.length));
    const out: string[] = [];
    for (let c = 0; c < width; c++) {
      out.push(cleanLabel(headerRows.map((r) => r[c]?.text ?? '').filter(Boolean).join(' ')));
    }
    return out;
  }

  // ---- records -------------------------------------------------------------------------------

  /** A code outside tables: the record around it is the largest ancestor holding no other code. */
  function describeRecords(): void {
    const seen = new Set<Element>();
    for (const hit of codeHits) {
      if (records.length >= LIMIT_RECORDS) {
        cut.add('records');
        break;
      }
      const container = recordFor(hit);
      if (!container || seen.has(container)) continue;
      seen.add(container);
      const parts = recordParts(container);
      if (parts.length === 0) continue;
      const record: PageRecord = { id: idOf(container), at: hitAt.get(hit) ?? order++, tag: tagOf(container), parts, visible: visibleSafe(container) };
      const hints: string[] = [];
      for (let a: Element | null = container; a && hints.length < LIMIT_HINTS; a = flatParent(a)) for (const h of hintsOf(a)) if (!hints.includes(h)) hints.push(h);
      withHints(record, hints);
      if (query(container, 'del, s, strike') || struckClass(container)) record.removed = true;
      records.push(record);
    }
  }

  function recordFor(hit: Element): Element | null {
    const others = codeHits.filter((h) => h !== hit && !composedContains(hit, h));
    let container = hit;
    for (let depth = 0; depth < 8; depth++) {
      if (isRecord(container)) break;
      const parent = flatParent(container);
      if (!parent || /^(?:body|html|main|form)$/.test(tagOf(parent))) break;
      if (others.some((o) => composedContains(parent, o) && !composedContains(container, o))) break;
      // The parent holds much more than the record (the rest of the page): the record ends here,
      // unless the parent is a list item or row (a line's code is one part of it).
      const size = elementText(parent, 701).length;
      // (A card of short fields is one record however many fields it shows.)
      if (size > 700 || (size > 200 && size > 3 * elementText(container, 701).length && !isRecord(parent) && [...parent.children].some((k) => elementText(k, 81).length > 80))) break;
      container = parent;
    }
    // Prose: a code inside a long paragraph is a mention, not a line.
    if (elementText(container, 601).length > 600) return null;
    return container;
  }

  /** A record's parts: controls with their labels, label/value pairs, and leaf texts, in order. */
  function recordParts(container: Element): PageCell[] {
    const parts: PageCell[] = [];
    const add = (cell: PageCell): void => {
      if (parts.length < LIMIT_RECORDPARTS && cell.text) parts.push(cell);
    };
    const walk = (el: Element): void => {
      const children = Array.from(childNodes(el));
      const meaningful = children.filter((n) => (n.nodeType === 3 && (n as Text).data.trim() !== '') || (n.nodeType === 1 && !skipped(n as Element)));
      // label + value pair (the value an element or a control: "<label><span>Units</span><input></label>")
      if (meaningful.length === 2 && meaningful[1]?.nodeType === 1) {
        const first = meaningful[0] as Node;
        const second = meaningful[1] as Element;
        const control = isValueControl(second);
        const label = cleanLabel(first.nodeType === 3 ? (first as Text).data : ((first as Element).textContent ?? ''));
        const value = control ? squash(controlText(second)) : elementText(second, LIMIT_CELLCHARS);
        if (labelLike(label, 30) && !CODE_TOKEN.test(label) && (value || control) && !(first.nodeType === 1 && (isValueControl(first as Element) || kind(first as Element) === kind(second)))) {
          add({ label, text: value.slice(0, LIMIT_CELLCHARS), ...(control ? { name: controlName(second) } : {}) });
          return;
        }
      }
      let own = '';
      const flush = (): void => {
        if (squash(own)) add({ text: squash(own).slice(0, LIMIT_CELLCHARS) });
        own = '';
      };
      for (const child of children) {
        if (child.nodeType === 3) own += (child as Text).data;
        else if (child.nodeType === 1) {
          const c = child as Element;
          if (skipped(c)) continue;
          if ((c as HTMLInputElement).type === 'checkbox' && !markless(c as HTMLInputElement)) {
            // A tick box beside a value (a modifier to tick): its state, for the classifier.
            own += (c as HTMLInputElement).checked ? ' ☑ ' : ' ☐ ';
            continue;
          }
          if (isValueControl(c)) {
            const label = inferLabel(c);
            const value = squash(controlText(c));
            if (value) add({ text: value.slice(0, LIMIT_CELLCHARS), ...(label && !CODE_TOKEN.test(label.text) ? { label: label.text } : {}), name: controlName(c) });
            continue;
          }
          const label = attr(c, c.children.length ? 'aria-label' : 'data-label');
          if (label) {
            // A responsive table's cell: its column name is the data-label; a group of chips: its aria-label.
            flush();
            add({ text: elementText(c, LIMIT_CELLCHARS), label });
          } else if (tagOf(c) === 'br' || BLOCK_TAGS.has(tagOf(c)) || c.children.length > 0 || (c as Element & { shadowRoot: ShadowRoot | null }).shadowRoot) {
            flush();
            walk(c);
          } else if (c.hasAttribute('class') && !SPAN_TAGS.test(tagOf(c))) {
            // A leaf with a class ("<span class=mins>20</span>"): its own part, the class as its name.
            flush();
            add({ text: elementText(c, LIMIT_CELLCHARS), name: (attr(c, 'class') as string).slice(0, LIMIT_LABEL) });
          } else own += ` ${elementText(c, LIMIT_CELLCHARS)} `;
        }
      }
      flush();
    };
    walk(container);
    return parts;
  }

  return run();
}

/**
 * An element's text as one block, with its source map: an editor read again after typing, or a
 * claim line's row to mark in the page. null when the element left the page.
 */
export function elementTextSource(el: Element): { text: string; source: PartSource } | null {
  if (tagOf(el) === 'textarea') return { text: (el as HTMLTextAreaElement).value.slice(0, LIMIT_BLOCKCHARS), source: { kind: 'value', element: el as HTMLTextAreaElement } };
  if (!el.isConnected) return null;
  const builder = textBuilder(LIMIT_BLOCKCHARS);
  const walk = (node: Element): void => {
    const children = childNodes(node);
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as Node;
      if (child.nodeType === 3) builder.append(child as Text);
      else if (child.nodeType === 1) {
        const c = child as Element;
        if (SKIP.has(tagOf(c)) || tagOf(c) === 'textarea') continue;
        if (tagOf(c) === 'br') {
          builder.lineBreak();
          continue;
        }
        const isBlock = BLOCK_TAGS.has(tagOf(c));
        if (isBlock) builder.lineBreak();
        walk(c);
        if (isBlock) builder.lineBreak();
      }
    }
  };
  walk(el);
  const { text, segments } = builder.result();
  return { text, source: { kind: 'text', root: el, segments } };
}

export { flatParent };
