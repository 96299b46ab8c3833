import { t } from './i18n';

/** Says a control is fixed by the organisation's policy; pair it with aria-describedby. */
export function LockNote({ id }: { id: string }) {
  return (
    <p class="lock-note" id={id}>
      {/* Drawn, not an emoji: emoji fonts are missing on some managed desktops. */}
      <svg class="lock-note__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5A1 1 0 0 1 13 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h.5Zm1.5 0h4V5a2 2 0 0 0-4 0v2Z" />
      </svg>
      <span>{t('lockedByOrganisation')}</span>
    </p>
  );
}
