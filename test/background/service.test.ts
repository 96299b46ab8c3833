import { describe, expect, it } from 'vitest';
import { createBackground, registerListeners, type Background } from '../../src/background/service';
import { AUDIT_KEY } from '../../src/background/dismissals';
import { tabKey, type TabRecord } from '../../src/background/state';
import { CONTENT_SCRIPT_ID } from '../../src/background/activate';
import { parseTabState, type TabState } from '../../src/ui/tab-state';
import { parsePolicyState } from '../../src/ui/policy-state';
import type { Snapshot } from '../../src/shared/snapshot';
import { contentSender, FakeBrowser, popupSender, type FrameReceiver } from './fake-browser';
import { createFakeEngine, type FakeEngine } from './fake-engine';
import { snapshot } from './snapshots';

const NOTE = 'Pt reports neck pain. Massage for relaxation only. Patient name Alice Example.';
const noteFrame: Snapshot = snapshot({ notes: [{ id: 'e7', label: 'Assessment', text: NOTE }], facts: { Provider: 'Jane Doe, PT' } });
const feeFrame: Snapshot = snapshot({ lines: [{ code: '97124', units: 2 }], facts: { Payer: 'Acme Commercial' } });

interface Harness {
  browser: FakeBrowser;
  engine: FakeEngine;
  bg: Background;
  /** Send a content message as frame `frameId` of tab `tabId` and wait for the analysis. */
  report(tabId: number, frameId: number, snapshot: Snapshot | null, documentId?: string): Promise<void>;
  ui(message: unknown): Promise<unknown>;
  state(tabId: number): Promise<TabState>;
}

function harness(browser = new FakeBrowser(), engine = createFakeEngine()): Harness {
  const bg = createBackground({ platform: browser, engine, analyzeDelayMs: 0, now: () => 1_700_000_000_000 });
  registerListeners(browser, bg);
  const h: Harness = {
    browser,
    engine,
    bg,
    async report(tabId, frameId, snapshot, documentId) {
      const message = snapshot ? { type: 'cs:snapshot', snapshot } : { type: 'cs:empty' };
      await browser.send(message, contentSender(tabId, frameId, 'https://ehr.example.org', documentId));
      await bg.analyzer.schedule(tabId);
    },
    ui: (message) => browser.send(message, popupSender()),
    async state(tabId) {
      const reply = await h.ui({ type: 'ui:get-tab-state', tabId });
      const parsed = parseTabState(reply);
      if (!parsed) throw new Error(`not a TabState: ${JSON.stringify(reply)}`);
      return parsed;
    },
  };
  return h;
}

function withEhrTab(h: Harness, tabId = 1): void {
  // Frames 0 (top), 3 (note iframe), 5 (fee sheet iframe), each with a live content script.
  h.browser.addTab({ id: tabId, url: 'https://ehr.example.org/interface/main.php', frames: new Map([[0, () => undefined], [3, () => undefined], [5, () => undefined]]) });
}

describe('worker: an open popup does not make the frames report over and over', () => {
  it('pings the tab\'s frames for the popup at most every 5 s (each ping is a report and a store write)', async () => {
    let clock = 1_700_000_000_000;
    const browser = new FakeBrowser();
    const bg = createBackground({ platform: browser, engine: createFakeEngine(), analyzeDelayMs: 0, now: () => clock });
    registerListeners(browser, bg);
    browser.addTab({ id: 1, url: 'https://ehr.example.org/interface/main.php', frames: new Map([[0, () => undefined], [3, () => undefined]]) });
    await browser.send({ type: 'cs:snapshot', snapshot: noteFrame }, contentSender(1, 3, 'https://ehr.example.org', 'doc-3'));
    const pings = () => browser.sent.filter((m) => (m.message as { type: string }).type === 'bg:request-snapshot').length;
    for (let i = 0; i < 10; i++) await browser.send({ type: 'ui:get-tab-state', tabId: 1 }, popupSender());
    await new Promise((resolve) => setTimeout(resolve, 0));
    const first = pings();
    expect(first).toBeGreaterThan(0);
    clock += 5000;
    await browser.send({ type: 'ui:get-tab-state', tabId: 1 }, popupSender());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pings()).toBe(2 * first);
  });
});

