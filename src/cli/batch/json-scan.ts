// Small, linear scans over JSON text that JSON.parse cannot do for us:
//  - split a top-level array into its elements, so one file of 10,000 visits is checked by every
//    worker and one bad element does not sink the other 9,999;
//  - find where a visit's note (or each note part's text) and each claim line sit in the file, so
//    SARIF, CSV and HTML can point at the line and column of the evidence.
// JSON strings hold no raw line breaks, so every line break in JSON text is whitespace between
// tokens; the scans count them as they pass.

/** Where a piece of text starts in its file: offset, 1-based line and column. */
export interface TextStart {
  offset: number;
  line: number;
  column: number;
}

export const FILE_START: TextStart = { offset: 0, line: 1, column: 1 };

const isSpace = (code: number): boolean => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

/** Index just past the closing quote of the string whose opening quote is at `quote`, or -1. */
function skipString(text: string, quote: number): number {
  let i = quote + 1;
  for (;;) {
    const close = text.indexOf('"', i);
    if (close < 0) return -1;
    // An odd run of backslashes before the quote escapes it.
    let slashes = 0;
    for (let k = close - 1; k > quote && text.charCodeAt(k) === 0x5c; k--) slashes++;
    if (slashes % 2 === 0) return close + 1;
    i = close + 1;
  }
}

export interface ArrayElement extends TextStart {
  /** Index just past the element's last character. */
  end: number;
}

/**
 * The elements of a JSON text whose top-level value is an array, each with where it starts.
 * undefined when the text is not a well-bracketed array of comma-separated values (the caller
 * then lets JSON.parse locate the problem for the whole file). Elements are not validated
 * beyond their brackets and strings: each is parsed on its own later.
 */
export function splitJsonArray(text: string): ArrayElement[] | undefined {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const skipSpace = (): void => {
    while (i < text.length && isSpace(text.charCodeAt(i))) {
      if (text.charCodeAt(i) === 0x0a) {
        line++;
        lineStart = i + 1;
      }
      i++;
    }
  };
  skipSpace();
  if (text[i] !== '[') return undefined;
  i++;
  const elements: ArrayElement[] = [];
  skipSpace();
  if (text[i] === ']') {
    i++;
    skipSpace();
    return i === text.length ? elements : undefined;
  }
  for (;;) {
    skipSpace();
    const start = i;
    const startLine = line;
    const startColumn = i - lineStart + 1;
    let depth = 0;
    let lastToken = -1;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        const next = skipString(text, i);
        if (next < 0) return undefined;
        lastToken = next;
        i = next;
        continue;
      }
      if (code === 0x7b || code === 0x5b) depth++;
      else if (code === 0x7d || code === 0x5d) {
        if (depth === 0) break; // the closing "]" of the top-level array
        depth--;
      } else if (code === 0x2c && depth === 0) break;
      else if (code === 0x0a) {
        line++;
        lineStart = i + 1;
      }
      if (!isSpace(code)) lastToken = i + 1;
      i++;
    }
    if (depth !== 0 || lastToken <= start) return undefined;
    elements.push({ offset: start, line: startLine, column: startColumn, end: lastToken });
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] !== ']') return undefined;
    i++;
    skipSpace();
    return i === text.length ? elements : undefined;
  }
}

/** Where one visit's located fields sit in its own text (offsets into that text). */
export interface VisitFields {
  /** Opening quote of `note` when it is a string. */
  note?: number;
  /** Opening quote of `note[k].text`, by part index. */
  parts: (number | undefined)[];
  /** First character of `lines[k]`, by claim-line index. */
  lines: number[];
  /** First character of the visit object itself. */
  start: number;
}

/**
 * The note string, the note parts' texts and the claim lines of one visit object, given its valid
 * JSON text. An iterative scan with a small path stack; values elsewhere are skipped.
 */
