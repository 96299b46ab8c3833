import { t } from '../ui/i18n';
import type { RuleInfo, Severity, TabFinding } from '../ui/tab-state';
import { FindingCard } from './FindingCard';
import { SeverityIcon } from './SeverityBadge';

export interface ActiveFinding {
  key: string;
  finding: TabFinding;
}

interface Props {
  severity: Severity;
  items: readonly ActiveFinding[];
  rules: Record<string, RuleInfo>;
  profileName(id: string): string;
  onShowInNote(key: string): void;
  onDismiss(item: ActiveFinding, reason: string): void;
}

const HEADING_KEYS: Record<Severity, string> = { error: 'groupErrors', warning: 'groupWarnings', info: 'groupInfo' };

export function SeverityGroup({ severity, items, rules, profileName, onShowInNote, onDismiss }: Props) {
  if (items.length === 0) return null;
  return (
    <section class={`group group--${severity}`} data-severity={severity}>
      <h3 class="group__heading">
        <SeverityIcon severity={severity} /> {t(HEADING_KEYS[severity], items.length)}
      </h3>
      <ul class="group__list">
        {items.map((item) => (
          <li key={item.key}>
            <FindingCard
              finding={item.finding}
              rule={rules[item.finding.ruleId]}
              profileName={profileName(item.finding.profile)}
              onShowInNote={() => onShowInNote(item.key)}
              onDismiss={(reason) => onDismiss(item, reason)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
