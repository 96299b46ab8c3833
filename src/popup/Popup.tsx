import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DismissCategory } from '../shared/dismiss-reason';
import type { PopupClient, TabAction } from '../ui/client';
import { t } from '../ui/i18n';
import { LockInfoContext } from '../ui/LockNote';
import { isLocked, LOCK_KEYS, ruleLockName, isRuleLocked } from '../ui/locks';
import { originToPattern } from '../ui/origins';
import { errorTabState, type TabFinding, type TabState } from '../ui/tab-state';
import { AcrossVisits } from './AcrossVisits';
import { FindingsView } from './FindingsView';
import { Header } from './Header';
import { Notices } from './Notices';
import { refusalText } from './refusals';
import type { RowActions } from './RowDetails';
import { lineLabel, type Instance } from './rows';
import { ReadFrom } from './ReadFrom';
import type { ReadingClient } from './reading-client';
import { StatusView } from './StatusView';
import { UnitsPanel } from './UnitsPanel';

/** Coalesces the worker's bursts of writes (several frames reporting) into one re-read. */
const LIVE_REFRESH_MS = 100;
/** An "open in Claim Guard" from the page older than this is not acted on by a popup opened later. */
const FOCUS_FRESH_MS = 60_000;

type Message =
  | { kind: 'status' | 'alert'; text: string }
  /** A done action that can be taken back (dismiss, turn off): shown with an Undo button. */
  | { kind: 'undo'; text: string; undo: () => void };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface Props {
  client: PopupClient;
  /** popup: over one tab, offers the side panel. panel: beside the EHR, follows the active tab. */
  mode?: 'popup' | 'panel';
  /** Extension point for the expanded row (see RuleRow `explain`). */
  explain?: (finding: TabFinding) => ComponentChildren;
  /** The "Read from" panel's channel to the worker (what was read from the page, corrections). */
  reading?: ReadingClient;
}

