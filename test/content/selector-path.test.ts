// @vitest-environment jsdom
// Selectors saved as reading corrections: they must match exactly the element, survive re-renders,
// and hold no PHI (never text; no ids or classes with digits, where record numbers and names hide).
import { afterEach, describe, expect, it } from 'vitest';
import { selectorFor } from '../../src/content/selector-path';

afterEach(() => {
  document.body.replaceChildren();
});

describe('selectorFor', () => {
  it('uses a plain-word id when the page has one', () => {
    document.body.innerHTML = '<main><div id="note-editor" class="rich">text</div></main>';
    expect(selectorFor(document.getElementById('note-editor') as Element)).toBe('div#note-editor');
  });

  it('builds a path of tags, plain-word classes, names and positions, and matches exactly the element', () => {
    document.body.innerHTML = '<form name="soap"><div class="row"><textarea name="subjective"></textarea></div><div class="row"><textarea name="objective"></textarea></div></form>';
    const target = document.querySelector('textarea[name="objective"]') as Element;
    const selector = selectorFor(target) as string;
    expect(document.querySelectorAll(selector)).toHaveLength(1);
    expect(document.querySelector(selector)).toBe(target);
    expect(selector).toContain('textarea[name="objective"]');
  });

  it('never uses text, digits or hashed class names (record numbers, names, build hashes)', () => {
    document.body.innerHTML = '<div id="patient-48213" class="css-1x9fa2 card Smith"><p class="x7f">Jane Smith 01/02/1970</p><p class="x7f">other</p></div>';
    const selector = selectorFor(document.querySelector('p') as Element) as string;
    expect(selector).not.toMatch(/\d{2,}|Jane|1970|48213|1x9fa2/);
    expect(document.querySelector(selector)).toBe(document.querySelector('p'));
  });

  it('names the light-DOM host of an element inside a shadow root', () => {
    document.body.innerHTML = '<visit-note></visit-note>';
    const host = document.querySelector('visit-note') as HTMLElement;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>inside</p>';
    expect(selectorFor(root.querySelector('p') as Element)).toBe(selectorFor(host));
    expect(document.querySelector(selectorFor(host) as string)).toBe(host);
  });
});