describe('worker: frames → engine → badge → popup', () => {
  it('merges the frames of a tab, runs the engine and sets the badge', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3');
    await h.report(1, 5, feeFrame, 'doc-5');

    const visit = h.engine.calls.at(-1)?.visit;
    expect(visit?.note).toEqual([{ id: '3|e7', label: 'Assessment', text: NOTE }]);
    expect(visit?.lines).toEqual([{ code: '97124', units: 2 }]);
    expect(visit?.payer).toBe('Acme Commercial');
    expect(visit?.provider).toEqual({ name: 'Jane Doe', credentials: ['PT'] });
    // error (relaxation) + warning (no GP) + info (units): 3 open, worst is error → red.
    expect(h.browser.badges.get(1)).toEqual({ text: '3', color: '#B3261E', textColor: '#FFFFFF', title: 'Therapy Claim Guard: 1 errors, 1 warnings, 1 info — payer profile: commercial' });
  });

  it('answers the popup with a TabState the popup accepts', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3');
    await h.report(1, 5, feeFrame, 'doc-5');
    const state = await h.state(1);
    expect(state.status).toBe('ok');
    expect(state.origin).toBe('https://ehr.example.org');
    expect(state.result?.findings.map((f) => f.ruleId)).toEqual(['relaxation-only', 'missing-gp', 'units-note']);
    expect(state.findingKeys).toHaveLength(3);
    expect(new Set(state.findingKeys).size).toBe(3);
    expect(state.rules['missing-gp']).toEqual({ title: 'Therapy line without GP modifier', rationale: 'Why missing-gp matters.', howToFix: 'How to fix missing-gp.' });
    expect(state.profiles.map((p) => p.id)).toEqual(['commercial', 'medicare', 'aetna']);
    expect(state.frames).toBe(2);
    // The popup opened over a tab whose frames already report: no injection needed.
    expect(h.browser.executed).toHaveLength(0);
  });

  it('keeps finding keys stable while the note is edited elsewhere', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3');
    const before = (await h.state(1)).findingKeys;
    await h.report(1, 3, snapshot({ notes: [{ id: 'e7', label: 'Assessment', text: `Added a sentence first. ${NOTE}` }], facts: { Provider: 'Jane Doe, PT' } }), 'doc-3');
    expect((await h.state(1)).findingKeys).toEqual(before);
  });

  it('picks the profile: tab override, else payer on the page, else the default', async () => {
    const h = harness();
    withEhrTab(h);
    await h.browser.syncArea.set({ defaultProfile: 'aetna' });
    await h.report(1, 3, noteFrame, 'doc-3');
    expect(h.engine.calls.at(-1)?.options).toMatchObject({ defaultProfile: 'aetna' });
    expect(h.engine.calls.at(-1)?.options.profile).toBeUndefined();

    const state = parseTabState(await h.ui({ type: 'ui:set-profile', tabId: 1, profile: 'medicare' }));
    expect(state?.profileOverride).toBe('medicare');
    expect(h.engine.calls.at(-1)?.options.profile).toBe('medicare');
    expect(state?.result?.profile.id).toBe('medicare');

    await expect(h.ui({ type: 'ui:set-profile', tabId: 1, profile: 'no-such' })).resolves.toEqual({ ok: false, error: 'unknown-profile' });
    await h.ui({ type: 'ui:set-profile', tabId: 1, profile: null });
    expect(h.engine.calls.at(-1)?.options.profile).toBeUndefined();
  });

  it('refuses a profile switch the organisation locked', async () => {
    const h = harness();
    withEhrTab(h);
    h.browser.managedArea.replaceAll({ defaultProfile: 'medicare' });
    await h.report(1, 3, noteFrame, 'doc-3');
    await expect(h.ui({ type: 'ui:set-profile', tabId: 1, profile: 'aetna' })).resolves.toEqual({ ok: false, error: 'locked' });
    expect((await h.state(1)).locked).toContain('profile');
  });
});

