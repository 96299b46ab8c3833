// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { createPopupClient } from '../../src/ui/client';
import { Popup } from '../../src/popup/Popup';
import { fakeBrowser, type FakeOptions } from './support/fake-browser';
import { okState, statusState } from './support/fixtures';
import { useEnglishInEveryTest } from './support/english';

useEnglishInEveryTest();

function renderPopup(options: FakeOptions) {
  const fake = fakeBrowser(options);
  render(<Popup client={createPopupClient(fake.api)} />);
  return fake;
}

describe('popup: result header', () => {
  it('shows how the profile was chosen, and the data version in the footer', async () => {
    renderPopup({ tabState: okState() });
    expect(await screen.findByText('From payer on page: Aetna Choice POS II')).toBeTruthy();
    expect(document.querySelector('.popup__footer')?.textContent).toContain('Rules as of 2026-11-27 (data 2026.11)');
    const menuButton = screen.getByRole('button', { name: 'Payer profile: Aetna' });
    expect(menuButton.getAttribute('aria-haspopup')).toBe('menu');
    expect(menuButton.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(menuButton);
    const items = within(screen.getByRole('menu')).getAllByRole('menuitemradio');
    expect(items.map((o) => o.textContent)).toEqual(['✓Automatic (from the payer on the page)', 'Commercial (base)', 'Aetna', 'Medicare']);
    expect(items.map((o) => o.getAttribute('aria-checked'))).toEqual(['true', 'false', 'false', 'false']);
  });

  it('moves through profiles with the arrow keys without switching, and switches on Enter (WAI-ARIA menu)', async () => {
    const fake = renderPopup({ tabState: okState() });
    const menuButton = await screen.findByRole('button', { name: 'Payer profile: Aetna' });
    menuButton.focus();
    fireEvent.keyDown(menuButton, { key: 'ArrowDown' });
    const menu = await screen.findByRole('menu');
    const items = within(menu).getAllByRole('menuitemradio');
    // Opens on the checked item (Automatic), then arrows only move focus.
    await waitFor(() => expect(document.activeElement).toBe(items[0]));
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(items[3]));
    fireEvent.keyDown(menu, { key: 'Home' });
    await waitFor(() => expect(document.activeElement).toBe(items[0]));
    fireEvent.keyDown(menu, { key: 'End' });
    await waitFor(() => expect(document.activeElement).toBe(items[3]));
    expect(fake.ofType('ui:set-profile')).toHaveLength(0);
    fireEvent.keyDown(menu, { key: 'Enter' });
    await waitFor(() => expect(fake.ofType('ui:set-profile')).toHaveLength(1));
    expect(fake.ofType('ui:set-profile')[0]).toEqual({ type: 'ui:set-profile', tabId: 7, profile: 'medicare' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(menuButton);

    fake.setTabState(okState({ profileOverride: 'medicare' }));
    fireEvent.click(menuButton);
    fireEvent.click(within(await screen.findByRole('menu')).getByRole('menuitemradio', { name: /^✓?Automatic/ }));
    await waitFor(() => expect(fake.ofType('ui:set-profile')).toHaveLength(2));
    expect(fake.ofType('ui:set-profile')[1]).toEqual({ type: 'ui:set-profile', tabId: 7, profile: null });
    expect(fake.invalid).toEqual([]);
  });

  it('closes on Escape and on Tab without choosing', async () => {
    const fake = renderPopup({ tabState: okState() });
    const menuButton = await screen.findByRole('button', { name: 'Payer profile: Aetna' });
    fireEvent.click(menuButton);
    fireEvent.keyDown(await screen.findByRole('menu'), { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(menuButton);
    fireEvent.click(menuButton);
    fireEvent.keyDown(await screen.findByRole('menu'), { key: 'Tab' });
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    expect(fake.ofType('ui:set-profile')).toHaveLength(0);
  });

  it('says so when the background refuses a profile change', async () => {
    renderPopup({ tabState: okState(), actionReply: () => ({ ok: false, error: 'locked' }) });
    fireEvent.click(await screen.findByRole('button', { name: 'Payer profile: Aetna' }));
    fireEvent.click(within(await screen.findByRole('menu')).getByRole('menuitemradio', { name: 'Medicare' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Your organisation has locked this setting.');
  });

  it('disables the profile switch with a lock note, its reason and contact, when policy locks it', async () => {
    renderPopup({ tabState: okState({ locked: ['profile'], lockInfo: { reason: 'Set per clinic by billing.', contact: 'https://intranet.example.org/billing', reasons: {} } }) });
    const menuButton = (await screen.findByRole('button', { name: 'Payer profile: Aetna' })) as HTMLButtonElement;
    expect(menuButton.disabled).toBe(true);
    const note = screen.getByText('Set by your organisation').closest('p') as HTMLElement;
    expect(menuButton.getAttribute('aria-describedby')?.split(' ')).toContain(note.id);
    expect(note.textContent).toBe('Set by your organisation: Set per clinic by billing. Questions: https://intranet.example.org/billing (opens in a new tab)');
    expect(within(note).getByRole('link').getAttribute('href')).toBe('https://intranet.example.org/billing');
  });
});

describe('popup: side panel', () => {
  it('offers the side panel where the browser has one, and opens it in the popup\'s window', async () => {
    const fake = fakeBrowser({ tabState: okState() });
    const opened: unknown[] = [];
    const api = { ...fake.api, sidePanel: { open: async (options: unknown) => void opened.push(options) } };
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    render(<Popup client={createPopupClient(api)} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open side panel' }));
    await waitFor(() => expect(opened).toEqual([{ windowId: 3 }]));
    await waitFor(() => expect(close).toHaveBeenCalled());
    close.mockRestore();
  });

  it('has no side panel button where the browser has none, nor in the panel itself', async () => {
    renderPopup({ tabState: okState() });
    await screen.findByText('Findings (5)');
    expect(screen.queryByRole('button', { name: 'Open side panel' })).toBeNull();
    cleanup();
    const fake = fakeBrowser({ tabState: okState() });
    render(<Popup client={createPopupClient({ ...fake.api, sidePanel: { open: async () => undefined } })} mode="panel" />);
    await screen.findByText('Findings (5)');
    expect(screen.queryByRole('button', { name: 'Open side panel' })).toBeNull();
  });

  it('follows the active tab of its window and re-reads it', async () => {
    const fake = fakeBrowser({ tabState: okState() });
    const listeners: Array<(info: { tabId: number; windowId: number }) => void> = [];
    const api = { ...fake.api, tabs: { ...fake.api.tabs, onActivated: { addListener: (l: (typeof listeners)[number]) => void listeners.push(l), removeListener: () => undefined } } };
    render(<Popup client={createPopupClient(api)} mode="panel" />);
    await screen.findByText('Findings (5)');
    expect(listeners).toHaveLength(1);
    fake.setTabState(okState({ result: { ...okState().result!, findings: [] }, findingKeys: [] }));
    listeners[0]?.({ tabId: 9, windowId: 99 }); // another window: ignored
    listeners[0]?.({ tabId: 8, windowId: 3 });
    expect(await screen.findByRole('heading', { name: 'No problems found' })).toBeTruthy();
    expect(fake.ofType('ui:get-tab-state').at(-1)).toEqual({ type: 'ui:get-tab-state', tabId: 8 });
  });
});

describe('popup: notices', () => {
  it('lists rejected policy values', async () => {
    renderPopup({
      tabState: okState({
        rejectedPolicy: [
          { key: 'ruleLevels.no-such-rule', reason: 'unknown rule' },
          { key: 'defaultProfile', reason: 'expected a profile id' },
        ],
      }),
    });
    const intro = await screen.findByText("Your organisation's policy has invalid values that were ignored (2):");
    const notice = intro.closest('.notice') as HTMLElement;
    expect(within(notice).getByText('ruleLevels.no-such-rule').tagName).toBe('CODE');
    expect(notice.textContent).toContain('defaultProfile: expected a profile id');
  });

  it('says when the note was truncated', async () => {
    renderPopup({ tabState: okState({ truncated: true }) });
    expect(await screen.findByText(/only its first part was checked/)).toBeTruthy();
  });

  it('shows no notices on a normal result', async () => {
    renderPopup({ tabState: okState() });
    await screen.findByText('Findings (5)');
    expect(document.querySelector('.notice')).toBeNull();
  });
});

describe('popup: empty and error states', () => {
  it('no data: explains and rescans', async () => {
    const fake = renderPopup({ tabState: statusState('no-data') });
    expect(await screen.findByRole('heading', { name: 'No note or claim found on this page' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Scan again' }));
    await waitFor(() => expect(fake.ofType('ui:rescan')).toEqual([{ type: 'ui:rescan', tabId: 7 }]));
  });

  it('ignores a second click while an action runs, keeping the button enabled', async () => {
    const fake = renderPopup({ tabState: statusState('no-data') });
    const button = await screen.findByRole('button', { name: 'Scan again' });
    fireEvent.click(button);
    fireEvent.click(button);
    expect((button as HTMLButtonElement).disabled).toBe(false);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Page scanned again.'));
    expect(fake.ofType('ui:rescan')).toHaveLength(1);
  });

  it('not granted: requests the origin from the click, then rescans', async () => {
    const fake = renderPopup({ tabState: statusState('not-granted', { origin: 'https://ehr.example.test:8443' }) });
    expect(await screen.findByRole('heading', { name: 'Grant access to this site' })).toBeTruthy();
    expect(screen.getByText('Therapy Claim Guard needs your permission to read https://ehr.example.test:8443.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Allow access to this site' }));
    // Synchronously inside the click handler: the browser's user-gesture requirement.
    expect(fake.api.permissions.request).toHaveBeenCalledWith({ origins: ['https://ehr.example.test/*'] });
    await waitFor(() => expect(fake.ofType('ui:rescan')).toHaveLength(1));
  });

  it('not granted: says so when the user refuses', async () => {
    const fake = renderPopup({ tabState: statusState('not-granted', { origin: 'https://ehr.example.test' }), granted: false });
    fireEvent.click(await screen.findByRole('button', { name: 'Allow access to this site' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Access was not granted');
    expect(fake.ofType('ui:rescan')).toHaveLength(0);
  });

  it('not an EHR page: offers a rescan and the options page', async () => {
    const fake = renderPopup({ tabState: statusState('not-ehr') });
    expect(await screen.findByRole('heading', { name: 'This page is not an EHR page' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open options' }));
    expect(fake.api.runtime.openOptionsPage).toHaveBeenCalledTimes(1);
  });

  it('restricted pages say the browser forbids it', async () => {
    renderPopup({ tabState: statusState('restricted') });
    expect(await screen.findByRole('heading', { name: "The browser doesn't allow extensions on this page" })).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('error: shows the message and retries', async () => {
    const fake = renderPopup({ tabState: statusState('error', { error: 'Adapter crashed on frame 2' }) });
    expect(await screen.findByRole('heading', { name: 'Something went wrong' })).toBeTruthy();
    expect(screen.getByText('Adapter crashed on frame 2')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(fake.ofType('ui:rescan')).toHaveLength(1));
  });

  it('fails closed on a reply that is not a TabState', async () => {
    renderPopup({ tabState: { status: 'ok', findings: 'lots' } });
    expect(await screen.findByRole('heading', { name: 'Something went wrong' })).toBeTruthy();
    expect(screen.getByText("The extension's background sent an answer this window can't read.")).toBeTruthy();
    expect(screen.queryByLabelText('Payer profile')).toBeNull();
  });

  it('fails closed when status ok comes without a result or with unparallel keys', async () => {
    const { result: _r, ...noResult } = okState();
    renderPopup({ tabState: noResult });
    expect(await screen.findByRole('heading', { name: 'Something went wrong' })).toBeTruthy();
    cleanup();
    renderPopup({ tabState: okState({ findingKeys: ['only-one'] }) });
    expect(await screen.findByRole('heading', { name: 'Something went wrong' })).toBeTruthy();
  });

  it('reports a background that does not answer', async () => {
    const fake = fakeBrowser({ tabState: okState() });
    fake.api.runtime.sendMessage.mockRejectedValueOnce(new Error('Receiving end does not exist.'));
    render(<Popup client={createPopupClient(fake.api)} />);
    expect(await screen.findByText("The extension's background didn't answer (Receiving end does not exist.).")).toBeTruthy();
  });

  it('reports when there is no active tab', async () => {
    renderPopup({ tabId: null, tabState: okState() });
    expect(await screen.findByText('There is no active tab to check.')).toBeTruthy();
  });
});

describe('popup: live updates', () => {
  it('re-reads the state when the worker stores a new result for its tab, and only then', async () => {
    const fake = renderPopup({ tabState: statusState('no-data') });
    await screen.findByRole('heading', { name: 'No note or claim found on this page' });
    await waitFor(() => expect(fake.listenerCount()).toBe(1));
    const reads = () => fake.ofType('ui:get-tab-state').length;
    const before = reads();
    // Another tab's record, or a non-session area: no re-read.
    fake.emitStorageChange({ 'tab:8': {} }, 'session');
    fake.emitStorageChange({ 'tab:7': {} }, 'local');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(reads()).toBe(before);
    // The note was edited: the worker writes this tab's record (twice, as frames report).
    fake.setTabState(okState());
    fake.emitStorageChange({ 'tab:7': {} }, 'session');
    fake.emitStorageChange({ 'tab:7': {} }, 'session');
    expect(await screen.findByText('From payer on page: Aetna Choice POS II')).toBeTruthy();
    expect(reads()).toBe(before + 1);
  });

  it('stops listening when it closes', async () => {
    const fake = renderPopup({ tabState: okState() });
    await waitFor(() => expect(fake.listenerCount()).toBe(1));
    cleanup();
    await waitFor(() => expect(fake.listenerCount()).toBe(0));
  });
});
