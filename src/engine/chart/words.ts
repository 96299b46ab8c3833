// Lower-cased words as one string per distinct word. Both tokenizers (tokens.ts for vocabulary,
// lex.ts for facts) lower-case every word of the note; most words repeat, so each is made once per
// analysis and looked up after that. The same string object everywhere also keeps map lookups on it
// cheap (its hash is computed once). Each distinct word also has a small number (its id), shared by
// both tokenizers, so a pass can work a fact out once per word instead of once per token. A table
// lives for one analysis only: nothing of a note outlives it.

/** Pure ASCII words only (other scripts lower-case in ways that depend on context: final sigma). */
export class WordTable {
  private hashes: Int32Array;
  /** Id + 1 of the word in each slot (0: empty slot). */
  private slots: Int32Array;
  private mask: number;
  /** The words by id. */
  private readonly list: string[] = [];

  /**
   * Sized for a text of `chars` characters: distinct words grow far slower than text, so it starts
   * small and grows. A short note has about one distinct word per eight characters, and the table is
   * kept at most half full: a slot per four characters up to 4,096 slots spares a note its rehashes.
   */
  constructor(chars: number) {
    let size = 64;
    while (size < chars / 4 && size < 4096) size *= 2;
    this.hashes = new Int32Array(size);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** How many distinct words have an id (ids are 0 … size - 1). */
  get size(): number {
    return this.list.length;
  }

  /** The lower-cased word of an id. */
  word(id: number): string {
    return this.list[id]!;
  }

  /** text.slice(start, end).toLowerCase(), made once per distinct ASCII word. */
  lower(text: string, start: number, end: number): string {
    const id = this.id(text, start, end);
    return id >= 0 ? this.list[id]! : text.slice(start, end).toLowerCase();
  }

  /** The id of text.slice(start, end) lower-cased, or -1 for a word with a character outside ASCII. */
  id(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let k = start; k < end; k++) {
      let c = text.charCodeAt(k);
      if (c >= 128) return -1;
      if (c >= 65 && c <= 90) c += 32;
      hash = Math.imul(hash ^ c, 0x01000193);
    }
    const length = end - start;
    let slot = hash & this.mask;
    for (let taken = this.slots[slot]!; taken !== 0; taken = this.slots[slot]!) {
      const word = this.list[taken - 1]!;
      if (this.hashes[slot] === hash && word.length === length && sameLowerCase(word, text, start)) return taken - 1;
      slot = (slot + 1) & this.mask;
    }
    const id = this.list.length;
    this.list.push(text.slice(start, end).toLowerCase());
    this.slots[slot] = id + 1;
    this.hashes[slot] = hash;
    // Half full at most, so probes stay short.
    if (this.list.length * 2 > this.slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const slots = this.slots;
    const hashes = this.hashes;
    const size = slots.length * 2;
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
    for (let k = 0; k < slots.length; k++) {
      if (slots[k] === 0) continue;
      let slot = hashes[k]! & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = slots[k]!;
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
