// The dismissal log as CSV for the compliance lead: one row per standing dismissal, exactly the
// fields the log keeps (time, rule, finding hash, reason) plus the rule's title from the catalogue.
// Nothing in the log comes from a note, but every cell is still quoted, and a cell that a
// spreadsheet would read as a formula is prefixed with an apostrophe (CSV injection).
import type { AuditEntry } from './client';

export const AUDIT_CSV_HEADER = ['dismissed_at_utc', 'rule_id', 'rule_title', 'finding_hash', 'reason'] as const;

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function auditCsv(entries: readonly AuditEntry[], titleOf: (ruleId: string) => string): string {
  const rows = entries.map((entry) =>
    [new Date(entry.at).toISOString(), entry.ruleId, titleOf(entry.ruleId), entry.hash, entry.reason].map(cell).join(','),
  );
  return `${[AUDIT_CSV_HEADER.map(cell).join(','), ...rows].join('\r\n')}\r\n`;
}

/** "therapy-claim-guard-dismissals-2026-11-27.csv" */
export function auditFileName(now: Date): string {
  return `therapy-claim-guard-dismissals-${now.toISOString().slice(0, 10)}.csv`;
}
