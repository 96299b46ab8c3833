// `npm start`: build the demo flavour, serve the demo EHR pages on 127.0.0.1 and open Chromium with
// the extension loaded.
//   - With a display (DISPLAY set, not CI): a normal Chromium window on the demo index; runs until
//     Ctrl-C or until the window is closed.
//   - Without one (or CI=true, or --headless): opens every demo page headless, prints what the
//     extension found there (badge + the findings the popup lists), saves a screenshot of the
//     popup on the demo encounter to docs/popup.png, and exits (0 when every page was checked).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CHROMIUM_PATH,
  DEMO_PAGES,
  REPO,
  findingFingerprint,
  launchChromium,
  readPopupFindings,
  requireBrowser,
  startDemoServer,
  tabState,
  waitFor,
  waitForPopupRendered,
} from '../test/e2e/harness.mjs';

const args = new Set(process.argv.slice(2));
const headless = args.has('--headless') || process.env.CI === 'true' || !process.env.DISPLAY;
const EXTENSION_DIR = join(REPO, 'dist', 'chrome-demo');
const SCREENSHOT = join(REPO, 'docs', 'popup.png');

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function build() {
  console.log('building the demo extension (node build.mjs --flavour demo)…');
  const run = spawnSync(process.execPath, ['build.mjs', '--flavour', 'demo', '--quiet'], { cwd: REPO, stdio: 'inherit' });
  if (run.status !== 0) fail('the build failed (see above)');
}

// ---- headed: a window to click around in ------------------------------------------------------

async function runHeaded(server) {
  const ext = await launchChromium({ extensionDir: EXTENSION_DIR, headless: false, viewport: null, handleSignals: false });
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  await page.goto(`${server.origin}${DEMO_PAGES.index}`);
  console.log(`\nChromium is open on ${server.origin}/ with Therapy Claim Guard loaded.`);
  console.log('Open a demo page, then click the extension button (puzzle icon → pin "Therapy Claim Guard").');
  console.log('Ctrl-C here (or close the window) to stop.\n');
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    await ext.close(); // also removes the temp profile
    await server.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  ext.context.on('close', () => void stop(0));
}

// ---- headless: print what the extension found -------------------------------------------------

const SEVERITY_LABEL = { error: 'ERROR  ', warning: 'WARNING', info: 'INFO   ' };

/**
 * Wait until the worker has checked what the tab shows now (status ok, badge matching the count,
 * different from `previous` when given), then read the findings as the popup lists them.
 */
async function inspect(ext, page, popup, tabId, previous) {
  const state = await waitFor(
    async () => {
      const current = await tabState(popup, tabId);
      if (current.status !== 'ok' || !current.result) return null;
      const count = current.result.findings.length;
      const badge = await ext.badge(tabId);
      if (badge !== (count > 0 ? String(count) : '') && !(count > 99 && badge.endsWith('+'))) return null;
      if (previous && findingFingerprint(current).join('\n') === previous.join('\n')) return null;
      return { current, badge };
    },
    { timeout: 20_000, interval: 200, what: `the extension's result for ${page.url()}` },
  );
  // The popup rendered before the result came in: load it again to show the result.
  await popup.reload();
  await waitForPopupRendered(popup);
  return { ...state, shown: await readPopupFindings(popup) };
}

function report(title, url, { current, badge, shown }) {
  const { profile } = current.result;
  const why = profile.matchedBy === 'default' ? 'no payer read on the page' : profile.payerText ? `payer "${profile.payerText}"` : profile.matchedBy;
  console.log(`\n${title}\n  ${url}`);
  console.log(`  badge: ${badge === '' ? '(none)' : badge} · payer profile: ${profile.name}, ${why} · frames read: ${current.frames}`);
  if (shown.length === 0) console.log('  no findings: nothing to fix on this visit');
  for (const finding of shown) {
    const quote = finding.evidence ? `  "${finding.evidence.replace(/\s+/g, ' ').slice(0, 70)}"` : '';
    console.log(`  ${SEVERITY_LABEL[finding.severity] ?? finding.severity} ${finding.title}${quote}`);
  }
}