/** The popup and the side panel: one view of the current tab's check. */
export function Popup({ client, mode = 'popup', explain, reading }: Props) {
  const [tabId, setTabId] = useState<number | null>(null);
  const [state, setState] = useState<TabState | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const handledFocus = useRef<number | null>(null);
  const findingsHeading = useRef<HTMLHeadingElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  // One action at a time. Controls stay enabled while it runs (disabling them would drop the
  // keyboard focus); a second click is simply ignored.
  const inFlight = useRef(false);

  const show = (next: TabState) => {
    setState(next);
    const focus = next.focus;
    if (focus && focus.at !== handledFocus.current && Date.now() - focus.at < FOCUS_FRESH_MS) {
      handledFocus.current = focus.at;
      setFocusKey(focus.findingKey);
    }
  };

  const loadTab = async (id: number | null) => {
    setBusy(true);
    try {
      setTabId(id);
      show(id === null ? errorTabState(t('errorNoTab')) : await client.getTabState(id));
    } catch (error) {
      setState(errorTabState(t('errorNoBackground', describe(error))));
    } finally {
      setBusy(false);
    }
  };

  const load = async () => {
    try {
      await loadTab(await client.activeTabId());
    } catch (error) {
      setState(errorTabState(t('errorNoBackground', describe(error))));
    }
  };

  useEffect(() => {
    void load();
  }, []);

  // The side panel stays open while the user moves between tabs: it follows the one in front.
  useEffect(() => {
    if (mode !== 'panel') return undefined;
    return client.watchActiveTab((id) => {
      setMessage(null);
      void loadTab(id);
    });
  }, [mode]);

  // Stay current while open: re-read (quietly, coalesced) whenever the worker stores a new result.
  useEffect(() => {
    if (tabId === null) return undefined;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const stop = client.watchTab(tabId, () => {
      if (pending !== undefined) return;
      pending = setTimeout(() => {
        pending = undefined;
        if (inFlight.current) return; // the action's own reply brings the fresh state
        void client.getTabState(tabId).then(show);
      }, LIVE_REFRESH_MS);
    });
    return () => {
      stop();
      if (pending !== undefined) clearTimeout(pending);
    };
  }, [tabId]);

  /** Runs a tab action; on failure keeps what is shown and says so. Resolves true when it was done. */
  const run = async (action: TabAction, done?: Message, focusFindings = false): Promise<boolean> => {
    if (inFlight.current) return false;
    inFlight.current = true;
    setBusy(true);
    setMessage(null);
    let ok = false;
    try {
      const outcome = await client.act(action);
      show(outcome.state);
      if (outcome.refused !== undefined) setMessage({ kind: 'alert', text: refusalText(outcome.refused) });
      else {
        ok = true;
        if (done) setMessage(done);
      }
      // The control that had focus is gone (dismissed/undone): land on Undo, or the findings heading.
      if (focusFindings) {
        queueMicrotask(() => (ok && done?.kind === 'undo' ? undoButton.current : findingsHeading.current)?.focus());
      }
    } catch (error) {
      setMessage({ kind: 'alert', text: t('errorActionFailed', describe(error)) });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
    return ok;
  };

  const rescan = () => {
    if (tabId === null) void load();
    else void run({ type: 'ui:rescan', tabId }, { kind: 'status', text: t('rescanDone') });
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
        if (granted) void run({ type: 'ui:rescan', tabId }, { kind: 'status', text: t('grantDone') });
        else setMessage({ kind: 'alert', text: t('grantDenied') });
      },
      (error: unknown) => setMessage({ kind: 'alert', text: t('errorActionFailed', describe(error)) }),
    );
  };

  const openPanel = () => {
    // Synchronously inside the click: the browser opens panels only on a user gesture.
    client.openPanel().then(
      () => {
        if (mode === 'popup') window.close();
      },
      (error: unknown) => setMessage({ kind: 'alert', text: t('errorActionFailed', describe(error)) }),
    );
  };

  const result = state?.status === 'ok' ? state.result : undefined;
  const ruleTitle = (ruleId: string) => state?.rules[ruleId]?.title ?? result?.findings.find((f) => f.ruleId === ruleId)?.title ?? ruleId;
  const site = state?.origin ? hostOf(state.origin) : null;

  const turn = (ruleId: string, scope: 'profile' | 'site', off: boolean, title: string) => {
    if (tabId === null) return;
    const where = scope === 'profile' ? t('offForProfile', result?.profile.name ?? '') : t('offForSite', site ?? '');
    const undo = () => void turn(ruleId, scope, !off, title);
    const text = off ? t('turnedOff', [title, where]) : t('turnedOn', [title, where]);
    void run({ type: 'ui:rule-scope', tabId, ruleId, scope, off }, off ? { kind: 'undo', text, undo } : { kind: 'status', text }, true);
  };

  const actions: RowActions | null =
    result && state && tabId !== null
      ? {
          showInPage: (findingKey) => {
            setMessage(null);
            client.showInNote(tabId, findingKey).then(
              (outcome) => {
                if (outcome !== 'ok') setMessage({ kind: 'alert', text: refusalText(outcome) });
              },
              (error: unknown) => setMessage({ kind: 'alert', text: t('errorActionFailed', describe(error)) }),
            );
          },
          dismiss: (instance: Instance, category: DismissCategory) => {
            const undo = () => void run({ type: 'ui:undismiss', tabId, findingKey: instance.key }, { kind: 'status', text: t('undoDone') }, true);
            void run(
              { type: 'ui:dismiss', tabId, findingKey: instance.key, ruleId: instance.finding.ruleId, reason: category },
              { kind: 'undo', text: t('dismissDone'), undo },
              true,
            );
          },
          turnOff: (ruleId, scope) => turn(ruleId, scope, true, ruleTitle(ruleId)),
          dismissLock: isLocked(state.locked, LOCK_KEYS.dismissals) ? LOCK_KEYS.dismissals : null,
          ruleLock: (ruleId) => (isRuleLocked(state.locked, ruleId) ? ruleLockName(state.locked, ruleId) : null),
          profileName: result.profile.name,
          site,
          lineOf: (finding) => (finding.line === undefined ? null : lineLabel(state.lines, finding.line).text),
        }
      : null;

  return (
    <LockInfoContext.Provider value={state?.lockInfo}>
      <div class={`popup popup--${mode}`}>
        <Header
          state={state}
          onOpenPanel={mode === 'popup' && client.canOpenPanel() ? openPanel : undefined}
          onProfileChange={(profile) => {
            if (tabId !== null) void run({ type: 'ui:set-profile', tabId, profile }, { kind: 'status', text: t('profileChanged') });
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
              <StatusView state={state} onRescan={rescan} onGrant={grant} onOpenOptions={() => void client.openOptions()} />
              {result && actions && tabId !== null && (
                <>
                  <FindingsView
                    state={state}
                    result={result}
                    headingRef={findingsHeading}
                    actions={actions}
                    focusKey={focusKey}
                    explain={explain}
                    onUndo={(findingKey) => void run({ type: 'ui:undismiss', tabId, findingKey }, { kind: 'status', text: t('undoDone') }, true)}
                    onTurnOn={(ruleId, scope) => turn(ruleId, scope, false, ruleTitle(ruleId))}
                  />
                  <UnitsPanel units={result.units} />
                  {state.across && <AcrossVisits across={state.across} onForget={() => void run({ type: 'ui:forget-patient', tabId }, { kind: 'status', text: t('acrossForgotten') })} />}
                </>
              )}
              {reading && tabId !== null && (state.status === 'ok' || state.status === 'not-ehr' || state.status === 'no-data') && (
                <ReadFrom tabId={tabId} client={reading} refreshKey={state} />
              )}
            </>
          )}
        </main>
        {result && (
          <footer class="popup__footer">
            <button type="button" class="button button--small" onClick={rescan}>
              {t('rescan')}
            </button>
            <span class="popup__frames">
              {t('framesRead', state?.frames ?? 0)} · {t('dataVersion', [result.dataVersion.asOf, result.dataVersion.version])}
            </span>
            <button type="button" class="button button--link" onClick={() => void client.openOptions()}>
              {t('openOptions')}
            </button>
          </footer>
        )}
        <div class={message?.kind === 'undo' ? 'toast' : 'sr-only'} role="status" aria-live="polite">
          {message?.kind === 'status' || message?.kind === 'undo' ? message.text : ''}
          {message?.kind === 'undo' && (
            <button
              type="button"
              class="button button--small toast__undo"
              ref={undoButton}
              onClick={() => {
                const { undo } = message;
                setMessage(null);
                undo();
              }}
            >
              {t('undo')}
            </button>
          )}
        </div>
      </div>
    </LockInfoContext.Provider>
  );
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
