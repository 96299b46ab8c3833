// A tiny Duckling-style grammar over the fact tokens (lex.ts). A rule is a row: a name, a pattern of
// token predicates and earlier items, and a production. Rules run in layers, so later rows compose
// what earlier rows produced ("<clock> - <clock>" needs clocks; "<total label> <duration>" needs
// durations). A new notation is one more row, not a new regular expression.
//
// Matching is greedy per element with optional elements tried both ways (patterns are short, so the
// work per token is bounded), and every layer is one left-to-right pass: linear in the tokens.
import { Kind, type Lexed } from './lex';

export interface Item {
  kind: string;
  /** Token range [first, end). */
  first: number;
  end: number;
  /** The row that produced it (for --explain and tests). */
  rule: string;
  value: number;
  /** Extra facts a row attaches (clock minutes, units, label kind…). */
  data?: Record<string, unknown>;
}

export type TokenTest = (lx: Lexed, i: number) => boolean;

export interface TokenElement {
  type: 'token';
  test: TokenTest;
  optional?: boolean;
  repeat?: boolean;
  /**
   * The words (or punctuation) it matches, for dispatch; absent = any token. Its test must fail on
   * any other token: rows are only tried, and their second elements only looked for, where these are.
   */
  words?: readonly string[];
  tokenKind?: Kind;
}
export type Element = TokenElement | { type: 'item'; kind: string; optional?: boolean };

/** What a pattern matched: one entry per element (undefined for an optional element skipped). */
export interface Part {
  first: number;
  end: number;
  item?: Item;
}

export interface Rule {
  name: string;
  pattern: readonly Element[];
  /** Return the item's value and data, or null to reject the match. */
  make(parts: readonly (Part | undefined)[], lx: Lexed): { value: number; data?: Record<string, unknown>; kind?: string } | null;
  /** The kind of item produced (a rule may override it per match). */
  kind: string;
}

// ---- Element helpers: the vocabulary rows are written in ----------------------------------------

export const num = (min = 0, max = Number.POSITIVE_INFINITY, digits?: [number, number]): TokenElement => ({
  type: 'token',
  tokenKind: Kind.Num,
  test: (lx, i) => {
    if (lx.kind[i] !== Kind.Num) return false;
    const v = lx.value[i]!;
    if (v < min || v > max) return false;
    if (digits) {
      const len = lx.norm[i]!.length;
      if (len < digits[0] || len > digits[1]) return false;
    }
    return true;
  },
});

export const word = (...words: string[]): TokenElement => {
  const set = new Set(words.map((w) => w.toLowerCase()));
  return { type: 'token', words: [...set], test: (lx, i) => lx.kind[i] !== Kind.Num && set.has(lx.norm[i]!) };
};

export const punct = (...chars: string[]): TokenElement => {
  const set = new Set(chars);
  return { type: 'token', words: chars, test: (lx, i) => lx.kind[i] === Kind.Punct && set.has(lx.norm[i]!) };
};

/** A token directly after the previous one (no space): "15m", "x12'", "2:00p". */
export const tight = (e: TokenElement): TokenElement => {
  return { ...e, test: (lx, i) => lx.spaceBefore[i] === 0 && i > 0 && lx.end[i - 1] === lx.start[i] && e.test(lx, i) };
};

export const opt = (e: Element): Element => ({ ...e, optional: true });
/** One or more of the same token ("....." dotted leaders). */
export const many = (e: TokenElement): TokenElement => ({ ...e, repeat: true });
/** The same element with an extra condition. */
export const where = (e: TokenElement, test: TokenTest): TokenElement => ({ ...e, test: (lx, i) => e.test(lx, i) && test(lx, i) });
export const item = (kind: string): Element => ({ type: 'item', kind });

// ---- Running ------------------------------------------------------------------------------------

