// "Read from": what the worker took from the page as note, claim lines, payer, date, provider and
// episode facts, with the confidence and reason of each; the popup's ReadFrom panel renders it and
// validates it here (fail closed). It also carries this site's saved reading corrections (selector
// configurations: PHI-free), so an admin can export them for the policy.
import * as z from '../engine/zod';
import { CLAIM_LINE_LIMITS as LINE, ID_LIMITS, PAGE_CAPS, READING_LIMITS as R } from './limits';

const text = (max: number) => z.string().check(z.maxLength(max));
const confidence = z.number().check(z.gte(0), z.lte(1));

const FactViewSchema = z.object({
  value: text(300),
  shown: text(300),
  confidence,
  reason: text(300),
  /** "this frame", "frame 3" */
  where: text(60),
});

export const FACT_NAMES = ['payer', 'dateOfService', 'provider', 'visitNumber', 'planOfCareStart', 'totalTimedMinutes', 'onsetDate'] as const;

const VisitViewSchema = z.object({
  key: text(120),
  label: z.optional(text(300)),
  parts: z
    .array(
      z.object({
        /** The visit note part id (the correction target). */
        id: text(ID_LIMITS.part),
        label: text(300),
        chars: z.number().check(z.int(), z.nonnegative()),
        preview: text(160),
        confidence,
        reason: text(400),
        where: text(60),
        edit: z.boolean(),
      }),
    )
    .check(z.maxLength(R.partsPerVisit)),
  lines: z
    .array(
      z.object({
        code: text(5),
        modifiers: z.array(text(2)).check(z.maxLength(LINE.modifiers)),
        units: z.optional(z.number()),
        minutes: z.optional(z.number()),
        dx: z.array(text(LINE.diagnosisChars)).check(z.maxLength(LINE.diagnoses)),
        confidence,
        reason: text(400),
        where: text(60),
      }),
    )
    .check(z.maxLength(R.linesPerVisit)),
  facts: z.partialRecord(z.enum(FACT_NAMES), FactViewSchema),
});

export const ReadingViewSchema = z.object({
  /** No frame shows a note or claim lines (or the tab was never read). */
  empty: z.boolean(),
  visits: z.array(VisitViewSchema).check(z.maxLength(R.visits)),
  status: z.object({
    /** A frame still shows a loading state: the reading may be incomplete. */
    loading: z.boolean(),
    /** A frame said its page changed since it was read (a page that keeps changing). */
    stale: z.boolean(),
    /** Caps the description hit ("table rows (50000)"). */
    cut: z.array(text(PAGE_CAPS.cutChars)).check(z.maxLength(PAGE_CAPS.cutEntries)),
    /** Diagnosis pointers no diagnosis list on the page resolved. */
    unresolved: z.array(text(4)).check(z.maxLength(24)),
    /** Frames that reported, and frames whose content was read into the visit. */
    frames: z.number().check(z.int(), z.nonnegative()),
    framesUsed: z.number().check(z.int(), z.nonnegative()),
    /** Copies of note text dropped because a frame the user sees shows the same text. */
    duplicates: z.number().check(z.int(), z.nonnegative()),
  }),
  skipped: z.array(z.object({ what: z.enum(['note', 'line']), reason: text(400), preview: text(80) })).check(z.maxLength(20)),
  corrections: z.object({
    /** The organisation's policy sets or locks selector configurations: corrections cannot be saved. */
    locked: z.boolean(),
    /** This tab's sites' saved configurations (what "Export" gives an admin; validated where saved). */
    configs: z.array(z.unknown()).check(z.maxLength(20)),
  }),
});

export type ReadingView = z.infer<typeof ReadingViewSchema>;
export type VisitView = z.infer<typeof VisitViewSchema>;
export type FactView = z.infer<typeof FactViewSchema>;

export function parseReadingView(reply: unknown): ReadingView | null {
  const parsed = ReadingViewSchema.safeParse(reply);
  return parsed.success ? parsed.data : null;
}
