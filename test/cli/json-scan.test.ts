// The scans that let `check` split a JSON array of visits and point findings at lines and columns
// of the file (src/cli/batch/json-scan.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineColumns, locateVisitFields, rawOffsetsInString, splitJsonArray } from '../../src/cli/batch/json-scan';

describe('splitJsonArray', () => {
  it('finds each element with its line and column, whatever it holds', () => {
    const text = '[\n  {"note": "a, [b] {c}", "x": [1, {"y": "\\"]"}]},\n  42, "s,]" ,\n  [ ]\n]\n';
    const elements = splitJsonArray(text)!;
    expect(elements.map((e) => text.slice(e.offset, e.end))).toEqual(['{"note": "a, [b] {c}", "x": [1, {"y": "\\"]"}]}', '42', '"s,]"', '[ ]']);
    expect(elements.map((e) => [e.line, e.column])).toEqual([
      [2, 3],
      [3, 3],
      [3, 7],
      [4, 3],
    ]);
    expect(splitJsonArray(' [ ] ')).toEqual([]);
  });

  it('gives up on anything that is not a well-bracketed array, leaving the message to JSON.parse', () => {
    for (const bad of ['{}', '[1,]', '[,1]', '[{"a": 1]', '["unterminated]', '[1] x', '[1}']) expect(splitJsonArray(bad)).toBeUndefined();
  });

  it('leaves what is inside an element to be parsed on its own', () => {
    const text = '[{"ok": 1}, {"bad" 2}]';
    expect(splitJsonArray(text)!.map((e) => text.slice(e.offset, e.end))).toEqual(['{"ok": 1}', '{"bad" 2}']);
  });

  it('agrees with JSON.parse on arrays of any JSON', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.constantFrom(0, 2), (values, indent) => {
        const text = JSON.stringify(values, null, indent);
        const elements = splitJsonArray(text)!;
        expect(elements.map((e) => JSON.parse(text.slice(e.offset, e.end)))).toEqual(JSON.parse(text));
      }),
    );
  });
});

describe('locating a visit\'s fields', () => {
  it('finds the note, each part\'s text and each claim line', () => {
    const text = JSON.stringify({ id: 'x', note: [{ id: 'a', text: 'one' }, { label: 'b', text: 'two' }], lines: [{ code: '97124', dx: ['M62.838'] }, { code: '97110' }], provider: { name: 'n' } }, null, 2);
    const fields = locateVisitFields(text);
    expect(fields.note).toBeUndefined();
    expect(fields.parts.map((at) => JSON.parse(text.slice(at, at! + 5)))).toEqual(['one', 'two']);
    expect(fields.lines.map((at) => text.slice(at, at + 40).replace(/\s+/g, '').slice(0, 16))).toEqual(['{"code":"97124",', '{"code":"97110"}']);
    const plain = '{"lines": [], "note": "the note"}';
    expect(plain.slice(locateVisitFields(plain).note)).toMatch(/^"the note"/);
  });

  it('maps offsets in a decoded string to offsets in its JSON text, through escapes', () => {
    const value = 'a\n"b"\\c\u00e9\u2014d\ud83d\ude00e\tf';
    const text = `{"note": ${JSON.stringify(value).replace('\u2014', '\\u2014')}}`;
    const quote = text.indexOf('"', 8);
    const offsets = [...value].map((_, i) => i).concat(value.length);
    const raw = rawOffsetsInString(text, quote, offsets);
    for (const offset of offsets) {
      // The raw text from the string's start up to the mapped offset decodes to the value's prefix.
      expect(JSON.parse(`${text.slice(quote, raw.get(offset))}"`)).toBe(value.slice(0, offset));
    }
  });

  it('numbers lines and columns from where a piece of text starts in its file', () => {
    const text = 'ab\ncd\n\nef';
    const at = lineColumns(text, [0, 1, 3, 6, 7, 9]);
    expect([...at.entries()]).toEqual([
      [0, { line: 1, column: 1 }],
      [1, { line: 1, column: 2 }],
      [3, { line: 2, column: 1 }],
      [6, { line: 3, column: 1 }],
      [7, { line: 4, column: 1 }],
      [9, { line: 4, column: 3 }],
    ]);
    expect(lineColumns('xy\nz', [1, 3], { offset: 40, line: 7, column: 5 })).toEqual(
      new Map([
        [1, { line: 7, column: 6 }],
        [3, { line: 8, column: 1 }],
      ]),
    );
  });
});
