import { t } from './i18n';
import type { RejectedPolicyValue } from './policy-state';

/** Policy values that failed validation were ignored; say which, so IT can fix the policy. */
export function RejectedPolicyNotice({ rejected }: { rejected: readonly RejectedPolicyValue[] }) {
  if (rejected.length === 0) return null;
  return (
    <div class="notice notice--warning" role="note">
      <p class="notice__title">{t('rejectedPolicyIntro', rejected.length)}</p>
      <ul class="notice__list">
        {rejected.map((value) => (
          <li key={value.key}>
            <code>{value.key}</code>: {value.reason}
          </li>
        ))}
      </ul>
      <p>{t('rejectedPolicyAction')}</p>
    </div>
  );
}
