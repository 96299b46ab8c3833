// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { pickAdapters, readFrame } from '../../src/adapters/index';
import {
  compileMatchPattern,
  isSelectorAdapterConfig,
  parseSelectorConfig,
  SelectorAdapterConfigSchema,
  urlMatches,
  validateSelectorConfig,
  type SelectorAdapterConfig,
} from '../../src/adapters/selector';
import { at, parsePage, URLS } from './pages';

const config: SelectorAdapterConfig = {
  name: 'ExampleEHR',
  urlPattern: 'https://ehr.example.com/chart/*',
  noteSelectors: [{ selector: '.note-section', label: 'Note' }, { selector: 'textarea.note-free-text' }],
  claimRowSelector: '.charge-row',
  columns: { code: '.cpt', modifiers: '.mods', units: '.units', minutes: '.mins', dx: '.dx' },
  payerSelector: '.payer-name',
  providerSelector: '.clinician',
  dateSelector: '.dos',
};

describe('selector adapter', () => {
  it('reads the configured note parts, claim columns (values and text), payer, provider and date', () => {
    const doc = parsePage('selector-ehr.html');
    const frame = readFrame(doc, at(URLS.selector), [config]);
    expect(frame.adapter).toBe('selector:ExampleEHR');
    expect(frame.snapshot.noteParts).toEqual([
      { id: 'sel:0:0', label: 'Note', text: 'Pt reports upper back tightness after lifting.' },
      { id: 'sel:0:1', label: 'Note', text: 'Therapeutic massage to thoracic paraspinals x 20 min.' },
      { id: 'sel:1:0', text: 'Addendum: tolerated well.' },
    ]);
    expect(frame.snapshot.claimLines).toEqual([
      { code: '97124', modifiers: ['GP', 'KX'], units: 1, minutes: 20, dx: ['M54.6'] },
      { code: 'G0283', units: 1, minutes: 15, dx: ['M54.6'] },
    ]);
    expect(frame.snapshot.payerText).toBe('Example Medicare Advantage');
    expect(frame.snapshot.providerText).toBe('Jane Doe, PT, DPT');
    expect(frame.snapshot.dateOfService).toBe('2026-11-20');
  });

  it('comes first when its pattern matches, and is left out when it does not', () => {
    const doc = parsePage('selector-ehr.html');
    expect(pickAdapters(doc, at(URLS.selector), [config]).map((a) => a.id)).toEqual(['selector:ExampleEHR', 'generic']);
    expect(pickAdapters(doc, at('https://other.example.com/chart/1'), [config]).map((a) => a.id)).toEqual(['generic']);
  });

  it('falls back to the next adapter when its selectors find nothing on the page', () => {
    const doc = parsePage('generic-ehr.html');
    const frame = readFrame(doc, at('https://ehr.example.com/chart/visit/1'), [config]);
    expect(frame.adapter).toBe('generic');
    expect(frame.snapshot.claimLines.map((l) => l.code)).toEqual(['97124', '97140']);
  });
});

describe('match patterns', () => {
  it('accepts valid patterns and matches like a browser does', () => {
    expect(urlMatches('https://ehr.example.com/*', 'https://ehr.example.com/a/b?c=1#frag')).toBe(true);
    expect(urlMatches('https://ehr.example.com/*', 'https://ehr.example.com:8443/a')).toBe(true);
    expect(urlMatches('https://ehr.example.com/*', 'http://ehr.example.com/a')).toBe(false);
    expect(urlMatches('*://*.example.com/emr/*', 'http://a.b.example.com/emr/x')).toBe(true);
    expect(urlMatches('*://*.example.com/emr/*', 'https://example.com/emr/')).toBe(true);
    expect(urlMatches('*://*.example.com/emr/*', 'https://badexample.com/emr/')).toBe(false);
    expect(urlMatches('http://127.0.0.1:8080/*', 'http://127.0.0.1:8081/')).toBe(false);
    expect(urlMatches('file:///srv/ehr/*', 'file:///srv/ehr/page.html')).toBe(true);
    expect(urlMatches('<all_urls>', 'https://x.test/')).toBe(true);
  });

  it('rejects invalid patterns', () => {
    for (const bad of ['ehr.example.com/*', 'https://ehr.example.com', 'https://*ehr.example.com/*', 'chrome://settings/*', 'https:///x', 'file://host/x']) {
      expect(compileMatchPattern(bad)).toBeNull();
    }
  });
});

