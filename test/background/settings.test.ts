import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, resolveSettings, SettingsStore } from '../../src/background/settings';
import { FakeBrowser } from './fake-browser';

const known = {
  rules: new Set(['relaxation-only', 'missing-gp', 'units-note']),
  profiles: new Set(['commercial', 'medicare', 'aetna']),
};

describe('resolveSettings', () => {
  it('gives the defaults for empty areas, with nothing rejected or locked', () => {
    expect(resolveSettings(DEFAULT_SETTINGS, {}, {}, known)).toEqual({ settings: DEFAULT_SETTINGS, rejected: [], locked: [] });
  });

  it('applies valid user values', () => {
    const { settings, rejected } = resolveSettings(
      DEFAULT_SETTINGS,
      { defaultProfile: 'medicare', ruleLevels: { 'missing-gp': 'error' }, highlightEnabled: false, payerMap: { 'Acme Health': 'aetna' } },
      {},
      known,
    );
    expect(rejected).toEqual([]);
    expect(settings.defaultProfile).toBe('medicare');
    expect(settings.ruleLevels).toEqual({ 'missing-gp': 'error' });
    expect(settings.highlightEnabled).toBe(false);
    expect(settings.payerMap).toEqual({ 'Acme Health': 'aetna' });
  });

  it('drops bad user values one by one and keeps the good ones', () => {
    const { settings, rejected } = resolveSettings(
      DEFAULT_SETTINGS,
      {
        defaultProfile: 'no-such-payer',
        ruleLevels: { 'missing-gp': 'loud', 'units-note': 'off', 'not-a-rule': 'info' },
        highlightEnabled: 'yes',
        unrelatedKey: 42,
      },
      {},
      known,
    );
    expect(settings.defaultProfile).toBeNull();
    expect(settings.ruleLevels).toEqual({ 'units-note': 'off' });
    expect(settings.highlightEnabled).toBe(true);
    expect(rejected).toEqual([
      { source: 'sync', key: 'defaultProfile', reason: 'no payer profile "no-such-payer"' },
      { source: 'sync', key: 'ruleLevels.missing-gp', reason: 'expected one of off, info, warning, error' },
      { source: 'sync', key: 'ruleLevels.not-a-rule', reason: 'no rule "not-a-rule"' },
      { source: 'sync', key: 'highlightEnabled', reason: 'expected true or false' },
    ]);
  });

  it('lets policy win over the user and locks what it sets', () => {
    const { settings, locked } = resolveSettings(
      DEFAULT_SETTINGS,
      { defaultProfile: 'aetna', ruleLevels: { 'missing-gp': 'info', 'units-note': 'warning' }, highlightEnabled: true },
      { defaultProfile: 'medicare', ruleLevels: { 'missing-gp': 'error' }, highlightEnabled: false },
      known,
    );
    expect(settings.defaultProfile).toBe('medicare');
    expect(settings.ruleLevels).toEqual({ 'missing-gp': 'error', 'units-note': 'warning' });
    expect(settings.highlightEnabled).toBe(false);
    expect(locked).toEqual(['highlightEnabled', 'profile', 'ruleLevels.missing-gp']);
  });

  it('adds policy kill switches to the user list and locks those rules', () => {
    const { settings, locked } = resolveSettings(DEFAULT_SETTINGS, { disabledRules: ['units-note'] }, { disabledRules: ['missing-gp'] }, known);
    expect(settings.disabledRules).toEqual(['units-note', 'missing-gp']);
    expect(locked).toEqual(['ruleLevels.missing-gp']);
  });

  it('honours lockedSettings without a value: the user value is ignored, the default applies', () => {
    const { settings, locked, rejected } = resolveSettings(
      DEFAULT_SETTINGS,
      { ruleLevels: { 'missing-gp': 'off' }, defaultProfile: 'aetna' },
      { lockedSettings: ['ruleLevels', 'profile', 'everything'] },
      known,
    );
    expect(settings.ruleLevels).toEqual({});
    expect(settings.defaultProfile).toBeNull();
    expect(locked).toEqual(['profile', 'ruleLevels']);
    expect(rejected).toEqual([{ source: 'managed', key: 'lockedSettings.2', reason: 'not a setting that can be locked' }]);
  });

  it('ignores a malformed policy key, applies the valid ones and reports the bad ones', () => {
    const { settings, rejected, locked } = resolveSettings(
      DEFAULT_SETTINGS,
      {},
      {
        defaultProfile: 42,
        ruleLevels: 'error',
        allowedOrigins: ['https://ehr.example.org/*', 'ftp://x/*'],
        payerMap: { 'Blue Plan': 'bcbs-nope', Medicare: 'medicare' },
        killEverything: true,
        lockedSettings: 'all',
      },
      known,
    );
    expect(settings.defaultProfile).toBeNull();
    expect(settings.allowedOrigins).toEqual(['https://ehr.example.org/*']);
    expect(settings.payerMap).toEqual({ Medicare: 'medicare' });
    expect(locked).toEqual(['allowedOrigins']);
    expect(rejected.map((r) => r.key)).toEqual([
      'lockedSettings',
      'killEverything',
      'defaultProfile',
      'ruleLevels',
      'payerMap.Blue Plan',
      'allowedOrigins.1',
    ]);
    expect(rejected.every((r) => r.source === 'managed')).toBe(true);
  });

  it('never lets prototype keys through', () => {
    const sync = JSON.parse('{"ruleLevels": {"__proto__": {"polluted": "yes"}, "constructor": "off", "missing-gp": "off"}, "payerMap": {"__proto__": "aetna"}}') as Record<string, unknown>;
    const { settings } = resolveSettings(DEFAULT_SETTINGS, sync, {}, known);
    expect(settings.ruleLevels).toEqual({ 'missing-gp': 'off' });
    expect(Object.getPrototypeOf(settings.ruleLevels)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(settings.payerMap)).toEqual([]);
  });

  it('bounds the opaque selector config and copies it', () => {
    const config = { adapters: [{ name: 'x', url: 'https://ehr/*', note: ['#n'] }] };
    const ok = resolveSettings(DEFAULT_SETTINGS, { selectorAdapters: config }, {}, known);
    expect(ok.settings.selectorAdapters).toEqual(config);
    expect(ok.settings.selectorAdapters).not.toBe(config);
    const big = resolveSettings(DEFAULT_SETTINGS, { selectorAdapters: { blob: 'x'.repeat(70_000) } }, {}, known);
    expect(big.settings.selectorAdapters).toBeNull();
    expect(big.rejected[0]?.key).toBe('selectorAdapters');
  });
});

