import { useId } from 'preact/hooks';
import { t } from '../ui/i18n';
import { LockNote } from '../ui/LockNote';
import { LOCK_KEYS } from '../ui/locks';
import { LEVELS, type Level as RuleLevel } from '../engine/types';
import type { RuleSummary } from './catalog';

interface Props {
  /** Policy locks the whole table ("ruleLevels"): one note says so, with its reason, for every row. */
  allLocked: boolean;
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

interface RowProps {
  rule: RuleSummary;
  level: RuleLevel | undefined;
  locked: boolean;
  /** The table's one lock note when policy locks every rule; else each locked row has its own. */
  tableLockId: string | null;
  onChange(level: RuleLevel | null): void;
}

function RuleRow({ rule, level, locked, tableLockId, onChange }: RowProps) {
  const id = useId();
  const lockId = tableLockId ?? `${id}-lock`;
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
          aria-describedby={locked ? lockId : undefined}
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
        {locked && tableLockId === null && <LockNote id={lockId} lock={`${LOCK_KEYS.ruleLevels}.${rule.id}`} />}
      </td>
    </tr>
  );
}

export function RuleLevelsSection({ allLocked, rules, levels, isLocked, onChange }: Props) {
  const id = useId();
  const tableLockId = allLocked ? `${id}-lock` : null;
  const row = (rule: RuleSummary) => (
    <RuleRow
      key={rule.id}
      rule={rule}
      level={levels[rule.id]}
      locked={isLocked(rule.id)}
      tableLockId={tableLockId}
      onChange={(level) => onChange(rule.id, level)}
    />
  );
  // The cross-visit rules (visit history) take levels like the others, in a group of their own.
  const across = rules.filter((rule) => rule.acrossVisits);
  return (
    <section class="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('optionsRulesHeading')}</h2>
      <p class="field__hint">{t('optionsRulesHint')}</p>
      {tableLockId !== null && <LockNote id={tableLockId} lock={LOCK_KEYS.ruleLevels} />}
      <table class="rules-table">
        <thead>
          <tr>
            <th scope="col">{t('optionsRuleColumn')}</th>
            <th scope="col">{t('optionsLevelColumn')}</th>
          </tr>
        </thead>
        <tbody>{rules.filter((rule) => !rule.acrossVisits).map(row)}</tbody>
        {across.length > 0 && (
          <tbody data-rule-group="across-visits">
            <tr>
              <th scope="rowgroup" colSpan={2} class="rules-table__group">
                {t('optionsRulesAcrossHeading')}
                <span class="rule-row__meta">{t('optionsRulesAcrossHint')}</span>
              </th>
            </tr>
            {across.map(row)}
          </tbody>
        )}
      </table>
    </section>
  );
}
