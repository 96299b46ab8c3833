import { useId } from 'preact/hooks';
import { t } from '../ui/i18n';
import type { TabUnits } from '../ui/tab-state';
import { buildUnitsModel, type UnitsRow } from './units-model';
import { UnitsChart } from './UnitsChart';

const dash = '—';

function StatusCell({ row }: { row: UnitsRow }) {
  if (row.mismatch) {
    return (
      <td class="units-table__status units-table__status--mismatch">
        <span aria-hidden="true">▲ </span>
        {t('unitsMismatch')}
      </td>
    );
  }
  if (row.untimed) return <td class="units-table__status">{t('unitsUntimed')}</td>;
  if (row.supported === null) return <td class="units-table__status">{t('unitsNoMinutes')}</td>;
  return (
    <td class="units-table__status">
      <span aria-hidden="true">✓ </span>
      {t('unitsMatch')}
    </td>
  );
}

function Row({ row }: { row: UnitsRow }) {
  return (
    <tr class={row.mismatch ? 'units-table__row units-table__row--mismatch' : 'units-table__row'} data-code={row.code ?? 'total'}>
      <th scope="row">{row.code ?? t('unitsTotal')}</th>
      <td>{row.minutes ?? dash}</td>
      <td>{row.supported ?? dash}</td>
      <td>{row.billed}</td>
      <StatusCell row={row} />
    </tr>
  );
}

export function UnitsPanel({ units }: { units: TabUnits }) {
  const id = useId();
  const model = buildUnitsModel(units);
  if (model.rows.length === 0 && model.total === null) return null;
  // Under CMS the total timed minutes decide the units, so the total leads.
  const chartRows = model.total && units.method === 'cms' ? [model.total, ...model.rows] : model.rows;
  const anyMismatch = model.total?.mismatch === true || model.rows.some((row) => row.mismatch);

  return (
    <section class="units" aria-labelledby={`${id}-heading`}>
      <h2 class="section-heading" id={`${id}-heading`}>
        {t('unitsHeading')}
      </h2>
      <p class="units__method">{t(units.method === 'cms' ? 'unitsMethodCms' : 'unitsMethodPerCode')}</p>
      {anyMismatch && (
        <p class="units__alert">
          <span aria-hidden="true">▲ </span>
          {t('unitsMismatchSummary')}
        </p>
      )}
      {model.billedIsAlternative && <p class="units__note">{t('unitsAlternativeAllocation')}</p>}
      <figure class="units__figure">
        <UnitsChart rows={chartRows} />
        <figcaption class="units__legend">{t('unitsLegend')}</figcaption>
      </figure>
      {/* A data table may scroll sideways at extreme zoom; the region makes that keyboard-reachable. */}
      <div class="units__table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table class="units-table">
          <caption class="sr-only" id={`${id}-caption`}>
            {t('unitsTableCaption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('unitsColCode')}</th>
              <th scope="col">{t('unitsColMinutes')}</th>
              <th scope="col">{t('unitsColSupported')}</th>
              <th scope="col">{t('unitsColBilled')}</th>
              <th scope="col">
                <span class="sr-only">{t('unitsColStatus')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {model.rows.map((row) => (
              <Row key={row.code} row={row} />
            ))}
          </tbody>
          {model.total && (
            <tfoot>
              <Row row={model.total} />
            </tfoot>
          )}
        </table>
      </div>
    </section>
  );
}
