import { t } from '../ui/i18n';
import { isLocked, LOCK_KEYS } from '../ui/locks';
import type { TabState } from '../ui/tab-state';
import { ProfileSwitch } from './ProfileSwitch';

interface Props {
  state: TabState | null;
  onProfileChange(profile: string | null): void;
}

export function Header({ state, onProfileChange }: Props) {
  const result = state?.result;
  return (
    <header class="header">
      <h1 class="header__title">{t('extName')}</h1>
      {state && result && (
        <>
          <ProfileSwitch
            profiles={state.profiles}
            override={state.profileOverride}
            choice={result.profile}
            locked={isLocked(state.locked, LOCK_KEYS.profile)}
            onChange={onProfileChange}
          />
          <p class="header__data-version">
            {t('dataVersion', [result.dataVersion.asOf, result.dataVersion.version])}
          </p>
        </>
      )}
    </header>
  );
}
