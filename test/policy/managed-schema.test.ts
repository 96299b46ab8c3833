// manifest/managed_schema.json: generated from the zod settings schema, valid in Chrome's schema
// dialect, never stricter than the code (Chrome would otherwise drop values the code accepts) and
// in agreement with the code about types.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { managedSchemaJson, managedSchemaText, toChromeSchema, type ChromeSchema } from '../../src/settings/chrome-schema';
import { RULE_OPTION_SCHEMAS } from '../../src/settings/rule-options';
import { DEFAULT_SETTINGS, ManagedSettingsSchema, POLICY_KEYS, resolveSettings } from '../../src/settings';
import * as z from '../../src/engine/zod';
import { listProfiles, listRules } from '../../src/engine';
import { chromeDelivers, chromeSchemaProblems } from './chrome-schema';

const FILE = new URL('../../manifest/managed_schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(FILE, 'utf8')) as ChromeSchema;
const known = {
  rules: new Set(listRules().map((rule) => rule.id)),
  profiles: new Set(listProfiles().map((profile) => profile.id)),
};
const ruleIds = [...known.rules];
const profileIds = [...known.profiles];

describe('manifest/managed_schema.json', () => {
  it('is exactly what the zod schema generates (run `node scripts/managed-schema.mjs` after changing settings)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(managedSchemaText());
  });

  it('uses only what Chrome accepts: top-level object, no top-level additionalProperties, known attributes', () => {
    expect(chromeSchemaProblems(schema)).toEqual([]);
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('additionalProperties');
    expect(schema).not.toHaveProperty('patternProperties');
  });

  it('declares every policy key, each with a title and a description, and nothing else', () => {
    expect(Object.keys(schema.properties ?? {})).toEqual(POLICY_KEYS);
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      expect(property.title, key).toBeTruthy();
      expect(property.description, key).toBeTruthy();
    }
  });

  it('types each key by its JSON type only, so Chrome passes meaning errors on to the extension', () => {
    const p = schema.properties ?? {};
    expect(p.ruleLevels).toMatchObject({ type: 'object', additionalProperties: { type: 'string' } });
    expect(p.disabledRules).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(p.payerMap).toMatchObject({ type: 'object', additionalProperties: { type: 'string' } });
    expect(p.allowedOrigins).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(p.lockedSettings).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(p.highlightEnabled).toMatchObject({ type: 'boolean' });
    expect(p.defaultProfile).toMatchObject({ type: 'string' });
    expect(Object.keys(p.ruleOptions?.properties ?? {})).toEqual(Object.keys(RULE_OPTION_SCHEMAS));
    expect(p.ruleOptions?.additionalProperties).toEqual({ type: 'object' });
    expect(p.ruleOptions?.properties?.['massage-units']?.properties?.maxUnits).toEqual({ type: 'number' });
    expect(p.ruleOptions?.properties?.['ptp-modifier']?.properties?.indicators).toEqual({ type: 'object', additionalProperties: { type: 'number' } });
    // Nothing that would make Chrome drop a whole key for one bad entry: no enums, no required
    // fields, no integer type, no patterns or ranges.
    const walk = (node: ChromeSchema, path: string): string[] => [
      ...(['enum', 'required', 'pattern', 'minimum', 'maximum'] as const).filter((a) => a in node).map((a) => `${path}: ${a}`),
      ...(node.type === 'integer' ? [`${path}: integer`] : []),
      ...Object.entries(node.properties ?? {}).flatMap(([key, sub]) => walk(sub, `${path}.${key}`)),
      ...(node.additionalProperties ? walk(node.additionalProperties, `${path}.*`) : []),
      ...(node.items ? walk(node.items, `${path}[]`) : []),
    ];
    expect(walk(schema, '(root)')).toEqual([]);
    // No JSON-in-a-string anywhere: every string in the schema is a leaf.
    const strings = JSON.stringify(schema).match(/"type":"string"/g) ?? [];
    expect(strings.length).toBeGreaterThan(5);
  });

  it('refuses to generate a schema for an untyped value', () => {
    expect(() => toChromeSchema(z.object({ blob: z.unknown() }))).toThrow(/blob: zod type "unknown" has no Chrome schema equivalent/);
    expect(() => toChromeSchema(z.union([z.literal('a'), z.literal(1)]))).toThrow(/mixed enum/);
  });

  it('generates the same object the file holds', () => {
    expect(managedSchemaJson()).toEqual(schema);
  });
});

