import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPolicyState } from '../../src/background/view';
import { SettingsStore } from '../../src/background/settings';
import { DEFAULT_HISTORY, DEFAULT_HISTORY_RETENTION_DAYS, DEFAULT_SETTINGS, LIMITS, resolveSettings, type Rejection } from '../../src/settings';
import { listProfiles, listRules } from '../../src/engine';
import { PolicyStateSchema } from '../../src/ui/policy-state';
import { FakeBrowser } from './fake-browser';

/** The real engine's ids, as the worker passes them. */
const known = {
  rules: new Set(listRules().map((rule) => rule.id)),
  profiles: new Set(listProfiles().map((profile) => profile.id)),
};

const ADAPTER = {
  name: 'Acme EHR',
  urlPattern: 'https://ehr.acme.example/*',
  noteSelectors: [{ selector: '#note', label: 'Note' }],
  claimRowSelector: 'table.claim tr',
  columns: { code: '.cpt', units: '.units' },
};

function rejectedFor(managed: Record<string, unknown>, sync: Record<string, unknown> = {}): Rejection[] {
  return resolveSettings(DEFAULT_SETTINGS, sync, managed, known).rejected;
}

function reasonFor(managed: Record<string, unknown>, key: string): string | undefined {
  return rejectedFor(managed).find((r) => r.key === key)?.reason;
}

