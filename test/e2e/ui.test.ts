// The biller's view end to end in real Chromium (issue 11): the popup at 420×600 on the demo page
// with the most findings, the side panel beside the EHR while the note is typed, the options page;
// axe-core in light and dark schemes; a keyboard-only walk through every control; the two-way
// link between a row and its highlight in the page. It also writes the screenshots that README.md
// and docs/ show (docs/popup.png, docs/sidepanel.png, docs/options.png), so they never go stale.
//
// axe-core comes from npm (dev dependency) and is injected by playwright (test/e2e/ui-probes.mjs).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDemoExtension,
  CHROMIUM_PATH,
  DEMO_PAGES,
  launchChromium,
  REPO,
  requireBrowser,
  startDemoServer,
  tabState,
  waitFor,
  waitForPopupRendered,
  type ChromiumExtension,
  type DemoServer,
  type TabStateReply,
} from './harness.mjs';
import { axeViolations, countTabStops, keyboardWalk, visibleFindings } from './ui-probes.mjs';

const TEST_TIMEOUT = 120_000;
const SCHEMES = ['light', 'dark'] as const;

let build: ReturnType<typeof buildDemoExtension>;
let server: DemoServer;
let ext: ChromiumExtension;

async function openDemo(path: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`${server.origin}${path}`);
  await page.waitForLoadState('load');
  return page;
}

/** The popup over `page`, at the size Chrome gives it, with the result shown. */
async function popupOver(page: Page, size = { width: 420, height: 600 }): Promise<{ popup: Page; tabId: number; state: TabStateReply }> {
  const { popup, tabId } = await ext.openPopup(page, size);
  await ext.waitForBadge(tabId);
  const state = await waitFor(
    async () => {
      const s = await tabState(popup, tabId);
      return s.status === 'ok' && String(s.result?.findings.length) === (await ext.badge(tabId)) ? s : null;
    },
    { what: 'the checked visit' },
  );
  await popup.reload();
  await waitForPopupRendered(popup);
  return { popup, tabId, state };
}

/** axe-core in both colour schemes; the page is left in the light scheme. */
async function axeBothSchemes(page: Page): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    out[scheme] = await axeViolations(page);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return out;
}

const activeKey = (page: Page) => page.evaluate(() => document.activeElement?.closest('[data-rule]')?.getAttribute('data-rule') ?? document.activeElement?.tagName ?? '');

/** Press Tab until `accept` holds for the focused element (keyboard only). */
async function tabTo(page: Page, accept: string, what: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, accept)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

function frameNamed(page: Page, name: string): Frame {
  const frame = page.frame({ name });
  if (!frame) throw new Error(`no frame named ${name}`);
  return frame;
}

/** The browser's accessibility tree of one frame (closed shadow roots included, as a screen reader gets it). */
async function axNodes(cdp: CDPSession, frame: Frame): Promise<Array<{ role: string; name: string; focused: boolean }>> {
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: FrameTree };
  const id = findFrameId(frameTree, frame.url());
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree', id ? { frameId: id } : {})) as {
    nodes: Array<{ role?: { value?: string }; name?: { value?: string }; properties?: Array<{ name: string; value: { value?: unknown } }> }>;
  };
  return nodes.map((n) => ({
    role: String(n.role?.value ?? ''),
    name: String(n.name?.value ?? ''),
    focused: n.properties?.some((p) => p.name === 'focused' && p.value.value === true) ?? false,
  }));
}

interface FrameTree {
  frame: { id: string; url: string };
  childFrames?: FrameTree[];
}

function findFrameId(tree: FrameTree, url: string): string | null {
  if (tree.frame.url === url) return tree.frame.id;
  for (const child of tree.childFrames ?? []) {
    const found = findFrameId(child, url);
    if (found) return found;
  }
  return null;
}

beforeAll(async () => {
  requireBrowser(CHROMIUM_PATH, 'chromium');
  build = buildDemoExtension();
  server = await startDemoServer();
  ext = await launchChromium({ extensionDir: build.chrome });
}, 180_000);

afterAll(async () => {
  await ext?.close();
  await server?.close();
  if (build && !build.reused) rmSync(build.outdir, { recursive: true, force: true });
});

