// Glob patterns for `check`, matched without regular expressions so no pattern can backtrack.
//
//   *        any run of characters within one path segment (not "/")
//   ?        one character within a segment
//   [abc]    one of the listed characters; ranges [a-z]; negated [!abc] or [^abc]
//   **       as a whole segment: any number of folders, including none
//   {a,b}    alternatives (expanded before matching, nested allowed, at most MAX_ALTERNATIVES)
//   \x       the character x itself
// As in shells, a wildcard never matches a leading "." (hidden files and folders), unless the
// pattern segment itself starts with ".".
//
// A segment is matched by the classic two-pointer wildcard algorithm: on a mismatch it returns to
// the last `*` only, so the work is at most (name length × segment length), whatever the pattern,
// instead of the exponential backtracking a `*`-heavy regular expression can fall into.

/** More alternatives than this in one argument is almost surely a mistake (or an attack). */
export const MAX_ALTERNATIVES = 256;

type Token = { kind: 'char'; ch: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negated: boolean; items: (string | [string, string])[] };

export type Segment = { kind: 'literal'; text: string } | { kind: 'globstar' } | { kind: 'wild'; tokens: Token[]; dotOk: boolean };

export interface ParsedGlob {
  /** The folder to start walking from: the pattern's leading literal segments ("." when none). */
  base: string;
  /** The segments after the base, each literal, wildcard or "**". */
  segments: Segment[];
}

const MAGIC = new Set(['*', '?', '[']);

/** Whether the argument uses any glob syntax (unescaped * ? [ or a {a,b} alternative). */
export function hasGlobSyntax(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\') {
      i++;
      continue;
    }
    if (MAGIC.has(ch)) return true;
  }
  try {
    return expandBraces(pattern).length > 1;
  } catch {
    return true; // too many alternatives: a pattern all the same, refused when expanded
  }
}

/** The index of the `}` closing the `{` at `open`, and the top-level commas in between. */
function braceGroup(pattern: string, open: number): { close: number; commas: number[] } | undefined {
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
    } else if (ch === '{') {
      depth++;
    } else if (ch === '}') {
      depth--;
      if (depth === 0) return { close: i, commas };
    } else if (ch === ',' && depth === 1) {
      commas.push(i);
    }
  }
  return undefined;
}

/**
 * `a{b,c{d,e}}f` → [abf, acdf, acef]. A `{` with no closing `}` or no comma is literal. Throws a
 * RangeError past MAX_ALTERNATIVES, so `{a,b}{a,b}…` cannot grow without bound.
 */
export function expandBraces(pattern: string): string[] {
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch !== '{') continue;
    const group = braceGroup(pattern, i);
    if (!group || group.commas.length === 0) continue;
    const head = pattern.slice(0, i);
    const tail = pattern.slice(group.close + 1);
    const bounds = [i, ...group.commas, group.close];
    const out: string[] = [];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const choice = pattern.slice((bounds[k] as number) + 1, bounds[k + 1]);
      for (const expanded of expandBraces(head + choice + tail)) {
        out.push(expanded);
        if (out.length > MAX_ALTERNATIVES) throw new RangeError(`more than ${MAX_ALTERNATIVES} alternatives`);
      }
    }
    return out;
  }
  return [pattern];
}

function parseClass(segment: string, open: number): { token: Token; end: number } | undefined {
  let i = open + 1;
  let negated = false;
  if (segment[i] === '!' || segment[i] === '^') {
    negated = true;
    i++;
  }
  const items: (string | [string, string])[] = [];
  let first = true;
  for (; i < segment.length; i++) {
    let ch = segment[i] as string;
    if (ch === ']' && !first) return { token: { kind: 'class', negated, items }, end: i };
    first = false;
    if (ch === '\\' && i + 1 < segment.length) ch = segment[++i] as string;
    if (segment[i + 1] === '-' && i + 2 < segment.length && segment[i + 2] !== ']') {
      let to = segment[i + 2] as string;
      i += 2;
      if (to === '\\' && i + 1 < segment.length) to = segment[++i] as string;
      items.push([ch, to]);
    } else {
      items.push(ch);
    }
  }
  return undefined; // no closing "]": the "[" is literal
}

