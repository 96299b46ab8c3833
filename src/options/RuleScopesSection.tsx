import { useId } from 'preact/hooks';
import { t } from '../ui/i18n';
import type { RuleScopes } from '../settings';
import type { ProfileSummary, RuleSummary } from './catalog';

interface Props {
  scopes: RuleScopes;
  rules: readonly RuleSummary[];
  profiles: readonly ProfileSummary[];
  /** Turn the rule back on for that payer profile or site (saved at once). */
  onTurnOn(kind: keyof RuleScopes, scope: string, ruleId: string): void;
}

/** Rules turned off from the popup for one payer or one site, each with a way back. */
export function RuleScopesSection({ scopes, rules, profiles, onTurnOn }: Props) {
  const id = useId();
  const title = (ruleId: string) => rules.find((rule) => rule.id === ruleId)?.title ?? ruleId;
  const profileName = (profileId: string) => profiles.find((p) => p.id === profileId)?.name ?? profileId;
  const entries = [
    ...Object.entries(scopes.profiles).flatMap(([scope, ids]) =>
      ids.map((ruleId) => ({ kind: 'profiles' as const, scope, ruleId, where: t('offForProfile', profileName(scope)) })),
    ),
    ...Object.entries(scopes.sites).flatMap(([scope, ids]) => ids.map((ruleId) => ({ kind: 'sites' as const, scope, ruleId, where: t('offForSite', scope) }))),
  ];
  return (
    <section class="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('optionsScopesHeading')}</h2>
      <p class="field__hint">{t('optionsScopesHint')}</p>
      {entries.length === 0 ? (
        <p class="sites__empty">{t('optionsScopesNone')}</p>
      ) : (
        <ul class="sites">
          {entries.map((entry) => (
            <li key={`${entry.kind}|${entry.scope}|${entry.ruleId}`} class="sites__item">
              <span>
                {title(entry.ruleId)} <span class="field__hint">{entry.where}</span>
              </span>
              <button
                type="button"
                class="button button--small"
                aria-label={t('turnOnFor', [title(entry.ruleId), entry.where])}
                onClick={() => onTurnOn(entry.kind, entry.scope, entry.ruleId)}
              >
                {t('turnOn')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
