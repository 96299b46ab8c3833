import { describe, expect, it } from 'vitest';
import { createRouter, type RouteHandlers } from '../../src/background/router';
import type { ContentMessage } from '../../src/shared/messages';
import { snapshot as pageSnapshot } from './snapshots';
import { contentSender, EXTENSION_ID, EXTENSION_ORIGIN, popupSender } from './fake-browser';

function setup(overrides: Partial<RouteHandlers> = {}) {
  const content: ContentMessage[] = [];
  const ui: unknown[] = [];
  const logs: string[] = [];
  const handlers: RouteHandlers = {
    content: async (message) => {
      content.push(message);
    },
    ui: async (message) => {
      ui.push(message);
      return { ok: true };
    },
    ...overrides,
  };
  const route = createRouter({ id: EXTENSION_ID, origin: EXTENSION_ORIGIN }, handlers, (m) => logs.push(m));
  return { route, content, ui, logs };
}

const snapshotMessage = {
  type: 'cs:snapshot',
  snapshot: pageSnapshot({ notes: [{ id: 'n', text: 'Pt tolerated massage.' }], lines: [{ code: '97124', units: 2 }] }),
};
const valid = snapshotMessage.snapshot;

describe('router', () => {
  it('hands a valid content message from a content script to the content handler', async () => {
    const { route, content, ui } = setup();
    await expect(route(snapshotMessage, contentSender(1, 0))).resolves.toBeUndefined();
    expect(content).toHaveLength(1);
    expect(ui).toHaveLength(0);
  });

  it("answers a content script's cs:configs with what the content handler returns; a too-long address is dropped", async () => {
    const configs = [{ name: 'site', urlPattern: 'https://ehr.example.test/*', noteSelectors: [] }];
    const { route, content } = setup({ content: async (message) => (message.type === 'cs:configs' ? configs : undefined) });
    await expect(route({ type: 'cs:configs', href: 'https://ehr.example.test/chart/1' }, contentSender(1, 0))).resolves.toEqual(configs);
    expect(route({ type: 'cs:configs', href: `https://ehr.example.test/${'x'.repeat(2100)}` }, contentSender(1, 0))).toBeUndefined();
    expect(content).toHaveLength(0);
  });

  it('hands a valid UI message from an extension page to the UI handler', async () => {
    const { route, ui } = setup();
    await expect(route({ type: 'ui:get-tab-state', tabId: 4 }, popupSender())).resolves.toEqual({ ok: true });
    expect(ui).toEqual([{ type: 'ui:get-tab-state', tabId: 4 }]);
  });

  it('accepts the options page policy query', async () => {
    const { route, ui } = setup();
    await route({ type: 'ui:get-policy' }, popupSender());
    expect(ui).toEqual([{ type: 'ui:get-policy' }]);
  });

  it('never lets a content script reach a UI command', async () => {
    const { route, content, ui } = setup();
    const dismiss = { type: 'ui:dismiss', tabId: 1, findingKey: 'k', ruleId: 'r', reason: 'other' };
    expect(route(dismiss, contentSender(1, 0))).toBeUndefined();
    expect(route({ type: 'ui:rule-level', ruleId: 'r', level: 'off' }, contentSender(1, 3))).toBeUndefined();
    expect(content).toHaveLength(0);
    expect(ui).toHaveLength(0);
  });

  it('does not take content messages from extension pages', async () => {
    const { route, content } = setup();
    await expect(route(snapshotMessage, popupSender())).resolves.toEqual({ ok: false, error: 'invalid-message' });
    expect(content).toHaveLength(0);
  });

  it('drops messages from rejected senders without answering', () => {
    const { route, content, ui, logs } = setup();
    expect(route({ type: 'ui:get-tab-state', tabId: 1 }, { ...popupSender(), id: 'other-extension' })).toBeUndefined();
    expect(route(snapshotMessage, { ...contentSender(1, 0), origin: 'null' })).toBeUndefined();
    expect(content.length + ui.length).toBe(0);
    expect(logs).toEqual(['message dropped: sender rejected (foreign-id)', 'message dropped: sender rejected (non-web-origin)']);
  });

  const garbage: Array<[string, unknown]> = [
    ['null', null],
    ['undefined', undefined],
    ['a string', 'ui:get-tab-state'],
    ['a number', 42],
    ['an array', [{ type: 'ui:get-tab-state', tabId: 1 }]],
    ['no type', { tabId: 1 }],
    ['unknown type', { type: 'ui:delete-everything' }],
    ['wrong tabId type', { type: 'ui:get-tab-state', tabId: '1' }],
    ['negative tabId', { type: 'ui:get-tab-state', tabId: -1 }],
    ['fractional tabId', { type: 'ui:get-tab-state', tabId: 1.5 }],
    ['bad level', { type: 'ui:rule-level', ruleId: 'r', level: 'loud' }],
    ['empty reason', { type: 'ui:dismiss', tabId: 1, findingKey: 'k', ruleId: 'r', reason: '' }],
    ['huge reason', { type: 'ui:dismiss', tabId: 1, findingKey: 'k', ruleId: 'r', reason: 'x'.repeat(100_000) }],
    ['huge findingKey', { type: 'ui:show-in-note', tabId: 1, findingKey: 'k'.repeat(10_000) }],
    ['prototype pollution', JSON.parse('{"__proto__": {"type": "ui:get-tab-state", "tabId": 1}}') as unknown],
    ['constructor key', { constructor: { prototype: { polluted: true } }, type: 'ui:nope' }],
  ];

  it.each(garbage)('answers %s from an extension page with invalid-message and never throws', async (_name, message) => {
    const { route, ui } = setup();
    await expect(route(message, popupSender())).resolves.toEqual({ ok: false, error: 'invalid-message' });
    expect(ui).toHaveLength(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  const badSnapshots: Array<[string, unknown]> = [
    ['too many blocks', { type: 'cs:snapshot', snapshot: { ...valid, page: { ...valid.page, blocks: Array.from({ length: 1501 }, (_, i) => ({ ...valid.page.blocks[0], id: `b${i}` })) } } }],
    ['an oversized block', { type: 'cs:snapshot', snapshot: { ...valid, page: { ...valid.page, blocks: [{ ...valid.page.blocks[0], text: 'x'.repeat(200_001) }] } } }],
    ['page text over its cap', { type: 'cs:snapshot', snapshot: { ...valid, page: { ...valid.page, blocks: Array.from({ length: 4 }, (_, i) => ({ ...valid.page.blocks[0], id: `b${i}`, text: 'x'.repeat(199_000) })) } } }],
    ['too many table rows', { type: 'cs:snapshot', snapshot: { ...valid, page: { ...valid.page, tables: [{ ...valid.page.tables[0], rows: Array.from({ length: 201 }, () => valid.page.tables[0]?.rows[0]) }] } } }],
    ['a cell as a number', { type: 'cs:snapshot', snapshot: { ...valid, page: { ...valid.page, tables: [{ ...valid.page.tables[0], rows: [{ id: 'r', cells: [{ text: 97124 }], visible: true }] }] } } }],
    ['missing frame', { type: 'cs:snapshot', snapshot: { adapter: 'page', page: { ...valid.page, frame: undefined } } }],
    ['null', null],
  ];

  it.each(badSnapshots)('drops a content message with %s', (_name, message) => {
    const { route, content } = setup();
    expect(route(message, contentSender(1, 0))).toBeUndefined();
    expect(content).toHaveLength(0);
  });

  it('strips unknown fields before handlers see a message', async () => {
    const { route, ui } = setup();
    await route({ type: 'ui:get-tab-state', tabId: 2, evil: '<img onerror=alert(1)>' }, popupSender());
    expect(ui).toEqual([{ type: 'ui:get-tab-state', tabId: 2 }]);
  });

  it('fails closed when a handler throws or a getter explodes', async () => {
    const { route } = setup({
      ui: async () => {
        throw new Error('boom');
      },
      content: async () => {
        throw new Error('boom');
      },
    });
    await expect(route({ type: 'ui:get-tab-state', tabId: 1 }, popupSender())).resolves.toEqual({ ok: false, error: 'internal' });
    await expect(route(snapshotMessage, contentSender(1, 0))).resolves.toBeUndefined();
    const trap = {
      get type(): string {
        throw new Error('getter');
      },
    };
    await expect(route(trap, popupSender())).resolves.toEqual({ ok: false, error: 'invalid-message' });
  });
});
