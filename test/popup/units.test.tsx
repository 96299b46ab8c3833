// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { buildUnitsModel, minutesForUnits, thresholdsUpTo } from '../../src/popup/units-model';
import { UnitsPanel } from '../../src/popup/UnitsPanel';
import type { TabUnits } from '../../src/ui/tab-state';
import { result } from './support/fixtures';
import { useEnglishInEveryTest } from './support/english';

useEnglishInEveryTest();

function rowCells(code: string): string[] {
  const row = document.querySelector(`tr[data-code="${code}"]`);
  return [...(row?.querySelectorAll('th, td') ?? [])].map((cell) => cell.textContent?.trim() ?? '');
}

describe('units model', () => {
  it('uses the 8/23/38/53 thresholds', () => {
    expect([1, 2, 3, 4].map(minutesForUnits)).toEqual([8, 23, 38, 53]);
    expect(minutesForUnits(0)).toBe(0);
    expect(thresholdsUpTo(24)).toEqual([8, 23, 38]);
    expect(thresholdsUpTo(23)).toEqual([8, 23]);
  });

  it('marks per-code and total mismatches, and untimed codes', () => {
    const model = buildUnitsModel(result.units);
    expect(model.rows.map((r) => [r.code, r.minutes, r.supported, r.billed, r.untimed, r.mismatch])).toEqual([
      ['97010', null, 1, 1, true, false],
      ['97110', 18, 1, 1, false, false],
      ['97124', 20, 2, 3, false, true],
    ]);
    expect(model.total).toMatchObject({ minutes: 38, supported: 3, billed: 4, mismatch: true });
  });

  it('accepts a billed split that is one of the equally valid CMS allocations', () => {
    const units: TabUnits = {
      method: 'cms',
      totalTimedMinutes: 30,
      expected: { '97110': 1, '97124': 1 },
      expectedTimedUnits: 2,
      billed: { '97110': 2 },
      alternatives: [{ '97110': 2, '97124': 0 }],
      minutesByCode: { '97110': 15, '97124': 15 },
    };
    const model = buildUnitsModel(units);
    expect(model.billedIsAlternative).toBe(true);
    expect(model.rows.every((row) => !row.mismatch)).toBe(true);
    expect(model.total?.mismatch).toBe(false);
  });

  it('counts billed timed codes without minutes in the total (per-code minutes missing)', () => {
    const model = buildUnitsModel({
      method: 'cms',
      totalTimedMinutes: 35,
      expected: {},
      expectedTimedUnits: 2,
      billed: { '97124': 3 },
      alternatives: [],
      minutesByCode: {},
    });
    expect(model.rows).toEqual([
      { code: '97124', minutes: null, supported: null, billed: 3, untimed: false, mismatch: false },
    ]);
    expect(model.total).toMatchObject({ minutes: 35, supported: 2, billed: 3, mismatch: true });
  });
});

describe('units panel', () => {
  it('shows minutes, supported and billed units per code with the mismatch called out', () => {
    render(<UnitsPanel units={result.units} />);
    expect(screen.getByRole('heading', { name: 'Units' })).toBeTruthy();
    expect(screen.getByText('Method: CMS 8-minute rule (units from total timed minutes)')).toBeTruthy();
    expect(screen.getByText('Units billed differ from what the documented minutes support.')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Minutes and units per code' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Code',
      'Minutes',
      'Supported',
      'Billed',
      'Status',
    ]);
    expect(rowCells('97124')).toEqual(['97124', '20', '2', '3', '▲ Mismatch']);
    expect(rowCells('97110')).toEqual(['97110', '18', '1', '1', '✓ Matches']);
    expect(rowCells('97010')).toEqual(['97010', '—', '1', '1', 'Untimed']);
    expect(rowCells('total')).toEqual(['All timed codes', '38', '3', '4', '▲ Mismatch']);
    expect(document.querySelector('tr[data-code="97124"]')?.className).toContain('mismatch');
  });

  it('draws bars for timed minutes against the thresholds, hidden from assistive tech', () => {
    render(<UnitsPanel units={result.units} />);
    const svg = document.querySelector('svg.units-chart') as SVGSVGElement;
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    // CMS: the total leads, then each timed code; the untimed code has no bar.
    const labels = [...svg.querySelectorAll('.units-chart__label')].map((l) => l.textContent);
    expect(labels).toEqual(['Total', '97110', '97124']);
    // Billed 4 units need 53 minutes, so the scale runs to the next threshold, 68.
    expect([...svg.querySelectorAll('.units-chart__tick text')].map((tick) => tick.textContent)).toEqual([
      '8',
      '23',
      '38',
      '53',
      '68',
    ]);
    const bars = [...svg.querySelectorAll<SVGRectElement>('.units-chart__bar')].map((bar) => Number(bar.getAttribute('width')));
    // Widths are proportional to minutes: 38, 18, 20 on a 68-minute scale.
    expect(bars[0]! / bars[1]!).toBeCloseTo(38 / 18, 5);
    expect(bars[2]! / bars[1]!).toBeCloseTo(20 / 18, 5);
    const mismatched = [...svg.querySelectorAll('.units-chart__row--mismatch .units-chart__label')].map((l) => l.textContent);
    expect(mismatched).toEqual(['Total', '97124']);
    expect(svg.querySelectorAll('.units-chart__billed')).toHaveLength(3);
  });

  it('has no mismatch alert when billing matches the minutes', () => {
    render(
      <UnitsPanel
        units={{
          method: 'per-code',
          totalTimedMinutes: null,
          expected: { '97124': 2 },
          expectedTimedUnits: null,
          billed: { '97124': 2 },
          alternatives: [],
          minutesByCode: { '97124': 25 },
        }}
      />,
    );
    expect(screen.getByText('Method: per-code rule (each code needs 8 minutes or more)')).toBeTruthy();
    expect(screen.queryByText('Units billed differ from what the documented minutes support.')).toBeNull();
    expect(rowCells('97124')).toEqual(['97124', '25', '2', '2', '✓ Matches']);
    expect(document.querySelector('tfoot')).toBeNull();
  });

  it('renders nothing without codes or totals', () => {
    const { container } = render(
      <UnitsPanel
        units={{ method: 'cms', totalTimedMinutes: null, expected: {}, expectedTimedUnits: null, billed: {}, alternatives: [], minutesByCode: {} }}
      />,
    );
    expect(container.innerHTML).toBe('');
  });
});