describe('the popup on the single-visit demo page with the most findings', () => {
  let page: Page;
  let popup: Page;
  let tabId: number;
  let state: TabStateReply;

  it('is the OpenEMR encounter, and the badge tooltip names the counts and the payer profile', async () => {
    const counts: Record<string, number> = {};
    for (const [name, path] of Object.entries({ encounter: DEMO_PAGES.encounter, spa: DEMO_PAGES.spa, claims: DEMO_PAGES.claims })) {
      const demo = await openDemo(path);
      const opened = await popupOver(demo);
      counts[name] = opened.state.result?.findings.length ?? 0;
      if (name === 'encounter') ({ popup, tabId, state } = opened);
      if (name === 'encounter') page = demo;
      else {
        // The Billing Manager lists several encounters (more findings than any one visit): the
        // list must still show at least 5 rows without scrolling there.
        if (name === 'claims') expect((await visibleFindings(opened.popup)).identifiableWithoutScrolling).toBeGreaterThanOrEqual(5);
        await opened.popup.close();
        await demo.close();
      }
    }
    // Of the single-visit pages, the encounter has the most findings.
    expect(counts.encounter).toBeGreaterThanOrEqual(counts.spa ?? 0);

    const findings = state.result?.findings ?? [];
    const n = (severity: string) => findings.filter((f) => f.severity === severity).length;
    const title = await ext.evalWorker((id) => chrome.action.getTitle({ tabId: id }), tabId);
    expect(title).toBe(`Therapy Claim Guard: ${n('error')} errors, ${n('warning')} warnings, ${n('info')} info — payer profile: ${state.result?.profile.name}`);
  }, TEST_TIMEOUT);

  it('fits at least 5 findings in 420×600 without scrolling, with one row per rule and few Tab stops', async () => {
    await page.bringToFront();
    const shown = await visibleFindings(popup);
    const rules = new Set((state.result?.findings ?? []).map((f) => f.ruleId));
    expect(shown.items).toBe(rules.size);
    expect(shown.identifiableWithoutScrolling).toBeGreaterThanOrEqual(5);
    expect(await countTabStops(popup)).toBeLessThanOrEqual(30);
    // Every row starts collapsed; the counts strip adds up to the badge.
    expect(await popup.locator('[data-row-toggle][aria-expanded="true"]').count()).toBe(0);
    const all = await popup.locator('.counts__button[data-filter="all"] .counts__number').innerText();
    expect(all).toBe(String(state.result?.findings.length));
    await popup.screenshot({ path: join(REPO, 'docs/popup.png') });
  }, TEST_TIMEOUT);

  it('has no axe-core violation in light or dark, collapsed, expanded and with a menu open', async () => {
    expect(await axeBothSchemes(popup)).toEqual({ light: [], dark: [] });
    await popup.locator('[data-row-toggle]').first().click();
    await popup.locator('[data-row-toggle]').nth(1).click();
    expect(await axeBothSchemes(popup)).toEqual({ light: [], dark: [] });
    await popup.getByRole('button', { name: /^Payer profile/ }).click();
    await popup.getByRole('menu').waitFor();
    expect(await axeBothSchemes(popup)).toEqual({ light: [], dark: [] });
    await popup.keyboard.press('Escape');
    await popup.reload();
    await waitForPopupRendered(popup);
  }, TEST_TIMEOUT);

  it('can be used with the keyboard alone: every control is reached', async () => {
    const collapsed = await keyboardWalk(popup);
    expect(collapsed.missed).toEqual([]);
    expect(collapsed.menus.length).toBeGreaterThanOrEqual(1); // the profile menu

    // Open the first row and its first "Dismiss…" form by keyboard, then walk again.
    await popup.reload();
    await waitForPopupRendered(popup);
    await tabTo(popup, '[data-row-toggle]', 'the rule rows');
    await popup.keyboard.press('Enter');
    await tabTo(popup, '.instance button[aria-controls], .instance button[aria-expanded="false"]', 'Dismiss…');
    await popup.keyboard.press('Enter');
    await waitFor(() => popup.evaluate(() => document.activeElement?.matches('.dismiss-form select') ?? false), { what: 'focus on the reason' });
    const expanded = await keyboardWalk(popup);
    expect(expanded.missed).toEqual([]);
    expect(expanded.menus.length).toBeGreaterThanOrEqual(2); // profile, and "Turn rule off…"
    expect(expanded.all.some((c) => c.includes(':select:'))).toBe(true);
  }, TEST_TIMEOUT);

  it('dismisses, undoes, filters and switches the profile by keyboard', async () => {
    await popup.reload();
    await waitForPopupRendered(popup);
    const before = (await tabState(popup, tabId)).result?.findings.length ?? 0;
    // Filter to warnings: the strip is one Tab stop, →/Enter pick a filter.
    await tabTo(popup, '.counts__button', 'the counts strip');
    await popup.keyboard.press('ArrowRight');
    await popup.keyboard.press('ArrowRight');
    await popup.keyboard.press('Enter');
    const severities = await popup.locator('li[data-rule]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-severity')));
    expect(new Set(severities)).toEqual(new Set(['warning']));
    await popup.keyboard.press('ArrowLeft');
    await popup.keyboard.press('ArrowLeft');
    await popup.keyboard.press('Enter');

    // Dismiss the first instance of the first row, by keyboard, then Undo.
    await tabTo(popup, '[data-row-toggle]', 'the rule rows');
    await popup.keyboard.press('Enter');
    await tabTo(popup, '.instance button[aria-expanded="false"]', 'Dismiss…');
    await popup.keyboard.press('Enter');
    await popup.keyboard.press('p'); // the reason, by type-ahead: "Payer exception"
    await tabTo(popup, '.dismiss-form button[type="submit"]', 'Dismiss finding');
    await popup.keyboard.press('Enter');
    await waitFor(async () => (await tabState(popup, tabId)).dismissed.length === 1, { what: 'the dismissal' });
    const audit = await popup.evaluate(() => chrome.storage.local.get('auditLog'));
    expect((audit.auditLog as unknown[]).length).toBe(1);
    expect(Object.keys((audit.auditLog as Array<Record<string, unknown>>)[0] ?? {}).sort()).toEqual(['at', 'hash', 'reason', 'ruleId']);
    // Undo has the focus.
    await waitFor(() => popup.evaluate(() => document.activeElement?.textContent === 'Undo'), { what: 'focus on Undo' });
    await popup.keyboard.press('Enter');
    await waitFor(async () => (await tabState(popup, tabId)).dismissed.length === 0, { what: 'the undo' });
    expect((await popup.evaluate(() => chrome.storage.local.get('auditLog'))).auditLog).toEqual([]);
    expect((await tabState(popup, tabId)).result?.findings.length).toBe(before);

    // The profile menu: arrows move without switching, Enter switches.
    await popup.getByRole('button', { name: /^Payer profile/ }).focus();
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowDown');
    expect((await tabState(popup, tabId)).profileOverride).toBeNull();
    const chosen = await popup.evaluate(() => document.activeElement?.textContent ?? '');
    await popup.keyboard.press('Enter');
    const switched = await waitFor(async () => {
      const s = await tabState(popup, tabId);
      return s.profileOverride !== null ? s : null;
    }, { what: 'the profile switch' });
    expect(chosen).toContain(switched.result?.profile.name ?? '?');
    await popup.getByRole('button', { name: /^Payer profile/ }).focus();
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('Home');
    await popup.keyboard.press('Enter');
    await waitFor(async () => (await tabState(popup, tabId)).profileOverride === null, { what: 'back to automatic' });
  }, TEST_TIMEOUT);

  it('a row jumps to its evidence (J); the highlight names its finding, and its tip opens the finding in Claim Guard', async () => {
    await popup.reload();
    await waitForPopupRendered(popup);
    const soap = frameNamed(page, 'enctabs-2');
    const comfort = popup.locator('li[data-rule="comfort-wording"] [data-row-toggle]');
    await comfort.focus();
    await popup.keyboard.press('j');
    await waitFor(() => soap.evaluate(() => document.querySelectorAll('tcg-overlay').length === 1), { what: 'the highlight in the SOAP frame' });
    // Only one element of ours in the page, and nothing of ours in its light DOM.
    expect(await soap.evaluate(() => document.querySelector('tcg-overlay')?.childNodes.length)).toBe(0);

    const cdp = await ext.context.newCDPSession(page);
    try {
      const title = state.result?.findings.find((f) => f.ruleId === 'comfort-wording')?.title ?? '';
      const flagName = `Claim Guard finding: ${title} (Error)`;
      await waitFor(async () => (await axNodes(cdp, soap)).some((n) => n.role === 'button' && n.name === flagName), { what: 'the labelled flag' });

      // Keyboard: from the page's last control, Tab reaches the flag; focus opens the tip.
      await page.bringToFront();
      await soap.evaluate(() => {
        // The last control a user can Tab to (OpenEMR's form also holds hidden inputs and hidden buttons).
        const controls = Array.from(document.querySelectorAll<HTMLElement>('textarea, input:not([type=hidden]), button, select, a[href]')).filter(
          (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
        );
        controls[controls.length - 1]?.focus();
      });
      await page.keyboard.press('Tab');
      await waitFor(async () => (await axNodes(cdp, soap)).some((n) => n.role === 'button' && n.name === 'Open in Claim Guard'), { what: 'the tip' });
      const nodes = await axNodes(cdp, soap);
      expect(nodes.some((n) => n.name === title && n.role === 'group')).toBe(true);
      expect(nodes.some((n) => n.name.includes('Error'))).toBe(true);
      // Close (×), then "Open in Claim Guard".
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
    } finally {
      await cdp.detach().catch(() => undefined);
    }
    const key = state.findingKeys[state.result?.findings.findIndex((f) => f.ruleId === 'comfort-wording') ?? -1];
    await waitFor(async () => (await tabState(popup, tabId)).focus?.findingKey === key, { what: 'the finding asked for from the page' });
    // The popup (or side panel) opens on that finding: its row expanded and focused.
    await popup.close();
    ({ popup } = await ext.openPopup(page, { width: 420, height: 600 }));
    await waitFor(() => popup.evaluate(() => document.activeElement?.closest('[data-rule]')?.getAttribute('data-rule') === 'comfort-wording'), { what: 'the row in focus' });
    expect(await popup.locator('li[data-rule="comfort-wording"] [data-row-toggle]').getAttribute('aria-expanded')).toBe('true');
    expect(await activeKey(popup)).toBe('comfort-wording');
    await popup.close();
    await page.close();
  }, TEST_TIMEOUT);
});

