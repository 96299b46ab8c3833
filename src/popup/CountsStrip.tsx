import { useRef } from 'preact/hooks';
import { t } from '../ui/i18n';
import type { Counts, Filter } from './rows';
import { SeverityIcon } from './SeverityIcon';

interface Props {
  counts: Counts;
  filter: Filter;
  onFilter(filter: Filter): void;
}

const FILTERS: readonly Filter[] = ['all', 'error', 'warning', 'info'];
const LABEL_KEYS: Record<Filter, string> = { all: 'filterAll', error: 'filterErrors', warning: 'filterWarnings', info: 'filterInfo' };

/**
 * The summary line that is also the filter (ESLint's "✖ 3 errors, 5 warnings"): one toolbar,
 * one Tab stop, ←/→ between its buttons; the pressed one filters the list.
 */
export function CountsStrip({ counts, filter, onFilter }: Props) {
  const bar = useRef<HTMLDivElement>(null);
  const total = counts.error + counts.warning + counts.info;
  const countOf = (f: Filter) => (f === 'all' ? total : counts[f]);
  return (
    <div
      class="counts"
      role="toolbar"
      aria-label={t('filterLabel')}
      ref={bar}
      onKeyDown={(event) => {
        const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        if (delta === 0) return;
        event.preventDefault();
        const buttons = [...(bar.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
        const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
        buttons[(at + delta + buttons.length) % buttons.length]?.focus();
      }}
    >
      {FILTERS.map((f) => (
        <button
          key={f}
          type="button"
          class={`counts__button counts__button--${f}`}
          aria-pressed={filter === f ? 'true' : 'false'}
          tabIndex={filter === f ? 0 : -1}
          data-filter={f}
          onClick={() => onFilter(f)}
        >
          {f !== 'all' && <SeverityIcon severity={f} />}
          <span class="counts__number">{countOf(f)}</span> <span class="counts__word">{t(LABEL_KEYS[f], countOf(f))}</span>
        </button>
      ))}
    </div>
  );
}
