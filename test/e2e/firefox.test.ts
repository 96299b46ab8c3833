// End to end in headless Firefox ESR (puppeteer-core 24 over WebDriver BiDi): the demo build
// installed as a temporary add-on must find on the demo encounter exactly what it finds in
// Chromium. Chromium runs first (same build, same page) to give the reference.
//
// Reading the popup (toolchain.md §5 pitfall): BiDi refuses to navigate to moz-extension://, so the
// demo build lists popup.html in web_accessible_resources for http://127.0.0.1/*; a second tab
// opens a demo page and sets location.href to the popup. The EHR tab is brought to front first,
// because the popup asks tabs.query({active, currentWindow}) for the tab it describes.
import { rmSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDemoExtension,
  CHROMIUM_PATH,
  FIREFOX_PATH,
  DEMO_PAGES,
  findingFingerprint,
  launchChromium,
  launchFirefox,
  readPopupFindings,
  requireBrowser,
  startDemoServer,
  tabState,
  waitFor,
  type DemoServer,
  type TabStateReply,
} from './harness.mjs';

// Firefox's promise-based namespace, as seen inside the popup document (chrome.* has the same shape).
declare const browser: typeof chrome;

const TEST_TIMEOUT = 90_000;

let build: ReturnType<typeof buildDemoExtension> | undefined;
let server: DemoServer;
let firefox: Awaited<ReturnType<typeof launchFirefox>> | undefined;
let chromiumState: TabStateReply;

/** The demo encounter in Chromium: the reference result (rule ids, evidence, claim lines). */
async function chromiumReference(extensionDir: string): Promise<TabStateReply> {
  const ext = await launchChromium({ extensionDir });
  try {
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}${DEMO_PAGES.encounter}`);
    const { popup, tabId } = await ext.openPopup(page);
    await ext.waitForBadge(tabId);
    return await waitFor(
      async () => {
        const state = await tabState(popup, tabId);
        return state.status === 'ok' && state.frames >= 2 && String(state.result?.findings.length) === (await ext.badge(tabId)) ? state : null;
      },
      { timeout: 20_000, what: 'the Chromium result' },
    );
  } finally {
    await ext.close();
  }
}

beforeAll(async () => {
  // A missing browser fails here with the setup command to run (never a skip: CI runs everything).
  requireBrowser(FIREFOX_PATH, 'firefox-esr');
  requireBrowser(CHROMIUM_PATH, 'chromium');
  build = buildDemoExtension();
  server = await startDemoServer();
  chromiumState = await chromiumReference(build.chrome);
  firefox = await launchFirefox({ extensionDir: build.firefox });
}, 240_000);

afterAll(async () => {
  await firefox?.close();
  await server?.close();
  if (build && !build.reused) rmSync(build.outdir, { recursive: true, force: true });
});

describe('Firefox: the demo encounter', () => {
  let ehr: Page;
  let popup: Page;
  let tabId: number;
  let state: TabStateReply;

  const reloadPopup = async (): Promise<void> => {
    // The old document is marked, so the wait below sees only the new one.
    await popup.evaluate(() => {
      (window as { tcgBeforeReload?: boolean }).tcgBeforeReload = true;
      location.reload();
    });
    // Polled one evaluate at a time (see policy-firefox.test.ts `rendered`): a waitForFunction
    // started during the reload stays bound to the old document under WebDriver BiDi.
    await waitFor(
      () =>
        popup.evaluate(
          () =>
          !('tcgBeforeReload' in window) &&
          document.readyState === 'complete' &&
          document.querySelector('#findings-heading, #status-heading') !== null &&
          document.querySelector('[aria-busy="true"]') === null,
        ),
      { timeout: 15_000, what: 'the popup rendered' },
    );
  };

  it('finds the same problems as Chromium', async () => {
    if (!firefox) throw new Error('Firefox did not start');
    const pages = await firefox.browser.pages();
    ehr = pages[0] ?? (await firefox.browser.newPage());
    await ehr.goto(`${server.origin}${DEMO_PAGES.encounter}`, { waitUntil: 'load' });
    await waitFor(() => ehr.frames().some((f) => f.url().includes('/forms/fee_sheet/')), { what: 'the fee sheet frame' });

    popup = await firefox.browser.newPage();
    await popup.goto(`${server.origin}${DEMO_PAGES.index}`);
    await ehr.bringToFront();
    // Puppeteer keeps reporting the old URL afterwards; evaluation runs in the popup document.
    await popup.evaluate((url) => {
      location.href = url;
    }, `${firefox.origin}/popup.html`);
    await waitFor(() => popup.evaluate(() => location.protocol === 'moz-extension:' && document.readyState === 'complete'), {
      what: 'the popup document',
    });

    tabId = await waitFor(
      () =>
        popup.evaluate((path) => browser.tabs.query({}).then((tabs) => tabs.find((t) => t.url?.endsWith(path))?.id), DEMO_PAGES.encounter),
      { what: 'the EHR tab id' },
    );
    state = await waitFor(
      async () => {
        const current = await tabState(popup, tabId);
        const badge = await popup.evaluate((id) => browser.action.getBadgeText({ tabId: id }), tabId);
        return current.status === 'ok' && current.frames >= 2 && badge === String(current.result?.findings.length) ? current : null;
      },
      { timeout: 30_000, interval: 250, what: 'the Firefox result and badge' },
    );
    expect(state.result?.units.billed).toEqual(chromiumState.result?.units.billed);
    expect(state.result?.profile.id).toBe(chromiumState.result?.profile.id);
    expect(findingFingerprint(state)).toEqual(findingFingerprint(chromiumState));
    expect(findingFingerprint(state).length).toBeGreaterThan(0);
  }, TEST_TIMEOUT);

  it('shows them in the popup', async () => {
    await reloadPopup();
    const shown = await readPopupFindings(popup);
    const key = (f: { severity: string; title: string; evidence?: string | null }) => `${f.severity}|${f.title}|${f.evidence ?? ''}`;
    expect(shown.map(key).sort()).toEqual(
      (state.result?.findings ?? []).map((f) => key({ severity: f.severity, title: f.title, evidence: f.evidence?.text })).sort(),
    );
  }, TEST_TIMEOUT);

  it('"Show in note" marks the evidence in the SOAP frame', async () => {
    const clicked = await popup.evaluate(() => {
      const card = Array.from(document.querySelectorAll('article.finding')).find((a) => a.querySelector('blockquote mark')?.textContent === 'relaxation');
      const button = Array.from(card?.querySelectorAll('button') ?? []).find((b) => /show in note/i.test(b.textContent ?? ''));
      button?.click();
      return button !== undefined;
    });
    expect(clicked).toBe(true);
    const soap = ehr.frames().find((f) => f.url().includes('/forms/soap/'));
    if (!soap) throw new Error('no SOAP frame');
    await waitFor(() => soap.evaluate(() => document.querySelectorAll('tcg-overlay').length === 1), { what: 'the overlay in the SOAP frame' });
    expect(await popup.evaluate(() => document.querySelectorAll('[role="alert"]').length)).toBe(0);
  }, TEST_TIMEOUT);
});
