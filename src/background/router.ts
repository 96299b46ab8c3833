// The worker's only runtime.onMessage entry. Each message is classified by sender first
// (sender.ts), then validated against the catalog of that sender's direction only:
//   content scripts → ContentToBackground      extension pages → UiToBackground
// A content script can therefore never reach a UI command (dismiss, rule levels…), whatever it
// sends. Anything that does not classify or parse is dropped. The listener never throws and never
// rejects: failures answer `undefined` (content, rejected senders) or { ok: false } (our pages).
import * as z from '../engine/zod';
import { ContentToBackground, parseMessage, UiToBackground, type ContentMessage, type MessageOf } from '../shared/messages';
import type { MessageHandler } from '../platform/types';
import { fail, type UiReply } from './api';
import { classifySender, type ExtensionIdentity, type Sender, type SenderClass } from './sender';
import type { Logger } from './state';

export const UiCatalog = UiToBackground;

export type UiRequest = MessageOf<typeof UiCatalog>;
export type ContentSender = Extract<SenderClass, { kind: 'content' }>;
export type PageSender = Extract<SenderClass, { kind: 'extension-page' }>;

export interface RouteHandlers {
  /** Most content messages get no answer (undefined); `cs:configs` is answered with the frame's configs. */
  content(message: ContentMessage, sender: ContentSender): Promise<unknown>;
  ui(message: UiRequest, sender: PageSender): Promise<UiReply>;
}

export function createRouter(self: ExtensionIdentity, handlers: RouteHandlers, log: Logger = () => undefined): MessageHandler {
  return (message: unknown, rawSender: Sender) => {
    let sender: SenderClass;
    try {
      sender = classifySender(rawSender, self);
    } catch (error) {
      log('sender classification threw', error);
      return undefined;
    }
    if (sender.kind === 'reject') {
      log(`message dropped: sender rejected (${sender.reason})`);
      return undefined;
    }

    if (sender.kind === 'content') {
      const parsed = safeParse(ContentToBackground, message);
      if (parsed === null) {
        log('content message dropped: not in the content catalog');
        return undefined;
      }
      return handlers.content(parsed, sender).then(
        (reply) => reply,
        (error: unknown) => {
          log('content handler failed', error);
          return undefined;
        },
      );
    }

    const parsed = safeParse(UiCatalog, message);
    if (parsed === null) return Promise.resolve(fail('invalid-message'));
    return handlers.ui(parsed, sender).catch((error: unknown) => {
      log('ui handler failed', error);
      return fail('internal');
    });
  };
}

function safeParse<C extends Record<string, z.ZodMiniType>>(catalog: C, message: unknown): MessageOf<C> | null {
  try {
    return parseMessage(catalog, message);
  } catch {
    // A getter or proxy that throws while being read is as invalid as a wrong type.
    return null;
  }
}
