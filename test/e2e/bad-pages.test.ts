// Bad pages in real Chromium (test/fixtures/pages/bad): an enormous table, 50 frames, a page that
// rewrites itself every 100 ms, a half-loaded single-page app. For each: a clear status in the popup,
// no runaway CPU (script time of the page's renderer, CDP Performance metrics, over a quiet window),
// and no stale result shown as current.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadingView } from '../../src/shared/reading';
import {
  buildDemoExtension,
  CHROMIUM_PATH,
  launchChromium,
  REPO,
  requireBrowser,
  sleep,
  startDemoServer,
  tabState,
  waitFor,
  waitForPopupRendered,
  type ChromiumExtension,
  type DemoServer,
} from './harness.mjs';

const TEST_TIMEOUT = 120_000;

let build: ReturnType<typeof buildDemoExtension> | undefined;
let server: DemoServer;
let ext: ChromiumExtension;

beforeAll(async () => {
  requireBrowser(CHROMIUM_PATH, 'chromium');
  build = buildDemoExtension();
  server = await startDemoServer({ root: join(REPO, 'test/fixtures/pages') });
  ext = await launchChromium({ extensionDir: build.chrome });
}, 180_000);

afterAll(async () => {
  await ext?.close();
  await server?.close();
  if (build && !build.reused) rmSync(build.outdir, { recursive: true, force: true });
});

async function open(path: string): Promise<{ page: Page; popup: Page; tabId: number }> {
  const page = await ext.context.newPage();
  await page.goto(`${server.origin}/bad/${path}`, { waitUntil: 'load' });
  const { popup, tabId } = await ext.openPopup(page);
  return { page, popup, tabId };
}

function reading(popup: Page, tabId: number): Promise<ReadingView> {
  return popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'ui:get-reading', tabId: id }), tabId) as Promise<ReadingView>;
}

/** Main-thread script time of the page's renderer (the content script runs there) over `ms`. */
async function scriptMs(page: Page, ms: number): Promise<number> {
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const metric = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
  const before = await metric();
  await sleep(ms);
  const after = await metric();
  await cdp.detach();
  return after - before;
}

/** Distinct messages (reads, stale notices) the worker received from the tab's frames while `ms` pass. */
async function readsDuring(tabId: number, ms: number): Promise<number> {
  const seen = new Set<string>();
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const record = await ext.evalWorker((key: string) => chrome.storage.session.get(key).then((all) => all[key] ?? null), `tab:${tabId}`);
    for (const f of (record as { frames?: { frameId: number; at: number }[] } | null)?.frames ?? []) seen.add(`${f.frameId}@${f.at}`);
    await sleep(200);
  }
  return seen.size;
}

describe('bad pages', () => {
  it('an enormous table (50,000 rows): reads the visit, says the page was only partly read, stays idle', async () => {
    const { page, popup, tabId } = await open('enormous-table.html');
    const state = await waitFor(async () => {
      const s = await tabState(popup, tabId);
      return s.status === 'ok' ? s : null;
    }, { timeout: 30_000, what: 'the visit' });
    expect(state.result?.units.billed).toEqual({ '97124': 1, '97110': 2 });
    const view = await reading(popup, tabId);
    expect(view.status.cut.some((c) => /table rows/.test(c))).toBe(true);
    await popup.reload();
    await waitForPopupRendered(popup);
    expect(await popup.getByText(/This page is very large: only part of it was read/).count()).toBe(1);
    expect(await scriptMs(page, 5000)).toBeLessThan(250);
    await popup.close();
    await page.close();
  }, TEST_TIMEOUT);

  it('50 frames: the note and the charges from two of them, one visit, the popup answers, stays idle', async () => {
    const { page, popup, tabId } = await open('fifty-frames.html');
    await waitFor(() => page.frames().length >= 51, { what: 'the 50 frames' });
    const state = await waitFor(async () => {
      const s = await tabState(popup, tabId);
      return s.status === 'ok' && s.result?.units.billed['97110'] === 2 ? s : null;
    }, { timeout: 30_000, what: 'the visit' });
    expect(state.result?.profile.id).toBe('medicare');
    const started = Date.now();
    const view = await reading(popup, tabId);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(view.visits).toHaveLength(1);
    expect(view.status.frames).toBeGreaterThanOrEqual(50);
    expect(await scriptMs(page, 5000)).toBeLessThan(250);
    await popup.close();
    await page.close();
  }, TEST_TIMEOUT);

  it('a page that rewrites itself every 100 ms: a handful of reads, not one per change, and the result shown as not current', async () => {
    const { page, popup, tabId } = await open('rewriting.html');
    await waitFor(async () => (await tabState(popup, tabId)).status === 'ok', { timeout: 20_000, what: 'the first result' });
    // 120 changes in 12 s, and a handful of messages: the reader backs off (a read after 2, 4, 8,
    // 16 s), each read followed by a "stale" notice, plus the open popup's ping every 5 s.
    expect(await readsDuring(tabId, 12_000)).toBeLessThanOrEqual(10);
    const stale = await waitFor(async () => {
      const view = await reading(popup, tabId);
      return view.status.stale ? view : null;
    }, { timeout: 20_000, what: 'the result marked stale' });
    expect(stale.status.stale).toBe(true);
    // The open popup follows: while the page keeps changing it says the result is not current.
    await popup.reload();
    await waitForPopupRendered(popup);
    await waitFor(async () => (await popup.getByText(/The page kept changing/).count()) === 1, { timeout: 30_000, what: 'the stale notice in the popup' });
    expect(await scriptMs(page, 10_000)).toBeLessThan(1000);
    await popup.close();
    await page.close();
  }, TEST_TIMEOUT);

  it('a half-loaded single-page app: "still loading" until the visit arrives, then the result', async () => {
    const { page, popup, tabId } = await open('half-loaded-spa.html?delay=9000');
    const loading = await waitFor(async () => {
      const view = await reading(popup, tabId);
      return view.status.loading ? view : null;
    }, { timeout: 5000, what: 'the loading status' });
    expect(loading.visits).toEqual([]);
    await popup.reload();
    await waitForPopupRendered(popup);
    await waitFor(async () => (await popup.getByText('The page is still loading: what was read may be incomplete.').count()) === 1, { timeout: 3000, what: 'the loading notice in the popup' });
    const state = await waitFor(async () => {
      const s = await tabState(popup, tabId);
      return s.status === 'ok' ? s : null;
    }, { timeout: 20_000, what: 'the visit after it arrived' });
    expect(state.result?.units.billed).toEqual({ '97124': 1, '97110': 2 });
    expect((await reading(popup, tabId)).status.loading).toBe(false);
    await popup.close();
    await page.close();
  }, TEST_TIMEOUT);

  it('a single-page app that never finishes loading: says so, and stays idle', async () => {
    const { page, popup, tabId } = await open('half-loaded-spa.html?delay=never');
    await waitFor(async () => (await reading(popup, tabId)).status.loading, { timeout: 10_000, what: 'the loading status' });
    expect((await tabState(popup, tabId)).status).toBe('no-data');
    expect(await scriptMs(page, 5000)).toBeLessThan(250);
    await popup.close();
    await page.close();
  }, TEST_TIMEOUT);
});
