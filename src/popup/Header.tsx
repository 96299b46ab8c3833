import { t } from '../ui/i18n';
import { isLocked, LOCK_KEYS } from '../ui/locks';
import type { TabState } from '../ui/tab-state';
import { ProfileSwitch } from './ProfileSwitch';

interface Props {
  state: TabState | null;
  onProfileChange(profile: string | null): void;
  /** Present in the popup when the browser has a side panel (Chrome) or sidebar (Firefox). */
  onOpenPanel?: () => void;
}

/** One compact band: name, payer profile (menu), and "open in side panel" in the popup. */
export function Header({ state, onProfileChange, onOpenPanel }: Props) {
  const result = state?.result;
  return (
    <header class="header">
      <div class="header__top">
        <h1 class="header__title">{t('extName')}</h1>
        {onOpenPanel && (
          <button type="button" class="button button--small header__panel" onClick={onOpenPanel}>
            {t('openSidePanel')}
          </button>
        )}
      </div>
      {state && result && (
        <ProfileSwitch
          profiles={state.profiles}
          override={state.profileOverride}
          choice={result.profile}
          locked={isLocked(state.locked, LOCK_KEYS.profile)}
          onChange={onProfileChange}
        />
      )}
    </header>
  );
}
