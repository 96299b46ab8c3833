// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { genericAdapter } from '../../src/adapters/generic';
import { main, type ContentController } from '../../src/content/main';
import type { ContentMessage } from '../../src/shared/messages';
import { mountPage } from '../adapters/pages';
import { fakeApi } from './fake-api';

let controller: ContentController | null = null;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  controller?.stop();
  controller = null;
  vi.useRealTimers();
  genericAdapter.invalidate?.(document);
  document.head.replaceChildren();
  document.body.replaceChildren();
});

function snapshots(sent: ContentMessage[]) {
  return sent.flatMap((m) => (m.type === 'cs:snapshot' ? [m.snapshot] : []));
}

/** Let the debounce pass and the idle read run (MutationObserver callbacks are microtasks). */
async function settle(ms = 400): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

describe('content script: reading and sending', () => {
  it('sends one snapshot after start and nothing more while the page does not change', async () => {
    mountPage('generic-ehr.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    expect(fake.sent).toHaveLength(1);
    const [snapshot] = snapshots(fake.sent);
    expect(snapshot?.adapter).toBe('generic');
    expect(snapshot?.claimLines.map((l) => l.code)).toEqual(['97124', '97140']);
    controller?.readNow();
    await settle(1000);
    expect(fake.sent).toHaveLength(1);
  });

  it('re-reads a textarea after a typing burst, once the keystrokes stop', async () => {
    mountPage('openemr-soap.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    const area = document.querySelector('textarea[name="plan"]') as HTMLTextAreaElement;
    area.value = 'Continue 2x/week';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await settle(150);
    // Still typing: this keystroke (after the 100 ms pause) pokes again, so the read waits.
    area.value = 'Continue 2x/week x 4 weeks';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await settle(120);
    expect(fake.sent).toHaveLength(1); // still typing: the read waits for quiet
    await settle(350);
    expect(fake.sent).toHaveLength(2);
    expect(snapshots(fake.sent)[1]?.noteParts.find((p) => p.id === 'soap:plan')?.text).toBe('Continue 2x/week x 4 weeks');
    // After the burst the listener is back: the next edit is read too.
    area.value = 'Discharge to HEP';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await settle(500);
    expect(fake.sent).toHaveLength(3);
    expect(snapshots(fake.sent)[2]?.noteParts.find((p) => p.id === 'soap:plan')?.text).toBe('Discharge to HEP');
  });

  it('handles one input event per typing burst, not one per keystroke', async () => {
    mountPage('openemr-soap.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    const area = document.querySelector('textarea[name="plan"]') as HTMLTextAreaElement;
    // Our listener unhooks itself on the first input; the next four (within 100 ms) never reach it.
    const spy = vi.spyOn(EventTarget.prototype, 'removeEventListener');
    for (let i = 0; i < 5; i++) {
      area.value += 'x';
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }
    expect(spy.mock.calls.filter(([type]) => type === 'input')).toHaveLength(1);
    spy.mockRestore();
    await settle(500);
    expect(fake.sent).toHaveLength(2);
  });

  it('picks up an SPA re-render (note container replaced, no navigation, no input event)', async () => {
    mountPage('generic-ehr.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    const old = document.getElementById('note-editor') as HTMLElement;
    const replacement = document.createElement('div');
    replacement.id = 'note-editor';
    replacement.setAttribute('contenteditable', 'true');
    const p = document.createElement('p');
    p.textContent = 'Visit 2: therapeutic massage to lumbar paraspinals, 30 minutes.';
    replacement.append(p);
    old.replaceWith(replacement);
    await settle(100);
    expect(fake.sent).toHaveLength(1); // debounced
    await settle(400);
    expect(fake.sent).toHaveLength(2);
    const part = snapshots(fake.sent)[1]?.noteParts.find((n) => n.id === 'editor:note-editor');
    expect(part?.text).toBe('Visit 2: therapeutic massage to lumbar paraspinals, 30 minutes.');
  });

  it('notices a region replaced wholesale (OpenEMR re-renders the fee sheet table)', async () => {
    mountPage('openemr-fee-sheet-unbilled.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    const table = document.getElementById('selected_codes') as HTMLTableElement;
    const copy = table.cloneNode(true) as HTMLTableElement;
    (copy.querySelector('input[name="bill[2][units]"]') as HTMLInputElement).setAttribute('value', '4');
    table.replaceWith(copy);
    await settle();
    expect(snapshots(fake.sent).at(-1)?.claimLines[0]).toMatchObject({ code: '97124', units: 4 });
  });

  it('sends cs:empty when the note and claims disappear', async () => {
    mountPage('generic-list-form.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    expect(fake.sent[0]?.type).toBe('cs:snapshot');
    document.querySelector('.content')?.replaceChildren();
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

  it('uses admin selector configs from storage, ignoring invalid ones, and reloads them on change', async () => {
    mountPage('selector-ehr.html');
    const good = {
      name: 'ExampleEHR',
      urlPattern: `${location.protocol}//${location.hostname}/*`,
      noteSelectors: [{ selector: '.note-section', label: 'Note' }],
      claimRowSelector: '.charge-row',
      columns: { code: '.cpt', modifiers: '.mods', units: '.units' },
    };
    const fake = fakeApi([{ ...good, name: 'Broken', claimRowSelector: 'div[' }]);
    controller = main({ api: fake.api });
    await settle();
    expect(snapshots(fake.sent).at(-1)?.adapter).toBe('generic');
    fake.setConfigs([good]);
    await settle();
    const last = snapshots(fake.sent).at(-1);
    expect(last?.adapter).toBe('selector:ExampleEHR');
    expect(last?.claimLines).toEqual([
      { code: '97124', modifiers: ['GP', 'KX'], units: 1 },
      { code: 'G0283', units: 1 },
    ]);
  });

  it('runs once per frame even when injected twice', () => {
    mountPage('generic-ehr.html');
    controller = main({ api: fakeApi().api });
    expect(controller).not.toBeNull();
    expect(main({ api: fakeApi().api })).toBeNull();
  });
});

describe('content script: inbound messages', () => {
  it('rejects messages from other senders and messages that do not parse', async () => {
    mountPage('openemr-soap.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    const good = { type: 'bg:highlight', partId: 'soap:objective', start: 0, end: 9 };
    expect(fake.deliver(good, { id: 'someone-else' })).toBeUndefined();
    expect(fake.deliver(good, {})).toBeUndefined();
    for (const bad of [
      null,
      'bg:request-snapshot',
      { type: 'bg:highlight', partId: 'soap:objective', start: -1, end: 9 },
      { type: 'bg:highlight', partId: 'soap:objective', start: 0.5, end: 9 },
      { type: 'bg:highlight', partId: 42, start: 0, end: 9 },
      { type: 'bg:highlight', partId: 'x'.repeat(201), start: 0, end: 9 },
      { type: 'cs:snapshot', snapshot: {} },
      { type: 'ui:rescan', tabId: 1 },
      { type: 'bg:navigate', url: 'https://evil.test/' },
    ]) {
      expect(fake.deliver(bad)).toBeUndefined();
    }
    expect(controller?.highlighter.current()).toBeNull();
    expect(fake.sent).toHaveLength(1);
    await expect(fake.deliver(good)).resolves.toEqual({ ok: true });
    expect(controller?.highlighter.current()).toMatchObject({ kind: 'value', marked: 'Palpable ' });
  });

  it('highlights by part id, answers ok:false for unknown parts, and clears on request or on edit', async () => {
    mountPage('openemr-soap.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    await expect(fake.deliver({ type: 'bg:highlight', partId: 'soap:nope', start: 0, end: 4 })).resolves.toEqual({ ok: false });
    await expect(fake.deliver({ type: 'bg:highlight', partId: 'soap:assessment', start: 0, end: 9 })).resolves.toEqual({ ok: true });
    expect(document.querySelector('tcg-overlay')).not.toBeNull();
    await settle();
    expect(fake.sent).toHaveLength(1); // adding our overlay host is not a page change
    expect(fake.deliver({ type: 'bg:clear-highlight' })).toBeUndefined();
    expect(document.querySelector('tcg-overlay')).toBeNull();

    await fake.deliver({ type: 'bg:highlight', partId: 'soap:assessment', start: 0, end: 9 });
    const area = document.querySelector('textarea[name="assessment"]') as HTMLTextAreaElement;
    area.value = `Edited. ${area.value}`;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    expect(document.querySelector('tcg-overlay')).toBeNull();
  });
});

describe('content script: lifecycle', () => {
  it('stops observing and sending once the extension context is invalidated', async () => {
    mountPage('openemr-soap.html');
    const fake = fakeApi();
    controller = main({ api: fake.api });
    await settle();
    fake.invalidate();
    const area = document.querySelector('textarea[name="plan"]') as HTMLTextAreaElement;
    area.value = 'changed';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    expect(fake.sent).toHaveLength(1);
    expect(fake.hasListener()).toBe(false);
    // Stopped for good: the frame may run a fresh content script after the reload.
    const fresh = main({ api: fakeApi().api });
    expect(fresh).not.toBeNull();
    fresh?.stop();
  });

  it('retries a snapshot that could not be delivered', async () => {
    mountPage('openemr-soap.html');
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
  it('keeps each keystroke O(1) (no DOM reads) and reads once after the burst', { timeout: 60_000 }, async () => {
    // 2,000 rows x 10 cells of chrome around a big note textarea: >20,000 nodes.
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

    const read = vi.spyOn(genericAdapter, 'read');
    const query = vi.spyOn(document, 'querySelectorAll');
    const area = document.getElementById('note') as HTMLTextAreaElement;
    // 120 keys, one per frame (~1.9 s, inside the scheduler's 2 s max wait).
    for (let i = 0; i < 120; i++) {
      area.value += 'x';
      area.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await vi.advanceTimersByTimeAsync(16);
    }
    expect(read).not.toHaveBeenCalled();
    expect(query).not.toHaveBeenCalled();
    await settle();
    expect(read).toHaveBeenCalledTimes(1);
    expect(fake.sent).toHaveLength(2);

    // A long burst reads at most once per max wait, never inside a keystroke.
    read.mockClear();
    for (let i = 0; i < 300; i++) {
      const before = read.mock.calls.length;
      area.value += 'y';
      area.dispatchEvent(new InputEvent('input', { bubbles: true }));
      expect(read.mock.calls.length).toBe(before);
      await vi.advanceTimersByTimeAsync(16);
    }
    await settle();
    expect(read.mock.calls.length).toBeLessThanOrEqual(4);
    read.mockRestore();
    query.mockRestore();
  });
});