describe('worker: dismissals and the audit log', () => {
  it('dismisses a finding for the visit, updates the badge and logs only rule, time and category', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3');
    await h.report(1, 5, feeFrame, 'doc-5');
    const before = await h.state(1);
    const index = before.result?.findings.findIndex((f) => f.ruleId === 'relaxation-only') ?? -1;
    const key = before.findingKeys[index] ?? '';

    // A reason with free text (an older popup's) keeps only its category, in the session too.
    const reason = 'documented-elsewhere: Alice Example said relaxation helps her sleep';
    const after = parseTabState(await h.ui({ type: 'ui:dismiss', tabId: 1, findingKey: key, ruleId: 'relaxation-only', reason }));
    expect(after?.dismissed).toEqual([{ findingKey: key, ruleId: 'relaxation-only', reason: 'documented-elsewhere', at: 1_700_000_000_000 }]);
    // Two open findings left; the worst is now the warning → amber.
    expect(h.browser.badges.get(1)).toMatchObject({ text: '2', color: '#E8A100' });

    const hash = key.slice('relaxation-only:'.length);
    expect(hash).toMatch(/^[0-9a-f]{10,}$/);
    expect(h.browser.localArea.data.get(AUDIT_KEY)).toEqual([{ ruleId: 'relaxation-only', hash, reason: 'documented-elsewhere', at: 1_700_000_000_000 }]);
    expect(await h.ui({ type: 'ui:get-audit' })).toEqual({ entries: [{ ruleId: 'relaxation-only', hash, reason: 'documented-elsewhere', at: 1_700_000_000_000 }] });
    const stored = JSON.stringify([...h.browser.localArea.data.values(), ...h.browser.sessionArea.data.values()].map((v) => (v as TabRecord).dismissals ?? v));
    expect(stored).not.toMatch(/Alice|sleep|relaxation helps/);

    const undone = parseTabState(await h.ui({ type: 'ui:undismiss', tabId: 1, findingKey: key }));
    expect(undone?.dismissed).toEqual([]);
    expect(h.browser.badges.get(1)?.text).toBe('3');
    // Undone: the finding is open again, and the log no longer lists it.
    expect(h.browser.localArea.data.get(AUDIT_KEY)).toEqual([]);
  });

  it('refuses dismissals when the policy locks them ("dismissals" in lockedSettings)', async () => {
    const browser = new FakeBrowser();
    browser.managedArea.replaceAll({ lockedSettings: ['dismissals'], lockReason: 'Compliance reviews every flag.', lockContact: 'compliance@example.org' });
    const h = harness(browser);
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3');
    const state = await h.state(1);
    expect(state.locked).toContain('dismissals');
    expect(state.lockInfo).toEqual({ reason: 'Compliance reviews every flag.', contact: 'compliance@example.org', reasons: {} });
    await expect(h.ui({ type: 'ui:dismiss', tabId: 1, findingKey: state.findingKeys[0], ruleId: 'relaxation-only', reason: 'other' })).resolves.toEqual({ ok: false, error: 'locked' });
    expect(h.browser.localArea.data.get(AUDIT_KEY)).toBeUndefined();
  });

  it('refuses a dismissal for a finding that is not there or a mismatched rule', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3');
    const key = (await h.state(1)).findingKeys[0] ?? '';
    await expect(h.ui({ type: 'ui:dismiss', tabId: 1, findingKey: 'nope', ruleId: 'relaxation-only', reason: 'other' })).resolves.toEqual({ ok: false, error: 'unknown-finding' });
    await expect(h.ui({ type: 'ui:dismiss', tabId: 1, findingKey: key, ruleId: 'missing-gp', reason: 'other' })).resolves.toEqual({ ok: false, error: 'unknown-finding' });
    await expect(h.ui({ type: 'ui:dismiss', tabId: 99, findingKey: key, ruleId: 'relaxation-only', reason: 'other' })).resolves.toEqual({ ok: false, error: 'unknown-finding' });
    expect(h.browser.localArea.data.has(AUDIT_KEY)).toBe(false);
  });

  it('forgets dismissals when the top frame loads a new document (new visit)', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 0, noteFrame, 'top-1');
    const key = (await h.state(1)).findingKeys[0] ?? '';
    await h.ui({ type: 'ui:dismiss', tabId: 1, findingKey: key, ruleId: 'relaxation-only', reason: 'not-applicable' });
    await h.report(1, 0, noteFrame, 'top-2');
    const state = await h.state(1);
    expect(state.dismissed).toEqual([]);
    expect(h.browser.sent).toContainEqual({ tabId: 1, message: { type: 'bg:request-snapshot' } });
  });

  it('forgets dismissals when a content frame loads a new document (OpenEMR patient switch)', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3a');
    await h.report(1, 5, feeFrame, 'doc-5');
    const key = (await h.state(1)).findingKeys[0] ?? '';
    await h.ui({ type: 'ui:dismiss', tabId: 1, findingKey: key, ruleId: 'relaxation-only', reason: 'other' });
    await h.report(1, 3, noteFrame, 'doc-3b');
    const state = await h.state(1);
    expect(state.dismissed).toEqual([]);
    expect(state.frames).toBe(2);
  });
});

