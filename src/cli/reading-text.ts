// `check --explain` for people: what the engine read, section by section, each item with the
// note text it came from. Generic over the Reading's sections (src/engine/explain.ts), so a new
// section shows up here without a change.
import { type Reading, readingSections } from '../engine/explain';
import type { Evidence } from '../engine/types';
import { oneLine as flat } from './text';

/**
 * `"15 min"  [Objective 120-126]  in "Therapeutic exercise -- 15 min."`: the sentence only when it
 * says more than the quote and differs from the one printed just before (`previous`).
 */
export function evidenceLine(evidence: Evidence, previous?: string): { line: string; sentence?: string } {
  const where = `[${evidence.part ? `${evidence.part} ` : ''}${evidence.start}-${evidence.end}]`;
  const quoted = `"${flat(evidence.text, 80)}"  ${where}`;
  const sentence = evidence.context && flat(evidence.context.text, 200);
  if (!sentence || sentence === flat(evidence.text, 200)) return { line: quoted };
  return { line: sentence === previous ? quoted : `${quoted}  in "${sentence}"`, sentence };
}

/** Lines indented under a visit's heading in the text report. */
export function readingLines(reading: Reading, indent = '  '): string[] {
  const out = [`${indent}What the engine read`];
  for (const section of readingSections(reading)) {
    out.push(`${indent}  ${section.title}${section.summary ? ` — ${section.summary}` : ''}`);
    if (section.items.length === 0) out.push(`${indent}    ${section.none}`);
    let previous: string | undefined;
    for (const item of section.items) {
      out.push(`${indent}    ${item.says}`);
      for (const evidence of item.evidence) {
        const { line, sentence } = evidenceLine(evidence, previous);
        out.push(`${indent}        ${line}`);
        previous = sentence;
      }
    }
    if (section.omitted) out.push(`${indent}    … and ${section.omitted} more`);
  }
  return out;
}
