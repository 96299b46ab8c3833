// End to end in real Chromium (Debian's /usr/bin/chromium, headless, playwright-core): the demo
// build of the extension (--load-extension) against the demo EHR pages served on 127.0.0.1.
// One browser for the whole file; the tests run in order and share it.
//
// How the popup is targeted: it asks tabs.query({active, currentWindow}) for its tab, so the
// harness makes the worker open popup.html as an *inactive* tab in the EHR tab's window while
// the EHR tab is in front (ChromiumExtension.openPopup).
// How the worker is stopped: CDP ServiceWorker.stopWorker from a page session
// (ChromiumExtension.stopWorker); chrome://serviceworker-internals is not needed.
import { rmSync } from 'node:fs';
import type { Frame, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDemoExtension,
  CHROMIUM_PATH,
  DEMO_PAGES,
  ehrDomSnapshot,
  findingFingerprint,
  launchChromium,
  expandAllRows,
  readPopupFindings,
  requireBrowser,
  startDemoServer,
  tabState,
  waitFor,
  waitForPopupRendered,
  type ChromiumExtension,
  type DemoServer,
  type TabStateReply,
} from './harness.mjs';

const TEST_TIMEOUT = 90_000;

/** What the demo encounter (demo/openemr: main-12.html, SOAP and fee sheet of encounter 12) is written to trigger. */
const ENCOUNTER_RULES = [
  'comfort-wording', // "relaxation", "stress relief", "feels good"
  'maintenance-language', // "for maintenance"
  'objective-findings', // no spasm, ROM, pain score…
  'units-minutes', // 3 units of 97124 for 20 minutes
  'standalone-massage', // only 97124 + 97140, no active therapy
  'ptp-modifier', // 97124 + 97140 without 59
  'discipline-modifier', // 97124 without GP
  'assistant-modifier', // signed by a PTA, no CQ
];

interface RecordedRequest {
  url: string;
  /** worker: the extension's service worker; extension: one of its pages; web: an EHR page or frame. */
  from: 'worker' | 'extension' | 'web';
  frameUrl: string;
}

let build: ReturnType<typeof buildDemoExtension> | undefined;
let server: DemoServer;
let ext: ChromiumExtension;
const requests: RecordedRequest[] = [];
const failedExtensionLoads: string[] = [];

function classify(request: Request): RecordedRequest {
  if (request.serviceWorker()) return { url: request.url(), from: 'worker', frameUrl: request.serviceWorker()?.url() ?? '' };
  let frameUrl = '';
  try {
    frameUrl = request.frame().url();
  } catch {
    // a request without a frame (should not happen outside workers)
  }
  const pageUrl = (() => {
    try {
      return request.frame().page().url();
    } catch {
      return frameUrl;
    }
  })();
  // An extension page asks for its own files before its frame has committed a URL ('' or
  // about:blank): that is the extension page loading, not a web page.
  const uncommitted = pageUrl === '' || pageUrl === 'about:blank';
  const extensionPage = pageUrl.startsWith('chrome-extension://') || (uncommitted && request.url().startsWith('chrome-extension://'));
  return { url: request.url(), from: extensionPage ? 'extension' : 'web', frameUrl };
}

function ruleIds(state: TabStateReply): string[] {
  return [...new Set((state.result?.findings ?? []).map((f) => f.ruleId))].sort();
}

function evidenceOf(state: TabStateReply, ruleId: string): string[] {
  return (state.result?.findings ?? []).filter((f) => f.ruleId === ruleId).map((f) => f.evidence?.text ?? '');
}

/** Poll the worker (through an extension page) until the tab's state passes `accept`. */
function waitForState(extensionPage: Page, tabId: number, accept: (s: TabStateReply) => boolean, what: string): Promise<TabStateReply> {
  return waitFor(
    async () => {
      const state = await tabState(extensionPage, tabId);
      return accept(state) ? state : null;
    },
    { timeout: 20_000, interval: 200, what },
  );
}

function frameNamed(page: Page, name: string): Frame {
  const frame = page.frame({ name });
  if (!frame) throw new Error(`no frame named ${name} in ${page.url()}`);
  return frame;
}

/** Every frame of the page whose document we serve (about:blank frames hold nothing of ours). */
function ehrFrames(page: Page): Frame[] {
  return page.frames().filter((f) => f.url().startsWith(server.origin));
}

async function openDemo(path: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`${server.origin}${path}`);
  // The OpenEMR shell builds its frames from script: wait for them to load.
  await page.waitForLoadState('load');
  return page;
}

