// The worker under managed policy: where the content script is registered (allowed EHR sites),
// what reaches the engine, what the popup and options page are told, and that a malformed or
// late policy never takes the worker down.
import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_ID } from '../../src/background/activate';
import { patternCoversOrigin, policyAllowsOrigin, runnableOrigins } from '../../src/background/policy-origins';
import { createBackground, registerListeners, type Background } from '../../src/background/service';
import { DEFAULT_SETTINGS, resolveSettings } from '../../src/settings';
import { parsePolicyState } from '../../src/ui/policy-state';
import { parseTabState, type TabState } from '../../src/ui/tab-state';
import type { Snapshot } from '../../src/shared/snapshot';
import { contentSender, FakeBrowser, popupSender } from './fake-browser';
import { createFakeEngine, type FakeEngine } from './fake-engine';
import { snapshot as pageSnapshot } from './snapshots';

const EHR = 'https://ehr.example.org';
const snapshot: Snapshot = pageSnapshot({ notes: [{ id: 'soap', text: 'Massage for relaxation only.' }], lines: [{ code: '97124', units: 2 }], facts: { Payer: 'Acme Health' } });

interface Harness {
  browser: FakeBrowser;
  engine: FakeEngine;
  bg: Background;
  report(tabId: number, origin?: string): Promise<void>;
  ui(message: unknown): Promise<unknown>;
  state(tabId: number): Promise<TabState>;
  registeredMatches(): string[];
}

function harness(browser = new FakeBrowser(), managedTimeoutMs?: number): Harness {
  const engine = createFakeEngine();
  const bg = createBackground({ platform: browser, engine, analyzeDelayMs: 0, now: () => 1_700_000_000_000, ...(managedTimeoutMs ? { managedTimeoutMs } : {}) });
  registerListeners(browser, bg);
  const h: Harness = {
    browser,
    engine,
    bg,
    async report(tabId, origin = EHR) {
      await browser.send({ type: 'cs:snapshot', snapshot }, contentSender(tabId, 0, origin, `doc-${tabId}`));
      await bg.analyzer.schedule(tabId);
    },
    ui: (message) => browser.send(message, popupSender()),
    async state(tabId) {
      const parsed = parseTabState(await h.ui({ type: 'ui:get-tab-state', tabId }));
      if (!parsed) throw new Error('not a TabState');
      return parsed;
    },
    registeredMatches: () => [...(browser.registered.find((s) => s.id === CONTENT_SCRIPT_ID)?.matches ?? [])].sort(),
  };
  return h;
}

