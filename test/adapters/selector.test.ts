// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { ElementIds, readFrame } from '../../src/adapters/index';
import {
  compileMatchPattern,
  domSelectorCheck,
  parseSelectorConfig,
  SelectorAdapterConfigSchema,
  urlMatches,
  validateSelectorConfig,
  type SelectorAdapterConfig,
} from '../../src/adapters/selector';
import { grammarSelectorCheck } from '../../src/adapters/selector-grammar';
import { at, fixture, noteText, parsePage, readVisits, URLS } from './pages';

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

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

describe('selector configurations applied to the page reader', () => {
  it('reads the configured note parts, claim columns (values and text), payer, provider and date', () => {
    const { visits, frame, reading } = readVisits(fixture('selector-ehr.html'), { url: URLS.selector, configs: [config] });
    expect(frame.snapshot.adapter).toBe('page+selector:ExampleEHR');
    expect(visits).toHaveLength(1);
    const visit = visits[0];
    expect(noteText(visit!)).toBe('Pt reports upper back tightness after lifting.\nTherapeutic massage to thoracic paraspinals x 20 min.\nAddendum: tolerated well.');
    expect(visit?.lines).toEqual([
      { code: '97124', modifiers: ['GP', 'KX'], units: 1, minutes: 20, dx: ['M54.6'] },
      { code: 'G0283', units: 1, minutes: 15, dx: ['M54.6'] },
    ]);
    expect(visit?.payer).toBe('Example Medicare Advantage');
    expect(visit?.provider).toEqual({ name: 'Jane Doe', credentials: ['PT', 'DPT'] });
    expect(visit?.dateOfService).toBe('2026-11-20');
    expect(reading.facts.payer?.reason).toMatch(/config|Payer/);
  });

  it('applies only where its URL pattern matches', () => {
    const { frame } = readVisits(fixture('selector-ehr.html'), { url: 'https://other.example.com/chart/1', configs: [config] });
    expect(frame.snapshot.adapter).toBe('page');
  });

  it('"never the note" selectors keep text out of the note, whatever it scores', () => {
    const html = '<div class="tips"><p>Therapeutic massage relieves muscle spasm and pain, 30 minutes of relaxation for your back.</p></div><textarea name="n">Pt tolerated massage, 12 minutes, spasm reduced.</textarea>';
    const plain = readVisits(html, { url: URLS.selector });
    expect(noteText(plain.visits[0]!)).toContain('relaxation');
    const corrected = readVisits(html, { url: URLS.selector, configs: [{ name: 'fix', urlPattern: 'https://ehr.example.com/*', noteSelectors: [], notNoteSelectors: ['div.tips'] }] });
    expect(noteText(corrected.visits[0]!)).toBe('Pt tolerated massage, 12 minutes, spasm reduced.');
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
        'noteSelectors[0].selector: "div[" is not a valid CSS selector (this browser cannot parse it)',
        'columns.units: ">>" is not a valid CSS selector (this browser cannot parse it)',
      ],
    });
    expect(parseSelectorConfig(config)).toEqual(config);
  });

  it('checks selectors with the check it is given: none skips them, the grammar (worker) names the problem', () => {
    expect(validateSelectorConfig({ ...config, claimRowSelector: 'div[' }, null)).toEqual({
      ok: true,
      config: { ...config, claimRowSelector: 'div[' },
    });
    expect(validateSelectorConfig({ ...config, claimRowSelector: 'div[', payerSelector: '.payer)' }, grammarSelectorCheck)).toEqual({
      ok: false,
      errors: [
        'claimRowSelector: "div[" is not a valid CSS selector (Expected attribute name, at character 4)',
        'payerSelector: ".payer)" is not a valid CSS selector (a closing bracket without its opening one)',
      ],
    });
    expect(validateSelectorConfig(config, grammarSelectorCheck)).toEqual({ ok: true, config });
  });

  it('the grammar check (no DOM) agrees with the browser\'s parser on every selector here', () => {
    const dom = domSelectorCheck(document);
    const selectors = [
      '#note', 'textarea[name=soap]', 'div:not(.x) > p', 'td:nth-child(2n+1)', 'tr:not(:first-child) td.cpt', 'iframe[src*="enc" i]',
      'a[title="x)"]', 'div.a\\:b', '#\\31 23', 'ul > li + li ~ li', 'div, p', ':scope > div', 'p::before',
      'div[', 'a >> b', '', 'div,,p', '##x', '.1a', '[1x]', 'a{', 'div)', 'x ~', '"x"', 'td:nth-child(', 'a[b=]',
    ];
    for (const selector of selectors) expect(grammarSelectorCheck(selector) === null, selector).toBe(dom(selector) === null);
  });
});

describe('the content script\'s light config check', () => {
  const variants: unknown[] = [
    config,
    { ...config, dateSelector: undefined },
    { ...config, name: 'Bad/Name' },
    { ...config, noteSelectors: [] },
    { ...config, noteSelectors: [{ selector: '' }] },
    { ...config, noteSelectors: [null, 3, { selector: 'div[' }, { selector: 'p', label: 7 }] },
    { ...config, notNoteSelectors: 'p' },
    { ...config, notNoteSelectors: [3, 'div[', '.dx'] },
    { ...config, claimRowSelector: ':::' },
    { ...config, columns: { code: 3, units: '>>' } },
    { ...config, columns: null },
    { ...config, payerSelector: 3 },
    { ...config, unknown: true },
  ];
  const rejected: unknown[] = [{ ...config, urlPattern: 'ehr.example.com' }, { ...config, noteSelectors: 'p' }, { ...config, name: 3 }, null, [], 'config'];

  it('rejects what it cannot apply, and what it accepts never makes a read fail', () => {
    for (const bad of rejected) expect(parseSelectorConfig(bad)).toBeNull();
    for (const variant of variants) {
      const parsed = parseSelectorConfig(variant);
      expect(parsed).not.toBeNull();
      const read = () => readFrame(parsePage('selector-ehr.html'), at(URLS.selector), [parsed as SelectorAdapterConfig], new ElementIds(), { top: true });
      expect(read).not.toThrow();
    }
  });
});
