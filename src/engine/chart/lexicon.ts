// Vocabulary as data: phrase lists a compliance lead edits (src/engine/data/lexicons/*.json),
// compiled once into one automaton for every lexicon: a trie over phrase tokens whose steps are
// words, prefixes ("relax*", themselves a character trie), any one word and bounded gaps. Matching
// walks it once from each token, so a note is read in one pass whatever the number of lists.
// The automaton is kept as flat typed-array columns (states and prefix nodes are numbers), so
// matching allocates nothing per step and the build can ship it ready-made (packLexicons).
//
// Phrase syntax (deliberately tiny, so matching stays linear and needs no regex knowledge):
//   words separated by spaces or hyphens   "stress relief", "well-being"
//   word*   any word starting with "word"  "relax*"
//   _       exactly one word of any kind   "relaxation _ preparation"
//   ...     up to three words of any kind  "relaxation ... in preparation for"
//   ~N      up to N words (N ≤ 8)          "relax* ~6 in preparation for"
import * as z from '../zod';
import type { Tokens } from './tokens';

// The schema of a lexicon file, built on first use: only the data tests validate lexicon files (the
// engine compiles them, and the node bundles ship them compiled).
function lexiconSchemas() {
  const LexiconEntrySchema = z.object({
    id: z.string(),
    phrases: z.array(z.string()).check(z.minLength(1)),
    /** Where the wording comes from (payer policy, CMS manual, coding reference). */
    source: z.string().check(z.url()),
    note: z.optional(z.string()),
    /** Phase markers (phase.json): the treatment phase the entry marks. */
    phase: z.optional(z.enum(['pre', 'post'])),
    /** The entry counts only right after a value that ends its clause ("pain 8/10 before, 5/10 after"). */
    onlyAfterValue: z.optional(z.boolean()),
  });

  const LexiconExceptionSchema = z.object({
    phrases: z.array(z.string()).check(z.minLength(1)),
    /** Only these entries are excused (default: every entry of the lexicon). */
    entries: z.optional(z.array(z.string())),
    source: z.optional(z.string().check(z.url())),
    note: z.string(),
  });

  const LexiconSchema = z.object({
    id: z.string(),
    description: z.string(),
    entries: z.array(LexiconEntrySchema),
    exceptions: z.optional(z.array(LexiconExceptionSchema)),
  });
  return { LexiconSchema };
}

let schemas: ReturnType<typeof lexiconSchemas> | undefined;
/** The schema of a lexicon file (data/lexicons/*.json). */
export const lexiconSchema = () => (schemas ??= lexiconSchemas()).LexiconSchema;

export type LexiconData = z.infer<ReturnType<typeof lexiconSchemas>['LexiconSchema']>;

type PhraseToken = { kind: 'word'; text: string } | { kind: 'prefix'; text: string } | { kind: 'any' } | { kind: 'gap'; max: number };

export interface RawMatch {
  lexicon: string;
  entry: string;
  firstToken: number;
  /** Exclusive. */
  endToken: number;
}

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

/**
 * The automaton. States are numbers (the root is 0), prefix-trie nodes too; each kind of step is a
 * column, and a state's steps of one kind are the slice [xStart[s], xStart[s + 1]) of that kind's
 * columns ("compressed rows").
 */
