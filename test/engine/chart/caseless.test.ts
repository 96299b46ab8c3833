// caseless(): a pattern written for the 'i' flag, rewritten to need none, matches exactly what the
// original matches (on random text made of the characters where case folding could differ).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseless, caselessRegExp } from '../../../src/engine/chart/caseless';

const PATTERNS = [
  String.raw`(?<![A-Za-z-])(?:date of service|dos)[ \t]{0,3}(?:on[ \t])?(\d{1,2}\/\d{1,2}\/\d{2,4}|(?:jan|sept?)[a-z]{0,6}\.?[ \t]\d{1,2})`,
  String.raw`\bvisit[ \t]{0,2}(?:#|no\.?|number)?[ \t]{0,2}:?(\d{1,3})(?![\d/\-:]|[ \t]?(?:min|'|’|units?\b))`,
  String.raw`signed(?:[ \t]+by)?[ \t]{0,3}([A-Z][A-Za-z'’.\-]{0,30})[ \t]{1,3}((?:PT|OTR\/L|LMT))(?![A-Za-z])`,
  String.raw`^[^\n\d]{0,30}?\(?(\d{1,3})[ \t]?(?:min(?:ute)?s?\b|['’′])`,
  String.raw`[^a-c]K[\w][^\n-][A-Z_-][^-x][-y]`,
  // Uncased characters named by \u escapes, as the patterns in src/ write them (the CLI bundle stays ASCII).
  String.raw`\b(\d{1,2})[ \t]?(?:min|'|\u2019|[\u2032\u2022]|[A-Za-z'\u2019.\-]{2})`,
];
// Letters of both cases, look-alikes whose upper or lower case is ASCII (ſ, K Kelvin, ı, İ), digits, marks.
const ALPHABET = [...'aAbBcCdDeEiIjJkKlLmMnNoOpPsStTvVyYzZſKıİ’′\'0123 1/-.:#\t\n'];
const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((chars) => chars.join(''));
const matches = (re: RegExp, input: string) => [...input.matchAll(re)].map((m) => [m.index, ...m]);

describe('caseless', () => {
  it.each(PATTERNS)('matches what /%s/gi matches', (source) => {
    const folded = caselessRegExp(source, 'g');
    expect(folded.flags).toBe('g');
    const original = new RegExp(source, 'gi');
    fc.assert(
      fc.property(text, (input) => {
        expect(matches(folded, input)).toEqual(matches(original, input));
      }),
      { numRuns: 3000 },
    );
    // And on text the pattern is written to find.
    for (const input of ['Date of Service: 3/5/26', 'DOS on Sept 5', 'Visit #3 of 12', 'Signed by Ann Lee PT', ' (12 MIN)', '.kaBa', 'dkz a']) {
      expect(matches(folded, input)).toEqual(matches(original, input));
    }
  });

  it('gives letters their other case, in classes and ranges too', () => {
    expect(caseless(String.raw`ab[c-e\-x]\d{2,3}’`)).toBe(String.raw`[aA][bB][c-eC-E\-xX]\d{2,3}’`);
  });

  it('copies a \\u escape of a character with no case as written', () => {
    expect(caseless(String.raw`a\u2019[b\u2032]`)).toBe(String.raw`[aA]\u2019[bB\u2032]`);
  });

  it('refuses what it cannot rewrite exactly', () => {
    expect(() => caseless('(a)\\1')).toThrow(/not supported/);
    expect(() => caseless('\\x41')).toThrow(/not supported/);
    expect(() => caseless('[\\u0041-z]')).toThrow(/not supported/);
    expect(() => caseless('[\\--z]')).toThrow(/range starting with an escape/);
    expect(() => caseless('(?<name>a)')).toThrow(/named groups/);
    expect(() => caseless('[A-z]')).toThrow(/range/);
    expect(() => caseless('café')).toThrow(/case outside ASCII/);
    expect(() => caseless('\\u00e9')).toThrow(/not supported/);
    expect(() => caseless('\\u004b')).toThrow(/not supported/);
    expect(() => caselessRegExp('a', 'gi')).toThrow(/flags/);
  });
});
