// Vocabulary as data: phrase lists a compliance lead edits (src/engine/data/lexicons/*.json),
// compiled once into one automaton for every lexicon: a trie over phrase tokens whose steps are
// words, prefixes ("relax*", themselves a character trie), any one word and bounded gaps. Matching
// walks it once from each token, so a note is read in one pass whatever the number of lists.
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

export interface RawMatch {
  lexicon: string;
  entry: string;
  firstToken: number;
  /** Exclusive. */
  endToken: number;
}

/** A state of the automaton: the phrase tokens read so far, shared by every phrase that starts so. */
interface State {
  /** Phrases (indices into CompiledLexicons.phrases) that end here. */
  accepts: number[];
  /** The steps out (absent on the many states that end phrases and lead nowhere). */
  words?: Map<string, State>;
  /** Prefix steps ("relax*"): a character trie whose nodes lead to the state after the prefix. */
  prefixes?: PrefixNode;
  any?: State;
  gaps?: { max: number; next: State }[];
}

interface PrefixNode {
  /** Children by character code, side by side (a node has a few at most). */
  chars: number[];
  children: PrefixNode[];
  /** For ASCII characters, the child's index + 1 (0: none): most tokens are turned away in one load. */
  ascii: Uint8Array;
  /** The state after a prefix that ends at this character. */
  state?: State;
}

const newPrefixNode = (): PrefixNode => ({ chars: [], children: [], ascii: new Uint8Array(128) });
const prefixChild = (node: PrefixNode, c: number): PrefixNode | undefined => {
  if (c < 128) {
    const k = node.ascii[c]!;
    return k === 0 ? undefined : node.children[k - 1];
  }
  const k = node.chars.indexOf(c);
  return k < 0 ? undefined : node.children[k];
};

interface Phrase {
  lexicon: number;
  entry: string;
  /** Exceptions suppress overlapping entry matches instead of producing mentions. */
  exception?: { entries?: string[] };
  /**
   * Among phrases of one lexicon that match from the same token with the same length, the lowest rank
   * wins: phrases starting with a whole word before those starting with a prefix, then in data order.
   */
  rank: number;
}

