import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adapterTextOf, checkAdapterText, lineColumn, type ValidateSelectorConfig } from '../../src/options/adapter-json';
import { findJsonSyntaxError } from '../../src/options/json-syntax';

// A stand-in with the validator's signature: accepts objects that have a string name.
const validate: ValidateSelectorConfig = (json) =>
  typeof json === 'object' && json !== null && 'name' in json && typeof json.name === 'string'
    ? { ok: true, config: json }
    : { ok: false, errors: ['name: expected string'] };

describe('JSON syntax scanner', () => {
  it.each([
    ['{"a": }', 6, 'value'],
    ['{"a": 1,}', 8, 'property-name'],
    ['{"a" 1}', 5, 'colon'],
    ['{"a": 1 "b": 2}', 8, 'comma-or-object-end'],
    ['[1 2]', 3, 'comma-or-array-end'],
    ['["abc', 5, 'string-end'],
    ['["\\x"]', 2, 'escape'],
    ['[01]', 2, 'comma-or-array-end'],
    ['[-]', 1, 'number'],
    ['{} x', 3, 'trailing'],
    ['', 0, 'value'],
    ["{'a': 1}", 1, 'property-name'],
  ])('%s → offset %i (%s)', (text, offset, problem) => {
    expect(findJsonSyntaxError(text)).toEqual({ offset, problem });
  });

  it('agrees with JSON.parse on valid and mangled JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', ' '), (value, at, insert) => {
        const json = JSON.stringify(value, null, 1);
        const cut = at % (json.length + 1);
        const text = json.slice(0, cut) + insert + json.slice(cut);
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(findJsonSyntaxError(text) === null).toBe(parses);
      }),
      { numRuns: 500 },
    );
  });
});

describe('checkAdapterText', () => {
  it('treats blank text as "no adapters"', () => {
    expect(checkAdapterText(' \n ', validate)).toEqual({ state: 'empty' });
  });

  it('takes one object as a list of one', () => {
    expect(checkAdapterText('{"name": "A"}', validate)).toEqual({ state: 'valid', configs: [{ name: 'A' }] });
  });

  it('locates syntax errors by line and column', () => {
    const check = checkAdapterText('[\n  {"name": "A"},\n  {"name" "B"}\n]', validate);
    expect(check).toMatchObject({ state: 'syntax', problem: 'colon', line: 3, column: 11 });
  });

  it('numbers validation errors by adapter and catches duplicate names', () => {
    expect(checkAdapterText('[{"name": "A"}, {"nom": 1}, {"name": "A"}]', validate)).toEqual({
      state: 'invalid',
      errors: [
        { adapter: 2, message: 'name: expected string' },
        { adapter: 3, message: 'name: "A" is already used by adapter 1' },
      ],
    });
  });

  it('caps the number of adapters', () => {
    const many = JSON.stringify(Array.from({ length: 21 }, (_, i) => ({ name: `A${i}` })));
    expect(checkAdapterText(many, validate)).toMatchObject({ state: 'invalid', errors: [{ adapter: null }] });
  });

  it('shows stored configs as indented JSON, and nothing for none', () => {
    expect(adapterTextOf(null)).toBe('');
    expect(adapterTextOf([{ name: 'A' }])).toBe('[\n  {\n    "name": "A"\n  }\n]');
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
