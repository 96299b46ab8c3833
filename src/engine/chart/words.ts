// Lower-cased words as one string per distinct word. Both tokenizers (tokens.ts for vocabulary,
// lex.ts for facts) lower-case every word of the note; most words repeat, so each is made once per
// analysis and looked up after that. The same string object everywhere also keeps map lookups on it
// cheap (its hash is computed once). A table lives for one analysis only: nothing of a note outlives it.

/** Pure ASCII words only (other scripts lower-case in ways that depend on context: final sigma). */
export class WordTable {
  private hashes: Int32Array;
  private words: (string | undefined)[];
  private mask: number;
  private stored = 0;

  /** Sized for a text of `chars` characters: distinct words grow far slower than text, so it starts small and grows. */
  constructor(chars: number) {
    let size = 64;
    while (size < chars / 16 && size < 4096) size *= 2;
    this.hashes = new Int32Array(size);
    this.words = new Array<string | undefined>(size).fill(undefined);
    this.mask = size - 1;
  }

  /** text.slice(start, end).toLowerCase(), made once per distinct ASCII word. */
  lower(text: string, start: number, end: number): string {
    let hash = 0x811c9dc5;
    for (let k = start; k < end; k++) {
      let c = text.charCodeAt(k);
      if (c >= 128) return text.slice(start, end).toLowerCase();
      if (c >= 65 && c <= 90) c += 32;
      hash = Math.imul(hash ^ c, 0x01000193);
    }
    const length = end - start;
    let slot = hash & this.mask;
    for (let word = this.words[slot]; word !== undefined; word = this.words[slot]) {
      if (this.hashes[slot] === hash && word.length === length && sameLowerCase(word, text, start)) return word;
      slot = (slot + 1) & this.mask;
    }
    const word = text.slice(start, end).toLowerCase();
    this.words[slot] = word;
    this.hashes[slot] = hash;
    // Half full at most, so probes stay short.
    if (++this.stored * 2 > this.words.length) this.grow();
    return word;
  }

  private grow(): void {
    const words = this.words;
    const hashes = this.hashes;
    const size = words.length * 2;
    this.words = new Array<string | undefined>(size).fill(undefined);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
    for (let k = 0; k < words.length; k++) {
      const word = words[k];
      if (word === undefined) continue;
      let slot = hashes[k]! & this.mask;
      while (this.words[slot] !== undefined) slot = (slot + 1) & this.mask;
      this.words[slot] = word;
      this.hashes[slot] = hashes[k]!;
    }
  }
}

function sameLowerCase(word: string, text: string, start: number): boolean {
  for (let k = 0; k < word.length; k++) {
    let c = text.charCodeAt(start + k);
    if (c >= 65 && c <= 90) c += 32;
    if (word.charCodeAt(k) !== c) return false;
  }
  return true;
}
