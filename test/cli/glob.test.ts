// Glob matching for `check` arguments (src/cli/batch/glob.ts): shell-like semantics, and no pattern
// that can make matching backtrack exponentially (the flaw of turning "*" into ".*" regexes).
import { describe, expect, it } from 'vitest';
import { expandBraces, hasGlobSyntax, MAX_ALTERNATIVES, matchPath, matchSegment, parseGlob } from '../../src/cli/batch/glob';

const matches = (pattern: string, path: string): boolean => matchPath(parseGlob(pattern).segments, path);

describe('parseGlob', () => {
  it('walks from the literal folders before the first wildcard', () => {
    expect(parseGlob('exports/2026/*.json').base).toBe('exports/2026');
    expect(parseGlob('*.json').base).toBe('.');
    expect(parseGlob('/srv/notes/**/*.txt').base).toBe('/srv/notes');
    expect(parseGlob('a/b[0-9]/c.json').base).toBe('a');
    expect(parseGlob('a/\\*literal/x*.json').base).toBe('a/*literal');
  });
});

describe('matching', () => {
  it.each([
    ['*.json', 'visit.json', true],
    ['*.json', 'visit.txt', false],
    ['*.json', 'a/visit.json', false],
    ['**/*.json', 'visit.json', true],
    ['**/*.json', 'a/b/c/visit.json', true],
    ['a/**/b/*.txt', 'a/b/n.txt', true],
    ['a/**/b/*.txt', 'a/x/y/b/n.txt', true],
    ['a/**/b/*.txt', 'a/x/y/c/n.txt', false],
    ['visit-?.json', 'visit-7.json', true],
    ['visit-?.json', 'visit-17.json', false],
    ['visit-[0-4].json', 'visit-3.json', true],
    ['visit-[0-4].json', 'visit-5.json', false],
    ['visit-[!0-4].json', 'visit-5.json', true],
    ['visit-[^a-z].json', 'visit-b.json', false],
    ['[]]x', ']x', true],
    ['a[b', 'a[b', true],
    ['\\*.json', '*.json', true],
    ['\\*.json', 'x.json', false],
    ['*', '.hidden', false],
    ['.*', '.hidden', true],
    ['**/*.json', '.git/x.json', false],
    ['*a*b*c*', 'xxaxxbxxcxx', true],
    ['*a*b*c*', 'xxaxxcxxbxx', false],
  ])('%s against %s: %s', (pattern, path, expected) => {
    expect(matches(pattern, path)).toBe(expected);
  });

  it('stays linear on patterns that make backtracking regexes explode', () => {
    // /^(.*a){24}$/ on this name takes longer than the age of the universe; the two-pointer match
    // returns at once (a runaway would hit the test timeout).
    const segment = parseGlob(`${'*a'.repeat(24)}b`).segments[0]!;
    const name = 'a'.repeat(5000);
    expect(matchSegment(segment, name)).toBe(false);
    expect(matchSegment(segment, `${name}b`)).toBe(true);
    const stars = parseGlob(`${'**/'.repeat(30)}*.json`).segments;
    expect(matchPath(stars, `${'d/'.repeat(200)}x.json`)).toBe(true);
    expect(matchPath(stars, `${'d/'.repeat(200)}x.txt`)).toBe(false);
  });
});

describe('braces and glob syntax', () => {
  it('expands alternatives, nested ones included, and leaves lone braces literal', () => {
    expect(expandBraces('*.{json,txt}')).toEqual(['*.json', '*.txt']);
    expect(expandBraces('a{b,c{d,e}}f')).toEqual(['abf', 'acdf', 'acef']);
    expect(expandBraces('{a}.json')).toEqual(['{a}.json']);
    expect(expandBraces('\\{a,b}.json')).toEqual(['\\{a,b}.json']);
    expect(expandBraces('x{.json')).toEqual(['x{.json']);
  });

  it('refuses more alternatives than a person would write', () => {
    expect(() => expandBraces('{a,b}'.repeat(9))).toThrow(RangeError);
    expect(expandBraces('{a,b}'.repeat(8))).toHaveLength(MAX_ALTERNATIVES);
  });

  it('tells glob syntax from plain names', () => {
    expect(hasGlobSyntax('notes/*.txt')).toBe(true);
    expect(hasGlobSyntax('notes/visit[1].json')).toBe(true);
    expect(hasGlobSyntax('*.{json,txt}')).toBe(true);
    expect(hasGlobSyntax('notes/visit.json')).toBe(false);
    expect(hasGlobSyntax('notes/\\*.json')).toBe(false);
    expect(hasGlobSyntax('{lone}.json')).toBe(false);
  });
});
