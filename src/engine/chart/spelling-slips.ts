// Spelling slips in the massage entry: "efleurage", "petrisage", "kneeding", "trapezuis",
// "paraspinls". A biller reads them without doubt, so the technique and the region are documented;
// an exact-match lexicon would call them missing (technique-and-region's false alarm).
//
// Matching is one edit away (a letter dropped, added, changed or two swapped), SymSpell style: every
// vocabulary word and every text word stand for themselves and their one-letter deletions, and two
// words match when those sets meet. Only long vocabulary words (LONG_WORD letters or more) that keep their first
// letter are read this way, only inside sentences about massage, and only where the word matched
// nothing exactly, so short everyday words ("taping" ≠ "tapping") never turn into vocabulary.
import type { LexiconData, RawMatch } from './lexicon';
import type { Tokens } from './tokens';

const LONG_WORD = 8;
/** The vocabularies a massage entry's slips are read against. */
export const SLIP_LEXICONS: readonly string[] = ['massage-technique', 'body-region'];

interface Target {
  lexicon: string;
  entry: string;
  word: string;
}

export interface SlipIndex {
  /** A word or one of its one-letter deletions → the vocabulary words it stands for. */
  byVariant: Map<string, Target[]>;
  /** Every vocabulary word, exactly (an exact word is the lexicon matcher's, never a slip). */
  exact: Set<string>;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1)); // the first letter stays
  return out;
}

/** The single-word phrases of the slip lexicons (a trailing "*" stem counts as its word). */
export function buildSlipIndex(lexicons: readonly LexiconData[]): SlipIndex {
  const byVariant = new Map<string, Target[]>();
  const exact = new Set<string>();
  for (const lexicon of lexicons) {
    if (!SLIP_LEXICONS.includes(lexicon.id)) continue;
    for (const entry of lexicon.entries) {
      for (const phrase of entry.phrases) {
        const word = phrase.toLowerCase().replace(/\*$/, '');
        if (!/^[a-z]+$/.test(word) || word.length < LONG_WORD) continue;
        exact.add(word);
        const target = { lexicon: lexicon.id, entry: entry.id, word };
        for (const variant of [word, ...deletions(word)]) {
          const list = byVariant.get(variant);
          if (list) {
            if (!list.some((t) => t.word === word)) list.push(target);
          } else byVariant.set(variant, [target]);
        }
      }
    }
  }
  return { byVariant, exact };
}

/** The vocabulary word one edit from `word` (same first letter), or undefined when none or several disagree. */
export function slipOf(index: SlipIndex, word: string): Target | undefined {
  // A dropped letter makes a slip one shorter than the (long) vocabulary word it stands for.
  if (word.length < LONG_WORD - 1 || !/^[a-z]+$/.test(word) || index.exact.has(word)) return undefined;
  let found: Target | undefined;
  for (const variant of [word, ...deletions(word)]) {
    for (const target of index.byVariant.get(variant) ?? []) {
      if (target.word[0] !== word[0] || Math.abs(target.word.length - word.length) > 1) continue;
      if (found && found.entry !== target.entry) return undefined; // ambiguous: read nothing
      found = target;
    }
  }
  return found;
}

/**
 * Raw matches for the slips in the given token ranges (the sentences about massage), for tokens no
 * slip lexicon matched exactly. Added to the lexicon matcher's results before mentions are built.
 */
export function matchSlips(tokens: Tokens, index: SlipIndex, ranges: readonly [number, number][], matched: ReadonlyMap<string, RawMatch[]>): Map<string, RawMatch[]> {
  const out = new Map<string, RawMatch[]>();
  const covered = new Uint8Array(tokens.count);
  for (const id of SLIP_LEXICONS) for (const m of matched.get(id) ?? []) covered.fill(1, m.firstToken, m.endToken);
  // A word's slip depends on the word alone: worked out once per distinct word (by its WordTable id),
  // not once per token (a long note repeats its massage sentences' words again and again).
  const known = new Map<number, Target | null>();
  for (const [first, end] of ranges) {
    for (let t = first; t < end; t++) {
      if (covered[t]) continue;
      const id = tokens.ids[t]!;
      let target = id >= 0 ? known.get(id) : undefined;
      if (target === undefined) {
        target = slipOf(index, tokens.norms[t]!) ?? null;
        if (id >= 0) known.set(id, target);
      }
      if (!target) continue;
      covered[t] = 1;
      const list = out.get(target.lexicon) ?? [];
      list.push({ lexicon: target.lexicon, entry: target.entry, firstToken: t, endToken: t + 1 });
      out.set(target.lexicon, list);
    }
  }
  return out;
}
