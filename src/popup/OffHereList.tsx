import { t } from '../ui/i18n';
import type { RuleInfo, ScopedOff } from '../ui/tab-state';

interface Props {
  scopedOff: readonly ScopedOff[];
  rules: Readonly<Record<string, RuleInfo>>;
  profileName: string;
  site: string | null;
  onTurnOn(ruleId: string, scope: 'profile' | 'site'): void;
}

/** Rules turned off for this payer or site stay listed, each with a way back: nothing disappears silently. */
export function OffHereList({ scopedOff, rules, profileName, site, onTurnOn }: Props) {
  if (scopedOff.length === 0) return null;
  return (
    <details class="dismissed off-here">
      <summary>{t('offHereHeading', scopedOff.length)}</summary>
      <ul class="dismissed__list">
        {scopedOff.map((entry) => {
          const title = rules[entry.ruleId]?.title ?? entry.ruleId;
          const where = entry.scope === 'profile' ? t('offForProfile', profileName) : t('offForSite', site ?? '');
          return (
            <li key={`${entry.scope}:${entry.ruleId}`} class="dismissed__item">
              <p class="dismissed__title">{title}</p>
              <p class="dismissed__reason">{where}</p>
              <button
                type="button"
                class="button button--small"
                aria-label={t('turnOnFor', [title, where])}
                onClick={() => onTurnOn(entry.ruleId, entry.scope)}
              >
                {t('turnOn')}
              </button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