beforeAll(async () => {
  // A missing browser fails here with the setup command to run (never a skip: CI runs everything).
  requireBrowser(CHROMIUM_PATH, 'chromium');
  build = buildDemoExtension();
  server = await startDemoServer();
  ext = await launchChromium({ extensionDir: build.chrome, netLog: true });
  ext.context.on('request', (request) => requests.push(classify(request)));
  ext.context.on('requestfailed', (request) => {
    const record = classify(request);
    if (record.from !== 'web') failedExtensionLoads.push(`${request.url()} (${request.failure()?.errorText ?? 'failed'})`);
  });
  ext.context.on('response', (response) => {
    const record = classify(response.request());
    if (record.from !== 'web' && response.status() >= 400) failedExtensionLoads.push(`${response.url()} (HTTP ${response.status()})`);
  });
}, 180_000);

afterAll(async () => {
  await ext?.close();
  await server?.close();
  if (build && !build.reused) rmSync(build.outdir, { recursive: true, force: true });
});

describe('the OpenEMR encounter (main.php → encounter_top.php: Summary, SOAP and Fee Sheet tabs in sibling iframes)', () => {
  let page: Page;
  let popup: Page;
  let tabId: number;

  it('shows the badge count and lists every finding in the popup', async () => {
    page = await openDemo(DEMO_PAGES.encounter);
    expect(frameNamed(page, 'enctabs-2').url()).toContain('/forms/soap/');
    expect(frameNamed(page, 'enctabs-1001').url()).toContain('/forms/fee_sheet/');
    ({ popup, tabId } = await ext.openPopup(page));
    const badge = await ext.waitForBadge(tabId);

    const state = await waitForState(popup, tabId, (s) => s.status === 'ok' && (s.result?.findings.length ?? 0) === Number(badge), 'the result the badge counts');
    // The note (SOAP frame) and the claim (fee sheet frame) were merged into one visit.
    expect(state.frames).toBeGreaterThanOrEqual(2);
    expect(state.result?.units.billed).toEqual({ '97124': 3, '97140': 1 });
    expect(ruleIds(state)).toEqual(expect.arrayContaining(ENCOUNTER_RULES));
    expect(evidenceOf(state, 'comfort-wording')).toEqual(expect.arrayContaining(['relaxation', 'stress relief', 'feels good']));
    expect(evidenceOf(state, 'maintenance-language')).toEqual(['for maintenance']);

    // The popup shows exactly what the worker holds: title, severity and evidence quote of each.
    await popup.reload();
    await waitForPopupRendered(popup);
    const shown = await readPopupFindings(popup);
    const key = (f: { severity: string; title: string; evidence?: string | null }) => `${f.severity}|${f.title}|${f.evidence ?? ''}`;
    expect(shown.map(key).sort()).toEqual(
      (state.result?.findings ?? []).map((f) => key({ severity: f.severity, title: f.title, evidence: f.evidence?.text })).sort(),
    );
    expect(shown.length).toBe(Number(badge));
    expect(shown.some((f) => f.evidence === 'relaxation')).toBe(true);
    // "Read from": the SOAP text shows in the hidden Summary tab too; it was read once.
    expect(await popup.getByText(/read once, from the copy on screen/).count()).toBe(1);
    expect(await popup.getByText('No claim lines found on this page: only the note was checked.').count()).toBe(0);
  }, TEST_TIMEOUT);

  it('"Show in note" marks the evidence in the SOAP frame and leaves the EHR DOM unchanged', async () => {
    const frames = ehrFrames(page);
    const before = await Promise.all(frames.map((f) => ehrDomSnapshot(f)));
    const card = popup.locator('article.finding').filter({ has: popup.locator('blockquote mark', { hasText: /^relaxation$/ }) });
    await card.getByRole('button', { name: /show in note/i }).click();

    const soap = frameNamed(page, 'enctabs-2');
    // The evidence is in a textarea value, which a Range cannot address: an overlay host (closed
    // shadow root) is the one element the content script may add.
    await waitFor(() => soap.evaluate(() => document.querySelectorAll('tcg-overlay').length === 1), { what: 'the highlight overlay in the SOAP frame' });
    for (const frame of frames) {
      if (frame === soap) continue;
      expect(await frame.evaluate(() => document.querySelectorAll('tcg-overlay').length + CSS.highlights.size)).toBe(0);
    }
    expect(await popup.locator('[role="alert"]').count()).toBe(0);
    const after = await Promise.all(frames.map((f) => ehrDomSnapshot(f)));
    expect(after).toEqual(before);
  }, TEST_TIMEOUT);

  it('updates the flags after the note is edited', async () => {
    await page.bringToFront();
    const assessment = frameNamed(page, 'enctabs-2').locator('textarea[name="assessment"]');
    await assessment.click();
    await assessment.press('Control+A');
    await assessment.pressSequentially('Progressing toward goal of sitting 60 min at work; pt requests pampering.', { delay: 5 });

    const state = await waitForState(
      popup,
      tabId,
      (s) => !ruleIds(s).includes('maintenance-language') && evidenceOf(s, 'comfort-wording').includes('pampering'),
      'the edited note to be re-checked',
    );
    await ext.waitForBadge(tabId, (text) => text === String(state.result?.findings.length));
    await popup.reload();
    await waitForPopupRendered(popup);
    const shown = await readPopupFindings(popup);
    expect(shown.some((f) => f.evidence === 'pampering')).toBe(true);
    expect(shown.some((f) => f.evidence === 'for maintenance')).toBe(false);
  }, TEST_TIMEOUT);

  it('keeps the results when the service worker is stopped (storage.session)', async () => {
    const before = await tabState(popup, tabId);
    const badgeBefore = await ext.badge(tabId);
    // A mark in the worker's global scope: a restarted worker starts without it.
    await ext.evalWorker(() => {
      (globalThis as { tcgE2eMark?: string }).tcgE2eMark = 'before-stop';
    });
    await ext.stopWorker(page);

    // The popup's ui:get-tab-state wakes a fresh worker, which answers from storage.session.
    await popup.reload();
    await waitForPopupRendered(popup);
    expect(await ext.evalWorker(() => (globalThis as { tcgE2eMark?: string }).tcgE2eMark ?? 'fresh worker')).toBe('fresh worker');
    const after = await tabState(popup, tabId);
    expect(after.status).toBe('ok');
    expect(findingFingerprint(after)).toEqual(findingFingerprint(before));
    expect(await ext.badge(tabId)).toBe(badgeBefore);
    expect((await readPopupFindings(popup)).length).toBe(before.result?.findings.length);
    await popup.close();
    await page.close();
  }, TEST_TIMEOUT);
});

