// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { classifyFrame } from '../../src/adapters/classify/index';
import { settleTitles } from '../../src/adapters/page/titles';
import { ElementIds } from '../../src/adapters/index';
import { CORRECTIONS_HOOK } from '../../src/content/corrections-hook';
import { HIGHLIGHT_HOOK } from '../../src/content/highlight-hook';
import { main, type ContentController } from '../../src/content/main';
import type { ContentMessage } from '../../src/shared/messages';
import type { Snapshot } from '../../src/shared/snapshot';
import { fixture, mountPage } from '../adapters/pages';
import { fakeApi } from './fake-api';

let controller: ContentController | null = null;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  controller?.stop();
  controller = null;
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.head.replaceChildren();
  document.body.replaceChildren();
});

/** What the worker's scripting.executeScript(files: ['highlight.js', …]) does in a frame before a highlight. */
async function loadHighlighter(): Promise<void> {
  vi.resetModules();
  await import('../../src/content/highlight-bundle');
}

/** What the worker's scripting.executeScript(files: ['corrections.js']) does in a frame. */
async function loadCorrections(): Promise<void> {
  vi.resetModules();
  await import('../../src/content/corrections');
}

function snapshots(sent: ContentMessage[]): Snapshot[] {
  return sent.flatMap((m) => (m.type === 'cs:snapshot' ? [m.snapshot] : []));
}

/** The text of the described block labelled `label` (an editor). */
function blockText(snapshot: Snapshot | undefined, label: string): string | undefined {
  return snapshot?.page.blocks.find((b) => b.label === label)?.text;
}

function blockId(snapshot: Snapshot | undefined, label: string): string {
  const id = snapshot?.page.blocks.find((b) => b.label === label)?.id;
  if (!id) throw new Error(`no block labelled ${label}`);
  return id;
}

/** Let the debounce pass and the idle read run (MutationObserver callbacks are microtasks). */
async function settle(ms = 400): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

