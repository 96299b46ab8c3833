// Writes the row lists of docs/grammar.md from the grammars themselves (npm run docs), so the doc
// never drifts from the code; test/engine/chart/grammar-doc.test.ts fails when it does.
import { readFileSync, writeFileSync } from 'node:fs';
import { importTs } from './import-ts.mjs';

const DOC = new URL('../docs/grammar.md', import.meta.url);
const { TIME_RULE_NAMES } = await importTs('src/engine/chart/time-grammar.ts');
const { MEASURE_RULE_NAMES } = await importTs('src/engine/chart/measure-grammar.ts');

export function rowsBlock(time, measure) {
  const list = (names) => names.map((n) => `- ${n}`).join('\n');
  return `<!-- rows:start -->\n### Time rows (src/engine/chart/time-grammar.ts)\n\n${list(time)}\n\n### Measure rows (src/engine/chart/measure-grammar.ts)\n\n${list(measure)}\n<!-- rows:end -->`;
}

const text = readFileSync(DOC, 'utf8');
const next = text.replace(/<!-- rows:start -->[\s\S]*<!-- rows:end -->/, rowsBlock(TIME_RULE_NAMES, MEASURE_RULE_NAMES));
if (next !== text) writeFileSync(DOC, next);
console.log(`docs/grammar.md: ${TIME_RULE_NAMES.length} time rows, ${MEASURE_RULE_NAMES.length} measure rows`);