describe('the single-page EHR (contenteditable note, re-renders without navigation)', () => {
  it('re-checks when another patient is opened in place', async () => {
    const page = await openDemo(DEMO_PAGES.spa);
    const { popup, tabId } = await ext.openPopup(page);
    await ext.waitForBadge(tabId);
    const okafor = await waitForState(popup, tabId, (s) => s.status === 'ok', 'the first patient');
    expect(okafor.result?.profile.id).toBe('medicare'); // "Payer: Medicare Part B" read from the page
    expect(ruleIds(okafor)).toEqual(expect.arrayContaining(['assistant-modifier', 'time-totals']));

    // Show in note on text in the editor: a DOM Range, painted with the CSS Custom Highlight API.
    await popup.reload();
    await waitForPopupRendered(popup);
    const before = await ehrDomSnapshot(page.mainFrame());
    await expandAllRows(popup);
    const withEvidence = popup.locator('article.finding').filter({ has: popup.locator('blockquote') }).first();
    await withEvidence.getByRole('button', { name: /show in note/i }).click();
    // The highlight's registry name is random per page load (src/content/highlight.ts): any one will do.
    await waitFor(() => page.evaluate(() => CSS.highlights.size > 0), { what: 'a CSS highlight in the SPA' });
    expect(await ehrDomSnapshot(page.mainFrame())).toBe(before);

    // Switch patients: pushState + re-render, the document stays the same.
    await page.bringToFront();
    await page.evaluate(() => {
      (window as { tcgSameDocument?: boolean }).tcgSameDocument = true;
    });
    await page.click('button[data-patient="lindqvist"]');
    const lindqvist = await waitForState(popup, tabId, (s) => ruleIds(s).includes('standalone-massage') && !ruleIds(s).includes('assistant-modifier'), 'the second patient');
    expect(lindqvist.result?.profile.id).toBe('uhc');
    expect(await page.evaluate(() => (window as { tcgSameDocument?: boolean }).tcgSameDocument)).toBe(true);

    // The clean visit: no finding, so no badge.
    await page.click('button[data-patient="haddad"]');
    await waitForState(popup, tabId, (s) => s.status === 'ok' && s.result?.findings.length === 0, 'the clean patient');
    await ext.waitForBadge(tabId, (text) => text === '');
    await popup.reload();
    await waitForPopupRendered(popup);
    expect(await readPopupFindings(popup)).toEqual([]);
    await popup.close();
    await page.close();
  }, TEST_TIMEOUT);
});

