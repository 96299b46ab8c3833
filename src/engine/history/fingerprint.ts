// Note fingerprints: what the cross-visit rules compare instead of text. A section's words are
// normalised, cut into overlapping runs of SHINGLE_WORDS words (shingles), each shingle hashed, and
// the set summarised by a MinHash sketch: for each of SKETCH_SLOTS hash functions, the smallest
// value over all shingles, of which only the low 16 bits are kept ("b-bit MinHash", Li & König).
// Two sketches agree in a slot with probability ≈ the Jaccard similarity of the two shingle sets.
//
// A sketch holds SKETCH_SLOTS 16-bit integers and nothing else: no word, no count of words, no
// order. With a salt (the extension's per-install random number), the hash functions are keyed, so
// someone holding a sketch and a dictionary cannot even test guesses without the salt.

/** Words per shingle: three keeps a changed number or word from matching, without making every edit total. */
export const SHINGLE_WORDS = 3;
/** Hash functions per sketch. The estimate's standard error is about √(J(1−J)/64) ≤ 0.0625. */
export const SKETCH_SLOTS = 64;

export type Sketch = Uint16Array;

export interface Fingerprint {
  sketch: Sketch;
  /** How many distinct shingles the text had, capped at 255: small texts are too short to compare. */
  size: number;
}

/** 32-bit finaliser of MurmurHash3: spreads every input bit over the output. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, seeded: a string's 32-bit hash. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** One seed per slot, fixed: sketches made by any build of the same salt compare. */
const SLOT_SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SKETCH_SLOTS);
  let x = 0x9e3779b9;
  for (let i = 0; i < SKETCH_SLOTS; i++) {
    x = mix32(x + 0x9e3779b9);
    seeds[i] = x;
  }
  return seeds;
})();

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased letter and digit runs: punctuation, spacing and capitals do not make a note new. */
export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** A text's 32-bit MinHash minimums (one per slot) and its distinct shingle count, before truncation. */
export interface MinHashes {
  mins: Uint32Array;
  size: number;
}

/**
 * The MinHash minimums of a text's shingles. Each word is hashed once (seeded by the salt) and a
 * shingle's hash is mixed from its words' hashes, so no shingle string is ever built.
 */
export function minHashes(text: string, salt = 0): MinHashes {
  const list = words(text);
  const wordHashes = list.map((w) => hashString(w, salt));
  const shingles = new Set<number>();
  const shingleAt = (i: number, n: number): number => {
    let h = mix32(salt ^ 0x2545f491);
    for (let k = 0; k < n; k++) h = mix32(h ^ wordHashes[i + k]!);
    return h;
  };
  if (list.length > 0 && list.length < SHINGLE_WORDS) shingles.add(shingleAt(0, list.length));
  for (let i = 0; i + SHINGLE_WORDS <= list.length; i++) shingles.add(shingleAt(i, SHINGLE_WORDS));
  const mins = new Uint32Array(SKETCH_SLOTS).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let slot = 0; slot < SKETCH_SLOTS; slot++) {
      const v = mix32(shingle ^ SLOT_SEEDS[slot]!);
      if (v < mins[slot]!) mins[slot] = v;
    }
  }
  return { mins, size: shingles.size };
}

/**
 * The minimums of the union of several texts' shingle sets (a MinHash of a union is the slot-wise
 * minimum): a whole note from its sections, without hashing its shingles again.
 */
export function unionOf(parts: readonly MinHashes[]): MinHashes {
  const mins = new Uint32Array(SKETCH_SLOTS).fill(0xffffffff);
  let size = 0;
  for (const part of parts) {
    size += part.size;
    for (let slot = 0; slot < SKETCH_SLOTS; slot++) if (part.mins[slot]! < mins[slot]!) mins[slot] = part.mins[slot]!;
  }
  return { mins, size };
}

/**
 * The sketch kept of MinHash minimums: the low 16 bits of each (its high bits are mostly zeros, it
 * being a minimum), written to `into` (SKETCH_SLOTS slots, e.g. a view of one buffer shared by a
 * note's sketches).
 */
export function toFingerprint(hashes: MinHashes, into: Sketch = new Uint16Array(SKETCH_SLOTS)): Fingerprint {
  for (let slot = 0; slot < SKETCH_SLOTS; slot++) into[slot] = hashes.mins[slot]! & 0xffff;
  return { sketch: into, size: Math.min(hashes.size, 255) };
}

/** The sketch of a text's shingles; `salt` keys the hashes (0 when nothing is stored). */
export function fingerprint(text: string, salt = 0, into?: Sketch): Fingerprint {
  return toFingerprint(minHashes(text, salt), into);
}

/** Estimated Jaccard similarity of the two texts' shingle sets, 0–1. */
export function similarity(a: Sketch, b: Sketch): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}
