// diagnoses.json must stay valid: schema, format pattern, no code twice, sources, and the verdicts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyDiagnosis, dxKey, parseDiagnoses } from '../../../src/engine/data/diagnoses';

const text = readFileSync('src/engine/data/diagnoses.json', 'utf8');
const raw = JSON.parse(text) as { format: { pattern: string }; nonSpecific: Record<string, unknown>[]; notBillable: Record<string, unknown>[] };
const clone = () => structuredClone(raw);

describe('diagnoses.json', () => {
  it('passes the schema and the cross-field rules', () => {
    const result = parseDiagnoses(raw);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('is canonical JSON (2-space indent, trailing newline)', () => {
    expect(text).toBe(`${JSON.stringify(raw, null, 2)}\n`);
  });

  it('keeps the format pattern anchored and free of nested quantifiers (linear on hostile input)', () => {
    expect(raw.format.pattern.startsWith('^') && raw.format.pattern.endsWith('$')).toBe(true);
    expect(raw.format.pattern).not.toMatch(/\)[*+]|\)\{/);
    const started = performance.now();
    classifyDiagnosis(`M${'5'.repeat(100_000)}!`);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('rejects a code listed twice, an entry without sources, and a broken pattern', () => {
    const twice = clone();
    twice.nonSpecific.push({ ...twice.nonSpecific[0], code: (twice.notBillable[0] as { code: string }).code });
    const a = parseDiagnoses(twice);
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.problems.join('\n')).toMatch(/M54\.5 is also listed at nonSpecific\.\d/);
    const unsourced = clone();
    unsourced.notBillable[0] = { ...unsourced.notBillable[0], sources: [] };
    expect(parseDiagnoses(unsourced).ok).toBe(false);
    const broken = clone();
    broken.format.pattern = '([';
    const b = parseDiagnoses(broken);
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.problems.join('\n')).toMatch(/^format\.pattern:/m);
  });

  it('classifies codes as billed', () => {
    expect(dxKey(' m54.5 ')).toBe('M545');
    expect(classifyDiagnosis('M62.830').kind).toBe('ok');
    expect(classifyDiagnosis('S39.012A').kind).toBe('ok');
    expect(classifyDiagnosis('R52').kind).toBe('non-specific');
    expect(classifyDiagnosis('M54.5', '2026-01-02').kind).toBe('not-billable');
    expect(classifyDiagnosis('M54.5', '2021-09-30').kind).toBe('ok');
    expect(classifyDiagnosis('M54.50').kind).toBe('ok');
    expect(classifyDiagnosis('M62.83', '2010-01-01').kind).toBe('not-billable');
    for (const bad of ['724.2', '97124', 'M5', 'M54.', 'M54.12345', '', 'ZZZ']) expect(classifyDiagnosis(bad).kind, bad).toBe('malformed');
  });
});
