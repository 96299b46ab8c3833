import { describe, expect, it } from 'vitest';
import { ContentScriptRegistrar, injectableOrigins, injectContentScript, isInjectablePattern } from '../../src/background/activate';
import { badgeState, badgeText, setBadge } from '../../src/background/badge';
import { AUDIT_MAX, AuditLog, reasonCategory } from '../../src/background/dismissals';
import { FakeBrowser } from './fake-browser';

describe('content script activation', () => {
  it.each([
    ['https://ehr.example.org/*', true],
    ['https://*.example.org/*', true],
    ['http://127.0.0.1/*', true],
    ['http://[::1]/*', true],
    ['<all_urls>', false],
    ['*://*/*', false],
    ['https://*/*', false],
    ['*://ehr.example.org/*', false],
    ['https://ehr.example.org/chart/*', false],
    ['file:///*', false],
    ['moz-extension://x/*', false],
  ])('%s injectable: %s', (pattern, expected) => {
    expect(isInjectablePattern(pattern)).toBe(expected);
  });

  it('dedupes and sorts origins', () => {
    expect(injectableOrigins(['https://b.org/*', '<all_urls>', 'https://a.org/*', 'https://b.org/*'])).toEqual(['https://a.org/*', 'https://b.org/*']);
  });

  it('reports a refused injection without throwing', async () => {
    const browser = new FakeBrowser();
    browser.addTab({ id: 1, url: 'https://x.org/', injectable: false });
    expect(await injectContentScript(browser.scripting, 1, () => undefined)).toBe('denied');
    expect(await injectContentScript(browser.scripting, 404, () => undefined)).toBe('denied');
  });

  it('serializes concurrent syncs so registration ends matching the grants', async () => {
    const browser = new FakeBrowser();
    const registrar = new ContentScriptRegistrar(browser, () => undefined);
    browser.granted.add('https://a.org/*');
    const first = registrar.sync();
    browser.granted.add('https://b.org/*');
    const second = registrar.sync();
    await Promise.all([first, second]);
    expect(browser.registered).toHaveLength(1);
    expect(browser.registered[0]?.matches).toEqual(['https://a.org/*', 'https://b.org/*']);
    // Unchanged grants: no re-registration.
    const before = browser.registered[0];
    await registrar.sync();
    expect(browser.registered[0]).toEqual(before);
  });
});

describe('badge', () => {
  it('counts findings and picks the worst severity', () => {
    expect(badgeState([])).toEqual({ count: 0, worst: null });
    expect(badgeState(['info', 'warning', 'info'])).toEqual({ count: 3, worst: 'warning' });
    expect(badgeState(['info', 'error', 'warning'])).toEqual({ count: 3, worst: 'error' });
    expect(badgeText(0)).toBe('');
    expect(badgeText(120)).toBe('99+');
  });

  it('colours per tab and clears when nothing applies', async () => {
    const browser = new FakeBrowser();
    browser.addTab({ id: 1, url: 'https://x.org/' });
    browser.addTab({ id: 2, url: 'https://y.org/' });
    await setBadge(browser.action, 1, { count: 1, worst: 'info' });
    await setBadge(browser.action, 2, { count: 4, worst: 'warning' });
    expect(browser.badges.get(1)).toEqual({ text: '1', color: '#1A73E8', textColor: '#FFFFFF' });
    expect(browser.badges.get(2)).toEqual({ text: '4', color: '#E8A100', textColor: '#1F1F1F' });
    await setBadge(browser.action, 1, { count: 0, worst: null });
    expect(browser.badges.get(1)?.text).toBe('');
    // A closed tab is not an error.
    await expect(setBadge(browser.action, 99, { count: 1, worst: 'error' })).resolves.toBeUndefined();
  });
});

describe('audit log', () => {
  it('keeps only the category of a reason', () => {
    expect(reasonCategory('payer-exception: Aetna allows it for Alice')).toBe('payer-exception');
    expect(reasonCategory('free text about the patient')).toBe('other');
  });

  it('appends concurrently without loss, caps its length and ignores foreign entries', async () => {
    const browser = new FakeBrowser();
    await browser.localArea.set({ auditLog: [{ ruleId: 'x', at: 1, reason: 'other', note: 'PHI' }, 'junk'] });
    const log = new AuditLog(browser.localArea);
    await Promise.all(Array.from({ length: 10 }, (_, i) => log.append(`rule-${i}`, i, 'not-applicable')));
    const entries = await log.read();
    expect(entries).toHaveLength(11);
    expect(JSON.stringify(browser.localArea.data.get('auditLog'))).not.toContain('PHI');
    await Promise.all(Array.from({ length: AUDIT_MAX }, (_, i) => log.append('r', i, 'other')));
    expect(await log.read()).toHaveLength(AUDIT_MAX);
  });
});
