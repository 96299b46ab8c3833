// Input files for `check` and `evaluate`: read, decode (UTF-8, UTF-16 by BOM, Windows-1252
// fallback), parse JSON with the problem located by line and column, and describe a Visit's
// problems by field. Every problem names the file and, for JSON, the field. (How `check` turns a
// file into visits is in batch/reader.ts and batch/process.ts.)
import { readFile, stat } from './fs';
import type { VisitIssue } from '../engine/visit';

export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

function isBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    // Tab, LF, FF, CR and ESC are ordinary in exported text.
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

/** Decode file bytes: BOM first (UTF-8, UTF-16 LE/BE), else UTF-8, else Windows-1252. */
export function decodeText(bytes: Uint8Array): Decoded {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xff && b1 === 0xfe) return decodeWith('utf-16le', bytes.subarray(2), 'UTF-16 LE');
  if (b0 === 0xfe && b1 === 0xff) return decodeWith('utf-16be', bytes.subarray(2), 'UTF-16 BE');
  const body = b0 === 0xef && b1 === 0xbb && b2 === 0xbf ? bytes.subarray(3) : bytes;
  if (isBinary(body)) {
    return {
      ok: false,
      reason: 'looks like a binary file, not text (if it is UTF-16, save it with a byte-order mark, or as UTF-8)',
    };
  }
  const utf8 = decodeWith('utf-8', body, 'UTF-8');
  if (utf8.ok) return utf8;
  // Notes exported from Windows EHRs are often Windows-1252; every byte sequence decodes.
  return { ok: true, text: decodeWindows1252(body), encoding: 'Windows-1252' };
}

// Node's TextDecoder('windows-1252') decodes as ISO-8859-1, turning curly quotes and dashes
// (0x80-0x9F) into invisible C1 controls, so map that block ourselves.
const CP1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? CP1252_80_9F[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

function decodeWith(label: string, bytes: Uint8Array, name: string): Decoded {
  try {
    return { ok: true, text: new TextDecoder(label, { fatal: true }).decode(bytes), encoding: name };
  } catch {
    return { ok: false, reason: `is not valid ${name} text` };
  }
}

/** 1-based line and column of a string offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const show = (ch: string | undefined): string => (ch === undefined ? 'end of input' : ch < ' ' ? JSON.stringify(ch) : `'${ch}'`);

/**
 * Where JSON text first goes wrong. JSON.parse on Node 20 often reports no position, and a biller
 * needs "line 12, column 5" to fix a hand-edited file. Iterative, so deep nesting cannot overflow.
 */
export function jsonErrorAt(text: string): { offset: number; problem: string } | undefined {
  const stack: ('{' | '[')[] = [];
  let i = 0;
  let state: 'value' | 'key' | 'after' = 'value';
  let justOpened = false;
  const fail = (problem: string) => ({ offset: i, problem });
  const skipSpace = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const readString = (): string | undefined => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === '"') {
        i++;
        return undefined;
      }
      if (ch < ' ') return 'control character inside a string (use \\n for new lines)';
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return 'bad \\u escape';
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) return `bad escape \\${next ?? ''}`;
        i += 2;
        continue;
      }
      i++;
    }
    return 'unterminated string';
  };

  for (;;) {
    skipSpace();
    const ch = text[i];
    if (state === 'value') {
      if (ch === '{') {
        stack.push('{');
        i++;
        state = 'key';
        justOpened = true;
      } else if (ch === '[') {
        stack.push('[');
        i++;
        skipSpace();
        if (text[i] === ']') {
          i++;
          stack.pop();
          state = 'after';
        }
      } else if (ch === '"') {
        const problem = readString();
        if (problem) return fail(problem);
        state = 'after';
      } else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) {
        NUMBER.lastIndex = i;
        const match = NUMBER.exec(text);
        if (!match) return fail('bad number');
        i += match[0].length;
        state = 'after';
      } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
        i += 4;
        state = 'after';
      } else if (text.startsWith('false', i)) {
        i += 5;
        state = 'after';
      } else if (ch === 't' || ch === 'f' || ch === 'n') {
        return fail('bad literal, expected true, false or null');
      } else {
        return fail(ch === undefined ? 'unexpected end of input' : `unexpected ${show(ch)}, expected a value`);
      }
      continue;
    }
    if (state === 'key') {
      if (ch === '}' && justOpened) {
        i++;
        stack.pop();
        state = 'after';
        justOpened = false;
        continue;
      }
      justOpened = false;
      if (ch !== '"') return fail(`unexpected ${show(ch)}, expected a "quoted" property name`);
      const problem = readString();
      if (problem) return fail(problem);
      skipSpace();
      if (text[i] !== ':') return fail(`unexpected ${show(text[i])}, expected ':'`);
      i++;
      state = 'value';
      continue;
    }
    // state === 'after': a value just ended
    const top = stack[stack.length - 1];
    if (top === undefined) return ch === undefined ? undefined : fail(`unexpected ${show(ch)} after the end of the JSON value`);
    const close = top === '{' ? '}' : ']';
    if (ch === ',') {
      i++;
      state = top === '{' ? 'key' : 'value';
    } else if (ch === close) {
      i++;
      stack.pop();
    } else {
      return fail(`unexpected ${show(ch)}, expected ',' or '${close}'`);
    }
  }
}