describe('resolveSettings: merge order and locks', () => {
  it('gives the defaults for empty areas, with nothing rejected or locked', () => {
    expect(resolveSettings(DEFAULT_SETTINGS, {}, {}, known)).toEqual({ settings: DEFAULT_SETTINGS, history: DEFAULT_HISTORY, rejected: [], locked: [], lockInfo: { reasons: {} } });
  });

  it('applies valid user values', () => {
    const { settings, rejected, locked } = resolveSettings(
      DEFAULT_SETTINGS,
      { defaultProfile: 'medicare', ruleLevels: { 'comfort-wording': 'error' }, highlightEnabled: false, payerMap: { 'Acme Health': 'aetna' } },
      {},
      known,
    );
    expect(rejected).toEqual([]);
    expect(locked).toEqual([]);
    expect(settings.defaultProfile).toBe('medicare');
    expect(settings.ruleLevels).toEqual({ 'comfort-wording': 'error' });
    expect(settings.highlightEnabled).toBe(false);
    expect(settings.payerMap).toEqual({ 'Acme Health': 'aetna' });
  });

  it('drops bad user values one by one and keeps the good ones', () => {
    const { settings, rejected } = resolveSettings(
      DEFAULT_SETTINGS,
      {
        defaultProfile: 'no-such-payer',
        ruleLevels: { 'comfort-wording': 'loud', 'units-minutes': 'off', 'not-a-rule': 'info' },
        highlightEnabled: 'yes',
        unrelatedKey: 42,
      },
      {},
      known,
    );
    expect(settings.defaultProfile).toBeNull();
    expect(settings.ruleLevels).toEqual({ 'units-minutes': 'off' });
    expect(settings.highlightEnabled).toBe(true);
    // Unknown sync keys belong to other features (popup width…): only policy keys are policed.
    expect(rejected).toEqual([
      { source: 'sync', key: 'defaultProfile', reason: 'no payer profile "no-such-payer"' },
      { source: 'sync', key: 'ruleLevels.comfort-wording', reason: '"loud" is not one of off, info, warning, error' },
      { source: 'sync', key: 'ruleLevels.not-a-rule', reason: 'no rule "not-a-rule"' },
      { source: 'sync', key: 'highlightEnabled', reason: 'expected true or false, got text' },
    ]);
  });

  it('lets policy win over the user and locks what it sets', () => {
    const { settings, locked } = resolveSettings(
      DEFAULT_SETTINGS,
      { defaultProfile: 'aetna', ruleLevels: { 'comfort-wording': 'info', 'units-minutes': 'warning' }, highlightEnabled: true },
      { defaultProfile: 'medicare', ruleLevels: { 'comfort-wording': 'error' }, highlightEnabled: false, payerMap: { 'Acme Health': 'cigna' } },
      known,
    );
    expect(settings.defaultProfile).toBe('medicare');
    expect(settings.ruleLevels).toEqual({ 'comfort-wording': 'error', 'units-minutes': 'warning' });
    expect(settings.highlightEnabled).toBe(false);
    expect(settings.payerMap).toEqual({ 'Acme Health': 'cigna' });
    expect(locked).toEqual(['highlightEnabled', 'payerMap', 'profile', 'ruleLevels.comfort-wording']);
  });

  it('lets a policy mapping win over the user mapping of the same payer name', () => {
    const { settings } = resolveSettings(DEFAULT_SETTINGS, { payerMap: { Acme: 'aetna', Blue: 'bcbs' } }, { payerMap: { Acme: 'medicare' } }, known);
    expect(settings.payerMap).toEqual({ Acme: 'medicare', Blue: 'bcbs' });
  });

  it('adds policy kill switches to the user list and locks those rules', () => {
    const { settings, locked } = resolveSettings(DEFAULT_SETTINGS, { disabledRules: ['units-minutes'] }, { disabledRules: ['comfort-wording', 'comfort-wording'] }, known);
    expect(settings.disabledRules).toEqual(['units-minutes', 'comfort-wording']);
    expect(locked).toEqual(['ruleLevels.comfort-wording']);
  });

  it('honours lockedSettings without a value: the user value is ignored, the default applies', () => {
    const { settings, locked, rejected } = resolveSettings(
      DEFAULT_SETTINGS,
      { ruleLevels: { 'comfort-wording': 'off' }, defaultProfile: 'aetna' },
      { lockedSettings: ['ruleLevels', 'profile', 'everything', 'ruleLevels.Bad Id', 7] },
      known,
    );
    expect(settings.ruleLevels).toEqual({});
    expect(settings.defaultProfile).toBeNull();
    expect(locked).toEqual(['profile', 'ruleLevels']);
    expect(rejected).toEqual([
      { source: 'managed', key: 'lockedSettings.2', reason: '"everything" is not a setting that can be locked' },
      { source: 'managed', key: 'lockedSettings.3', reason: '"ruleLevels.Bad Id" is not a setting that can be locked' },
      { source: 'managed', key: 'lockedSettings.4', reason: 'a number is not a setting that can be locked' },
    ]);
  });

  it('locks a single rule by name and ignores only that user value', () => {
    const { settings, locked } = resolveSettings(
      DEFAULT_SETTINGS,
      { ruleLevels: { 'comfort-wording': 'off', 'units-minutes': 'info' } },
      { lockedSettings: ['ruleLevels.comfort-wording'] },
      known,
    );
    expect(settings.ruleLevels).toEqual({ 'units-minutes': 'info' });
    expect(locked).toEqual(['ruleLevels.comfort-wording']);
  });

  it('keeps the user value when the policy value for the same key is invalid (the bad key is ignored)', () => {
    const { settings, locked, rejected } = resolveSettings(DEFAULT_SETTINGS, { defaultProfile: 'aetna' }, { defaultProfile: 'nope' }, known);
    expect(settings.defaultProfile).toBe('aetna');
    expect(locked).toEqual([]);
    expect(rejected).toEqual([{ source: 'managed', key: 'defaultProfile', reason: 'no payer profile "nope"' }]);
  });

  it('takes allowed sites from policy, locks them, and removes duplicates', () => {
    const { settings, locked } = resolveSettings(
      DEFAULT_SETTINGS,
      { allowedOrigins: ['https://user.example/*'] },
      { allowedOrigins: ['https://ehr.example.org/*', 'https://*.clinic.example/*', 'https://ehr.example.org/*'] },
      known,
    );
    expect(settings.allowedOrigins).toEqual(['https://ehr.example.org/*', 'https://*.clinic.example/*']);
    expect(locked).toEqual(['allowedOrigins']);
  });
});

