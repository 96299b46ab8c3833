// Vocabulary as data: phrase lists a compliance lead edits (src/engine/data/lexicons/*.json),
// compiled once and matched over the token stream in one pass for all lexicons together.
//
// Phrase syntax (deliberately tiny, so matching stays linear and needs no regex knowledge):
//   words separated by spaces or hyphens   "stress relief", "well-being"
//   word*   any word starting with "word"  "relax*"
//   _       exactly one word of any kind   "relaxation _ preparation"
//   ...     up to three words of any kind  "relaxation ... in preparation for"
//   ~N      up to N words (N ≤ 8)          "relax* ~6 in preparation for"
import * as z from '../zod';
import type { Tokens } from './tokens';

export const LexiconEntrySchema = z.object({
  id: z.string(),
  phrases: z.array(z.string()).check(z.minLength(1)),
  /** Where the wording comes from (payer policy, CMS manual, coding reference). */
  source: z.string().check(z.url()),
  note: z.optional(z.string()),
});

export const LexiconExceptionSchema = z.object({
  phrases: z.array(z.string()).check(z.minLength(1)),
  /** Only these entries are excused (default: every entry of the lexicon). */
  entries: z.optional(z.array(z.string())),
  source: z.optional(z.string().check(z.url())),
  note: z.string(),
});

export const LexiconSchema = z.object({
  id: z.string(),
  description: z.string(),
  entries: z.array(LexiconEntrySchema),
  exceptions: z.optional(z.array(LexiconExceptionSchema)),
});

export type LexiconData = z.infer<typeof LexiconSchema>;

type PhraseToken = { kind: 'word'; text: string } | { kind: 'prefix'; text: string } | { kind: 'any' } | { kind: 'gap'; max: number };

interface CompiledPhrase {
  hasGap: boolean;
  lexicon: string;
  entry: string;
  /** Exceptions suppress overlapping entry matches instead of producing mentions. */
  exception?: { entries?: string[] };
  tokens: PhraseToken[];
}

export interface RawMatch {
  lexicon: string;
  entry: string;
  firstToken: number;
  /** Exclusive. */
  endToken: number;
}

export interface CompiledLexicons {
  ids: string[];
  byFirstWord: Map<string, CompiledPhrase[]>;
  /** Phrases whose first token is a prefix ("relax*"), by the prefix's first character. */
  byFirstPrefix: Map<string, CompiledPhrase[]>;
}

const WORD = /~[1-8]\b|[\p{L}\p{N}]+\*?|\.\.\.|_/gu;
const GAP_MAX = 3;

export function compilePhrase(phrase: string): PhraseToken[] {
  const out: PhraseToken[] = [];
  for (const piece of phrase.toLowerCase().match(WORD) ?? []) {
    if (piece === '_') out.push({ kind: 'any' });
    else if (piece === '...') out.push({ kind: 'gap', max: GAP_MAX });
    else if (piece.startsWith('~')) out.push({ kind: 'gap', max: Number(piece.slice(1)) });
    else if (piece.endsWith('*')) out.push({ kind: 'prefix', text: piece.slice(0, -1) });
    else out.push({ kind: 'word', text: piece });
  }
  const first = out[0];
  if (!first || (first.kind !== 'word' && first.kind !== 'prefix')) {
    throw new Error(`phrase "${phrase}" must start with a word`);
  }
  return out;
}

function withGapFlag(p: Omit<CompiledPhrase, 'hasGap'>): CompiledPhrase {
  return { ...p, hasGap: p.tokens.some((t) => t.kind === 'gap') };
}

export function compileLexicons(lexicons: readonly LexiconData[]): CompiledLexicons {
  const byFirstWord = new Map<string, CompiledPhrase[]>();
  const byFirstPrefix = new Map<string, CompiledPhrase[]>();
  const add = (compiled: CompiledPhrase) => {
    const first = compiled.tokens[0]!;
    if (first.kind === 'word') {
      const list = byFirstWord.get(first.text);
      if (list) list.push(compiled);
      else byFirstWord.set(first.text, [compiled]);
    } else {
      const key = (first as { text: string }).text.charAt(0);
      const list = byFirstPrefix.get(key);
      if (list) list.push(compiled);
      else byFirstPrefix.set(key, [compiled]);
    }
  };
  for (const lexicon of lexicons) {
    for (const entry of lexicon.entries) {
      for (const phrase of entry.phrases) add(withGapFlag({ lexicon: lexicon.id, entry: entry.id, tokens: compilePhrase(phrase) }));
    }
    for (const exception of lexicon.exceptions ?? []) {
      for (const phrase of exception.phrases) {
        add(withGapFlag({ lexicon: lexicon.id, entry: '', exception: { entries: exception.entries }, tokens: compilePhrase(phrase) }));
      }
    }
  }
  return { ids: lexicons.map((l) => l.id), byFirstWord, byFirstPrefix };
}

