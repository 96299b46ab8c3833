// One binary search for the engine: spans, services and entries are kept in text order, and "the
// first one at or after", "the last one before" are asked of them on every figure and mention of a
// note (a linear scan there is what made long notes quadratic).

/** The first index in [0, length) for which `before(i)` is false; `before` must be true, then false, along the list. */
export function lowerBound(length: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first index in [0, length) whose value in the sorted column is >= `value` (length when none):
 * lowerBound for the offset columns of tokens, searched on every mention and figure (no predicate
 * closure per call).
 */
export function firstAtLeast(sorted: ArrayLike<number>, length: number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
