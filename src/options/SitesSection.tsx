import { useId, useState } from 'preact/hooks';
import type { OptionsClient } from './client';
import { t } from '../ui/i18n';
import { LockNote } from '../ui/LockNote';
import { LOCK_KEYS } from '../ui/locks';
import { patternToLabel, siteInputToPattern } from '../ui/origins';

interface Props {
  client: OptionsClient;
  origins: readonly string[];
  locked: boolean;
  onChanged(): void;
}

type Feedback = { kind: 'ok' | 'error'; text: string } | null;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Site access is a browser permission, granted or removed at once (no Save needed). */
export function SitesSection({ client, origins, locked, onChanged }: Props) {
  const id = useId();
  const [input, setInput] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);

  const add = (event: Event) => {
    event.preventDefault();
    setFeedback(null);
    const pattern = siteInputToPattern(input);
    if (pattern === null) {
      setInputError(t('optionsSiteInvalid'));
      return;
    }
    setInputError(null);
    // Synchronously inside the submit handler: permissions.request needs the user gesture.
    client.requestOrigin(pattern).then(
      (granted) => {
        if (granted) {
          setInput('');
          setFeedback({ kind: 'ok', text: t('optionsSiteAdded', patternToLabel(pattern)) });
          onChanged();
        } else {
          setFeedback({ kind: 'error', text: t('optionsSiteDenied', patternToLabel(pattern)) });
        }
      },
      (error: unknown) => setFeedback({ kind: 'error', text: t('optionsSiteFailed', describe(error)) }),
    );
  };

  const remove = (pattern: string) => {
    setFeedback(null);
    client.removeOrigin(pattern).then(
      (removed) => {
        setFeedback(
          removed
            ? { kind: 'ok', text: t('optionsSiteRemoved', patternToLabel(pattern)) }
            : { kind: 'error', text: t('optionsSiteNotRemoved', patternToLabel(pattern)) },
        );
        onChanged();
      },
      (error: unknown) => setFeedback({ kind: 'error', text: t('optionsSiteFailed', describe(error)) }),
    );
  };

  return (
    <section class="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('optionsSitesHeading')}</h2>
      <p class="field__hint">{t('optionsSitesHint')}</p>
      {locked && <LockNote id={`${id}-lock`} lock={LOCK_KEYS.allowedOrigins} />}
      {origins.length === 0 ? (
        <p class="sites__empty">{t('optionsSitesNone')}</p>
      ) : (
        <ul class="sites">
          {origins.map((pattern) => (
            <li key={pattern} class="sites__item">
              <span class="sites__origin">{patternToLabel(pattern)}</span>
              <button
                type="button"
                class="button button--small"
                disabled={locked}
                aria-label={t('optionsSiteRemoveFor', patternToLabel(pattern))}
                onClick={() => remove(pattern)}
              >
                {t('optionsSiteRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="sites__add" onSubmit={add} noValidate>
        <div class="field">
          <label for={id}>{t('optionsSiteLabel')}</label>
          <div class="inline">
            <input
              id={id}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellcheck={false}
              placeholder="https://ehr.example.org"
              value={input}
              disabled={locked}
              aria-invalid={inputError ? 'true' : undefined}
              aria-describedby={inputError ? `${id}-error` : `${id}-hint`}
              onInput={(event) => {
                setInput(event.currentTarget.value);
                setInputError(null);
              }}
            />
            <button type="submit" class="button" disabled={locked}>
              {t('optionsSiteAdd')}
            </button>
          </div>
          {inputError ? (
            <p class="field__error" id={`${id}-error`}>
              {inputError}
            </p>
          ) : (
            <p class="field__hint" id={`${id}-hint`}>
              {t('optionsSiteHint')}
            </p>
          )}
        </div>
      </form>
      <p class={feedback?.kind === 'error' ? 'feedback feedback--error' : 'feedback'} role="status">
        {feedback?.text ?? ''}
      </p>
    </section>
  );
}
