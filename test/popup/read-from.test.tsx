// @vitest-environment jsdom
// The popup's "Read from" panel: what was read (with confidence and why), the page's reading
// status, and the two-click corrections.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { Popup } from '../../src/popup/Popup';
import { createReadingClient } from '../../src/popup/reading-client';
import type { ReadingView } from '../../src/shared/reading';
import { createPopupClient } from '../../src/ui/client';
import { useEnglishInEveryTest } from './support/english';
import { fakeBrowser } from './support/fake-browser';
import { okState } from './support/fixtures';

useEnglishInEveryTest();

const why = { confidence: 0.9, reason: '+2.5 typed in an editor; labelled "Subjective"', where: 'frame 2' };

function view(overrides: Partial<ReadingView> = {}, lines = true): ReadingView {
  return {
    empty: false,
    visits: [
      {
        key: 'page',
        parts: [{ id: '3|e7', label: 'Subjective', chars: 60, preview: 'Pt reports neck pain 5/10.', edit: true, ...why }],
        lines: lines ? [{ code: '97124', modifiers: ['GP'], units: 2, minutes: 25, dx: ['M54.2'], confidence: 0.98, reason: 'claim table (code column)', where: 'frame 4' }] : [],
        facts: { payer: { value: 'Medicare Part B', shown: 'Payer: Medicare Part B', confidence: 0.8, reason: '"Payer" (label: value text)', where: 'the page' } },
      },
    ],
    status: { loading: false, stale: false, cut: [], unresolved: [], frames: 5, framesUsed: 3, duplicates: 0 },
    skipped: [],
    corrections: { locked: false, configs: [] },
    ...overrides,
  };
}

function renderWith(reading: () => unknown, correction: (message: Record<string, unknown>) => unknown = () => ({ ok: true })) {
  const fake = fakeBrowser({
    tabState: okState(),
    actionReply: (message) => (message.type === 'ui:get-reading' ? reading() : message.type === 'ui:correct-reading' ? correction(message as Record<string, unknown>) : okState()),
  });
  render(<Popup client={createPopupClient(fake.api)} reading={createReadingClient((m) => fake.api.runtime.sendMessage(m))} />);
  return fake;
}

describe('popup: Read from', () => {
  it('lists what was taken as note, claim lines and facts, each with confidence, frame and reason', async () => {
    const fake = renderWith(() => view());
    expect(await screen.findByText('Read from', { selector: 'h2' })).toBeTruthy();
    expect(screen.getByText('What was read (3 of 5 frames)')).toBeTruthy();
    expect(screen.getByText('Pt reports neck pain 5/10.')).toBeTruthy();
    expect(screen.getByText('90% sure · frame 2 · +2.5 typed in an editor; labelled "Subjective"')).toBeTruthy();
    expect(screen.getByText('GP · 2 unit(s) · 25 min · M54.2')).toBeTruthy();
    expect(screen.getByText('Medicare Part B')).toBeTruthy();
    // Date and provider are listed even when the page did not show them.
    expect(screen.getAllByText('Not found on this page.')).toHaveLength(2);
    expect(fake.invalid).toEqual([]);
  });

  it('says plainly when no claim lines were found, and when the result may not be current or whole', async () => {
    renderWith(() => view({ status: { loading: true, stale: true, cut: ['table rows (50000)'], unresolved: ['C'], frames: 50, framesUsed: 1, duplicates: 1 } }, false));
    expect(await screen.findByText('No claim lines found on this page: only the note was checked.')).toBeTruthy();
    const statuses = screen.getAllByRole('status').map((el) => el.textContent);
    expect(statuses).toEqual(
      expect.arrayContaining([
        'The page kept changing: these results are from before its last change. They update when the page settles.',
        'The page is still loading: what was read may be incomplete.',
        'This page is very large: only part of it was read (table rows (50000)).',
        'Diagnosis pointers with no diagnosis list on the page: C',
      ]),
    );
    expect(screen.getByText(/read once, from the copy on screen/)).toBeTruthy();
  });

  it('"This is not the note" saves a correction for the part in two clicks', async () => {
    const fake = renderWith(
      () => view(),
      () => view({ corrections: { locked: false, configs: [{ name: 'site ehr.example.test', urlPattern: 'https://ehr.example.test/*', noteSelectors: [], notNoteSelectors: ['div.msg'] }] } }),
    );
    fireEvent.click(await screen.findByText('What was read (3 of 5 frames)'));
    fireEvent.click(screen.getByRole('button', { name: 'This is not the note' }));
    await waitFor(() => expect(fake.ofType('ui:correct-reading')).toEqual([{ type: 'ui:correct-reading', tabId: 7, action: 'not-note', part: '3|e7' }]));
    expect(await screen.findByText('Saved for this site. The page is read again with your correction.')).toBeTruthy();
    expect(screen.getByText(/Saved for this site: 1 correction set/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Forget corrections' }));
    await waitFor(() => expect(fake.ofType('ui:correct-reading').at(-1)).toEqual({ type: 'ui:correct-reading', tabId: 7, action: 'forget' }));
  });

  it('"The note is here" asks the page to let the user pick, and says how', async () => {
    const fake = renderWith(() => view());
    fireEvent.click(await screen.findByRole('button', { name: 'The note is here…' }));
    await waitFor(() => expect(fake.ofType('ui:correct-reading')).toEqual([{ type: 'ui:correct-reading', tabId: 7, action: 'pick-note' }]));
    expect(await screen.findByText('Click the note in the page (Esc cancels), then open this popup again.')).toBeTruthy();
  });

  it('offers no corrections when the policy sets how pages are read, and reports refusals', async () => {
    renderWith(() => view({ corrections: { locked: true, configs: [] } }));
    expect(await screen.findByText('Your organisation sets how pages are read: corrections are off.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'The note is here…' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'This is not the note' })).toBeNull();
  });

  it('shows an alert when a part cannot be named in the page', async () => {
    renderWith(
      () => view(),
      () => ({ ok: false, error: 'no-evidence' }),
    );
    fireEvent.click(await screen.findByText('What was read (3 of 5 frames)'));
    fireEvent.click(screen.getByRole('button', { name: 'This is not the note' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That part could not be named in the page (it changed). Scan again and retry.');
  });

  it('heads each encounter of a claim list, and shows nothing for a malformed reply', async () => {
    const two = view();
    two.visits = [{ ...two.visits[0]!, key: 'a', label: 'Sam Rivera (4-12)' }, { ...two.visits[0]!, key: 'b', label: 'Wei Chen (6-14)' }];
    renderWith(() => two);
    fireEvent.click(await screen.findByText('What was read (3 of 5 frames)'));
    expect(screen.getByText('Encounter 1 of 2: Sam Rivera (4-12)')).toBeTruthy();
    expect(screen.getByText('Encounter 2 of 2: Wei Chen (6-14)')).toBeTruthy();
  });

  it('stays out of the way when the worker gives no readable answer', async () => {
    renderWith(() => ({ empty: 'nope' }));
    await screen.findByRole('button', { name: 'Scan again' });
    expect(screen.queryByText('Read from', { selector: 'h2' })).toBeNull();
  });

  it('offers "Show in page" on a claim-line finding without note evidence', async () => {
    const fake = renderWith(() => view());
    const row = (await screen.findByText('GP modifier missing')).closest('li') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { expanded: false }));
    fireEvent.click(within(row).getByRole('button', { name: 'Show in page' }));
    await waitFor(() => expect(fake.ofType('ui:show-in-note')).toHaveLength(1));
  });
});
