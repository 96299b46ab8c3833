// The popup's whole input: the background answers `ui:get-tab-state` (and the ui:* actions) with
// a TabState. The popup never imports the engine (bundle budget), so everything it shows — rule
// meta included — travels here. The reply is validated; anything off-shape becomes an error
// state (fail closed) rather than a half-rendered popup.
import { AcrossVisitsSchema } from '../shared/across';
import * as z from '../engine/zod';
import type { CheckResult } from '../engine/types';
import { DISMISS_LIMITS, ID_LIMITS as ID, MAX_LOCKS, MAX_REJECTIONS_SHOWN, SETTINGS_LIMITS, TAB_LIMITS } from '../shared/limits';
import { LockInfoSchema, RejectedPolicyValueSchema } from './policy-state';

const text = (max: number) => z.string().check(z.maxLength(max));
const count = z.number().check(z.nonnegative());
const offset = z.int().check(z.nonnegative());
const perCode = z.record(text(20), count);

export const SeveritySchema = z.enum(['error', 'warning', 'info']);

const CitationSchema = z.object({ title: text(500), url: text(2000) });

const EvidenceSchema = z.object({
  part: z.optional(text(ID.part)),
  start: offset,
  end: offset,
  text: text(10_000),
  context: z.optional(z.object({ start: offset, text: text(2_000) })),
});

export const FindingSchema = z.object({
  ruleId: text(ID.rule),
  title: text(300),
  severity: SeveritySchema,
  message: text(4000),
  evidence: z.optional(EvidenceSchema),
  line: z.optional(offset),
  citations: z.array(CitationSchema).check(z.maxLength(50)),
  suggestion: z.optional(text(4000)),
  profile: text(ID.profile),
  /** Findings of other rules folded into this one (one root cause, one finding). */
  related: z.optional(z.array(z.object({ ruleId: text(ID.rule), title: text(300), message: text(4000) })).check(z.maxLength(50))),
  /** Set on a finding shown under another one's root. */
  relatedTo: z.optional(z.object({ ruleId: text(ID.rule), line: z.optional(offset) })),
});

/** What the engine read behind one rule's findings (src/engine/explain.ts explainRules). */
export const ExplanationSchema = z.array(z.object({ title: text(300), lines: z.array(text(600)).check(z.maxLength(20)) })).check(z.maxLength(10));

export const UnitsSummarySchema = z.object({
  method: z.enum(['cms', 'per-code']),
  totalTimedMinutes: z.nullable(count),
  expected: perCode,
  expectedTimedUnits: z.nullable(count),
  billed: perCode,
  alternatives: z.array(perCode).check(z.maxLength(100)),
  minutesByCode: perCode,
});

const bySeverity = z.object({ error: count, warning: count, info: count });

/** CheckResult.truncated: the exact counts behind "+N more" (src/engine/caps.ts). */
export const TruncationSchema = z.object({
  total: count,
  shown: count,
  omitted: bySeverity,
  rules: z.record(text(ID.rule), z.object({ count, shown: count, omitted: bySeverity })),
});

export const CheckResultSchema = z.object({
  findings: z.array(FindingSchema).check(z.maxLength(TAB_LIMITS.findings)),
  truncated: z.optional(TruncationSchema),
  units: UnitsSummarySchema,
  profile: z.object({
    id: text(ID.profile),
    name: text(200),
    matchedBy: z.enum(['option', 'payer-map', 'payer-id', 'payer-name', 'default']),
    payerText: z.optional(text(300)),
  }),
  dataVersion: z.object({ version: text(100), asOf: text(40) }),
  explanations: z.optional(z.record(text(ID.rule), ExplanationSchema)),
});

export const RuleInfoSchema = z.object({
  title: text(300),
  rationale: text(4000),
  howToFix: text(4000),
  /** A cross-visit rule (visit history): levels and disabled rules only, no per-payer or per-site off. */
  acrossVisits: z.optional(z.boolean()),
});

export const DismissalSchema = z.object({
  findingKey: text(ID.findingKey),
  ruleId: text(ID.rule),
  /** As sent in `ui:dismiss`: see dismiss-reason.ts for the "<category>: <note>" encoding. */
  reason: text(DISMISS_LIMITS.reasonChars),
  /** Epoch milliseconds. */
  at: count,
});

