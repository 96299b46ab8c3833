// The selector adapter: an administrator fits the extension to a new EHR without a release, with
// a URL match pattern plus CSS selectors for the note parts and claim columns. This module is its
// public face: the config's zod schema and the validator the options page and the managed-policy
// reader use (every problem as "field: message"). The adapter itself lives in
// ./selector-adapter.ts, free of zod, because the content script bundles it (40 KB budget).
import * as z from '../engine/zod';
import { MAX_PARTS } from '../shared/limits';
import { configProblems, NAME } from './selector-adapter';

export {
  compileMatchPattern,
  isSelectorAdapterConfig,
  parseSelectorConfig,
  selectorAdapter,
  urlMatches,
} from './selector-adapter';

const selector = z.string().check(z.minLength(1), z.maxLength(500));

export const SelectorAdapterConfigSchema = z.strictObject({
  /** Shown to admins; the adapter id is "selector:<name>". */
  name: z.string().check(z.minLength(1), z.maxLength(80), z.regex(NAME)),
  /** A WebExtension match pattern, e.g. "https://ehr.example.com/*". */
  urlPattern: z.string().check(z.minLength(1), z.maxLength(500)),
  noteSelectors: z
    .array(z.strictObject({ selector, label: z.optional(z.string().check(z.maxLength(200))) }))
    .check(z.maxLength(MAX_PARTS)),
  claimRowSelector: selector,
  /** Selectors relative to a row; a control's value is read, else the element's text. */
  columns: z.strictObject({
    code: selector,
    modifiers: z.optional(selector),
    units: z.optional(selector),
    minutes: z.optional(selector),
    dx: z.optional(selector),
  }),
  payerSelector: z.optional(selector),
  providerSelector: z.optional(selector),
  dateSelector: z.optional(selector),
});

export type SelectorAdapterConfig = z.infer<typeof SelectorAdapterConfigSchema>;

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

function defaultDocument(): Document | null {
  return typeof document === 'undefined' ? null : document;
}

/**
 * Validate an admin's selector-adapter config (an object, or JSON text). Also checks that every
 * CSS selector compiles, when a document is at hand (`doc` null in a service worker: selectors are
 * then checked where they are used), and that the URL pattern is a valid match pattern. Never throws.
 */
export function validateSelectorConfig(json: unknown, doc: Document | null = defaultDocument()): SelectorConfigResult {
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
  const errors = configProblems(parsed.data, doc);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config: parsed.data };
}
