// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWatcher } from '../../src/content/watch';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  document.body.replaceChildren();
  for (const el of document.querySelectorAll('tcg-overlay')) el.remove();
});

describe('page watcher', () => {
  function setup() {
    const editor = document.createElement('div');
    editor.setAttribute('contenteditable', 'true');
    const p = document.createElement('p');
    p.textContent = 'Therapeutic massage';
    editor.append(p);
    const other = document.createElement('p');
    other.textContent = 'Payer: Medicare';
    document.body.append(editor, other);
    const onChange = vi.fn();
    // The last read described one editor.
    const watcher = createWatcher(onChange, (node) => (editor.contains(node) ? editor : null));
    watcher.observe([document.documentElement]);
    return { editor, p, other, onChange, watcher };
  }

  it('reports typing inside a described editor as an editor change, anything else as structural', async () => {
    const { editor, p, other, onChange, watcher } = setup();
    (p.firstChild as Text).appendData(' x 25 min');
    await flush();
    expect(onChange).toHaveBeenLastCalledWith({ structural: false, editors: [editor] });
    editor.append(document.createElement('p')); // a new line in the editor
    await flush();
    expect(onChange).toHaveBeenLastCalledWith({ structural: false, editors: [editor] });
    (other.firstChild as Text).appendData(' Part B');
    await flush();
    expect(onChange).toHaveBeenLastCalledWith({ structural: true, editors: [] });
    document.body.append(document.createElement('section'));
    await flush();
    expect(onChange).toHaveBeenLastCalledWith({ structural: true, editors: [] });
    other.setAttribute('class', 'collapsed');
    await flush();
    expect(onChange).toHaveBeenCalledTimes(5);
    watcher.disconnect();
  });

  it('ignores the overlay host being added to and removed from the page', async () => {
    const { onChange, watcher } = setup();
    const host = document.createElement('tcg-overlay');
    document.documentElement.append(host);
    host.style.setProperty('top', '10px');
    host.remove();
    await flush();
    expect(onChange).not.toHaveBeenCalled();
    watcher.disconnect();
  });

  it('observes open shadow roots too, re-observes only when the roots change, and stops after disconnect', async () => {
    const { p, onChange, watcher } = setup();
    const host = document.createElement('x-card');
    document.body.append(host);
    await flush();
    onChange.mockClear();
    const root = host.attachShadow({ mode: 'open' });
    const spy = vi.spyOn(MutationObserver.prototype, 'observe');
    watcher.observe([document.documentElement, root]);
    watcher.observe([document.documentElement, root]);
    expect(spy).toHaveBeenCalledTimes(2); // two roots, observed once
    spy.mockRestore();
    root.append(document.createElement('span'));
    await flush();
    expect(onChange).toHaveBeenCalledWith({ structural: true, editors: [] });
    watcher.disconnect();
    onChange.mockClear();
    (p.firstChild as Text).appendData('!');
    await flush();
    expect(onChange).not.toHaveBeenCalled();
  });
});
