import type { Severity } from '../ui/tab-state';

// Colour is never the only signal: each severity has its own shape (and its word, in text or sr-only).
const ICONS: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };

export function SeverityIcon({ severity }: { severity: Severity }) {
  return (
    <span class={`severity-icon severity-icon--${severity}`} aria-hidden="true">
      {ICONS[severity]}
    </span>
  );
}
