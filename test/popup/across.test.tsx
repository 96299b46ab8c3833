// @vitest-environment jsdom
// The popup's "Across visits" section: an SVG chart that is an image with a spoken summary, the same
// numbers in a table, and "Forget this patient" sending the tab id only.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { AcrossVisits, chartSummary } from '../../src/popup/AcrossVisits';
import { Popup } from '../../src/popup/Popup';
import type { AcrossVisits as Across } from '../../src/shared/across';
import { createPopupClient } from '../../src/ui/client';
import { parseTabState } from '../../src/ui/tab-state';
import { unnamedControls } from './support/a11y';
import { useEnglishInEveryTest } from './support/english';
import { fakeBrowser } from './support/fake-browser';
import { okState } from './support/fixtures';

useEnglishInEveryTest();

const across: Across = {
  visits: [
    { date: '2026-11-04', units: 2, massage: true, current: false },
    { date: '2026-11-11', units: 2, massage: true, current: false },
    { date: '2026-11-18', units: 3, massage: true, current: true },
  ],
  measures: [
    { kind: 'pain', n: 1, better: 'lower', values: [6, 6, 6] },
    { kind: 'rom', n: 1, better: 'higher', values: [40, null, 41] },
  ],
};

describe('Across visits', () => {
  it('draws the units and each measure as an image whose label gives every value', () => {
    render(<AcrossVisits across={across} onForget={() => undefined} />);
    const chart = screen.getByRole('img');
    expect(chart.tagName.toLowerCase()).toBe('svg');
    const label = chart.getAttribute('aria-label') ?? '';
    expect(label).toBe(chartSummary(across));
    expect(label).toContain('3 visits from 2026-11-04 to 2026-11-18');
    expect(label).toContain('97124 units 2, 2, 3');
    expect(label).toContain('Pain 6, 6, 6');
    expect(label).toContain('Range of motion 40, —, 41');
    expect(chart.querySelectorAll('rect.across__bar')).toHaveLength(3);
    expect(chart.querySelectorAll('rect.across__bar--current')).toHaveLength(1);
    expect(chart.querySelectorAll('polyline')).toHaveLength(2);
    // The range of motion line skips the visit without a value.
    expect(chart.querySelector('[data-series="rom"] polyline')?.getAttribute('points')?.split(' ')).toHaveLength(2);
  });

  it('gives the same numbers as a table', () => {
    render(<AcrossVisits across={across} onForget={() => undefined} />);
    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row').map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Date', '97124 units', 'Pain', 'Range of motion'],
      ['2026-11-04', '2', '6', '40'],
      ['2026-11-11', '2', '6', '—'],
      ['2026-11-18 (this visit)', '3', '6', '41'],
    ]);
    expect(unnamedControls(document.body)).toEqual([]);
  });

  it('asks before forgetting, and can be cancelled', () => {
    let forgot = 0;
    render(<AcrossVisits across={across} onForget={() => (forgot += 1)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Forget this patient' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(forgot).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Forget this patient' }));
    expect(screen.getByRole('alert').textContent).toContain('Remove every stored visit of this patient');
    fireEvent.click(screen.getByRole('button', { name: 'Forget' }));
    expect(forgot).toBe(1);
  });

  it('in the popup: shown when the tab state has a trend; "Forget this patient" sends the tab id only', async () => {
    const state = parseTabState(okState({ across }));
    expect(state?.across).toEqual(across);
    const fake = fakeBrowser({ tabState: state, actionReply: () => okState() });
    render(<Popup client={createPopupClient(fake.api)} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Forget this patient' }));
    fireEvent.click(screen.getByRole('button', { name: 'Forget' }));
    await waitFor(() => expect(fake.ofType('ui:forget-patient')).toHaveLength(1));
    expect(fake.ofType('ui:forget-patient')[0]).toEqual({ type: 'ui:forget-patient', tabId: 7 });
    expect(fake.invalid).toEqual([]);
    await waitFor(() => expect(screen.queryByRole('img', { name: /visits from/ })).toBeNull());
  });

  it('no section without a trend; a malformed trend fails the tab state closed', () => {
    expect(parseTabState(okState())?.across).toBeUndefined();
    expect(parseTabState({ ...okState(), across: { visits: [{ date: 'Sam Rivera', units: 2, massage: true, current: true }], measures: [] } })).toBeNull();
  });
});
