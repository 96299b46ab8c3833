import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../ui/i18n';
import type { Dismissal, TabFinding, TabResult, TabState } from '../ui/tab-state';
import { CountsStrip } from './CountsStrip';
import { DismissedList } from './DismissedList';
import { OffHereList } from './OffHereList';
import type { RowActions } from './RowDetails';
import { buildRows, countBySeverity, filterRows, openInstances, type Filter } from './rows';
import { RuleRow } from './RuleRow';

interface Props {
  state: TabState;
  result: TabResult;
  headingRef: Ref<HTMLHeadingElement>;
  actions: RowActions;
  onUndo(findingKey: string): void;
  onTurnOn(ruleId: string, scope: 'profile' | 'site'): void;
  /** A finding to bring into view and expand ("open in Claim Guard" from the page). */
  focusKey: string | null;
  explain?: (finding: TabFinding) => ComponentChildren;
}

/**
 * The findings: a counts strip that filters, then one row per rule. Keyboard: the list is one Tab
 * stop; ↑/↓ (and Home/End) move between rows, Enter/Space expand, J shows the row's first
 * evidence in the page.
 */
export function FindingsView({ state, result, headingRef, actions, onUndo, onTurnOn, focusKey, explain }: Props) {
  const instances = useMemo(() => openInstances(state, result), [state, result]);
  const truncated = result.truncated;
  const counts = countBySeverity(instances, truncated?.omitted);
  const open = counts.error + counts.warning + counts.info;
  const allRows = useMemo(() => buildRows(state, instances), [state, instances]);
  const [filter, setFilter] = useState<Filter>('all');
  const rows = filterRows(allRows, filter, state);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [current, setCurrent] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);

  const profileNames = new Map(state.profiles.map((p) => [p.id, p.name]));
  profileNames.set(result.profile.id, result.profile.name);
  const profileName = (id: string) => profileNames.get(id) ?? id;

  // The current row must exist in what is shown (rows come and go as the note is edited).
  const currentRow = rows.some((row) => row.ruleId === current) ? current : (rows[0]?.ruleId ?? null);

  useEffect(() => {
    if (focusKey === null) return;
    const row = allRows.find((r) => r.instances.some((i) => i.key === focusKey));
    if (!row) return;
    setFilter('all');
    setExpanded((open) => new Set([...open, row.ruleId]));
    setCurrent(row.ruleId);
    queueMicrotask(() => {
      const toggle = list.current?.querySelector<HTMLElement>(`[data-rule="${row.ruleId}"] [data-row-toggle]`);
      toggle?.focus();
      toggle?.scrollIntoView?.({ block: 'nearest' });
    });
  }, [focusKey]);

  const toggle = (ruleId: string) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (next.has(ruleId)) next.delete(ruleId);
      else next.add(ruleId);
      return next;
    });

  const focusRow = (index: number) => {
    const toggles = [...(list.current?.querySelectorAll<HTMLElement>('[data-row-toggle]') ?? [])];
    const target = toggles[Math.max(0, Math.min(index, toggles.length - 1))];
    target?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    // Only on a row's header: keys inside an expanded row (a form, a menu) keep their meaning.
    if (!target?.hasAttribute('data-row-toggle')) return;
    const index = rows.findIndex((row) => row.ruleId === target.closest('[data-rule]')?.getAttribute('data-rule'));
    switch (event.key) {
      case 'ArrowDown':
        focusRow(index + 1);
        break;
      case 'ArrowUp':
        focusRow(index - 1);
        break;
      case 'Home':
        focusRow(0);
        break;
      case 'End':
        focusRow(rows.length - 1);
        break;
      case 'j':
      case 'J': {
        const row = rows[index];
        const first = row?.instances.find((i) => i.finding.evidence !== undefined || i.finding.line !== undefined);
        if (!first) return;
        actions.showInPage(first.key);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const titleOf = (dismissal: Dismissal): string => {
    const index = state.findingKeys.indexOf(dismissal.findingKey);
    return result.findings[index]?.title ?? state.rules[dismissal.ruleId]?.title ?? dismissal.ruleId;
  };

  return (
    <section class="findings" aria-labelledby="findings-heading">
      <div class="findings__bar">
        <h2 id="findings-heading" class="section-heading findings__heading" tabIndex={-1} ref={headingRef}>
          {open === 0 ? t('findingsNone') : t('findingsHeading', open.toLocaleString())}
        </h2>
        {open > 0 && <CountsStrip counts={counts} filter={filter} onFilter={setFilter} />}
      </div>
      {truncated && (
        <p class="findings__cut" role="note" data-findings-cut="">
          {t('findingsCut', [truncated.shown.toLocaleString(), truncated.total.toLocaleString()])}
        </p>
      )}
      {open === 0 && <p class="findings__clean">{t('findingsNoneBody')}</p>}
      {rows.length > 0 && (
        <ul class="rows" ref={list} aria-label={t('rowsLabel')} onKeyDown={onKeyDown}>
          {rows.map((row) => (
            <RuleRow
              key={row.ruleId}
              row={row}
              rule={state.rules[row.ruleId]}
              expanded={expanded.has(row.ruleId)}
              current={row.ruleId === currentRow}
              onToggle={() => toggle(row.ruleId)}
              onFocusRow={() => setCurrent(row.ruleId)}
              profileName={profileName}
              actions={actions}
              explain={explain}
              readBehind={result.explanations?.[row.ruleId]}
            />
          ))}
        </ul>
      )}
      {open > 0 && <p class="rows__keys">{t('rowsKeyboardHint')}</p>}
      <OffHereList scopedOff={state.scopedOff ?? []} rules={state.rules} profileName={actions.profileName} site={actions.site} onTurnOn={onTurnOn} />
      <DismissedList dismissed={state.dismissed} titleOf={titleOf} onUndo={onUndo} />
    </section>
  );
}
