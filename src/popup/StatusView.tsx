import { t } from '../ui/i18n';
import type { TabState } from '../ui/tab-state';

interface Props {
  state: TabState;
  onRescan(): void;
  onGrant(origin: string): void;
  onOpenOptions(): void;
}

/** Every state that isn't a result says what happened and what to do next. */
export function StatusView({ state, onRescan, onGrant, onOpenOptions }: Props) {
  switch (state.status) {
    case 'ok':
      return null;
    case 'no-data':
      return (
        <section class="status" aria-labelledby="status-heading">
          <h2 id="status-heading" class="section-heading">{t('stateNoDataHeading')}</h2>
          <p>{t('stateNoDataBody')}</p>
          <button type="button" class="button button--primary" onClick={onRescan}>
            {t('rescan')}
          </button>
        </section>
      );
    case 'not-granted': {
      const origin = state.origin;
      return (
        <section class="status" aria-labelledby="status-heading">
          <h2 id="status-heading" class="section-heading">{t('stateNotGrantedHeading')}</h2>
          <p>{origin ? t('stateNotGrantedBody', origin) : t('stateNotGrantedNoOrigin')}</p>
          <p class="status__privacy">{t('privacyPromise')}</p>
          {origin && (
            <button type="button" class="button button--primary" onClick={() => onGrant(origin)}>
              {t('grantAccess')}
            </button>
          )}
        </section>
      );
    }
    case 'not-ehr':
      return (
        <section class="status" aria-labelledby="status-heading">
          <h2 id="status-heading" class="section-heading">{t('stateNotEhrHeading')}</h2>
          <p>{t('stateNotEhrBody')}</p>
          <div class="actions">
            <button type="button" class="button" onClick={onRescan}>
              {t('rescan')}
            </button>
            <button type="button" class="button" onClick={onOpenOptions}>
              {t('openOptionsForAdapters')}
            </button>
          </div>
        </section>
      );
    case 'restricted':
      return (
        <section class="status" aria-labelledby="status-heading">
          <h2 id="status-heading" class="section-heading">{t('stateRestrictedHeading')}</h2>
          <p>{t('stateRestrictedBody')}</p>
        </section>
      );
    case 'error':
      return (
        <section class="status status--error" aria-labelledby="status-heading">
          <h2 id="status-heading" class="section-heading">{t('stateErrorHeading')}</h2>
          {state.error && <p class="status__detail">{state.error}</p>}
          <p>{t('stateErrorBody')}</p>
          <button type="button" class="button button--primary" onClick={onRescan}>
            {t('tryAgain')}
          </button>
        </section>
      );
  }
}