/** Let queued promise chains (storage.onChanged → re-register → inject) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('allowed EHR sites from policy', () => {
  it('store build: registers nothing for a policy site until the browser grants access, then exactly it', async () => {
    const h = harness();
    h.browser.granted.add('https://personal.example/*'); // granted by the user before the policy came
    h.browser.managedArea.replaceAll({ allowedOrigins: [`${EHR}/*`] });
    await h.bg.start();
    expect(h.registeredMatches()).toEqual([]);
    expect(parsePolicyState(await h.ui({ type: 'ui:get-policy' }))?.sites).toEqual([{ pattern: `${EHR}/*`, granted: false }]);

    // The popup's / options page's "Grant access" (a user gesture) grants the policy site.
    h.browser.grant([`${EHR}/*`]);
    await settle();
    expect(h.registeredMatches()).toEqual([`${EHR}/*`]);
    expect(parsePolicyState(await h.ui({ type: 'ui:get-policy' }))?.sites).toEqual([{ pattern: `${EHR}/*`, granted: true }]);
  });

  it('enterprise build (host access granted at force-install): runs on exactly the policy sites, no prompt', async () => {
    const browser = new FakeBrowser();
    browser.granted.add('https://*/*');
    browser.managedArea.replaceAll({ allowedOrigins: [`${EHR}/*`, 'https://*.clinic.example/*'] });
    const h = harness(browser);
    await h.bg.start();
    expect(h.registeredMatches()).toEqual(['https://*.clinic.example/*', `${EHR}/*`]);
  });

  it('without a site policy keeps the user-granted sites and never registers a wildcard host', async () => {
    const browser = new FakeBrowser();
    browser.granted.add('https://*/*');
    browser.granted.add('https://a.example.org/*');
    const h = harness(browser);
    await h.bg.start();
    expect(h.registeredMatches()).toEqual(['https://a.example.org/*']);
  });

  it('applies a policy change at once: re-registers and reaches the tabs already open on new sites', async () => {
    const browser = new FakeBrowser();
    browser.granted.add('https://*/*');
    const h = harness(browser);
    await h.bg.start();
    h.browser.addTab({ id: 7, url: `${EHR}/encounter?id=1` });
    h.browser.addTab({ id: 8, url: 'https://news.example/' });
    h.browser.managedArea.replaceAll({ allowedOrigins: [`${EHR}/*`] });
    await settle();
    expect(h.registeredMatches()).toEqual([`${EHR}/*`]);
    expect(h.browser.executed.map((i) => i.target.tabId)).toEqual([7]);

    h.browser.managedArea.replaceAll({});
    await settle();
    expect(h.registeredMatches()).toEqual([]);
  });

  it('does not offer a grant on a site outside the policy list (restricted), but does on a listed one', async () => {
    const h = harness();
    h.browser.managedArea.replaceAll({ allowedOrigins: [`${EHR}/*`] });
    h.browser.addTab({ id: 3, url: 'https://other.example/page', injectable: false });
    h.browser.addTab({ id: 4, url: `${EHR}/page`, injectable: false });
    expect((await h.state(3)).status).toBe('restricted');
    expect((await h.state(4)).status).toBe('not-granted');
  });

  it('matches page origins against site patterns', () => {
    expect(patternCoversOrigin('https://ehr.example.org/*', 'https://ehr.example.org')).toBe(true);
    expect(patternCoversOrigin('https://ehr.example.org/*', 'https://ehr.example.org:8443')).toBe(true);
    expect(patternCoversOrigin('https://ehr.example.org:8443/*', 'https://ehr.example.org')).toBe(false);
    expect(patternCoversOrigin('https://*.example.org/*', 'https://a.b.example.org')).toBe(true);
    expect(patternCoversOrigin('https://*.example.org/*', 'https://example.org')).toBe(true);
    expect(patternCoversOrigin('https://*.example.org/*', 'https://badexample.org')).toBe(false);
    expect(patternCoversOrigin('https://ehr.example.org/*', 'http://ehr.example.org')).toBe(false);
    expect(patternCoversOrigin('not a pattern', 'https://ehr.example.org')).toBe(false);
    const resolved = resolveSettings(DEFAULT_SETTINGS, {}, { allowedOrigins: ['http://127.0.0.1/*'] });
    expect(policyAllowsOrigin(resolved, 'http://127.0.0.1:4173')).toBe(true);
    expect(policyAllowsOrigin(resolveSettings(DEFAULT_SETTINGS, { allowedOrigins: ['http://127.0.0.1/*'] }, {}), 'http://x')).toBeNull();
  });

  it('treats a permissions API that throws as "no access" rather than failing', async () => {
    const resolved = resolveSettings(DEFAULT_SETTINGS, {}, { allowedOrigins: [`${EHR}/*`] });
    const permissions = {
      getAll: async () => ({ origins: [] }),
      contains: async () => {
        throw new Error('Invalid host pattern');
      },
    };
    expect(await runnableOrigins(permissions, resolved)).toEqual([]);
  });
});

