// What a content script sends about one frame: the page description (./page.ts) and which admin
// selector configurations it applied. The worker validates it (SnapshotSchema) and classifies it
// (src/adapters/classify); claim lines read from it have the SnapshotClaimLine shape.
// Sizes are capped so a hostile or huge page cannot make the worker do unbounded work.
import * as z from '../engine/zod';
import { CLAIM_LINE_LIMITS as LINE, ID_LIMITS } from './limits';
import { PageDescriptionSchema } from './page-schema';

export const SnapshotClaimLineSchema = z.object({
  code: z.string().check(z.regex(/^[A-Za-z0-9]{5}$/)),
  modifiers: z.optional(z.array(z.string().check(z.regex(/^[A-Za-z0-9]{2}$/))).check(z.maxLength(LINE.modifiers))),
  units: z.optional(z.number().check(z.int(), z.nonnegative(), z.lte(LINE.units))),
  minutes: z.optional(z.number().check(z.nonnegative(), z.lte(LINE.minutes))),
  dx: z.optional(z.array(z.string().check(z.maxLength(LINE.diagnosisChars))).check(z.maxLength(LINE.diagnoses))),
});

export const SnapshotSchema = z.object({
  /** "page", or "page+selector:<name>" when an administrator's selector configuration applied. */
  adapter: z.string().check(z.maxLength(ID_LIMITS.adapter)),
  page: PageDescriptionSchema,
  /**
   * Set by the worker (never sent): the frame reported that its page changed and it will read it
   * again later (a page that keeps changing); what it sent before is no longer current.
   */
  stale: z.optional(z.boolean()),
  /** Set by the worker from the browser-stamped sender.origin (never trusted from the message). */
  origin: z.optional(z.string().check(z.maxLength(ID_LIMITS.origin))),
});

export type Snapshot = z.infer<typeof SnapshotSchema>;
export type SnapshotClaimLine = z.infer<typeof SnapshotClaimLineSchema>;

/** The frame shows anything to read: text blocks, label/value fields, tables or records. */
export function snapshotHasContent(snapshot: Snapshot): boolean {
  const { page } = snapshot;
  return page.blocks.length > 0 || page.tables.length > 0 || page.records.length > 0 || page.fields.length > 0;
}
