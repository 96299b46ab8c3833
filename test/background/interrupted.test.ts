// An analysis cut short by the worker stopping (MV3 stops idle workers; a reload or a crash can stop
// one mid-run) is re-run by the next worker, at its start or before it answers the popup, so the
// popup never says "not an EHR page" for an EHR page. One that stops the worker every time is given
// up on after MAX_RERUNS and shown as an error, not re-run forever.
import { describe, expect, it } from 'vitest';
import { createBackground, INTERRUPTED, registerListeners, type Background } from '../../src/background/service';
import { MAX_RERUNS, tabKey, type TabRecord } from '../../src/background/state';
import { parseTabState, type TabState } from '../../src/ui/tab-state';
import type { Snapshot } from '../../src/shared/snapshot';
import { contentSender, FakeBrowser, popupSender } from './fake-browser';
import { createFakeEngine, type FakeEngine } from './fake-engine';
import { snapshot } from './snapshots';

const relaxed: Snapshot = snapshot({ notes: [{ id: 'b1', label: 'Plan', text: 'Massage for relaxation.' }], lines: [{ code: '97124', units: 2 }], top: true });
const edited: Snapshot = snapshot({ notes: [{ id: 'b1', label: 'Plan', text: 'Massage for hypertonicity.' }], lines: [{ code: '97124', units: 2 }], top: true });

/** A worker on `browser`. A long delay stands for a worker stopped before its debounced run. */
function worker(browser: FakeBrowser, engine: FakeEngine = createFakeEngine(), analyzeDelayMs = 0): Background {
  // The previous worker is gone: its listeners with it.
  browser.runtime.onMessage.listeners.length = 0;
  const bg = createBackground({ platform: browser, engine, analyzeDelayMs, now: () => 1_700_000_000_000 });
  registerListeners(browser, bg);
  return bg;
}

function ehrTab(): FakeBrowser {
  const browser = new FakeBrowser();
  browser.addTab({ id: 1, url: 'https://ehr.example.org/visit', frames: new Map([[0, () => undefined]]) });
  return browser;
}

async function report(browser: FakeBrowser, page: Snapshot): Promise<void> {
  await browser.send({ type: 'cs:snapshot', snapshot: page }, contentSender(1, 0, 'https://ehr.example.org', 'doc-1'));
}

async function popupState(browser: FakeBrowser): Promise<TabState> {
  const state = parseTabState(await browser.send({ type: 'ui:get-tab-state', tabId: 1 }, popupSender()));
  if (!state) throw new Error('not a TabState');
  return state;
}

async function stored(browser: FakeBrowser): Promise<TabRecord> {
  return browser.sessionArea.data.get(tabKey(1)) as TabRecord;
}

describe('worker: an interrupted analysis is run again', () => {
  it('the popup that wakes a new worker gets the result, not "not an EHR page"', async () => {
    const browser = ehrTab();
    const first = worker(browser, createFakeEngine(), 60_000);
    await report(browser, relaxed);
    expect((await stored(browser)).pendingSince).toBeDefined();
    first.analyzer.cancel(1); // the worker stops: its timer dies with it

    const engine = createFakeEngine();
    worker(browser, engine);
    const state = await popupState(browser);
    expect(state.status).toBe('ok');
    expect(state.result?.findings.map((f) => f.ruleId)).toContain('relaxation-only');
    expect(engine.calls).toHaveLength(1);
    expect((await stored(browser)).pendingSince).toBeUndefined();
    expect(browser.badges.get(1)?.text).not.toBe('');
  });

  it('a new worker re-runs it at start, before anyone asks', async () => {
    const browser = ehrTab();
    worker(browser, createFakeEngine(), 60_000).analyzer.cancel(1);
    await report(browser, relaxed);
    const engine = createFakeEngine();
    const second = worker(browser, engine);
    await second.start();
    expect(engine.calls).toHaveLength(1);
    expect((await stored(browser)).result?.result.findings.map((f) => f.ruleId)).toContain('relaxation-only');
  });

  it('replaces a stale result: the note changed, then the worker stopped before re-checking', async () => {
    const browser = ehrTab();
    const first = worker(browser);
    await report(browser, relaxed);
    await first.analyzer.schedule(1);
    expect((await popupState(browser)).result?.findings.map((f) => f.ruleId)).toContain('relaxation-only');

    const slow = worker(browser, createFakeEngine(), 60_000);
    await report(browser, edited);
    slow.analyzer.cancel(1);
    expect((await stored(browser)).result?.result.findings.map((f) => f.ruleId)).toContain('relaxation-only'); // stale

    worker(browser);
    const state = await popupState(browser);
    expect(state.result?.findings.map((f) => f.ruleId)).not.toContain('relaxation-only');
  });

  it('a change whose run is only due (not interrupted) is waited for, and not counted as a re-run', async () => {
    const browser = ehrTab();
    const engine = createFakeEngine();
    worker(browser, engine, 50);
    await report(browser, relaxed);
    const state = await popupState(browser);
    expect(state.status).toBe('ok');
    expect(engine.calls).toHaveLength(1);
    expect((await stored(browser)).reruns).toBeUndefined();
  });

  it(`gives up after ${MAX_RERUNS} interrupted re-runs and says so, instead of stopping the worker forever`, async () => {
    const browser = ehrTab();
    worker(browser, createFakeEngine(), 60_000).analyzer.cancel(1);
    await report(browser, relaxed);
    // Two workers each started the re-run and were stopped in it (the re-run count was stored first).
    const record = await stored(browser);
    browser.sessionArea.data.set(tabKey(1), { ...record, reruns: MAX_RERUNS });

    const engine = createFakeEngine();
    worker(browser, engine);
    const state = await popupState(browser);
    expect(engine.calls).toHaveLength(0);
    expect(state.status).toBe('error');
    expect(state.error).toBe(INTERRUPTED);
    expect((await stored(browser)).pendingSince).toBeUndefined();

    // Rescan: the frame reports again and the page is checked as usual.
    await report(browser, relaxed);
    expect((await popupState(browser)).status).toBe('ok');
  });

  it('counts each re-run before it starts, and a re-run that finishes clears the count', async () => {
    const browser = ehrTab();
    worker(browser, createFakeEngine(), 60_000).analyzer.cancel(1);
    await report(browser, relaxed);
    const counts: Array<number | undefined> = [];
    const engine = createFakeEngine();
    const check = engine.check.bind(engine);
    // What the store holds while the engine runs: what a worker stopped right now would leave.
    engine.check = (visit, options) => {
      counts.push((browser.sessionArea.data.get(tabKey(1)) as TabRecord).reruns);
      return check(visit, options);
    };
    worker(browser, engine);
    await popupState(browser);
    expect(counts).toEqual([1]);
    expect((await stored(browser)).reruns).toBeUndefined();
  });
});
