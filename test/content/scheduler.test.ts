// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScheduler } from '../../src/content/scheduler';
import { hashString } from '../../src/content/hash';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('read scheduler', () => {
  it('runs once, about the delay after the last poke', () => {
    const run = vi.fn();
    const scheduler = createScheduler(run, 300);
    for (let i = 0; i < 20; i++) {
      scheduler.poke();
      vi.advanceTimersByTime(50);
    }
    // The last poke was 50 ms ago: the read is due 250 ms from now (plus the idle fallback's 1 ms).
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(249);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('still reads while changes never pause, backing off so a page that rewrites itself costs little', () => {
    const run = vi.fn();
    const scheduler = createScheduler(run, 300, 2000, 16_000);
    const at: number[] = [];
    run.mockImplementation(() => at.push(Date.now()));
    const start = Date.now();
    // A page that changes every 100 ms for 60 s.
    for (let t = 0; t < 60_000; t += 100) {
      scheduler.poke();
      vi.advanceTimersByTime(100);
    }
    // Reads at ~2, 6, 14, 30, 46 s…: each forced read doubles the wait, up to 16 s.
    const gaps = at.map((t, i) => t - (i === 0 ? start : (at[i - 1] as number)));
    expect(gaps.slice(0, 4).map((g) => Math.round(g / 1000))).toEqual([2, 4, 8, 16]);
    expect(run.mock.calls.length).toBeLessThanOrEqual(6);
    expect(scheduler.forced()).toBe(run.mock.calls.length);
    // Changes have gone unread for a while (the content script marks its result stale).
    expect(scheduler.waiting()).toBeGreaterThan(1000);
    // Once the page is quiet, the next read comes after the delay and the wait is back to normal.
    vi.advanceTimersByTime(400);
    expect(scheduler.forced()).toBe(0);
    scheduler.poke();
    vi.advanceTimersByTime(400);
    expect(at.at(-1)).toBe(Date.now() - 99);
    scheduler.cancel();
  });

  it('never forces a read in the middle of typing: keystrokes do not start the maxWait clock', () => {
    const run = vi.fn();
    const scheduler = createScheduler(run, 300, 2000);
    for (let t = 0; t < 5000; t += 100) {
      scheduler.poke({ typing: true });
      vi.advanceTimersByTime(100);
    }
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(run).toHaveBeenCalledTimes(1);
    // A page mutation during typing does start the clock again.
    for (let t = 0; t < 2500; t += 100) {
      scheduler.poke({ typing: t > 0 });
      vi.advanceTimersByTime(100);
    }
    expect(run).toHaveBeenCalledTimes(2);
    scheduler.cancel();
  });

  it('arms at most one timer however often it is poked', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const scheduler = createScheduler(vi.fn(), 300);
    for (let i = 0; i < 1000; i++) scheduler.poke();
    expect(spy).toHaveBeenCalledTimes(1);
    scheduler.cancel();
  });

  it('waits for an idle callback when the browser has one, and soon() skips the delay', () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
    vi.stubGlobal('cancelIdleCallback', vi.fn());
    const run = vi.fn();
    const scheduler = createScheduler(run, 300);
    scheduler.poke();
    vi.advanceTimersByTime(400);
    expect(run).not.toHaveBeenCalled();
    idle.shift()?.();
    expect(run).toHaveBeenCalledTimes(1);
    scheduler.soon();
    idle.shift()?.();
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('cancel() drops a pending read', () => {
    const run = vi.fn();
    const scheduler = createScheduler(run, 300);
    scheduler.poke();
    scheduler.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).not.toHaveBeenCalled();
  });
});

describe('snapshot hash', () => {
  it('is stable for equal text and differs for a one-character change', () => {
    const a = JSON.stringify({ type: 'cs:snapshot', text: 'massage x 25 min' });
    expect(hashString(a)).toBe(hashString(`${a}`));
    expect(hashString(a)).not.toBe(hashString(a.replace('25', '26')));
  });
});
