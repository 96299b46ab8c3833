// Bundle entry (highlight.js): the evidence highlighter, injected by the worker into a frame just
// before it asks that frame to show a finding (src/background/service.ts, showInNote).
// Installed once per frame, however often the worker injects this file: the first registration,
// and with it the first random registry name (./highlight.ts), stays.
import { createHighlighter } from './highlight';
import { HIGHLIGHT_HOOK, type HighlightHook } from './highlight-hook';

const scope = globalThis as { [HIGHLIGHT_HOOK]?: HighlightHook };
scope[HIGHLIGHT_HOOK] ??= { create: createHighlighter };
