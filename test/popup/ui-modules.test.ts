import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPopupClient } from '../../src/ui/client';
import { decodeDismissReason } from '../../src/shared/dismiss-reason';
import { setMessageSource, t } from '../../src/ui/i18n';
import { isRuleLocked } from '../../src/ui/locks';
import { isSafeLink, originToPattern, patternToLabel, siteInputToPattern } from '../../src/ui/origins';
import { parseTabState } from '../../src/ui/tab-state';
import { fakeBrowser } from './support/fake-browser';
import { okState } from './support/fixtures';
import { format, loadMessages } from './support/english';

afterEach(() => setMessageSource(null));

describe('i18n', () => {
  it('falls back to the key without a message source, and for unknown keys', () => {
    expect(t('showInNote')).toBe('showInNote');
    setMessageSource(() => '');
    expect(t('nope', 3)).toBe('nope');
  });

  it('passes substitutions as strings', () => {
    const calls: Array<string[] | undefined> = [];
    setMessageSource((key, subs) => {
      calls.push(subs);
      return `${key}!`;
    });
    expect(t('a', 3)).toBe('a!');
    t('b', ['x', 2]);
    t('c');
    expect(calls).toEqual([['3'], ['x', '2'], undefined]);
  });

  it('formats locale placeholders the way the browser does', () => {
    const messages = loadMessages();
    expect(format(messages.dataVersion!, ['2026-11-27', '2026.11'])).toBe('Rules as of 2026-11-27 (data 2026.11)');
    expect(format({ message: 'Cost: $$5 for $WHO$', placeholders: { who: { content: '$1' } } }, ['you'])).toBe('Cost: $5 for you');
  });
});

describe('locale file', () => {
  const messages = loadMessages();
  const sourceFiles = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
    });

  it('has every key the popup, options page and shared UI ask for', () => {
    const used = new Set<string>();
    for (const file of ['src/popup', 'src/options', 'src/ui'].flatMap(sourceFiles)) {
      const text = readFileSync(file, 'utf8');
      // t('key' …) calls, and keys held in tables ('severityError', 'groupErrors', …).
      for (const match of text.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(match[1]!);
      for (const match of text.matchAll(/'((?:severity|group|dismissReason|units|level|options|json|refused)[A-Z][A-Za-z0-9]*)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !(key in messages))).toEqual([]);
  });

  it('declares a placeholder for every $NAME$ and uses only $1…$9 contents', () => {
    for (const [key, entry] of Object.entries(messages)) {
      const names = [...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase());
      const declared = Object.keys(entry.placeholders ?? {}).map((n) => n.toLowerCase());
      expect(names.filter((n) => !declared.includes(n)), key).toEqual([]);
      for (const placeholder of Object.values(entry.placeholders ?? {})) expect(placeholder.content, key).toMatch(/^\$[1-9]$/);
    }
  });
});

describe('dismiss reasons', () => {
  it('decodes a category, an older popup\'s "<category>: note", and keeps unknown text as "other"', () => {
    expect(decodeDismissReason('payer-exception: plan allows it')).toEqual({ category: 'payer-exception', note: 'plan allows it' });
    expect(decodeDismissReason('documented-elsewhere')).toEqual({ category: 'documented-elsewhere', note: '' });
    expect(decodeDismissReason('because: reasons')).toEqual({ category: 'other', note: 'because: reasons' });
  });
});

describe('origins and links', () => {
  it('turns origins into port-less match patterns', () => {
    expect(originToPattern('https://ehr.example.test:8443')).toBe('https://ehr.example.test/*');
    expect(originToPattern('http://127.0.0.1:5173')).toBe('http://127.0.0.1/*');
    expect(originToPattern('chrome://extensions')).toBeNull();
    expect(originToPattern('not a url')).toBeNull();
  });

  it('reads what people type into "add a site"', () => {
    expect(siteInputToPattern('ehr.example.test')).toBe('https://ehr.example.test/*');
    expect(siteInputToPattern(' https://ehr.example.test/encounter/42?x=1 ')).toBe('https://ehr.example.test/*');
    expect(siteInputToPattern('*.example.test')).toBe('https://*.example.test/*');
    expect(siteInputToPattern('ftp://files.example.test')).toBeNull();
    expect(siteInputToPattern('')).toBeNull();
    expect(patternToLabel('https://ehr.example.test/*')).toBe('https://ehr.example.test');
  });

  it('only treats http(s) as links', () => {
    expect(isSafeLink('https://www.cms.gov/x')).toBe(true);
    expect(isSafeLink('javascript:alert(1)')).toBe(false);
    expect(isSafeLink('data:text/html,<b>')).toBe(false);
  });

  it('locks one rule or all of them', () => {
    expect(isRuleLocked(['ruleLevels.missing-gp'], 'missing-gp')).toBe(true);
    expect(isRuleLocked(['ruleLevels.missing-gp'], 'other')).toBe(false);
    expect(isRuleLocked(['ruleLevels'], 'other')).toBe(true);
  });
});

describe('TabState schema', () => {
  it('accepts the fixture and rejects drift', () => {
    expect(parseTabState(okState())).not.toBeNull();
    expect(parseTabState(okState({ status: 'weird' as 'ok' }))).toBeNull();
    expect(parseTabState({ ...okState(), frames: -1 })).toBeNull();
    expect(parseTabState(undefined)).toBeNull();
  });
});

describe('popup client', () => {
  it('uses a TabState reply to an action directly', async () => {
    const fake = fakeBrowser({ tabState: okState() });
    const { state, refused } = await createPopupClient(fake.api).act({ type: 'ui:rescan', tabId: 7 });
    expect(state.status).toBe('ok');
    expect(refused).toBeUndefined();
    expect(fake.sent.map((m) => m.type)).toEqual(['ui:rescan']);
  });

  it('asks for the tab state again when the action reply is not one', async () => {
    const fake = fakeBrowser({ tabState: okState({ frames: 5 }), actionReply: () => ({ ok: true }) });
    const { state, refused } = await createPopupClient(fake.api).act({ type: 'ui:undismiss', tabId: 7, findingKey: 'k' });
    expect(state.frames).toBe(5);
    expect(refused).toBeUndefined();
    expect(fake.sent.map((m) => m.type)).toEqual(['ui:undismiss', 'ui:get-tab-state']);
  });

  it('reports a refusal with its code and the fresh state', async () => {
    const fake = fakeBrowser({ tabState: okState(), actionReply: () => ({ ok: false, error: 'locked' }) });
    const outcome = await createPopupClient(fake.api).act({ type: 'ui:set-profile', tabId: 7, profile: 'aetna' });
    expect(outcome.refused).toBe('locked');
    expect(outcome.state.status).toBe('ok');
  });

  it('reads only the active tab id', async () => {
    const fake = fakeBrowser({ tabId: 42 });
    expect(await createPopupClient(fake.api).activeTabId()).toBe(42);
    expect(fake.api.tabs.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });
});
