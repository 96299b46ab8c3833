// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWatcher } from '../../src/content/watch';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  document.body.replaceChildren();
  for (const el of document.querySelectorAll('tcg-overlay')) el.remove();
});

describe('region watcher', () => {
  function setup() {
    const region = document.createElement('section');
    const p = document.createElement('p');
    p.textContent = 'Therapeutic massage';
    region.append(p);
    const wrapper = document.createElement('div');
    wrapper.append(region);
    document.body.append(wrapper);
    const onChange = vi.fn();
    const watcher = createWatcher(onChange);
    watcher.observe([region]);
    return { region, wrapper, p, onChange, watcher };
  }

  it('reports text edits as non-structural and added or removed elements as structural', async () => {
    const { p, region, onChange, watcher } = setup();
    (p.firstChild as Text).appendData(' x 25 min');
    await flush();
    expect(onChange).toHaveBeenLastCalledWith(false);
    region.append(document.createElement('p'));
    await flush();
    expect(onChange).toHaveBeenLastCalledWith(true);
    region.setAttribute('class', 'collapsed');
    await flush();
    expect(onChange).toHaveBeenLastCalledWith(false);
    expect(onChange).toHaveBeenCalledTimes(3);
    watcher.disconnect();
  });

  it('notices the region itself being replaced (an SPA re-render above it)', async () => {
    const { region, wrapper, onChange, watcher } = setup();
    wrapper.replaceChild(document.createElement('section'), region);
    await flush();
    expect(onChange).toHaveBeenCalledWith(true);
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

  it('ignores changes outside the regions and stops after disconnect', async () => {
    const { p, onChange, watcher } = setup();
    const elsewhere = document.createElement('aside');
    document.body.append(elsewhere); // body is an ancestor: childList there counts (a sibling region may appear)
    await flush();
    expect(onChange).toHaveBeenCalledTimes(1);
    elsewhere.append(document.createElement('span'));
    elsewhere.setAttribute('hidden', '');
    await flush();
    expect(onChange).toHaveBeenCalledTimes(1);
    watcher.disconnect();
    (p.firstChild as Text).appendData('!');
    await flush();
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});
