import { useId } from 'preact/hooks';
import { t } from '../ui/i18n';
import { LockNote } from '../ui/LockNote';
import { LOCK_KEYS } from '../ui/locks';

interface Props {
  value: boolean;
  locked: boolean;
  onChange(value: boolean): void;
}

export function HighlightSection({ value, locked, onChange }: Props) {
  const id = useId();
  return (
    <section class="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('optionsHighlightHeading')}</h2>
      <div class="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={value}
          disabled={locked}
          aria-describedby={locked ? `${id}-hint ${id}-lock` : `${id}-hint`}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <label for={id}>{t('optionsHighlightLabel')}</label>
      </div>
      <p class="field__hint" id={`${id}-hint`}>
        {t('optionsHighlightHint')}
      </p>
      {locked && <LockNote id={`${id}-lock`} lock={LOCK_KEYS.highlightEnabled} />}
    </section>
  );
}
