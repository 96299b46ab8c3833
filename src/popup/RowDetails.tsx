import type { ComponentChildren } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import { t } from '../ui/i18n';
import { LockNote } from '../ui/LockNote';
import { MenuButton } from '../ui/MenuButton';
import { isSafeLink } from '../ui/origins';
import type { Explanation, RuleInfo, TabFinding } from '../ui/tab-state';
import { ReadBehind, RelatedFindings } from './ReadBehind';
import { DismissForm } from './DismissForm';
import type { Instance, RuleRowModel } from './rows';
import type { DismissCategory } from '../shared/dismiss-reason';

/** What a row can do; the view wires these to the worker. */
export interface RowActions {
  showInPage(findingKey: string): void;
  dismiss(instance: Instance, category: DismissCategory): void;
  turnOff(ruleId: string, scope: 'profile' | 'site'): void;
  /** The lock name when policy forbids dismissing, else null. */
  dismissLock: string | null;
  /** The lock name when policy locks this rule's level (so it can't be turned off), else null. */
  ruleLock(ruleId: string): string | null;
  /** The payer profile's name ("Aetna") for "turn off for Aetna claims". */
  profileName: string;
  /** The site ("ehr.example.org") for "turn off on this site"; null when the tab has none. */
  site: string | null;
  /** The claim line label of a finding ("97124-GP ×3"), for each instance. */
  lineOf(finding: TabFinding): string | null;
}

interface Props {
  row: RuleRowModel;
  rule: RuleInfo | undefined;
  profileName(id: string): string;
  actions: RowActions;
  explain?: (finding: TabFinding) => ComponentChildren;
  readBehind?: Explanation;
}

/** Expanded row: each instance (quote, line, message, show in page, dismiss), then why, fix, sources. */
export function RowDetails({ row, rule, profileName, actions, explain, readBehind }: Props) {
  const id = useId();
  const ruleLock = actions.ruleLock(row.ruleId);
  const citations = uniqueCitations(row.instances.map((i) => i.finding));
  const suggestions = [...new Set(row.instances.map((i) => i.finding.suggestion).filter((s): s is string => s !== undefined))];
  const profiles = [...new Set(row.instances.map((i) => i.finding.profile))];
  const offItems = [
    { id: 'profile', label: t('turnOffForProfile', actions.profileName) },
    ...(actions.site !== null ? [{ id: 'site', label: t('turnOffForSite', actions.site) }] : []),
  ];
  return (
    <>
      {row.instances.length > 0 && (
        <ol class="instances">
          {row.instances.map((instance) => (
            <InstanceItem key={instance.key} instance={instance} title={row.title} actions={actions} explain={explain} />
          ))}
        </ol>
      )}
      {row.more > 0 && (
        <p class="instances__more" data-more={row.more}>
          {row.instances.length === 0
            ? t('instancesMoreOnly', row.more.toLocaleString())
            : t('instancesMore', [`+${row.more.toLocaleString()}`, row.instances.length.toLocaleString()])}
        </p>
      )}
      <ReadBehind parts={readBehind} />
      {rule && (
        <dl class="row__explain">
          <dt>{t('whyItMattersLabel')}</dt>
          <dd>{rule.rationale}</dd>
          <dt>{t('howToFixLabel')}</dt>
          <dd>
            {rule.howToFix}
            {suggestions.map((suggestion) => (
              <span key={suggestion} class="row__suggestion">
                {' '}
                {suggestion}
              </span>
            ))}
          </dd>
        </dl>
      )}
      {citations.length > 0 && (
        <p class="row__sources">
          <span class="row__sources-label">{t('sourcesLabel')} </span>
          {citations.map((citation, index) => (
            <span key={citation.url}>
              {index > 0 && ' · '}
              {isSafeLink(citation.url) ? (
                <a href={citation.url} target="_blank" rel="noopener noreferrer">
                  {citation.title}
                  <span class="sr-only"> {t('opensInNewTab')}</span>
                </a>
              ) : (
                citation.title
              )}
            </span>
          ))}
        </p>
      )}
      <p class="row__meta">{t('findingProfile', profiles.map(profileName).join(', '))}</p>
      <div class="row__rule-actions">
        {rule?.acrossVisits ? (
          // The worker turns cross-visit rules off by level only (options page), not per payer or site.
          <p class="row__meta">{t('acrossRuleOffHint')}</p>
        ) : (
          <>
            <MenuButton
              class="row__off"
              items={offItems}
              disabled={ruleLock !== null}
              describedBy={ruleLock !== null ? `${id}-lock` : undefined}
              label={t('turnOffMenuLabel', row.title)}
              onSelect={(scope) => actions.turnOff(row.ruleId, scope === 'site' ? 'site' : 'profile')}
            >
              {t('turnOffMenu')}
            </MenuButton>
            {ruleLock !== null && <LockNote id={`${id}-lock`} lock={ruleLock} />}
          </>
        )}
      </div>
    </>
  );
}

