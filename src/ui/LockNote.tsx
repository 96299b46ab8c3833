import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { t } from './i18n';
import { isSafeLink } from './origins';
import type { LockInfo } from './policy-state';

/**
 * The policy's explanation of its locks (reason, contact), provided once by the page
 * (popup, side panel, options) so every LockNote can show it without threading props.
 */
export const LockInfoContext = createContext<LockInfo | undefined>(undefined);

/** The reason for one lock: its own (lockReasons), the rule table's for a rule, else the general one. */
export function lockReason(info: LockInfo | undefined, lock: string | undefined): string | undefined {
  if (!info) return undefined;
  if (lock !== undefined) {
    const own = info.reasons[lock];
    if (own !== undefined) return own;
    if (lock.startsWith('ruleLevels.') && info.reasons.ruleLevels !== undefined) return info.reasons.ruleLevels;
  }
  return info.reason;
}

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}$/i;

/** A contact as the admin wrote it; an e-mail address or an https link becomes a link. */
function Contact({ contact }: { contact: string }) {
  if (EMAIL.test(contact)) return <a href={`mailto:${contact}`}>{contact}</a>;
  if (/^https:\/\//i.test(contact) && isSafeLink(contact)) {
    return (
      <a href={contact} target="_blank" rel="noopener noreferrer">
        {contact}
        <span class="sr-only"> {t('opensInNewTab')}</span>
      </a>
    );
  }
  return <>{contact}</>;
}

/**
 * Says a control is fixed by the organisation's policy, why, and whom to ask; pair it with
 * aria-describedby. `lock` is the lock name ("profile", "ruleLevels.comfort-wording"…).
 */
export function LockNote({ id, lock }: { id: string; lock?: string }) {
  const info = useContext(LockInfoContext);
  const reason = lockReason(info, lock);
  const contact = info?.contact;
  return (
    <p class="lock-note" id={id}>
      {/* Drawn, not an emoji: emoji fonts are missing on some managed desktops. */}
      <svg class="lock-note__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5A1 1 0 0 1 13 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h.5Zm1.5 0h4V5a2 2 0 0 0-4 0v2Z" />
      </svg>
      <span>
        {t('lockedByOrganisation')}
        {reason !== undefined && <span class="lock-note__reason">: {reason}</span>}
        {contact !== undefined && (
          <span class="lock-note__contact">
            {' '}
            {t('lockContactLabel')} <Contact contact={contact} />
          </span>
        )}
      </span>
    </p>
  );
}
