// Debounce + idle: `poke()` is what every keystroke and mutation calls, so it only records a
// time stamp and arms at most one timer; the read runs ~delay after the last poke, at idle time.
// Changes that never pause (a page ticking a timer every 100 ms) still get a read every maxWait,
// and each read they force doubles the next wait (up to maxBackoff): a page that rewrites itself
// forever costs a read every few seconds, not a runaway loop. A quiet read resets the wait.
// Typing does not count toward maxWait: a person always pauses, and a forced mid-burst read of a
// long note (serialize, hash, send) is exactly the per-keystroke cost the extension must avoid.
export interface ReadScheduler {
  /** Something changed: read once things have been quiet for the delay. O(1). */
  poke(options?: { typing?: boolean }): void;
  /** Read at the next idle moment, without waiting for the delay. */
  soon(): void;
  cancel(): void;
  /** Milliseconds since the first change the last read has not seen (0 when none; typing aside). */
  waiting(): number;
  /** Reads forced in a row by a page that never stops changing (0 after a quiet read). */
  forced(): number;
}

type IdleRequest = (callback: () => void, options?: { timeout: number }) => number;

/** Longest wait for an idle moment, so flags still update within ~500 ms on a busy page. */
const IDLE_TIMEOUT_MS = 100;

export function createScheduler(run: () => void, delayMs = 200, maxWaitMs = 2000, maxBackoffMs = 16_000): ReadScheduler {
  const requestIdle = (globalThis as { requestIdleCallback?: IdleRequest }).requestIdleCallback;
  const cancelIdle = (globalThis as { cancelIdleCallback?: (handle: number) => void }).cancelIdleCallback;
  let pending = false; // a change since the last read
  let firstPoke = Infinity; // first non-typing change since the last read (starts the maxWait clock)
  let lastPoke = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | ReturnType<typeof setTimeout> | undefined;
  let urgent = false;
  let wait = maxWaitMs;
  let forcedReads = 0;

  /** Milliseconds until a read is due: quiet for the delay, or waited the current maxWait in all. */
  const due = (): number => Math.min(lastPoke + delayMs, firstPoke + wait) - Date.now();

  const fire = (): void => {
    idle = undefined;
    const remaining = due();
    if (!urgent && pending && remaining > 0) {
      // More changes arrived while waiting for idle time: wait for quiet again.
      if (timer === undefined) timer = setTimeout(check, remaining);
      return;
    }
    // Forced: changes were still arriving when the wait ran out; back off for the next one.
    if (!urgent && lastPoke + delayMs > Date.now()) {
      forcedReads++;
      wait = Math.min(wait * 2, maxBackoffMs);
    } else {
      forcedReads = 0;
      wait = maxWaitMs;
    }
    urgent = false;
    pending = false;
    firstPoke = Infinity;
    run();
  };

  const askIdle = (): void => {
    if (idle !== undefined) return;
    idle = requestIdle ? requestIdle(fire, { timeout: IDLE_TIMEOUT_MS }) : setTimeout(fire, 1);
  };

  function check(): void {
    timer = undefined;
    const remaining = due();
    if (remaining > 0) timer = setTimeout(check, remaining);
    else askIdle();
  }

  return {
    poke(options?: { typing?: boolean }): void {
      lastPoke = Date.now();
      pending = true;
      if (!options?.typing && firstPoke === Infinity) firstPoke = lastPoke;
      if (timer === undefined && idle === undefined) timer = setTimeout(check, delayMs);
    },
    soon(): void {
      urgent = true;
      askIdle();
    },
    cancel(): void {
      if (timer !== undefined) clearTimeout(timer);
      if (idle !== undefined) {
        if (requestIdle && cancelIdle) cancelIdle(idle as number);
        else clearTimeout(idle as ReturnType<typeof setTimeout>);
      }
      timer = undefined;
      idle = undefined;
      urgent = false;
      pending = false;
      firstPoke = Infinity;
    },
    waiting(): number {
      return firstPoke === Infinity ? 0 : Date.now() - firstPoke;
    },
    forced(): number {
      return forcedReads;
    },
  };
}
