// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ElementIds, readFrame, type PartSource } from '../../src/adapters/index';
import { createHighlighter, HIGHLIGHT_NAME } from '../../src/content/highlight';
import type { Highlighter } from '../../src/content/highlight-hook';
import { at, mountPage, URLS } from '../adapters/pages';

/** A stand-in for the CSS Custom Highlight API, which jsdom does not have. */
class FakeHighlight {
  readonly ranges: AbstractRange[];
  constructor(...ranges: AbstractRange[]) {
    this.ranges = ranges;
  }
}

let highlighter: Highlighter | undefined;
const scrolled: Element[] = [];

beforeEach(() => {
  scrolled.length = 0;
  // jsdom has no layout; record what would be scrolled into view.
  Element.prototype.scrollIntoView = function scrollIntoView(this: Element) {
    scrolled.push(this);
  };
});

afterEach(() => {
  highlighter?.destroy();
  highlighter = undefined;
  vi.unstubAllGlobals();
  document.head.replaceChildren();
  document.body.replaceChildren();
  delete (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView;
});

/** The described text block of the element `selector` names (an editor or a textarea). */
function partOf(page: string, url: string, selector: string): { text: string; source: PartSource } {
  mountPage(page);
  const ids = new ElementIds();
  const frame = readFrame(document, at(url), [], ids, { top: true });
  const el = document.querySelector(selector);
  const id = el ? ids.of(el) : '';
  const text = frame.snapshot.page.blocks.find((b) => b.id === id)?.text;
  const source = frame.sources.get(id);
  if (text === undefined || !source) throw new Error(`no block for ${selector}`);
  return { text, source };
}

describe('highlighting text built from DOM nodes', () => {
  it('registers under a random name, so a page cannot detect the extension by a fixed one', () => {
    expect(HIGHLIGHT_NAME).toMatch(/^h[0-9a-f]{16}$/);
    expect(HIGHLIGHT_NAME).not.toContain('tcg');
  });

  it('paints the evidence Range with the Highlight API and adopts a stylesheet, leaving the DOM untouched', () => {
    const registry = new Map<string, FakeHighlight>();
    vi.stubGlobal('CSS', { highlights: registry });
    vi.stubGlobal('Highlight', FakeHighlight);
    const { text, source } = partOf('generic-ehr.html', URLS.generic, '#note-editor');
    const evidence = 'Therapeutic massage to cervical and upper thoracic paraspinals, effleurage and petrissage, 25 minutes.';
    const start = text.indexOf(evidence);
    const before = document.documentElement.outerHTML;

    highlighter = createHighlighter(document);
    expect(highlighter.show(source, start, start + evidence.length)).toBe(true);

    const painted = registry.get(HIGHLIGHT_NAME);
    expect(painted?.ranges[0]?.toString()).toBe(evidence);
    expect(highlighter.current()).toMatchObject({ kind: 'range', via: 'highlight-api' });
    const rules = document.adoptedStyleSheets.flatMap((sheet) => Array.from(sheet.cssRules).map((r) => r.cssText));
    expect(rules.join('\n')).toContain(`highlight(${HIGHLIGHT_NAME})`);
    expect(scrolled[0]?.textContent).toContain('Hypertonicity');
    expect(document.documentElement.outerHTML).toBe(before);
    expect(document.querySelector('tcg-overlay')).toBeNull();

    highlighter.clear();
    expect(registry.has(HIGHLIGHT_NAME)).toBe(false);
    highlighter.destroy();
    expect(document.adoptedStyleSheets).toHaveLength(0);
  });

  it('falls back to an overlay when the Highlight API is missing', () => {
    const { text, source } = partOf('generic-ehr.html', URLS.generic, '#note-editor');
    const start = text.indexOf('Improved tissue extensibility');
    const before = document.documentElement.outerHTML;
    highlighter = createHighlighter(document);
    expect(highlighter.show(source, start, start + 29)).toBe(true);
    const state = highlighter.current();
    expect(state?.kind === 'range' && state.via === 'overlay' && state.range.toString()).toBe('Improved tissue extensibility');
    const host = highlighter.host();
    expect(host?.parentElement).toBe(document.documentElement);
    expect(host?.shadowRoot).toBeNull(); // closed
    highlighter.clear();
    expect(document.documentElement.outerHTML).toBe(before);
  });

  it('reports false when the evidence is no longer in the page', () => {
    const { source } = partOf('generic-ehr.html', URLS.generic, '#note-editor');
    document.getElementById('note-editor')?.replaceChildren();
    highlighter = createHighlighter(document);
    expect(highlighter.show(source, 0, 10)).toBe(false);
    expect(highlighter.current()).toBeNull();
  });
});

describe('highlighting inside a textarea value', () => {
  it('draws an overlay in a closed shadow root; the one added element is removed on clear', () => {
    const { text, source } = partOf('openemr-soap-edit.html', URLS.soap, 'textarea[name="objective"]');
    const evidence = 'therapeutic massage -- 20 min';
    const start = text.indexOf(evidence);
    const area = document.querySelector('textarea[name="objective"]') as HTMLTextAreaElement;
    const before = document.documentElement.outerHTML;
    const focused = document.activeElement;

    highlighter = createHighlighter(document);
    expect(highlighter.show(source, start, start + evidence.length)).toBe(true);

    expect(highlighter.current()).toMatchObject({ kind: 'value', marked: evidence, start, end: start + evidence.length });
    const hosts = document.querySelectorAll('tcg-overlay');
    expect(hosts).toHaveLength(1);
    const host = hosts[0] as HTMLElement;
    expect(host.parentElement).toBe(document.documentElement);
    expect(host.shadowRoot).toBeNull();
    expect(host.childNodes).toHaveLength(0); // everything lives in the closed shadow root
    expect(host.style.getPropertyValue('pointer-events')).toBe('none');
    // The EHR's own DOM is unchanged apart from the host; selection and focus untouched.
    const withoutHost = document.documentElement.outerHTML.replace(/<tcg-overlay[^>]*><\/tcg-overlay>/, '');
    expect(withoutHost).toBe(before);
    expect(document.activeElement).toBe(focused);
    expect(area.selectionStart).toBe(area.selectionEnd);
    expect(scrolled).toContain(area);

    highlighter.clear();
    expect(document.querySelector('tcg-overlay')).toBeNull();
    expect(document.documentElement.outerHTML).toBe(before);
  });

  it('clamps offsets to the current value and refuses an empty span', () => {
    const { source } = partOf('openemr-soap-edit.html', URLS.soap, 'textarea[name="subjective"]');
    highlighter = createHighlighter(document);
    expect(highlighter.show(source, 5, 5)).toBe(false);
    expect(highlighter.show(source, 100_000, 100_010)).toBe(false);
    const area = document.querySelector('textarea[name="subjective"]') as HTMLTextAreaElement;
    expect(highlighter.show(source, area.value.length - 6, area.value.length + 50)).toBe(true);
    expect(highlighter.current()).toMatchObject({ kind: 'value', marked: '07-06.' });
    expect(highlighter.isOverlaid(area)).toBe(true);
  });
});
