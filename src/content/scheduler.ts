// Debounce + idle: `poke()` is what every keystroke and mutation calls, so it only records a
// time stamp and arms at most one timer; the read runs ~delay after the last poke, at idle time.
// Changes that never pause (a page ticking a timer every 100 ms) still get a read every maxWait.
// Typing does not count toward maxWait: a person always pauses, and a forced mid-burst read of a
// long note (serialize, hash, send) is exactly the per-keystroke cost the extension must avoid.
export interface ReadScheduler {
  /** Something changed: read once things have been quiet for the delay. O(1). */
  poke(options?: { typing?: boolean }): void;
  /** Read at the next idle moment, without waiting for the delay. */
  soon(): void;
  cancel(): void;
}

type IdleRequest = (callback: () => void, options?: { timeout: number }) => number;

/** Longest wait for an idle moment, so flags still update within ~500 ms on a busy page. */
const IDLE_TIMEOUT_MS = 100;

export function createScheduler(run: () => void, delayMs = 200, maxWaitMs = 2000): ReadScheduler {
  const requestIdle = (globalThis as { requestIdleCallback?: IdleRequest }).requestIdleCallback;
  const cancelIdle = (globalThis as { cancelIdleCallback?: (handle: number) => void }).cancelIdleCallback;
  let pending = false; // a change since the last read
  let firstPoke = Infinity; // first non-typing change since the last read (starts the maxWait clock)
  let lastPoke = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | ReturnType<typeof setTimeout> | undefined;
  let urgent = false;

  /** Milliseconds until a read is due: quiet for the delay, or waited maxWait in all. */
  const due = (): number => Math.min(lastPoke + delayMs, firstPoke + maxWaitMs) - Date.now();

  const fire = (): void => {
    idle = undefined;
    const wait = due();
    if (!urgent && pending && wait > 0) {
      // More changes arrived while waiting for idle time: wait for quiet again.
      if (timer === undefined) timer = setTimeout(check, wait);
      return;
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
    const wait = due();
    if (wait > 0) timer = setTimeout(check, wait);
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
  };
}
