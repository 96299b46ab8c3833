import { useId } from 'preact/hooks';
import { t } from '../ui/i18n';
import { LockNote } from '../ui/LockNote';
import { LEVELS, type RuleLevel } from '../ui/sync-settings';
import type { RuleSummary } from './catalog';

interface Props {
  rules: readonly RuleSummary[];
  /** The user's overrides; a rule without one follows the payer profile. */
  levels: Record<string, RuleLevel>;
  isLocked(ruleId: string): boolean;
  onChange(ruleId: string, level: RuleLevel | null): void;
}

const LEVEL_KEYS: Record<RuleLevel, string> = {
  off: 'levelOff',
  info: 'levelInfo',
  warning: 'levelWarning',
  error: 'levelError',
};

function isLevel(value: string): value is RuleLevel {
  return (LEVELS as readonly string[]).includes(value);
}

function RuleRow({ rule, level, locked, onChange }: { rule: RuleSummary; level: RuleLevel | undefined; locked: boolean; onChange(level: RuleLevel | null): void }) {
  const id = useId();
  return (
    <tr class={locked ? 'rule-row rule-row--locked' : 'rule-row'} data-rule={rule.id}>
      <th scope="row">
        <span class="rule-row__title" id={`${id}-title`}>
          {rule.title}
        </span>
        <span class="rule-row__meta">
          <code>{rule.id}</code> · {t('optionsRuleDefault', t(LEVEL_KEYS[rule.defaultSeverity]))}
        </span>
      </th>
      <td>
        <label class="sr-only" for={id}>
          {t('optionsRuleLevelFor', rule.title)}
        </label>
        <select
          id={id}
          value={level ?? ''}
          disabled={locked}
          aria-describedby={locked ? `${id}-lock` : undefined}
          onChange={(event) => {
            const value = event.currentTarget.value;
            onChange(isLevel(value) ? value : null);
          }}
        >
          <option value="">{t('levelProfileDefault')}</option>
          {LEVELS.map((value) => (
            <option key={value} value={value}>
              {t(LEVEL_KEYS[value])}
            </option>
          ))}
        </select>
        {locked && <LockNote id={`${id}-lock`} />}
      </td>
    </tr>
  );
}

export function RuleLevelsSection({ rules, levels, isLocked, onChange }: Props) {
  const id = useId();
  return (
    <section class="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('optionsRulesHeading')}</h2>
      <p class="field__hint">{t('optionsRulesHint')}</p>
      <table class="rules-table">
        <thead>
          <tr>
            <th scope="col">{t('optionsRuleColumn')}</th>
            <th scope="col">{t('optionsLevelColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <RuleRow
              key={rule.id}
              rule={rule}
              level={levels[rule.id]}
              locked={isLocked(rule.id)}
              onChange={(level) => onChange(rule.id, level)}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}
