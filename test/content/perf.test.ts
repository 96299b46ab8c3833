// The demo build's self-timing (src/content/perf.ts) is compiled out everywhere else: release
// builds and tests define __TCG_PERF__ false, and timed() then hands back the function itself.
import { describe, expect, it } from 'vitest';
import { timed } from '../../src/content/perf';

describe('timed', () => {
  it('returns the very function, and records nothing, when timing is off', () => {
    const fn = (a: number, b: number) => a + b;
    expect(timed('input', fn)).toBe(fn);
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('therapy-claim-guard.perf')]).toBeUndefined();
  });
});
