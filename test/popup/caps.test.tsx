// @vitest-environment jsdom
// A note with 1,001 comfort sentences, through the worker (real engine, fake browser) into the
// popup: the TabState validates (it used to exceed the findings limit, "Something went wrong"),
// and the popup, the badge and the counts say the exact numbers with "+N more".
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import * as engine from '../../src/engine';
import { createBackground, registerListeners } from '../../src/background/service';
import { Popup } from '../../src/popup/Popup';
import { createPopupClient } from '../../src/ui/client';
import { parseTabState, type TabState } from '../../src/ui/tab-state';
import { FINDINGS_LIMITS } from '../../src/shared/limits';
import { contentSender, FakeBrowser, popupSender } from '../background/fake-browser';
import { snapshot } from '../background/snapshots';
import { comfortNote } from '../fixtures/repeated-findings';
import { fakeBrowser } from './support/fake-browser';
import { useEnglishInEveryTest } from './support/english';

useEnglishInEveryTest();

async function workerState(sentences: number): Promise<{ state: TabState | null; badge: string | undefined }> {
  const browser = new FakeBrowser();
  const bg = createBackground({ platform: browser, engine: { ...engine, dataVersion: engine.DATA_VERSION }, analyzeDelayMs: 0 });
  registerListeners(browser, bg);
  browser.addTab({ id: 1, url: 'https://ehr.example.org/visit', frames: new Map([[0, () => undefined]]) });
  const page = snapshot({
    top: true,
    notes: [{ id: 'b1', label: 'Treatment', text: comfortNote(sentences) }],
    lines: [{ code: '97124', units: 2, modifiers: ['GP'], dx: ['M54.5'] }],
    facts: { Payer: 'Aetna' },
  });
  await browser.send({ type: 'cs:snapshot', snapshot: page }, contentSender(1, 0, 'https://ehr.example.org', 'doc'));
  await bg.analyzer.schedule(1);
  const reply = await browser.send({ type: 'ui:get-tab-state', tabId: 1 }, popupSender());
  return { state: parseTabState(reply), badge: browser.badges.get(1)?.text };
}

describe('findings past the caps, worker to popup', () => {
  it('gives a TabState the popup accepts, with the exact count per rule', async () => {
    const { state, badge } = await workerState(1001);
    expect(state).not.toBeNull();
    expect(state!.status).toBe('ok');
    const comfort = state!.result!.truncated!.rules['comfort-wording']!;
    expect(comfort).toEqual({ count: 1001, shown: FINDINGS_LIMITS.perRule, omitted: { error: 1001 - FINDINGS_LIMITS.perRule, warning: 0, info: 0 } });
    expect(state!.result!.findings.length).toBeLessThanOrEqual(FINDINGS_LIMITS.total);
    expect(state!.findingKeys).toHaveLength(state!.result!.findings.length);
    expect(badge).toBe('99+');
  }, 30_000);

  it('shows "+N more" in the row, the exact total in the heading and counts strip', async () => {
    const { state } = await workerState(1001);
    const fake = fakeBrowser({ tabState: state });
    render(<Popup client={createPopupClient(fake.api)} />);
    const open = state!.result!.findings.filter((f) => !f.relatedTo).length + (state!.result!.truncated!.omitted.error ?? 0);
    await screen.findByRole('heading', { level: 2, name: `Findings (${open.toLocaleString()})` });
    const row = document.querySelector<HTMLElement>('li[data-rule="comfort-wording"]')!;
    expect(row.querySelector('.row__count')?.textContent).toBe('×1001');
    expect(row.querySelector('.row__count')?.getAttribute('aria-label')).toBe('1001 instances');
    fireEvent.click(row.querySelector<HTMLButtonElement>('[data-row-toggle]')!);
    expect(row.querySelectorAll('ol.instances > li')).toHaveLength(FINDINGS_LIMITS.perRule);
    expect(row.querySelector('.instances__more')?.textContent).toBe(`+${(1001 - FINDINGS_LIMITS.perRule).toLocaleString()} more not listed: the first ${FINDINGS_LIMITS.perRule} are.`);
    expect(document.querySelector('[data-findings-cut]')?.textContent).toContain(`of ${(state!.result!.truncated!.total).toLocaleString()}`);
    const errors = screen.getByRole('button', { name: /errors/i });
    expect(errors.textContent).toContain(String(open - state!.result!.findings.filter((f) => !f.relatedTo && f.severity !== 'error').length));
  }, 30_000);

  it('lists a rule at its cap whole, with no "+N more"', async () => {
    const { state } = await workerState(FINDINGS_LIMITS.perRule);
    expect(state!.result!.truncated).toBeUndefined();
    const fake = fakeBrowser({ tabState: state });
    render(<Popup client={createPopupClient(fake.api)} />);
    await screen.findByRole('heading', { level: 2, name: /^Findings/ });
    const row = document.querySelector<HTMLElement>('li[data-rule="comfort-wording"]')!;
    expect(row.querySelector('.row__count')?.textContent).toBe(`×${FINDINGS_LIMITS.perRule}`);
    fireEvent.click(row.querySelector<HTMLButtonElement>('[data-row-toggle]')!);
    expect(row.querySelector('.instances__more')).toBeNull();
    expect(document.querySelector('[data-findings-cut]')).toBeNull();
  }, 30_000);
});
