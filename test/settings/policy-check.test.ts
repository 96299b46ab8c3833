// Policy validated key by key, and entry by entry inside maps and lists: what Chrome/Edge deliver
// through the lenient managed schema (src/settings/chrome-policy.ts), what the extension keeps and
// rejects (src/settings/resolve.ts), and the options page's check of a policy file before
// deployment (src/settings/policy-check.ts), which is the only place a Chrome-dropped key shows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listProfiles, listRules } from '../../src/engine';
import { chromeDelivery } from '../../src/settings/chrome-policy';
import type { ChromeSchema } from '../../src/settings/chrome-schema';
import { checkPolicy } from '../../src/settings/policy-check';
import { DEFAULT_SETTINGS, readUserSettings, resolveSettings } from '../../src/settings';

const SCHEMA = JSON.parse(readFileSync(new URL('../../manifest/managed_schema.json', import.meta.url), 'utf8')) as ChromeSchema;
const known = { rules: new Set(listRules().map((r) => r.id)), profiles: new Set(listProfiles().map((p) => p.id)) };

/** The policy the e2e tests deploy, in spirit: good values, one bad level, one wrongly typed key. */
const POLICY = {
  ruleLevels: { 'units-minutes': 'warning', 'time-totals': 'severe', 'no-such-rule': 'off' },
  payerMap: { 'Acme Health PPO': 'aetna' },
  disabledRules: ['comfort-wording'],
  highlightEnabled: 'no',
};

describe('a bad value inside ruleLevels costs only that entry', () => {
  it('Chrome delivers ruleLevels whole (no enum in the schema) and the extension keeps the valid levels', () => {
    const { delivered, actions } = chromeDelivery(SCHEMA, POLICY);
    expect(delivered.ruleLevels).toEqual(POLICY.ruleLevels);
    expect(actions.filter((a) => a.key === 'ruleLevels')).toEqual([]);
    const { settings, rejected, locked } = resolveSettings(DEFAULT_SETTINGS, {}, delivered, known);
    expect(settings.ruleLevels).toEqual({ 'units-minutes': 'warning' });
    expect(rejected).toEqual([
      { source: 'managed', key: 'ruleLevels.time-totals', reason: '"severe" is not one of off, info, warning, error' },
      { source: 'managed', key: 'ruleLevels.no-such-rule', reason: 'no rule "no-such-rule"' },
    ]);
    expect(locked).toContain('ruleLevels.units-minutes');
    expect(locked).not.toContain('ruleLevels.time-totals');
  });

  it('a level of the wrong JSON type is still a whole-key drop in Chrome (no schema can let it through)', () => {
    const { delivered, actions } = chromeDelivery(SCHEMA, { ruleLevels: { 'units-minutes': 2 }, payerMap: { Acme: 'aetna' } });
    expect(delivered).toEqual({ payerMap: { Acme: 'aetna' } });
    expect(actions).toEqual([{ key: 'ruleLevels', path: 'ruleLevels', kind: 'dropped-key', reason: 'expected text, got a number (at ruleLevels.units-minutes)' }]);
  });
});

describe('a wrongly typed key', () => {
  it('is dropped by Chrome before the extension sees it; Firefox passes it and the extension names it', () => {
    const chrome = chromeDelivery(SCHEMA, POLICY);
    expect(chrome.delivered).not.toHaveProperty('highlightEnabled');
    expect(chrome.actions).toEqual([{ key: 'highlightEnabled', path: 'highlightEnabled', kind: 'dropped-key', reason: 'expected true/false, got text' }]);
    const firefox = resolveSettings(DEFAULT_SETTINGS, {}, POLICY, known);
    expect(firefox.rejected).toContainEqual({ source: 'managed', key: 'highlightEnabled', reason: 'expected true or false, got text' });
    expect(firefox.settings.highlightEnabled).toBe(true);
    expect(firefox.settings.payerMap).toEqual({ 'Acme Health PPO': 'aetna' });
  });
});