function tokenize(segment: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] as string;
    if (ch === '\\' && i + 1 < segment.length) {
      tokens.push({ kind: 'char', ch: segment[++i] as string });
    } else if (ch === '*') {
      // Consecutive stars are one star: "a**b" inside a segment is "a*b".
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (ch === '?') {
      tokens.push({ kind: 'any' });
    } else if (ch === '[') {
      const parsed = parseClass(segment, i);
      if (parsed) {
        tokens.push(parsed.token);
        i = parsed.end;
      } else {
        tokens.push({ kind: 'char', ch });
      }
    } else {
      tokens.push({ kind: 'char', ch });
    }
  }
  return tokens;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

function isMagicSegment(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    if (segment[i] === '\\') {
      i++;
      continue;
    }
    if (MAGIC.has(segment[i] as string)) return true;
  }
  return false;
}

/** One brace-free pattern → its literal base folder and the segments to match below it. */
export function parseGlob(pattern: string): ParsedGlob {
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((part, index) => part !== '' || index === 0);
  if (absolute) parts.shift();
  const base: string[] = [];
  let i = 0;
  for (; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    if (part === '**' || isMagicSegment(part)) break;
    base.push(unescape(part));
  }
  const segments: Segment[] = parts.slice(i).map((part) => {
    if (part === '**') return { kind: 'globstar' };
    if (!isMagicSegment(part)) return { kind: 'literal', text: unescape(part) };
    return { kind: 'wild', tokens: tokenize(part), dotOk: part.startsWith('.') };
  });
  const joined = base.join('/');
  return { base: absolute ? `/${joined}` : joined === '' ? '.' : joined, segments };
}

function tokenMatches(token: Token, ch: string): boolean {
  switch (token.kind) {
    case 'char':
      return token.ch === ch;
    case 'any':
      return true;
    case 'class': {
      let hit = false;
      for (const item of token.items) {
        if (typeof item === 'string' ? item === ch : item[0] <= ch && ch <= item[1]) {
          hit = true;
          break;
        }
      }
      return hit !== token.negated;
    }
    case 'star':
      return false;
  }
}

/** Whether one file or folder name matches one pattern segment (never a "**" segment). */
export function matchSegment(segment: Segment, name: string): boolean {
  if (segment.kind === 'literal') return segment.text === name;
  if (segment.kind === 'globstar') return !name.startsWith('.');
  if (name.startsWith('.') && !segment.dotOk) return false;
  const tokens = segment.tokens;
  let t = 0;
  let n = 0;
  let starToken = -1;
  let starName = 0;
  while (n < name.length) {
    const token = tokens[t];
    if (token?.kind === 'star') {
      starToken = t++;
      starName = n;
    } else if (token !== undefined && tokenMatches(token, name[n] as string)) {
      t++;
      n++;
    } else if (starToken >= 0) {
      // Let the last star swallow one more character and retry from just after it.
      t = starToken + 1;
      n = ++starName;
    } else {
      return false;
    }
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

/**
 * The pattern positions reached after `name` is consumed from the positions in `states`
 * (an NFA over segments: "**" may match no folder, or this one and stay). `done` is set when the
 * whole pattern has matched `name`.
 */
export function advance(segments: readonly Segment[], states: ReadonlySet<number>, name: string): { next: Set<number>; done: boolean } {
  const next = new Set<number>();
  for (const state of closure(segments, states)) {
    const segment = segments[state];
    if (segment === undefined) continue;
    if (segment.kind === 'globstar') {
      if (matchSegment(segment, name)) next.add(state);
    } else if (matchSegment(segment, name)) {
      next.add(state + 1);
    }
  }
  const done = closure(segments, next).has(segments.length);
  return { next, done };
}

/** States plus every state reachable by letting "**" match no folder. */
export function closure(segments: readonly Segment[], states: ReadonlySet<number>): Set<number> {
  const out = new Set(states);
  for (const state of states) {
    let s = state;
    while (segments[s]?.kind === 'globstar') out.add(++s);
  }
  return out;
}

/** Whether a relative path ("a/b/c.json") matches the segments (for tests and single checks). */
export function matchPath(segments: readonly Segment[], path: string): boolean {
  let states: Set<number> = new Set([0]);
  let done = false;
  for (const name of path.split('/')) {
    ({ next: states, done } = advance(segments, states, name));
  }
  return done;
}
