import { useEffect, useId, useState } from 'preact/hooks';
import type { AuditEntry, OptionsClient } from './client';
import { t } from '../ui/i18n';
import { auditCsv, auditFileName } from './audit-csv';
import type { RuleSummary } from './catalog';

interface Props {
  client: OptionsClient;
  rules: readonly RuleSummary[];
}

/**
 * The dismissal log for the compliance lead (GitHub code scanning's "dismissed with a reason"):
 * how many dismissals this browser keeps, and a CSV export. The log holds no PHI by construction
 * (src/background/dismissals.ts); the file is made here, in the page, and saved by the browser.
 */
export function AuditSection({ client, rules }: Props) {
  const id = useId();
  const [entries, setEntries] = useState<AuditEntry[] | null | undefined>(undefined);

  useEffect(() => {
    client.getAudit().then(setEntries, () => setEntries(null));
  }, []);

  const titles = new Map(rules.map((rule) => [rule.id, rule.title]));
  const exportCsv = () => {
    if (!entries) return;
    const blob = new Blob([auditCsv(entries, (ruleId) => titles.get(ruleId) ?? ruleId)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = auditFileName(new Date());
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section class="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('optionsAuditHeading')}</h2>
      <p class="field__hint">{t('optionsAuditHint')}</p>
      {entries === undefined ? (
        <p class="loading">{t('loading')}</p>
      ) : entries === null ? (
        <p class="field__error">{t('optionsAuditUnavailable')}</p>
      ) : (
        <div class="inline">
          <p class="audit__count" id={`${id}-count`}>
            {t('optionsAuditCount', entries.length)}
          </p>
          <button type="button" class="button" disabled={entries.length === 0} aria-describedby={`${id}-count`} onClick={exportCsv}>
            {t('optionsAuditExport')}
          </button>
        </div>
      )}
    </section>
  );
}
