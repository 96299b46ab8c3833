// Bundle entry (corrections.js): the picker and the selector builder, injected by the worker into a
// tab's frames just before it asks them to pick or to name elements (src/background/reading.ts).
// Installed once per frame, however often the worker injects this file.
import { CORRECTIONS_HOOK, type CorrectionsHook } from './corrections-hook';
import { createPicker } from './picker';
import { selectorFor } from './selector-path';

const scope = globalThis as { [CORRECTIONS_HOOK]?: CorrectionsHook };
scope[CORRECTIONS_HOOK] ??= { pick: createPicker, selectorFor };