describe('resolveSettings: every rejection path of a bad policy', () => {
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
        highlightEnabled: false,
      },
      known,
    );
    expect(settings.defaultProfile).toBeNull();
    expect(settings.allowedOrigins).toEqual(['https://ehr.example.org/*']);
    expect(settings.payerMap).toEqual({ Medicare: 'medicare' });
    expect(settings.highlightEnabled).toBe(false);
    expect(locked).toEqual(['allowedOrigins', 'highlightEnabled', 'payerMap']);
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

  it.each([
    ['defaultProfile', 42, 'expected a payer profile id, got a number'],
    ['defaultProfile', 'Medicare Part B', 'not a payer profile id (lower-case letters, digits and dashes)'],
    ['defaultProfile', ['medicare'], 'expected a payer profile id, got a list'],
    ['highlightEnabled', 'yes', 'expected true or false, got text'],
    ['highlightEnabled', 1, 'expected true or false, got a number'],
    ['highlightEnabled', null, 'expected true or false, got null'],
    ['ruleLevels', null, 'expected an object of rule id → level, got null'],
    ['ruleLevels', [], 'expected an object of rule id → level, got a list'],
    ['ruleLevels', 'off', 'expected an object of rule id → level, got text'],
    ['ruleOptions', [{ 'massage-units': { maxUnits: 2 } }], 'expected an object of rule id → options, got a list'],
    ['disabledRules', 'comfort-wording', 'expected a list of rule ids, got text'],
    ['disabledRules', { 'comfort-wording': true }, 'expected a list of rule ids, got an object'],
    ['payerMap', [['Acme', 'aetna']], 'expected an object of payer name → profile id, got a list'],
    ['payerMap', null, 'expected an object of payer name → profile id, got null'],
    ['allowedOrigins', 'https://ehr.example.org/*', 'expected a list of site patterns such as https://ehr.example.org/*, got text'],
    ['allowedOrigins', { 'https://ehr.example.org/*': true }, 'expected a list of site patterns such as https://ehr.example.org/*, got an object'],
    ['selectorAdapters', 'Acme', 'expected a list of selector adapters, got text'],
    ['lockedSettings', { profile: true }, 'expected a list of setting names, got an object'],
  ])('rejects %s = %j (wrong type)', (key, value, reason) => {
    expect(rejectedFor({ [key]: value })).toEqual([{ source: 'managed', key, reason }]);
  });

  it.each([
    ['ruleLevels', '{"comfort-wording":"off"}'],
    ['disabledRules', '["comfort-wording"]'],
    ['payerMap', '{"Acme":"aetna"}'],
    ['allowedOrigins', '["https://ehr.example.org/*"]'],
    ['highlightEnabled', 'false'],
    ['ruleOptions', ' {"massage-units": {"maxUnits": 2}}'],
  ])('rejects JSON inside a string for %s and says so', (key, value) => {
    const reason = reasonFor({ [key]: value }, key);
    expect(reason).toMatch(/text that looks like JSON \(write the value itself, not JSON inside a string\)$/);
  });

  it('rejects unknown keys by name, listing the known ones', () => {
    expect(reasonFor({ disableAll: true }, 'disableAll')).toBe(
      'not a known setting (known: defaultProfile, ruleLevels, ruleOptions, disabledRules, payerMap, selectorAdapters, highlightEnabled, allowedOrigins, historyEnabled, historyRetentionDays, lockedSettings, lockReason, lockReasons, lockContact)',
    );
  });

  it('rejects unknown rule ids wherever rules are named', () => {
    const { rejected, settings } = resolveSettings(
      DEFAULT_SETTINGS,
      {},
      {
        ruleLevels: { 'no-such-rule': 'off', 'comfort-wording': 'info' },
        disabledRules: ['comfort-wording', 'ghost-rule', 'Bad_Id'],
        ruleOptions: { 'ghost-rule': { x: 1 } },
      },
      known,
    );
    expect(settings.ruleLevels).toEqual({ 'comfort-wording': 'info' });
    expect(settings.disabledRules).toEqual(['comfort-wording']);
    expect(rejected).toEqual([
      { source: 'managed', key: 'ruleLevels.no-such-rule', reason: 'no rule "no-such-rule"' },
      { source: 'managed', key: 'ruleOptions.ghost-rule', reason: 'no rule "ghost-rule"' },
      { source: 'managed', key: 'disabledRules.1', reason: 'no rule "ghost-rule"' },
      { source: 'managed', key: 'disabledRules.2', reason: 'not a rule id (lower-case letters, digits and dashes)' },
    ]);
  });

  it.each([
    ['loud', '"loud" is not one of off, info, warning, error'],
    ['OFF', '"OFF" is not one of off, info, warning, error'],
    [2, 'expected one of off, info, warning, error, got a number'],
    [null, 'expected one of off, info, warning, error, got null'],
    [{ level: 'off' }, 'expected one of off, info, warning, error, got an object'],
  ])('rejects the bad level %j for one rule and keeps the others', (level, reason) => {
    const { settings, rejected } = resolveSettings(DEFAULT_SETTINGS, {}, { ruleLevels: { 'comfort-wording': level, 'units-minutes': 'off' } }, known);
    expect(settings.ruleLevels).toEqual({ 'units-minutes': 'off' });
    expect(rejected).toEqual([{ source: 'managed', key: 'ruleLevels.comfort-wording', reason }]);
  });

  it.each([
    'ftp://ehr.example.org/*',
    'https://ehr.example.org',
    'https://ehr.example.org/app/*',
    'https://*/*',
    '<all_urls>',
    '*://ehr.example.org/*',
    'javascript:alert(1)',
    'https://ehr example.org/*',
    '',
  ])('rejects the site pattern %j', (pattern) => {
    const { settings, rejected } = resolveSettings(DEFAULT_SETTINGS, {}, { allowedOrigins: ['https://ok.example/*', pattern] }, known);
    expect(settings.allowedOrigins).toEqual(['https://ok.example/*']);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.key).toBe('allowedOrigins.1');
    expect(rejected[0]?.reason).toMatch(/is not a site pattern such as https:\/\/ehr\.example\.org\/\*/);
  });

  it('rejects a site entry that is not text', () => {
    expect(reasonFor({ allowedOrigins: [{ url: 'https://a.example/*' }] }, 'allowedOrigins.0')).toBe(
      'an object is not a site pattern such as https://ehr.example.org/* or https://*.example.org/*',
    );
  });

  it('rejects oversized values as a whole and oversized entries one by one', () => {
    const manyRules = Array.from({ length: LIMITS.entries + 1 }, () => 'comfort-wording');
    const manyPayers = Object.fromEntries(Array.from({ length: LIMITS.entries + 1 }, (_, i) => [`Payer ${i}`, 'medicare']));
    const { rejected, settings } = resolveSettings(
      DEFAULT_SETTINGS,
      {},
      {
        disabledRules: manyRules,
        payerMap: manyPayers,
        defaultProfile: 'x'.repeat(LIMITS.valueChars + 10),
        ruleLevels: { ['a'.repeat(150)]: 'off' },
        allowedOrigins: [`https://${'a'.repeat(300)}.example/*`],
      },
      known,
    );
    expect(settings).toEqual(DEFAULT_SETTINGS);
    const byKey = Object.fromEntries(rejected.map((r) => [r.key, r.reason]));
    expect(byKey.disabledRules).toBe(`too many entries (${LIMITS.entries + 1}, at most ${LIMITS.entries})`);
    expect(byKey.payerMap).toBe(`too many entries (${LIMITS.entries + 1}, at most ${LIMITS.entries})`);
    expect(byKey.defaultProfile).toBe('too large (over 256 KB)');
    // The key of a rejection is clipped so the popup never has to show a huge name.
    const longRule = rejected.find((r) => r.key.startsWith('ruleLevels.'));
    expect(longRule?.key.length).toBeLessThanOrEqual(100);
    expect(longRule?.reason).toBe('not a rule id (lower-case letters, digits and dashes)');
    expect(byKey['allowedOrigins.0']).toMatch(/is not a site pattern/);
  });

  it('rejects payer names that are empty or longer than 100 characters', () => {
    const { settings, rejected } = resolveSettings(DEFAULT_SETTINGS, {}, { payerMap: { '': 'aetna', ['P'.repeat(101)]: 'aetna', Acme: 'aetna' } }, known);
    expect(settings.payerMap).toEqual({ Acme: 'aetna' });
    expect(rejected.map((r) => r.reason)).toEqual(['payer names are 1–100 characters', 'payer names are 1–100 characters']);
  });

  it('never lets prototype keys through, and says it ignored them', () => {
    const managed = JSON.parse(
      '{"__proto__": {"polluted": "yes"}, "ruleLevels": {"__proto__": {"polluted": "yes"}, "constructor": "off", "comfort-wording": "off"},' +
        ' "payerMap": {"__proto__": "aetna", "prototype": "aetna"}, "ruleOptions": {"massage-units": {"__proto__": {"maxUnits": 1}}}}',
    ) as Record<string, unknown>;
    const { settings, rejected } = resolveSettings(DEFAULT_SETTINGS, {}, managed, known);
    expect(settings.ruleLevels).toEqual({ 'comfort-wording': 'off' });
    expect(Object.getPrototypeOf(settings.ruleLevels)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(settings.payerMap)).toBe(Object.prototype);
    expect(Object.keys(settings.payerMap)).toEqual([]);
    expect(settings.ruleOptions).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(rejected).toEqual([
      { source: 'managed', key: '__proto__', reason: 'reserved name, ignored' },
      { source: 'managed', key: 'ruleLevels.__proto__', reason: 'reserved name, ignored' },
      { source: 'managed', key: 'ruleLevels.constructor', reason: 'reserved name, ignored' },
      { source: 'managed', key: 'ruleOptions.massage-units.__proto__', reason: 'reserved name, ignored' },
      { source: 'managed', key: 'payerMap.__proto__', reason: 'reserved name, ignored' },
      { source: 'managed', key: 'payerMap.prototype', reason: 'reserved name, ignored' },
    ]);
  });

  it('lists at most 100 rejections and counts the rest, so the popup reply stays small', () => {
    const ruleLevels = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`no-rule-${i}`, 'off']));
    const rejected = rejectedFor({ ruleLevels });
    expect(rejected).toHaveLength(LIMITS.rejections + 1);
    expect(rejected.at(-1)).toEqual({ source: 'managed', key: '…', reason: '200 more invalid values are not listed' });
  });

  it('makes control characters in names visible instead of passing them to the UI', () => {
    expect(rejectedFor({ 'bad\u0000key\nname': 1 })[0]?.key).toBe('bad?key?name');
  });
});

