// One module of limits (src/shared/limits.ts) used by every layer: what one layer lets through at
// its limit, the next accepts, and one past it is refused or cut in the same place.
import { describe, expect, it } from 'vitest';
import { buildPolicyState, buildTabState } from '../../src/background/view';
import { DEFAULT_SETTINGS, resolveSettings } from '../../src/settings';
import { visitPartId } from '../../src/background/frames';
import { checkAdapterText, MAX_ADAPTERS } from '../../src/options/adapter-json';
import { ID_LIMITS, MAX_LOCKS, PAGE_CAPS, READING_LIMITS, SETTINGS_LIMITS, TAB_LIMITS, FINDINGS_LIMITS } from '../../src/shared/limits';
import { BackgroundToContent, ContentToBackground } from '../../src/shared/messages';
import { PAGE_LIMITS } from '../../src/shared/page';
import { PageDescriptionSchema } from '../../src/shared/page-schema';
import { validateSelectorConfig } from '../../src/adapters/selector';
import { parsePolicyState } from '../../src/ui/policy-state';
import { parseTabState } from '../../src/ui/tab-state';
import { createBackground, registerListeners } from '../../src/background/service';
import * as engine from '../../src/engine';
import { parseReadingView } from '../../src/shared/reading';
import type { Snapshot } from '../../src/shared/snapshot';
import { contentSender, FakeBrowser, popupSender } from '../background/fake-browser';
import { createFakeEngine } from '../background/fake-engine';
import { page } from '../background/snapshots';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('limits agree between layers', () => {
  it('a policy at every list limit gives locks the options page and the popup both accept', () => {
    const { entries } = SETTINGS_LIMITS;
    const managed = {
      lockedSettings: [...ids('ruleLevels.locked', entries - 4), 'defaultProfile', 'payerMap', 'highlightEnabled', 'dismissals'],
      ruleLevels: Object.fromEntries(ids('level', entries).map((id) => [id, 'warning'])),
      disabledRules: ids('killed', entries),
    };
    const resolved = resolveSettings(DEFAULT_SETTINGS, {}, managed);
    // More than the 500 the popup and the options page used to accept; never more than MAX_LOCKS.
    expect(resolved.locked.length).toBeGreaterThan(entries);
    expect(resolved.locked.length).toBeLessThanOrEqual(MAX_LOCKS);
    expect(parsePolicyState(buildPolicyState(resolved))).not.toBeNull();
    expect(parseTabState(buildTabState(null, createFakeEngine(), resolved))).not.toBeNull();
    // One past the list limit is refused by the worker, with a reason, not passed on.
    const over = resolveSettings(DEFAULT_SETTINGS, {}, { lockedSettings: ids('ruleLevels.x', entries + 1) });
    expect(over.locked).toEqual([]);
    expect(over.rejected.map((r) => r.key)).toContain('lockedSettings');
  });

  it('the options page and the worker allow the same number of selector adapters', () => {
    expect(MAX_ADAPTERS).toBe(SETTINGS_LIMITS.adapters);
    const config = (i: number) => ({ name: `EHR ${i}`, urlPattern: `https://ehr${i}.example.org/*`, noteSelectors: [{ selector: '#note' }] });
    const list = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => config(i)));
    expect(checkAdapterText(list(MAX_ADAPTERS), validateSelectorConfig).state).toBe('valid');
    expect(checkAdapterText(list(MAX_ADAPTERS + 1), validateSelectorConfig).state).toBe('invalid');
    const at = resolveSettings(DEFAULT_SETTINGS, {}, { selectorAdapters: Array.from({ length: MAX_ADAPTERS }, (_, i) => config(i)) });
    expect(at.settings.selectorAdapters).toHaveLength(MAX_ADAPTERS);
    const past = resolveSettings(DEFAULT_SETTINGS, {}, { selectorAdapters: Array.from({ length: MAX_ADAPTERS + 1 }, (_, i) => config(i)) });
    expect(past.rejected.map((r) => r.key)).toContain('selectorAdapters');
  });

  it('an anchor id at its limit passes the page schema, the highlight message, and as a part id the popup', () => {
    const anchor = 'a'.repeat(ID_LIMITS.anchor);
    const described = page({ notes: [{ id: anchor, text: 'Massage 15 min.' }] });
    expect(PageDescriptionSchema.safeParse(described).success).toBe(true);
    expect(PageDescriptionSchema.safeParse(page({ notes: [{ id: `${anchor}a`, text: 'x' }] })).success).toBe(false);
    expect(BackgroundToContent.highlight.safeParse({ type: 'bg:highlight', partId: anchor, start: 0, end: 1 }).success).toBe(true);
    expect(BackgroundToContent.highlight.safeParse({ type: 'bg:highlight', partId: `${anchor}a`, start: 0, end: 1 }).success).toBe(false);
    // The longest part id the worker makes: the largest frame id, an anchor at its limit, a split index.
    const partId = `${visitPartId(Number.MAX_SAFE_INTEGER, anchor)}#${PAGE_CAPS.blocks}`;
    expect(partId.length).toBeLessThanOrEqual(ID_LIMITS.part);
    expect(ContentToBackground.openFinding.safeParse({ type: 'cs:open-finding', findingKey: 'k'.repeat(ID_LIMITS.findingKey) }).success).toBe(true);
  });

  it('the page caps are the limits module\'s, and the TabState holds one check\'s findings', () => {
    expect(PAGE_LIMITS).toBe(PAGE_CAPS);
    expect(TAB_LIMITS.findings).toBe(FINDINGS_LIMITS.total);
    expect(FINDINGS_LIMITS.perRule).toBeLessThanOrEqual(FINDINGS_LIMITS.total);
  });

  it('claim lines at the page\'s row cap, and more over two tables: the popup and "Read from" both accept them', async () => {
    const browser = new FakeBrowser();
    const bg = createBackground({ platform: browser, engine: { ...engine, dataVersion: engine.DATA_VERSION }, analyzeDelayMs: 0 });
    registerListeners(browser, bg);
    browser.addTab({ id: 1, url: 'https://ehr.example.org/claims', frames: new Map([[0, () => undefined]]) });
    const lines = Array.from({ length: PAGE_CAPS.rows }, () => ({ code: '97124', units: 1, modifiers: ['GP'] }));
    const described = page({ top: true, notes: [{ id: 'b1', label: 'Treatment', text: 'Massage 15 min to lumbar paraspinals for spasm.' }], lines, facts: { Payer: 'Aetna' } });
    const send = async (snapshot: Snapshot) => {
      await browser.send({ type: 'cs:snapshot', snapshot }, contentSender(1, 0, 'https://ehr.example.org', 'doc'));
      await bg.analyzer.schedule(1);
      return {
        state: parseTabState(await browser.send({ type: 'ui:get-tab-state', tabId: 1 }, popupSender())),
        reading: parseReadingView(await browser.send({ type: 'ui:get-reading', tabId: 1 }, popupSender())),
      };
    };
    const at = await send({ adapter: 'page', page: described });
    expect(at.state?.lines).toHaveLength(PAGE_CAPS.rows);
    expect(at.reading?.visits[0]?.lines).toHaveLength(PAGE_CAPS.rows);
    expect(at.reading?.status.cut).toEqual([]);

    // A second table of the same visit: more lines than either view holds; each lists its limit and says so.
    const second = { ...described.tables[0]!, id: 't1', at: 99 };
    const past = await send({ adapter: 'page', page: { ...described, tables: [...described.tables, second] } });
    expect(past.state).not.toBeNull();
    expect(past.state?.lines).toHaveLength(TAB_LIMITS.lines);
    expect(past.reading?.visits[0]?.lines).toHaveLength(READING_LIMITS.linesPerVisit);
    expect(past.reading?.status.cut).toContain(`claim lines (${READING_LIMITS.linesPerVisit} of ${2 * PAGE_CAPS.rows} listed)`);
  });
});
