import { useId, useRef, useState } from 'preact/hooks';
import { t } from '../ui/i18n';
import { isSafeLink } from '../ui/origins';
import type { RuleInfo, TabFinding } from '../ui/tab-state';
import { DismissForm } from './DismissForm';
import { SeverityBadge } from './SeverityBadge';

interface Props {
  finding: TabFinding;
  rule: RuleInfo | undefined;
  profileName: string;
  onShowInNote(): void;
  onDismiss(reason: string): void;
}

// All page-derived text (message, evidence, suggestion) is rendered as text nodes only.
export function FindingCard({ finding, rule, profileName, onShowInNote, onDismiss }: Props) {
  const id = useId();
  const [dismissing, setDismissing] = useState(false);
  const dismissButton = useRef<HTMLButtonElement>(null);

  const closeForm = () => {
    setDismissing(false);
    // Give focus back to where the user started (the form goes away).
    dismissButton.current?.focus();
  };

  return (
    <article class={`finding finding--${finding.severity}`} aria-labelledby={`${id}-title`}>
      <header class="finding__header">
        <SeverityBadge severity={finding.severity} />
        <h4 class="finding__title" id={`${id}-title`}>
          {finding.title}
        </h4>
      </header>
      <p class="finding__message">{finding.message}</p>
      {finding.evidence && (
        <figure class="finding__evidence">
          <figcaption>{t('evidenceLabel')}</figcaption>
          <blockquote>
            <EvidenceQuote evidence={finding.evidence} />
          </blockquote>
        </figure>
      )}
      {finding.line !== undefined && <p class="finding__meta">{t('findingClaimLine', finding.line + 1)}</p>}
      {finding.suggestion && (
        <p class="finding__suggestion">
          <strong>{t('suggestionLabel')}</strong> {finding.suggestion}
        </p>
      )}
      {rule && (
        <dl class="finding__explain">
          <dt>{t('howToFixLabel')}</dt>
          <dd>{rule.howToFix}</dd>
          <dt>{t('whyItMattersLabel')}</dt>
          <dd>{rule.rationale}</dd>
        </dl>
      )}
      {finding.citations.length > 0 && (
        <div class="finding__sources">
          <p class="finding__sources-label">{t('sourcesLabel')}</p>
          <ul>
            {finding.citations.map((citation) => (
              <li key={citation.url}>
                {isSafeLink(citation.url) ? (
                  <a href={citation.url} target="_blank" rel="noopener noreferrer">
                    {citation.title}
                    <span class="sr-only"> {t('opensInNewTab')}</span>
                  </a>
                ) : (
                  citation.title
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p class="finding__meta">{t('findingProfile', profileName)}</p>
      <div class="actions">
        {(finding.evidence || finding.line !== undefined) && (
          <button type="button" class="button" onClick={onShowInNote}>
            {t(finding.evidence ? 'showInNote' : 'showInPage')}
          </button>
        )}
        <button
          type="button"
          class="button"
          ref={dismissButton}
          aria-expanded={dismissing ? 'true' : 'false'}
          aria-controls={dismissing ? `${id}-dismiss` : undefined}
          onClick={() => (dismissing ? closeForm() : setDismissing(true))}
        >
          {t('dismissOpen')}
        </button>
      </div>
      {dismissing && (
        <DismissForm
          id={`${id}-dismiss`}
          findingTitle={finding.title}
          onCancel={closeForm}
          onSubmit={(reason) => {
            setDismissing(false);
            onDismiss(reason);
          }}
        />
      )}
    </article>
  );
}

/** The sentence around the evidence, with the evidence itself marked; text nodes only. */
function EvidenceQuote({ evidence }: { evidence: NonNullable<TabFinding['evidence']> }) {
  const context = evidence.context;
  const at = context ? evidence.start - context.start : -1;
  if (!context || at < 0 || context.text.slice(at, at + evidence.text.length) !== evidence.text) return <>{evidence.text}</>;
  return (
    <>
      {context.text.slice(0, at)}
      <mark>{evidence.text}</mark>
      {context.text.slice(at + evidence.text.length)}
    </>
  );
}
