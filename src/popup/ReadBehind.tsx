// "What Claim Guard read": the part of the engine's reading behind a rule's findings (minutes per
// code, totals, changes in measures, goals…), so a biller sees why it fired — or what to correct
// when the note was read wrong. Text only: every line is engine output rendered as text nodes.
import type { TabFinding } from '../ui/tab-state';
import { t } from '../ui/i18n';
import type { Explanation } from '../ui/tab-state';

export function ReadBehind({ parts }: { parts: Explanation | undefined }) {
  if (!parts || parts.length === 0) return null;
  return (
    <details class="read-behind">
      <summary>{t('readBehindSummary')}</summary>
      {parts.map((part) => (
        <section class="read-behind__part" key={part.title}>
          <h4 class="read-behind__title">{part.title}</h4>
          <ul class="read-behind__lines">
            {part.lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </section>
      ))}
    </details>
  );
}

/** Findings of other rules folded into this one: "Also: 59 on 97124 is not supported …". */
export function RelatedFindings({ finding }: { finding: TabFinding }) {
  if (!finding.related || finding.related.length === 0) return null;
  return (
    <ul class="related" aria-label={t('relatedLabel')}>
      {finding.related.map((r, i) => (
        <li key={i}>
          <strong>{r.title}:</strong> {r.message}
        </li>
      ))}
    </ul>
  );
}
