// Visit history in the worker (src/background/history-hook.ts), on the fake browser with the real
// engine: a copied-forward note of the same patient is flagged, a re-check of the same visit is not
// a new visit, "forget this patient" and "forget all" clear it, the policy turns it off, and neither
// the identifier nor any word of the note reaches storage.local or the popup's state.
import { describe, expect, it } from 'vitest';
import { check, DATA_VERSION, listAllRules, listProfiles } from '../../src/engine';
import { words } from '../../src/engine/history';
import { createBackground, registerListeners } from '../../src/background/service';
import { acrossVisits, tabPatient } from '../../src/background/history-hook';
import { HISTORY_PATIENT_PREFIX, HISTORY_SALT_KEY } from '../../src/background/history-store';
import { emptyTabRecord } from '../../src/background/state';
import { HistoryStateSchema } from '../../src/shared/across';
import type { Snapshot } from '../../src/shared/snapshot';
import { parseTabState, type TabState } from '../../src/ui/tab-state';
import { contentSender, FakeBrowser } from './fake-browser';
import { popupSender } from './fake-browser';
import { UiToBackground } from '../../src/shared/messages';
import { snapshot } from './snapshots';
import { soapNote } from '../history/notes';

const MRN = '0042137';
const ORIGIN = 'https://ehr.example.org';

function visitPage(date: string, note: string, mrn: string | null = MRN): Snapshot {
  const facts: Record<string, string> = { 'Date of service': date, Payer: 'Acme Commercial' };
  if (mrn !== null) facts.MRN = mrn;
  return snapshot({ notes: [{ id: 'e1', label: 'Note', text: note }], lines: [{ code: '97124', modifiers: ['GP'], units: 2 }, { code: '97110', modifiers: ['GP'], units: 1 }], facts, top: true });
}

function setup(managed: Record<string, unknown> = {}) {
  const browser = new FakeBrowser();
  for (const [k, v] of Object.entries(managed)) browser.managedArea.data.set(k, v);
  let clock = Date.UTC(2026, 10, 30);
  const bg = createBackground({ platform: browser, engine: { check, listProfiles, listAllRules, dataVersion: DATA_VERSION }, analyzeDelayMs: 0, now: () => clock });
  registerListeners(browser, bg);
  let doc = 0;
  return {
    browser,
    bg,
    tick: (ms: number) => (clock += ms),
    /** Tab `tabId` shows a new document (a new visit) with this page. */
    async open(tabId: number, page: Snapshot, sameDocument = false) {
      if (!browser.tabsById.has(tabId)) browser.addTab({ id: tabId, url: `${ORIGIN}/chart`, frames: new Map([[0, () => undefined]]) });
      if (!sameDocument) doc += 1;
      await browser.send({ type: 'cs:snapshot', snapshot: page }, contentSender(tabId, 0, ORIGIN, `doc-${doc}`));
      await bg.analyzer.schedule(tabId);
    },
    async ui(message: unknown) {
      return browser.send(message, popupSender());
    },
    async state(tabId: number): Promise<TabState> {
      const parsed = parseTabState(await browser.send({ type: 'ui:get-tab-state', tabId }, popupSender()));
      if (!parsed) throw new Error('not a TabState');
      return parsed;
    },
    patientKeys: () => [...browser.localArea.data.keys()].filter((k) => k.startsWith(HISTORY_PATIENT_PREFIX)),
    storedVisits: () => [...browser.localArea.data].filter(([k]) => k.startsWith(HISTORY_PATIENT_PREFIX)).map(([, v]) => (v as { r: unknown[] }).r.length),
  };
}

const first = soapNote({ pain: 6, rotation: 40 });
const copied = soapNote({ pain: 6, rotation: 40 });
const rules = (state: TabState) => state.result?.findings.map((f) => f.ruleId) ?? [];

