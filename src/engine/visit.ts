// The Visit: what the engine checks. Field names are a contract other tools rely on
// (the command line's JSON input, `cli.mjs schema`, the extension's merged frames).
import * as z from './zod';

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'));
const nonNegative = z.number().check(z.nonnegative());
const count = z.number().check(z.int(), z.nonnegative());

export const NotePartSchema = z.object({
  id: z.optional(z.string()),
  label: z.optional(z.string()),
  text: z.string(),
});

export const ClaimLineSchema = z.object({
  code: z.string().check(z.regex(/^[A-Za-z0-9]{5}$/, 'expected a 5-character CPT/HCPCS code such as 97124')),
  modifiers: z.optional(z.array(z.string().check(z.regex(/^[A-Za-z0-9]{2}$/, 'expected 2-character modifiers such as GP or 59')))),
  units: z.optional(count),
  minutes: z.optional(nonNegative),
  dx: z.optional(z.array(z.string())),
});

export const VisitSchema = z.object({
  /** Optional label for reports (file name, encounter id). Never needed by the rules. */
  id: z.optional(z.string()),
  /**
   * Whose visit, for the cross-visit rules (src/engine/history): an MRN or any id that is the same
   * on every visit of the patient. Optional; without it a visit is checked on its own.
   */
  patient: z.optional(z.object({ id: z.string().check(z.minLength(1, 'expected a patient id')) })),
  /** A profile id ("medicare") or the payer name as a claim shows it ("Aetna Choice POS II"). */
  payer: z.optional(z.string()),
  dateOfService: z.optional(isoDate),
  note: z.union([z.string(), z.array(NotePartSchema)]),
  lines: z.array(ClaimLineSchema),
  provider: z.optional(
    z.object({
      name: z.optional(z.string()),
      credentials: z.optional(z.array(z.string())),
    }),
  ),
  totalTimedMinutes: z.optional(nonNegative),
  totalTreatmentMinutes: z.optional(nonNegative),
  episode: z.optional(
    z.object({
      /** Names the episode of care when a patient has several (else its plan-of-care start tells them apart). */
      id: z.optional(z.string()),
      visitNumber: z.optional(z.number().check(z.int(), z.positive())),
      planOfCareStart: z.optional(isoDate),
      onsetDate: z.optional(isoDate),
    }),
  ),
});

export type NotePart = z.infer<typeof NotePartSchema>;
export type ClaimLine = z.infer<typeof ClaimLineSchema>;
export type Visit = z.infer<typeof VisitSchema>;

export interface VisitIssue {
  /** Dotted path of the offending field, e.g. "lines.0.code" ("" for the root). */
  path: string;
  message: string;
}

export type ParseVisitResult = { ok: true; visit: Visit } | { ok: false; issues: VisitIssue[] };

/** Validate unknown input as a Visit; never throws. */
export function parseVisit(input: unknown): ParseVisitResult {
  const result = VisitSchema.safeParse(input);
  if (result.success) return { ok: true, visit: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  };
}

/** The Visit JSON Schema (draft 2020-12), as printed by `cli.mjs schema`. */
export function visitJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(VisitSchema, { io: 'input' }) as Record<string, unknown>;
}
