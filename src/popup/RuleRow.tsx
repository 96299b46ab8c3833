import type { ComponentChildren } from 'preact';
import { t } from '../ui/i18n';
import type { Explanation, RuleInfo, TabFinding } from '../ui/tab-state';
import { RowDetails, type RowActions } from './RowDetails';
import type { RuleRowModel } from './rows';
import { SeverityIcon } from './SeverityIcon';

const SEVERITY_KEYS = { error: 'severityError', warning: 'severityWarning', info: 'severityInfo' } as const;

export interface RuleRowProps {
  row: RuleRowModel;
  rule: RuleInfo | undefined;
  expanded: boolean;
  /** The row whose header is in the Tab order (roving tabindex: one Tab stop for the whole list). */
  current: boolean;
  onToggle(): void;
  onFocusRow(): void;
  profileName(id: string): string;
  actions: RowActions;
  /**
   * Extension point: more about one instance, shown in the expanded row (for example what the
   * engine read for it, once the check result carries that). Absent, nothing is shown.
   */
  explain?: (finding: TabFinding) => ComponentChildren;
  /** What the engine read behind this rule's findings. */
  readBehind?: Explanation;
}

/**
 * One rule, collapsed by default to two short lines: severity icon, title and instance count;
 * the claim line it concerns and one short quote. The header is a disclosure button.
 */
export function RuleRow({ row, rule, expanded, current, onToggle, onFocusRow, profileName, actions, explain, readBehind }: RuleRowProps) {
  const id = `row-${row.ruleId}`;
  // Exact: the listed instances and those the engine only counted (its caps).
  const count = row.instances.length + row.more;
  return (
    <li class={`row row--${row.severity}${expanded ? ' row--open' : ''}`} data-rule={row.ruleId} data-severity={row.severity} data-finding-row="">
      <h3 class="row__heading">
        <button
          type="button"
          class="row__toggle"
          id={`${id}-toggle`}
          aria-expanded={expanded ? 'true' : 'false'}
          aria-controls={`${id}-details`}
          aria-keyshortcuts="J"
          tabIndex={current ? 0 : -1}
          data-row-toggle=""
          onClick={onToggle}
          onFocus={onFocusRow}
        >
          <span class="row__line1">
            <SeverityIcon severity={row.severity} />
            <span class="sr-only">{t(SEVERITY_KEYS[row.severity])}: </span>
            <span class="row__title">{row.title}</span>
            {count > 1 && (
              <span class="row__count" aria-label={t('rowInstances', count)}>
                ×{count}
              </span>
            )}
          </span>
          <span class="row__line2">
            {row.line !== undefined && <span class="row__claim">{t('rowLine', row.line)}</span>}
            {row.instances.length === 0 ? (
              <span class="row__quote">{t('instancesMoreOnly', row.more.toLocaleString())}</span>
            ) : (
              <span class={row.quoteIsEvidence ? 'row__quote row__quote--evidence' : 'row__quote'}>
                {row.quoteIsEvidence ? `“${row.quote}”` : row.quote}
              </span>
            )}
          </span>
        </button>
      </h3>
      <div class="row__details" id={`${id}-details`} hidden={!expanded}>
        {expanded && <RowDetails row={row} rule={rule} profileName={profileName} actions={actions} explain={explain} readBehind={readBehind} />}
      </div>
    </li>
  );
}
