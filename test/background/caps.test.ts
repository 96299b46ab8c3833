// The worker's side of the findings caps: counts the engine left out travel with the result, are
// dropped with a rule turned off here, and count in the badge (src/background/analyze.ts).
import { describe, expect, it } from 'vitest';
import { createBackground, registerListeners } from '../../src/background/service';
import * as engine from '../../src/engine';
import { FINDINGS_LIMITS } from '../../src/shared/limits';
import { parseTabState, type TabState } from '../../src/ui/tab-state';
import { comfortNote } from '../fixtures/repeated-findings';
import { contentSender, FakeBrowser, popupSender } from './fake-browser';
import { snapshot } from './snapshots';

async function setup(sentences: number) {
  const browser = new FakeBrowser();
  const bg = createBackground({ platform: browser, engine: { ...engine, dataVersion: engine.DATA_VERSION }, analyzeDelayMs: 0 });
  registerListeners(browser, bg);
  browser.addTab({ id: 1, url: 'https://ehr.example.org/visit', frames: new Map([[0, () => undefined]]) });
  const page = snapshot({ top: true, notes: [{ id: 'b1', label: 'Treatment', text: comfortNote(sentences) }], lines: [{ code: '97124', units: 2, modifiers: ['GP'] }], facts: { Payer: 'Aetna' } });
  await browser.send({ type: 'cs:snapshot', snapshot: page }, contentSender(1, 0, 'https://ehr.example.org', 'doc'));
  await bg.analyzer.schedule(1);
  const ask = async (message: Record<string, unknown>): Promise<TabState> => parseTabState(await browser.send({ ...message, tabId: 1 }, popupSender()))!;
  return { browser, ask };
}

describe('worker: findings past the caps', () => {
  it('drops the counts with the rule when it is turned off for the site, and brings them back', async () => {
    const { browser, ask } = await setup(300);
    const before = await ask({ type: 'ui:get-tab-state' });
    expect(before.result?.truncated?.rules['comfort-wording']?.count).toBe(300);
    const title = browser.badges.get(1)?.title ?? '';
    expect(title).toContain(`${300 + before.result!.findings.filter((f) => f.severity === 'error' && f.ruleId !== 'comfort-wording' && !f.relatedTo).length} errors`);

    const off = await ask({ type: 'ui:rule-scope', ruleId: 'comfort-wording', scope: 'site', off: true });
    expect(off.result?.findings.some((f) => f.ruleId === 'comfort-wording')).toBe(false);
    expect(off.result?.truncated).toBeUndefined();

    const on = await ask({ type: 'ui:rule-scope', ruleId: 'comfort-wording', scope: 'site', off: false });
    expect(on.result?.truncated?.rules['comfort-wording']).toEqual({ count: 300, shown: FINDINGS_LIMITS.perRule, omitted: { error: 300 - FINDINGS_LIMITS.perRule, warning: 0, info: 0 } });
  });
});
