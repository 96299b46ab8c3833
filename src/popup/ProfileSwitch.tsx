import { useId } from 'preact/hooks';
import { t } from '../ui/i18n';
import { LockNote } from '../ui/LockNote';
import { LOCK_KEYS } from '../ui/locks';
import { MenuButton } from '../ui/MenuButton';
import type { TabResult } from '../ui/tab-state';

interface Props {
  profiles: readonly { id: string; name: string }[];
  override: string | null;
  choice: TabResult['profile'];
  locked: boolean;
  onChange(profile: string | null): void;
}

/** How the profile in force was picked, in the user's terms. */
function describeChoice(choice: TabResult['profile']): string {
  switch (choice.matchedBy) {
    case 'option':
      return t('profileChosenByYou');
    case 'payer-map':
      return choice.payerText ? t('profileFromPayerMap', choice.payerText) : t('profileFromPayerMapNoText');
    case 'payer-id':
    case 'payer-name':
      return choice.payerText ? t('profileFromPayer', choice.payerText) : t('profileFromPayerNoText');
    case 'default':
      return t('profileDefault');
  }
}

const AUTOMATIC = '';

/**
 * The payer profile as a menu button (WAI-ARIA menu pattern): arrows move through the profiles,
 * Enter chooses one. A native <select> would re-check the visit on every arrow key.
 */
export function ProfileSwitch({ profiles, override, choice, locked, onChange }: Props) {
  const id = useId();
  const describedBy = locked ? `${id}-how ${id}-lock` : `${id}-how`;
  const items = [
    { id: AUTOMATIC, label: t('profileAutomatic'), checked: override === null },
    ...profiles.map((profile) => ({ id: profile.id, label: profile.name, checked: override === profile.id })),
  ];
  return (
    <div class="profile-switch">
      <MenuButton
        kind="choice"
        items={items}
        disabled={locked}
        describedBy={describedBy}
        label={t('profileMenuLabel', choice.name)}
        onSelect={(value) => onChange(value === AUTOMATIC ? null : value)}
      >
        <span class="profile-switch__label">{t('profileLabel')}</span> <span class="profile-switch__name">{choice.name}</span>
      </MenuButton>
      <p class="profile-switch__how" id={`${id}-how`}>
        {describeChoice(choice)}
      </p>
      {locked && <LockNote id={`${id}-lock`} lock={LOCK_KEYS.profile} />}
    </div>
  );
}