describe('worker: lifetime of tab state', () => {
  it('survives the worker being stopped: a new worker answers from storage.session', async () => {
    const browser = new FakeBrowser();
    const first = harness(browser);
    withEhrTab(first);
    await first.report(1, 3, noteFrame, 'doc-3');
    const before = await first.state(1);

    browser.runtime.onMessage.listeners.length = 0;
    const second = harness(browser, createFakeEngine());
    const after = await second.state(1);
    expect(after.result).toEqual(before.result);
    expect(after.findingKeys).toEqual(before.findingKeys);
    expect(second.engine.calls).toHaveLength(0);
  });

  it('clears the tab when it closes', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3');
    h.browser.closeTab(1);
    await h.bg.store.read(1);
    expect(h.browser.sessionArea.data.has(tabKey(1))).toBe(false);
  });

  it('starts a new visit on top-level navigation and asks live frames to report', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3');
    h.browser.tabs.onUpdated.fire(1, { status: 'loading' }, await h.browser.tabs.get(1));
    const record = await h.bg.store.read(1);
    expect(record?.frames).toEqual([]);
    expect(record?.result).toBeNull();
    expect(record?.epoch).toBe(1);
    expect(h.browser.badges.get(1)?.text).toBe('');
    // Unrelated updates (title, favicon) do nothing.
    await h.report(1, 3, noteFrame, 'doc-3');
    h.browser.tabs.onUpdated.fire(1, { title: 'x' }, await h.browser.tabs.get(1));
    expect((await h.bg.store.read(1))?.frames).toHaveLength(1);
  });

  it('shows "not an EHR page" and no badge when every frame reports nothing', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3');
    await h.report(1, 3, null, 'doc-3');
    await h.report(1, 0, null, 'top');
    expect((await h.state(1)).status).toBe('not-ehr');
    expect(h.browser.badges.get(1)?.text).toBe('');
  });

  it('reports an engine failure as an error state without a badge', async () => {
    const h = harness();
    withEhrTab(h);
    h.engine.throwNext = new Error('profile chain broken');
    await h.report(1, 3, noteFrame, 'doc-3');
    const state = await h.state(1);
    expect(state.status).toBe('error');
    expect(state.error).toBe('Error: profile chain broken');
    expect(h.browser.badges.get(1)?.text).toBe('');
  });

  it('drops frames that no longer answer when the popup opens', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3');
    await h.report(1, 5, feeFrame, 'doc-5');
    h.browser.tabsById.get(1)?.frames.delete(5); // the fee sheet iframe was removed
    await h.ui({ type: 'ui:rescan', tabId: 1 });
    await h.bg.analyzer.schedule(1);
    const record = await h.bg.store.read(1);
    expect(record?.frames.map((f) => f.frameId)).toEqual([3]);
    expect(h.engine.calls.at(-1)?.visit.lines).toEqual([]);
  });
});

