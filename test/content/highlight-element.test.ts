// @vitest-environment jsdom
// "Show in page" for a claim line: the row, card or list item it was read from is marked.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHighlighter } from '../../src/content/highlight';
import type { Highlighter } from '../../src/content/highlight-hook';
import { highlightElement } from '../../src/content/highlight-element';

let highlighter: Highlighter | undefined;

afterEach(() => {
  highlighter?.destroy();
  highlighter = undefined;
  document.body.replaceChildren();
  delete (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView;
});

describe('highlightElement', () => {
  it('marks the text of a row as one range', () => {
    (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView = vi.fn();
    document.body.innerHTML = '<table><tr id="r"><td>97124</td><td>GP</td><td>1</td></tr></table>';
    highlighter = createHighlighter(document);
    expect(highlightElement(highlighter, document.getElementById('r') as Element)).toBe(true);
    const state = highlighter.current();
    expect(state?.kind).toBe('range');
    expect(state?.kind === 'range' ? state.range.toString() : '').toBe('97124GP1');
  });

  it('marks the first text control of a row made only of controls (an unbilled fee sheet line)', () => {
    (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView = vi.fn();
    document.body.innerHTML = '<table><tr id="r"><td><input type="hidden" value="x"><input name="bill[1][code]" value="97124"></td><td><input name="bill[1][units]" value="3"></td></tr></table>';
    highlighter = createHighlighter(document);
    expect(highlightElement(highlighter, document.getElementById('r') as Element)).toBe(true);
    expect(highlighter.current()).toMatchObject({ kind: 'value', marked: '97124' });
  });

  it('answers false when there is nothing to mark', () => {
    document.body.innerHTML = '<div id="empty"></div>';
    highlighter = createHighlighter(document);
    expect(highlightElement(highlighter, document.getElementById('empty') as Element)).toBe(false);
  });
});
