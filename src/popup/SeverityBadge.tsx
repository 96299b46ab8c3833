import { t } from '../ui/i18n';
import type { Severity } from '../ui/tab-state';

// Colour is never the only signal: each severity has its own shape and its word.
const ICONS: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };
const LABEL_KEYS: Record<Severity, string> = { error: 'severityError', warning: 'severityWarning', info: 'severityInfo' };

export function SeverityIcon({ severity }: { severity: Severity }) {
  return (
    <span class={`severity-icon severity-icon--${severity}`} aria-hidden="true">
      {ICONS[severity]}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span class={`severity-badge severity-badge--${severity}`}>
      <SeverityIcon severity={severity} /> {t(LABEL_KEYS[severity])}
    </span>
  );
}