export function locateVisitFields(text: string): VisitFields {
  const fields: VisitFields = { parts: [], lines: [], start: 0 };
  // Path from the root: object keys and array indexes (as numbers).
  const path: (string | number)[] = [];
  const containers: ('{' | '[')[] = [];
  let i = 0;
  let expectingKey = false;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  fields.start = i;

  const valueStarts = (at: number, isString: boolean): void => {
    const [k0, k1, k2] = path;
    if (path.length === 1 && k0 === 'note' && isString) fields.note = at;
    else if (path.length === 3 && k0 === 'note' && typeof k1 === 'number' && k2 === 'text' && isString) fields.parts[k1] = at;
    else if (path.length === 2 && k0 === 'lines' && typeof k1 === 'number') fields.lines[k1] = at;
  };

  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isSpace(code) || code === 0x3a) {
      i++;
      continue;
    }
    if (code === 0x2c) {
      // Next member or element.
      const top = containers[containers.length - 1];
      if (top === '[') path[path.length - 1] = (path[path.length - 1] as number) + 1;
      else if (top === '{') {
        path.pop();
        expectingKey = true;
      }
      i++;
      continue;
    }
    if (code === 0x22) {
      const end = skipString(text, i);
      if (end < 0) break;
      if (expectingKey) {
        path.push(JSON.parse(text.slice(i, end)) as string);
        expectingKey = false;
      } else if (containers.length > 0) {
        valueStarts(i, true);
      }
      i = end;
      continue;
    }
    if (code === 0x7b || code === 0x5b) {
      if (containers.length > 0) valueStarts(i, false);
      containers.push(code === 0x7b ? '{' : '[');
      if (code === 0x7b) expectingKey = true;
      else path.push(0);
      i++;
      continue;
    }
    if (code === 0x7d || code === 0x5d) {
      const top = containers.pop();
      // Leaving a container drops its key or index (an empty object pushed none).
      if (top === '[' || (top === '{' && !expectingKey)) path.pop();
      expectingKey = false;
      i++;
      continue;
    }
    // A number or literal as a value.
    if (containers.length > 0) valueStarts(i, false);
    while (i < text.length && !isSpace(text.charCodeAt(i)) && text[i] !== ',' && text[i] !== '}' && text[i] !== ']') i++;
  }
  return fields;
}

/**
 * Offsets into a JSON string's raw text (from its opening quote) for offsets into the decoded
 * value: each escape (\n, \", \uXXXX) is one decoded code unit but several raw ones. `offsets` may
 * be in any order; one pass over the string serves them all.
 */
export function rawOffsetsInString(text: string, quote: number, offsets: readonly number[]): Map<number, number> {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  let raw = quote + 1;
  let decoded = 0;
  let w = 0;
  while (w < wanted.length) {
    const target = wanted[w] as number;
    if (decoded === target) {
      out.set(target, raw);
      w++;
      continue;
    }
    const code = text.charCodeAt(raw);
    if (code === 0x22 || Number.isNaN(code)) {
      // Past the end of the string: clamp to its closing quote.
      out.set(target, raw);
      w++;
      continue;
    }
    raw += code === 0x5c ? (text[raw + 1] === 'u' ? 6 : 2) : 1;
    decoded++;
  }
  return out;
}

/** 1-based line and column for many offsets into one text, in one pass from `from`. */
export function lineColumns(text: string, offsets: readonly number[], from: TextStart = FILE_START): Map<number, { line: number; column: number }> {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map<number, { line: number; column: number }>();
  let line = from.line;
  // Column of a position on the first line counts from where the text starts in its file.
  let lineStart = -(from.column - 1);
  let next = text.indexOf('\n');
  for (const offset of wanted) {
    while (next !== -1 && next < offset) {
      line++;
      lineStart = next + 1;
      next = text.indexOf('\n', next + 1);
    }
    out.set(offset, { line, column: offset - lineStart + 1 });
  }
  return out;
}
