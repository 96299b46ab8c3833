// The "Read from" panel's door to the worker (ui:get-reading, ui:correct-reading). Replies are
// validated (src/shared/reading.ts); anything malformed fails closed.
import * as z from '../engine/zod';
import type { UiMessage } from '../shared/messages';
import { parseReadingView, type ReadingView } from '../shared/reading';

export type CorrectionAction = 'not-note' | 'pick-note' | 'forget';

/** The fresh view, "picking" (the page now waits for the user's click), or the refusal's code. */
export type CorrectionOutcome = { view: ReadingView } | { picking: true } | { refused: string };

export interface ReadingClient {
  /** null when the worker gave no readable answer. */
  get(tabId: number): Promise<ReadingView | null>;
  correct(tabId: number, action: CorrectionAction, part?: string): Promise<CorrectionOutcome>;
}

const RefusalSchema = z.object({ ok: z.literal(false), error: z.string().check(z.maxLength(100)) });
const OkSchema = z.object({ ok: z.literal(true) });

export function createReadingClient(send: (message: UiMessage) => Promise<unknown>): ReadingClient {
  return {
    async get(tabId) {
      try {
        return parseReadingView(await send({ type: 'ui:get-reading', tabId }));
      } catch {
        return null;
      }
    },
    async correct(tabId, action, part) {
      const reply = await send({ type: 'ui:correct-reading', tabId, action, ...(part !== undefined ? { part } : {}) });
      const view = parseReadingView(reply);
      if (view) return { view };
      if (OkSchema.safeParse(reply).success) return { picking: true };
      const refusal = RefusalSchema.safeParse(reply);
      return { refused: refusal.success ? refusal.data.error : 'internal' };
    },
  };
}