export interface ItemIndex {
  /** Items by the token they start at (sparse: most tokens start none). */
  at: (Item[] | undefined)[];
  all: Item[];
  /** Dispatch key of each token (0: no row starts with it), computed once per text for every layer. */
  keys?: Uint16Array;
  keysVersion?: number;
  /**
   * Tokens where some row may start: a number, a word or mark with a key, or an item's first token.
   * (`marked` items of `all` are in it.) A layer visits only these.
   */
  active?: Uint8Array;
  marked?: number;
}

export function newIndex(count: number): ItemIndex {
  return { at: new Array<Item[] | undefined>(count), all: [] };
}

/**
 * Every word and punctuation mark a row can start with, as a small number: a token's key is looked up
 * once per text, and each layer finds its rows for the token by indexing an array with it.
 */
const KEYS = new Map<string, number>();
const keyFor = (word: string): number => {
  let key = KEYS.get(word);
  if (key === undefined) KEYS.set(word, (key = KEYS.size + 1));
  return key;
};

function tokenKeys(lx: Lexed, index: ItemIndex): { keys: Uint16Array; active: Uint8Array } {
  // Rows compiled after the keys were taken (a new layer) add words: take them again.
  if (!index.keys || !index.active || index.keysVersion !== KEYS.size) {
    const keys = new Uint16Array(lx.count);
    const active = new Uint8Array(lx.count);
    // Looked up once per distinct word (-1: not yet), not once per token.
    const keyOfId = new Int32Array(lx.idCount).fill(-1);
    for (let i = 0; i < lx.count; i++) {
      if (lx.kind[i] === Kind.Num) {
        active[i] = 1;
        continue;
      }
      const id = lx.ids[i]!;
      let key = id >= 0 ? keyOfId[id]! : -1;
      if (key < 0) {
        key = KEYS.get(lx.norm[i]!) ?? 0;
        if (id >= 0) keyOfId[id] = key;
      }
      keys[i] = key;
      if (key !== 0) active[i] = 1;
    }
    index.keys = keys;
    index.active = active;
    index.keysVersion = KEYS.size;
    index.marked = 0;
  }
  // Items added since (by earlier layers, or by a caller) open their first tokens.
  const { all, active } = index;
  for (let k = index.marked ?? 0; k < all.length; k++) active[all[k]!.first] = 1;
  index.marked = all.length;
  return { keys: index.keys, active };
}

/**
 * What can start at a token: the first tokens a stretch of pattern can begin with. `null` means
 * anything (a free predicate, or a stretch that may match nothing).
 */
interface StartSet {
  num: boolean;
  /**
   * hasKey[key] = 1 for every key it can start with (keys made later are past its end: none of them).
   * Made on the first test of the set (see startHasKey): a cold check meets few of a grammar's sets.
   */
  hasKey: Uint8Array | null;
  /** The same keys as a list (building a layer's masks walks these, not the whole of hasKey). */
  keys: number[];
  items: string[];
}

function startSet(pattern: readonly Element[], from: number): StartSet | null {
  const keys: number[] = [];
  const items: string[] = [];
  let num = false;
  for (let p = from; p < pattern.length; p++) {
    const e = pattern[p]!;
    if (e.type === 'item') items.push(e.kind);
    else if (e.words) for (const w of e.words) keys.push(keyFor(w));
    else if (e.tokenKind === Kind.Num) num = true;
    else return null;
    if (!e.optional) return { num, hasKey: null, keys, items };
  }
  return null;
}

function startHasKey(set: StartSet): Uint8Array {
  let max = 0;
  const keys = set.keys;
  for (let k = 0; k < keys.length; k++) if (keys[k]! > max) max = keys[k]!;
  const hasKey = new Uint8Array(max + 1);
  for (let k = 0; k < keys.length; k++) hasKey[keys[k]!] = 1;
  return (set.hasKey = hasKey);
}

