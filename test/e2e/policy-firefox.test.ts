// Enterprise deployment, end to end in headless Firefox ESR: /etc/firefox/policies/policies.json
// force-installs the enterprise build (ExtensionSettings, install_url to the .xpi), confines it
// with runtime_blocked_hosts, and configures it through 3rdparty.Extensions — which Firefox
// passes on unvalidated, so the extension's own validation must reject the bad values. The file
// is removed in afterAll (and on exit), even when a test fails.
//
// The XPI is unsigned: ESR installs it with xpinstall.signatures.required=false (a profile pref
// set by the test); Firefox Release needs a Mozilla-signed XPI (docs/ADMIN.md).
// Reading the popup: WebDriver BiDi refuses moz-extension:// navigation, so the test build lists
// popup.html/options.html as web-accessible for 127.0.0.1 and a page there sets location.href.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PAGES, readPopupFindings, startDemoServer, tabState, waitFor, type DemoServer, type TabStateReply } from './harness.mjs';
import {
  ALLOWED_HOST,
  buildPolicyFlavour,
  E2E_POLICY,
  FIREFOX_POLICY_FILE,
  launchPolicyFirefox,
  OTHER_HOST,
  requireRoot,
  SystemPolicyFile,
  TEST_GECKO_ID,
  type PolicyFlavour,
} from './policy/setup.mjs';

// Firefox's promise-based namespace inside the extension's pages (chrome.* has the same shape).
declare const browser: typeof chrome;

const TEST_TIMEOUT = 90_000;

let flavour: PolicyFlavour | undefined;
let demo: DemoServer | undefined;
let firefox: Awaited<ReturnType<typeof launchPolicyFirefox>> | undefined;
/** A page turned into the extension's popup.html: the test's window into the extension. */
let probe: Page;
const policyFile = new SystemPolicyFile(FIREFOX_POLICY_FILE);

interface PolicyReply {
  locked: string[];
  rejectedPolicy: Array<{ key: string; reason: string }>;
  sites?: Array<{ pattern: string; granted: boolean }>;
}

function server(): DemoServer {
  if (!demo) throw new Error('no demo server');
  return demo;
}

/** Open an extension page in `page` (via a 127.0.0.1 page, see the header). */
async function openExtensionPage(page: Page, file: 'popup.html' | 'options.html'): Promise<void> {
  if (!firefox) throw new Error('Firefox did not start');
  await page.goto(`${server().origin}${DEMO_PAGES.index}`);
  await page.evaluate((url) => {
    location.href = url;
  }, `${firefox.origin}/${file}`);
  await waitFor(() => page.evaluate(() => location.protocol === 'moz-extension:' && document.readyState === 'complete'), {
    what: `the extension's ${file}`,
  });
}

/**
 * The popup has rendered its answer. Polled from here, one evaluate at a time: a waitForFunction
 * started while the page reloads stays bound to the old document under WebDriver BiDi and times
 * out (the flaky 15 s wait); an evaluate that meets the reload just fails and is tried again.
 */
async function rendered(popup: Page): Promise<void> {
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
}

beforeAll(async () => {
  requireRoot('The Firefox policy e2e test');
  flavour = buildPolicyFlavour({ browser: 'firefox' });
  demo = await startDemoServer();
  policyFile.write({
    policies: {
      ExtensionSettings: {
        [TEST_GECKO_ID]: {
          installation_mode: 'force_installed',
          install_url: `file://${flavour.xpi}`,
          runtime_blocked_hosts: ['*://localhost'],
        },
      },
      '3rdparty': { Extensions: { [TEST_GECKO_ID]: { ...E2E_POLICY } } },
    },
  });
  firefox = await launchPolicyFirefox();
  probe = await firefox.browser.newPage();
  await waitFor(
    async () => {
      await openExtensionPage(probe, 'popup.html');
      return true;
    },
    { timeout: 30_000, interval: 500, what: 'the force-installed add-on' },
  );
}, 240_000);

afterAll(async () => {
  policyFile.remove();
  await firefox?.close();
  await demo?.close();
  flavour?.cleanup();
});