describe('worker: activation', () => {
  it('injects into all frames when the popup opens over a page without our script', async () => {
    const h = harness();
    h.browser.addTab({ id: 7, url: 'http://intranet-ehr.local/chart' });
    const state = await h.state(7);
    expect(h.browser.executed).toEqual([{ target: { tabId: 7, allFrames: true }, files: ['content.js'] }]);
    expect(state.status).toBe('no-data');
  });

  it('offers "grant access" on an https page it may not read, and nothing on browser pages', async () => {
    const h = harness();
    h.browser.addTab({ id: 8, url: 'https://ehr.example.org/x', injectable: false });
    h.browser.addTab({ id: 9, url: 'chrome://settings', injectable: false });
    const https = await h.state(8);
    expect(https.status).toBe('not-granted');
    expect(https.origin).toBe('https://ehr.example.org');
    expect((await h.state(9)).status).toBe('restricted');
  });

  it('registers the content script for granted sites and injects into their open tabs', async () => {
    const h = harness();
    h.browser.addTab({ id: 2, url: 'https://ehr.example.org/encounter' });
    h.browser.addTab({ id: 3, url: 'https://news.example.com/' });
    h.browser.grant(['https://ehr.example.org/*']);
    await h.bg.start();
    expect(h.browser.registered).toEqual([
      { id: CONTENT_SCRIPT_ID, js: ['content.js'], matches: ['https://ehr.example.org/*'], allFrames: true, matchOriginAsFallback: true, runAt: 'document_idle' },
    ]);
    expect(h.browser.executed.map((e) => e.target.tabId)).toEqual([2]);

    h.browser.revoke(['https://ehr.example.org/*']);
    await h.bg.start();
    expect(h.browser.registered).toEqual([]);
  });

  it('re-registers from the granted permissions at worker start', async () => {
    const h = harness();
    h.browser.granted.add('https://a.example.org/*');
    h.browser.granted.add('https://b.example.org/*');
    await h.bg.start();
    expect(h.browser.registered[0]?.matches).toEqual(['https://a.example.org/*', 'https://b.example.org/*']);
    expect(h.browser.sessionArea.accessLevel).toBe('TRUSTED_CONTEXTS');
  });
});

