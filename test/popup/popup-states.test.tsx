// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
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
  it('shows how the profile was chosen and the data version', async () => {
    renderPopup({ tabState: okState() });
    expect(await screen.findByText('From payer on page: Aetna Choice POS II')).toBeTruthy();
    expect(screen.getByText('Rules as of 2026-11-27 (data 2026.11)')).toBeTruthy();
    const select = screen.getByLabelText('Payer profile') as HTMLSelectElement;
    expect(select.value).toBe('');
    expect(select.disabled).toBe(false);
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Automatic (from the payer on the page)',
      'Commercial (base)',
      'Aetna',
      'Medicare',
    ]);
  });

  it('sends ui:set-profile with the chosen id, and null for Automatic', async () => {
    const fake = renderPopup({ tabState: okState() });
    const select = (await screen.findByLabelText('Payer profile')) as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'medicare' } });
    await waitFor(() => expect(fake.ofType('ui:set-profile')).toHaveLength(1));
    expect(fake.ofType('ui:set-profile')[0]).toEqual({ type: 'ui:set-profile', tabId: 7, profile: 'medicare' });

    fake.setTabState(okState({ profileOverride: 'medicare' }));
    fireEvent.change(select, { target: { value: '' } });
    await waitFor(() => expect(fake.ofType('ui:set-profile')).toHaveLength(2));
    expect(fake.ofType('ui:set-profile')[1]).toEqual({ type: 'ui:set-profile', tabId: 7, profile: null });
    expect(fake.invalid).toEqual([]);
  });

  it('says so when the background refuses a profile change', async () => {
    renderPopup({ tabState: okState(), actionReply: () => ({ ok: false, error: 'locked' }) });
    fireEvent.change(await screen.findByLabelText('Payer profile'), { target: { value: 'medicare' } });
    expect((await screen.findByRole('alert')).textContent).toBe('Your organisation has locked this setting.');
  });

  it('disables the profile switch with a lock note when policy locks it', async () => {
    renderPopup({ tabState: okState({ locked: ['profile'] }) });
    const select = (await screen.findByLabelText('Payer profile')) as HTMLSelectElement;
    expect(select.disabled).toBe(true);
    // The switch shows the profile in force, and its description names the lock.
    expect(select.value).toBe('aetna');
    const note = screen.getByText('Set by your organisation');
    expect(select.getAttribute('aria-describedby')?.split(' ')).toContain(note.closest('p')?.id);
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
    await screen.findByText('Findings (4)');
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
