import { useId, useState } from 'preact/hooks';
import type { OptionsClient } from './client';
import { t } from '../ui/i18n';
import { LockNote } from '../ui/LockNote';
import { LOCK_KEYS } from '../ui/locks';
import { patternToLabel } from '../ui/origins';
import type { PolicySite } from '../ui/policy-state';

interface Props {
  client: OptionsClient;
  sites: readonly PolicySite[];
  /** A grant changed what the browser allows: ask the background again. */
  onChanged(): void;
}

type Feedback = { kind: 'ok' | 'error'; text: string } | null;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The organisation's allowed EHR sites (managed policy `allowedOrigins`). The list is fixed; a
 * site the browser has not given access to yet gets a one-click grant (the store build cannot be
 * pre-granted by policy: docs/ADMIN.md).
 */
export function PolicySitesSection({ client, sites, onChanged }: Props) {
  const id = useId();
  const [feedback, setFeedback] = useState<Feedback>(null);

  const grant = (pattern: string) => {
    setFeedback(null);
    const label = patternToLabel(pattern);
    // Synchronously inside the click: permissions.request needs the user gesture.
    client.requestOrigin(pattern).then(
      (granted) => {
        setFeedback(granted ? { kind: 'ok', text: t('optionsPolicySiteGrantDone', label) } : { kind: 'error', text: t('optionsPolicySiteGrantDenied', label) });
        onChanged();
      },
      (error: unknown) => setFeedback({ kind: 'error', text: t('optionsSiteFailed', describe(error)) }),
    );
  };

  return (
    <section class="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('optionsPolicySitesHeading')}</h2>
      <p class="field__hint">{t('optionsPolicySitesHint')}</p>
      <LockNote id={`${id}-lock`} lock={LOCK_KEYS.allowedOrigins} />
      {sites.length === 0 ? (
        <p class="sites__empty">{t('optionsSitesNone')}</p>
      ) : (
        <ul class="sites" aria-describedby={`${id}-lock`}>
          {sites.map((site) => (
            <li key={site.pattern} class="sites__item" data-granted={site.granted ? 'true' : 'false'}>
              <span class="sites__origin">{patternToLabel(site.pattern)}</span>
              {site.granted ? (
                <span class="sites__status">{t('optionsPolicySiteGranted')}</span>
              ) : (
                <button
                  type="button"
                  class="button button--small"
                  aria-label={t('optionsPolicySiteGrantFor', patternToLabel(site.pattern))}
                  onClick={() => grant(site.pattern)}
                >
                  {t('optionsPolicySiteGrant')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p class={feedback?.kind === 'error' ? 'feedback feedback--error' : 'feedback'} role="status">
        {feedback?.text ?? ''}
      </p>
    </section>
  );
}
