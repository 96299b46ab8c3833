// "Show in page" for a claim line: mark the row, card or list item the line was read from, with the
// same highlighter as evidence in the note (./highlight.ts, the on-demand highlight.js: the CSS
// Custom Highlight API, or an overlay in a closed shadow root). The element's text is marked as one range; a row made only of
// form controls (an unbilled fee sheet line) marks its first text control's value instead.
import { elementTextSource } from '../adapters/page/describe';
import type { Highlighter } from './highlight-hook';

/** Scroll to and mark an element; false when it has nothing that can be marked. */
export function highlightElement(highlighter: Highlighter, el: Element): boolean {
  const read = elementTextSource(el);
  if (read && read.source.kind === 'text' && read.text.trim().length > 0 && read.source.segments.length > 0) {
    return highlighter.show(read.source, 0, read.text.length);
  }
  const control = el.querySelector('input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]), textarea') as HTMLInputElement | HTMLTextAreaElement | null;
  if (control && control.value.length > 0) return highlighter.show({ kind: 'value', element: control }, 0, control.value.length);
  return false;
}