describe('resolveSettings: visit history (policy only)', () => {
  it('is on with the default retention unless the policy says otherwise, and says which the policy set', () => {
    expect(resolveSettings(DEFAULT_SETTINGS, {}, {}, known).history).toEqual({ enabled: true, retentionDays: DEFAULT_HISTORY_RETENTION_DAYS, policy: { enabled: false, retentionDays: false } });
    expect(resolveSettings(DEFAULT_SETTINGS, {}, { historyEnabled: false, historyRetentionDays: 30 }, known).history).toEqual({ enabled: false, retentionDays: 30, policy: { enabled: true, retentionDays: true } });
    expect(resolveSettings(DEFAULT_SETTINGS, {}, { historyRetentionDays: 3650 }, known).history).toMatchObject({ enabled: true, retentionDays: 3650, policy: { enabled: false, retentionDays: true } });
  });

  it('ignores a user value (history is not a user setting) and rejects bad policy values with a reason, keeping the defaults', () => {
    expect(resolveSettings(DEFAULT_SETTINGS, { historyEnabled: false, historyRetentionDays: 5 }, {}, known).history).toEqual(DEFAULT_HISTORY);
    for (const days of [0, 12.5, 3651, '30', null]) {
      const resolved = resolveSettings(DEFAULT_SETTINGS, {}, { historyEnabled: false, historyRetentionDays: days }, known);
      expect(resolved.history, String(days)).toEqual({ enabled: false, retentionDays: DEFAULT_HISTORY_RETENTION_DAYS, policy: { enabled: true, retentionDays: false } });
      expect(resolved.rejected.map((r) => r.key)).toEqual(['historyRetentionDays']);
    }
    const resolved = resolveSettings(DEFAULT_SETTINGS, {}, { historyEnabled: 'no' }, known);
    expect(resolved.history).toEqual(DEFAULT_HISTORY);
    expect(resolved.rejected).toEqual([{ source: 'managed', key: 'historyEnabled', reason: 'expected true or false, got text' }]);
  });
});

