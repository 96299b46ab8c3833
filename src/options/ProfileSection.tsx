import { useId } from 'preact/hooks';
import { t } from '../ui/i18n';
import { LockNote } from '../ui/LockNote';
import { LOCK_KEYS } from '../ui/locks';
import type { ProfileSummary } from './catalog';

interface Props {
  profiles: readonly ProfileSummary[];
  builtInName: string;
  value: string | null;
  locked: boolean;
  onChange(value: string | null): void;
}

export function ProfileSection({ profiles, builtInName, value, locked, onChange }: Props) {
  const id = useId();
  return (
    <section class="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('optionsProfileHeading')}</h2>
      <div class="field">
        <label for={id}>{t('optionsProfileLabel')}</label>
        <select
          id={id}
          value={value ?? ''}
          disabled={locked}
          aria-describedby={locked ? `${id}-hint ${id}-lock` : `${id}-hint`}
          onChange={(event) => {
            const next = event.currentTarget.value;
            onChange(next === '' ? null : next);
          }}
        >
          <option value="">{t('optionsProfileBuiltIn', builtInName)}</option>
          {profiles.map((profile) => (
            <option key={profile.id} value={profile.id}>
              {profile.name}
            </option>
          ))}
        </select>
        <p class="field__hint" id={`${id}-hint`}>
          {t('optionsProfileHint')}
        </p>
        {locked && <LockNote id={`${id}-lock`} lock={LOCK_KEYS.profile} />}
      </div>
    </section>
  );
}