describe('selector config validation', () => {
  it('accepts a good config, given as an object or as JSON text', () => {
    expect(validateSelectorConfig(config)).toEqual({ ok: true, config });
    expect(validateSelectorConfig(JSON.stringify(config))).toEqual({ ok: true, config });
    expect(SelectorAdapterConfigSchema.safeParse(config).success).toBe(true);
  });

  it('names the field for each schema problem', () => {
    const result = validateSelectorConfig({
      name: '',
      urlPattern: 'https://ehr.example.com/*',
      noteSelectors: [{ selector: 42 }],
      claimRowSelector: 'tr',
      columns: {},
      payerSelectr: '.payer',
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        'name: must not be empty',
        'noteSelectors[0].selector: expected string',
        'columns.code: expected string',
        'config: unknown field "payerSelectr"',
      ],
    });
  });

  it('reports bad JSON, an invalid match pattern and selectors that do not compile', () => {
    const json = validateSelectorConfig('{"name": "x",');
    expect(json.ok).toBe(false);
    expect(!json.ok && json.errors[0]).toMatch(/^config: not valid JSON/);

    const result = validateSelectorConfig({
      ...config,
      urlPattern: 'ehr.example.com',
      noteSelectors: [{ selector: 'div[' }],
      columns: { code: '.cpt', units: '>>' },
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        'urlPattern: "ehr.example.com" is not a valid match pattern (expected e.g. "https://ehr.example.com/*")',
        'noteSelectors[0].selector: "div[" is not a valid CSS selector',
        'columns.units: ">>" is not a valid CSS selector',
      ],
    });
    expect(parseSelectorConfig({ ...config, claimRowSelector: ':::' }, document)).toBeNull();
    expect(parseSelectorConfig(config, document)).toEqual(config);
  });

  it('checks only the schema and pattern where there is no document (service worker)', () => {
    expect(validateSelectorConfig({ ...config, claimRowSelector: 'div[' }, null)).toEqual({
      ok: true,
      config: { ...config, claimRowSelector: 'div[' },
    });
  });
});

describe('zod-free config check used by the content script', () => {
  const variants: unknown[] = [
    config,
    { ...config, dateSelector: undefined },
    { ...config, name: 'Bad/Name' },
    { ...config, name: '' },
    { ...config, name: 'n'.repeat(81) },
    { ...config, urlPattern: '' },
    { ...config, noteSelectors: [] },
    { ...config, noteSelectors: [{ selector: '' }] },
    { ...config, noteSelectors: [{ selector: 'p', label: '' }] },
    { ...config, noteSelectors: [{ selector: 'p', label: 'l'.repeat(201) }] },
    { ...config, noteSelectors: [{ selector: 'p', extra: 1 }] },
    { ...config, noteSelectors: Array.from({ length: 41 }, () => ({ selector: 'p' })) },
    { ...config, noteSelectors: 'p' },
    { ...config, claimRowSelector: 's'.repeat(501) },
    { ...config, columns: { code: '.cpt', units: '' } },
    { ...config, columns: { code: '.cpt', price: '.price' } },
    { ...config, columns: { units: '.units' } },
    { ...config, columns: null },
    { ...config, payerSelector: 3 },
    { ...config, unknown: true },
    null,
    [],
    'config',
  ];

  it('agrees with SelectorAdapterConfigSchema on every variant', () => {
    for (const variant of variants) {
      expect(isSelectorAdapterConfig(variant)).toBe(SelectorAdapterConfigSchema.safeParse(variant).success);
    }
  });
});
