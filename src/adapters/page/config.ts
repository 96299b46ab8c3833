// Administrator (and user-correction) selector configurations, applied to a page (the worker sends
// the frame only the configs whose URL pattern takes its address): the describer marks
// the configured note elements and not-note elements (./describe.ts reads the marks), and the
// configured claim rows and payer/provider/date elements are added to the description, flagged
// `config`, so the classifier takes them over anything it would infer.
import { PAGE_LIMITS, type PageDescription, type PageField, type PageRow, type PageTable } from '../../shared/page';
import { squash } from '../dom';
import type { SelectorAdapterConfig } from '../selector';
import type { ConfigMarks } from './describe';
import type { ElementIds } from './ids';
import { controlText, isValueControl } from './labels';

// Caps as module constants (minified to one-letter names in the content bundle).
const { cellChars: LIMIT_CELLCHARS, fields: LIMIT_FIELDS, rows: LIMIT_ROWS, tables: LIMIT_TABLES, value: LIMIT_VALUE } = PAGE_LIMITS;


function queryAll(root: ParentNode, css: unknown): Element[] {
  if (typeof css !== 'string' || !css) return [];
  try {
    return Array.from(root.querySelectorAll(css));
  } catch {
    return []; // validated configs compile; this guards configs from older versions
  }
}

function valueOf(el: Element | undefined): string {
  if (!el) return '';
  return squash(isValueControl(el) ? controlText(el) : (el.textContent ?? ''));
}

/** Elements the describer must treat as configured note parts or as never the note. */
export function configMarks(doc: Document, configs: readonly SelectorAdapterConfig[]): ConfigMarks {
  const marks: ConfigMarks = { note: new Map(), notNote: new Set() };
  for (const config of configs) {
    for (const note of config.noteSelectors) for (const el of queryAll(doc, note?.selector)) marks.note.set(el, typeof note?.label === 'string' ? note.label : undefined);
    for (const selector of Array.isArray(config.notNoteSelectors) ? config.notNoteSelectors : []) for (const el of queryAll(doc, selector)) marks.notNote.add(el);
  }
  return marks;
}

/** Add the configured claim rows and header facts to a description. */
export function addConfigured(doc: Document, configs: readonly SelectorAdapterConfig[], page: PageDescription, ids: ElementIds): void {
  let at = 1_000_000;
  for (const config of configs) {
    if (config.claimRowSelector && typeof config.columns === 'object' && config.columns && page.tables.length < LIMIT_TABLES) {
      const columns = config.columns;
      const names = ['code', 'modifiers', 'units', 'minutes', 'dx'] as const;
      const rows: PageRow[] = [];
      for (const row of queryAll(doc, config.claimRowSelector).slice(0, LIMIT_ROWS)) {
        const cells = names.map((name) => {
          const css = columns[name];
          let el: Element | undefined;
          try {
            el = row.querySelector(css as string) ?? undefined;
          } catch {
            el = undefined; // not a string or not a selector
          }
          return { text: valueOf(el).slice(0, LIMIT_CELLCHARS) };
        });
        rows.push({ id: ids.of(row), cells, visible: true });
      }
      if (rows.length > 0) {
        const table: PageTable = { id: ids.of(doc.body ?? doc.documentElement), at: at++, kind: 'config', columns: ['CPT code', 'Modifiers', 'Units', 'Minutes', 'Diagnosis'], rows, total: rows.length, visible: true, hints: ['config-lines'] };
        page.tables.push(table);
      }
    }
    const facts: [string, string | undefined][] = [
      ['Payer', config.payerSelector],
      ['Provider', config.providerSelector],
      ['Date of service', config.dateSelector],
    ];
    for (const [label, css] of facts) {
      const el = queryAll(doc, css)[0];
      const value = valueOf(el).slice(0, LIMIT_VALUE);
      if (!el || !value || page.fields.length >= LIMIT_FIELDS) continue;
      const field: PageField = { id: ids.of(el), at: at++, label, value, via: 'config', visible: true };
      page.fields.push(field);
    }
  }
}