describe('worker: show in note, rule levels, policy', () => {
  it('sends the highlight to the frame that holds the evidence, as offsets in its text block', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3');
    const state = await h.state(1);
    const key = state.findingKeys[0] ?? '';
    await expect(h.ui({ type: 'ui:show-in-note', tabId: 1, findingKey: key })).resolves.toEqual({ ok: true });
    const at = NOTE.indexOf('relaxation');
    expect(h.browser.sent.at(-1)).toEqual({ tabId: 1, frameId: 3, message: { type: 'bg:highlight', partId: 'e7', start: at, end: at + 10 } });
    // The highlighter, its flag and tip are loaded into that frame first (the content script does
    // not carry them), then the tip is given the label as data: the rule's title and severity and
    // the finding's key, nothing from the note.
    const injected = h.browser.executed.slice(-2);
    expect(injected[0]).toEqual({ target: { tabId: 1, frameIds: [3] }, files: ['highlight.js', 'tip.js'] });
    expect(injected[1]).toMatchObject({ target: { tabId: 1, frameIds: [3] }, args: [{ findingKey: key, title: 'Relaxation is not a skilled indication', severity: 'error' }] });
    expect(typeof (injected[1] as { func?: unknown }).func).toBe('function');
  });

  it('says the evidence is gone when the frame cannot mark it (text gone, or highlight.js not loaded there)', async () => {
    const h = harness();
    h.browser.addTab({ id: 1, url: 'https://ehr.example.org/interface/main.php', frames: new Map<number, FrameReceiver>([[0, () => undefined], [3, () => Promise.resolve({ ok: false })]]) });
    await h.report(1, 3, noteFrame, 'doc-3');
    const key = (await h.state(1)).findingKeys[0] ?? '';
    await expect(h.ui({ type: 'ui:show-in-note', tabId: 1, findingKey: key })).resolves.toEqual({ ok: false, error: 'no-evidence' });
    h.browser.tabsById.get(1)?.frames.set(3, () => Promise.resolve({ ok: true }));
    await expect(h.ui({ type: 'ui:show-in-note', tabId: 1, findingKey: key })).resolves.toEqual({ ok: true });
  });

  it('clears a highlight left in the tab\'s other frames before drawing the new one', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3');
    await h.report(1, 5, feeFrame, 'doc-5');
    const state = await h.state(1);
    const key = state.findingKeys.find((_, i) => state.result?.findings[i]?.evidence?.part?.startsWith('3|')) ?? '';
    const before = h.browser.sent.length;
    await expect(h.ui({ type: 'ui:show-in-note', tabId: 1, findingKey: key })).resolves.toEqual({ ok: true });
    const sent = h.browser.sent.slice(before);
    expect(sent).toContainEqual({ tabId: 1, frameId: 5, message: { type: 'bg:clear-highlight' } });
    expect(sent.at(-1)).toMatchObject({ tabId: 1, frameId: 3, message: { type: 'bg:highlight' } });
    expect(sent.some((m) => m.frameId === 3 && (m.message as { type: string }).type === 'bg:clear-highlight')).toBe(false);
  });

  it('marks the claim line\'s row for a finding about a line that has no evidence in the note', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 5, feeFrame, 'doc-5');
    const state = await h.state(1);
    const key = state.findingKeys[state.result?.findings.findIndex((f) => f.ruleId === 'missing-gp') ?? -1] ?? '';
    await expect(h.ui({ type: 'ui:show-in-note', tabId: 1, findingKey: key })).resolves.toEqual({ ok: true });
    expect(h.browser.sent.at(-1)).toEqual({ tabId: 1, frameId: 5, message: { type: 'bg:highlight-element', anchor: 'r0' } });
  });

  it('does not highlight when the setting is off, or for findings with neither evidence nor a line', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 5, feeFrame, 'doc-5');
    const state = await h.state(1);
    const key = state.findingKeys[state.result?.findings.findIndex((f) => f.ruleId === 'units-note') ?? -1] ?? '';
    await expect(h.ui({ type: 'ui:show-in-note', tabId: 1, findingKey: key })).resolves.toEqual({ ok: false, error: 'no-evidence' });
    await h.browser.syncArea.set({ highlightEnabled: false });
    await expect(h.ui({ type: 'ui:show-in-note', tabId: 1, findingKey: key })).resolves.toEqual({ ok: false, error: 'highlight-disabled' });
  });

  it('stores a rule level in sync and re-checks open tabs with it', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 5, feeFrame, 'doc-5');
    await expect(h.ui({ type: 'ui:rule-level', ruleId: 'missing-gp', level: 'off' })).resolves.toEqual({ ok: true });
    await h.bg.analyzer.schedule(1);
    expect(h.browser.syncArea.data.get('ruleLevels')).toEqual({ 'missing-gp': 'off' });
    expect(h.engine.calls.at(-1)?.options.ruleLevels).toEqual({ 'missing-gp': 'off' });
    expect((await h.state(1)).result?.findings.map((f) => f.ruleId)).toEqual(['units-note']);
    await expect(h.ui({ type: 'ui:rule-level', ruleId: 'no-such-rule', level: 'off' })).resolves.toEqual({ ok: false, error: 'unknown-rule' });
    // A cross-visit rule takes a level like any other (the history hook passes the levels on) …
    await expect(h.ui({ type: 'ui:rule-level', ruleId: 'cloned-note', level: 'info' })).resolves.toEqual({ ok: true });
    expect(h.browser.syncArea.data.get('ruleLevels')).toEqual({ 'missing-gp': 'off', 'cloned-note': 'info' });
    expect((await h.bg.settings.get()).settings.ruleLevels).toEqual({ 'missing-gp': 'off', 'cloned-note': 'info' });
    // … but is not turned off per payer or site: its findings are not the visit check's.
    await expect(h.ui({ type: 'ui:rule-scope', tabId: 1, ruleId: 'cloned-note', scope: 'site', off: true })).resolves.toEqual({ ok: false, error: 'unknown-rule' });
  });

  it('answers the options page with the policy view, including rejected values', async () => {
    const h = harness();
    h.browser.managedArea.replaceAll({ ruleLevels: { 'missing-gp': 'error', 'bogus-rule': 'off' }, lockedSettings: ['highlightEnabled'] });
    const policy = parsePolicyState(await h.ui({ type: 'ui:get-policy' }));
    expect(policy).toEqual({
      locked: ['highlightEnabled', 'ruleLevels.missing-gp'],
      rejectedPolicy: [{ key: 'ruleLevels.bogus-rule', reason: 'no rule "bogus-rule"' }],
      values: { ruleLevels: { 'missing-gp': 'error' }, highlightEnabled: true },
    });
    await expect(h.ui({ type: 'ui:rule-level', ruleId: 'missing-gp', level: 'off' })).resolves.toEqual({ ok: false, error: 'locked' });
  });
});

