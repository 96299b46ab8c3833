// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { extensionApi, SELECTOR_ADAPTERS_KEY, type ExtensionNamespace } from '../../src/content/browser';

type Raw = (message: unknown, sender: { id?: string }, sendResponse: (response: unknown) => void) => boolean;
type Change = (changes: Record<string, unknown>, area: string) => void;

function fakeNamespace(options: { managed?: () => Promise<Record<string, unknown>>; sync?: () => Promise<Record<string, unknown>> } = {}) {
  const messageListeners: Raw[] = [];
  const changeListeners: Change[] = [];
  const ns: ExtensionNamespace = {
    runtime: {
      id: 'ext-id',
      sendMessage: vi.fn(async () => undefined),
      onMessage: { addListener: (l) => messageListeners.push(l), removeListener: (l) => messageListeners.splice(messageListeners.indexOf(l), 1) },
    },
    storage: {
      managed: { get: options.managed ?? (async () => ({})) },
      sync: { get: options.sync ?? (async () => ({})) },
      onChanged: { addListener: (l) => changeListeners.push(l), removeListener: (l) => changeListeners.splice(changeListeners.indexOf(l), 1) },
    },
  };
  return { ns, messageListeners, changeListeners };
}

describe('extension API wrapper', () => {
  it('answers with a listener promise through sendResponse and keeps the channel open', async () => {
    const { ns, messageListeners } = fakeNamespace();
    const api = extensionApi(ns);
    const unsubscribe = api.onMessage((message) => ((message as { type: string }).type === 'ask' ? Promise.resolve({ ok: true }) : undefined));
    const raw = messageListeners[0] as Raw;
    const sendResponse = vi.fn();
    expect(raw({ type: 'ask' }, { id: 'ext-id' }, sendResponse)).toBe(true);
    await Promise.resolve();
    expect(sendResponse).toHaveBeenCalledWith({ ok: true });
    expect(raw({ type: 'other' }, { id: 'ext-id' }, sendResponse)).toBe(false);
    unsubscribe();
    expect(messageListeners).toHaveLength(0);
  });

  it('sends through runtime.sendMessage and reports the runtime id until it disappears', async () => {
    const { ns } = fakeNamespace();
    const api = extensionApi(ns);
    await api.send({ type: 'cs:empty' });
    expect(ns.runtime?.sendMessage).toHaveBeenCalledWith({ type: 'cs:empty' });
    expect(api.runtimeId()).toBe('ext-id');
    if (ns.runtime) ns.runtime.id = undefined;
    expect(api.runtimeId()).toBeUndefined();
    await expect(extensionApi(undefined).send({ type: 'cs:empty' })).rejects.toThrow();
  });

  it('reads selector configs with the worker\'s precedence: policy replaces, a lock excludes the user\'s', async () => {
    const policy = { name: 'Policy' };
    const user = { name: 'User' };
    const both = fakeNamespace({ managed: async () => ({ [SELECTOR_ADAPTERS_KEY]: [policy] }), sync: async () => ({ [SELECTOR_ADAPTERS_KEY]: [user] }) });
    await expect(extensionApi(both.ns).selectorConfigs()).resolves.toEqual([policy]);
    const locked = fakeNamespace({ managed: async () => ({ lockedSettings: ['selectorAdapters'] }), sync: async () => ({ [SELECTOR_ADAPTERS_KEY]: [user] }) });
    await expect(extensionApi(locked.ns).selectorConfigs()).resolves.toEqual([]);
    const userOnly = fakeNamespace({ managed: async () => ({ lockedSettings: ['profile'] }), sync: async () => ({ [SELECTOR_ADAPTERS_KEY]: [user] }) });
    await expect(extensionApi(userOnly.ns).selectorConfigs()).resolves.toEqual([user]);
    const noPolicy = fakeNamespace({
      managed: () => Promise.reject(new Error('Managed storage manifest not found')),
      sync: async () => ({ [SELECTOR_ADAPTERS_KEY]: 'not a list' }),
    });
    await expect(extensionApi(noPolicy.ns).selectorConfigs()).resolves.toEqual([]);
  });

  it('reports config changes from managed and sync storage only', () => {
    const { ns, changeListeners } = fakeNamespace();
    const callback = vi.fn();
    const unsubscribe = extensionApi(ns).onSelectorConfigsChanged(callback);
    const listener = changeListeners[0] as Change;
    listener({ [SELECTOR_ADAPTERS_KEY]: {} }, 'local');
    listener({ other: {} }, 'sync');
    expect(callback).not.toHaveBeenCalled();
    listener({ [SELECTOR_ADAPTERS_KEY]: {} }, 'managed');
    expect(callback).toHaveBeenCalledTimes(1);
    unsubscribe();
    expect(changeListeners).toHaveLength(0);
  });
});
