import type { Ref } from 'preact';
import { t } from '../ui/i18n';
import type { Dismissal, Severity, TabResult, TabState } from '../ui/tab-state';
import { DismissedList } from './DismissedList';
import { SeverityGroup, type ActiveFinding } from './SeverityGroup';

interface Props {
  state: TabState;
  result: TabResult;
  headingRef: Ref<HTMLHeadingElement>;
  onShowInNote(findingKey: string): void;
  onDismiss(findingKey: string, ruleId: string, reason: string): void;
  onUndo(findingKey: string): void;
}

const ORDER: readonly Severity[] = ['error', 'warning', 'info'];

export function FindingsSection({ state, result, headingRef, onShowInNote, onDismiss, onUndo }: Props) {
  const dismissedKeys = new Set(state.dismissed.map((d) => d.findingKey));
  const active: ActiveFinding[] = [];
  result.findings.forEach((finding, index) => {
    const key = state.findingKeys[index] ?? `${finding.ruleId}#${index}`;
    if (!dismissedKeys.has(key)) active.push({ key, finding });
  });

  const profileNames = new Map(state.profiles.map((p) => [p.id, p.name]));
  profileNames.set(result.profile.id, result.profile.name);
  const profileName = (id: string) => profileNames.get(id) ?? id;

  const titleOf = (dismissal: Dismissal): string => {
    const index = state.findingKeys.indexOf(dismissal.findingKey);
    return result.findings[index]?.title ?? state.rules[dismissal.ruleId]?.title ?? dismissal.ruleId;
  };

  return (
    <section class="findings" aria-labelledby="findings-heading">
      <h2 id="findings-heading" class="section-heading" tabIndex={-1} ref={headingRef}>
        {active.length === 0 ? t('findingsNone') : t('findingsHeading', active.length)}
      </h2>
      {active.length === 0 && <p class="findings__clean">{t('findingsNoneBody')}</p>}
      {ORDER.map((severity) => (
        <SeverityGroup
          key={severity}
          severity={severity}
          items={active.filter((item) => item.finding.severity === severity)}
          rules={state.rules}
          profileName={profileName}
          onShowInNote={onShowInNote}
          onDismiss={(item, reason) => onDismiss(item.key, item.finding.ruleId, reason)}
        />
      ))}
      <DismissedList dismissed={state.dismissed} titleOf={titleOf} onUndo={onUndo} />
    </section>
  );
}