describe('visit history in the worker', () => {
  it('flags the copied-forward note of the same patient and shows the trend, keeping no identifier and no word', async () => {
    const h = setup();
    await h.open(1, visitPage('11/18/2026', first));
    expect(rules(await h.state(1))).not.toContain('cloned-note');
    await h.open(1, visitPage('11/20/2026', copied));
    const state = await h.state(1);
    expect(rules(state)).toContain('cloned-note');
    expect(state.findingKeys).toHaveLength(state.result!.findings.length);
    expect(state.across?.visits.map((v) => [v.date, v.units, v.current])).toEqual([
      ['2026-11-18', 2, false],
      ['2026-11-20', 2, true],
    ]);
    expect(state.across?.measures.map((m) => m.kind).sort()).toEqual(['pain', 'rom']);
    expect(state.across?.measures.find((m) => m.kind === 'pain')?.values).toEqual([6, 6]);

    // Nothing of the patient or the note in storage.local, nor in what the popup gets.
    const local = JSON.stringify([...h.browser.localArea.data]);
    const popup = JSON.stringify(state.across) + JSON.stringify(state.result);
    expect(local).not.toContain(MRN);
    expect(popup).not.toContain(MRN);
    expect(JSON.stringify(state)).not.toContain(MRN);
    // The engine's own section and measure names are written for every note whatever it says.
    const noteWords = new Set(words(first).filter((w) => w.length >= 5 && !/^\d+$/.test(w) && !/^(subjective|objective|treatment|assessment|plan)$/.test(w)));
    expect(noteWords.size).toBeGreaterThan(30);
    for (const w of noteWords) expect(local.toLowerCase().includes(w), w).toBe(false);
    // The tab's record in the session keeps no visit record (it stays in the worker).
    expect(JSON.stringify([...h.browser.sessionArea.data])).not.toContain('"sections"');
    expect(h.patientKeys()).toHaveLength(1);
    expect(h.browser.localArea.data.has(HISTORY_SALT_KEY)).toBe(true);
  });

  it('a re-check of the same visit (the user typing) replaces its record, never adds a visit', async () => {
    const h = setup();
    await h.open(1, visitPage('11/18/2026', first));
    await h.open(1, visitPage('11/20/2026', copied));
    expect(h.storedVisits()).toEqual([2]);
    for (const extra of [' Pt', ' Pt tolerated', ' Pt tolerated well.']) {
      await h.open(1, visitPage('11/20/2026', copied + extra), true);
      expect(h.storedVisits()).toEqual([2]);
      expect(rules(await h.state(1))).toContain('cloned-note');
    }
    expect((await h.state(1)).across?.visits).toHaveLength(2);
  });

  it('a note written afresh is not flagged; another patient is a separate history', async () => {
    const h = setup();
    await h.open(1, visitPage('11/18/2026', first));
    await h.open(1, visitPage('11/20/2026', soapNote({ pain: 3, rotation: 62, reports: 'Reversing out of the driveway no longer hurts, only a pull at the end of the turn after a long drive to the coast', assessment: 'Spasm has settled and rotation is nearly functional; next visits shift to strengthening and a home program so that treatment can taper off.' })));
    expect(rules(await h.state(1))).not.toContain('cloned-note');
    await h.open(2, visitPage('11/20/2026', copied, '0099881'));
    expect(rules(await h.state(2))).not.toContain('cloned-note');
    expect(h.patientKeys()).toHaveLength(2);
  });

  it('a page without a patient identifier keeps nothing and gets no cross-visit findings', async () => {
    const h = setup();
    await h.open(1, visitPage('11/18/2026', first, null));
    await h.open(1, visitPage('11/20/2026', copied, null));
    const state = await h.state(1);
    expect(rules(state)).not.toContain('cloned-note');
    expect(state.across).toBeUndefined();
    expect(h.patientKeys()).toEqual([]);
  });

  it('"Forget this patient" (tab id only) removes the history and the finding, and the tab remembers nothing more', async () => {
    const h = setup();
    await h.open(1, visitPage('11/18/2026', first));
    await h.open(1, visitPage('11/20/2026', copied));
    expect(rules(await h.state(1))).toContain('cloned-note');
    const reply = parseTabState(await h.ui({ type: 'ui:forget-patient', tabId: 1 }));
    expect(reply && rules(reply)).not.toContain('cloned-note');
    expect(reply?.across).toBeUndefined();
    expect(h.patientKeys()).toEqual([]);
    await h.open(1, visitPage('11/20/2026', copied + ' Edited.'), true);
    expect(h.patientKeys()).toEqual([]);
    // The message carries the tab only; a tab without an identifier is refused.
    expect(Object.keys(UiToBackground.forgetPatient.shape).sort()).toEqual(['tabId', 'type']);
    await h.open(3, visitPage('11/20/2026', copied, null));
    expect(await h.ui({ type: 'ui:forget-patient', tabId: 3 })).toEqual({ ok: false, error: 'no-patient' });
  });

  it('a content script cannot ask to forget', async () => {
    const h = setup();
    await h.open(1, visitPage('11/18/2026', first));
    expect(await h.browser.send({ type: 'ui:forget-history' }, contentSender(1, 0, ORIGIN))).toBeUndefined();
    expect(h.patientKeys()).toHaveLength(1);
  });

  it('"Forget all history" removes every patient and the salt; the options page sees a count, never who', async () => {
    const h = setup();
    await h.open(1, visitPage('11/18/2026', first));
    await h.open(2, visitPage('11/18/2026', first, '0099881'));
    const before = HistoryStateSchema.parse(await h.ui({ type: 'ui:get-history' }));
    expect(before.history).toEqual({ enabled: true, retentionDays: 180, policy: { enabled: false, retentionDays: false }, patients: 2 });
    const salt = h.browser.localArea.data.get(HISTORY_SALT_KEY);
    expect(salt).toMatch(/^[0-9a-f]{32}$/);
    const after = HistoryStateSchema.parse(await h.ui({ type: 'ui:forget-history' }));
    expect(after.history.patients).toBe(0);
    expect(h.patientKeys()).toEqual([]);
    // The salt went with them; the next check makes a new one, so old hashes match nothing.
    expect(h.browser.localArea.data.get(HISTORY_SALT_KEY)).not.toBe(salt);
  });

  it('policy historyEnabled false: no findings, nothing kept, and what was kept is removed', async () => {
    const h = setup();
    await h.open(1, visitPage('11/18/2026', first));
    expect(h.patientKeys()).toHaveLength(1);
    // A policy change reaches the worker as storage.onChanged('managed'); the settings re-resolve.
    h.browser.managedArea.replaceAll({ historyEnabled: false });
    await h.open(1, visitPage('11/20/2026', copied));
    expect(rules(await h.state(1))).not.toContain('cloned-note');
    expect(h.patientKeys()).toEqual([]);
    const state = HistoryStateSchema.parse(await h.ui({ type: 'ui:get-history' }));
    expect(state.history).toMatchObject({ enabled: false, policy: { enabled: true } });
  });

  it('policy retention: older visits are not compared, and the options page shows it locked', async () => {
    const h = setup({ historyRetentionDays: 7 });
    await h.open(1, visitPage('11/18/2026', first));
    h.tick(10 * 86_400_000);
    await h.open(1, visitPage('11/20/2026', copied));
    expect(rules(await h.state(1))).not.toContain('cloned-note');
    expect(HistoryStateSchema.parse(await h.ui({ type: 'ui:get-history' })).history).toMatchObject({ retentionDays: 7, policy: { retentionDays: true } });
  });
});

