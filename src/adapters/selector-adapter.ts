// Administrator selector configurations: a URL match pattern plus CSS selectors for the note parts
// (and what is never the note), the claim-line rows and columns, payer, provider and date. This file
// holds what the content script needs without zod (40 KB budget): URL matching and a light check of
// a config. The public module is ./selector.ts (zod schema, validator with messages);
// ./page/config.ts applies a config to a page description. A test keeps isSelectorAdapterConfig()
// in step with the schema.
import type { SelectorAdapterConfig } from './selector';

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
