// Visit history end to end in real Chromium: the demo's two visits of one patient (demo/history),
// the second note copied forward from the first. The worker reads the MRN from the page's banner,
// keeps fingerprints under its salted hash, flags the copy, and the popup's "Forget this patient"
// clears it. storage.local never holds a word of the note or the identifier.
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoExtension, CHROMIUM_PATH, launchChromium, requireBrowser, startDemoServer, tabState, waitFor, waitForPopupRendered, type ChromiumExtension, type DemoServer, type TabStateReply } from './harness.mjs';

const MRN = '000777';
/** Words of the demo note that no stored value may contain (demo/history/visit-*.html). */
const NOTE_WORDS = ['gardening', 'quadratus', 'lumborum', 'paraspinals', 'kneading', 'stripping', 'guarding', 'bridging', 'stabilisation', 'iliac', 'Jordan', 'Moreno', 'Demo, Jordan'];

let build: ReturnType<typeof buildDemoExtension> | undefined;
let server: DemoServer;
let ext: ChromiumExtension;

const rules = (state: TabStateReply) => (state.result?.findings ?? []).map((f) => f.ruleId);

function waitForState(page: Page, tabId: number, accept: (s: TabStateReply & { across?: { visits: unknown[] } }) => boolean, what: string) {
  return waitFor(
    async () => {
      const state = (await tabState(page, tabId)) as TabStateReply & { across?: { visits: unknown[] } };
      return accept(state) ? state : null;
    },
    { timeout: 20_000, interval: 200, what },
  );
}

function storedLocal(): Promise<Record<string, unknown>> {
  return ext.evalWorker(() => chrome.storage.local.get(null));
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

describe('visit history (Chromium)', () => {
  it('flags the copied-forward second visit, shows the trend, and "Forget this patient" clears it', async () => {
    await ext.ready();
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}/history/visit-1.html`);
    const tabId = await ext.tabIdOf(page);
    const { popup } = await ext.openPopup(page);
    await waitForState(popup, tabId, (s) => s.status === 'ok' && (s.across?.visits.length ?? 0) === 1, 'visit 1 checked and remembered');
    expect(rules(await tabState(popup, tabId))).not.toContain('cloned-note');

    await page.bringToFront();
    await page.goto(`${server.origin}/history/visit-2.html`);
    const state = await waitForState(popup, tabId, (s) => rules(s).includes('cloned-note'), 'the cloned-note finding on visit 2');
    const cloned = state.result?.findings.find((f) => f.ruleId === 'cloned-note');
    expect(cloned?.message).toContain('2026-11-13');
    expect(state.across?.visits).toHaveLength(2);

    const stored = await storedLocal();
    const patientKeys = Object.keys(stored).filter((k) => k.startsWith('history.p.'));
    expect(patientKeys).toHaveLength(1);
    const bytes = JSON.stringify(stored);
    expect(bytes).not.toContain(MRN);
    for (const word of NOTE_WORDS) expect(bytes.toLowerCase()).not.toContain(word.toLowerCase());

    // The popup: the chart is an image with its summary, and "Forget this patient" asks first.
    await popup.reload();
    await waitForPopupRendered(popup);
    const chart = popup.getByRole('img', { name: /2 visits from 2026-11-13 to 2026-11-20/ });
    await chart.waitFor();
    await popup.getByRole('button', { name: 'Forget this patient' }).click();
    await popup.getByRole('button', { name: 'Forget', exact: true }).click();
    const after = await waitForState(popup, tabId, (s) => s.status === 'ok' && !rules(s).includes('cloned-note'), 'the finding gone after forgetting');
    expect(after.across).toBeUndefined();
    await chart.waitFor({ state: 'detached' });
    const left = await storedLocal();
    expect(Object.keys(left).filter((k) => k.startsWith('history.p.'))).toEqual([]);
    const leftBytes = JSON.stringify(left);
    expect(leftBytes).not.toContain(MRN);
    for (const word of NOTE_WORDS) expect(leftBytes.toLowerCase()).not.toContain(word.toLowerCase());
  }, 120_000);
});
