// WebExtension match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns),
// matched in time linear in the URL and the pattern, whatever the pattern holds. An admin's pattern
// used to become a regular expression with one `.*` per `*`; ten stars against a long URL that
// nearly matches made the engine backtrack for seconds on the EHR page. Here the URL is split by
// the URL parser, scheme, host and port are compared as values, and only the path is a glob,
// matched by globMatch below: no regular expression ever sees the URL.
//
// Semantics, as browsers give them: the scheme `*` is http or https; the host `*` is any host and
// `*.example.org` is example.org or any subdomain of it; a pattern without a port matches any port
// (as browsers do for host patterns); the path glob is matched against the path and query (the
// fragment is ignored), case-sensitively; scheme and host compare case-insensitively.

export interface MatchPattern {
  /** The pattern as written. */
  readonly source: string;
  /** Whether a URL (fragment ignored) matches; never throws. */
  matches(href: string): boolean;
}

/** scheme://host[:port]/path, or file:///path. Each part excludes the next part's separator, so this never backtracks. */
const PARTS = /^(\*|https?|wss?|file|ftp):\/\/(\*|\*\.[^/*:]+|[^/*:]*)(?::(\*|\d{1,5}))?(\/.*)$/;
const ALL_URLS_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'ws', 'wss', 'file', 'ftp']);
const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443', ws: '80', wss: '443', ftp: '21' };

/** Counts the character comparisons of a glob match, so tests can prove linear work without a clock. */
export interface StepCounter {
  steps: number;
}

/** KMP failure table of `needle`: the length of the longest proper border of each prefix. */
function borders(needle: string, counter?: StepCounter): Int32Array {
  const table = new Int32Array(needle.length);
  let k = 0;
  for (let i = 1; i < needle.length; i += 1) {
    while (k > 0 && needle.charCodeAt(i) !== needle.charCodeAt(k)) {
      k = table[k - 1] ?? 0;
      if (counter) counter.steps += 1;
    }
    if (counter) counter.steps += 1;
    if (needle.charCodeAt(i) === needle.charCodeAt(k)) k += 1;
    table[i] = k;
  }
  return table;
}

/** First index ≥ from where `needle` occurs in text[from, end), or -1 (Knuth–Morris–Pratt: linear in the span). */
function indexOfLinear(text: string, needle: string, from: number, end: number, counter?: StepCounter): number {
  if (needle.length === 0) return from;
  const table = borders(needle, counter);
  let k = 0;
  for (let i = from; i < end; i += 1) {
    while (k > 0 && text.charCodeAt(i) !== needle.charCodeAt(k)) {
      k = table[k - 1] ?? 0;
      if (counter) counter.steps += 1;
    }
    if (counter) counter.steps += 1;
    if (text.charCodeAt(i) === needle.charCodeAt(k)) k += 1;
    if (k === needle.length) return i - needle.length + 1;
  }
  return -1;
}

/**
 * Whether `text` matches `glob`, where `*` stands for any run of characters (and nothing else is
 * special). The glob is cut at its stars: the first piece must start the text, the last must end
 * it, and the pieces between are found left to right, each at its first place after the previous
 * one. Taking the first place is always right for `*`-only globs (a later place leaves less room
 * for the rest and gains nothing), so there is no backtracking: each text character is looked at
 * a bounded number of times, O(text + glob) in all.
 */
export function globMatch(glob: string, text: string, counter?: StepCounter): boolean {
  const pieces = glob.split('*');
  if (pieces.length === 1) {
    if (counter) counter.steps += Math.min(glob.length, text.length) + 1;
    return glob === text;
  }
  const first = pieces[0] ?? '';
  const last = pieces[pieces.length - 1] ?? '';
  if (counter) counter.steps += first.length + last.length + 1;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < pieces.length - 1; i += 1) {
    const piece = pieces[i] ?? '';
    const found = indexOfLinear(text, piece, at, end, counter);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

function hostMatches(patternHost: string, host: string): boolean {
  if (patternHost === '*') return true;
  if (patternHost.startsWith('*.')) {
    const base = patternHost.slice(2);
    return host === base || (host.length > base.length + 1 && host.endsWith(`.${base}`));
  }
  return host === patternHost;
}

/** Parse a match pattern; null when it is not one. */
export function parseMatchPattern(pattern: string): MatchPattern | null {
  if (pattern === '<all_urls>') {
    return { source: pattern, matches: (href) => ALL_URLS_SCHEMES.has(schemeOf(href) ?? '') };
  }
  if (pattern.length > 2048) return null;
  const parts = PARTS.exec(pattern);
  if (!parts) return null;
  const [, scheme = '', rawHost = '', port, path = '/'] = parts;
  if (scheme === 'file' ? rawHost !== '' : rawHost === '') return null;
  const host = rawHost.toLowerCase();
  return {
    source: pattern,
    matches(href: string): boolean {
      let url: URL;
      try {
        url = new URL(href);
      } catch {
        return false;
      }
      const urlScheme = url.protocol.slice(0, -1).toLowerCase();
      if (scheme === '*' ? urlScheme !== 'http' && urlScheme !== 'https' : urlScheme !== scheme) return false;
      if (scheme !== 'file' && !hostMatches(host, url.hostname.toLowerCase())) return false;
      if (port !== undefined && port !== '*' && (url.port || DEFAULT_PORTS[urlScheme]) !== port) return false;
      return globMatch(path, `${url.pathname}${url.search}`);
    },
  };
}

function schemeOf(href: string): string | null {
  try {
    return new URL(href).protocol.slice(0, -1).toLowerCase();
  } catch {
    return null;
  }
}
