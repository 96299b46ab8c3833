// `--format json`: the documented contract {"results":[…]}, byte for byte what it was when the
// whole run was buffered (JSON.stringify with 2-space indent), but written result by result.
// Inputs that gave no result are listed after the results as "problems" (only when there are any).
// A JSON document is only usable once complete; ndjson is the form to read while it streams.
import { resultJson } from '../../output';
import { type Format, problemJson } from './format';

/** JSON.stringify(value, null, 2), indented to sit `depth` levels deep. */
function nested(value: unknown, depth: number): string {
  const pad = ' '.repeat(2 * depth);
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`);
}

export const jsonFormat: Format = {
  locates: false,
  first: '\n',
  between: ',\n',
  begin: () => '{\n  "results": [',
  result: (item) => `    ${nested(resultJson(item), 2)}`,
  problem: () => '',
  end(summary, _run, written) {
    const close = written > 0 ? '\n  ]' : ']';
    const problems = summary.problems.length > 0 ? `,\n  "problems": ${nested(summary.problems.map(problemJson), 1)}` : '';
    return `${close}${problems}\n}\n`;
  },
};
