import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { DISMISS_CATEGORIES, DISMISS_CATEGORY_LABEL_KEYS, isDismissCategory, type DismissCategory } from '../shared/dismiss-reason';
import { t } from '../ui/i18n';

interface Props {
  id: string;
  findingTitle: string;
  onSubmit(category: DismissCategory): void;
  onCancel(): void;
}

/**
 * Inline, never modal: a dismissal needs a reason from a fixed list. There is no free-text note
 * on purpose: text typed beside a chart may be PHI, and the dismissal log keeps nothing but the
 * rule, a hash, the reason and the time (src/background/dismissals.ts).
 */
export function DismissForm({ id: formId, findingTitle, onSubmit, onCancel }: Props) {
  const id = useId();
  const selectRef = useRef<HTMLSelectElement>(null);
  const [category, setCategory] = useState('');
  const [missing, setMissing] = useState(false);

  // Focus the reason as the form appears (a layout effect: not a frame later, when the user may
  // already have moved on).
  useLayoutEffect(() => {
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
        onSubmit(category);
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
          aria-describedby={missing ? `${id}-error` : `${id}-hint`}
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
        {missing ? (
          <p class="field__error" id={`${id}-error`}>
            {t('dismissReasonRequired')}
          </p>
        ) : (
          <p class="field__hint" id={`${id}-hint`}>
            {t('dismissLogHint')}
          </p>
        )}
      </div>
      <div class="actions">
        <button type="submit" class="button button--primary button--small">
          {t('dismissConfirm')}
        </button>
        <button type="button" class="button button--small" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
