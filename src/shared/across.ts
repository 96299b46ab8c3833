// What the popup's "Across visits" section gets about the patient's stored visits
// (src/background/history-hook.ts builds it from the history store's records): dates, 97124 units
// and the numbers of the measures the notes record. No identifier, no word of any note.
import * as z from '../engine/zod';

/** Visits the popup charts (the latest ones). */
export const ACROSS_MAX_VISITS = 12;
/** Measures charted beside the massage units (those recorded at the most visits). */
export const ACROSS_MAX_MEASURES = 4;

const count = z.number().check(z.int(), z.nonnegative(), z.lte(999));

export const AcrossVisitsSchema = z.object({
  visits: z
    .array(z.object({ date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), units: count, massage: z.boolean(), current: z.boolean() }))
    .check(z.maxLength(ACROSS_MAX_VISITS)),
  measures: z
    .array(
      z.object({
        /** The engine's measure kind (pain, rom, …) and, when a note records several of a kind, its number. */
        kind: z.string().check(z.regex(/^[a-z-]{2,20}$/)),
        n: z.number().check(z.int(), z.positive(), z.lte(99)),
        better: z.enum(['higher', 'lower']),
        /** Per visit, same order as `visits`; null where that visit did not record it. */
        values: z.array(z.nullable(z.number().check(z.gte(-100_000), z.lte(100_000)))).check(z.maxLength(ACROSS_MAX_VISITS)),
      }),
    )
    .check(z.maxLength(ACROSS_MAX_MEASURES)),
});

export type AcrossVisits = z.infer<typeof AcrossVisitsSchema>;

/** The options page's "Visit history" section (ui:get-history, ui:forget-history). */
export const HistoryStateSchema = z.object({
  history: z.object({
    enabled: z.boolean(),
    retentionDays: z.number().check(z.int(), z.positive(), z.lte(3650)),
    /** What the organisation's policy sets (shown locked). */
    policy: z.object({ enabled: z.boolean(), retentionDays: z.boolean() }),
    /** Patients with stored visits: a count, never who. */
    patients: z.number().check(z.int(), z.nonnegative()),
  }),
});

export type HistoryState = z.infer<typeof HistoryStateSchema>;