describe('visit history follows the resolved settings', () => {
  it('a user level for a cross-visit rule applies (the settings model knows the cross-visit rules)', async () => {
    const h = setup();
    await h.browser.syncArea.set({ ruleLevels: { 'cloned-note': 'off' } });
    await h.open(1, visitPage('11/18/2026', first));
    await h.open(1, visitPage('11/20/2026', copied));
    expect(rules(await h.state(1))).not.toContain('cloned-note');
    expect((await h.bg.settings.get()).rejected).toEqual([]);
  });

  it('a policy value the settings model rejects leaves history on, and is listed with the reason', async () => {
    const h = setup({ historyEnabled: 'off', historyRetentionDays: 0 });
    await h.open(1, visitPage('11/18/2026', first));
    await h.open(1, visitPage('11/20/2026', copied));
    expect(rules(await h.state(1))).toContain('cloned-note');
    expect(HistoryStateSchema.parse(await h.ui({ type: 'ui:get-history' })).history).toMatchObject({ enabled: true, retentionDays: 180, policy: { enabled: false, retentionDays: false } });
    const policy = (await h.ui({ type: 'ui:get-policy' })) as { rejectedPolicy: { key: string; reason: string }[] };
    expect(policy.rejectedPolicy.map((r) => r.key)).toEqual(['historyEnabled', 'historyRetentionDays']);
  });

  it('the hook reads no policy of its own: every managed read is the settings store\'s', async () => {
    const h = setup({ historyRetentionDays: 7 });
    const reads: unknown[] = [];
    const get = h.browser.managedArea.get.bind(h.browser.managedArea);
    h.browser.managedArea.get = async (keys) => {
      reads.push(keys ?? null);
      return get(keys);
    };
    h.browser.managedArea.replaceAll({ historyRetentionDays: 7 });
    await h.open(1, visitPage('11/18/2026', first));
    await h.ui({ type: 'ui:get-history' });
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((keys) => keys === null)).toBe(true);
  });
});

describe('history-hook helpers', () => {
  it('tabPatient: the best kind across frames, none when frames disagree, qualified by the site', () => {
    const record = { ...emptyTabRecord(1), origin: ORIGIN };
    const r = (id: string, kind: 'record' | 'url') => ({ patient: { id, kind, via: 'field' as const, confidence: 0.9, reason: '' } }) as never;
    expect(tabPatient(record, [r('url:pid=4', 'url'), r('record:RB-1042', 'record')])).toBe(`${ORIGIN}|record:RB-1042`);
    expect(tabPatient(record, [r('record:1', 'record'), r('record:2', 'record')])).toBeUndefined();
    expect(tabPatient(record, [])).toBeUndefined();
  });

  it('acrossVisits: latest visits, measures recorded most often, nulls where a visit has none', () => {
    const rec = (date: string, units: number, measures: Array<[number, string, number]>) =>
      ({ patient: '', episode: '', date, profile: 'commercial', note: {} as never, sections: [], massage: units > 0, massageUnits: units, measures: measures.map(([key, kind, value]) => ({ key, kind, value, better: 'lower' })), progress: false }) as never;
    const series = [rec('2026-01-01', 2, [[1, 'pain', 7]]), rec('2026-01-08', 2, [[1, 'pain', 6], [2, 'rom', 40]]), rec('2026-01-15', 1, [[1, 'pain', 6], [3, 'rom', 45]])];
    const across = acrossVisits(series, series[2]!);
    expect(across.visits.map((v) => v.current)).toEqual([false, false, true]);
    expect(across.measures[0]).toEqual({ kind: 'pain', n: 1, better: 'lower', values: [7, 6, 6] });
    expect(across.measures.filter((m) => m.kind === 'rom').map((m) => [m.n, m.values])).toEqual([[1, [null, 40, null]], [2, [null, null, 45]]]);
  });
});
