// The reading-corrections tools (the "the note is here" picker and PHI-free selectors for elements)
// live in corrections.ts, a separate bundle the worker injects only when the user corrects a reading:
// the content script runs on every EHR page and has a 40 KB budget. The bundle registers itself here,
// in the content script's isolated world (the page's own scripts cannot see it).
export interface Picker {
  cancel(): void;
}

export interface CorrectionsHook {
  /** Let the user point at a block; `onPick` gets the clicked one. `trustedOnly`: ignore made-up events. */
  pick(doc: Document, onPick: (el: Element) => void, trustedOnly: boolean): Picker;
  /** A PHI-free CSS selector for an element, or null when none is stable. */
  selectorFor(el: Element): string | null;
}

export const CORRECTIONS_HOOK = Symbol.for('therapy-claim-guard.corrections');

export function correctionsHook(): CorrectionsHook | undefined {
  return (globalThis as { [CORRECTIONS_HOOK]?: CorrectionsHook })[CORRECTIONS_HOOK];
}
