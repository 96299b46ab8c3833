// Driving the built extension in real browsers: shared by the end-to-end tests (test/e2e/*.test.ts),
// `npm start` (scripts/start.mjs) and the typing benchmark (bench/extension.bench.mjs).
// Plain JS so the scripts can import it without a TypeScript step; types are in harness.d.mts.
//
// Recipes and pitfalls: ../../../shared/reference/toolchain.md §3 (Chromium) and §5 (Firefox).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export { DEMO_ROOT, startDemoServer } from '../../scripts/demo-server.mjs';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM_PATH = process.env.TCG_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.TCG_FIREFOX ?? '/usr/bin/firefox-esr';
/** browser_specific_settings.gecko.id of the Firefox build (manifest/firefox.json). */
export const GECKO_ID = 'therapy-claim-guard@example.org';
/** Fixed moz-extension:// host, so the popup URL is known before the add-on is installed. */
export const FIREFOX_UUID = '6b1f7c2e-3d4a-4e5f-9a8b-0c1d2e3f4a5b';

/** The demo pages (demo/), by what they show. */
export const DEMO_PAGES = {
  index: '/',
  encounter: '/openemr/interface/main/tabs/main-12.html',
  clean: '/openemr/interface/main/tabs/main-14.html',
  clinicalNotes: '/openemr/interface/main/tabs/main-15.html',
  spa: '/spa/?patient=okafor',
  claims: '/openemr/interface/billing/billing_report.html',
};

/** Flags for every Chromium we start: the network is closed here, and we may be root. */
export function chromiumArgs(extensionDir) {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
  ];
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  return args;
}

/** Throw a clear error when a browser binary is missing (never skip: CI must run everything). */
export function requireBrowser(path, name) {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    const setup = name === 'firefox-esr' ? 'scripts/setup.sh --test' : 'scripts/setup.sh';
    throw new Error(`${name} not found at ${path}: run ${setup} (or set ${name === 'firefox-esr' ? 'TCG_FIREFOX' : 'TCG_CHROMIUM'})`);
  }
}

/**
 * Build the demo flavour (127.0.0.1 host permission; Firefox exposes popup.html to that origin)
 * into `outdir`. Every caller gets its own directory, so parallel test files never race on dist/.
 */
export function buildDemoExtension(outdir = mkdtempSync(join(tmpdir(), 'tcg-build-'))) {
  // Local iteration: TCG_E2E_BUILD=<dir> reuses a demo build already in <dir> (never set in CI).
  const prebuilt = process.env.TCG_E2E_BUILD;
  if (prebuilt && process.env.CI !== 'true') {
    rmSync(outdir, { recursive: true, force: true });
    return { outdir: prebuilt, chrome: join(prebuilt, 'chrome-demo'), firefox: join(prebuilt, 'firefox-demo'), reused: true };
  }
  const run = spawnSync(process.execPath, ['build.mjs', '--flavour', 'demo', '--extension-only', '--quiet', '--outdir', outdir], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    rmSync(outdir, { recursive: true, force: true });
    throw new Error(`node build.mjs --flavour demo failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  }
  const chrome = join(outdir, 'chrome-demo');
  const firefox = join(outdir, 'firefox-demo');
  for (const dir of [chrome, firefox]) {
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`the build did not write ${dir}/manifest.json`);
  }
  return { outdir, chrome, firefox, reused: false };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Poll `probe` until it returns a truthy value (errors count as "not yet"); throw with `what` on timeout. */
export async function waitFor(probe, { timeout = 15_000, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${detail})`);
    }
    await sleep(interval);
  }
}

// ---- Chromium (playwright-core) ---------------------------------------------------------------

/**
 * Chromium with the extension loaded, on a fresh temp profile. `netLog` also records every
 * request the whole browser makes (Chromium's NetLog), read back by `netLogRequests()` after close.
 */
