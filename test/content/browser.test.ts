// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { extensionApi, SELECTOR_ADAPTERS_KEY, type ExtensionNamespace } from '../../src/content/browser';

type Raw = (message: unknown, sender: { id?: string }, sendResponse: (response: unknown) => void) => boolean;
type Change = (changes: Record<string, unknown>, area: string) => void;

function fakeNamespace(reply: unknown = undefined) {
  const messageListeners: Raw[] = [];
  const changeListeners: Change[] = [];
  const ns: ExtensionNamespace = {
    runtime: {
      id: 'ext-id',
      sendMessage: vi.fn(async () => reply),
      onMessage: { addListener: (l) => messageListeners.push(l), removeListener: (l) => messageListeners.splice(messageListeners.indexOf(l), 1) },
    },
    storage: {
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

  it('asks the worker for the selector configs of its address; anything but a list is none', async () => {
    const config = { name: 'Policy', urlPattern: 'https://ehr.example.test/*', noteSelectors: [] };
    const answered = fakeNamespace([config]);
    await expect(extensionApi(answered.ns).selectorConfigs('https://ehr.example.test/visit/1')).resolves.toEqual([config]);
    expect(answered.ns.runtime?.sendMessage).toHaveBeenCalledWith({ type: 'cs:configs', href: 'https://ehr.example.test/visit/1' });
    await expect(extensionApi(fakeNamespace(undefined).ns).selectorConfigs('https://ehr.example.test/')).resolves.toEqual([]);
    await expect(extensionApi(fakeNamespace({ configs: [config] }).ns).selectorConfigs('https://ehr.example.test/')).resolves.toEqual([]);
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