describe('the side panel', () => {
  it('is declared for Chrome and opens on sidepanel.html', async () => {
    const options = await ext.evalWorker(() => chrome.sidePanel.getOptions({}));
    expect(options).toMatchObject({ enabled: true, path: 'sidepanel.html' });
  }, TEST_TIMEOUT);

  it('shows the same view beside the EHR and updates live while the note is typed', async () => {
    const page = await openDemo(DEMO_PAGES.encounter);
    await page.bringToFront();
    const tabId = await ext.tabIdOf(page);
    await ext.waitForBadge(tabId);
    // Rendered in a tab of the EHR's window, behind it (as openPopup does): it asks for the active tab.
    const [panel] = await Promise.all([
      ext.context.waitForEvent('page', { predicate: (p) => p.url().includes('/sidepanel.html') }),
      ext.evalWorker(
        async ({ id, url }) => {
          const tab = await chrome.tabs.get(id);
          await chrome.tabs.create({ url, windowId: tab.windowId, active: false });
        },
        { id: tabId, url: `chrome-extension://${ext.extensionId}/sidepanel.html` },
      ),
    ]);
    await panel.setViewportSize({ width: 400, height: 900 });
    await waitForPopupRendered(panel);
    await waitFor(() => panel.evaluate(() => document.querySelectorAll('li[data-rule]').length > 0), { what: 'rows in the side panel' });
    expect(await panel.locator('.popup--panel').count()).toBe(1);
    expect(await panel.getByRole('button', { name: 'Open side panel' }).count()).toBe(0);
    expect(await axeBothSchemes(panel)).toEqual({ light: [], dark: [] });
    await panel.screenshot({ path: join(REPO, 'docs/sidepanel.png'), fullPage: false });
    const walk = await keyboardWalk(panel);
    expect(walk.missed).toEqual([]);

    // Type in the note: the open panel follows without a reload.
    await panel.evaluate(() => ((window as { tcgSamePanel?: boolean }).tcgSamePanel = true));
    expect(await panel.locator('li[data-rule="maintenance-language"]').count()).toBe(1);
    await page.bringToFront();
    const assessment = frameNamed(page, 'enctabs-2').locator('textarea[name="assessment"]');
    await assessment.click();
    await assessment.press('Control+A');
    await assessment.pressSequentially('Progressing toward goal of sitting 60 min at work; pt requests pampering.', { delay: 5 });
    // The maintenance wording was in the replaced text: its row goes, with no reload of the panel.
    await waitFor(() => panel.evaluate(() => document.querySelector('li[data-rule="maintenance-language"]') === null), {
      what: 'the side panel to show the edited note',
      timeout: 20_000,
    });
    // …and the new comfort wording, typed last, is among the comfort row's instances.
    await waitFor(async () => (await tabState(panel, tabId)).result?.findings.some((f) => f.evidence?.text === 'pampering'), { what: 'the new wording to be checked' });
    await waitFor(() => panel.evaluate(() => document.querySelector('li[data-rule="comfort-wording"] .row__count')?.textContent === '×4'), {
      what: 'the comfort row to count the new instance',
    });
    expect(await panel.evaluate(() => (window as { tcgSamePanel?: boolean }).tcgSamePanel)).toBe(true);
    await panel.close();
    await page.close();
  }, TEST_TIMEOUT);
});

describe('the options page', () => {
  it('has no axe-core violation in light or dark, every control is reached by keyboard, and it is pictured', async () => {
    const options = await ext.context.newPage();
    await options.setViewportSize({ width: 900, height: 1000 });
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await options.getByRole('heading', { name: 'Dismissal log' }).waitFor();
    await options.getByText(/dismissals kept in this browser/).waitFor();
    expect(await axeBothSchemes(options)).toEqual({ light: [], dark: [] });
    const walk = await keyboardWalk(options);
    expect(walk.missed).toEqual([]);
    expect(walk.all.length).toBeGreaterThan(20);
    await options.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    await options.screenshot({ path: join(REPO, 'docs/options.png') });
    await options.close();
  }, TEST_TIMEOUT);
});