/** Could a stretch with these starts begin at token `t`? (Cheap and necessary, not sufficient.) */
function canStart(set: StartSet, lx: Lexed, keys: Uint16Array, index: ItemIndex, t: number): boolean {
  if (t >= lx.count) return false;
  if (lx.kind[t] === Kind.Num) {
    if (set.num) return true;
  } else if ((set.hasKey ?? startHasKey(set))[keys[t]!] === 1) return true;
  if (set.items.length > 0) {
    const here = index.at[t];
    if (here) for (let k = 0; k < here.length; k++) if (set.items.includes(here[k]!.kind)) return true;
  }
  return false;
}

/** A rule with the scratch space its matches are written into (reused: one match runs at a time). */
interface CompiledRule {
  rule: Rule;
  parts: (Part | undefined)[];
  /** One Part per element, reused by every attempt (make() reads parts and keeps only items). */
  pool: Part[];
  /** For a rule tried everywhere (optional first element): what it can start with. */
  guard: StartSet | null;
  /** What the second element can start with, checked after a plain first element before matching. */
  next: StartSet | null;
}

function matchElements(lx: Lexed, index: ItemIndex, c: CompiledRule, p: number, i: number): boolean {
  const pattern = c.rule.pattern;
  if (p === pattern.length) return true;
  if (pattern[p]!.optional) {
    // Greedy: with the element first, then without it.
    if (matchOne(lx, index, c, p, i)) return true;
    c.parts[p] = undefined;
    return matchElements(lx, index, c, p + 1, i);
  }
  return matchOne(lx, index, c, p, i);
}

function matchOne(lx: Lexed, index: ItemIndex, c: CompiledRule, p: number, i: number): boolean {
  const e = c.rule.pattern[p]!;
  if (i >= lx.count) return false;
  const part = c.pool[p]!;
  if (e.type === 'token') {
    if (!e.test(lx, i)) return false;
    let j = i + 1;
    if (e.repeat) while (j < lx.count && e.test(lx, j)) j++;
    part.first = i;
    part.end = j;
    part.item = undefined;
    c.parts[p] = part;
    return matchElements(lx, index, c, p + 1, j);
  }
  // Items: try the longest first.
  const candidates = index.at[i];
  if (!candidates) return false;
  for (let k = candidates.length - 1; k >= 0; k--) {
    const it = candidates[k]!;
    if (it.kind !== e.kind) continue;
    part.first = it.first;
    part.end = it.end;
    part.item = it;
    c.parts[p] = part;
    if (matchElements(lx, index, c, p + 1, it.end)) return true;
  }
  return false;
}

/**
 * Rules that start alike, in row order, with which of them (bit r: rules[r]) can go on with what
 * follows: a number, a word or mark by its key, an item by its kind; `anyNext` holds the rules with no
 * second-element start set. Only the rules whose second element can begin after the first are tried,
 * still in row order. (Null masks: too many rules for one bit each; every rule is tried.)
 */
interface Bucket {
  rules: CompiledRule[];
  /** Made on the bucket's first use (undefined until then): a cold check reaches few of a layer's buckets. */
  masks: { anyNext: number; num: number; byKey: Int32Array; byItem: Map<string, number> } | null | undefined;
  /** Its masks are of each rule's guard (the `always` bucket), not of what follows its first element. */
  guarded: boolean;
}
const MAX_MASKED_RULES = 31;

/** Rules grouped by what their first element can start with, so each token tries only a few rows. */
interface Dispatch {
  /** Rules by the key (see KEYS) of the word or mark they start with. */
  byKey: (Bucket | undefined)[];
  byNum: Bucket;
  byItem: Map<string, Bucket>;
  /**
   * Rules whose first element is optional or a free predicate: tried everywhere (their masks are
   * of what the rule can start with, its guard, not of what follows).
   */
  always: Bucket;
  /** Some rule may start at any token (no start set to guard it): no token is skipped. */
  everywhere: boolean;
}