describe('SettingsStore', () => {
  it('treats a rejecting managed area (Firefox without policy) as no policy', async () => {
    const browser = new FakeBrowser();
    browser.managedArea.failGet = new Error('Managed storage manifest not found');
    await browser.syncArea.set({ defaultProfile: 'medicare' });
    const store = new SettingsStore(browser.storage, () => known);
    const resolved = await store.get();
    expect(resolved.settings.defaultProfile).toBe('medicare');
    expect(resolved.locked).toEqual([]);
  });

  it('re-reads after a managed or settings change, not after unrelated sync keys', async () => {
    const browser = new FakeBrowser();
    const store = new SettingsStore(browser.storage, () => known);
    expect((await store.get()).settings.highlightEnabled).toBe(true);
    await browser.syncArea.set({ highlightEnabled: false });
    expect(store.onStorageChanged({ popupWidth: { newValue: 3 } }, 'sync')).toBe(false);
    expect((await store.get()).settings.highlightEnabled).toBe(true);
    expect(store.onStorageChanged({ highlightEnabled: { newValue: false } }, 'sync')).toBe(true);
    expect((await store.get()).settings.highlightEnabled).toBe(false);
    browser.managedArea.replaceAll({ highlightEnabled: true });
    expect(store.onStorageChanged({}, 'managed')).toBe(true);
    expect((await store.get()).locked).toEqual(['highlightEnabled']);
  });

  it('writes rule levels without losing concurrent updates, and refuses locked rules', async () => {
    const browser = new FakeBrowser();
    browser.managedArea.replaceAll({ ruleLevels: { 'units-note': 'info' } });
    const store = new SettingsStore(browser.storage, () => known);
    const results = await Promise.all([store.setRuleLevel('missing-gp', 'error'), store.setRuleLevel('relaxation-only', 'warning')]);
    expect(results).toEqual(['ok', 'ok']);
    expect(browser.syncArea.data.get('ruleLevels')).toEqual({ 'missing-gp': 'error', 'relaxation-only': 'warning' });
    expect(await store.setRuleLevel('units-note', 'off')).toBe('locked');
  });
});
