import { useEffect, useId, useRef, useState } from 'preact/hooks';
import {
  DISMISS_CATEGORIES,
  DISMISS_CATEGORY_LABEL_KEYS,
  encodeDismissReason,
  isDismissCategory,
} from '../shared/dismiss-reason';
import { t } from '../ui/i18n';

interface Props {
  id: string;
  findingTitle: string;
  onSubmit(reason: string): void;
  onCancel(): void;
}

const NOTE_MAX = 300;

/** Inline, never modal: a dismissal needs a reason category; the note is optional. */
export function DismissForm({ id: formId, findingTitle, onSubmit, onCancel }: Props) {
  const id = useId();
  const selectRef = useRef<HTMLSelectElement>(null);
  const [category, setCategory] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    selectRef.current?.focus();
  }, []);

  return (
    <form
      id={formId}
      class="dismiss-form"
      aria-label={t('dismissFormLabel', findingTitle)}
      noValidate
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        }
      }}
      onSubmit={(event) => {
        event.preventDefault();
        if (!isDismissCategory(category)) {
          setMissing(true);
          selectRef.current?.focus();
          return;
        }
        onSubmit(encodeDismissReason(category, note));
      }}
    >
      <div class="field">
        <label for={`${id}-reason`}>{t('dismissReasonLabel')}</label>
        <select
          id={`${id}-reason`}
          ref={selectRef}
          required
          value={category}
          aria-invalid={missing ? 'true' : undefined}
          aria-describedby={missing ? `${id}-error` : undefined}
          onChange={(event) => {
            setCategory(event.currentTarget.value);
            setMissing(false);
          }}
        >
          <option value="">{t('dismissReasonPlaceholder')}</option>
          {DISMISS_CATEGORIES.map((value) => (
            <option key={value} value={value}>
              {t(DISMISS_CATEGORY_LABEL_KEYS[value])}
            </option>
          ))}
        </select>
        {missing && (
          <p class="field__error" id={`${id}-error`}>
            {t('dismissReasonRequired')}
          </p>
        )}
      </div>
      <div class="field">
        <label for={`${id}-note`}>{t('dismissNoteLabel')}</label>
        <textarea
          id={`${id}-note`}
          rows={2}
          maxLength={NOTE_MAX}
          value={note}
          aria-describedby={`${id}-note-hint`}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
        <p class="field__hint" id={`${id}-note-hint`}>
          {t('dismissNoteHint')}
        </p>
      </div>
      <div class="actions">
        <button type="submit" class="button button--primary">
          {t('dismissConfirm')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