export interface CompiledLexicons {
  ids: string[];
  /** Phrases by index: lexicon (index into ids), entry id ('' for exceptions) and rank (see Phrase). */
  phraseLexicon: Int32Array;
  phraseEntry: string[];
  phraseRank: Int32Array;
  /** Exception phrases: the entries each excuses (undefined: every entry of its lexicon). */
  exceptions: Map<number, string[] | undefined>;
  /** Every word a phrase steps on, by its index in the word columns. */
  words: Map<string, number>;
  /** The state each word leads to from the root, by word index (-1: none): most tokens need only this. */
  rootWordNext: Int32Array;
  stateCount: number;
  /** Phrases (indices into `phrases`) that end at each state. */
  acceptStart: Int32Array;
  accepts: Int32Array;
  /** Word steps, sorted by word index within a state. */
  wordStart: Int32Array;
  wordKey: Int32Array;
  wordNext: Int32Array;
  /** The root node of each state's prefix trie ("relax*"), or -1. */
  prefixRoot: Int32Array;
  /** The state after any one word ("_"), or -1. */
  anyNext: Int32Array;
  /** Bounded gaps ("...", "~N"): up to gapMax words, then gapNext. */
  gapStart: Int32Array;
  gapMax: Int32Array;
  gapNext: Int32Array;
  /** Prefix nodes: the child by ASCII character (node × 128 + code; child + 1, 0 for none). */
  nodeAscii: Uint16Array;
  /** Children by characters outside ASCII, per node. */
  nodeOtherStart: Int32Array;
  nodeOtherChar: Int32Array;
  nodeOtherChild: Int32Array;
  /** The state after a prefix that ends at the node, or -1. */
  nodeState: Int32Array;
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

// ---- compiling: a trie of objects first, then flattened ------------------------------------------
// Compiling runs once per process (the node bundles skip it entirely), so it is written for V8's
// interpreter: states and nodes are numbered as they are made, and nothing is destructured.

interface TrieState {
  id: number;
  accepts: number[];
  words?: Map<string, TrieState>;
  prefixes?: TrieNode;
  any?: TrieState;
  gaps?: { max: number; next: TrieState }[];
}

interface TrieNode {
  id: number;
  children: Map<number, TrieNode>;
  state?: TrieState;
}

class Trie {
  readonly states: TrieState[] = [];
  readonly nodes: TrieNode[] = [];
  state(): TrieState {
    const state: TrieState = { id: this.states.length, accepts: [] };
    this.states.push(state);
    return state;
  }
  node(): TrieNode {
    const node: TrieNode = { id: this.nodes.length, children: new Map() };
    this.nodes.push(node);
    return node;
  }
}

/** The state one phrase token leads to from `state`, created when no phrase took that step before. */
function step(trie: Trie, state: TrieState, token: PhraseToken): TrieState {
  switch (token.kind) {
    case 'word': {
      const words = (state.words ??= new Map());
      let next = words.get(token.text);
      if (!next) words.set(token.text, (next = trie.state()));
      return next;
    }
    case 'prefix': {
      let node: TrieNode = (state.prefixes ??= trie.node());
      for (let k = 0; k < token.text.length; k++) {
        const c = token.text.charCodeAt(k);
        let child = node.children.get(c);
        if (!child) node.children.set(c, (child = trie.node()));
        node = child;
      }
      return (node.state ??= trie.state());
    }
    case 'any':
      return (state.any ??= trie.state());
    case 'gap': {
      const gaps = (state.gaps ??= []);
      let gap = gaps.find((g) => g.max === token.max);
      if (!gap) gaps.push((gap = { max: token.max, next: trie.state() }));
      return gap.next;
    }
  }
}

/** Ranks of phrases that start with a prefix come after every phrase that starts with a whole word. */
const PREFIX_RANK = 2 ** 30;

export function compileLexicons(lexicons: readonly LexiconData[]): CompiledLexicons {
  const trie = new Trie();
  const root = trie.state();
  const phrases: Phrase[] = [];
  const add = (text: string, lexicon: number, entry: string, exception?: { entries?: string[] }) => {
    const tokens = compilePhrase(text);
    let state = root;
    for (let k = 0; k < tokens.length; k++) state = step(trie, state, tokens[k]!);
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
  return fromColumns(flatten(lexicons.map((l) => l.id), phrases, trie));
}

/** The trie as columns: states and prefix nodes keep the numbers they were made with (the root is 0). */
function flatten(ids: string[], phrases: Phrase[], trie: Trie): LexiconColumns {
  const words: string[] = [];
  const wordIndex = new Map<string, number>();
  const acceptStart = [0];
  const accepts: number[] = [];
  const wordStart = [0];
  const wordKey: number[] = [];
  const wordNext: number[] = [];
  const prefixRoot: number[] = [];
  const anyNext: number[] = [];
  const gapStart = [0];
  const gapMax: number[] = [];
  const gapNext: number[] = [];
  const addWordStep = (next: TrieState, word: string) => {
    let w = wordIndex.get(word);
    if (w === undefined) {
      wordIndex.set(word, (w = words.length));
      words.push(word);
    }
    wordKey.push(w);
    wordNext.push(next.id);
  };
  for (let s = 0; s < trie.states.length; s++) {
    const state = trie.states[s]!;
    for (let k = 0; k < state.accepts.length; k++) accepts.push(state.accepts[k]!);
    acceptStart.push(accepts.length);
    const first = wordKey.length;
    state.words?.forEach(addWordStep);
    sortSteps(wordKey, wordNext, first, wordKey.length);
    wordStart.push(wordKey.length);
    prefixRoot.push(state.prefixes ? state.prefixes.id : -1);
    anyNext.push(state.any ? state.any.id : -1);
    const gaps = state.gaps ?? [];
    for (let g = 0; g < gaps.length; g++) {
      gapMax.push(gaps[g]!.max);
      gapNext.push(gaps[g]!.next.id);
    }
    gapStart.push(gapMax.length);
  }
  const nodeAsciiStart = [0];
  const nodeAsciiChar: number[] = [];
  const nodeAsciiChild: number[] = [];
  const nodeOtherStart = [0];
  const nodeOtherChar: number[] = [];
  const nodeOtherChild: number[] = [];
  const nodeState: number[] = [];
  const addChild = (child: TrieNode, c: number) => {
    if (c < 128) {
      nodeAsciiChar.push(c);
      nodeAsciiChild.push(child.id);
    } else {
      nodeOtherChar.push(c);
      nodeOtherChild.push(child.id);
    }
  };
  for (let n = 0; n < trie.nodes.length; n++) {
    const node = trie.nodes[n]!;
    nodeState.push(node.state ? node.state.id : -1);
    node.children.forEach(addChild);
    nodeAsciiStart.push(nodeAsciiChar.length);
    nodeOtherStart.push(nodeOtherChar.length);
  }
  const exceptions: (number | string[] | null)[] = [];
  phrases.forEach((p, i) => {
    if (p.exception) exceptions.push(i, p.exception.entries ?? null);
  });
  return {
    ids,
    phraseLexicon: phrases.map((p) => p.lexicon),
    phraseEntry: phrases.map((p) => p.entry),
    phraseRank: phrases.map((p) => p.rank),
    exceptions,
    words,
    acceptStart,
    accepts,
    wordStart,
    wordKey,
    wordNext,
    prefixRoot,
    anyNext,
    gapStart,
    gapMax,
    gapNext,
    nodeAsciiStart,
    nodeAsciiChar,
    nodeAsciiChild,
    nodeOtherStart,
    nodeOtherChar,
    nodeOtherChild,
    nodeState,
  };
}

/** Sorts one state's word steps [from, to) by word index (insertion sort: a state has few, and the root's come sorted). */
function sortSteps(keys: number[], next: number[], from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const key = keys[i]!;
    const value = next[i]!;
    let j = i - 1;
    while (j >= from && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      next[j + 1] = next[j]!;
      j--;
    }
    keys[j + 1] = key;
    next[j + 1] = value;
  }
}

// ---- the automaton as data -----------------------------------------------------------------------
// The build compiles the lexicons once and ships the automaton as plain JSON (build.mjs
// `prebuiltModules`), so a cold command line only copies a few number arrays into typed arrays
// instead of reading and compiling 2,000 phrases. test/engine/prebuilt.test.ts checks that the
// shipped automaton is the one compiling the JSON lexicons gives. The shipped form (PackedLexicons)
// is the columns made smaller for JSON.parse where rebuilding costs no loop per state: runs instead
// of repeated values, the prefix nodes' ASCII children listed, and only the states that have a
// prefix trie or an any-word step; the per-state starts ship whole.

/** The columns of CompiledLexicons as number arrays; prefix nodes list their ASCII children instead of a full row. */
interface LexiconColumns {
  ids: string[];
  phraseLexicon: number[];
  phraseEntry: string[];
  phraseRank: number[];
  /** [phrase, the entries it excuses (null: every entry), phrase, …] */
  exceptions: (number | string[] | null)[];
  words: string[];
  acceptStart: number[];
  accepts: number[];
  wordStart: number[];
  wordKey: number[];
  wordNext: number[];
  prefixRoot: number[];
  anyNext: number[];
  gapStart: number[];
  gapMax: number[];
  gapNext: number[];
  nodeAsciiStart: number[];
  nodeAsciiChar: number[];
  nodeAsciiChild: number[];
  nodeOtherStart: number[];
  nodeOtherChar: number[];
  nodeOtherChild: number[];
  nodeState: number[];
}

/** CompiledLexicons' columns as arrays. */
function toColumns(compiled: CompiledLexicons): LexiconColumns {
  const nodeCount = compiled.nodeState.length;
  const nodeAsciiStart = [0];
  const nodeAsciiChar: number[] = [];
  const nodeAsciiChild: number[] = [];
  for (let n = 0; n < nodeCount; n++) {
    for (let c = 0; c < 128; c++) {
      const child = compiled.nodeAscii[n * 128 + c]!;
      if (child !== 0) nodeAsciiChar.push(c), nodeAsciiChild.push(child - 1);
    }
    nodeAsciiStart.push(nodeAsciiChar.length);
  }
  const words: string[] = [];
  for (const [word, w] of compiled.words) words[w] = word;
  const list = (a: ArrayLike<number>) => Array.from(a);
  return {
    ids: compiled.ids.slice(),
    phraseLexicon: list(compiled.phraseLexicon),
    phraseEntry: compiled.phraseEntry.slice(),
    phraseRank: list(compiled.phraseRank),
    exceptions: [...compiled.exceptions].flatMap(([p, entries]) => [p, entries ?? null]),
    words,
    acceptStart: list(compiled.acceptStart),
    accepts: list(compiled.accepts),
    wordStart: list(compiled.wordStart),
    wordKey: list(compiled.wordKey),
    wordNext: list(compiled.wordNext),
    prefixRoot: list(compiled.prefixRoot),
    anyNext: list(compiled.anyNext),
    gapStart: list(compiled.gapStart),
    gapMax: list(compiled.gapMax),
    gapNext: list(compiled.gapNext),
    nodeAsciiStart,
    nodeAsciiChar,
    nodeAsciiChild,
    nodeOtherStart: list(compiled.nodeOtherStart),
    nodeOtherChar: list(compiled.nodeOtherChar),
    nodeOtherChild: list(compiled.nodeOtherChild),
    nodeState: list(compiled.nodeState),
  };
}

/** The automaton from its columns. */
function fromColumns(packed: LexiconColumns): CompiledLexicons {
  const nodeCount = packed.nodeState.length;
  if (nodeCount >= 0xffff) throw new Error(`the lexicons' prefix tries have ${nodeCount} nodes; at most 65,534 fit the ASCII table`);
  const nodeAscii = new Uint16Array(nodeCount * 128);
  for (let n = 0; n < nodeCount; n++) {
    for (let k = packed.nodeAsciiStart[n]!; k < packed.nodeAsciiStart[n + 1]!; k++) nodeAscii[n * 128 + packed.nodeAsciiChar[k]!] = packed.nodeAsciiChild[k]! + 1;
  }
  const words = new Map<string, number>();
  for (let w = 0; w < packed.words.length; w++) words.set(packed.words[w]!, w);
  const ints = (a: readonly number[]) => new Int32Array(a);
  const wordStart = ints(packed.wordStart);
  const wordKey = ints(packed.wordKey);
  const wordNext = ints(packed.wordNext);
  const rootWordNext = new Int32Array(packed.words.length).fill(-1);
  for (let k = wordStart[0]!; k < wordStart[1]!; k++) rootWordNext[wordKey[k]!] = wordNext[k]!;
  const exceptions = new Map<number, string[] | undefined>();
  for (let k = 0; k < packed.exceptions.length; k += 2) exceptions.set(packed.exceptions[k] as number, (packed.exceptions[k + 1] as string[] | null) ?? undefined);
  return {
    ids: packed.ids,
    phraseLexicon: ints(packed.phraseLexicon),
    phraseEntry: packed.phraseEntry,
    phraseRank: ints(packed.phraseRank),
    exceptions,
    words,
    rootWordNext,
    stateCount: packed.prefixRoot.length,
    acceptStart: ints(packed.acceptStart),
    accepts: ints(packed.accepts),
    wordStart,
    wordKey,
    wordNext,
    prefixRoot: ints(packed.prefixRoot),
    anyNext: ints(packed.anyNext),
    gapStart: ints(packed.gapStart),
    gapMax: ints(packed.gapMax),
    gapNext: ints(packed.gapNext),
    nodeAscii,
    nodeOtherStart: ints(packed.nodeOtherStart),
    nodeOtherChar: ints(packed.nodeOtherChar),
    nodeOtherChild: ints(packed.nodeOtherChild),
    nodeState: ints(packed.nodeState),
  };
}


/** The automaton as shipped: LexiconColumns made small (see above). */
export interface PackedLexicons {
  ids: string[];
  stateCount: number;
  /** Phrases in runs of one lexicon and entry ('' for exception phrases): [lexicon, entry, how many, …]. */
  phraseRuns: (number | string)[];
  /** The phrases that start with a prefix (ranked after every phrase that starts with a whole word). */
  prefixPhrases: ArrayLike<number>;
  /** Exception phrases in runs: [first phrase, how many, the entries excused (null: every entry), …]. */
  exceptionRuns: (number | string[] | null)[];
  words: string[];
  /**
   * Per state: where its accepted phrases, word steps and gaps start (stateCount + 1 each),
   * shipped as they are rather than as counts: the shipped column is used as it is (a view of the
   * build's block of numbers), where summing counts runs a loop per state in the interpreter on every cold start.
   */
  acceptStart: ArrayLike<number>;
  accepts: ArrayLike<number>;
  wordStart: ArrayLike<number>;
  wordKey: ArrayLike<number>;
  wordNext: ArrayLike<number>;
  gapStart: ArrayLike<number>;
  gapMax: ArrayLike<number>;
  gapNext: ArrayLike<number>;
  /** [state, prefix-trie root node, …] and [state, state after any word, …], for the states that have one. */
  prefixRoots: ArrayLike<number>;
  anySteps: ArrayLike<number>;
  /** Per prefix node: how many ASCII children, and its state (-1: none); all nodes' ASCII characters as one string, and the children. */
  nodeAsciiCount: ArrayLike<number>;
  nodeAsciiChars: string;
  nodeAsciiChild: ArrayLike<number>;
  nodeState: ArrayLike<number>;
  /** Children by characters outside ASCII: [node, character, child, …]. */
  nodeOthers: ArrayLike<number>;
}

const counts = (starts: readonly number[]) => starts.slice(1).map((end, k) => end - starts[k]!);
/** [index, value, …] for the entries that are not -1. */
const sparse = (values: readonly number[]) => values.flatMap((v, k) => (v >= 0 ? [k, v] : []));

/**
 * The packed automaton's number columns, in the order the build ships them: one block of integers
 * (base64 in the bundle, 16-bit while every number fits; decoded by Node in native calls, see
 * build.mjs) instead of JSON arrays, whose numbers JSON.parse would make into heap arrays only to be
 * copied into typed arrays and dropped.
 */
const NUMBER_COLUMNS = [
  'prefixPhrases',
  'acceptStart',
  'accepts',
  'wordStart',
  'wordKey',
  'wordNext',
  'gapStart',
  'gapMax',
  'gapNext',
  'prefixRoots',
  'anySteps',
  'nodeAsciiCount',
  'nodeAsciiChild',
  'nodeState',
  'nodeOthers',
] as const satisfies readonly (keyof PackedLexicons)[];
type NumberColumn = (typeof NUMBER_COLUMNS)[number];

/** The packed automaton without its number columns (JSON), and how long each column is. */
export type PackedLexiconsRest = Omit<PackedLexicons, NumberColumn> & { columnLengths: number[] };

/** Split the packed automaton into its JSON part and its number columns end to end (the build). */
export function splitNumberColumns(packed: PackedLexicons): { rest: PackedLexiconsRest; numbers: Int32Array } {
  const rest: Record<string, unknown> = { ...packed };
  const columnLengths: number[] = [];
  let total = 0;
  for (const name of NUMBER_COLUMNS) {
    delete rest[name];
    columnLengths.push(packed[name].length);
    total += packed[name].length;
  }
  const numbers = new Int32Array(total);
  let at = 0;
  for (const name of NUMBER_COLUMNS) {
    numbers.set(packed[name], at);
    at += packed[name].length;
  }
  return { rest: { ...(rest as Omit<PackedLexicons, NumberColumn>), columnLengths }, numbers };
}

/** The packed automaton from splitNumberColumns' parts (its columns are views of `numbers`, not copies). */
export function joinNumberColumns(rest: PackedLexiconsRest, numbers: Int32Array): PackedLexicons {
  const { columnLengths, ...packed } = rest;
  const columns: Record<string, Int32Array> = {};
  let at = 0;
  NUMBER_COLUMNS.forEach((name, k) => {
    const length = columnLengths[k]!;
    columns[name] = numbers.subarray(at, at + length);
    at += length;
  });
  if (at !== numbers.length) throw new Error(`the lexicon automaton's number columns hold ${numbers.length} numbers, not ${at}`);
  return { ...packed, ...(columns as Record<NumberColumn, Int32Array>) };
}

/** A column as a typed array: the shipped views as they are, a JSON array copied. */
const int32s = (column: ArrayLike<number>): Int32Array => (column instanceof Int32Array ? column : new Int32Array(column));

/** The automaton as JSON-safe data, as the build ships it. */
export function packLexicons(compiled: CompiledLexicons): PackedLexicons {
  const c = toColumns(compiled);
  const phraseRuns: (number | string)[] = [];
  c.phraseLexicon.forEach((lexicon, p) => {
    const n = phraseRuns.length;
    if (n > 0 && phraseRuns[n - 3] === lexicon && phraseRuns[n - 2] === c.phraseEntry[p]) (phraseRuns[n - 1] as number)++;
    else phraseRuns.push(lexicon, c.phraseEntry[p]!, 1);
  });
  const exceptionRuns: (number | string[] | null)[] = [];
  for (let k = 0; k < c.exceptions.length; k += 2) {
    const p = c.exceptions[k] as number;
    const excuses = c.exceptions[k + 1] as string[] | null;
    const n = exceptionRuns.length;
    if (n > 0 && (exceptionRuns[n - 3] as number) + (exceptionRuns[n - 2] as number) === p && exceptionRuns[n - 1] === excuses) (exceptionRuns[n - 2] as number)++;
    else exceptionRuns.push(p, 1, excuses);
  }
  const nodeOthers: number[] = [];
  for (let n = 0; n + 1 < c.nodeOtherStart.length; n++) {
    for (let k = c.nodeOtherStart[n]!; k < c.nodeOtherStart[n + 1]!; k++) nodeOthers.push(n, c.nodeOtherChar[k]!, c.nodeOtherChild[k]!);
  }
  return {
    ids: c.ids,
    stateCount: c.prefixRoot.length,
    phraseRuns,
    prefixPhrases: c.phraseRank.flatMap((rank, p) => (rank >= PREFIX_RANK ? [p] : [])),
    exceptionRuns,
    words: c.words,
    acceptStart: c.acceptStart,
    accepts: c.accepts,
    wordStart: c.wordStart,
    wordKey: c.wordKey,
    wordNext: c.wordNext,
    gapStart: c.gapStart,
    gapMax: c.gapMax,
    gapNext: c.gapNext,
    prefixRoots: sparse(c.prefixRoot),
    anySteps: sparse(c.anyNext),
    nodeAsciiCount: counts(c.nodeAsciiStart),
    nodeAsciiChars: String.fromCharCode(...c.nodeAsciiChar),
    nodeAsciiChild: c.nodeAsciiChild,
    nodeState: c.nodeState,
    nodeOthers,
  };
}

/** The automaton from the data packLexicons made (filled straight into its typed arrays: this runs on every cold start). */
export function unpackLexicons(packed: PackedLexicons): CompiledLexicons {
  const phraseCount = packed.phraseRuns.length === 0 ? 0 : sumRuns(packed.phraseRuns);
  const phraseLexicon = new Int32Array(phraseCount);
  const phraseEntry = new Array<string>(phraseCount);
  const phraseRank = new Int32Array(phraseCount);
  let p = 0;
  for (let k = 0; k < packed.phraseRuns.length; k += 3) {
    const lexicon = packed.phraseRuns[k] as number;
    const entry = packed.phraseRuns[k + 1] as string;
    for (let end = p + (packed.phraseRuns[k + 2] as number); p < end; p++) {
      phraseLexicon[p] = lexicon;
      phraseEntry[p] = entry;
      phraseRank[p] = p;
    }
  }
  for (let k = 0; k < packed.prefixPhrases.length; k++) phraseRank[packed.prefixPhrases[k]!] = phraseRank[packed.prefixPhrases[k]!]! + PREFIX_RANK;
  const exceptions = new Map<number, string[] | undefined>();
  for (let k = 0; k < packed.exceptionRuns.length; k += 3) {
    const first = packed.exceptionRuns[k] as number;
    const excuses = (packed.exceptionRuns[k + 2] as string[] | null) ?? undefined;
    for (let n = 0; n < (packed.exceptionRuns[k + 1] as number); n++) exceptions.set(first + n, excuses);
  }
  const stateCount = packed.stateCount;
  const nodeCount = packed.nodeState.length;
  if (nodeCount >= 0xffff) throw new Error(`the lexicons' prefix tries have ${nodeCount} nodes; at most 65,534 fit the ASCII table`);
  const nodeAscii = new Uint16Array(nodeCount * 128);
  for (let n = 0, k = 0; n < nodeCount; n++) {
    for (const end = k + packed.nodeAsciiCount[n]!; k < end; k++) nodeAscii[n * 128 + packed.nodeAsciiChars.charCodeAt(k)] = packed.nodeAsciiChild[k]! + 1;
  }
  const others = packed.nodeOthers;
  const nodeOtherStart = new Int32Array(nodeCount + 1);
  for (let k = 0; k < others.length; k += 3) nodeOtherStart[others[k]! + 1]!++;
  for (let n = 0; n < nodeCount; n++) nodeOtherStart[n + 1] = nodeOtherStart[n + 1]! + nodeOtherStart[n]!;
  const nodeOtherChar = new Int32Array(others.length / 3);
  const nodeOtherChild = new Int32Array(others.length / 3);
  for (let k = 0; k < others.length; k += 3) {
    nodeOtherChar[k / 3] = others[k + 1]!;
    nodeOtherChild[k / 3] = others[k + 2]!;
  }
  const words = new Map<string, number>();
  for (let w = 0; w < packed.words.length; w++) words.set(packed.words[w]!, w);
  const wordStart = int32s(packed.wordStart);
  const wordKey = int32s(packed.wordKey);
  const wordNext = int32s(packed.wordNext);
  const rootWordNext = new Int32Array(packed.words.length).fill(-1);
  for (let k = wordStart[0]!; k < wordStart[1]!; k++) rootWordNext[wordKey[k]!] = wordNext[k]!;
  return {
    ids: packed.ids,
    phraseLexicon,
    phraseEntry,
    phraseRank,
    exceptions,
    words,
    rootWordNext,
    stateCount,
    acceptStart: int32s(packed.acceptStart),
    accepts: int32s(packed.accepts),
    wordStart,
    wordKey,
    wordNext,
    prefixRoot: fromPairs(packed.prefixRoots, stateCount),
    anyNext: fromPairs(packed.anySteps, stateCount),
    gapStart: int32s(packed.gapStart),
    gapMax: int32s(packed.gapMax),
    gapNext: int32s(packed.gapNext),
    nodeAscii,
    nodeOtherStart,
    nodeOtherChar,
    nodeOtherChild,
    nodeState: int32s(packed.nodeState),
  };
}

function sumRuns(runs: readonly (number | string)[]): number {
  let total = 0;
  for (let k = 2; k < runs.length; k += 3) total += runs[k] as number;
  return total;
}

/** A column of -1 with the listed [index, value, …] pairs set. */
function fromPairs(pairs: ArrayLike<number>, length: number): Int32Array {
  const out = new Int32Array(length).fill(-1);
  for (let k = 0; k < pairs.length; k += 2) out[pairs[k]!] = pairs[k + 1]!;
  return out;
}

// ---- matching ------------------------------------------------------------------------------------

/** The child of prefix node `node` by character code `c`, or -1. */
function prefixChild(a: CompiledLexicons, node: number, c: number): number {
  if (c < 128) return a.nodeAscii[node * 128 + c]! - 1;
  for (let k = a.nodeOtherStart[node]!; k < a.nodeOtherStart[node + 1]!; k++) if (a.nodeOtherChar[k] === c) return a.nodeOtherChild[k]!;
  return -1;
}

/** The state a word step (word index `w`) leads to from `state`, or -1: a binary search of its sorted steps. */
function wordStep(a: CompiledLexicons, state: number, w: number): number {
  let lo = a.wordStart[state]!;
  let hi = a.wordStart[state + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const key = a.wordKey[mid]!;
    if (key === w) return a.wordNext[mid]!;
    if (key < w) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/**
 * All mentions of every lexicon: leftmost-longest per lexicon, with exception phrases removing
 * the entry matches they overlap. Linear in the number of tokens (phrase lengths and gaps are bounded).
 */
export function matchLexicons(tokens: Tokens, compiled: CompiledLexicons): Map<string, RawMatch[]> {
  const { ids, phraseLexicon, phraseEntry, phraseRank, exceptions, acceptStart, accepts, prefixRoot, anyNext, gapStart, gapMax, gapNext, nodeState } = compiled;
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

  // Each token's word index in the automaton (-1: no phrase steps on it), looked up once per distinct
  // word through the token's WordTable id.
  const wordIds = tokens.ids;
  const indexById = new Int32Array(tokens.idCount).fill(-2);
  const wordOf = new Int32Array(count);
  for (let t = 0; t < count; t++) {
    const id = wordIds[t]!;
    let w = id >= 0 ? indexById[id]! : -2;
    if (w === -2) {
      w = compiled.words.get(norms[t]!) ?? -1;
      if (id >= 0) indexById[id] = w;
    }
    wordOf[t] = w;
  }

  const accept = (state: number, end: number) => {
    for (let k = acceptStart[state]!; k < acceptStart[state + 1]!; k++) {
      const p = accepts[k]!;
      const l = phraseLexicon[p]!;
      if (exceptions.has(p)) {
        excused[l]!.push({ first: from, end, entries: exceptions.get(p) });
        continue;
      }
      if (bestEnd[l]! < 0) touched[touchedCount++] = l;
      if (end > bestEnd[l]! || (end === bestEnd[l] && phraseRank[p]! < phraseRank[bestPhrase[l]!]!)) {
        bestEnd[l] = end;
        bestPhrase[l] = p;
      }
    }
  };
  /** Every step out of `state` with token `i` next; every token after the first is joined to the one before. */
  const walk = (state: number, i: number): void => {
    if (acceptStart[state + 1]! > acceptStart[state]!) accept(state, i);
    if (i >= count || !joinable[i - 1]) return;
    steps(state, i);
  };
  const steps = (state: number, i: number): void => {
    const w = wordOf[i]!;
    if (w >= 0) {
      const next = wordStep(compiled, state, w);
      if (next >= 0) walk(next, i + 1);
    }
    let node = prefixRoot[state]!;
    if (node >= 0) {
      const norm = norms[i]!;
      for (let k = 0; k < norm.length; k++) {
        node = prefixChild(compiled, node, norm.charCodeAt(k));
        if (node < 0) break;
        if (nodeState[node]! >= 0) walk(nodeState[node]!, i + 1);
      }
    }
    if (anyNext[state]! >= 0) walk(anyNext[state]!, i + 1);
    for (let g = gapStart[state]!; g < gapStart[state + 1]!; g++) {
      const next = gapNext[g]!;
      // Zero to max words, each still joined to the next.
      walk(next, i);
      let j = i;
      for (let n = 0; n < gapMax[g]! && j < count; n++) {
        if (!joinable[j]) break;
        j++;
        walk(next, j);
      }
    }
  };

  // Out of the root, only words and prefixes lead anywhere (a phrase starts with a word), and where
  // they lead depends on the word alone: worked out once per distinct word, since most words repeat.
  const rootByWord = anyNext[0]! < 0 && gapStart[1] === gapStart[0];
  const rootSteps = new Array<readonly number[] | undefined>(tokens.idCount);

  for (from = 0; from < count; from++) {
    if (!rootByWord) {
      steps(0, from);
    } else {
      const id = wordIds[from]!;
      let targets = id >= 0 ? rootSteps[id] : undefined;
      if (!targets) {
        targets = rootWordSteps(compiled, norms[from]!, wordOf[from]!);
        if (id >= 0) rootSteps[id] = targets;
      }
      for (let k = 0; k < targets.length; k++) walk(targets[k]!, from + 1);
    }
    for (let k = 0; k < touchedCount; k++) {
      const l = touched[k]!;
      const list = found[l]!;
      const last = list[list.length - 1];
      // Overlapping the lexicon's previous match: the earlier one wins (leftmost-longest).
      if (!last || last.endToken <= from) list.push({ lexicon: ids[l]!, entry: phraseEntry[bestPhrase[l]!]!, firstToken: from, endToken: bestEnd[l]! });
      bestEnd[l] = -1;
    }
    touchedCount = 0;
  }

  const out = new Map<string, RawMatch[]>();
  ids.forEach((id, l) => out.set(id, excuse(found[l]!, excused[l]!)));
  return out;
}

const NO_STATES: readonly number[] = [];

/** The states a word leads to from the root by its word and prefix steps, in the order matching tries them. */
function rootWordSteps(a: CompiledLexicons, norm: string, w: number): readonly number[] {
  let out: number[] | undefined;
  const next = w >= 0 ? a.rootWordNext[w]! : -1;
  if (next >= 0) out = [next];
  let node = a.prefixRoot[0]!;
  if (node >= 0) {
    for (let k = 0; k < norm.length; k++) {
      node = prefixChild(a, node, norm.charCodeAt(k));
      if (node < 0) break;
      if (a.nodeState[node]! >= 0) (out ??= []).push(a.nodeState[node]!);
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
  const everyEntry = covered.get('*');
  return matches.filter((m) => !overlaps(everyEntry, m.firstToken, m.endToken) && !overlaps(covered.get(m.entry), m.firstToken, m.endToken));
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
