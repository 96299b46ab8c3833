import { describe, expect, it } from 'vitest';
import { classifySender, extensionIdentity, isWebOrigin, type Sender } from '../../src/background/sender';
import { EXTENSION_ID, EXTENSION_ORIGIN } from './fake-browser';

const self = { id: EXTENSION_ID, origin: EXTENSION_ORIGIN };
const tab = (id: number) => ({ id, index: 0, highlighted: false, active: true, pinned: false, incognito: false });

describe('classifySender', () => {
  const cases: Array<[string, Sender | null, ReturnType<typeof classifySender>]> = [
    ['popup (no tab)', { id: EXTENSION_ID, origin: EXTENSION_ORIGIN, url: `${EXTENSION_ORIGIN}/popup.html` }, { kind: 'extension-page' }],
    ['options page', { id: EXTENSION_ID, origin: EXTENSION_ORIGIN, frameId: 0 }, { kind: 'extension-page' }],
    ['popup opened as a tab', { id: EXTENSION_ID, origin: EXTENSION_ORIGIN, tab: tab(7), frameId: 0 }, { kind: 'extension-page', tabId: 7 }],
    [
      'content script, top frame',
      { id: EXTENSION_ID, origin: 'https://ehr.example.org', tab: tab(3), frameId: 0, documentId: 'D1' },
      { kind: 'content', tabId: 3, frameId: 0, documentId: 'D1', origin: 'https://ehr.example.org' },
    ],
    [
      'content script, cross-site iframe with port',
      { id: EXTENSION_ID, origin: 'http://127.0.0.1:8080', tab: tab(3), frameId: 12 },
      { kind: 'content', tabId: 3, frameId: 12, origin: 'http://127.0.0.1:8080' },
    ],
    // Spoof attempts and malformed senders.
    ['another extension', { id: 'someone-else', origin: EXTENSION_ORIGIN }, { kind: 'reject', reason: 'foreign-id' }],
    ['web page via externally_connectable (no id)', { origin: 'https://evil.example', tab: tab(3), frameId: 0 }, { kind: 'reject', reason: 'foreign-id' }],
    [
      'content script whose page claims our URL (url ignored, origin decides)',
      { id: EXTENSION_ID, origin: 'https://evil.example', url: `${EXTENSION_ORIGIN}/popup.html`, tab: tab(3), frameId: 0 },
      { kind: 'content', tabId: 3, frameId: 0, origin: 'https://evil.example' },
    ],
    ['no origin stamped', { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/popup.html` }, { kind: 'reject', reason: 'no-origin' }],
    ['empty origin', { id: EXTENSION_ID, origin: '', tab: tab(1), frameId: 0 }, { kind: 'reject', reason: 'no-origin' }],
    ['opaque origin (sandboxed frame)', { id: EXTENSION_ID, origin: 'null', tab: tab(1), frameId: 2 }, { kind: 'reject', reason: 'non-web-origin' }],
    ['file: page', { id: EXTENSION_ID, origin: 'file://', tab: tab(1), frameId: 0 }, { kind: 'reject', reason: 'non-web-origin' }],
    ['other extension origin with our id', { id: EXTENSION_ID, origin: 'chrome-extension://other', tab: tab(1), frameId: 0 }, { kind: 'reject', reason: 'non-web-origin' }],
    ['origin with a path', { id: EXTENSION_ID, origin: 'https://ehr.example.org/x', tab: tab(1), frameId: 0 }, { kind: 'reject', reason: 'non-web-origin' }],
    ['content without tab', { id: EXTENSION_ID, origin: 'https://ehr.example.org', frameId: 0 }, { kind: 'reject', reason: 'bad-tab' }],
    ['content with TAB_ID_NONE', { id: EXTENSION_ID, origin: 'https://ehr.example.org', tab: tab(-1), frameId: 0 }, { kind: 'reject', reason: 'bad-tab' }],
    ['content without frameId', { id: EXTENSION_ID, origin: 'https://ehr.example.org', tab: tab(1) }, { kind: 'reject', reason: 'bad-frame' }],
    ['content with fractional frameId', { id: EXTENSION_ID, origin: 'https://ehr.example.org', tab: tab(1), frameId: 1.5 }, { kind: 'reject', reason: 'bad-frame' }],
    ['our page inside a frame', { id: EXTENSION_ID, origin: EXTENSION_ORIGIN, tab: tab(1), frameId: 4 }, { kind: 'reject', reason: 'extension-frame' }],
    ['null sender', null, { kind: 'reject', reason: 'not-an-object' }],
  ];

  it.each(cases)('%s', (_name, sender, expected) => {
    expect(classifySender(sender, self)).toEqual(expected);
  });

  it('never reads sender.url', () => {
    const sender = { id: EXTENSION_ID, origin: 'https://ehr.example.org', tab: tab(1), frameId: 0 } as Sender;
    Object.defineProperty(sender, 'url', {
      get() {
        throw new Error('sender.url was read');
      },
    });
    expect(classifySender(sender, self).kind).toBe('content');
  });

  it('derives our origin from runtime.getURL', () => {
    expect(extensionIdentity({ id: 'x', getURL: (p) => `moz-extension://1234-uuid/${p}` })).toEqual({ id: 'x', origin: 'moz-extension://1234-uuid' });
  });

  it('accepts only canonical http(s) origins as web origins', () => {
    expect(isWebOrigin('https://ehr.example.org')).toBe(true);
    expect(isWebOrigin('http://[::1]:8080')).toBe(true);
    expect(isWebOrigin('https://EHR.example.org')).toBe(false);
    expect(isWebOrigin('javascript:alert(1)')).toBe(false);
    expect(isWebOrigin(`https://${'a'.repeat(3000)}.org`)).toBe(false);
  });
});