/** The masks of a bucket from each rule's start set of what is tested (`next`, or `guard` for `always`). */
function bucketMasks(bucket: Bucket): Bucket['masks'] {
  const { rules, guarded } = bucket;
  if (rules.length > MAX_MASKED_RULES) return (bucket.masks = null);
  let keyEnd = 0;
  // (Indexed loops, no closures: this runs on a cold start, in the interpreter.)
  for (let r = 0; r < rules.length; r++) {
    const keys = (guarded ? rules[r]!.guard : rules[r]!.next)?.keys;
    if (keys) for (let k = 0; k < keys.length; k++) if (keys[k]! >= keyEnd) keyEnd = keys[k]! + 1;
  }
  const byKey = new Int32Array(keyEnd);
  const masks = { anyNext: 0, num: 0, byKey, byItem: new Map<string, number>() };
  for (let r = 0; r < rules.length; r++) {
    const bit = 1 << r;
    const set = guarded ? rules[r]!.guard : rules[r]!.next;
    if (!set) {
      masks.anyNext |= bit;
      continue;
    }
    if (set.num) masks.num |= bit;
    for (let k = 0; k < set.keys.length; k++) byKey[set.keys[k]!]! |= bit;
    for (let k = 0; k < set.items.length; k++) masks.byItem.set(set.items[k]!, (masks.byItem.get(set.items[k]!) ?? 0) | bit);
  }
  return (bucket.masks = masks);
}

const newBucket = (guarded = false): Bucket => ({ rules: [], masks: undefined, guarded });

export function compileLayer(rules: readonly Rule[]): Dispatch {
  const d: Dispatch = { byKey: [], byNum: newBucket(), byItem: new Map(), always: newBucket(true), everywhere: false };
  for (const rule of rules) {
    const first = rule.pattern[0]!;
    const c: CompiledRule = {
      rule,
      parts: new Array(rule.pattern.length).fill(undefined),
      pool: rule.pattern.map(() => ({ first: 0, end: 0, item: undefined })),
      guard: first.optional ? startSet(rule.pattern, 0) : null,
      // Only after a first element of known length: one token, or an item (its candidates' ends).
      next: !first.optional && !(first.type === 'token' && first.repeat) ? startSet(rule.pattern, 1) : null,
    };
    if (first.optional) d.always.rules.push(c);
    else if (first.type === 'item') {
      const bucket = d.byItem.get(first.kind) ?? newBucket();
      bucket.rules.push(c);
      d.byItem.set(first.kind, bucket);
    } else if (first.words) {
      for (const w of first.words) (d.byKey[keyFor(w)] ??= newBucket()).rules.push(c);
    } else if (first.tokenKind === Kind.Num) d.byNum.rules.push(c);
    else d.always.rules.push(c);
  }
  d.everywhere = d.always.rules.some((c) => c.guard === null);
  return d;
}