function tokenMatches(t: PhraseToken, norm: string): boolean {
  switch (t.kind) {
    case 'word':
      return norm === t.text;
    case 'prefix':
      return norm.startsWith(t.text);
    default:
      return true;
  }
}

/** End token (exclusive) of the longest match of `phrase` starting at token `at`, or -1. */
function matchAt(tokens: Tokens, phrase: PhraseToken[], at: number, hasGap: boolean): number {
  // Fast path: most phrases have no gap, so a plain loop decides (no recursion, no closure).
  if (!hasGap) {
    let i = at;
    for (let p = 0; p < phrase.length; p++, i++) {
      if (i >= tokens.count || (p > 0 && !tokens.joinable[i - 1]) || !tokenMatches(phrase[p]!, tokens.norms[i]!)) return -1;
    }
    return i;
  }
  let best = -1;
  // Depth-first over the (bounded) gap choices; every step advances a token, so this is O(len·GAP_MAX).
  const walk = (p: number, i: number): void => {
    if (p === phrase.length) {
      if (i > best) best = i;
      return;
    }
    if (i >= tokens.count) return;
    // Every token after the first must be joined to the previous one in the text.
    if (p > 0 && !tokens.joinable[i - 1]) return;
    const t = phrase[p]!;
    if (t.kind === 'gap') {
      // Zero to max words, each still joined to the next.
      walk(p + 1, i);
      let j = i;
      for (let n = 0; n < t.max && j < tokens.count; n++) {
        if (!tokens.joinable[j]) break;
        j++;
        walk(p + 1, j);
      }
      return;
    }
    if (tokenMatches(t, tokens.norms[i]!)) walk(p + 1, i + 1);
  };
  walk(0, at);
  return best;
}

/**
 * All mentions of every lexicon: leftmost-longest per lexicon, with exception phrases removing
 * the entry matches they overlap. Linear in the number of tokens (phrase lengths are bounded).
 */
export function matchLexicons(tokens: Tokens, compiled: CompiledLexicons): Map<string, RawMatch[]> {
  const found = new Map<string, RawMatch[]>();
  const excused = new Map<string, { first: number; end: number; entries?: string[] }[]>();
  for (const id of compiled.ids) {
    found.set(id, []);
    excused.set(id, []);
  }
  const consider = (phrase: CompiledPhrase, i: number): void => {
    const end = matchAt(tokens, phrase.tokens, i, phrase.hasGap);
    if (end < 0) return;
    if (phrase.exception) {
      excused.get(phrase.lexicon)!.push({ first: i, end, entries: phrase.exception.entries });
      return;
    }
    const list = found.get(phrase.lexicon)!;
    const last = list[list.length - 1];
    // Same start: keep the longer; overlapping a previous match: keep the earlier (leftmost wins).
    if (last && last.firstToken === i) {
      if (end > last.endToken) {
        last.endToken = end;
        last.entry = phrase.entry;
      }
      return;
    }
    if (last && last.endToken > i) return;
    list.push({ lexicon: phrase.lexicon, entry: phrase.entry, firstToken: i, endToken: end });
  };
  for (let i = 0; i < tokens.count; i++) {
    const norm = tokens.norms[i]!;
    const exact = compiled.byFirstWord.get(norm);
    if (exact) for (const phrase of exact) consider(phrase, i);
    const prefixed = compiled.byFirstPrefix.get(norm.charAt(0));
    if (prefixed) {
      for (const phrase of prefixed) {
        if (norm.startsWith((phrase.tokens[0] as { text: string }).text)) consider(phrase, i);
      }
    }
  }
  // Token marks instead of pairwise overlap tests, so hostile text full of exceptions stays linear.
  for (const [id, list] of found) {
    const spans = excused.get(id)!;
    if (spans.length === 0 || list.length === 0) continue;
    const marks = new Map<string, Uint8Array>();
    const markFor = (key: string) => {
      let m = marks.get(key);
      if (!m) marks.set(key, (m = new Uint8Array(tokens.count)));
      return m;
    };
    for (const span of spans) {
      for (const key of span.entries ?? ['*']) markFor(key).fill(1, span.first, span.end);
    }
    const anyMarked = (m: Uint8Array | undefined, from: number, to: number) => {
      if (!m) return false;
      for (let t = from; t < to; t++) if (m[t]) return true;
      return false;
    };
    found.set(
      id,
      list.filter((m) => !anyMarked(marks.get('*'), m.firstToken, m.endToken) && !anyMarked(marks.get(m.entry), m.firstToken, m.endToken)),
    );
  }
  return found;
}