describe('resolveSettings: rule options', () => {
  it('applies valid options, merged over the user options, and locks them', () => {
    const { settings, locked, rejected } = resolveSettings(
      DEFAULT_SETTINGS,
      { ruleOptions: { 'massage-units': { maxUnits: 3 }, 'time-totals': { toleranceMinutes: 2 } } },
      { ruleOptions: { 'massage-units': { maxUnits: 2 }, 'ptp-modifier': { indicators: { '98940-97124': 1 }, bypassModifiers: ['59', 'XS'] } } },
      known,
    );
    expect(rejected).toEqual([]);
    expect(settings.ruleOptions).toEqual({
      'massage-units': { maxUnits: 2 },
      'time-totals': { toleranceMinutes: 2 },
      'ptp-modifier': { indicators: { '98940-97124': 1 }, bypassModifiers: ['59', 'XS'] },
    });
    expect(locked).toEqual(['ruleOptions']);
  });

  it('rejects each bad option on its own', () => {
    const { settings, rejected } = resolveSettings(
      DEFAULT_SETTINGS,
      {},
      {
        ruleOptions: {
          'massage-units': { maxUnits: 'two', colour: 'red' },
          'comfort-wording': { strict: true },
          'episode-duration': { maxVisits: -1, maxDaysFromOnset: 30 },
          'ptp-modifier': { indicators: { '98940-97124': 5 } },
          'time-totals': 'lenient',
          'provider-eligibility': { notPaid: ['LMT', 42] },
        },
      },
      known,
    );
    expect(settings.ruleOptions).toEqual({ 'episode-duration': { maxDaysFromOnset: 30 } });
    expect(rejected).toEqual([
      { source: 'managed', key: 'ruleOptions.massage-units.maxUnits', reason: 'expected a number, got text' },
      { source: 'managed', key: 'ruleOptions.massage-units.colour', reason: 'no option "colour" (known: maxUnits)' },
      { source: 'managed', key: 'ruleOptions.comfort-wording', reason: 'rule "comfort-wording" has no options' },
      { source: 'managed', key: 'ruleOptions.episode-duration.maxVisits', reason: 'too small (at least 0)' },
      { source: 'managed', key: 'ruleOptions.ptp-modifier.indicators', reason: '98940-97124: a number is not one of the allowed values' },
      {
        source: 'managed',
        key: 'ruleOptions.time-totals',
        reason: 'expected an object of options (toleranceMinutes), got text',
      },
      { source: 'managed', key: 'ruleOptions.provider-eligibility.notPaid', reason: '[1]: expected text, got a number' },
    ]);
  });
});

