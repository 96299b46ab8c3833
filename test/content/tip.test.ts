// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ElementIds, readFrame, type PartSource } from '../../src/adapters/index';
import { createHighlighter } from '../../src/content/highlight';
import { TIP_HOOK, type HighlightLabel, type TipHook, type TipTarget } from '../../src/content/highlight-hook';
import { createTip } from '../../src/content/tip';
import { at, mountPage, URLS } from '../adapters/pages';

const LABEL: HighlightLabel = { findingKey: 'comfort-wording:0a1b2c', title: 'Comfort or <b>relaxation</b> wording', severity: 'error' };
const rect = (left: number, top: number, width: number, height: number) => ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON: () => ({}) }) as DOMRect;

let sent: unknown[] = [];
beforeEach(() => {
  sent = [];
  vi.stubGlobal('chrome', { runtime: { sendMessage: async (m: unknown) => void sent.push(m) }, i18n: { getMessage: () => '' } });
  Element.prototype.scrollIntoView = () => undefined;
});

afterEach(() => {
  vi.unstubAllGlobals();
  delete (globalThis as { [TIP_HOOK]?: TipHook })[TIP_HOOK];
  document.body.replaceChildren();
  for (const own of document.querySelectorAll('tcg-overlay')) own.remove();
});

function attached(): { tip: TipHook; layer: HTMLElement; target: TipTarget } {
  const tip = createTip(document);
  const layer = document.createElement('div');
  document.body.append(layer);
  const target: TipTarget = { layer, rects: () => [rect(100, 200, 80, 16)] };
  tip.prepare(LABEL);
  tip.attach(target);
  return { tip, layer, target };
}

describe('the in-page tip of a highlight', () => {
  it('labels the highlight with its finding for assistive technology, as text', () => {
    const { layer } = attached();
    const flag = layer.querySelector('button') as HTMLButtonElement;
    expect(flag.getAttribute('aria-label')).toBe('Claim Guard finding: Comfort or <b>relaxation</b> wording (Error)');
    expect(flag.getAttribute('aria-expanded')).toBe('false');
    expect(layer.querySelector('b')).toBeNull();
    expect(flag.style.getPropertyValue('pointer-events')).toBe('auto');
    expect(flag.style.getPropertyValue('left')).toBe('88px');
  });

  it('opens on focus with the rule title, severity and "Open in Claim Guard", which asks the worker', async () => {
    const { layer } = attached();
    const flag = layer.querySelector('button') as HTMLButtonElement;
    flag.dispatchEvent(new FocusEvent('focus'));
    const bubble = layer.querySelector('[role="group"]') as HTMLElement;
    expect(bubble.getAttribute('aria-label')).toBe(LABEL.title);
    expect(bubble.textContent).toContain('Comfort or <b>relaxation</b> wording');
    expect(bubble.textContent).toContain('✖ Error');
    expect(flag.getAttribute('aria-expanded')).toBe('true');
    const open = [...bubble.querySelectorAll('button')].find((b) => b.textContent === 'Open in Claim Guard') as HTMLButtonElement;
    open.click();
    await Promise.resolve();
    expect(sent).toEqual([{ type: 'cs:open-finding', findingKey: LABEL.findingKey }]);
    expect(bubble.querySelector('[role="status"]')?.textContent).toMatch(/click Claim Guard in the toolbar/);
    // Escape closes it and gives focus back to the flag.
    bubble.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(layer.querySelector('[role="group"]')).toBeNull();
    expect(flag.getAttribute('aria-expanded')).toBe('false');
  });

  it('opens on a click on the highlighted text, not elsewhere', () => {
    const { layer } = attached();
    document.dispatchEvent(new MouseEvent('click', { clientX: 10, clientY: 10, bubbles: true }));
    expect(layer.querySelector('[role="group"]')).toBeNull();
    document.dispatchEvent(new MouseEvent('click', { clientX: 120, clientY: 205, bubbles: true }));
    expect(layer.querySelector('[role="group"]')).not.toBeNull();
  });

  it('draws nothing without a label, and removes everything and its listener on detach', () => {
    const tip = createTip(document);
    const layer = document.createElement('div');
    tip.attach({ layer, rects: () => [rect(0, 0, 10, 10)] });
    expect(layer.childNodes).toHaveLength(0);
    const { tip: labelled, layer: used } = attached();
    labelled.detach();
    expect(used.childNodes).toHaveLength(0);
    document.dispatchEvent(new MouseEvent('click', { clientX: 120, clientY: 205, bubbles: true }));
    expect(used.childNodes).toHaveLength(0);
  });
});

describe('the highlighter hands its highlight to the tip', () => {
  function textareaPart(): { text: string; source: PartSource } {
    mountPage('openemr-soap-edit.html');
    const ids = new ElementIds();
    const frame = readFrame(document, at(URLS.soap), [], ids, { top: true });
    const textarea = document.querySelector('textarea[name="objective"]');
    const id = textarea ? ids.of(textarea) : '';
    const text = frame.snapshot.page.blocks.find((b) => b.id === id)?.text ?? '';
    const source = frame.sources.get(id) as PartSource;
    return { text, source };
  }

  it('gives the tip a layer inside its one closed-shadow host, and detaches it on clear', () => {
    const calls: string[] = [];
    let layer: HTMLElement | null = null;
    (globalThis as { [TIP_HOOK]?: TipHook })[TIP_HOOK] = {
      prepare: () => undefined,
      attach: (target) => {
        calls.push('attach');
        layer = target.layer;
      },
      moved: () => calls.push('moved'),
      detach: () => calls.push('detach'),
    };
    const { text, source } = textareaPart();
    const evidence = 'effleurage and petrissage x 25 min';
    const start = text.indexOf(evidence);
    const highlighter = createHighlighter(document);
    expect(highlighter.show(source, start, start + evidence.length)).toBe(true);
    expect(calls).toEqual(['attach']);
    // The layer is not in the page's tree: only the host is, with nothing in its light DOM.
    expect(document.contains(layer)).toBe(false);
    expect(document.querySelectorAll('tcg-overlay')).toHaveLength(1);
    expect(highlighter.host()?.childNodes).toHaveLength(0);
    highlighter.clear();
    expect(calls).toEqual(['attach', 'detach']);
    expect(document.querySelectorAll('tcg-overlay')).toHaveLength(0);
    highlighter.destroy();
  });
});

describe('the tip and focus', () => {
  it('gives focus back to the flag on close without opening again', () => {
    const { layer } = attached();
    const flag = layer.querySelector('button') as HTMLButtonElement;
    flag.focus();
    const close = layer.querySelector('[role="group"] button[aria-label="Close"]') as HTMLButtonElement;
    close.click();
    expect(document.activeElement).toBe(flag);
    expect(layer.querySelector('[role="group"]')).toBeNull();
  });
});

describe('the flash', () => {
  it('outlines the evidence once when the highlight is shown, then removes the outline', () => {
    vi.useFakeTimers();
    try {
      const { layer } = attached();
      expect(layer.querySelectorAll('[data-flash]')).toHaveLength(1);
      vi.advanceTimersByTime(1300);
      expect(layer.querySelectorAll('[data-flash]')).toHaveLength(0);
      expect(layer.querySelector('button')).not.toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
