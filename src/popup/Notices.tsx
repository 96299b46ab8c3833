import { t } from '../ui/i18n';
import { RejectedPolicyNotice } from '../ui/RejectedPolicyNotice';
import type { TabState } from '../ui/tab-state';

/** Things the user should know before trusting the findings. */
export function Notices({ state }: { state: TabState }) {
  return (
    <>
      {state.truncated && (
        <div class="notice notice--warning" role="note">
          <p>
            <span aria-hidden="true">▲ </span>
            {t('truncatedNotice')}
          </p>
        </div>
      )}
      <RejectedPolicyNotice rejected={state.rejectedPolicy} />
    </>
  );
}