describe('resolveSettings: selector adapters', () => {
  it('keeps valid adapters (copies), rejects invalid ones by position, and locks', () => {
    const managed = { selectorAdapters: [ADAPTER, { ...ADAPTER, name: '', columns: {} }, { ...ADAPTER, extra: 1 }] };
    const { settings, rejected, locked } = resolveSettings(DEFAULT_SETTINGS, {}, managed, known);
    expect(settings.selectorAdapters).toEqual([ADAPTER]);
    expect(settings.selectorAdapters?.[0]).not.toBe(ADAPTER);
    expect(rejected.map((r) => r.key)).toEqual(['selectorAdapters.1', 'selectorAdapters.2']);
    expect(rejected[0]?.reason).toMatch(/name: must not be empty/);
    expect(rejected[1]?.reason).toMatch(/unknown field "extra"/);
    expect(locked).toEqual(['selectorAdapters']);
  });

  it('takes one bare adapter object as a list of one, and refuses too many', () => {
    expect(resolveSettings(DEFAULT_SETTINGS, {}, { selectorAdapters: ADAPTER }, known).settings.selectorAdapters).toEqual([ADAPTER]);
    const many = Array.from({ length: LIMITS.adapters + 1 }, (_, i) => ({ ...ADAPTER, name: `A${i}` }));
    expect(reasonFor({ selectorAdapters: many }, 'selectorAdapters')).toBe(`too many entries (${LIMITS.adapters + 1}, at most ${LIMITS.adapters})`);
  });
});

/** Any JSON-like value, including the keys and shapes policies get wrong. */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, -1, 1e9, '', 'off', 'medicare', 'comfort-wording', 'https://ehr.example.org/*', '{"a":1}'),
    fc.string({ maxLength: 20 }),
    fc.double(),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'comfort-wording', 'massage-units', 'maxUnits', 'Acme', 'x'), tie('value'), { maxKeys: 5 }),
  ),
})).value;

const policyShaped = fc.dictionary(
  fc.constantFrom('defaultProfile', 'ruleLevels', 'ruleOptions', 'disabledRules', 'payerMap', 'selectorAdapters', 'highlightEnabled', 'allowedOrigins', 'lockedSettings', '__proto__', 'other'),
  jsonValue,
  { maxKeys: 9 },
);

