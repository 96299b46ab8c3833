import { t } from '../ui/i18n';
import { minutesForUnits, thresholdsUpTo, type UnitsRow } from './units-model';

// A small bar chart in viewBox units; it scales with the popup (and with zoom). Hidden from
// assistive technology: the table next to it carries the same numbers.
const WIDTH = 400;
const LABEL_WIDTH = 64;
const RIGHT = 14;
const TOP = 18;
const ROW_HEIGHT = 26;
const BAR_HEIGHT = 12;

export function UnitsChart({ rows }: { rows: readonly UnitsRow[] }) {
  const charted = rows.filter((row) => row.minutes !== null && !row.untimed);
  if (charted.length === 0) return null;

  const largest = Math.max(...charted.flatMap((row) => [row.minutes ?? 0, minutesForUnits(row.billed)]));
  const ticks = thresholdsUpTo(largest + 1);
  const scaleMax = ticks[ticks.length - 1] ?? 23;
  const plotWidth = WIDTH - LABEL_WIDTH - RIGHT;
  const x = (minutes: number) => LABEL_WIDTH + (Math.min(minutes, scaleMax) / scaleMax) * plotWidth;
  const height = TOP + charted.length * ROW_HEIGHT + 4;
  const labelEvery = ticks.length > 8 ? 2 : 1;

  return (
    <svg
      class="units-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      aria-hidden="true"
      focusable="false"
      data-scale-max={scaleMax}
    >
      {ticks.map((tick, i) => (
        <g key={tick} class="units-chart__tick">
          <line x1={x(tick)} x2={x(tick)} y1={TOP - 4} y2={height - 2} />
          {i % labelEvery === 0 && (
            <text x={x(tick)} y={TOP - 7} text-anchor="middle">
              {tick}
            </text>
          )}
        </g>
      ))}
      {charted.map((row, i) => {
        const y = TOP + i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
        const needed = minutesForUnits(row.billed);
        return (
          <g key={row.code ?? 'total'} class={row.mismatch ? 'units-chart__row units-chart__row--mismatch' : 'units-chart__row'}>
            <text class="units-chart__label" x={LABEL_WIDTH - 6} y={y + BAR_HEIGHT - 2} text-anchor="end">
              {row.code ?? t('unitsTotalShort')}
            </text>
            <rect class="units-chart__bar" x={LABEL_WIDTH} y={y} width={Math.max(x(row.minutes ?? 0) - LABEL_WIDTH, 1)} height={BAR_HEIGHT} rx={2} />
            {row.billed > 0 && (
              <line class="units-chart__billed" x1={x(needed)} x2={x(needed)} y1={y - 4} y2={y + BAR_HEIGHT + 4} />
            )}
          </g>
        );
      })}
    </svg>
  );
}
