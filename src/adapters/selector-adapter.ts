// The selector adapter's implementation: a URL match pattern plus CSS selectors (from an admin's
// config) for the note parts and the claim-line columns. It has no zod so it can ship in the
// content script (40 KB budget). The public module is ./selector.ts: the zod schema, the
// validator with messages for the options page and managed policy, and re-exports of this file;
// a test keeps isSelectorAdapterConfig() in step with that schema.
import { claimLine, parseCodeWithModifiers, parseDate, parseDx, parseMinutes, parseModifiers, parseUnits } from './claims';
import { isInput, isOwnUi, isSelect, isTextArea, isVisible, labelFor, selectedText, squash, valueOrText } from './dom';
import { MAX_PART_CHARS, MAX_PARTS } from '../shared/limits';
import type { SelectorAdapterConfig } from './selector';
import { collectText } from './text';
import type { Adapter, AdapterRead, LocationLike, ReadPart } from './types';
import type { SnapshotClaimLine } from '../shared/snapshot';

// ---------------------------------------------------------------------------------------------
// Match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns)

const PATTERN = /^(\*|https?|wss?|file|ftp):\/\/(\*|\*\.[^/*:]+|[^/*:]*)(?::(\*|\d{1,5}))?(\/.*)$/;

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** Compile a match pattern to a RegExp over URLs; null when the pattern is invalid. */
export function compileMatchPattern(pattern: string): RegExp | null {
  if (pattern === '<all_urls>') return /^(?:https?|wss?|file|ftp):\/\//;
  const match = PATTERN.exec(pattern);
  if (!match) return null;
  const [, scheme = '', host = '', port, path = '/'] = match;
  if (scheme === 'file' ? host !== '' : host === '') return null;
  const schemePart = scheme === '*' ? 'https?' : escapeRegex(scheme);
  let hostPart: string;
  if (host === '*') hostPart = '[^/:]+';
  else if (host.startsWith('*.')) hostPart = `(?:[^/:]+\\.)?${escapeRegex(host.slice(2))}`;
  else hostPart = escapeRegex(host);
  // A pattern without a port matches any port (as browsers do for host patterns).
  const portPart = port === undefined || port === '*' ? '(?::\\d+)?' : `:${port}`;
  const pathPart = path.split('*').map(escapeRegex).join('.*');
  return new RegExp(`^${schemePart}://${hostPart}${portPart}${pathPart}$`, 'i');
}

/** Whether a URL (fragment ignored) matches the pattern. */
export function urlMatches(pattern: string, href: string): boolean {
  const regex = compileMatchPattern(pattern);
  return regex !== null && regex.test(href.replace(/#.*$/, ''));
}

// ---------------------------------------------------------------------------------------------
// Structural check without zod (mirrors SelectorAdapterConfigSchema exactly)

type Dict = Record<string, unknown>;

/** Allowed characters of a config name (it becomes part of the adapter id). */
export const NAME = /^[A-Za-z0-9 ._-]*$/;

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Dict, keys: readonly string[]): boolean {
  return Object.keys(value).every((key) => keys.includes(key));
}

function isText(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

/** A required selector: 1–500 characters. */
const isSelectorText = (value: unknown): value is string => isText(value, 1, 500);
/** An optional selector: absent, or 1–500 characters. */
const isOptionalSelector = (value: unknown): boolean => value === undefined || isSelectorText(value);

/** The same rules as SelectorAdapterConfigSchema (strict objects, lengths, name characters). */
export function isSelectorAdapterConfig(value: unknown): value is SelectorAdapterConfig {
  if (!isDict(value)) return false;
  if (!onlyKeys(value, ['name', 'urlPattern', 'noteSelectors', 'claimRowSelector', 'columns', 'payerSelector', 'providerSelector', 'dateSelector'])) return false;
  const { name, urlPattern, noteSelectors, claimRowSelector, columns } = value;
  if (!isText(name, 1, 80) || !NAME.test(name) || !isText(urlPattern, 1, 500) || !isSelectorText(claimRowSelector)) return false;
  if (!Array.isArray(noteSelectors) || noteSelectors.length > MAX_PARTS) return false;
  for (const entry of noteSelectors as unknown[]) {
    if (!isDict(entry) || !onlyKeys(entry, ['selector', 'label']) || !isSelectorText(entry.selector)) return false;
    if (entry.label !== undefined && !isText(entry.label, 0, 200)) return false;
  }
  if (!isDict(columns) || !onlyKeys(columns, ['code', 'modifiers', 'units', 'minutes', 'dx']) || !isSelectorText(columns.code)) return false;
  return [columns.modifiers, columns.units, columns.minutes, columns.dx, value.payerSelector, value.providerSelector, value.dateSelector].every(isOptionalSelector);
}

/** Every selector field of a config, with its path for messages. */
function selectorFields(config: SelectorAdapterConfig): [string, string][] {
  const fields: [string, string][] = config.noteSelectors.map((s, i) => [`noteSelectors[${i}].selector`, s.selector]);
  fields.push(['claimRowSelector', config.claimRowSelector]);
  for (const [key, value] of Object.entries(config.columns)) if (value !== undefined) fields.push([`columns.${key}`, value]);
  if (config.payerSelector) fields.push(['payerSelector', config.payerSelector]);
  if (config.providerSelector) fields.push(['providerSelector', config.providerSelector]);
  if (config.dateSelector) fields.push(['dateSelector', config.dateSelector]);
  return fields;
}

/** What is wrong beyond the structure: the URL pattern, and selectors that do not compile. */
export function configProblems(config: SelectorAdapterConfig, doc: Document | null): string[] {
  const errors: string[] = [];
  if (!compileMatchPattern(config.urlPattern)) {
    errors.push(`urlPattern: "${config.urlPattern}" is not a valid match pattern (expected e.g. "https://ehr.example.com/*")`);
  }
  if (doc) {
    const fragment = doc.createDocumentFragment();
    for (const [path, value] of selectorFields(config)) {
      try {
        fragment.querySelector(value);
      } catch {
        errors.push(`${path}: "${value}" is not a valid CSS selector`);
      }
    }
  }
  return errors;
}

/** The config when valid, else null: the content script's check, without zod or messages. */
export function parseSelectorConfig(value: unknown, doc: Document | null): SelectorAdapterConfig | null {
  return isSelectorAdapterConfig(value) && configProblems(value, doc).length === 0 ? value : null;
}

// ---------------------------------------------------------------------------------------------
// The adapter

function queryAll(root: ParentNode, css: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(css));
  } catch {
    return []; // validated configs compile; this guards configs from older versions
  }
}

function query(root: ParentNode, css: string | undefined): Element | null {
  if (!css) return null;
  try {
    return root.querySelector(css);
  } catch {
    return null;
  }
}

function read(config: SelectorAdapterConfig, doc: Document): AdapterRead {
  const parts: ReadPart[] = [];
  let truncated = false;
  config.noteSelectors.forEach(({ selector: css, label }, i) => {
    queryAll(doc, css).forEach((el, j) => {
      if (isOwnUi(el) || !isVisible(el)) return;
      const id = `sel:${i}:${j}`;
      const partLabel = label ?? labelFor(el);
      let part: ReadPart;
      if (isTextArea(el) || isInput(el)) {
        if (el.value.trim() === '') return;
        part = { id, text: el.value, source: { kind: 'value', element: el } };
      } else {
        const collected = collectText(el, { maxChars: MAX_PART_CHARS });
        if (!collected.text) return;
        truncated ||= collected.truncated;
        part = { id, text: collected.text, source: { kind: 'text', root: el, segments: collected.segments } };
      }
      if (partLabel) part.label = partLabel;
      parts.push(part);
    });
  });

  const lines: SnapshotClaimLine[] = [];
  for (const row of queryAll(doc, config.claimRowSelector)) {
    if (isOwnUi(row) || !isVisible(row)) continue;
    const text = (css: string | undefined): string | undefined => {
      const el = query(row, css);
      return el ? valueOrText(el) : undefined;
    };
    const parsed = parseCodeWithModifiers(text(config.columns.code) ?? '');
    if (!parsed) continue;
    const modText = text(config.columns.modifiers);
    const fields: Parameters<typeof claimLine>[1] = { modifiers: modText !== undefined ? parseModifiers(modText) : parsed.modifiers };
    const units = parseUnits(text(config.columns.units) ?? '');
    if (units !== undefined) fields.units = units;
    const minutes = parseMinutes(text(config.columns.minutes) ?? '');
    if (minutes !== undefined) fields.minutes = minutes;
    const dx = text(config.columns.dx);
    if (dx !== undefined) fields.dx = parseDx(dx);
    lines.push(claimLine(parsed.code, fields));
  }

  const result: AdapterRead = { noteParts: parts, claimLines: lines };
  const single = (css: string | undefined): string | undefined => {
    const el = query(doc, css);
    if (!el) return undefined;
    const value = isSelect(el) ? selectedText(el) : valueOrText(el);
    return squash(value).slice(0, 300) || undefined;
  };
  const payer = single(config.payerSelector);
  const provider = single(config.providerSelector);
  const date = parseDate(single(config.dateSelector) ?? '');
  if (payer) result.payerText = payer;
  if (provider) result.providerText = provider;
  if (date) result.dateOfService = date;
  if (truncated) result.truncated = true;
  return result;
}

/** An adapter for one validated config. */
export function selectorAdapter(config: SelectorAdapterConfig): Adapter {
  const pattern = compileMatchPattern(config.urlPattern);
  return {
    id: `selector:${config.name}`,
    matches: (_doc: Document, location: LocationLike) => pattern !== null && pattern.test(location.href.replace(/#.*$/, '')),
    read: (doc: Document) => read(config, doc),
    // Configured elements may be replaced wholesale by an SPA, so watch the body they live in.
    regions: (doc: Document) => {
      const root = doc.body ?? doc.documentElement;
      return root ? [root] : [];
    },
  };
}