describe('Firefox: force-install and managed configuration by policy', () => {
  it('installs the add-on from policies.json and grants its EHR hosts without a prompt', async () => {
    const permissions = await probe.evaluate(() => browser.permissions.getAll());
    expect(permissions.origins).toEqual(expect.arrayContaining([ALLOWED_HOST, OTHER_HOST]));
    expect(await probe.evaluate(() => browser.runtime.id)).toBe(TEST_GECKO_ID);
  }, TEST_TIMEOUT);

  it('passes the policy on unvalidated; the extension rejects the bad values itself and applies the rest', async () => {
    // No schema enforcement: the wrongly typed value reaches the extension as written.
    expect(await probe.evaluate(() => browser.storage.managed.get(null))).toEqual({ ...E2E_POLICY });
    const policy = await waitFor(
      async () => {
        const reply = (await probe.evaluate(() => browser.runtime.sendMessage({ type: 'ui:get-policy' }))) as PolicyReply;
        return reply.locked.includes('profile') ? reply : null;
      },
      { what: 'the policy view' },
    );
    expect(policy.rejectedPolicy).toEqual([
      { key: 'ruleLevels.no-such-rule', reason: 'no rule "no-such-rule"' },
      { key: 'ruleLevels.time-totals', reason: '"severe" is not one of off, info, warning, error' },
      { key: 'highlightEnabled', reason: 'expected true or false, got text' },
    ]);
    expect(policy.locked).toEqual(expect.arrayContaining(['allowedOrigins', 'payerMap', 'profile', 'ruleLevels.comfort-wording', 'ruleLevels.units-minutes']));
    // The ignored value did not switch highlighting off.
    expect(policy.locked).not.toContain('highlightEnabled');
    expect(policy.sites).toEqual([{ pattern: ALLOWED_HOST, granted: true }]);
  }, TEST_TIMEOUT);

  it('runs by itself only on the pre-allowed EHR origin', async () => {
    const registered = await probe.evaluate(() => browser.scripting.getRegisteredContentScripts());
    expect(registered.flatMap((script) => script.matches ?? [])).toEqual([ALLOWED_HOST]);
    if (!firefox) throw new Error('Firefox did not start');

    const ehr = await firefox.browser.newPage();
    await ehr.goto(`${server().origin}${DEMO_PAGES.encounter}`, { waitUntil: 'load' });
    const tabId = await waitFor(
      () => probe.evaluate((path) => browser.tabs.query({}).then((tabs) => tabs.find((t) => t.url?.endsWith(path) && t.url.includes('127.0.0.1'))?.id), DEMO_PAGES.encounter),
      { what: 'the EHR tab id' },
    );
    // No toolbar click: the registered script ran and the worker set the badge.
    const badge = await waitFor(
      async () => {
        const text = await probe.evaluate((id) => browser.action.getBadgeText({ tabId: id }), tabId);
        return /^\d+$/.test(text) ? text : null;
      },
      { timeout: 30_000, what: 'the badge on the allowed EHR page' },
    );
    expect(Number(badge)).toBeGreaterThan(0);

    // localhost: granted by the manifest but neither allowed by the policy nor by runtime_blocked_hosts.
    const other = await firefox.browser.newPage();
    await other.goto(`${server().origin.replace('127.0.0.1', 'localhost')}${DEMO_PAGES.encounter}`, { waitUntil: 'load' });
    const otherTab = await waitFor(
      () => probe.evaluate(() => browser.tabs.query({}).then((tabs) => tabs.find((t) => t.url?.startsWith('http://localhost'))?.id)),
      { what: 'the localhost tab id' },
    );
    const injected = await probe.evaluate(
      (id) =>
        browser.scripting.executeScript({ target: { tabId: id }, func: () => document.title }).then(
          () => 'ran',
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        ),
      otherTab,
    );
    // The add-on holds the localhost permission (first test), so this refusal is the policy guard.
    expect(injected).toMatch(/Missing host permission/);
    expect(await probe.evaluate((id) => browser.action.getBadgeText({ tabId: id }), otherTab)).toBe('');
    await other.close();
    await ehr.close();
  }, TEST_TIMEOUT);

  it('checks the demo encounter under the policy and shows the lock and the ignored values in the popup', async () => {
    if (!firefox) throw new Error('Firefox did not start');
    const ehr = await firefox.browser.newPage();
    await ehr.goto(`${server().origin}${DEMO_PAGES.encounter}`, { waitUntil: 'load' });
    const popup = await firefox.browser.newPage();
    await openExtensionPage(popup, 'popup.html');
    const tabId = await waitFor(
      () => popup.evaluate((path) => browser.tabs.query({}).then((tabs) => tabs.find((t) => t.url?.endsWith(path))?.id), DEMO_PAGES.encounter),
      { what: 'the EHR tab id' },
    );
    const state = await waitFor(
      async () => {
        const current: TabStateReply & { locked?: string[]; rejectedPolicy?: PolicyReply['rejectedPolicy'] } = await tabState(popup, tabId);
        // The page's frames report one by one: the payer (insurance card) may arrive after the note and the
        // fee sheet. Wait until a payer was read at all, then check which profile it gave.
        return current.status === 'ok' && current.frames >= 2 && current.result?.profile.matchedBy !== 'default' ? current : null;
      },
      { timeout: 30_000, what: 'the result on the demo encounter' },
    );
    expect(state.result?.profile).toMatchObject({ id: 'medicare', matchedBy: 'payer-map' });
    const rules = (state.result?.findings ?? []).map((f) => f.ruleId);
    expect(rules).not.toContain('comfort-wording');
    const units = (state.result?.findings ?? []).filter((f) => f.ruleId === 'units-minutes');
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((f) => f.severity === 'warning')).toBe(true);
    expect(state.rejectedPolicy?.map((r) => r.key)).toEqual(['ruleLevels.no-such-rule', 'ruleLevels.time-totals', 'highlightEnabled']);

    // The popup describes the active tab: bring the EHR forward, then render it again.
    await ehr.bringToFront();
    // The old document is marked, so the wait below sees only the new one.
    await popup.evaluate(() => {
      (window as { tcgBeforeReload?: boolean }).tcgBeforeReload = true;
      location.reload();
    });
    await rendered(popup);
    // The profile menu button shows the profile policy put in force, disabled, with the lock note.
    const header = await popup.evaluate(() => {
      const button = document.querySelector<HTMLButtonElement>('.profile-switch button[aria-haspopup="menu"]');
      return { disabled: button?.disabled, label: button?.getAttribute('aria-label'), lock: document.querySelector('.profile-switch .lock-note')?.textContent?.trim() };
    });
    expect(state.result?.profile.id).toBe('medicare');
    expect(header).toEqual({ disabled: true, label: `Payer profile: ${state.result?.profile.name}`, lock: 'Set by your organisation' });
    const notice = await popup.evaluate(() => Array.from(document.querySelectorAll('.notice--warning'), (n) => n.textContent ?? '').join('\n'));
    expect(notice).toContain('ruleLevels.no-such-rule: no rule "no-such-rule"');
    expect(notice).toContain('ruleLevels.time-totals: "severe" is not one of off, info, warning, error');
    expect(notice).toContain('highlightEnabled: expected true or false, got text');
    expect((await readPopupFindings(popup)).length).toBe(state.result?.findings.length);
    await popup.close();
    await ehr.close();
  }, TEST_TIMEOUT);

  it('shows the organisation\'s sites and the locked rule on the options page', async () => {
    if (!firefox) throw new Error('Firefox did not start');
    const options = await firefox.browser.newPage();
    await openExtensionPage(options, 'options.html');
    await options.waitForFunction(() => document.querySelector('li.sites__item') !== null, { timeout: 15_000 });
    const view = await options.evaluate(() => ({
      heading: Array.from(document.querySelectorAll('h2'), (h) => h.textContent).find((t) => t?.includes('organisation')),
      site: document.querySelector('li.sites__item')?.textContent,
      comfort: (document.querySelector('tr[data-rule="comfort-wording"] select') as HTMLSelectElement | null)?.disabled,
    }));
    expect(view).toEqual({ heading: 'EHR sites set by your organisation', site: 'http://127.0.0.1Access granted', comfort: true });
    await options.close();
  }, TEST_TIMEOUT);
});