describe('policy reaches the engine and the UI', () => {
  it('passes payer mapping, kill switch, rule options and the locked profile to the engine, and tells the popup', async () => {
    const h = harness();
    h.browser.addTab({ id: 1, url: `${EHR}/encounter` });
    h.browser.managedArea.replaceAll({
      payerMap: { 'Acme Health': 'medicare' },
      disabledRules: ['relaxation-only'],
      defaultProfile: 'aetna',
      lockedSettings: ['profile'],
      ruleLevels: { 'units-note': 'warning' },
      highlightEnabled: 'no',
    });
    await h.report(1);
    const options = h.engine.calls.at(-1)?.options;
    expect(options).toMatchObject({ payerMap: { 'Acme Health': 'medicare' }, disabledRules: ['relaxation-only'], defaultProfile: 'aetna', ruleLevels: { 'units-note': 'warning' } });
    const state = await h.state(1);
    expect(state.result?.findings.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(['missing-gp:warning', 'units-note:warning']);
    expect(state.locked).toEqual(['payerMap', 'profile', 'ruleLevels.relaxation-only', 'ruleLevels.units-note']);
    expect(state.rejectedPolicy).toEqual([{ key: 'highlightEnabled', reason: 'expected true or false, got text' }]);
    // A locked profile cannot be switched from the popup.
    await expect(h.ui({ type: 'ui:set-profile', tabId: 1, profile: 'medicare' })).resolves.toEqual({ ok: false, error: 'locked' });

    const policy = parsePolicyState(await h.ui({ type: 'ui:get-policy' }));
    expect(policy?.values).toEqual({
      defaultProfile: 'aetna',
      ruleLevels: { 'units-note': 'warning' },
      disabledRules: ['relaxation-only'],
      payerMap: { 'Acme Health': 'medicare' },
    });
    expect(policy?.sites).toBeUndefined();
  });

  it('re-checks open tabs when the policy changes', async () => {
    const h = harness();
    h.browser.addTab({ id: 1, url: `${EHR}/encounter`, frames: new Map([[0, () => undefined]]) });
    await h.report(1);
    expect((await h.state(1)).result?.findings.map((f) => f.ruleId)).toContain('relaxation-only');
    h.browser.managedArea.replaceAll({ disabledRules: ['relaxation-only'] });
    await settle();
    await h.bg.analyzer.schedule(1);
    expect((await h.state(1)).result?.findings.map((f) => f.ruleId)).not.toContain('relaxation-only');
  });

  it('keeps working under a policy that is wrong in every way, and the popup reply stays valid', async () => {
    const h = harness();
    h.browser.addTab({ id: 1, url: `${EHR}/encounter` });
    const junk: Record<string, unknown> = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    for (let i = 0; i < 400; i += 1) junk[`unknown-${i}`] = i;
    Object.assign(junk, {
      ruleLevels: Object.fromEntries(Array.from({ length: 450 }, (_, i) => [`rule-${i}`, 'loud'])),
      allowedOrigins: '["https://x/*"]',
      selectorAdapters: [{ name: 1 }],
      lockedSettings: [null, {}, 'everything'],
      payerMap: { ['x'.repeat(5000)]: 'medicare' },
    });
    h.browser.managedArea.replaceAll(junk);
    await h.report(1);
    const state = await h.state(1);
    expect(state.status).toBe('ok');
    expect(state.result?.findings.length).toBeGreaterThan(0);
    expect(state.rejectedPolicy.length).toBe(101);
    expect(parsePolicyState(await h.ui({ type: 'ui:get-policy' }))).not.toBeNull();
  });

  it('applies a policy that arrives late (fresh Chrome profile) without a storage event', async () => {
    let answer: (value: Record<string, unknown>) => void = () => undefined;
    const browser = new FakeBrowser();
    browser.granted.add('https://*/*');
    const late = new Promise<Record<string, unknown>>((resolve) => (answer = resolve));
    browser.storage.managed = { get: () => late };
    const h = harness(browser, 20);
    h.browser.addTab({ id: 1, url: `${EHR}/encounter` });
    await h.bg.start();
    expect(h.registeredMatches()).toEqual([]);
    await h.report(1);
    expect(h.engine.calls.at(-1)?.options.disabledRules).toEqual([]);
    answer({ allowedOrigins: [`${EHR}/*`], disabledRules: ['units-note'] });
    await settle();
    expect(h.registeredMatches()).toEqual([`${EHR}/*`]);
    await h.bg.analyzer.schedule(1);
    expect(h.engine.calls.at(-1)?.options.disabledRules).toEqual(['units-note']);
  });
});
