// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import * as limits from '../../src/shared/limits';
import { SnapshotSchema } from '../../src/shared/snapshot';

const base = { adapter: 'generic', noteParts: [], claimLines: [], truncated: false };
const accepts = (snapshot: object) => SnapshotSchema.safeParse({ ...base, ...snapshot }).success;

describe('snapshot caps (src/shared/limits.ts, shared by the content script and the worker)', () => {
  it('are the field limits SnapshotSchema enforces', () => {
    const part = (id: string, label: string) => ({ noteParts: [{ id, label, text: 'x' }] });
    expect(accepts(part('i'.repeat(limits.MAX_ID), 'l'.repeat(limits.MAX_LABEL)))).toBe(true);
    expect(accepts(part('i'.repeat(limits.MAX_ID + 1), 'l'))).toBe(false);
    expect(accepts(part('i', 'l'.repeat(limits.MAX_LABEL + 1)))).toBe(false);
    expect(accepts({ payerText: 'p'.repeat(limits.MAX_FIELD), providerText: 'p'.repeat(limits.MAX_FIELD) })).toBe(true);
    expect(accepts({ payerText: 'p'.repeat(limits.MAX_FIELD + 1) })).toBe(false);
    expect(accepts({ providerText: 'p'.repeat(limits.MAX_FIELD + 1) })).toBe(false);
    expect(accepts({ adapter: 'a'.repeat(limits.MAX_ADAPTER_ID) })).toBe(true);
    expect(accepts({ adapter: 'a'.repeat(limits.MAX_ADAPTER_ID + 1) })).toBe(false);
  });
  it('bound the number of parts, lines and characters per part', () => {
    const parts = (n: number, chars = 1) => ({ noteParts: Array.from({ length: n }, (_, i) => ({ id: `p${i}`, text: 'x'.repeat(chars) })) });
    const lines = (n: number) => ({ claimLines: Array.from({ length: n }, () => ({ code: '97124' })) });
    expect(accepts(parts(limits.MAX_PARTS))).toBe(true);
    expect(accepts(parts(limits.MAX_PARTS + 1))).toBe(false);
    expect(accepts(lines(limits.MAX_LINES))).toBe(true);
    expect(accepts(lines(limits.MAX_LINES + 1))).toBe(false);
    expect(accepts(parts(1, limits.MAX_PART_CHARS))).toBe(true);
    expect(accepts(parts(1, limits.MAX_PART_CHARS + 1))).toBe(false);
  });
});
