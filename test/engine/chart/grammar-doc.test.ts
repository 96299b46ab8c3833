// docs/grammar.md lists every grammar row by name, as the code holds them (npm run docs writes it).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MEASURE_RULE_NAMES } from '../../../src/engine/chart/measure-grammar';
import { TIME_RULE_NAMES } from '../../../src/engine/chart/time-grammar';

describe('docs/grammar.md', () => {
  const doc = readFileSync('docs/grammar.md', 'utf8');
  it('lists every time and measure row (run npm run docs after adding one)', () => {
    for (const name of [...TIME_RULE_NAMES, ...MEASURE_RULE_NAMES]) expect(doc, name).toContain(`- ${name}\n`);
  });
  it('lists no row the code no longer has', () => {
    const block = doc.slice(doc.indexOf('<!-- rows:start -->'), doc.indexOf('<!-- rows:end -->'));
    const listed = block.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
    expect(listed.sort()).toEqual([...TIME_RULE_NAMES, ...MEASURE_RULE_NAMES].sort());
  });
});
