// Lower-cased words as one string per distinct word. Both tokenizers (tokens.ts for vocabulary,
// lex.ts for facts) lower-case every word of the note; most words repeat, so each is made once per
// analysis and looked up after that. The same string object everywhere also keeps map lookups on it
// cheap (its hash is computed once). A table lives for one analysis only: nothing of a note outlives it.

/** Pure ASCII words only (other scripts lower-case in ways that depend on context: final sigma). */
export class WordTable {
  private readonly hashes: Int32Array;
  private readonly words: (string | undefined)[];
  private readonly mask: number;
  private room: number;

  /** Sized for a text of `chars` characters. */
  constructor(chars: number) {
    let size = 64;
    while (size < chars / 4 && size < 1 << 17) size *= 2;
    this.hashes = new Int32Array(size);
    this.words = new Array<string | undefined>(size).fill(undefined);
    this.mask = size - 1;
    // Half full at most, so probes stay short; past that, words are made as they come.
    this.room = size >> 1;
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
    if (this.room > 0) {
      this.room--;
      this.words[slot] = word;
      this.hashes[slot] = hash;
    }
    return word;
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
