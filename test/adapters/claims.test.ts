// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  findCode,
  parseCode,
  parseCodeWithModifiers,
  parseDate,
  parseDx,
  parseMinutes,
  parseModifiers,
  parseQuantities,
  parseUnits,
} from '../../src/adapters/claims';

describe('claim value parsing', () => {
  it('reads CPT and HCPCS codes at the start of a value', () => {
    expect(parseCode('97124')).toBe('97124');
    expect(parseCode(' 97124 - Massage therapy')).toBe('97124');
    expect(parseCode('CPT: 97140')).toBe('97140');
    expect(parseCode('g0283')).toBe('G0283');
    expect(parseCode('0591T')).toBe('0591T');
    expect(parseCode('M62.830')).toBeUndefined();
    expect(parseCode('971245')).toBeUndefined();
    expect(parseCode('Massage 97124')).toBeUndefined();
    expect(findCode('Massage (97124)')).toBe('97124');
  });

  it('splits a code from its modifiers the ways EHRs print them', () => {
    expect(parseCodeWithModifiers('97124:GP')).toEqual({ code: '97124', modifiers: ['GP'] });
    expect(parseCodeWithModifiers('97140:GP:59')).toEqual({ code: '97140', modifiers: ['GP', '59'] });
    expect(parseCodeWithModifiers('97124-GP Therapeutic massage')).toEqual({ code: '97124', modifiers: ['GP'] });
    expect(parseCodeWithModifiers('97124 x2')).toEqual({ code: '97124', modifiers: [] });
    expect(parseCodeWithModifiers('97124 - MASSAGE THERAPY')).toEqual({ code: '97124', modifiers: [] });
  });

  it('reads modifiers separated by colons, spaces or commas, at most four', () => {
    expect(parseModifiers('GP:59')).toEqual(['GP', '59']);
    expect(parseModifiers('gp 59, kx')).toEqual(['GP', '59', 'KX']);
    expect(parseModifiers('GP:GO:59:XU:KX')).toEqual(['GP', 'GO', '59', 'XU']);
    expect(parseModifiers('GP - Physical therapy')).toEqual(['GP']);
  });

  it('reads units, minutes and quantities written in text', () => {
    expect(parseUnits('Units:2')).toBe(2);
    expect(parseUnits(' 3 ')).toBe(3);
    expect(parseUnits('2.5')).toBeUndefined();
    expect(parseUnits('')).toBeUndefined();
    expect(parseMinutes('25 min')).toBe(25);
    expect(parseMinutes('7.5')).toBe(7.5);
    expect(parseQuantities('97124 GP x2 (25 min)')).toEqual({ units: 2, minutes: 25 });
    expect(parseQuantities('2 units, 30 minutes')).toEqual({ units: 2, minutes: 30 });
    expect(parseQuantities('Units: 3')).toEqual({ units: 3 });
  });

  it('reads diagnosis codes and pointers', () => {
    expect(parseDx('M62.830:')).toEqual(['M62.830']);
    expect(parseDx('M62.830:M54.2:')).toEqual(['M62.830', 'M54.2']);
    expect(parseDx(' (M62.830) (M54.2)')).toEqual(['M62.830', 'M54.2']);
    expect(parseDx('A, B')).toEqual(['A', 'B']);
  });

  it('reads ISO and US dates', () => {
    expect(parseDate('2026-11-20')).toBe('2026-11-20');
    expect(parseDate('11/20/2026 09:40')).toBe('2026-11-20');
    expect(parseDate('13/40/2026')).toBeUndefined();
    expect(parseDate('soon')).toBeUndefined();
  });
});
