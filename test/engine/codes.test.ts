import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOMAIN_SOURCE_URLS } from '../fixtures/domain-sources';
import {
  ambiguousServiceNames,
  CODE_SET_NAMES,
  codeDescription,
  codeSets,
  codeSetSources,
  isActiveTherapy,
  isChiropracticCmt,
  isManualTherapy,
  isMassage,
  isTimed,
  isUntimed,
  lookupServiceName,
  parseCodesData,
  serviceNames,
} from '../../src/engine/codes';

const raw = JSON.parse(readFileSync(new URL('../../src/engine/data/codes.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const clone = (): Record<string, unknown> => structuredClone(raw);
const domain = DOMAIN_SOURCE_URLS;

describe('codes.json', () => {
  it('passes the schema and the cross-field rules', () => {
    const result = parseCodesData(raw);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('gives every code set at least one http(s) source', () => {
    for (const set of CODE_SET_NAMES) {
      expect(codeSetSources(set).length).toBeGreaterThan(0);
      for (const source of codeSetSources(set)) expect(source.url).toMatch(/^https?:\/\//);
    }
  });

  it('takes its source URLs from the domain fact sheet', () => {
    for (const set of CODE_SET_NAMES) for (const source of codeSetSources(set)) expect(domain).toContain(source.url);
  });

  it('rejects a code in both the timed and untimed sets', () => {
    const data = clone() as { sets: { untimed: { codes: string[] } } };
    data.sets.untimed.codes.push('97124');
    const result = parseCodesData(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContain('97124 is in both the timed and the untimed set');
  });

  it('rejects a set without sources, naming the path', () => {
    const data = clone() as { sets: { massage: { sources: unknown[] } } };
    data.sets.massage.sources = [];
    const result = parseCodesData(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toMatch(/^sets\.massage\.sources: every code set needs at least one source URL/m);
  });

  it('rejects a malformed code and an unknown set name', () => {
    const data = clone() as { sets: Record<string, unknown>; codes: Record<string, unknown> };
    data.codes['9712'] = { description: 'typo', names: [] };
    data.sets['timedd'] = { description: 'typo', sources: [], codes: [] };
    const result = parseCodesData(data);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toContain('codes.9712: Invalid key in record');
      expect(result.problems).toContain('sets: Unrecognized key: "timedd"');
    }
  });

  it('rejects a service name claimed by two codes or also listed as ambiguous', () => {
    const data = clone() as { codes: Record<string, { names: string[] }> };
    data.codes['97140']?.names.push('Therapeutic  Massage');
    data.codes['97012']?.names.push('traction');
    const result = parseCodesData(data);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toContain('service name "therapeutic massage" appears under codes.97124.names and codes.97140.names');
      expect(result.problems.some((p) => p.startsWith('service name "traction" appears under codes.97012.names and ambiguousNames.'))).toBe(true);
    }
  });

  it('rejects a set member with no code entry', () => {
    const data = clone() as { sets: { activeTherapy: { codes: string[] } } };
    data.sets.activeTherapy.codes.push('97999');
    const result = parseCodesData(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContain('sets.activeTherapy: 97999 has no entry under "codes"');
  });
});

describe('code helpers', () => {
  it.each(['97110', '97112', '97113', '97116', '97124', '97140', '97530', '97533', '97535', '97537', '97542', '97750', '97760', '97761', '97763', '97032', '97033', '97034', '97035', '97036'])(
    '%s is timed',
    (code) => {
      expect(isTimed(code)).toBe(true);
      expect(isUntimed(code)).toBe(false);
    },
  );

  it.each(['97010', '97012', '97014', 'G0283', '97016', '97018', '97022', '97024', '97026', '97028', '97150', '97161', '97164', '97168', '98940', '98941', '98942'])(
    '%s is untimed',
    (code) => {
      expect(isUntimed(code)).toBe(true);
      expect(isTimed(code)).toBe(false);
    },
  );

  it('classifies the special sets', () => {
    expect(isMassage('97124')).toBe(true);
    expect(isMassage('97140')).toBe(false);
    expect(isManualTherapy('97140')).toBe(true);
    expect(['98940', '98941', '98942'].every(isChiropracticCmt)).toBe(true);
    expect(['97110', '97112', '97116', '97530', '97535'].every(isActiveTherapy)).toBe(true);
    // Massage and passive modalities do not make a visit "active".
    expect(['97124', '97140', '97035', '97010'].some(isActiveTherapy)).toBe(false);
  });

  it('normalises codes as people type them and knows nothing of unknown codes', () => {
    expect(isUntimed(' g0283 ')).toBe(true);
    expect(isTimed('99213')).toBe(false);
    expect(isUntimed('99213')).toBe(false);
    expect(codeDescription('97124')).toBe('Therapeutic massage, each 15 minutes');
    expect(codeDescription('99213')).toBeUndefined();
  });

  it('exposes frozen sets', () => {
    expect(codeSets.massage.has('97124')).toBe(true);
    expect(Object.isFrozen(codeSets)).toBe(true);
  });
});

describe('service names', () => {
  it.each([
    ['therapeutic massage', '97124'],
    ['Massage', '97124'],
    ['ther ex', '97110'],
    ['Therapeutic Exercise', '97110'],
    ['neuromuscular re-education', '97112'],
    ['NMR', '97112'],
    ['gait training', '97116'],
    ['manual therapy', '97140'],
    ['myofascial release', '97140'],
    ['therapeutic activities', '97530'],
    ['ultrasound', '97035'],
    ['attended e-stim', '97032'],
    ['ice massage', '97010'],
    ['mechanical traction', '97012'],
  ])('"%s" → %s', (name, code) => {
    expect(lookupServiceName(name)).toEqual({ code, candidates: [code] });
  });

  it('matches abbreviations only in their own case', () => {
    expect(lookupServiceName('nmr')).toEqual({ candidates: [] });
    expect(lookupServiceName('MFR').code).toBe('97140');
  });

  it('never attributes an ambiguous name to one code', () => {
    expect(lookupServiceName('e-stim')).toEqual({ candidates: ['97014', 'G0283', '97032'] });
    expect(lookupServiceName('traction')).toEqual({ candidates: ['97012', '97140'] });
    expect(lookupServiceName('spinal manipulation').code).toBeUndefined();
    expect(lookupServiceName('home exercise program')).toEqual({ candidates: [] });
  });

  it('lists names longest first so "ice massage" is tried before "massage"', () => {
    const names = serviceNames().map((n) => n.name);
    expect(names.indexOf('ice massage')).toBeLessThan(names.indexOf('massage'));
    const lengths = names.map((name) => name.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
    expect(ambiguousServiceNames().every((entry) => entry.codes.length >= 2 && entry.why.length > 0)).toBe(true);
  });

  it('names only known codes', () => {
    for (const { code } of serviceNames()) expect(isTimed(code) || isUntimed(code)).toBe(true);
  });
});