export async function launchChromium({
  extensionDir,
  headless = true,
  netLog = false,
  viewport = { width: 1280, height: 800 },
  deviceScaleFactor,
  handleSignals = true,
}) {
  requireBrowser(CHROMIUM_PATH, 'chromium');
  const { chromium } = await import('playwright-core');
  const profileDir = mkdtempSync(join(tmpdir(), 'tcg-chromium-'));
  const netLogFile = join(profileDir, 'netlog.json');
  const args = chromiumArgs(extensionDir);
  if (netLog) args.push(`--log-net-log=${netLogFile}`, '--net-log-capture-mode=Default');
  let context;
  try {
    const options = { executablePath: CHROMIUM_PATH, headless, args, viewport };
    if (deviceScaleFactor) options.deviceScaleFactor = deviceScaleFactor;
    // Playwright kills the browser and exits on Ctrl-C by default; a caller that cleans up itself opts out.
    if (!handleSignals) Object.assign(options, { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    context = await chromium.launchPersistentContext(profileDir, options);
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
  const session = new ChromiumExtension(context, profileDir, netLog ? netLogFile : null);
  if (extensionDir) {
    try {
      await session.ready();
    } catch (error) {
      await session.close();
      throw error;
    }
  }
  return session;
}

export class ChromiumExtension {
  constructor(context, profileDir, netLogFile) {
    this.context = context;
    this.profileDir = profileDir;
    this.netLogFile = netLogFile;
    this.extensionId = '';
    this.closed = false;
  }

  /** The extension's worker; the same Playwright object survives a stop/start of the worker. */
  async worker(timeout = 15_000) {
    const [existing] = this.context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
    return existing ?? this.context.waitForEvent('serviceworker', { timeout });
  }

  /** Wait for the worker and for it to register the content script for the demo origin. */
  async ready() {
    const worker = await this.worker(30_000);
    this.extensionId = new URL(worker.url()).host;
    // The worker registers content.js for the granted origins at start-up (src/background/activate.ts);
    // a page opened before that would not get it until a toolbar click.
    await waitFor(
      () => this.evalWorker(() => chrome.scripting.getRegisteredContentScripts().then((s) => s.some((c) => c.matches?.some((m) => m.startsWith('http://127.0.0.1'))))),
      { timeout: 20_000, what: 'the content script registration for http://127.0.0.1/*' },
    );
  }

  /** Evaluate in the worker; retried while a stopped worker is starting again. */
  async evalWorker(fn, arg) {
    let lastError;
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const worker = await this.worker();
        return await worker.evaluate(fn, arg);
      } catch (error) {
        lastError = error;
        await sleep(150);
      }
    }
    throw lastError;
  }

  /** The browser's tab id of a page, found by URL (the demo flavour may see 127.0.0.1 URLs). */
  async tabIdOf(page) {
    const url = page.url();
    const id = await waitFor(() => this.evalWorker((u) => chrome.tabs.query({}).then((tabs) => tabs.find((t) => t.url === u)?.id), url), {
      timeout: 10_000,
      what: `the tab of ${url}`,
    });
    return id;
  }

  badge(tabId) {
    return this.evalWorker((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  }

  /** Wait until the tab's badge satisfies `accept` (default: any count). */
  waitForBadge(tabId, accept = (text) => /^\d+\+?$/.test(text), timeout = 20_000) {
    return waitFor(async () => {
      const text = await this.badge(tabId);
      return accept(text) ? { text } : null;
    }, { timeout, what: `the badge of tab ${tabId}` }).then((r) => r.text);
  }

  popupUrl(tabId) {
    // ?tabId= is ignored by a popup that asks tabs.query; kept so a popup that supports it is targeted too.
    return `chrome-extension://${this.extensionId}/popup.html?tabId=${tabId}`;
  }

  /**
   * The popup for `page`'s tab, rendered in a tab of its own. The popup asks
   * tabs.query({active, currentWindow}) for its tab, so it is created by the worker as an
   * *inactive* tab in the EHR tab's window while the EHR tab is in front.
   */
  async openPopup(page, { width = 420, height = 800 } = {}) {
    await page.bringToFront();
    const tabId = await this.tabIdOf(page);
    const url = this.popupUrl(tabId);
    const [popup] = await Promise.all([
      this.context.waitForEvent('page', { predicate: (p) => p.url().startsWith(`chrome-extension://${this.extensionId}/popup.html`), timeout: 15_000 }),
      this.evalWorker(
        async ({ tabId: id, url: popupUrl }) => {
          const tab = await chrome.tabs.get(id);
          await chrome.tabs.create({ url: popupUrl, windowId: tab.windowId, active: false });
        },
        { tabId, url },
      ),
    ]);
    await popup.setViewportSize({ width, height });
    await waitForPopupRendered(popup);
    return { popup, tabId };
  }

  /**
   * Stop the extension's service worker the way Chrome does when it is idle: CDP
   * `ServiceWorker.stopWorker` from any page's session (a page session sees the profile's
   * registrations, the extension's included). Resolves once the worker reports "stopped".
   */
  async stopWorker(page) {
    const cdp = await this.context.newCDPSession(page);
    try {
      const versions = new Map();
      let stopped;
      const isStopped = new Promise((resolve) => (stopped = resolve));
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
        for (const v of updated) {
          if (!v.scriptURL.startsWith(`chrome-extension://${this.extensionId}/`)) continue;
          versions.set(v.versionId, v);
          if (v.runningStatus === 'stopped') stopped(v);
        }
      });
      await cdp.send('ServiceWorker.enable');
      const running = await waitFor(() => [...versions.values()].find((v) => v.runningStatus === 'running'), {
        timeout: 10_000,
        what: 'the running extension worker version',
      });
      await cdp.send('ServiceWorker.stopWorker', { versionId: running.versionId });
      await Promise.race([isStopped, sleep(10_000).then(() => Promise.reject(new Error('the worker did not stop')))]);
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  /**
   * Every URL request in Chromium's NetLog (read after close): the URL, the origin that started it
   * ("not an origin" for the browser's own services) and the network isolation key (the top-level
   * site of the frame or worker it belongs to).
   */
  netLogRequests() {
    if (!this.netLogFile || !existsSync(this.netLogFile)) return [];
    let log;
    try {
      log = JSON.parse(readFileSync(this.netLogFile, 'utf8'));
    } catch (error) {
      throw new Error(`unreadable NetLog ${this.netLogFile}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const startJob = log.constants?.logEventTypes?.URL_REQUEST_START_JOB;
    return (log.events ?? [])
      .filter((e) => e.type === startJob && typeof e.params?.url === 'string')
      .map((e) => ({
        url: e.params.url,
        method: e.params.method ?? '',
        initiator: e.params.initiator ?? '',
        isolationKey: e.params.network_isolation_key ?? '',
      }));
  }

  async close({ keepProfile = false } = {}) {
    if (this.closed) return;
    this.closed = true;
    await this.context.close().catch(() => undefined);
    if (!keepProfile) this.removeProfile();
  }

  removeProfile() {
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}

/** The popup finished its first load: a findings or a status heading is shown, nothing busy. */
export async function waitForPopupRendered(popup, timeout = 15_000) {
  await popup.waitForFunction(
    () => document.querySelector('#findings-heading, #status-heading') !== null && document.querySelector('[aria-busy="true"]') === null,
    undefined,
    { timeout },
  );
}

/** Expand every collapsed rule row of the popup (or side panel), so each instance is in the DOM. */
export function expandAllRows(popup) {
  return popup.evaluate(() => {
    for (const toggle of document.querySelectorAll('[data-row-toggle][aria-expanded="false"]')) toggle.click();
  });
}

/**
 * What the popup lists, read from its DOM: one entry per finding (an instance of a rule row), in
 * order, with its severity and its rule's title. Rows are expanded first (they start collapsed).
 */
export async function readPopupFindings(popup) {
  await expandAllRows(popup);
  await popup.waitForFunction(() => document.querySelector('[data-row-toggle][aria-expanded="false"]') === null);
  return popup.evaluate(() =>
    Array.from(document.querySelectorAll('[data-finding-key]')).map((instance) => ({
      severity: instance.getAttribute('data-severity') ?? '',
      title: instance.closest('[data-rule]')?.querySelector('.row__title')?.textContent?.trim() ?? '',
      message: instance.querySelector('.finding__message')?.textContent?.trim() ?? '',
      // The quote shows the whole sentence with the evidence itself in a <mark>.
      evidence: instance.querySelector('.finding__evidence mark')?.textContent ?? null,
    })),
  );
}

/** The worker's answer to `ui:get-tab-state` (src/shared/messages.ts), asked from an extension page. */
export function tabState(extensionPage, tabId) {
  return extensionPage.evaluate((id) => {
    const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
    return api.runtime.sendMessage({ type: 'ui:get-tab-state', tabId: id });
  }, tabId);
}

/** Rule ids with their evidence quotes, sorted: a browser-independent fingerprint of a result. */
export function findingFingerprint(state) {
  return (state?.result?.findings ?? []).map((f) => `${f.ruleId}|${f.evidence?.text ?? ''}|${f.line ?? ''}`).sort();
}

/** The DOM of a document as the EHR built it: our overlay host removed, form values included. */
export function ehrDomSnapshot(frame, ownTag = 'tcg-overlay') {
  return frame.evaluate((tag) => {
    const clone = document.documentElement.cloneNode(true);
    for (const own of clone.querySelectorAll(tag)) own.remove();
    const values = Array.from(document.querySelectorAll('input, textarea, select'), (el) => `${el.name}=${el.value}`);
    return `${clone.outerHTML}\n${values.join('\n')}`;
  }, ownTag);
}

// ---- Firefox (puppeteer-core over WebDriver BiDi) ---------------------------------------------

/** Firefox ESR with the add-on installed as a temporary add-on; fixed moz-extension UUID. */
export async function launchFirefox({ extensionDir, headless = true }) {
  requireBrowser(FIREFOX_PATH, 'firefox-esr');
  const { default: puppeteer } = await import('puppeteer-core');
  const before = new Set(listFirefoxProfiles());
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      // No network here: keep Firefox from phoning home while the test runs.
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'extensions.update.enabled': false,
      'browser.safebrowsing.downloads.remote.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  const profiles = listFirefoxProfiles().filter((p) => !before.has(p));
  const close = async () => {
    await browser.close().catch(() => undefined);
    // puppeteer removes its profile on close; a crash can leave firefox-profile* dirs behind.
    for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const id = await browser.installExtension(extensionDir);
    if (id !== GECKO_ID) throw new Error(`installed add-on id ${id}, expected ${GECKO_ID}`);
  } catch (error) {
    await close();
    throw error;
  }
  return { browser, close, origin: `moz-extension://${FIREFOX_UUID}` };
}

function listFirefoxProfiles() {
  const dir = tmpdir();
  try {
    return readdirSync(dir)
      .filter((name) => name.startsWith('puppeteer_dev_firefox_profile') || name.startsWith('firefox-profile'))
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}
