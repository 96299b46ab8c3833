// A stand-in for the extension APIs the content script uses (src/content/browser.ts).
import { vi } from 'vitest';
import type { ExtensionApi, InboundListener, Sender } from '../../src/content/browser';
import type { ContentMessage } from '../../src/shared/messages';
import { validateSelectorConfig, type SelectorAdapterConfig } from '../../src/adapters/selector';
import { matchingConfigs } from '../../src/adapters/selector-adapter';

export const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';

export function fakeApi(configs: unknown[] = []) {
  const sent: ContentMessage[] = [];
  let listener: InboundListener | undefined;
  let configListener: (() => void) | undefined;
  let id: string | undefined = EXTENSION_ID;
  let storedConfigs = configs;
  const api: ExtensionApi = {
    runtimeId: () => id,
    send: vi.fn(async (message: ContentMessage) => {
      sent.push(message);
    }),
    onMessage(l) {
      listener = l;
      return () => {
        listener = undefined;
      };
    },
    // As the worker answers cs:configs: the stored configs it would accept whose pattern takes the address.
    selectorConfigs: async (href: string) => matchingConfigs(storedConfigs.flatMap((c) => (validateSelectorConfig(c, null).ok ? [c as SelectorAdapterConfig] : [])), href),
    onSelectorConfigsChanged(callback) {
      configListener = callback;
      return () => {
        configListener = undefined;
      };
    },
  };
  return {
    api,
    sent,
    /** Deliver a message as the browser would; returns the listener's result. */
    deliver: (message: unknown, sender: Sender = { id: EXTENSION_ID }) => listener?.(message, sender),
    hasListener: () => listener !== undefined,
    /** The extension was reloaded: runtime.id disappears. */
    invalidate: () => {
      id = undefined;
    },
    setConfigs: (next: unknown[]) => {
      storedConfigs = next;
      configListener?.();
    },
  };
}
