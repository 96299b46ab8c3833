// Administrator selector configurations: a URL match pattern plus CSS selectors for the note parts
// (and what is never the note), the claim-line rows and columns, payer, provider and date. This file
// holds what the content script needs without zod (40 KB budget): the config's type, URL matching
// (./match-pattern.ts, linear) and a light check of a config. The public module is ./selector.ts (zod schema, validator with messages);
// ./page/config.ts applies a config to a page description. A test keeps isSelectorAdapterConfig()
// in step with the schema.
import { parseMatchPattern, type MatchPattern } from './match-pattern';

/**
 * An administrator's selector configuration, as ./selector.ts's zod schema accepts it (a
 * compile-time check there keeps the two equal). Declared here, without zod, so the content script
 * can use it and every import arrow points from ./selector.ts to this file, never back.
 */
export interface SelectorAdapterConfig {
  /** Shown to admins; the adapter id is "selector:<name>". */
  name: string;
  /** A WebExtension match pattern, e.g. "https://ehr.example.com/*". */
  urlPattern: string;
  noteSelectors: Array<{ selector: string; label?: string | undefined }>;
  /** Elements that are never the note (a widget the reader mistook for it): "this is not the note". */
  notNoteSelectors?: string[] | undefined;
  /** Optional: a config may only fix the note; claim lines are then read as on any page. */
  claimRowSelector?: string | undefined;
  /** Selectors relative to a row; a control's value is read, else the element's text. */
  columns?:
    | {
        code: string;
        modifiers?: string | undefined;
        units?: string | undefined;
        minutes?: string | undefined;
        dx?: string | undefined;
      }
    | undefined;
  payerSelector?: string | undefined;
  providerSelector?: string | undefined;
  dateSelector?: string | undefined;
}

/** A config's URL pattern, parsed; null when it is not a valid match pattern (./match-pattern.ts). */
export function compileMatchPattern(pattern: string): MatchPattern | null {
  return parseMatchPattern(pattern);
}

/** Whether a URL (fragment ignored) matches the pattern; linear in both, never throws. */
export function urlMatches(pattern: string, href: string): boolean {
  return parseMatchPattern(pattern)?.matches(href) ?? false;
}

/** The configs whose URL pattern matches an address (the worker answers a frame with these; src/background/reading.ts). */
export function matchingConfigs<C extends { urlPattern: string }>(configs: readonly C[], href: string): C[] {
  return configs.filter((c) => urlMatches(c.urlPattern, href));
}

/** Allowed characters of a config name (it becomes part of the adapter id). */
export const NAME = /^[A-Za-z0-9 ._-]*$/;

/**
 * The config when the content script can apply it, else null: an object with a name, a valid URL
 * pattern and a list of note selectors. The worker, the options page and the managed-policy reader
 * validate configs in full (./selector.ts); here every use is guarded instead (a selector that does
 * not compile matches nothing, ./page/config.ts), so this never throws and costs little (40 KB budget).
 */
export function parseSelectorConfig(value: unknown): SelectorAdapterConfig | null {
  if (typeof value !== 'object' || value === null) return null;
  const c = value as Record<string, unknown>;
  return typeof c.name === 'string' && typeof c.urlPattern === 'string' && Array.isArray(c.noteSelectors) && compileMatchPattern(c.urlPattern) !== null
    ? (value as SelectorAdapterConfig)
    : null;
}