describe('the Billing Manager (billing_report.php: every listed encounter, no tick needed)', () => {
  it('checks each encounter with its own payer, and "Show in page" marks a claim line\'s row', async () => {
    const page = await openDemo(DEMO_PAGES.claims);
    const { popup, tabId } = await ext.openPopup(page);
    await ext.waitForBadge(tabId);
    const state = await waitForState(popup, tabId, (s) => s.status === 'ok', 'the claim list');
    const messages = (state.result?.findings ?? []).map((f) => f.message);
    for (const n of [1, 2, 3]) expect(messages.some((m) => m.startsWith(`Encounter ${n} of 3`))).toBe(true);
    expect(state.result?.profile.id).toBe('aetna'); // the first encounter's payer, "primary: Aetna Choice POS II"
    expect(ruleIds(state)).toEqual(expect.arrayContaining(['ptp-modifier', 'discipline-modifier', 'massage-units']));
    // Nothing was ticked: the page is exactly as served.
    expect(await page.evaluate(() => document.querySelectorAll('input[type=checkbox]:checked').length)).toBe(0);

    await popup.reload();
    await waitForPopupRendered(popup);
    await expandAllRows(popup);
    const card = popup.locator('article.finding').filter({ hasText: 'No GP/GO on 97124' }).first();
    await card.getByRole('button', { name: 'Show in page' }).click();
    await waitFor(() => page.evaluate(() => CSS.highlights.size > 0), { what: 'the claim line marked in the Billing Manager' });
    const marked = await page.evaluate(() => {
      const highlight = [...CSS.highlights.values()][0];
      const range = highlight ? ([...highlight][0] as Range | undefined) : undefined;
      return range?.toString() ?? '';
    });
    expect(marked).toContain('97124');
    expect(await popup.locator('[role="alert"]').count()).toBe(0);
    await popup.close();
    await page.close();
  }, TEST_TIMEOUT);
});

describe('the clean OpenEMR encounters', () => {
  for (const [name, path] of [
    ['SOAP in the hidden Summary, billed Fee Sheet in front', DEMO_PAGES.clean],
    ['Clinical Notes form and Fee Sheet', DEMO_PAGES.clinicalNotes],
  ] as const) {
    it(`${name}: no findings and no badge`, async () => {
      const page = await openDemo(path);
      const { popup, tabId } = await ext.openPopup(page);
      const state = await waitForState(popup, tabId, (s) => s.status === 'ok' && s.frames >= 2, 'the clean visit to be checked');
      expect(state.result?.findings).toEqual([]);
      expect(state.result?.units.billed).toEqual({ '97124': 1, '97110': 2 });
      expect(await ext.badge(tabId)).toBe('');
      await popup.reload();
      await waitForPopupRendered(popup);
      expect(await readPopupFindings(popup)).toEqual([]);
      await popup.close();
      await page.close();
    }, TEST_TIMEOUT);
  }
});

describe('privacy: the extension never touches the network', () => {
  // Runs last: it closes the browser to read Chromium's NetLog.
  it('makes no request beyond its own chrome-extension:// files, and pages only reach the demo server', async () => {
    const extensionOrigin = `chrome-extension://${ext.extensionId}/`;
    // The recorder sees the worker's requests: a probe fetch of one of its own files shows up.
    await ext.evalWorker(() => fetch(chrome.runtime.getURL('manifest.json')).then((r) => r.status));
    await waitFor(() => requests.some((r) => r.from === 'worker' && r.url === `${extensionOrigin}manifest.json`), { what: 'the probe request' });
    const fromExtension = requests.filter((r) => r.from !== 'web');
    expect(fromExtension.some((r) => r.from === 'extension' && r.url.startsWith(`${extensionOrigin}popup`))).toBe(true);
    expect(fromExtension.filter((r) => !r.url.startsWith(extensionOrigin))).toEqual([]);
    // Requests in EHR frames include anything a content script fetches: only the demo pages.
    const offDemo = requests.filter((r) => r.from === 'web' && !r.url.startsWith(`${server.origin}/`) && !/^(about|data|blob):/.test(r.url));
    expect(offDemo).toEqual([]);
    // Every file the extension's pages ask for exists in the build.
    expect(failedExtensionLoads).toEqual([]);
    // The demo server saw only page loads it could answer.
    expect(server.requests.filter((r) => r.method !== 'GET' || (r.status !== 200 && r.status !== 204))).toEqual([]);

    // The whole browser (every process, every context), from Chromium's own NetLog: nothing
    // initiated by the extension (chrome-extension://<id>: worker, pages), and nothing initiated
    // by the EHR pages, where the content script runs, to anything but the demo server. Requests
    // of Chromium's own services (update checks, autofill, spelling) have the initiator "not an
    // origin": the browser's, not ours, and they fail here anyway (no network).
    await ext.close({ keepProfile: true });
    try {
      const logged = ext.netLogRequests();
      expect(logged.some((r) => r.url.startsWith(`${server.origin}/`))).toBe(true);
      expect(logged.filter((r) => r.initiator.startsWith(`chrome-extension://${ext.extensionId}`))).toEqual([]);
      const fromPages = logged.filter((r) => r.initiator.startsWith('http://127.0.0.1'));
      expect(fromPages.length).toBeGreaterThan(0);
      expect(fromPages.filter((r) => !r.url.startsWith(`${server.origin}/`))).toEqual([]);
    } finally {
      ext.removeProfile();
    }
  }, TEST_TIMEOUT);
});
