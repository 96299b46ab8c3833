// The selector adapter: an administrator fits the extension to a new EHR without a release, with
// a URL match pattern plus CSS selectors for the note parts and claim columns. This module is its
// public face: the config's zod schema and the validator the options page and the managed-policy
// reader use (every problem as "field: message"). The adapter itself lives in
// ./selector-adapter.ts, free of zod, because the content script bundles it (40 KB budget).
//
// CSS selectors are checked by whoever validates, with what it has (a SelectorCheck): the options
// page with the browser's own parser (domSelectorCheck: it knows which pseudo-classes this browser
// supports, which no grammar can); the worker, which resolves the managed policy and has no
// document, with a grammar parser that needs no DOM (./selector-grammar.ts), so a policy's broken
// selector is rejected with a message instead of silently matching nothing. The content script
// guards every use as well (./page/config.ts).
import * as z from '../engine/zod';
import { MAX_PARTS } from '../shared/limits';
import { compileMatchPattern, NAME, type SelectorAdapterConfig } from './selector-adapter';

export { compileMatchPattern, parseSelectorConfig, urlMatches, type SelectorAdapterConfig } from './selector-adapter';

const selector = z.string().check(z.minLength(1), z.maxLength(500));

export const SelectorAdapterConfigSchema = z.strictObject({
  /** Shown to admins; the adapter id is "selector:<name>". */
  name: z.string().check(z.minLength(1), z.maxLength(80), z.regex(NAME)),
  /** A WebExtension match pattern, e.g. "https://ehr.example.com/*". */
  urlPattern: z.string().check(z.minLength(1), z.maxLength(500)),
  noteSelectors: z
    .array(z.strictObject({ selector, label: z.optional(z.string().check(z.maxLength(200))) }))
    .check(z.maxLength(MAX_PARTS)),
  /** Elements that are never the note (a widget the reader mistook for it): "this is not the note". */
  notNoteSelectors: z.optional(z.array(selector).check(z.maxLength(MAX_PARTS))),
  /** Optional: a config may only fix the note; claim lines are then read as on any page. */
  claimRowSelector: z.optional(selector),
  /** Selectors relative to a row; a control's value is read, else the element's text. */
  columns: z.optional(
    z.strictObject({
      code: selector,
      modifiers: z.optional(selector),
      units: z.optional(selector),
      minutes: z.optional(selector),
      dx: z.optional(selector),
    }),
  ),
  payerSelector: z.optional(selector),
  providerSelector: z.optional(selector),
  dateSelector: z.optional(selector),
});

// The zod-free type in ./selector-adapter.ts and this schema describe the same object: tsc fails here if they drift.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesType: Same<z.infer<typeof SelectorAdapterConfigSchema>, SelectorAdapterConfig> = true;
void schemaMatchesType;

export type SelectorConfigResult = { ok: true; config: SelectorAdapterConfig } | { ok: false; errors: string[] };

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : 'config';
  switch (issue.code) {
    case 'invalid_type':
      return `${path}: expected ${issue.expected}`;
    case 'too_small':
      return `${path}: must not be empty`;
    case 'too_big':
      return `${path}: too long (at most ${String(issue.maximum)})`;
    case 'invalid_format':
      return `${path}: may only contain letters, digits, spaces, ".", "_" and "-"`;
    case 'unrecognized_keys':
      return `${path}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return `${path}: invalid value`;
  }
}

/** Why a CSS selector cannot be used (a short phrase), or null when it can. */
export type SelectorCheck = (selector: string) => string | null;

/** The browser's own parser, through a detached fragment (nothing is queried in a page). */
export function domSelectorCheck(doc: Document): SelectorCheck {
  const fragment = doc.createDocumentFragment();
  return (selector) => {
    try {
      fragment.querySelector(selector);
      return null;
    } catch {
      return 'this browser cannot parse it';
    }
  };
}

/** Every selector field of a config, with its path for messages. */
function selectorFields(config: SelectorAdapterConfig): [string, string][] {
  const fields: [string, string][] = config.noteSelectors.map((s, i) => [`noteSelectors[${i}].selector`, s.selector]);
  (config.notNoteSelectors ?? []).forEach((selector, i) => fields.push([`notNoteSelectors[${i}]`, selector]));
  if (config.claimRowSelector) fields.push(['claimRowSelector', config.claimRowSelector]);
  for (const [key, value] of Object.entries(config.columns ?? {})) if (value !== undefined) fields.push([`columns.${key}`, value]);
  if (config.payerSelector) fields.push(['payerSelector', config.payerSelector]);
  if (config.providerSelector) fields.push(['providerSelector', config.providerSelector]);
  if (config.dateSelector) fields.push(['dateSelector', config.dateSelector]);
  return fields;
}

/** What is wrong beyond the structure: the URL pattern, row/column pairing, selectors that do not compile. */
export function configProblems(config: SelectorAdapterConfig, check: SelectorCheck | null): string[] {
  const errors: string[] = [];
  if ((config.claimRowSelector === undefined) !== (config.columns === undefined)) {
    errors.push('claimRowSelector and columns: give both (rows and their code column) or neither');
  }
  if (!compileMatchPattern(config.urlPattern)) {
    errors.push(`urlPattern: "${config.urlPattern}" is not a valid match pattern (expected e.g. "https://ehr.example.com/*")`);
  }
  if (check) {
    for (const [path, value] of selectorFields(config)) {
      const problem = check(value);
      if (problem !== null) errors.push(`${path}: "${value}" is not a valid CSS selector (${problem})`);
    }
  }
  return errors;
}

/** The page's own document when there is one (options page, tests in jsdom); none in the worker. */
function defaultCheck(): SelectorCheck | null {
  return typeof document === 'undefined' ? null : domSelectorCheck(document);
}

/**
 * Validate an admin's selector-adapter config (an object, or JSON text): its structure, that the
 * URL pattern is a valid match pattern, and every CSS selector with `check` (by default the
 * browser's parser when a document is at hand; null skips it). Never throws.
 */
export function validateSelectorConfig(json: unknown, check: SelectorCheck | null = defaultCheck()): SelectorConfigResult {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json) as unknown;
    } catch (error) {
      return { ok: false, errors: [`config: not valid JSON (${error instanceof Error ? error.message : 'parse error'})`] };
    }
  }
  const parsed = SelectorAdapterConfigSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map(describeIssue) };
  const errors = configProblems(parsed.data, check);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config: parsed.data };
}
