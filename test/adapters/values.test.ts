// The classifier's value readers: codes with the labels and systems around them, modifiers, units,
// minutes, diagnoses (codes, OpenEMR justify values, pointers), dates and people.
import { describe, expect, it } from 'vitest';
import {
  datesIn,
  diagnosisCodes,
  diagnosisValues,
  inlineQuantities,
  minutesValue,
  modifierTokens,
  personLike,
  procedureCodes,
  trailingModifiers,
  unitsValue,
} from '../../src/adapters/classify/values';

const codes = (text: string): string[] => procedureCodes(text).map((h) => h.code);

describe('procedure codes', () => {
  it('reads a code with a code-system name or label before or after it', () => {
    expect(codes('CPT: 97124')).toEqual(['97124']);
    expect(codes('CPT4 97110')).toEqual(['97110']);
    expect(codes('Proc 97140')).toEqual(['97140']);
    expect(codes('97124®')).toEqual(['97124']);
    expect(codes('97124:GP')).toEqual(['97124']);
    expect(codes('97124-GP-59')).toEqual(['97124']);
    expect(codes('HCPCS G0283')).toEqual(['G0283']);
    expect(codes('0591T')).toEqual(['0591T']);
  });

  it('is not fooled by prices, ZIP+4, dates, ids or longer numbers', () => {
    expect(codes('$97124')).toEqual([]);
    expect(codes('Portland OR 97124-1234')).toEqual([]);
    expect(codes('MRN 197124')).toEqual([]);
    expect(codes('97124.00')).toEqual([]);
    expect(codes('2026/97124')).toEqual([]);
  });
});

describe('modifiers, units and minutes', () => {
  it('reads modifiers however a cell separates them', () => {
    expect(modifierTokens('GP, 59')).toEqual(['GP', '59']);
    expect(modifierTokens('GP/KX')).toEqual(['GP', 'KX']);
    expect(modifierTokens('Mod: GP 59 XS', true)).toEqual(['GP', '59', 'XS']);
    expect(trailingModifiers('-GP-59 Massage'.toUpperCase())).toEqual(['GP', '59']);
    expect(trailingModifiers(':GP')).toEqual(['GP']);
    expect(trailingModifiers(' X2')).toEqual([]);
  });

  it('reads units and minutes from cells and free text', () => {
    expect(unitsValue('Units:2')).toBe(2);
    expect(unitsValue('x3')).toBe(3);
    expect(minutesValue('25 min')).toBe(25);
    expect(minutesValue('0:25')).toBe(25);
    expect(inlineQuantities('97124 GP · 2 units · 25 min')).toEqual({ units: 2, minutes: 25 });
    expect(inlineQuantities('massage x2 (12 minutes)')).toEqual({ units: 2, minutes: 12 });
    expect(inlineQuantities('Qty: 1 Time: 10')).toEqual({ units: 1, minutes: 10 });
  });
});

describe('diagnoses', () => {
  it('takes the code out of an OpenEMR justify value, never the system name', () => {
    expect(diagnosisValues('ICD10|M54.2:', new Map())).toEqual(['M54.2']);
    expect(diagnosisValues('ICD10|M54.2:ICD10|M62.830:', new Map())).toEqual(['M54.2', 'M62.830']);
    expect(diagnosisValues('ICD10', new Map())).toEqual([]);
    // Pointer letters are capitals: the words of a description ("back": B, A, C, K) are not pointers.
    const letters = new Map([['A', 'M54.50'], ['B', 'M62.830'], ['C', 'M54.2'], ['K', 'M79.1']]);
    expect(diagnosisValues('M62.830 - Muscle spasm of back', letters)).toEqual(['M62.830']);
    expect(diagnosisValues('AB', letters)).toEqual(['M54.50', 'M62.830']);
    expect(diagnosisValues('(M54.50)', new Map())).toEqual(['M54.50']);
  });

  it('resolves letter and number pointers and reports the ones it cannot', () => {
    const pointers = new Map([
      ['A', 'M54.50'],
      ['B', 'M62.830'],
      ['1', 'M54.50'],
      ['2', 'M62.830'],
    ]);
    expect(diagnosisValues('A, B', pointers)).toEqual(['M54.50', 'M62.830']);
    expect(diagnosisValues('AB', pointers)).toEqual(['M54.50', 'M62.830']);
    expect(diagnosisValues('2', pointers)).toEqual(['M62.830']);
    const unresolved: string[] = [];
    expect(diagnosisValues('C', pointers, unresolved)).toEqual([]);
    expect(unresolved).toEqual(['C']);
  });

  it('finds written-out codes in text', () => {
    expect(diagnosisCodes('Dx M62.830 and m54.2')).toEqual(['M62.830', 'M54.2']);
  });
});

describe('dates and people', () => {
  it('reads ISO, US and month-name dates', () => {
    expect(datesIn('2026-11-20').map((d) => d.date)).toEqual(['2026-11-20']);
    expect(datesIn('11/20/2026 Encounter').map((d) => d.date)).toEqual(['2026-11-20']);
    expect(datesIn('Visit — Nov 19, 2026').map((d) => d.date)).toEqual(['2026-11-19']);
    expect(datesIn('19 November 2026').map((d) => d.date)).toEqual(['2026-11-19']);
    expect(datesIn('13/45/2026')).toEqual([]);
  });

  it('reads day-month-name dates of legacy and UK-style pages, and two-digit US years', () => {
    expect(datesIn('SERVICE DATE 14-DEC-2026').map((d) => d.date)).toEqual(['2026-12-14']);
    expect(datesIn('03.Feb.2027').map((d) => d.date)).toEqual(['2027-02-03']);
    expect(datesIn('DOS 14/Dec/26').map((d) => d.date)).toEqual(['2026-12-14']);
    expect(datesIn('DOS 12/14/26').map((d) => d.date)).toEqual(['2026-12-14']);
    // A pain score, a fraction run and a month word with no year are not dates.
    expect(datesIn('pain 4/10, sets 3/10/2')).toEqual([]);
    expect(datesIn('12 Dec')).toEqual([]);
    expect(datesIn('14-FOO-2026')).toEqual([]);
  });

  it('tells a person from a placeholder', () => {
    expect(personLike('Jane Doe, PT, DPT')).toBe(true);
    expect(personLike('Lee, Kim')).toBe(true);
    expect(personLike('-- Select --')).toBe(false);
    expect(personLike('Unassigned')).toBe(false);
  });
});