describe('worker: privacy', () => {
  it('keeps note text out of storage.local and storage.sync through a whole session', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3');
    await h.report(1, 5, feeFrame, 'doc-5');
    const state = await h.state(1);
    for (const [i, key] of state.findingKeys.entries()) {
      await h.ui({ type: 'ui:dismiss', tabId: 1, findingKey: key, ruleId: state.result?.findings[i]?.ruleId, reason: `other: about ${NOTE}` });
    }
    await h.ui({ type: 'ui:rule-level', ruleId: 'units-note', level: 'warning' });
    const persisted = JSON.stringify([...h.browser.localArea.data.entries(), ...h.browser.syncArea.data.entries()]);
    expect(persisted).not.toContain('Alice');
    expect(persisted).not.toContain('neck pain');
    expect(persisted).not.toContain('Jane Doe');
    // …while the session area does hold the visit (that is what it is for).
    expect((h.browser.sessionArea.data.get(tabKey(1)) as TabRecord).frames).toHaveLength(2);
  });

  it('adds every listener synchronously', () => {
    const browser = new FakeBrowser();
    const bg = createBackground({ platform: browser, engine: createFakeEngine() });
    registerListeners(browser, bg);
    expect(browser.runtime.onMessage.listeners).toHaveLength(1);
    expect(browser.tabs.onRemoved.listeners).toHaveLength(1);
    expect(browser.tabs.onUpdated.listeners).toHaveLength(1);
    expect(browser.permissions.onAdded.listeners).toHaveLength(1);
    expect(browser.permissions.onRemoved.listeners).toHaveLength(1);
    expect(browser.storage.onChanged.listeners).toHaveLength(1);
    expect(browser.runtime.onStartup.listeners).toHaveLength(1);
    expect(browser.runtime.onInstalled.listeners).toHaveLength(1);
  });
});