/** A claim line by its codes: what a finding's `line` index points at. */
export const LineLabelSchema = z.object({
  code: text(20),
  modifiers: z.array(text(10)).check(z.maxLength(10)),
  units: z.optional(count),
});

/** A rule turned off for this tab's payer profile or site (popup: "turn this rule off for…"). */
export const ScopedOffSchema = z.object({ ruleId: text(ID.rule), scope: z.enum(['profile', 'site']) });

export const TAB_STATUSES = ['ok', 'no-data', 'not-granted', 'not-ehr', 'error', 'restricted'] as const;

export const TabStateSchema = z
  .object({
    status: z.enum(TAB_STATUSES),
    /** The tab's origin ("https://ehr.example.org"); needed for "Grant access to this site". */
    origin: z.optional(text(ID.origin)),
    result: z.optional(CheckResultSchema),
    rules: z.record(text(ID.rule), RuleInfoSchema),
    dismissed: z.array(DismissalSchema).check(z.maxLength(TAB_LIMITS.dismissals)),
    /** One stable key per result.findings entry, same order. */
    findingKeys: z.array(text(ID.findingKey)).check(z.maxLength(TAB_LIMITS.findings)),
    profiles: z.array(z.object({ id: text(ID.profile), name: text(200) })).check(z.maxLength(TAB_LIMITS.profiles)),
    /** The profile the user forced for this tab, null when chosen automatically. */
    profileOverride: z.nullable(text(ID.profile)),
    truncated: z.boolean(),
    frames: z.int().check(z.nonnegative()),
    locked: z.array(text(SETTINGS_LIMITS.lockName)).check(z.maxLength(MAX_LOCKS)),
    rejectedPolicy: z.array(RejectedPolicyValueSchema).check(z.maxLength(MAX_REJECTIONS_SHOWN)),
    error: z.optional(text(2000)),
    /** The visit's claim lines, by index. */
    lines: z.optional(z.array(LineLabelSchema).check(z.maxLength(TAB_LIMITS.lines))),
    // A rule may be off for the profile and for the site: two entries per rule at most.
    scopedOff: z.optional(z.array(ScopedOffSchema).check(z.maxLength(2 * SETTINGS_LIMITS.entries))),
    lockInfo: z.optional(LockInfoSchema),
    /** "Open in Claim Guard" from the page: the finding to show, and when it was asked for. */
    focus: z.optional(z.object({ findingKey: text(ID.findingKey), at: count })),
    /** The patient's earlier visits, when visit history found the patient (src/shared/across.ts). */
    across: z.optional(AcrossVisitsSchema),
  })
  .check(
    z.refine((s) => s.status !== 'ok' || s.result !== undefined, 'status "ok" needs a result'),
    z.refine(
      (s) => s.result === undefined || s.result.findings.length === s.findingKeys.length,
      'findingKeys must be parallel to result.findings',
    ),
  );

export type TabState = z.infer<typeof TabStateSchema>;
export type TabStatus = TabState['status'];
export type TabResult = z.infer<typeof CheckResultSchema>;
export type TabFinding = z.infer<typeof FindingSchema>;
export type TabUnits = z.infer<typeof UnitsSummarySchema>;
export type RuleInfo = z.infer<typeof RuleInfoSchema>;
export type Dismissal = z.infer<typeof DismissalSchema>;
export type Severity = z.infer<typeof SeveritySchema>;
export type LineLabel = z.infer<typeof LineLabelSchema>;
export type ScopedOff = z.infer<typeof ScopedOffSchema>;
export type Explanation = z.infer<typeof ExplanationSchema>;

// Compile-time drift check: the engine's CheckResult must fit the schema the popup validates.
type Expect<T extends true> = T;
export type EngineResultFitsTabState = Expect<CheckResult extends TabResult ? true : false>;

/** null when the reply is not a TabState (the caller turns that into an error state). */
export function parseTabState(reply: unknown): TabState | null {
  const parsed = TabStateSchema.safeParse(reply);
  return parsed.success ? parsed.data : null;
}

/** A TabState the popup builds itself when it cannot get one from the background. */
export function errorTabState(error: string): TabState {
  return {
    status: 'error',
    rules: {},
    dismissed: [],
    findingKeys: [],
    profiles: [],
    profileOverride: null,
    truncated: false,
    frames: 0,
    locked: [],
    rejectedPolicy: [],
    error,
  };
}
