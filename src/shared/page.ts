// The page description: what a content script sends about one frame. It is a compact model of the
// page, not a reading of it: text blocks with their heading, hints and visibility; label/value fields
// (label found the way Chrome autofill infers one); tables and ARIA grids with header-resolved
// columns; records (cards, list items, form rows) around procedure codes outside tables. The worker's
// classifier (src/adapters/classify) decides what is note, claim line and header fact.
//
// Types and caps only: no zod here, because the content script (40 KB budget) imports this file.
// The worker validates with the schema in ./page-schema.ts.

import { PAGE_CAPS } from './limits';

/** Caps the describer applies (and the schema enforces): a huge or hostile page stays bounded. */
export const PAGE_LIMITS = PAGE_CAPS;

/** Where a field's label came from (Chrome autofill's InferLabelForElement order, then text patterns). */
export type LabelVia =
  | 'for' // <label for> or a wrapping <label>
  | 'aria' // aria-label / aria-labelledby
  | 'prev' // the text just before it
  | 'col' // the table column header
  | 'row' // the row's header cell (th|td key/value tables)
  | 'dl' // <dt> of a <dd>
  | 'colon' // "Label: value" text
  | 'name' // the control's name/id/placeholder/title
  | 'config'; // an administrator's selector configuration

export interface PageFrame {
  /** The tab's top document. */
  top: boolean;
  /** The frame is displayed (a frame inside a hidden tab panel is not). */
  visible: boolean;
  /** The document or a region of it is still loading (readyState, aria-busy, skeletons). */
  loading: boolean;
  title: string;
  /** The frame's address (for the patient id some EHRs carry in it: src/adapters/classify/patient.ts). */
  url?: string;
}

export interface PageHeading {
  id: string;
  at: number;
  /** 1–6 as the page says, 7 for a short title standing alone; 0: a title candidate the worker decides (src/adapters/page/titles.ts). */
  level: number;
  text: string;
}

export interface PageBlock {
  /** Anchor id: stable for the same element across reads of the frame ("e12", "e12.2"). */
  id: string;
  /** Document order among everything described. */
  at: number;
  text: string;
  /** Text the user writes: textarea, contenteditable, role=textbox, a config-selected note. */
  edit?: boolean;
  tag: string;
  /** The editor's label, or the block's own leading label ("Subjective:"). */
  label?: string;
  /** Index into headings of the nearest heading before the block. */
  head?: number;
  /** Landmark and class/id hint words of the block and its ancestors (see HINT_WORDS). */
  hints?: string[];
  visible: boolean;
  /** Characters of the text inside links. */
  links?: number;
  /** The block is a cell of tables[table], row `row`. */
  table?: number;
  row?: number;
  /** Anchor id of the dated entry (a timeline or feed item: an article with a time stamp) holding the block. */
  entry?: string;
  /** An ordered list item's marker as the page draws it ("A", "3"): <ol type="A">, start, value, list-style-type. */
  marker?: string;
}

export interface PageField {
  id: string;
  at: number;
  label: string;
  value: string;
  via: LabelVia;
  /** name/id of the control holding the value, when there is one. */
  name?: string;
  visible: boolean;
  head?: number;
  hints?: string[];
  /** The field belongs to rows of tables[table] grouped under groups[group] (a rowspan cell). */
  table?: number;
  group?: number;
}

export interface PageCell {
  text: string;
  /** name/id/aria-label/title/placeholder of the control(s) in the cell. */
  name?: string;
  /** Header text a card or form row shows beside this value (in a table cell: the caption its text opens with). */
  label?: string;
  bold?: boolean;
}

export interface PageRow {
  id: string;
  cells: PageCell[];
  /** Struck through, marked deleted, or its delete box is ticked. */
  removed?: boolean;
  visible: boolean;
  /** Index into the table's groups (rows under one rowspan cell: an encounter of a claim list). */
  group?: number;
}

export interface PageTable {
  id: string;
  at: number;
  kind: 'table' | 'grid' | 'config';
  /** Column headers, one per column index (colspans expanded); '' where none. */
  columns: string[];
  /** Rows as described (at most PAGE_LIMITS.rows); `total` counts them all. */
  rows: PageRow[];
  total: number;
  caption?: string;
  head?: number;
  hints?: string[];
  visible: boolean;
  /** Text of rowspan cells that head groups of rows (a claim list's encounter cell). */
  groups?: { id: string; text: string }[];
}

/** A card, list item or form row around a procedure code, outside any table. */
export interface PageRecord {
  id: string;
  at: number;
  tag: string;
  parts: PageCell[];
  head?: number;
  hints?: string[];
  visible: boolean;
  removed?: boolean;
}

export interface PageDescription {
  frame: PageFrame;
  headings: PageHeading[];
  blocks: PageBlock[];
  fields: PageField[];
  tables: PageTable[];
  records: PageRecord[];
  /** Something was cut at a cap (PAGE_LIMITS); says what, for the popup. */
  cut?: string[];
}

/**
 * Hint words: landmarks, ARIA roles and class/id tokens the describer reports for a block's
 * ancestry (Readability's "unlikely candidate" and "positive" class words, plus clinical ones).
 */
export const HINT_WORDS = {
  chrome: [
    'nav', 'navbar', 'navigation', 'menu', 'menubar', 'sidebar', 'sidenav', 'footer', 'header', 'banner', 'breadcrumb',
    'breadcrumbs', 'toolbar', 'tabs', 'tablist', 'modal', 'popup', 'toast', 'snackbar', 'widget', 'ad', 'ads', 'promo',
    'cookie', 'social', 'login', 'logout', 'search', 'topbar', 'masthead', 'statusbar', 'alert', 'reminders', 'notifications',
    'dropdown', 'legend', 'help', 'tooltip', 'complementary', 'contentinfo', 'dialog', 'aside', 'status',
  ],
  note: ['note', 'notes', 'soap', 'narrative', 'progress', 'subjective', 'objective', 'assessment', 'plan', 'clinical', 'charting', 'editor', 'document', 'article', 'main', 'content', 'report'],
  billing: ['charge', 'charges', 'bill', 'billing', 'fee', 'fees', 'claim', 'claims', 'cpt', 'procedure', 'procedures', 'superbill', 'ledger', 'codes'],
} as const;