describe('worker: turn a rule off for this payer or this site', () => {
  it('drops the rule\'s findings for the tab\'s profile, lists it as off here, and turns back on', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3');
    await h.report(1, 5, feeFrame, 'doc-5');
    const off = parseTabState(await h.ui({ type: 'ui:rule-scope', tabId: 1, ruleId: 'missing-gp', scope: 'profile', off: true }));
    expect(off?.result?.findings.map((f) => f.ruleId)).toEqual(['relaxation-only', 'units-note']);
    expect(off?.scopedOff).toEqual([{ ruleId: 'missing-gp', scope: 'profile' }]);
    // The popup can name the rule it lists as off.
    expect(off?.rules['missing-gp']?.title).toBeTruthy();
    expect(h.browser.syncArea.data.get('ruleScopes')).toEqual({ profiles: { commercial: ['missing-gp'] }, sites: {} });
    expect(h.browser.badges.get(1)?.text).toBe('2');

    const on = parseTabState(await h.ui({ type: 'ui:rule-scope', tabId: 1, ruleId: 'missing-gp', scope: 'profile', off: false }));
    expect(on?.result?.findings.map((f) => f.ruleId)).toContain('missing-gp');
    expect(on?.scopedOff).toBeUndefined();
  });

  it('turns a rule off for the tab\'s site only', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 0, noteFrame, 'doc-0');
    const off = parseTabState(await h.ui({ type: 'ui:rule-scope', tabId: 1, ruleId: 'relaxation-only', scope: 'site', off: true }));
    expect(off?.scopedOff).toEqual([{ ruleId: 'relaxation-only', scope: 'site' }]);
    expect(h.browser.syncArea.data.get('ruleScopes')).toEqual({ profiles: {}, sites: { 'https://ehr.example.org': ['relaxation-only'] } });
    expect(off?.result?.findings.some((f) => f.ruleId === 'relaxation-only')).toBe(false);
  });

  it('refuses a rule the policy locks, an unknown rule, and a tab without a site', async () => {
    const browser = new FakeBrowser();
    browser.managedArea.replaceAll({ ruleLevels: { 'missing-gp': 'error' } });
    const h = harness(browser);
    withEhrTab(h);
    await h.report(1, 5, feeFrame, 'doc-5');
    await expect(h.ui({ type: 'ui:rule-scope', tabId: 1, ruleId: 'missing-gp', scope: 'profile', off: true })).resolves.toEqual({ ok: false, error: 'locked' });
    await expect(h.ui({ type: 'ui:rule-scope', tabId: 1, ruleId: 'nope', scope: 'profile', off: true })).resolves.toEqual({ ok: false, error: 'unknown-rule' });
    await expect(h.ui({ type: 'ui:rule-scope', tabId: 42, ruleId: 'units-note', scope: 'site', off: true })).resolves.toEqual({ ok: false, error: 'no-site' });
    expect(h.browser.syncArea.data.get('ruleScopes')).toBeUndefined();
  });
});

describe('worker: "open in Claim Guard" from the page', () => {
  it('remembers the finding for the popup or side panel and opens the side panel', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3');
    const key = (await h.state(1)).findingKeys[0] ?? '';
    await h.browser.send({ type: 'cs:open-finding', findingKey: key }, contentSender(1, 3, 'https://ehr.example.org', 'doc-3'));
    expect((await h.state(1)).focus).toEqual({ findingKey: key, at: 1_700_000_000_000 });
    expect(h.browser.panelOpens).toEqual([{ tabId: 1 }]);
  });

  it('ignores a key the tab does not have, and survives a browser that will not open the panel', async () => {
    const h = harness();
    withEhrTab(h);
    await h.report(1, 3, noteFrame, 'doc-3');
    await h.browser.send({ type: 'cs:open-finding', findingKey: 'forged' }, contentSender(1, 3, 'https://ehr.example.org', 'doc-3'));
    expect((await h.state(1)).focus).toBeUndefined();
    h.browser.panelRefuses = true;
    const key = (await h.state(1)).findingKeys[0] ?? '';
    await h.browser.send({ type: 'cs:open-finding', findingKey: key }, contentSender(1, 3, 'https://ehr.example.org', 'doc-3'));
    expect((await h.state(1)).focus?.findingKey).toBe(key);
    expect(h.browser.panelOpens).toEqual([]);
  });
});
