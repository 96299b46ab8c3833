// Match patterns are matched in linear time, whatever the pattern: proved by counting character
// comparisons (never by a clock), on the worst case that froze a page (ten stars against a long
// path that almost matches) and on random patterns and paths. The matcher also agrees with the
// obvious quadratic-space reference (dynamic programming over pattern × text) on random inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatch, parseMatchPattern, type StepCounter } from '../../src/adapters/match-pattern';

/** Reference glob matcher: DP over (pattern, text) prefixes; slow but obviously right. */
function reference(glob: string, text: string): boolean {
  let row = new Array<boolean>(text.length + 1).fill(false);
  row[0] = true;
  for (const ch of glob) {
    const next = new Array<boolean>(text.length + 1).fill(false);
    if (ch === '*') {
      next[0] = row[0] ?? false;
      for (let j = 1; j <= text.length; j += 1) next[j] = (row[j] ?? false) || (next[j - 1] ?? false);
    } else {
      for (let j = 1; j <= text.length; j += 1) next[j] = (row[j - 1] ?? false) && text[j - 1] === ch;
    }
    row = next;
  }
  return row[text.length] ?? false;
}

function steps(glob: string, text: string): number {
  const counter: StepCounter = { steps: 0 };
  globMatch(glob, text, counter);
  return counter.steps;
}

/** The bound the matcher keeps: every comparison is charged to a text or a pattern character. */
const bound = (glob: string, text: string) => 2 * (text.length + glob.length) + 2;

describe('glob matching of match-pattern paths', () => {
  it('agrees with the reference on random globs and texts (small alphabet, many stars)', () => {
    const glob = fc.array(fc.constantFrom('a', 'b', '/', '*', '**'), { maxLength: 12 }).map((parts) => parts.join(''));
    const text = fc.array(fc.constantFrom('a', 'b', '/'), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(glob, text, (g, t) => {
        expect(globMatch(g, t)).toBe(reference(g, t));
      }),
      { numRuns: 3000 },
    );
  });

  it('does at most 2·(text + pattern) + 2 comparisons on any input', () => {
    const glob = fc.array(fc.constantFrom('a', 'aa', 'ab', 'b', '*', '/x'), { maxLength: 40 }).map((parts) => parts.join(''));
    const text = fc.array(fc.constantFrom('a', 'b', '/x'), { maxLength: 400 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(glob, text, (g, t) => {
        expect(steps(g, t)).toBeLessThanOrEqual(bound(g, t));
      }),
      { numRuns: 2000 },
    );
  });

  it('does linear work on the pattern that froze a page: ten stars, a long path that almost matches', () => {
    // Ends in a star, so nothing is settled by the last piece: every piece is searched for in turn
    // and the last ("b") is looked for through the whole rest of the path.
    const glob = `/${'*a'.repeat(10)}*b*`;
    const counts = [1_000, 10_000, 100_000].map((n) => {
      const text = `/${'a'.repeat(n)}`;
      expect(globMatch(glob, text)).toBe(false);
      expect(globMatch(glob, `${text}b`)).toBe(true);
      return steps(glob, text);
    });
    // The whole path is read (work grows with it) ...
    expect(counts[0]!).toBeGreaterThanOrEqual(1_000);
    // ... and ×10 path → at most ×10 work (plus the fixed pattern cost): no power of n anywhere.
    for (let i = 1; i < counts.length; i += 1) expect(counts[i]!).toBeLessThanOrEqual(10 * counts[i - 1]! + 100);
    expect(counts[2]!).toBeLessThanOrEqual(bound(glob, `/${'a'.repeat(100_000)}`));
    // A regular expression with one .* per star (the old matcher) backtracks ~n^10 times on the same input.
  });

  it('keeps the bound with KMP-hard pieces (long runs of one letter with a different last letter)', () => {
    const piece = `${'a'.repeat(50)}b`;
    const glob = `*${piece}*${piece}*`;
    const text = `${'a'.repeat(20_000)}b${'a'.repeat(20_000)}`;
    expect(globMatch(glob, text)).toBe(false);
    expect(steps(glob, text)).toBeLessThanOrEqual(bound(glob, text));
  });
});

describe('match patterns against URLs', () => {
  const matches = (pattern: string, url: string) => parseMatchPattern(pattern)?.matches(url) ?? null;

  it('compares scheme, host and port as values and globs only the path and query', () => {
    expect(matches('https://ehr.example.com/chart/*/note', 'https://ehr.example.com/chart/12/note')).toBe(true);
    expect(matches('https://ehr.example.com/chart/*/note', 'https://ehr.example.com/chart/12/notes')).toBe(false);
    expect(matches('https://ehr.example.com/*?enc=*', 'https://ehr.example.com/a?enc=4#top')).toBe(true);
    expect(matches('https://EHR.example.com/*', 'https://ehr.EXAMPLE.com/x')).toBe(true);
    expect(matches('https://ehr.example.com/Chart/*', 'https://ehr.example.com/chart/1')).toBe(false);
    expect(matches('https://*.example.com/*', 'https://example.com/')).toBe(true);
    expect(matches('https://*.example.com/*', 'https://deep.a.example.com/')).toBe(true);
    expect(matches('https://*.example.com/*', 'https://notexample.com/')).toBe(false);
    expect(matches('https://ehr.example.com:443/*', 'https://ehr.example.com/')).toBe(true);
    expect(matches('https://ehr.example.com:8443/*', 'https://ehr.example.com/')).toBe(false);
    expect(matches('*://ehr.example.com/*', 'ftp://ehr.example.com/')).toBe(false);
    expect(matches('https://ehr.example.com/*', 'not a url')).toBe(false);
  });

  it('parses patterns with many stars without ever building a regular expression from them', () => {
    const pattern = `https://ehr.example.com/${'*/'.repeat(10)}*`;
    const parsed = parseMatchPattern(pattern);
    expect(parsed).not.toBeNull();
    expect(parsed?.matches(`https://ehr.example.com/${'a/'.repeat(10)}z`)).toBe(true);
    expect(parsed?.matches(`https://ehr.example.com/${'a'.repeat(50_000)}`)).toBe(false);
  });
});
