import { useId } from 'preact/hooks';
import { t } from '../ui/i18n';
import { LockNote } from '../ui/LockNote';
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

export function ProfileSwitch({ profiles, override, choice, locked, onChange }: Props) {
  const id = useId();
  const describedBy = locked ? `${id}-how ${id}-lock` : `${id}-how`;
  return (
    <div class="profile-switch">
      <label for={id}>{t('profileLabel')}</label>
      <select
        id={id}
        // Locked: show the profile policy put in force rather than a choice the user can't make.
        value={locked && profiles.some((p) => p.id === choice.id) ? choice.id : (override ?? '')}
        disabled={locked}
        aria-describedby={describedBy}
        onChange={(event) => {
          const value = event.currentTarget.value;
          onChange(value === '' ? null : value);
        }}
      >
        <option value="">{t('profileAutomatic')}</option>
        {profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profile.name}
          </option>
        ))}
      </select>
      <p class="profile-switch__how" id={`${id}-how`}>
        {describeChoice(choice)}
      </p>
      {locked && <LockNote id={`${id}-lock`} />}
    </div>
  );
}