function InstanceItem({ instance, title, actions, explain }: { instance: Instance; title: string; actions: RowActions; explain?: Props['explain'] }) {
  const id = useId();
  const [dismissing, setDismissing] = useState(false);
  const dismissButton = useRef<HTMLButtonElement>(null);
  const { finding } = instance;
  const line = actions.lineOf(finding);
  const closeForm = () => {
    setDismissing(false);
    dismissButton.current?.focus();
  };
  // Claim-line findings jump to the fee-sheet row; note findings to their evidence.
  const canShow = finding.evidence !== undefined || finding.line !== undefined;
  return (
    <li class="instance" data-finding-key={instance.key} data-severity={finding.severity}>
      <article class="finding" aria-labelledby={`${id}-message`}>
        {finding.evidence && (
          <blockquote class="finding__evidence">
            <EvidenceQuote evidence={finding.evidence} />
          </blockquote>
        )}
        <p class="finding__message" id={`${id}-message`}>
          {line !== null && <span class="instance__line">{t('rowLine', line)} · </span>}
          {finding.message}
        </p>
        <RelatedFindings finding={finding} />
        {explain?.(finding)}
        <div class="actions actions--compact">
          {canShow && (
            <button type="button" class="button button--small" data-show-in-page="" onClick={() => actions.showInPage(instance.key)}>
              {t(finding.evidence ? 'showInNote' : 'showInPage')}
            </button>
          )}
          <button
            type="button"
            class="button button--small"
            ref={dismissButton}
            disabled={actions.dismissLock !== null}
            aria-describedby={actions.dismissLock !== null ? `${id}-lock` : undefined}
            aria-expanded={dismissing ? 'true' : 'false'}
            aria-controls={dismissing ? `${id}-dismiss` : undefined}
            onClick={() => (dismissing ? closeForm() : setDismissing(true))}
          >
            {t('dismissOpen')}
          </button>
        </div>
        {actions.dismissLock !== null && <LockNote id={`${id}-lock`} lock={actions.dismissLock} />}
        {dismissing && (
          <DismissForm
            id={`${id}-dismiss`}
            findingTitle={title}
            onCancel={closeForm}
            onSubmit={(category) => {
              setDismissing(false);
              actions.dismiss(instance, category);
            }}
          />
        )}
      </article>
    </li>
  );
}

function uniqueCitations(findings: readonly TabFinding[]): TabFinding['citations'] {
  const seen = new Set<string>();
  const out: TabFinding['citations'] = [];
  for (const finding of findings) {
    for (const citation of finding.citations) {
      if (seen.has(citation.url)) continue;
      seen.add(citation.url);
      out.push(citation);
    }
  }
  return out;
}

/** The sentence around the evidence, with the evidence itself marked; text nodes only. */
export function EvidenceQuote({ evidence }: { evidence: NonNullable<TabFinding['evidence']> }) {
  const context = evidence.context;
  const at = context ? evidence.start - context.start : -1;
  if (!context || at < 0 || context.text.slice(at, at + evidence.text.length) !== evidence.text) return <mark>{evidence.text}</mark>;
  return (
    <>
      {context.text.slice(0, at)}
      <mark>{evidence.text}</mark>
      {context.text.slice(at + evidence.text.length)}
    </>
  );
}