describe('checking a policy file before deploying it', () => {
  it('lists every key that will not apply as written, with the browsers it concerns and why', () => {
    const result = checkPolicy(JSON.stringify(POLICY), SCHEMA, known);
    expect(result).toEqual({
      ok: true,
      found: 'configuration',
      problems: [
        { key: 'highlightEnabled', browsers: 'chrome', reason: 'Chrome and Edge drop the whole key: expected true/false, got text' },
        { key: 'ruleLevels.time-totals', browsers: 'all', reason: 'ignored by the extension: "severe" is not one of off, info, warning, error' },
        { key: 'ruleLevels.no-such-rule', browsers: 'all', reason: 'ignored by the extension: no rule "no-such-rule"' },
        { key: 'highlightEnabled', browsers: 'firefox', reason: 'ignored by the extension: expected true or false, got text' },
      ],
    });
  });

  it('finds the configuration inside a Chrome/Edge policy file or a Firefox policies.json', () => {
    const config = { disabledRules: 'comfort-wording', selectorAdapters: [{ name: 'A', urlPattern: 'https://ehr.example.org/*', noteSelectors: [{ selector: '#n' }], payerSelectr: '.p' }] };
    const chromeFile = { ExtensionSettings: {}, '3rdparty': { extensions: { abcdefghijklmnopabcdefghijklmnop: config } } };
    const chrome = checkPolicy(JSON.stringify(chromeFile), SCHEMA, known);
    expect(chrome.ok && chrome.found).toBe('chrome-file');
    expect(chrome.ok && chrome.problems.map((p) => [p.key, p.browsers])).toEqual([
      ['disabledRules', 'chrome'],
      ['selectorAdapters[0].payerSelectr', 'chrome'],
      ['disabledRules', 'firefox'],
      ['selectorAdapters.0', 'firefox'],
    ]);
    expect(chrome.ok && chrome.problems[1]?.reason).toBe('Chrome and Edge remove it silently (not a known property)');
    const firefoxFile = { policies: { '3rdparty': { Extensions: { 'therapy-claim-guard@example.org': { ruleLevels: { 'units-minutes': 'error' } } } } } };
    expect(checkPolicy(JSON.stringify(firefoxFile), SCHEMA, known)).toEqual({ ok: true, found: 'firefox-file', problems: [] });
  });

  it('says why a text cannot be checked at all', () => {
    expect(checkPolicy('{"ruleLevels": {', SCHEMA, known)).toMatchObject({ ok: false, error: expect.stringMatching(/^not valid JSON/) });
    expect(checkPolicy('["x"]', SCHEMA, known)).toEqual({ ok: false, error: 'expected an object of settings, got a list' });
    expect(checkPolicy(JSON.stringify({ '3rdparty': { extensions: { a: {}, b: {} } } }), SCHEMA, known)).toMatchObject({ ok: false, error: expect.stringMatching(/^no configuration for this extension/) });
  });
});

describe("the user's own settings (storage.sync), read by the options page through the same model", () => {
  it('keeps each valid entry, drops each bad one with a reason, and keeps the adapter text exactly as stored', () => {
    const adapters = [{ name: 'half-typed', urlPattern: 'nope' }];
    const { settings, rejected } = readUserSettings({
      defaultProfile: 'aetna',
      ruleLevels: { 'units-minutes': 'error', 'time-totals': 'loud' },
      highlightEnabled: 'yes',
      selectorAdapters: adapters,
      ruleScopes: { sites: { 'https://ehr.example.org': ['comfort-wording', 7] } },
      unrelated: 1,
    }, known);
    expect(settings).toEqual({
      defaultProfile: 'aetna',
      ruleLevels: { 'units-minutes': 'error' },
      highlightEnabled: true,
      selectorAdapters: adapters,
      ruleScopes: { profiles: {}, sites: { 'https://ehr.example.org': ['comfort-wording'] } },
    });
    expect(rejected.map((r) => r.key)).toEqual(['ruleLevels.time-totals', 'highlightEnabled', 'ruleScopes.sites.https://ehr.example.org.1']);
  });
});

describe('visit history keys', () => {
  it('are known to the policy; a wrong value is listed as rejected and good ones are not', () => {
    const bad = resolveSettings(DEFAULT_SETTINGS, {}, { historyEnabled: 'no', historyRetentionDays: 0 }, known);
    expect(bad.rejected.map((r) => r.key).sort()).toEqual(['historyEnabled', 'historyRetentionDays']);
    expect(bad.rejected.find((r) => r.key === 'historyRetentionDays')?.reason).toMatch(/1 to 3650/);
    const good = resolveSettings(DEFAULT_SETTINGS, {}, { historyEnabled: false, historyRetentionDays: 90 }, known);
    expect(good.rejected).toEqual([]);
  });
});
