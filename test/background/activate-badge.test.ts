import { describe, expect, it } from 'vitest';
import { ContentScriptRegistrar, injectableOrigins, injectContentScript, isInjectablePattern } from '../../src/background/activate';
import { badgeState, badgeText, badgeTitle, setBadge } from '../../src/background/badge';
import { AUDIT_MAX, AuditLog, findingHash, reasonCategory } from '../../src/background/dismissals';
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
    expect(badgeState([])).toEqual({ count: 0, worst: null, counts: { error: 0, warning: 0, info: 0 } });
    expect(badgeState(['info', 'warning', 'info'])).toEqual({ count: 3, worst: 'warning', counts: { error: 0, warning: 1, info: 2 } });
    expect(badgeState(['info', 'error', 'warning'], 'Aetna')).toEqual({ count: 3, worst: 'error', counts: { error: 1, warning: 1, info: 1 }, profile: 'Aetna' });
    expect(badgeText(0)).toBe('');
    expect(badgeText(120)).toBe('99+');
  });

  it('colours per tab and clears when nothing applies', async () => {
    const browser = new FakeBrowser();
    browser.addTab({ id: 1, url: 'https://x.org/' });
    browser.addTab({ id: 2, url: 'https://y.org/' });
    await setBadge(browser.action, 1, badgeState(['info']));
    await setBadge(browser.action, 2, badgeState(['warning', 'warning', 'info', 'warning'], 'Aetna'));
    expect(browser.badges.get(1)).toMatchObject({ text: '1', color: '#1A73E8', textColor: '#FFFFFF' });
    expect(browser.badges.get(2)).toMatchObject({ text: '4', color: '#E8A100', textColor: '#1F1F1F' });
    await setBadge(browser.action, 1, badgeState([]));
    expect(browser.badges.get(1)?.text).toBe('');
    // A closed tab is not an error.
    await expect(setBadge(browser.action, 99, badgeState(['error']))).resolves.toBeUndefined();
  });
});

describe('badge tooltip', () => {
  it('says the count per severity and the payer profile in words', async () => {
    const browser = new FakeBrowser();
    browser.addTab({ id: 1, url: 'https://x.org/' });
    await setBadge(browser.action, 1, badgeState(['error', 'warning', 'warning', 'info'], 'Aetna'));
    expect(browser.badges.get(1)?.title).toBe('Therapy Claim Guard: 1 errors, 2 warnings, 1 info — payer profile: Aetna');
    await setBadge(browser.action, 1, badgeState([], 'Medicare'));
    expect(browser.badges.get(1)?.title).toBe('Therapy Claim Guard: no open findings — payer profile: Medicare');
    await setBadge(browser.action, 1, badgeState([]));
    expect(browser.badges.get(1)?.title).toBe('Therapy Claim Guard: check this visit');
  });

  it('uses the browser\'s strings when it has them', () => {
    const translate = (key: string, subs: string[] = []) => `[${key}|${subs.join('|')}]`;
    expect(badgeTitle(badgeState(['error'], 'UHC'), translate)).toBe(
      '[badgeTitleProfile|[badgeTitleCounts|[badgeTitleErrors|1], [badgeTitleWarnings|0], [badgeTitleInfo|0]]|UHC]',
    );
  });
});

describe('audit log', () => {
  it('keeps only the category of a reason', () => {
    expect(reasonCategory('payer-exception: Aetna allows it for Alice')).toBe('payer-exception');
    expect(reasonCategory('free text about the patient')).toBe('other');
  });

  it('appends concurrently without loss, caps its length and ignores foreign entries', async () => {
    const browser = new FakeBrowser();
    await browser.localArea.set({ auditLog: [{ ruleId: 'x', at: 1, reason: 'other', note: 'PHI' }, 'junk', { ruleId: 'y', hash: 'Alice', at: 2, reason: 'other' }] });
    const log = new AuditLog(browser.localArea);
    await Promise.all(Array.from({ length: 10 }, (_, i) => log.append(`rule-${i}`, `abc${i}`, i, 'not-applicable')));
    const entries = await log.read();
    expect(entries).toHaveLength(11);
    // Exactly the four fields, whatever was stored before (an older entry keeps an empty hash).
    expect(entries[0]).toEqual({ ruleId: 'x', hash: '', reason: 'other', at: 1 });
    expect(entries[1]).toEqual({ ruleId: 'rule-0', hash: 'abc0', reason: 'not-applicable', at: 0 });
    expect(JSON.stringify(browser.localArea.data.get('auditLog'))).not.toMatch(/PHI|Alice/);
    await Promise.all(Array.from({ length: AUDIT_MAX }, (_, i) => log.append('r', 'f00', i, 'other')));
    expect(await log.read()).toHaveLength(AUDIT_MAX);
  });

  it('undo removes the latest entry of that finding only', async () => {
    const browser = new FakeBrowser();
    const log = new AuditLog(browser.localArea);
    await log.append('a', '111', 1, 'other');
    await log.append('a', '222', 2, 'other');
    await log.append('a', '111', 3, 'false-positive');
    await log.removeLatest('a', '111');
    await log.removeLatest('b', '111');
    expect((await log.read()).map((e) => e.at)).toEqual([1, 2]);
  });

  it('hashes a finding by its key without the rule id', () => {
    expect(findingHash('comfort-wording', 'comfort-wording:0a1b2c3d4e5f60#2')).toBe('0a1b2c3d4e5f60#2');
    // Whatever the key, only hex digits and # reach the log.
    expect(findingHash('comfort-wording', 'other:Alice#1')).toBe('ece#1');
  });
});
