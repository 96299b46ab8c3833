// What a content script reads from one frame: the adapter's output, no engine involved.
// Sizes are capped here so a hostile or huge page cannot make the worker do unbounded work.
import * as z from '../engine/zod';
import { MAX_ADAPTER_ID, MAX_FIELD, MAX_ID, MAX_LABEL, MAX_LINES, MAX_PART_CHARS, MAX_PARTS } from './limits';

export { MAX_LINES, MAX_PART_CHARS, MAX_PARTS } from './limits';

export const SnapshotNotePartSchema = z.object({
  /** Frame-local, stable across re-reads of the same element ("soap:objective", "textarea:2"). */
  id: z.string().check(z.maxLength(MAX_ID)),
  label: z.optional(z.string().check(z.maxLength(MAX_LABEL))),
  text: z.string().check(z.maxLength(MAX_PART_CHARS)),
});

export const SnapshotClaimLineSchema = z.object({
  code: z.string().check(z.regex(/^[A-Za-z0-9]{5}$/)),
  modifiers: z.optional(z.array(z.string().check(z.regex(/^[A-Za-z0-9]{2}$/))).check(z.maxLength(8))),
  units: z.optional(z.number().check(z.int(), z.nonnegative(), z.lte(999))),
  minutes: z.optional(z.number().check(z.nonnegative(), z.lte(1440))),
  dx: z.optional(z.array(z.string().check(z.maxLength(12))).check(z.maxLength(12))),
});

export const SnapshotSchema = z.object({
  /** Adapter id that produced it: "openemr", "generic", "selector:<name>". */
  adapter: z.string().check(z.maxLength(MAX_ADAPTER_ID)),
  noteParts: z.array(SnapshotNotePartSchema).check(z.maxLength(MAX_PARTS)),
  claimLines: z.array(SnapshotClaimLineSchema).check(z.maxLength(MAX_LINES)),
  payerText: z.optional(z.string().check(z.maxLength(MAX_FIELD))),
  providerText: z.optional(z.string().check(z.maxLength(MAX_FIELD))),
  dateOfService: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
  /** True when some text was cut at MAX_PART_CHARS; the popup shows a "truncated" notice. */
  truncated: z.boolean(),
});

export type Snapshot = z.infer<typeof SnapshotSchema>;
export type SnapshotNotePart = z.infer<typeof SnapshotNotePartSchema>;
export type SnapshotClaimLine = z.infer<typeof SnapshotClaimLineSchema>;