export interface CompiledLexicons {
  ids: string[];
  root: State;
  phrases: Phrase[];
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

const newState = (): State => ({ accepts: [] });
const NO_GAPS: readonly { max: number; next: State }[] = [];

/** The state one phrase token leads to from `state`, created when no phrase took that step before. */
function step(state: State, token: PhraseToken): State {
  switch (token.kind) {
    case 'word': {
      const words = (state.words ??= new Map());
      let next = words.get(token.text);
      if (!next) words.set(token.text, (next = newState()));
      return next;
    }
    case 'prefix': {
      let node: PrefixNode = (state.prefixes ??= newPrefixNode());
      for (let k = 0; k < token.text.length; k++) {
        const c = token.text.charCodeAt(k);
        let child = prefixChild(node, c);
        if (!child) {
          child = newPrefixNode();
          node.chars.push(c);
          node.children.push(child);
          if (c < 128) node.ascii[c] = node.children.length;
        }
        node = child;
      }
      return (node.state ??= newState());
    }
    case 'any':
      return (state.any ??= newState());
    case 'gap': {
      const gaps = (state.gaps ??= []);
      let gap = gaps.find((g) => g.max === token.max);
      if (!gap) gaps.push((gap = { max: token.max, next: newState() }));
      return gap.next;
    }
  }
}

/** Ranks of phrases that start with a prefix come after every phrase that starts with a whole word. */
const PREFIX_RANK = 2 ** 30;

export function compileLexicons(lexicons: readonly LexiconData[]): CompiledLexicons {
  const root = newState();
  const phrases: Phrase[] = [];
  const add = (text: string, lexicon: number, entry: string, exception?: { entries?: string[] }) => {
    const tokens = compilePhrase(text);
    let state = root;
    for (let k = 0; k < tokens.length; k++) state = step(state, tokens[k]!);
    state.accepts.push(phrases.length);
    const rank = (tokens[0]!.kind === 'prefix' ? PREFIX_RANK : 0) + phrases.length;
    phrases.push(exception ? { lexicon, entry, exception, rank } : { lexicon, entry, rank });
  };
  lexicons.forEach((lexicon, index) => {
    for (const entry of lexicon.entries) for (const phrase of entry.phrases) add(phrase, index, entry.id);
    for (const exception of lexicon.exceptions ?? []) {
      for (const phrase of exception.phrases) add(phrase, index, '', { entries: exception.entries });
    }
  });
  return { ids: lexicons.map((l) => l.id), root, phrases };
}

/**
 * All mentions of every lexicon: leftmost-longest per lexicon, with exception phrases removing
 * the entry matches they overlap. Linear in the number of tokens (phrase lengths and gaps are bounded).
 */
export function matchLexicons(tokens: Tokens, compiled: CompiledLexicons): Map<string, RawMatch[]> {
  const { phrases, ids } = compiled;
  const count = tokens.count;
  const { norms, joinable } = tokens;
  const found: RawMatch[][] = ids.map(() => []);
  /** Exception spans per lexicon: [first, end) token ranges and the entries they excuse. */
  const excused: { first: number; end: number; entries?: string[] }[][] = ids.map(() => []);
  // The longest match of each lexicon from the current token (and its phrase), reset per token.
  const bestEnd = new Int32Array(ids.length).fill(-1);
  const bestPhrase = new Int32Array(ids.length);
  const touched = new Int32Array(ids.length);
  let touchedCount = 0;
  let from = 0;

  const accept = (state: State, end: number) => {
    const accepts = state.accepts;
    for (let k = 0; k < accepts.length; k++) {
      const p = accepts[k]!;
      const phrase = phrases[p]!;
      if (phrase.exception) {
        excused[phrase.lexicon]!.push({ first: from, end, entries: phrase.exception.entries });
        continue;
      }
      const l = phrase.lexicon;
      if (bestEnd[l]! < 0) touched[touchedCount++] = l;
      if (end > bestEnd[l]! || (end === bestEnd[l] && phrase.rank < phrases[bestPhrase[l]!]!.rank)) {
        bestEnd[l] = end;
        bestPhrase[l] = p;
      }
    }
  };
  /** Every step out of `state` with token `i` next; every token after the first is joined to the one before. */
  const walk = (state: State, i: number): void => {
    if (state.accepts.length > 0) accept(state, i);
    if (i >= count || !joinable[i - 1]) return;
    steps(state, i);
  };
  const steps = (state: State, i: number): void => {
    const norm = norms[i]!;
    const next = state.words?.get(norm);
    if (next) walk(next, i + 1);
    if (state.prefixes) {
      let node: PrefixNode | undefined = state.prefixes;
      for (let k = 0; k < norm.length; k++) {
        node = prefixChild(node, norm.charCodeAt(k));
        if (!node) break;
        if (node.state) walk(node.state, i + 1);
      }
    }
    if (state.any) walk(state.any, i + 1);
    const gaps = state.gaps ?? NO_GAPS;
    for (let g = 0; g < gaps.length; g++) {
      const gap = gaps[g]!;
      // Zero to max words, each still joined to the next.
      walk(gap.next, i);
      let j = i;
      for (let n = 0; n < gap.max && j < count; n++) {
        if (!joinable[j]) break;
        j++;
        walk(gap.next, j);
      }
    }
  };

  // Out of the root, only words and prefixes lead anywhere (a phrase starts with a word), and where
  // they lead depends on the word alone: worked out once per distinct word, since most words repeat.
  const root = compiled.root;
  const rootByWord = !root.any && !root.gaps;
  const rootSteps = new Array<readonly State[] | undefined>(tokens.idCount);
  const wordIds = tokens.ids;

  for (from = 0; from < count; from++) {
    if (!rootByWord) {
      steps(root, from);
    } else {
      const id = wordIds[from]!;
      let targets = id >= 0 ? rootSteps[id] : undefined;
      if (!targets) {
        targets = wordSteps(root, norms[from]!);
        if (id >= 0) rootSteps[id] = targets;
      }
      for (let k = 0; k < targets.length; k++) walk(targets[k]!, from + 1);
    }
    for (let k = 0; k < touchedCount; k++) {
      const l = touched[k]!;
      const list = found[l]!;
      const last = list[list.length - 1];
      // Overlapping the lexicon's previous match: the earlier one wins (leftmost-longest).
      if (!last || last.endToken <= from) list.push({ lexicon: ids[l]!, entry: phrases[bestPhrase[l]!]!.entry, firstToken: from, endToken: bestEnd[l]! });
      bestEnd[l] = -1;
    }
    touchedCount = 0;
  }

  const out = new Map<string, RawMatch[]>();
  ids.forEach((id, l) => out.set(id, excuse(found[l]!, excused[l]!)));
  return out;
}

const NO_STATES: readonly State[] = [];

/** The states a word leads to from `state` by its word and prefix steps, in the order matching tries them. */
function wordSteps(state: State, norm: string): readonly State[] {
  let out: State[] | undefined;
  const next = state.words?.get(norm);
  if (next) out = [next];
  if (state.prefixes) {
    let node: PrefixNode | undefined = state.prefixes;
    for (let k = 0; k < norm.length; k++) {
      node = prefixChild(node, norm.charCodeAt(k));
      if (!node) break;
      if (node.state) (out ??= []).push(node.state);
    }
  }
  return out ?? NO_STATES;
}

/** Drop the matches an exception span overlaps (of every entry, or of the entries it names). */
function excuse(matches: RawMatch[], spans: { first: number; end: number; entries?: string[] }[]): RawMatch[] {
  if (spans.length === 0 || matches.length === 0) return matches;
  // The spans of each entry (and '*' for every entry) merged into sorted, disjoint ranges.
  const covered = new Map<string, number[]>();
  for (const span of spans) {
    for (const key of span.entries ?? ['*']) {
      let ranges = covered.get(key);
      if (!ranges) covered.set(key, (ranges = []));
      ranges.push(span.first, span.end);
    }
  }
  for (const [key, ranges] of covered) covered.set(key, mergeRanges(ranges));
  const overlaps = (ranges: number[] | undefined, first: number, end: number): boolean => {
    if (!ranges) return false;
    // The first range ending after `first`: it overlaps when it starts before `end`.
    let lo = 0;
    let hi = ranges.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ranges[mid * 2 + 1]! <= first) lo = mid + 1;
      else hi = mid;
    }
    return lo < ranges.length / 2 && ranges[lo * 2]! < end;
  };
  return matches.filter((m) => !overlaps(covered.get('*'), m.firstToken, m.endToken) && !overlaps(covered.get(m.entry), m.firstToken, m.endToken));
}

/** Flat [first, end, first, end, …] ranges, sorted and merged where they overlap or touch. */
function mergeRanges(flat: number[]): number[] {
  const pairs: [number, number][] = [];
  for (let k = 0; k < flat.length; k += 2) if (flat[k + 1]! > flat[k]!) pairs.push([flat[k]!, flat[k + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [first, end] of pairs) {
    if (out.length > 0 && first <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, end);
    else out.push(first, end);
  }
  return out;
}
