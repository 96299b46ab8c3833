// The content script's own CPU time, per kind of work, in the demo build only: build.mjs defines
// __TCG_PERF__ as true there and false in release builds, where esbuild drops this code (timed()
// returns the function itself; vitest.config.ts defines it false too). bench/extension.bench.mjs
// reads the totals from the content scripts' isolated world over CDP (the page's own scripts cannot
// see them) to print the script's cost per keystroke; nothing in the extension reads them.
declare const __TCG_PERF__: boolean;

/** Work kind → calls and milliseconds spent in them, summed. */
export type PerfTotals = Record<string, { calls: number; ms: number }>;

/** `fn`, timed under `name` in the demo build; `fn` itself otherwise. */
export function timed<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R {
  if (!__TCG_PERF__) return fn;
  const scope = globalThis as { [key: symbol]: PerfTotals | undefined };
  // Read by the benchmark under this name; written here only.
  const totals = (scope[Symbol.for('therapy-claim-guard.perf')] ??= {});
  const entry = (totals[name] ??= { calls: 0, ms: 0 });
  return (...args: A): R => {
    const start = performance.now();
    try {
      return fn(...args);
    } finally {
      entry.calls += 1;
      entry.ms += performance.now() - start;
    }
  };
}