/** Run one layer over the tokens; new items are added to the index (they are visible to later layers). */
export function runLayer(lx: Lexed, index: ItemIndex, layer: Dispatch): Item[] {
  const found: Item[] = [];
  const { keys, active } = tokenKeys(lx, index);
  /** The second element could follow the first at token i (rules whose first element has a known end). */
  const nextFits = (c: CompiledRule, i: number): boolean => {
    const first = c.rule.pattern[0]!;
    if (first.type === 'token') return canStart(c.next!, lx, keys, index, i + 1);
    const here = index.at[i];
    if (here) for (let k = 0; k < here.length; k++) if (here[k]!.kind === first.kind && canStart(c.next!, lx, keys, index, here[k]!.end)) return true;
    return false;
  };
  const tryRule = (c: CompiledRule, i: number) => {
    if (c.guard && !canStart(c.guard, lx, keys, index, i)) return;
    if (c.next && !nextFits(c, i)) return;
    if (!matchElements(lx, index, c, 0, i)) return;
    let first = -1;
    let end = -1;
    for (let p = 0; p < c.parts.length; p++) {
      const part = c.parts[p];
      if (!part) continue;
      if (first < 0) first = part.first;
      end = part.end;
    }
    if (first < 0) return;
    const made = c.rule.make(c.parts, lx);
    if (!made) return;
    found.push({ kind: made.kind ?? c.rule.kind, first, end, rule: c.rule.name, value: made.value, data: made.data });
  };
  /** The bucket's rules (as bits) whose second element can begin at token t. */
  const fitsAt = (masks: NonNullable<Bucket['masks']>, t: number): number => {
    if (t >= lx.count) return 0;
    let fit = 0;
    if (lx.kind[t] === Kind.Num) fit |= masks.num;
    else fit |= masks.byKey[keys[t]!] ?? 0;
    const here = index.at[t];
    if (here && masks.byItem.size > 0) for (let k = 0; k < here.length; k++) fit |= masks.byItem.get(here[k]!.kind) ?? 0;
    return fit;
  };
  /**
   * Try the bucket's rules that may match at i, in row order (`itemKind`: they start with such an
   * item; `guarded`: the `always` bucket, whose masks are of token i itself).
   */
  const tryBucket = (bucket: Bucket, i: number, itemKind?: string, guarded = false) => {
    const { rules } = bucket;
    const masks = bucket.masks === undefined ? bucketMasks(bucket) : bucket.masks;
    if (!masks) {
      for (let r = 0; r < rules.length; r++) tryRule(rules[r]!, i);
      return;
    }
    let fit = masks.anyNext;
    if (guarded) fit |= fitsAt(masks, i);
    else if (itemKind === undefined) fit |= fitsAt(masks, i + 1);
    else {
      const here = index.at[i]!;
      for (let k = 0; k < here.length; k++) if (here[k]!.kind === itemKind) fit |= fitsAt(masks, here[k]!.end);
    }
    for (let r = 0; fit !== 0 && r < rules.length; r++, fit >>>= 1) if (fit & 1) tryRule(rules[r]!, i);
  };
  const { byNum, byKey, byItem, always, everywhere } = layer;
  for (let i = 0; i < lx.count; i++) {
    if (!everywhere && active[i] === 0) continue;
    if (lx.kind[i] === Kind.Num) {
      tryBucket(byNum, i);
    } else if (keys[i] !== 0) {
      const byWord = byKey[keys[i]!];
      if (byWord) tryBucket(byWord, i);
    }
    const here = index.at[i];
    if (here) {
      for (let k = 0; k < here.length; k++) {
        const kind = here[k]!.kind;
        // Each kind once per token, however many items of it start here.
        let repeated = false;
        for (let m = 0; m < k && !repeated; m++) repeated = here[m]!.kind === kind;
        if (repeated) continue;
        const bucket = byItem.get(kind);
        if (bucket) tryBucket(bucket, i, kind);
      }
    }
    if (always.rules.length > 0) tryBucket(always, i, undefined, true);
  }
  for (const it of found) {
    const list = index.at[it.first];
    if (!list) index.at[it.first] = [it];
    else {
      // Kept shortest to longest (stable among equal ends), so "try the longest first" in matchOne holds
      // whatever order the rows that made them ran in ("thirty-eight" before its "thirty").
      // (Moved up by hand: splice would make an array of the removed items on every insert.)
      let at = list.length;
      list.push(it);
      while (at > 0 && list[at - 1]!.end > it.end) {
        list[at] = list[at - 1]!;
        at--;
      }
      list[at] = it;
    }
    index.all.push(it);
  }
  return found;
}

/**
 * Leftmost-longest selection among items of the given kinds: overlapping items lose to the one that
 * starts first, and at the same start to the longer one.
 */
export function selectLongest(items: readonly Item[]): Item[] {
  const sorted = [...items].sort((a, b) => a.first - b.first || b.end - a.end);
  const out: Item[] = [];
  let reach = -1;
  for (const it of sorted) {
    if (it.first < reach) continue;
    out.push(it);
    reach = it.end;
  }
  return out;
}
