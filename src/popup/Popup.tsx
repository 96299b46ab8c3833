import { useEffect, useRef, useState } from 'preact/hooks';
import type { PopupClient, TabAction } from '../ui/client';
import { t } from '../ui/i18n';
import { originToPattern } from '../ui/origins';
import { refusalText } from './refusals';
import { errorTabState, type TabState } from '../ui/tab-state';
import { FindingsSection } from './FindingsSection';
import { Header } from './Header';
import { Notices } from './Notices';
import { ReadFrom } from './ReadFrom';
import type { ReadingClient } from './reading-client';
import { StatusView } from './StatusView';
import { UnitsPanel } from './UnitsPanel';

/** Coalesces the worker's bursts of writes (several frames reporting) into one re-read. */
const LIVE_REFRESH_MS = 100;

interface Message {
  kind: 'status' | 'alert';
  text: string;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function Popup({ client, reading }: { client: PopupClient; reading?: ReadingClient }) {
  const [tabId, setTabId] = useState<number | null>(null);
  const [state, setState] = useState<TabState | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const findingsHeading = useRef<HTMLHeadingElement>(null);
  // One action at a time. Controls stay enabled while it runs (disabling them would drop the
  // keyboard focus); a second click is simply ignored.
  const inFlight = useRef(false);

  const load = async () => {
    setBusy(true);
    try {
      const id = await client.activeTabId();
      setTabId(id);
      setState(id === null ? errorTabState(t('errorNoTab')) : await client.getTabState(id));
    } catch (error) {
      setState(errorTabState(t('errorNoBackground', describe(error))));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void load();
  }, []);

  // Stay current while open: re-read (quietly, coalesced) whenever the worker stores a new result.
  useEffect(() => {
    if (tabId === null) return undefined;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const stop = client.watchTab(tabId, () => {
      if (pending !== undefined) return;
      pending = setTimeout(() => {
        pending = undefined;
        if (inFlight.current) return; // the action's own reply brings the fresh state
        void client.getTabState(tabId).then(setState);
      }, LIVE_REFRESH_MS);
    });
    return () => {
      stop();
      if (pending !== undefined) clearTimeout(pending);
    };
  }, [tabId]);

  /** Runs a tab action; on failure keeps what is shown and says so. */
  const run = async (action: TabAction, done?: string, focusFindings = false) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setMessage(null);
    try {
      const outcome = await client.act(action);
      setState(outcome.state);
      if (outcome.refused !== undefined) setMessage({ kind: 'alert', text: refusalText(outcome.refused) });
      else if (done) setMessage({ kind: 'status', text: done });
      // The control that had focus is gone (dismissed/undone): land on the findings heading.
      if (focusFindings) queueMicrotask(() => findingsHeading.current?.focus());
    } catch (error) {
      setMessage({ kind: 'alert', text: t('errorActionFailed', describe(error)) });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const rescan = () => {
    if (tabId === null) void load();
    else void run({ type: 'ui:rescan', tabId }, t('rescanDone'));
  };

  const grant = (origin: string) => {
    const pattern = originToPattern(origin);
    if (pattern === null || tabId === null) {
      setMessage({ kind: 'alert', text: t('grantImpossible') });
      return;
    }
    // Called synchronously from the click: permissions.request needs the user gesture.
    const request = client.requestOrigin(pattern);
    void request.then(
      (granted) => {
        if (granted) void run({ type: 'ui:rescan', tabId }, t('grantDone'));
        else setMessage({ kind: 'alert', text: t('grantDenied') });
      },
      (error: unknown) => setMessage({ kind: 'alert', text: t('errorActionFailed', describe(error)) }),
    );
  };

  const result = state?.status === 'ok' ? state.result : undefined;

  return (
    <div class="popup">
      <Header
        state={state}
        onProfileChange={(profile) => {
          if (tabId !== null) void run({ type: 'ui:set-profile', tabId, profile }, t('profileChanged'));
        }}
      />
      <main class="popup__main" aria-busy={busy ? 'true' : 'false'}>
        {message?.kind === 'alert' && (
          <p class="notice notice--error" role="alert">
            {message.text}
          </p>
        )}
        {state === null ? (
          <p class="loading">{t('loading')}</p>
        ) : (
          <>
            <Notices state={state} />
            <StatusView
              state={state}
              onRescan={rescan}
              onGrant={grant}
              onOpenOptions={() => void client.openOptions()}
            />
            {result && tabId !== null && (
              <>
                <FindingsSection
                  state={state}
                  result={result}
                  headingRef={findingsHeading}
                  onShowInNote={(findingKey) => {
                    setMessage(null);
                    client.showInNote(tabId, findingKey).then(
                      (outcome) => {
                        if (outcome !== 'ok') setMessage({ kind: 'alert', text: refusalText(outcome) });
                      },
                      (error: unknown) => setMessage({ kind: 'alert', text: t('errorActionFailed', describe(error)) }),
                    );
                  }}
                  onDismiss={(findingKey, ruleId, reason) =>
                    void run({ type: 'ui:dismiss', tabId, findingKey, ruleId, reason }, t('dismissDone'), true)
                  }
                  onUndo={(findingKey) => void run({ type: 'ui:undismiss', tabId, findingKey }, t('undoDone'), true)}
                />
                <UnitsPanel units={result.units} />
              </>
            )}
            {reading && tabId !== null && (state.status === 'ok' || state.status === 'not-ehr' || state.status === 'no-data') && <ReadFrom tabId={tabId} client={reading} refreshKey={state} />}
          </>
        )}
      </main>
      {result && (
        <footer class="popup__footer">
          <button type="button" class="button button--small" onClick={rescan}>
            {t('rescan')}
          </button>
          <span class="popup__frames">{t('framesRead', state?.frames ?? 0)}</span>
          <button type="button" class="button button--link" onClick={() => void client.openOptions()}>
            {t('openOptions')}
          </button>
        </footer>
      )}
      <p class="sr-only" role="status" aria-live="polite">
        {message?.kind === 'status' ? message.text : ''}
      </p>
    </div>
  );
}
