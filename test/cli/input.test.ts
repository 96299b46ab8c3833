import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, describeIssue, jsonErrorAt, lineColumn } from '../../src/cli/input';

const utf16le = (text: string): Uint8Array => new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
const utf16be = (text: string): Uint8Array => {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1] as number;
    be[i + 1] = le[i] as number;
  }
  return new Uint8Array([0xfe, 0xff, ...be]);
};

describe('decodeText', () => {
  const note = 'Therapeutic massage — 15 min, pain 6/10 → 3/10\r\n';

  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(Buffer.from(note))).toEqual({ ok: true, text: note, encoding: 'UTF-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(note)]))).toEqual({ ok: true, text: note, encoding: 'UTF-8' });
  });

  it('reads UTF-16 little- and big-endian by their BOM', () => {
    expect(decodeText(utf16le(note))).toEqual({ ok: true, text: note, encoding: 'UTF-16 LE' });
    expect(decodeText(utf16be(note))).toEqual({ ok: true, text: note, encoding: 'UTF-16 BE' });
  });

  it('rejects a UTF-16 file cut in the middle of a character', () => {
    expect(decodeText(utf16le(note).subarray(0, 7))).toEqual({ ok: false, reason: 'is not valid UTF-16 LE text' });
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8', () => {
    // 0x93/0x94 are curly quotes in Windows-1252 and invalid on their own in UTF-8.
    expect(decodeText(new Uint8Array([0x93, 0x6f, 0x6b, 0x94]))).toEqual({ ok: true, text: '\u201cok\u201d', encoding: 'Windows-1252' });
    expect(decodeText(new Uint8Array([0x35, 0x96, 0x31, 0x30, 0x20, 0xb0]))).toMatchObject({ text: '5\u201310 \u00b0' });
  });

  it('calls NUL bytes and control-character soup binary', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    const result = decodeText(png);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/binary file.*byte-order mark/);
    expect(decodeText(new Uint8Array(100).fill(0x01)).ok).toBe(false);
    // UTF-16 without a BOM is full of NULs: refused with advice, never decoded as garbage.
    expect(decodeText(Buffer.from('note', 'utf16le')).ok).toBe(false);
  });

  it('accepts an empty file (emptiness is judged by the caller)', () => {
    expect(decodeText(new Uint8Array())).toEqual({ ok: true, text: '', encoding: 'UTF-8' });
  });
});

describe('jsonErrorAt', () => {
  it.each([
    ['{\n  "note": "x",\n  "lines": [}', 3, 13, `unexpected '}', expected a value`],
    ['{"note": "x",}', 1, 14, `unexpected '}', expected a "quoted" property name`],
    ['{"note" "x"}', 1, 9, `unexpected '"', expected ':'`],
    ['[1, 2', 1, 6, 'unexpected end of input, expected \',\' or \']\''],
    ['{"a": tru}', 1, 7, 'bad literal, expected true, false or null'],
    ['{"a": 01}', 1, 8, `unexpected '1', expected ',' or '}'`],
    ['{"a": "line\nbreak"}', 1, 12, 'control character inside a string (use \\n for new lines)'],
    ['{"a": "\\x"}', 1, 8, 'bad escape \\x'],
    ['{"a": 1} {"b": 2}', 1, 10, `unexpected '{' after the end of the JSON value`],
    ['', 1, 1, 'unexpected end of input'],
  ])('%j → line %d, column %d', (text, line, column, problem) => {
    const at = jsonErrorAt(text);
    expect(at).toBeDefined();
    if (at) {
      expect(lineColumn(text, at.offset)).toEqual({ line, column });
      expect(at.problem).toBe(problem);
    }
  });

  it('survives nesting far deeper than any call stack', () => {
    const deep = '['.repeat(200_000);
    expect(jsonErrorAt(deep)).toEqual({ offset: 200_000, problem: 'unexpected end of input' });
  });

  it('agrees with JSON.parse on what is valid', () => {
    const valid = (text: string): boolean => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(jsonErrorAt(text)).toBeUndefined();
      }),
    );
    // Break valid JSON by deleting or inserting a character: the locator must agree with JSON.parse.
    const mutated = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\\', 'x', '-', '0', ' '))
      .map(([text, at, ch]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + ch + text.slice(i + (ch === '' ? 1 : 0));
      });
    fc.assert(
      fc.property(mutated, (text) => {
        expect(jsonErrorAt(text) === undefined).toBe(valid(text));
      }),
      { numRuns: 500 },
    );
  });

  it('accepts numbers longer than any buffer', () => {
    expect(jsonErrorAt(`[${'9'.repeat(1000)}.5e-3]`)).toBeUndefined();
  });
});

describe('describeIssue', () => {
  const input = { note: 5, lines: [{ code: '9712', units: '2' }] };

  it('names the field and what it found', () => {
    expect(describeIssue(input, { path: 'lines.0.code', message: 'expected a 5-character CPT/HCPCS code such as 97124' })).toBe(
      'lines.0.code: expected a 5-character CPT/HCPCS code such as 97124 (got "9712")',
    );
    expect(describeIssue(input, { path: 'lines.0.units', message: 'Invalid input' })).toBe('lines.0.units: Invalid input (got "2")');
    expect(describeIssue(input, { path: 'note', message: 'Invalid input' })).toBe('note: Invalid input (got 5)');
  });

  it('says when a required field is missing and when the top level is wrong', () => {
    expect(describeIssue({}, { path: 'lines', message: 'Invalid input' })).toBe('lines: required field is missing');
    expect(describeIssue([1, 2], { path: '', message: 'Invalid input' })).toBe('top level: Invalid input (got an array of 2)');
  });

  it('keeps quoted values short', () => {
    const long = { note: 'x'.repeat(500) };
    expect(describeIssue(long, { path: 'note', message: 'too long' })).toBe(`note: too long (got "${'x'.repeat(40)}…")`);
  });
});