/** A value as a biller would recognise it in the file: "an array of 3", "\"abc\"", "null". */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function valueAt(root: unknown, path: string): unknown {
  if (path === '') return root;
  let value = root;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** "lines.0.units: expected a whole number (got "2")": the path a biller can find in the file. */
export function describeIssue(root: unknown, issue: VisitIssue): string {
  const value = valueAt(root, issue.path);
  const where = issue.path === '' ? 'top level' : issue.path;
  if (value === undefined) return `${where}: required field is missing`;
  return `${where}: ${issue.message} (got ${describeValue(value)})`;
}

export type ParsedJson = { ok: true; data: unknown } | { ok: false; problem: string };

/**
 * JSON.parse with the first problem located by line and column, as "SOURCE: invalid JSON at …".
 * `from`: where `text` starts in its file, when it is a piece of one (an element of an array).
 */
export function parseJsonText(text: string, source: string, from?: { line: number; column: number }): ParsedJson {
  try {
    return { ok: true, data: JSON.parse(text) };
  } catch (error) {
    const at = jsonErrorAt(text);
    if (at) {
      const { line, column } = lineColumn(text, at.offset);
      const inFile = from ? { line: from.line + line - 1, column: line === 1 ? from.column + column - 1 : column } : { line, column };
      return { ok: false, problem: `${source}: invalid JSON at line ${inFile.line}, column ${inFile.column}: ${at.problem}` };
    }
    return { ok: false, problem: `${source}: invalid JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}

/** Why a path could not be read, in a user's words ("no such file", "permission denied"). */
export function readProblem(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return `cannot be read (${code || (error instanceof Error ? error.message : String(error))})`;
  }
}

/** "path: problem" (as these helpers word a problem) → "problem", for reports that name the path apart. */
export const withoutPath = (path: string, text: string): string => (text.startsWith(`${path}: `) ? text.slice(path.length + 2) : text);

const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export type FileBytes = { ok: true; bytes: Uint8Array } | { ok: false; problem: string };
export type TextFile = { ok: true; text: string; warnings: string[] } | { ok: false; problem: string };

/**
 * Read one file's bytes, the size limit checked before reading. Problems name the path.
 * `admit(size)` (optional) is awaited before reading, so a caller reading ahead can bound the bytes in memory.
 */
export async function readFileBytes(path: string, maxBytes: number = MAX_INPUT_BYTES, admit?: (size: number) => Promise<void>): Promise<FileBytes> {
  const fail = (problem: string): FileBytes => ({ ok: false, problem: `${path}: ${problem}` });
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fail('is a directory, not a file');
    // Checked before reading so a multi-gigabyte file cannot exhaust memory.
    if (info.size > maxBytes) return fail(`is too large (${mb(info.size)}; the limit is ${mb(maxBytes)})`);
    await admit?.(info.size);
    return { ok: true, bytes: await readFile(path) };
  } catch (error) {
    return fail(readProblem(error));
  }
}

/** A file's bytes as text (decodeText), binary files refused. Problems and warnings name the path. */
export function decodeFile(path: string, bytes: Uint8Array): TextFile {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, problem: `${path}: ${decoded.reason}` };
  const warnings = decoded.encoding === 'Windows-1252' ? [`${path}: not valid UTF-8; read as Windows-1252 (check accented characters)`] : [];
  return { ok: true, text: decoded.text, warnings };
}

/**
 * Read one file as text: size limit checked before reading, binary files refused, UTF-8/UTF-16
 * by BOM/Windows-1252 decoded. Problems and warnings name the path. Shared by every command that
 * reads files (check, evaluate).
 */
export async function readTextFile(path: string, maxBytes: number = MAX_INPUT_BYTES): Promise<TextFile> {
  const file = await readFileBytes(path, maxBytes);
  return file.ok ? decodeFile(path, file.bytes) : file;
}