function type(area: HTMLTextAreaElement, value: string): void {
  area.value = value;
  area.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('content script: describing and sending', () => {
  it('sends one description after start and nothing more while the page does not change', async () => {
    mountPage('generic-ehr.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    expect(fake.sent).toHaveLength(1);
    const [snapshot] = snapshots(fake.sent);
    expect(snapshot?.adapter).toBe('page');
    // The worker's classifier finds the claim table in it.
    expect(classifyFrame(settleTitles(snapshot!.page)).groups[0]?.lines.map((l) => l.line.code)).toEqual(['97124', '97140']);
    controller?.readNow();
    await settle(1000);
    expect(fake.sent).toHaveLength(1);
  });

  it('re-reads only the typed-in editor after a typing burst, once the keystrokes stop', async () => {
    mountPage('openemr-soap-edit.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    const prune = vi.spyOn(ElementIds.prototype, 'prune');
    const area = document.querySelector('textarea[name="plan"]') as HTMLTextAreaElement;
    type(area, 'Continue 2x/week');
    await settle(150);
    // Still typing: this keystroke (after the 100 ms pause) pokes again, so the read waits.
    type(area, 'Continue 2x/week x 4 weeks');
    await settle(120);
    expect(fake.sent).toHaveLength(1);
    await settle(350);
    expect(fake.sent).toHaveLength(2);
    expect(blockText(snapshots(fake.sent)[1], 'Plan')).toBe('Continue 2x/week x 4 weeks');
    expect(prune).not.toHaveBeenCalled(); // no full description of the page
    // After the burst the listener is back: the next edit is read too.
    type(area, 'Discharge to HEP');
    await settle(500);
    expect(fake.sent).toHaveLength(3);
    expect(blockText(snapshots(fake.sent)[2], 'Plan')).toBe('Discharge to HEP');
  });

  it('handles one input event per typing burst, not one per keystroke', async () => {
    mountPage('openemr-soap-edit.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    const area = document.querySelector('textarea[name="plan"]') as HTMLTextAreaElement;
    const spy = vi.spyOn(EventTarget.prototype, 'removeEventListener');
    for (let i = 0; i < 5; i++) type(area, `${area.value}x`);
    expect(spy.mock.calls.filter(([t]) => t === 'input')).toHaveLength(1);
    spy.mockRestore();
    await settle(500);
    expect(fake.sent).toHaveLength(2);
  });

  it('re-reads text typed into a contenteditable editor as an editor change', async () => {
    mountPage('generic-ehr.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    const prune = vi.spyOn(ElementIds.prototype, 'prune');
    const paragraph = document.querySelector('#note-editor p') as HTMLElement;
    (paragraph.firstChild as Text).appendData(' Sleeps poorly.');
    await settle();
    expect(blockText(snapshots(fake.sent).at(-1), 'Treatment note')).toContain('worse at end of work day. Sleeps poorly.');
    expect(prune).not.toHaveBeenCalled();
  });

  it('describes the page again after an SPA re-render (no navigation, no input event)', async () => {
    mountPage('generic-ehr.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    const replacement = document.createElement('div');
    replacement.id = 'note-editor';
    replacement.setAttribute('contenteditable', 'true');
    replacement.setAttribute('aria-label', 'Treatment note');
    replacement.textContent = 'Visit 2: therapeutic massage to lumbar paraspinals, 30 minutes.';
    (document.getElementById('note-editor') as HTMLElement).replaceWith(replacement);
    await settle(100);
    expect(fake.sent).toHaveLength(1); // debounced
    await settle(400);
    expect(fake.sent).toHaveLength(2);
    expect(blockText(snapshots(fake.sent)[1], 'Treatment note')).toBe('Visit 2: therapeutic massage to lumbar paraspinals, 30 minutes.');
  });

  it('notices a table replaced wholesale and a field value changed (OpenEMR re-renders the fee sheet)', async () => {
    mountPage('openemr-fee-sheet-unbilled.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    const table = document.getElementById('selected_codes') as HTMLTableElement;
    const copy = table.cloneNode(true) as HTMLTableElement;
    (copy.querySelector('input[name="bill[1][units]"]') as HTMLInputElement).setAttribute('value', '4');
    table.replaceWith(copy);
    await settle();
    const lines = () => classifyFrame(settleTitles(snapshots(fake.sent).at(-1)!.page)).groups[0]?.lines.map((l) => l.line);
    expect(lines()?.[0]).toMatchObject({ code: '97124', units: 4 });
    const units = copy.querySelector('input[name="bill[1][units]"]') as HTMLInputElement;
    units.value = '2';
    units.dispatchEvent(new Event('input', { bubbles: true }));
    await settle(600);
    expect(lines()?.[0]).toMatchObject({ code: '97124', units: 2 });
  });

  it('sends cs:empty when everything readable disappears', async () => {
    mountPage('generic-list-form.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    expect(fake.sent[0]?.type).toBe('cs:snapshot');
    document.body.replaceChildren();
    await settle();
    expect(fake.sent.at(-1)).toEqual({ type: 'cs:empty' });
  });

  it('resends on bg:request-snapshot even when nothing changed', async () => {
    mountPage('generic-ehr.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    expect(fake.deliver({ type: 'bg:request-snapshot' })).toBeUndefined();
    expect(fake.sent).toHaveLength(2);
    expect(fake.sent[1]).toEqual(fake.sent[0]);
  });

  it('applies selector configs from storage (ignoring ones it cannot apply) and reloads them on change', async () => {
    mountPage('selector-ehr.html');
    const good = {
      name: 'ExampleEHR',
      urlPattern: `${location.protocol}//${location.hostname}/*`,
      noteSelectors: [{ selector: '.note-section', label: 'Note' }],
      claimRowSelector: '.charge-row',
      columns: { code: '.cpt', modifiers: '.mods', units: '.units' },
    };
    const fake = fakeApi([{ ...good, name: 'Broken', urlPattern: 'not a pattern' }, 'junk']);
    controller = main({ api: fake.api });
    await settle();
    expect(snapshots(fake.sent).at(-1)?.adapter).toBe('page');
    fake.setConfigs([good]);
    await settle();
    const last = snapshots(fake.sent).at(-1);
    expect(last?.adapter).toBe('page+selector:ExampleEHR');
    expect(classifyFrame(settleTitles(last!.page)).groups[0]?.lines.map((l) => l.line)).toEqual([
      { code: '97124', modifiers: ['GP', 'KX'], units: 1 },
      { code: 'G0283', units: 1 },
    ]);
  });

  it('asks for the configs of its address again when a single-page app moves to another address', async () => {
    mountPage('selector-ehr.html');
    history.replaceState(null, '', '/schedule');
    const config = {
      name: 'ChartOnly',
      urlPattern: `${location.protocol}//${location.hostname}/chart/*`,
      noteSelectors: [{ selector: '.note-section', label: 'Note' }],
    };
    const fake = fakeApi([config]);
    const asked = vi.spyOn(fake.api, 'selectorConfigs');
    controller = main({ api: fake.api });
    await settle();
    expect(snapshots(fake.sent).at(-1)?.adapter).toBe('page');
    history.pushState(null, '', '/chart/visit/9');
    document.body.append(document.createElement('p'));
    await settle();
    await settle();
    expect(asked.mock.calls.map(([href]) => new URL(href).pathname)).toEqual(['/schedule', '/chart/visit/9']);
    expect(snapshots(fake.sent).at(-1)?.adapter).toBe('page+selector:ChartOnly');
    history.replaceState(null, '', '/');
  });

  it('runs once per frame even when injected twice', () => {
    mountPage('generic-ehr.html');
    controller = main({ api: fakeApi().api });
    expect(controller).not.toBeNull();
    expect(main({ api: fakeApi().api })).toBeNull();
  });
});

describe('content script: a page that never stops changing', () => {
  it('tells the worker its result is stale, and reads less and less often', async () => {
    document.body.innerHTML = `${fixture('generic-ehr.html').replace(/^[\s\S]*<body>|<\/body>[\s\S]*$/g, '')}<div id="clock">0</div>`;
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    const clock = document.getElementById('clock') as HTMLElement;
    let n = 0;
    const ticker = setInterval(() => {
      clock.textContent = String(++n);
    }, 100);
    await settle(30_000);
    clearInterval(ticker);
    const pending = fake.sent.filter((m) => m.type === 'cs:pending').length;
    const reads = snapshots(fake.sent).length;
    expect(pending).toBeGreaterThan(0);
    // 300 changes in 30 s: reads at ~2, 6, 14, 30 s, not one per change.
    expect(reads).toBeLessThanOrEqual(6);
    await settle(1000);
    expect(fake.sent.at(-1)?.type).toBe('cs:snapshot'); // quiet again: a current read
  });
});

describe('content script: inbound messages', () => {
  it('rejects messages from other senders and messages that do not parse', async () => {
    await loadHighlighter();
    mountPage('openemr-soap-edit.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    const id = blockId(snapshots(fake.sent)[0], 'Objective');
    const good = { type: 'bg:highlight', partId: id, start: 0, end: 10 };
    expect(fake.deliver(good, { id: 'someone-else' })).toBeUndefined();
    expect(fake.deliver(good, {})).toBeUndefined();
    for (const bad of [
      null,
      'bg:request-snapshot',
      { ...good, start: -1 },
      { ...good, start: 0.5 },
      { ...good, partId: 42 },
      { type: 'bg:highlight-element', anchor: 'x'.repeat(41) },
      { type: 'bg:selectors', anchors: 'e1' },
      { type: 'cs:snapshot', snapshot: {} },
      { type: 'bg:navigate', url: 'https://evil.test/' },
    ]) {
      expect(fake.deliver(bad)).toBeUndefined();
    }
    expect(controller?.highlighter()).toBeNull(); // nothing reached the highlighter
    expect(fake.sent).toHaveLength(1);
    await expect(fake.deliver(good)).resolves.toEqual({ ok: true });
    expect(controller?.highlighter()?.current()).toMatchObject({ kind: 'value', marked: 'Treatment:' });
  });

  it('highlights by block id, answers ok:false for unknown blocks, and clears on request or on edit', async () => {
    await loadHighlighter();
    mountPage('openemr-soap-edit.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    const id = blockId(snapshots(fake.sent)[0], 'Assessment');
    await expect(fake.deliver({ type: 'bg:highlight', partId: 'e999', start: 0, end: 4 })).resolves.toEqual({ ok: false });
    await expect(fake.deliver({ type: 'bg:highlight', partId: id, start: 0, end: 9 })).resolves.toEqual({ ok: true });
    expect(document.querySelector('tcg-overlay')).not.toBeNull();
    await settle();
    expect(fake.sent).toHaveLength(1); // adding our overlay host is not a page change
    expect(fake.deliver({ type: 'bg:clear-highlight' })).toBeUndefined();
    expect(document.querySelector('tcg-overlay')).toBeNull();

    await fake.deliver({ type: 'bg:highlight', partId: id, start: 0, end: 9 });
    const area = document.querySelector('textarea[name="assessment"]') as HTMLTextAreaElement;
    type(area, `Edited. ${area.value}`);
    expect(document.querySelector('tcg-overlay')).toBeNull();
  });

  it('marks the element a claim line was read from (bg:highlight-element)', async () => {
    await loadHighlighter();
    mountPage('openemr-fee-sheet-billed.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    const line = classifyFrame(settleTitles(snapshots(fake.sent)[0]!.page)).groups[0]?.lines[0];
    expect(line?.line.code).toBe('97124');
    await expect(fake.deliver({ type: 'bg:highlight-element', anchor: line!.anchor })).resolves.toEqual({ ok: true });
    expect(controller?.highlighter()?.current()).not.toBeNull();
    await expect(fake.deliver({ type: 'bg:highlight-element', anchor: 'e99999' })).resolves.toEqual({ ok: false });
  });

  it('has no highlighter until the worker loads highlight.js into the frame, and keeps the one it made then', async () => {
    delete (globalThis as { [HIGHLIGHT_HOOK]?: unknown })[HIGHLIGHT_HOOK];
    mountPage('openemr-soap-edit.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    const id = blockId(snapshots(fake.sent)[0], 'Objective');
    await expect(fake.deliver({ type: 'bg:highlight', partId: id, start: 0, end: 10 })).resolves.toEqual({ ok: false });
    expect(controller?.highlighter()).toBeNull();
    expect(fake.deliver({ type: 'bg:clear-highlight' })).toBeUndefined(); // nothing to clear, no error
    await loadHighlighter();
    await expect(fake.deliver({ type: 'bg:highlight', partId: id, start: 0, end: 10 })).resolves.toEqual({ ok: true });
    const first = controller?.highlighter();
    expect(first?.current()).toMatchObject({ kind: 'value', marked: 'Treatment:' });
    // The worker injects highlight.js before every highlight: the frame keeps its first registration
    // (and with it its random highlight name).
    const hook = (globalThis as { [HIGHLIGHT_HOOK]?: unknown })[HIGHLIGHT_HOOK];
    await loadHighlighter();
    expect((globalThis as { [HIGHLIGHT_HOOK]?: unknown })[HIGHLIGHT_HOOK]).toBe(hook);
    await expect(fake.deliver({ type: 'bg:highlight', partId: id, start: 0, end: 10 })).resolves.toEqual({ ok: true });
    expect(controller?.highlighter()).toBe(first);
  });

  it('has no picker and names no element until the worker loads corrections.js into the frame', async () => {
    delete (globalThis as { [CORRECTIONS_HOOK]?: unknown })[CORRECTIONS_HOOK];
    mountPage('generic-ehr.html');
    const fake = fakeApi();
    controller = main({ api: fake.api, untrustedPicks: true });
    await settle();
    const id = blockId(snapshots(fake.sent)[0], 'Treatment note');
    await expect(fake.deliver({ type: 'bg:pick' })).resolves.toEqual({ ok: false });
    await expect(fake.deliver({ type: 'bg:selectors', anchors: [id] })).resolves.toEqual({ selectors: [null] });
    expect(document.querySelector('tcg-overlay')).toBeNull();
    await loadCorrections();
    await expect(fake.deliver({ type: 'bg:selectors', anchors: [id] })).resolves.toEqual({ selectors: ['div#note-editor'] });
  });

  it('a page script cannot pick for the user: synthetic clicks are ignored', async () => {
    await loadCorrections();
    mountPage('generic-ehr.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    await fake.deliver({ type: 'bg:pick' });
    (document.getElementById('addendum') as HTMLElement).dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(fake.sent.some((m) => m.type === 'cs:picked')).toBe(false);
  });

  it('answers PHI-free selectors for described elements, and sends the element the user picks', async () => {
    await loadCorrections();
    mountPage('generic-ehr.html');
    const fake = fakeApi();
    controller = main({ api: fake.api, untrustedPicks: true });
    await settle();
    const id = blockId(snapshots(fake.sent)[0], 'Treatment note');
    await expect(fake.deliver({ type: 'bg:selectors', anchors: [id, 'e99999'] })).resolves.toEqual({ selectors: ['div#note-editor', null] });

    await expect(fake.deliver({ type: 'bg:pick' })).resolves.toEqual({ ok: true });
    const addendum = document.getElementById('addendum') as HTMLElement;
    addendum.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
    expect(fake.sent.at(-1)).toEqual({ type: 'cs:picked', selector: 'textarea#addendum' });
    // Escape cancels a pick without sending anything.
    await fake.deliver({ type: 'bg:pick' });
    const count = fake.sent.length;
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    addendum.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(fake.sent).toHaveLength(count);
    // A pick made in another frame saves a correction: this frame's picker is done too.
    await fake.deliver({ type: 'bg:pick' });
    fake.setConfigs([]);
    addendum.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(fake.sent.filter((m) => m.type === 'cs:picked')).toHaveLength(1);
  });
});

describe('content script: lifecycle', () => {
  it('stops observing and sending once the extension context is invalidated', async () => {
    mountPage('openemr-soap-edit.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    fake.invalidate();
    type(document.querySelector('textarea[name="plan"]') as HTMLTextAreaElement, 'changed');
    await settle();
    expect(fake.sent).toHaveLength(1);
    expect(fake.hasListener()).toBe(false);
    const fresh = main({ api: fakeApi().api });
    expect(fresh).not.toBeNull();
    fresh?.stop();
  });

  it('retries a description that could not be delivered', async () => {
    mountPage('openemr-soap-edit.html');
    const fake = fakeApi();
    vi.mocked(fake.api.send).mockRejectedValueOnce(new Error('Could not establish connection'));
    controller = main({ api: fake.api });
    await settle();
    controller?.readNow();
    await settle();
    expect(vi.mocked(fake.api.send).mock.calls).toHaveLength(2);
    expect(fake.sent).toHaveLength(1);
  });
});

describe('content script: cost of a typing burst on a 20,000-node page', () => {
  it('keeps each keystroke O(1) (no DOM reads) and reads only the editor after the burst', { timeout: 60_000 }, async () => {
    const rows: string[] = [];
    for (let i = 0; i < 2000; i++) rows.push(`<tr>${'<td><span>cell</span></td>'.repeat(5)}</tr>`);
    const html = `<main><textarea id="note" name="note">${'Therapeutic massage to paraspinals. '.repeat(5000)}</textarea><table class="grid">${rows.join('')}</table></main>`;
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
    expect(document.getElementsByTagName('*').length + document.body.querySelectorAll('span').length).toBeGreaterThan(20_000);

    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    expect(fake.sent).toHaveLength(1);

    const describeElement = vi.spyOn(ElementIds.prototype, 'of');
    const fullRead = vi.spyOn(ElementIds.prototype, 'prune');
    const query = vi.spyOn(document, 'querySelectorAll');
    const area = document.getElementById('note') as HTMLTextAreaElement;
    // 120 keys, one per frame (~1.9 s).
    for (let i = 0; i < 120; i++) {
      area.value += 'x';
      area.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await vi.advanceTimersByTimeAsync(16);
    }
    expect(describeElement).not.toHaveBeenCalled();
    expect(query).not.toHaveBeenCalled();
    await settle();
    expect(fake.sent).toHaveLength(2);
    expect(fullRead).not.toHaveBeenCalled(); // only the note was read again

    // A long burst never reads inside a keystroke.
    for (let i = 0; i < 300; i++) {
      const before = describeElement.mock.calls.length + fake.sent.length;
      area.value += 'y';
      area.dispatchEvent(new InputEvent('input', { bubbles: true }));
      expect(describeElement.mock.calls.length + fake.sent.length).toBe(before);
      await vi.advanceTimersByTimeAsync(16);
    }
    await settle();
    expect(fullRead).not.toHaveBeenCalled();
    expect(fake.sent.length).toBeLessThanOrEqual(4);
  });
});
