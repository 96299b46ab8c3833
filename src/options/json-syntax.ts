// Browsers word JSON.parse errors differently, and V8 often gives no position at all. This small
// recursive-descent scanner finds the first syntax error itself, so the options page can say
// where it is and what was expected in the same words in every browser.

export type JsonProblem =
  | 'value'
  | 'property-name'
  | 'colon'
  | 'comma-or-object-end'
  | 'comma-or-array-end'
  | 'string-end'
  | 'escape'
  | 'number'
  | 'trailing';

export interface JsonSyntaxError {
  offset: number;
  problem: JsonProblem;
}

class Stop extends Error {
  constructor(readonly at: JsonSyntaxError) {
    super(at.problem);
  }
}

/** null when the text is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const fail = (problem: JsonProblem): never => {
    throw new Stop({ offset: i, problem });
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('value');
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n' || c === '\r') fail('string-end');
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const next = text[i + 1] ?? '';
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('escape');
          i += 6;
        } else if ('"\\/bfnrt'.includes(next) && next !== '') {
          i += 2;
        } else {
          fail('escape');
        }
      } else if ((c?.charCodeAt(0) ?? 0) < 0x20) {
        fail('string-end');
      } else {
        i++;
      }
    }
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail('number');
    i += match?.[0].length ?? 0;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail('value');
  };
  const object = () => {
    i++;
    space();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      space();
      if (text[i] !== '"') fail('property-name');
      string();
      space();
      if (text[i] !== ':') fail('colon');
      i++;
      value();
      space();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail('comma-or-object-end');
    }
  };
  const array = () => {
    i++;
    space();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      space();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail('comma-or-array-end');
    }
  };

  try {
    value();
    space();
    if (i < text.length) fail('trailing');
    return null;
  } catch (error) {
    if (error instanceof Stop) return error.at;
    throw error;
  }
}
