// CSS selectors checked without a DOM, for the worker (it resolves the managed policy and has no
// document) and the command line. css-selector-parser (MIT, no dependencies) implements the
// Selectors Level 4 grammar: brackets, strings, escapes, combinators, An+B, selector lists. It is
// forgiving about pseudo-class names on purpose ("progressive"): which ones exist is the browser's
// call, made where a document is at hand (./selector.ts domSelectorCheck) and at every use in the
// page (./page/config.ts). Not bundled into the options page, which has the browser's own parser.
import { createParser } from 'css-selector-parser';
import type { SelectorCheck } from './selector';

const parse = createParser({ syntax: 'progressive', strict: true });

/** Why `selector` is not a valid CSS selector list by its grammar, or null when it is. */
export const grammarSelectorCheck: SelectorCheck = (selector) => {
  // The parser lets a stray closing parenthesis or bracket through at the top level ("div)").
  if (/^[^([]*[)\]]/.test(selector.replace(/\\./g, '').replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ''))) return 'a closing bracket without its opening one';
  try {
    parse(selector);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message
      .replace(/^css-selector-parser parse error:\s*/, '')
      .replace(/\.?\s*Pos: (-?\d+)\.?$/, (_, pos: string) => (pos === '-1' ? ', at the end' : `, at character ${Number(pos) + 1}`));
  }
};
