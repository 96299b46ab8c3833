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
  /** The words (or punctuation) it can start with, for dispatch; absent = any token. */
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
}

export function newIndex(count: number): ItemIndex {
  return { at: new Array<Item[] | undefined>(count), all: [] };
}

function matchElements(lx: Lexed, index: ItemIndex, pattern: readonly Element[], p: number, i: number, parts: (Part | undefined)[]): boolean {
  if (p === pattern.length) return true;
  const e = pattern[p]!;
  if (e.optional) {
    // Greedy: with the element first, then without it.
    if (matchOne(lx, index, pattern, p, i, parts)) return true;
    parts[p] = undefined;
    return matchElements(lx, index, pattern, p + 1, i, parts);
  }
  return matchOne(lx, index, pattern, p, i, parts);
}

function matchOne(lx: Lexed, index: ItemIndex, pattern: readonly Element[], p: number, i: number, parts: (Part | undefined)[]): boolean {
  const e = pattern[p]!;
  if (i >= lx.count) return false;
  if (e.type === 'token') {
    if (!e.test(lx, i)) return false;
    let j = i + 1;
    if (e.repeat) while (j < lx.count && e.test(lx, j)) j++;
    parts[p] = { first: i, end: j };
    return matchElements(lx, index, pattern, p + 1, j, parts);
  }
  // Items: try the longest first.
  const candidates = index.at[i];
  if (!candidates) return false;
  for (let k = candidates.length - 1; k >= 0; k--) {
    const it = candidates[k]!;
    if (it.kind !== e.kind) continue;
    parts[p] = { first: it.first, end: it.end, item: it };
    if (matchElements(lx, index, pattern, p + 1, it.end, parts)) return true;
  }
  return false;
}

/** Rules grouped by what their first element can start with, so each token tries only a few rows. */
interface Dispatch {
  byWord: Map<string, Rule[]>;
  byNum: Rule[];
  byItem: Map<string, Rule[]>;
  /** Rules whose first element is optional or a free predicate: tried everywhere. */
  always: Rule[];
}

export function compileLayer(rules: readonly Rule[]): Dispatch {
  const d: Dispatch = { byWord: new Map(), byNum: [], byItem: new Map(), always: [] };
  for (const rule of rules) {
    const first = rule.pattern[0]!;
    if (first.optional) d.always.push(rule);
    else if (first.type === 'item') {
      const list = d.byItem.get(first.kind) ?? [];
      list.push(rule);
      d.byItem.set(first.kind, list);
    } else if (first.words) {
      for (const w of first.words) {
        const list = d.byWord.get(w) ?? [];
        list.push(rule);
        d.byWord.set(w, list);
      }
    } else if (first.tokenKind === Kind.Num) d.byNum.push(rule);
    else d.always.push(rule);
  }
  return d;
}

/** Run one layer over the tokens; new items are added to the index (they are visible to later layers). */
export function runLayer(lx: Lexed, index: ItemIndex, layer: Dispatch): Item[] {
  const found: Item[] = [];
  const parts: (Part | undefined)[] = [];
  const tryRule = (rule: Rule, i: number) => {
    parts.length = rule.pattern.length;
    if (!matchElements(lx, index, rule.pattern, 0, i, parts)) return;
    let first = -1;
    let end = -1;
    for (const part of parts) {
      if (!part) continue;
      if (first < 0) first = part.first;
      end = part.end;
    }
    if (first < 0) return;
    const made = rule.make(parts, lx);
    if (!made) return;
    found.push({ kind: made.kind ?? rule.kind, first, end, rule: rule.name, value: made.value, data: made.data });
  };
  for (let i = 0; i < lx.count; i++) {
    const k = lx.kind[i]!;
    if (k === Kind.Num) for (const r of layer.byNum) tryRule(r, i);
    else {
      const byWord = layer.byWord.get(lx.norm[i]!);
      if (byWord) for (const r of byWord) tryRule(r, i);
    }
    const here = index.at[i];
    if (here) {
      const seen = new Set<string>();
      for (const it of here) {
        if (seen.has(it.kind)) continue;
        seen.add(it.kind);
        const rules = layer.byItem.get(it.kind);
        if (rules) for (const r of rules) tryRule(r, i);
      }
    }
    for (const r of layer.always) tryRule(r, i);
  }
  for (const it of found) {
    const list = index.at[it.first];
    if (list) list.push(it);
    else index.at[it.first] = [it];
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
