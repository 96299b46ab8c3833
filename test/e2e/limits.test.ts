// Limits end to end in real Chromium: pages at each limit of src/shared/limits.ts and one past it,
// through the content script, the worker, the popup and the command line. At a limit everything
// is shown; past it nothing breaks and the cut is said ("+N more", "only its first part was
// checked"), never silently lost. Also: an analysis interrupted by the worker being stopped is run
// again by the woken worker (the popup never says "not an EHR page" for an EHR page).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDINGS_LIMITS, MAX_PART_CHARS } from '../../src/shared/limits';
import type { TabState } from '../../src/ui/tab-state';
import { comfortNote } from '../fixtures/repeated-findings';
import {
  buildDemoExtension,
  CHROMIUM_PATH,
  launchChromium,
  REPO,
  requireBrowser,
  startDemoServer,
  tabState,
  waitFor,
  waitForPopupRendered,
  type ChromiumExtension,
  type DemoServer,
} from './harness.mjs';

const TEST_TIMEOUT = 120_000;
const LINE = { code: '97124', modifiers: ['GP'], units: 2, dx: ['M54.5'] };

/** A plain web EHR visit page: the note in a textarea, the payer, one claim line in a table. */
function visitPage(note: string): string {
  const escaped = note.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Visit</title></head><body>
<main><div class="field"><span class="label">Primary insurance:</span> <span class="value">Aetna Choice POS II</span></div>
<h2>Daily Treatment Note</h2>
<label for="note">Treatment note</label><textarea id="note" name="note" rows="20" cols="100">${escaped}</textarea>
<h3>Charges</h3>
<table class="charges"><thead><tr><th>CPT code</th><th>Modifiers</th><th>Units</th><th>Diagnosis</th></tr></thead>
<tbody><tr><td>${LINE.code}</td><td>${LINE.modifiers.join(' ')}</td><td>${LINE.units}</td><td>${LINE.dx.join(' ')}</td></tr></tbody></table>
</main></body></html>`;
}

/** A note of exactly `chars` characters, comfort wording throughout. */
function noteOfLength(chars: number): string {
  let note = comfortNote(Math.ceil(chars / 50));
  note = note.slice(0, chars - 1);
  return `${note.trimEnd().padEnd(chars - 1, 'x')}.`;
}

const PAGES = {
  findingsAtCap: comfortNote(FINDINGS_LIMITS.perRule),
  findingsPastCap: comfortNote(1001),
  textAtCap: noteOfLength(MAX_PART_CHARS),
  textPastCap: noteOfLength(MAX_PART_CHARS + 5_000),
} as const;

let build: ReturnType<typeof buildDemoExtension> | undefined;
let server: DemoServer;
let ext: ChromiumExtension;
let root: string;

beforeAll(async () => {
  requireBrowser(CHROMIUM_PATH, 'chromium');
  root = mkdtempSync(join(tmpdir(), 'tcg-limits-'));
  for (const [name, note] of Object.entries(PAGES)) {
    writeFileSync(join(root, `${name}.html`), visitPage(note));
    writeFileSync(join(root, `${name}.json`), JSON.stringify({ id: name, payer: 'Aetna Choice POS II', note, lines: [LINE] }));
  }
  build = buildDemoExtension();
  server = await startDemoServer({ root });
  ext = await launchChromium({ extensionDir: build.chrome });
}, 180_000);

afterAll(async () => {
  await ext?.close();
  await server?.close();
  if (build && !build.reused) rmSync(build.outdir, { recursive: true, force: true });
  if (root) rmSync(root, { recursive: true, force: true });
});

async function openChecked(name: keyof typeof PAGES): Promise<{ page: Page; popup: Page; tabId: number; state: TabState }> {
  const page = await ext.context.newPage();
  await page.goto(`${server.origin}/${name}.html`, { waitUntil: 'load' });
  const { popup, tabId } = await ext.openPopup(page);
  const state = await waitFor(
    async () => {
      const s = (await tabState(popup, tabId)) as TabState;
      return s.status === 'ok' && s.result ? s : null;
    },
    { timeout: 30_000, what: `a result for ${name}` },
  );
  await popup.reload();
  await waitForPopupRendered(popup);
  return { page, popup, tabId, state };
}

/** The command line on the same visit (the note as the page shows it, the same claim line). */
function cli(name: keyof typeof PAGES): { findings: unknown[]; truncated?: { total: number; shown: number; rules: Record<string, { count: number; shown: number }> } } {
  let stdout = '';
  try {
    stdout = execFileSync(process.execPath, [join(REPO, 'dist/cli.mjs'), 'check', '--format', 'json', join(root, `${name}.json`)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    // Exit code 1: error-level findings (the comfort wording); the report is on stdout all the same.
    const failed = error as { status?: number; stdout?: string };
    expect(failed.status).toBe(1);
    stdout = failed.stdout ?? '';
  }
  return (JSON.parse(stdout) as { results: ReturnType<typeof cli>[] }).results[0]!;
}

const comfortRow = (popup: Page) => popup.locator('li[data-rule="comfort-wording"]');

describe('findings caps, page to popup and command line', () => {
  it(`lists a rule at its cap (${FINDINGS_LIMITS.perRule}) whole, with no "+N more"`, async () => {
    const { page, popup, state } = await openChecked('findingsAtCap');
    expect(state.result?.truncated).toBeUndefined();
    expect(state.result?.findings.filter((f) => f.ruleId === 'comfort-wording')).toHaveLength(FINDINGS_LIMITS.perRule);
    expect(await comfortRow(popup).locator('.row__count').textContent()).toBe(`×${FINDINGS_LIMITS.perRule}`);
    await comfortRow(popup).locator('[data-row-toggle]').click();
    expect(await comfortRow(popup).locator('ol.instances > li').count()).toBe(FINDINGS_LIMITS.perRule);
    expect(await popup.locator('.instances__more, [data-findings-cut]').count()).toBe(0);
    expect(cli('findingsAtCap').truncated).toBeUndefined();
    await popup.close();
    await page.close();
  }, TEST_TIMEOUT);

  it('renders 1,001 comfort sentences with the exact count and "+951 more", as the command line counts them', async () => {
    const { page, popup, state } = await openChecked('findingsPastCap');
    const rule = state.result?.truncated?.rules['comfort-wording'];
    expect(rule).toEqual({ count: 1001, shown: FINDINGS_LIMITS.perRule, omitted: { error: 1001 - FINDINGS_LIMITS.perRule, warning: 0, info: 0 } });
    expect(await comfortRow(popup).locator('.row__count').textContent()).toBe('×1001');
    await comfortRow(popup).locator('[data-row-toggle]').click();
    expect(await comfortRow(popup).locator('ol.instances > li').count()).toBe(FINDINGS_LIMITS.perRule);
    expect(await comfortRow(popup).locator('.instances__more').textContent()).toContain(`+${(1001 - FINDINGS_LIMITS.perRule).toLocaleString()} more`);
    expect(await popup.locator('[data-findings-cut]').count()).toBe(1);
    expect(await popup.getByText('Something went wrong').count()).toBe(0);
    const line = cli('findingsPastCap');
    expect(line.truncated?.rules['comfort-wording']).toEqual({ count: 1001, shown: FINDINGS_LIMITS.perRule });
    expect(line.findings).toHaveLength(state.result!.findings.length);
    await popup.close();
    await page.close();
  }, TEST_TIMEOUT);
});

describe('note text caps (MAX_PART_CHARS), page to popup and command line', () => {
  it('reads a note of exactly the limit whole: no cut notice', async () => {
    const { page, popup, state } = await openChecked('textAtCap');
    expect(state.truncated).toBe(false);
    expect(await popup.locator('.notice--warning').filter({ hasText: 'only its first part was checked' }).count()).toBe(0);
    // The whole note was checked: the same count as the command line on the same text.
    expect(state.result?.truncated?.rules['comfort-wording']?.count).toBe(cli('textAtCap').truncated?.rules['comfort-wording']?.count);
    await popup.close();
    await page.close();
  }, TEST_TIMEOUT);

  it('says a note past the limit was cut, and still checks what it read', async () => {
    const { page, popup, state } = await openChecked('textPastCap');
    expect(state.truncated).toBe(true);
    expect(await popup.locator('.notice--warning').filter({ hasText: 'only its first part was checked' }).count()).toBe(1);
    const read = state.result?.truncated?.rules['comfort-wording']?.count ?? 0;
    const whole = cli('textPastCap').truncated?.rules['comfort-wording']?.count ?? 0;
    expect(read).toBeGreaterThan(0);
    expect(whole).toBeGreaterThan(read); // the command line reads the whole file
    await popup.close();
    await page.close();
  }, TEST_TIMEOUT);
});

describe('an analysis interrupted by the worker being stopped', () => {
  it('is run again by the woken worker on its own, and the popup shows the findings, not "not an EHR page"', async () => {
    const { page, popup, tabId, state: before } = await openChecked('findingsAtCap');
    const key = `tab:${tabId}`;
    // What a worker stopped mid-run leaves in storage.session: the frame's snapshot stored with its
    // "pending" marker, and no result for it.
    await ext.evalWorker(
      async (k) => {
        const record = (await chrome.storage.session.get(k))[k] as Record<string, unknown>;
        await chrome.storage.session.set({ [k]: { ...record, result: null, error: null, pendingSince: Date.now() } });
      },
      key,
    );
    await ext.stopWorker(page);

    // Wake the worker with a message that neither reads the tab nor asks its frames to report
    // (the options page's policy question): only its start-up recovery can re-run the check.
    await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'ui:get-policy' }));
    const stored = (await waitFor(
      () =>
        popup.evaluate(async (k) => {
          const record = (await chrome.storage.session.get(k))[k] as { result: { result: { findings: Array<{ ruleId: string }> } } | null; pendingSince?: number };
          return record.result !== null && record.pendingSince === undefined ? record.result.result.findings.map((f) => f.ruleId).sort() : null;
        }, key),
      { timeout: 20_000, what: 'the woken worker re-running the interrupted check' },
    )) as string[];
    expect(stored).toEqual(before.result?.findings.map((f) => f.ruleId).sort());

    await popup.reload();
    await waitForPopupRendered(popup);
    const after = (await tabState(popup, tabId)) as TabState;
    expect(after.status).toBe('ok');
    expect(await popup.locator('#findings-heading').count()).toBe(1);
    expect(await popup.locator('#status-heading').count()).toBe(0);
    await popup.close();
    await page.close();
  }, TEST_TIMEOUT);
});