async function runHeadless(server) {
  const ext = await launchChromium({ extensionDir: EXTENSION_DIR, headless: true, deviceScaleFactor: 2, handleSignals: false });
  // Ctrl-C mid-run: close the browser and remove its temp profile before leaving.
  process.once('SIGINT', () => void Promise.all([ext.close(), server.close()]).then(() => process.exit(130)));
  let failures = 0;
  const attempt = async (title, work) => {
    try {
      await work();
    } catch (error) {
      failures++;
      console.error(`\n${title}\n  FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  try {
    console.log(`\ndemo EHR pages on ${server.origin}/, Chromium headless (${CHROMIUM_PATH}), extension ${ext.extensionId}`);

    await attempt('OpenEMR encounter: note and fee sheet in sibling iframes', async () => {
      const page = await ext.context.newPage();
      await page.goto(`${server.origin}${DEMO_PAGES.encounter}`);
      const { popup, tabId } = await ext.openPopup(page, { width: 420, height: 760 });
      const result = await inspect(ext, page, popup, tabId);
      report('OpenEMR encounter: note and fee sheet in sibling iframes', page.url(), result);
      // Screenshot as a user sees the popup (top of the list). Once in front, the popup tab is the
      // active one, so it is not reloaded afterwards.
      mkdirSync(join(REPO, 'docs'), { recursive: true });
      await popup.bringToFront();
      await popup.screenshot({ path: SCREENSHOT });
      console.log(`  popup screenshot: ${SCREENSHOT}`);
      await popup.close();
      await page.close();
    });

    await attempt('OpenEMR encounter: clean visit', async () => {
      const page = await ext.context.newPage();
      await page.goto(`${server.origin}${DEMO_PAGES.clean}`);
      const { popup, tabId } = await ext.openPopup(page);
      report('OpenEMR encounter: clean visit', page.url(), await inspect(ext, page, popup, tabId));
      await popup.close();
      await page.close();
    });

    await attempt('Single-page EHR', async () => {
      const page = await ext.context.newPage();
      await page.goto(`${server.origin}${DEMO_PAGES.spa}`);
      const { popup, tabId } = await ext.openPopup(page);
      let result = await inspect(ext, page, popup, tabId);
      report('Single-page EHR: Okafor (first patient)', page.url(), result);
      for (const [id, name] of [['lindqvist', 'Lindqvist'], ['haddad', 'Haddad']]) {
        // A click re-renders the visit in place (no navigation); the extension re-reads it.
        await page.bringToFront();
        await page.click(`button[data-patient="${id}"]`);
        result = await inspect(ext, page, popup, tabId, findingFingerprint(result.current));
        report(`Single-page EHR: ${name} (opened in place)`, page.url(), result);
      }
      await popup.close();
      await page.close();
    });

    await attempt('Claim list (OpenEMR Billing Manager)', async () => {
      const page = await ext.context.newPage();
      await page.goto(`${server.origin}${DEMO_PAGES.claims}`);
      const { popup, tabId } = await ext.openPopup(page);
      report('Claim list (OpenEMR Billing Manager, every listed encounter)', page.url(), await inspect(ext, page, popup, tabId));
      await popup.close();
      await page.close();
    });
  } finally {
    await ext.close();
    await server.close();
  }
  if (failures > 0) fail(`${failures} demo page(s) could not be checked`);
  console.log('\ndone. Run `npm start` with a display (DISPLAY set) to click through the demo yourself.');
}

// ---- main -------------------------------------------------------------------------------------

try {
  requireBrowser(CHROMIUM_PATH, 'chromium');
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
build();
const server = await startDemoServer();
try {
  if (headless) await runHeadless(server);
  else await runHeaded(server);
} catch (error) {
  await server.close();
  fail(error instanceof Error ? error.stack ?? error.message : String(error));
}
