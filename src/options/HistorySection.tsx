import { useEffect, useId, useState } from 'preact/hooks';
import type { HistoryState } from '../shared/across';
import type { OptionsClient } from './client';
import { t } from '../ui/i18n';

/**
 * Visit history (docs/history.md): what is kept, for how long (the organisation's policy may set
 * it: shown locked), how many patients have stored visits (a count, never who), and "Forget all
 * history", asked twice. When policy turns history off, the section says so and offers nothing.
 */
export function HistorySection({ client }: { client: Pick<OptionsClient, 'history'> }) {
  const id = useId();
  const [state, setState] = useState<HistoryState['history'] | null | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    client.history('get').then((s) => setState(s?.history ?? null), () => setState(null));
  }, []);

  const forgetAll = () => {
    setConfirming(false);
    client.history('forget').then(
      (s) => {
        setState(s?.history ?? null);
        setDone(s !== null);
      },
      () => setState(null),
    );
  };

  return (
    <section class="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('historyTitle')}</h2>
      <p class="field__hint">{t('historyIntro')}</p>
      {state === undefined ? (
        <p class="loading">{t('loading')}</p>
      ) : state === null ? (
        <p class="field__error">{t('historyUnavailable')}</p>
      ) : !state.enabled ? (
        <p class="history__off">{t('historyOff')}</p>
      ) : (
        <>
          <p class="history__retention">
            {t('historyRetention', state.retentionDays)}
            {state.policy.retentionDays && (
              <>
                {' '}
                <span class="lock-note" aria-hidden="true">
                  🔒
                </span>{' '}
                {t('historyRetentionPolicy')}
              </>
            )}
          </p>
          <div class="inline">
            <p class="history__count" id={`${id}-count`}>
              {t('historyPatients', state.patients)}
            </p>
            {confirming ? (
              <>
                <span role="alert">{t('historyForgetAllConfirm')}</span>
                <button type="button" class="button" onClick={forgetAll}>
                  {t('acrossForgetYes')}
                </button>
                <button type="button" class="button" onClick={() => setConfirming(false)}>
                  {t('acrossForgetNo')}
                </button>
              </>
            ) : (
              <button type="button" class="button" disabled={state.patients === 0} aria-describedby={`${id}-count`} onClick={() => setConfirming(true)}>
                {t('historyForgetAll')}
              </button>
            )}
          </div>
        </>
      )}
      <p class="feedback" role="status">
        {done ? t('historyForgotten') : ''}
      </p>
    </section>
  );
}
