import { DISMISS_CATEGORY_LABEL_KEYS, decodeDismissReason } from '../shared/dismiss-reason';
import { t } from '../ui/i18n';
import type { Dismissal } from '../ui/tab-state';

interface Props {
  dismissed: readonly Dismissal[];
  titleOf(dismissal: Dismissal): string;
  onUndo(findingKey: string): void;
}

function formatTime(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
}

/** Dismissed findings stay visible (collapsed) with their reason: nothing disappears silently. */
export function DismissedList({ dismissed, titleOf, onUndo }: Props) {
  if (dismissed.length === 0) return null;
  return (
    <details class="dismissed">
      <summary>{t('dismissedHeading', dismissed.length)}</summary>
      <ul class="dismissed__list">
        {dismissed.map((entry) => {
          const { category } = decodeDismissReason(entry.reason);
          const title = titleOf(entry);
          return (
            <li key={entry.findingKey} class="dismissed__item">
              <p class="dismissed__title">{title}</p>
              <p class="dismissed__reason">
                {t('dismissedReason', [t(DISMISS_CATEGORY_LABEL_KEYS[category]), formatTime(entry.at)])}
              </p>
              <button
                type="button"
                class="button button--small"
                aria-label={t('undoDismissFor', title)}
                onClick={() => onUndo(entry.findingKey)}
              >
                {t('undoDismiss')}
              </button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