describe('resolveSettings never breaks', () => {
  it('never throws, whatever the areas hold, and always yields a valid policy view', () => {
    fc.assert(
      fc.property(policyShaped, policyShaped, (sync, managed) => {
        const resolved = resolveSettings(DEFAULT_SETTINGS, sync, managed, known);
        expect(PolicyStateSchema.safeParse(buildPolicyState(resolved)).success).toBe(true);
        expect(resolved.rejected.length).toBeLessThanOrEqual(LIMITS.rejections + 1);
        for (const level of Object.values(resolved.settings.ruleLevels)) expect(['off', 'info', 'warning', 'error']).toContain(level);
        expect(typeof resolved.settings.highlightEnabled).toBe('boolean');
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });
});

describe('SettingsStore', () => {
  it('rejects a policy adapter whose CSS selector does not parse, with the reason, though the worker has no DOM', async () => {
    const browser = new FakeBrowser();
    await browser.managedArea.set({ selectorAdapters: [ADAPTER, { ...ADAPTER, name: 'Broken', claimRowSelector: 'table.claim tr[' }] });
    const resolved = await new SettingsStore(browser.storage, { known: () => known }).get();
    expect(resolved.settings.selectorAdapters?.map((a) => a.name)).toEqual(['Acme EHR']);
    expect(resolved.rejected).toEqual([
      { source: 'managed', key: 'selectorAdapters.1', reason: 'claimRowSelector: "table.claim tr[" is not a valid CSS selector (Expected attribute name, at character 15)' },
    ]);
  });

  it('treats a rejecting managed area (Firefox without policy) as no policy', async () => {
    const browser = new FakeBrowser();
    browser.managedArea.failGet = new Error('Managed storage manifest not found');
    await browser.syncArea.set({ defaultProfile: 'medicare' });
    const store = new SettingsStore(browser.storage, { known: () => known });
    const resolved = await store.get();
    expect(resolved.settings.defaultProfile).toBe('medicare');
    expect(resolved.locked).toEqual([]);
  });

  it('treats a managed answer that is not an object as no policy', async () => {
    const areas = {
      sync: new FakeBrowser().storage.sync,
      managed: { get: async () => 'garbage' as unknown as Record<string, unknown> },
    };
    expect((await new SettingsStore(areas, { known: () => known }).get()).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('re-reads after a managed or settings change, not after unrelated sync keys', async () => {
    const browser = new FakeBrowser();
    const store = new SettingsStore(browser.storage, { known: () => known });
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

  it('does not wait for a slow policy service: uses no policy, then applies the late answer', async () => {
    let answer: (value: Record<string, unknown>) => void = () => undefined;
    const late = new Promise<Record<string, unknown>>((resolve) => (answer = resolve));
    let lateCalls = 0;
    const store = new SettingsStore(
      { sync: new FakeBrowser().storage.sync, managed: { get: () => late } },
      { known: () => known, managedTimeoutMs: 20, onLatePolicy: () => (lateCalls += 1) },
    );
    const first = await store.get();
    expect(first.locked).toEqual([]);
    answer({ defaultProfile: 'medicare' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(lateCalls).toBe(1);
    const second = await store.get();
    expect(second.settings.defaultProfile).toBe('medicare');
    expect(second.locked).toEqual(['profile']);
  });

  it('does not keep a stale answer: a managed read in flight when the policy changes is read again', async () => {
    const answers: Array<(value: Record<string, unknown>) => void> = [];
    const managed = { get: () => new Promise<Record<string, unknown>>((resolve) => answers.push(resolve)) };
    const store = new SettingsStore({ sync: new FakeBrowser().storage.sync, managed }, { known: () => known, managedTimeoutMs: 1000 });
    const first = store.get();
    // Chrome loads the policy while its first read is still pending, and reports the change.
    expect(store.onStorageChanged({ defaultProfile: { newValue: 'medicare' } }, 'managed')).toBe(true);
    const second = store.get();
    answers[1]?.({ defaultProfile: 'medicare' });
    answers[0]?.({});
    expect((await first).settings.defaultProfile).toBeNull();
    expect((await second).settings.defaultProfile).toBe('medicare');
    expect((await store.get()).settings.defaultProfile).toBe('medicare');
    expect(answers).toHaveLength(2);
  });

  it('writes rule levels without losing concurrent updates, and refuses locked rules', async () => {
    const browser = new FakeBrowser();
    browser.managedArea.replaceAll({ ruleLevels: { 'units-minutes': 'info' } });
    const store = new SettingsStore(browser.storage, { known: () => known });
    const results = await Promise.all([store.setRuleLevel('comfort-wording', 'error'), store.setRuleLevel('maintenance-language', 'warning')]);
    expect(results).toEqual(['ok', 'ok']);
    expect(browser.syncArea.data.get('ruleLevels')).toEqual({ 'comfort-wording': 'error', 'maintenance-language': 'warning' });
    expect(await store.setRuleLevel('units-minutes', 'off')).toBe('locked');
  });
});

describe('resolveSettings: locks that explain themselves (lockReason, lockReasons, lockContact)', () => {
  it('passes a reason, per-lock reasons and a contact on, into the policy state', () => {
    const managed = {
      lockedSettings: ['profile', 'dismissals'],
      lockReason: 'Billing compliance sets these for every clinic.',
      lockReasons: { dismissals: 'Every flag is reviewed by compliance.', 'ruleLevels.comfort-wording': 'Payer audit 2026.' },
      lockContact: 'Billing compliance, ext. 4410',
    };
    const resolved = resolveSettings(DEFAULT_SETTINGS, {}, managed, known);
    expect(resolved.rejected).toEqual([]);
    expect(resolved.locked).toEqual(['dismissals', 'profile']);
    expect(resolved.lockInfo).toEqual({
      reason: 'Billing compliance sets these for every clinic.',
      contact: 'Billing compliance, ext. 4410',
      reasons: { dismissals: 'Every flag is reviewed by compliance.', 'ruleLevels.comfort-wording': 'Payer audit 2026.' },
    });
    const state = buildPolicyState(resolved);
    expect(PolicyStateSchema.safeParse(state).success).toBe(true);
    expect(state.lockInfo).toEqual(resolved.lockInfo);
  });

  it('rejects, one by one, text that is not one short line and reasons for locks that do not exist', () => {
    const resolved = resolveSettings(
      DEFAULT_SETTINGS,
      {},
      { lockReason: 42, lockContact: 'x'.repeat(301), lockReasons: { nothing: 'why', profile: 'line one\nline two', payerMap: 'ok' } },
      known,
    );
    expect(resolved.lockInfo).toEqual({ reasons: { payerMap: 'ok' } });
    expect(resolved.rejected.map((r) => r.key)).toEqual(['lockReason', 'lockContact', 'lockReasons.nothing', 'lockReasons.profile']);
    expect(resolved.rejected[0]?.reason).toBe('expected text, got a number');
  });

  it('is never read from the user\'s own settings', () => {
    const resolved = resolveSettings(DEFAULT_SETTINGS, { lockReason: 'mine' }, {}, known);
    expect(resolved.lockInfo).toEqual({ reasons: {} });
  });
});

describe('resolveSettings: rules turned off for one payer or one site (ruleScopes, user settings)', () => {
  const rule = listRules()[0]?.id ?? '';
  const other = listRules()[1]?.id ?? '';

  it('keeps valid scopes and drops bad entries with a reason', () => {
    const resolved = resolveSettings(
      DEFAULT_SETTINGS,
      { ruleScopes: { profiles: { aetna: [rule, rule, 'no-such-rule'], 'no-such-profile': [rule] }, sites: { 'https://ehr.example.org': [other], 'not a site': [rule] }, extra: {} } },
      {},
      known,
    );
    expect(resolved.settings.ruleScopes).toEqual({ profiles: { aetna: [rule] }, sites: { 'https://ehr.example.org': [other] } });
    expect(resolved.rejected.map((r) => r.key).sort()).toEqual(
      ['ruleScopes.extra', 'ruleScopes.profiles.aetna.2', 'ruleScopes.profiles.no-such-profile', 'ruleScopes.sites.not a site'].sort(),
    );
  });

  it('never turns off a rule the policy locks', () => {
    const resolved = resolveSettings(
      DEFAULT_SETTINGS,
      { ruleScopes: { profiles: { aetna: [rule, other] }, sites: {} } },
      { ruleLevels: { [rule]: 'error' } },
      known,
    );
    expect(resolved.settings.ruleScopes.profiles).toEqual({ aetna: [other] });
    const all = resolveSettings(DEFAULT_SETTINGS, { ruleScopes: { profiles: { aetna: [rule, other] }, sites: {} } }, { lockedSettings: ['ruleLevels'] }, known);
    expect(all.settings.ruleScopes).toEqual({ profiles: {}, sites: {} });
  });

  it('is not a policy key', () => {
    const resolved = resolveSettings(DEFAULT_SETTINGS, {}, { ruleScopes: { profiles: { aetna: [rule] } } }, known);
    expect(resolved.settings.ruleScopes).toEqual({ profiles: {}, sites: {} });
    expect(resolved.rejected[0]?.key).toBe('ruleScopes');
  });

  it('SettingsStore.setRuleScope adds and removes one rule for one scope, and refuses a locked rule', async () => {
    const browser = new FakeBrowser();
    const store = new SettingsStore(browser.storage, () => known);
    expect(await store.setRuleScope(rule, 'profile', 'aetna', true)).toBe('ok');
    expect(await store.setRuleScope(other, 'site', 'https://ehr.example.org', true)).toBe('ok');
    expect((await store.get()).settings.ruleScopes).toEqual({ profiles: { aetna: [rule] }, sites: { 'https://ehr.example.org': [other] } });
    expect(await store.setRuleScope(rule, 'profile', 'aetna', false)).toBe('ok');
    expect(browser.syncArea.data.get('ruleScopes')).toEqual({ profiles: {}, sites: { 'https://ehr.example.org': [other] } });

    browser.managedArea.replaceAll({ lockedSettings: [`ruleLevels.${rule}`] });
    store.onStorageChanged({}, 'managed');
    expect(await store.setRuleScope(rule, 'profile', 'aetna', true)).toBe('locked');
    expect(browser.syncArea.data.get('ruleScopes')).toEqual({ profiles: {}, sites: { 'https://ehr.example.org': [other] } });
  });
});
