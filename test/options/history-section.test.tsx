// @vitest-environment jsdom
// The options page's "Visit history": retention (locked when policy sets it), the count of patients
// kept (never who), "Forget all history" asked twice, and the policy that turns history off.
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { HistorySection } from '../../src/options/HistorySection';
import type { HistoryState } from '../../src/shared/across';
import { useEnglishInEveryTest } from '../popup/support/english';

useEnglishInEveryTest();

function client(initial: HistoryState['history'] | null) {
  const calls: string[] = [];
  return {
    calls,
    history: async (action: 'get' | 'forget'): Promise<HistoryState | null> => {
      calls.push(action);
      if (initial === null) return null;
      return { history: action === 'forget' ? { ...initial, patients: 0 } : initial };
    },
  };
}

const base = { enabled: true, retentionDays: 180, policy: { enabled: false, retentionDays: false }, patients: 3 };

describe('options: visit history', () => {
  it('shows the retention and the count, and forgets all after a confirmation', async () => {
    const c = client(base);
    render(<HistorySection client={c} />);
    expect(await screen.findByText('Visits are kept for 180 days.')).toBeTruthy();
    expect(screen.getByText('Patients with stored visits: 3')).toBeTruthy();
    expect(screen.queryByText('Set by your organisation.', { exact: false })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Forget all history' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(c.calls).toEqual(['get']);
    fireEvent.click(screen.getByRole('button', { name: 'Forget all history' }));
    fireEvent.click(screen.getByRole('button', { name: 'Forget' }));
    await waitFor(() => expect(screen.getByText('Patients with stored visits: 0')).toBeTruthy());
    expect(c.calls).toEqual(['get', 'forget']);
    expect(screen.getByRole('status').textContent).toBe('All visit history was removed.');
    expect((screen.getByRole('button', { name: 'Forget all history' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('says when the organisation sets the retention', async () => {
    render(<HistorySection client={client({ ...base, retentionDays: 30, policy: { enabled: false, retentionDays: true } })} />);
    expect((await screen.findByText(/Visits are kept for 30 days\./)).textContent).toContain('Set by your organisation.');
  });

  it('policy off: says nothing is kept and offers nothing; an unreadable answer says so', async () => {
    render(<HistorySection client={client({ ...base, enabled: false, policy: { enabled: true, retentionDays: false }, patients: 0 })} />);
    expect(await screen.findByText(/turned off by your organisation/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('an unreadable answer says so', async () => {
    render(<HistorySection client={client(null)} />);
    expect(await screen.findByText("Visit history's state could not be read.")).toBeTruthy();
  });
});