/** Valid policies, as the code accepts them (ids from the real engine). */
const site = fc.constantFrom('https://ehr.example.org/*', 'https://*.clinic.example/*', 'http://127.0.0.1/*');
const adapter = fc.record({
  name: fc.constantFrom('Acme EHR', 'Clinic-2'),
  urlPattern: fc.constantFrom('https://ehr.example.org/*', 'https://*.clinic.example/*'),
  noteSelectors: fc.array(fc.record({ selector: fc.constantFrom('#note', 'textarea[name=soap]'), label: fc.constantFrom('Note', 'Plan') }), { minLength: 1, maxLength: 3 }),
  claimRowSelector: fc.constant('table.claim tbody tr'),
  columns: fc.record({ code: fc.constant('.cpt'), units: fc.constant('.units') }),
});
const validPolicy = fc.record(
  {
    defaultProfile: fc.constantFrom(...profileIds),
    ruleLevels: fc.dictionary(fc.constantFrom(...ruleIds), fc.constantFrom('off', 'info', 'warning', 'error')),
    ruleOptions: fc.record({ 'massage-units': fc.record({ maxUnits: fc.integer({ min: 0, max: 8 }) }), 'ptp-modifier': fc.record({ indicators: fc.dictionary(fc.constantFrom('98940-97124', '97140-97124'), fc.constantFrom(0, 1, 9)) }) }, { requiredKeys: [] }),
    disabledRules: fc.uniqueArray(fc.constantFrom(...ruleIds), { maxLength: 5 }),
    payerMap: fc.dictionary(fc.constantFrom('Acme Health', 'Blue Plan', 'Medicare Part B'), fc.constantFrom(...profileIds)),
    selectorAdapters: fc.array(adapter, { maxLength: 2 }),
    highlightEnabled: fc.boolean(),
    allowedOrigins: fc.uniqueArray(site, { maxLength: 3 }),
    lockedSettings: fc.uniqueArray(fc.constantFrom('profile', 'ruleLevels', 'ruleOptions', 'payerMap', 'highlightEnabled', 'allowedOrigins', 'ruleLevels.comfort-wording'), { maxLength: 4 }),
  },
  { requiredKeys: [] },
);

describe('the schema and the code agree', () => {
  it('Chrome delivers every policy the code accepts, unchanged (the schema is never stricter)', () => {
    fc.assert(
      fc.property(validPolicy, (policy) => {
        expect(ManagedSettingsSchema.safeParse(policy).success).toBe(true);
        expect(resolveSettings(DEFAULT_SETTINGS, {}, policy, known).rejected).toEqual([]);
        expect(chromeDelivers(schema, policy)).toEqual(policy);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['defaultProfile', 42],
    ['ruleLevels', '{"comfort-wording":"off"}'],
    ['ruleLevels', { 'comfort-wording': 3 }],
    ['ruleOptions', { 'massage-units': { maxUnits: 'two' } }],
    ['disabledRules', 'comfort-wording'],
    ['payerMap', [['Acme', 'aetna']]],
    ['selectorAdapters', [{ name: 7 }]],
    ['highlightEnabled', 'yes'],
    ['allowedOrigins', 'https://ehr.example.org/*'],
    ['lockedSettings', { profile: true }],
  ])('both refuse a %s of the wrong type (%j): Chrome drops the key, the code rejects it', (key, value) => {
    expect(chromeDelivers(schema, { [key]: value })).toEqual({});
    const { rejected } = resolveSettings(DEFAULT_SETTINGS, {}, { [key]: value }, known);
    expect(rejected.some((r) => r.key === key || r.key.startsWith(`${key}.`))).toBe(true);
  });

  it('lets meaning errors through Chrome so the extension can report them entry by entry', () => {
    const policy = {
      ruleLevels: { 'no-such-rule': 'off', 'comfort-wording': 'info', 'units-minutes': 'warn' },
      payerMap: { Acme: 'no-such-profile' },
      allowedOrigins: ['ftp://x/*'],
      ruleOptions: { 'massage-units': { maxUnits: 2.5 }, 'ptp-modifier': { indicators: { '97140-97124': 5 } }, 'comfort-wording': {} },
      selectorAdapters: [{ name: 'no pattern', noteSelectors: [{ selector: '#n' }] }, { name: 'good', urlPattern: 'https://ehr.example.org/*', noteSelectors: [{ selector: '#n' }] }],
    };
    expect(chromeDelivers(schema, policy)).toEqual(policy);
    const { rejected, settings } = resolveSettings(DEFAULT_SETTINGS, {}, policy, known);
    expect(rejected.map((r) => r.key)).toEqual([
      'ruleLevels.no-such-rule',
      'ruleLevels.units-minutes',
      'ruleOptions.massage-units.maxUnits',
      'ruleOptions.ptp-modifier.indicators',
      'ruleOptions.comfort-wording',
      'payerMap.Acme',
      'selectorAdapters.0',
      'allowedOrigins.0',
    ]);
    expect(rejected.find((r) => r.key === 'ruleLevels.units-minutes')?.reason).toBe('"warn" is not one of off, info, warning, error');
    expect(settings.ruleLevels).toEqual({ 'comfort-wording': 'info' });
    expect(settings.selectorAdapters?.map((a) => a.name)).toEqual(['good']);
  });

  it('drops unknown keys in Chrome before the extension sees them (Firefox passes them on; the code rejects them)', () => {
    expect(chromeDelivers(schema, { nonsense: 1, highlightEnabled: false })).toEqual({ highlightEnabled: false });
    expect(resolveSettings(DEFAULT_SETTINGS, {}, { nonsense: 1 }, known).rejected[0]?.key).toBe('nonsense');
  });
});
