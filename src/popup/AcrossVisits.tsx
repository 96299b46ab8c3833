// "Across visits": the patient's stored visits (visit history, src/background/history-hook.ts) as a
// small chart of 97124 units and each measure the notes record, with the same numbers in a table,
// and "Forget this patient" (the worker finds the patient from the tab: nothing identifies them here).
// The chart is preact SVG elements (no markup strings); it is an image with a spoken summary.
import { useId, useState } from 'preact/hooks';
import { t } from '../ui/i18n';
import type { AcrossVisits as Across } from '../shared/across';
import './styles/across.css';

const WIDTH = 400;
const LABEL_WIDTH = 104;
const RIGHT = 16;
const ROW = 40;
const TOP = 14;

type Measure = Across['measures'][number];

export function measureName(m: Measure): string {
  const name = t(`measure_${m.kind.replace(/-/g, '_')}`);
  return m.n > 1 ? `${name} ${m.n}` : name;
}

const shown = (v: number | null) => (v === null ? '—' : String(Math.round(v * 10) / 10));

/** The chart's spoken summary: every series' values in date order. */
export function chartSummary(across: Across): string {
  const first = across.visits[0]?.date ?? '';
  const last = across.visits[across.visits.length - 1]?.date ?? '';
  const series = [
    t('acrossUnitsSeries', across.visits.map((v) => v.units).join(', ')),
    ...across.measures.map((m) => t('acrossMeasureSeries', [measureName(m), m.values.map(shown).join(', ')])),
  ];
  return t('acrossChartLabel', [across.visits.length, first, last, series.join('; ')]);
}

function Chart({ across }: { across: Across }) {
  const n = across.visits.length;
  const plot = WIDTH - LABEL_WIDTH - RIGHT;
  const x = (i: number) => LABEL_WIDTH + (n === 1 ? plot / 2 : (i / (n - 1)) * plot);
  const rows = 1 + across.measures.length;
  const height = TOP + rows * ROW;
  const maxUnits = Math.max(1, ...across.visits.map((v) => v.units));
  const barWidth = Math.max(4, Math.min(18, plot / n / 2));
  const current = across.visits.findIndex((v) => v.current);
  return (
    <svg class="across__chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={chartSummary(across)}>
      {current >= 0 && <line class="across__current" x1={x(current)} x2={x(current)} y1={TOP - 10} y2={height} />}
      <g class="across__row" data-series="units">
        <text class="across__label" x={LABEL_WIDTH - 8} y={TOP + ROW / 2} text-anchor="end">
          97124
        </text>
        {across.visits.map((v, i) => {
          const h = (v.units / maxUnits) * (ROW - 14);
          return <rect key={v.date} class={v.current ? 'across__bar across__bar--current' : 'across__bar'} x={x(i) - barWidth / 2} y={TOP + ROW - 8 - h} width={barWidth} height={Math.max(h, 1)} rx={1} />;
        })}
      </g>
      {across.measures.map((m, r) => {
        const top = TOP + (r + 1) * ROW;
        const values = m.values.filter((v): v is number => v !== null);
        const lo = Math.min(...values);
        const hi = Math.max(...values);
        const y = (v: number) => top + ROW - 10 - (hi === lo ? (ROW - 20) / 2 : ((v - lo) / (hi - lo)) * (ROW - 20));
        const points = m.values.flatMap((v, i) => (v === null ? [] : [`${x(i)},${y(v)}`])).join(' ');
        return (
          <g key={`${m.kind}${m.n}`} class="across__row" data-series={m.kind}>
            <text class="across__label" x={LABEL_WIDTH - 8} y={top + ROW / 2} text-anchor="end">
              {measureName(m)}
            </text>
            <polyline class="across__line" points={points} />
            {m.values.map((v, i) => (v === null ? null : <circle key={i} class="across__point" cx={x(i)} cy={y(v)} r={2.5} />))}
            <text x={RIGHT / 2 + WIDTH - RIGHT} y={top + 12} text-anchor="end">
              {shown(hi)}
            </text>
            <text x={RIGHT / 2 + WIDTH - RIGHT} y={top + ROW - 4} text-anchor="end">
              {shown(lo)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function AcrossVisits({ across, onForget }: { across: Across; onForget: () => void }) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  return (
    <section class="across" aria-labelledby={`${id}-heading`}>
      <h2 class="section-heading" id={`${id}-heading`}>
        {t('acrossTitle')}
      </h2>
      <Chart across={across} />
      <details class="across__numbers">
        <summary>{t('acrossTable')}</summary>
        <table class="across__table">
          <thead>
            <tr>
              <th scope="col">{t('acrossColDate')}</th>
              <th scope="col">{t('acrossColUnits')}</th>
              {across.measures.map((m) => (
                <th scope="col" key={`${m.kind}${m.n}`}>
                  {measureName(m)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {across.visits.map((v, i) => (
              <tr key={v.date}>
                <th scope="row">
                  {v.date}
                  {v.current ? ` ${t('acrossThisVisit')}` : ''}
                </th>
                <td>{v.units}</td>
                {across.measures.map((m) => (
                  <td key={`${m.kind}${m.n}`}>{shown(m.values[i] ?? null)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <p class="across__kept">{t('acrossKept')}</p>
      <div class="across__forget">
        {confirming ? (
          <>
            <span role="alert">{t('acrossForgetConfirm')}</span>
            <button
              type="button"
              class="button button--small"
              onClick={() => {
                setConfirming(false);
                onForget();
              }}
            >
              {t('acrossForgetYes')}
            </button>
            <button type="button" class="button button--small" onClick={() => setConfirming(false)}>
              {t('acrossForgetNo')}
            </button>
          </>
        ) : (
          <button type="button" class="button button--small" onClick={() => setConfirming(true)}>
            {t('acrossForget')}
          </button>
        )}
      </div>
    </section>
  );
}
