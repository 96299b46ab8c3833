// Enterprise-policy end-to-end tests (test/e2e/policy-*.test.ts): a real browser reads a real
// machine policy file, force-installs the enterprise build of the extension from it and hands
// the extension its managed configuration. Plain JS (types in setup.d.mts) so it can use the
// build scripts directly, like the shared harness does.
//
// Machine policy is machine-wide: while a test's file exists, every Chromium (or Firefox) started
// on this machine sees it. The policies name only this run's own extension ID (a throw-away key;
// a separate gecko id), so no other extension is configured by them; still, run browser test
// files one at a time (the repository's e2e suites are not written to share a machine policy).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { zipDirectory } from '../../../build.mjs';
import { makeEnterpriseBuild, updateManifestXml } from '../../../scripts/enterprise-build.mjs';
import { generateKeyPem } from '../../../scripts/make-key.mjs';
import { CHROMIUM_PATH, FIREFOX_PATH, REPO, requireBrowser } from '../harness.mjs';

export const CHROMIUM_POLICY_FILE = '/etc/chromium/policies/managed/tcg-test.json';
export const FIREFOX_POLICY_FILE = '/etc/firefox/policies/policies.json';
/** Not the release gecko id, so this policy can never configure the add-on other suites install. */
export const TEST_GECKO_ID = 'therapy-claim-guard-policy-test@example.org';
export const TEST_FIREFOX_UUID = '0d6b0c0e-7a4f-4f2b-9f0e-3c7a5e9b1d24';
/** The demo EHR is served on 127.0.0.1; localhost reaches the same server as a site the policy does not allow. */
export const ALLOWED_HOST = 'http://127.0.0.1/*';
export const OTHER_HOST = 'http://localhost/*';

/**
 * The organisation's managed configuration used by both browsers: a payer mapping, a rule
 * switched off, a rule level, the profile locked, the demo EHR pre-allowed, and three bad values —
 * an unknown rule id and a level that is not a level, both inside ruleLevels (the lenient managed
 * schema lets them through Chrome, and the extension drops just those entries), and one of the
 * wrong JSON type (Chrome's schema drops that key before the extension sees it; Firefox passes it
 * on and the code rejects it; the options page's policy check names it for Chrome).
 */
export const E2E_POLICY = Object.freeze({
  payerMap: { 'Aetna Choice POS II': 'medicare' },
  disabledRules: ['comfort-wording'],
  ruleLevels: { 'units-minutes': 'warning', 'no-such-rule': 'off', 'time-totals': 'severe' },
  defaultProfile: 'commercial',
  lockedSettings: ['profile'],
  allowedOrigins: [ALLOWED_HOST],
  highlightEnabled: 'no',
});

/** Policy files live under /etc: only root may write them. Never a silent skip (CI runs everything). */
export function requireRoot(what) {
  if (process.getuid?.() === 0) return;
  throw new Error(
    `${what} must run as root: it writes the browser's machine policy (${what.includes('Firefox') ? FIREFOX_POLICY_FILE : CHROMIUM_POLICY_FILE}). ` +
      'Run the tests as root (CI does), e.g. `sudo -E npx vitest run test/e2e/policy-*.test.ts`.',
  );
}

/**
 * One machine policy file, written and removed by the test. Directories it had to create are
 * removed again; an existing file it did not write is never overwritten. Removal also runs on
 * process exit and SIGINT/SIGTERM, so an aborted run does not leave the machine managed.
 */
export class SystemPolicyFile {
  constructor(path) {
    this.path = path;
    this.createdDirs = [];
    this.written = false;
    this.onExit = () => this.remove();
    this.onSignal = (signal) => {
      this.remove();
      process.kill(process.pid, signal);
    };
  }

  write(content) {
    if (!this.written && existsSync(this.path)) {
      throw new Error(`${this.path} already exists and was not written by this test: refusing to replace a real policy`);
    }
    const missing = [];
    for (let dir = dirname(this.path); !existsSync(dir); dir = dirname(dir)) missing.unshift(dir);
    for (const dir of missing) {
      mkdirSync(dir);
      this.createdDirs.unshift(dir);
    }
    writeFileSync(this.path, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o644 });
    if (!this.written) {
      process.once('exit', this.onExit);
      process.once('SIGINT', this.onSignal);
      process.once('SIGTERM', this.onSignal);
    }
    this.written = true;
  }

  remove() {
    if (!this.written) return;
    rmSync(this.path, { force: true });
    for (const dir of this.createdDirs) {
      try {
        rmdirSync(dir); // only if empty: never delete what someone else put there
      } catch {
        // not empty or already gone
      }
    }
    this.createdDirs = [];
    this.written = false;
    process.removeListener('exit', this.onExit);
    process.removeListener('SIGINT', this.onSignal);
    process.removeListener('SIGTERM', this.onSignal);
  }
}

/**
 * The enterprise build as an organisation makes it (scripts/enterprise-build.mjs), with this
 * run's own key: host permissions for the demo origin and for localhost (granted at force-install;
 * only the first is in the policy's allowedOrigins). For Firefox the e2e-only tweak the demo
 * flavour also has: popup.html and options.html reachable from 127.0.0.1, because WebDriver BiDi
 * refuses to navigate to moz-extension:// directly.
 */
export function buildPolicyFlavour({ browser }) {
  const dir = mkdtempSync(join(tmpdir(), 'tcg-policy-build-'));
  const keyFile = join(dir, 'key.pem');
  writeFileSync(keyFile, generateKeyPem(), { mode: 0o600 });
  const release = join(dir, 'release');
  const run = spawnSync(process.execPath, ['build.mjs', '--extension-only', '--quiet', '--outdir', release], { cwd: REPO, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`node build.mjs failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  const build = makeEnterpriseBuild({
    hosts: [ALLOWED_HOST, OTHER_HOST],
    keyFile,
    outdir: join(dir, 'enterprise'),
    from: release,
    geckoId: TEST_GECKO_ID,
    pack: browser === 'chrome',
    chromium: CHROMIUM_PATH,
  });
  if (browser === 'firefox') {
    const manifestFile = join(build.firefox, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    manifest.web_accessible_resources = [{ resources: ['popup.html', 'options.html'], matches: [ALLOWED_HOST] }];
    writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    zipDirectory(build.firefox, build.xpi);
  }
  return { ...build, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The self-hosted update server of a Chrome/Edge force-install: updates.xml and the CRX. */
export async function startUpdateServer({ id, version, crx }) {
  const body = readFileSync(crx);
  const requests = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    if (path === '/updates.xml') {
      res.writeHead(200, { 'Content-Type': 'application/xml' });
      res.end(updateManifestXml({ id, version, crxUrl: `http://127.0.0.1:${server.address().port}/tcg.crx` }));
    } else if (path === '/tcg.crx') {
      res.writeHead(200, { 'Content-Type': 'application/x-chrome-extension', 'Content-Length': body.length });
      res.end(body);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    updateUrl: `${origin}/updates.xml`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Chromium as a managed desktop runs it: no --load-extension (the policy installs the extension),
 * and without Playwright's --disable-extensions / --disable-background-networking, which would
 * stop the force-install download.
 */
export async function launchPolicyChromium() {
  requireBrowser(CHROMIUM_PATH, 'chromium');
  const { chromium } = await import('playwright-core');
  const profileDir = mkdtempSync(join(tmpdir(), 'tcg-policy-chromium-'));
  const args = ['--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'];
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  try {
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args,
      ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking'],
      viewport: { width: 1280, height: 800 },
    });
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        rmSync(profileDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
}

/** Firefox ESR with the policy in force; the add-on arrives through ExtensionSettings, not the test. */
export async function launchPolicyFirefox() {
  requireBrowser(FIREFOX_PATH, 'firefox-esr');
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [TEST_GECKO_ID]: TEST_FIREFOX_UUID }),
      // ESR honours this; Firefox Release needs a Mozilla-signed XPI (docs/ADMIN.md).
      'xpinstall.signatures.required': false,
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'extensions.update.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  return { browser, origin: `moz-extension://${TEST_FIREFOX_UUID}`, close: () => browser.close().catch(() => undefined) };
}
