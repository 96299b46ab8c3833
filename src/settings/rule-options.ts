// Per-rule options an organisation may set (`ruleOptions` in user options or managed policy).
// Rules read their options as untyped `Record<string, unknown>` (src/engine/rules/*.ts) and fall
// back to their own defaults on anything odd; this catalog is the typed face of those options, so
// policy is validated option by option and the managed schema can declare each one. A test
// (test/policy/rule-options.test.ts) checks it against the `options.<name>` reads in the rule
// sources, so a new or renamed option cannot be forgotten here.
import * as z from '../engine/zod';

const flag = z.boolean();
const count = (max: number) => z.int().check(z.minimum(0), z.maximum(max));
/** A number in a range (similarities 0–1, pain points, degrees). */
const amount = (max: number) => z.number().check(z.minimum(0), z.maximum(max));
const list = (item: z.ZodMiniType<string>, max = 50) => z.array(item).check(z.maxLength(max));
/** CPT/HCPCS codes and modifiers as claim lines carry them ("97124", "59", "XU"). */
const code = z.string().check(z.regex(/^[A-Za-z0-9]{2,5}$/));
/** Credentials as notes sign them ("PT", "PTA", "LMT"). */
const credential = z.string().check(z.regex(/^[A-Za-z][A-Za-z.-]{0,19}$/));
/** Free phrases matched in the note ("next visit"). */
const phrase = z.string().check(z.minLength(1), z.maxLength(100));
/** Lexicon entry ids ("plan-of-care"). */
const entryId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,99}$/));
/** NCCI pair ids as in src/engine/data/code-pairs.json ("98940-97124"). */
const pairId = z.string().check(z.regex(/^[A-Za-z0-9]{4,5}-[A-Za-z0-9]{4,5}$/));

/** Each rule's options; every field optional, unknown fields rejected. */
export const RULE_OPTION_SCHEMAS = {
  'assistant-modifier': z.strictObject({ required: z.optional(flag), excludeCodes: z.optional(list(code)) }),
  'discipline-modifier': z.strictObject({ required: z.optional(flag) }),
  'episode-duration': z.strictObject({ maxVisits: z.optional(count(366)), maxDaysFromOnset: z.optional(count(3660)) }),
  'maintenance-language': z.strictObject({
    skilledMaintenanceCovered: z.optional(flag),
    plannedTriggers: z.optional(list(phrase)),
  }),
  'massage-units': z.strictObject({ maxUnits: z.optional(count(96)) }),
  'minutes-missing': z.strictObject({
    perCodeMinutes: z.optional(flag),
    totalTimedMinutes: z.optional(flag),
    totalTreatmentMinutes: z.optional(flag),
  }),
  'modifier-59-support': z.strictObject({ distinctModifiers: z.optional(list(code)) }),
  'plan-of-care': z.strictObject({ required: z.optional(flag), accept: z.optional(list(entryId)) }),
  'provider-eligibility': z.strictObject({ notPaid: z.optional(list(credential)), eligible: z.optional(list(credential)) }),
  'ptp-modifier': z.strictObject({
    bypassModifiers: z.optional(list(code)),
    // NCCI modifier indicator per pair: 0 = never bypassable, 1 = a distinct-service modifier bypasses, 9 = not applicable.
    indicators: z.optional(z.record(pairId, z.union([z.literal(0), z.literal(1), z.literal(9)]))),
  }),
  'time-totals': z.strictObject({ toleranceMinutes: z.optional(count(60)) }),
  // Cross-visit rules (src/engine/history/rules/): their options are the thresholds of
  // src/engine/data/history.json they read (threshold('<name>')), overriding the profile's value.
  'cloned-note': z.strictObject({ cloneSimilarity: z.optional(amount(1)), minShingles: z.optional(count(1000)) }),
  'templated-note': z.strictObject({ templateSimilarity: z.optional(amount(1)), minShingles: z.optional(count(1000)) }),
  'massage-trend': z.strictObject({
    massageVisits: z.optional(count(366)),
    massageDays: z.optional(count(3660)),
    painImprovement: z.optional(amount(10)),
    romImprovement: z.optional(amount(180)),
    otherImprovement: z.optional(amount(1)),
  }),
} as const;

export type RuleWithOptions = keyof typeof RULE_OPTION_SCHEMAS;
export type RuleOptions = Record<string, Record<string, unknown>>;

/** All per-rule option objects together: the `ruleOptions` policy key. */
export const RuleOptionsSchema = z.strictObject(
  Object.fromEntries(Object.entries(RULE_OPTION_SCHEMAS).map(([rule, schema]) => [rule, z.optional(schema)])) as {
    [K in RuleWithOptions]: z.ZodMiniOptional<(typeof RULE_OPTION_SCHEMAS)[K]>;
  },
);

export function hasRuleOptions(ruleId: string): ruleId is RuleWithOptions {
  return Object.prototype.hasOwnProperty.call(RULE_OPTION_SCHEMAS, ruleId);
}

/** The schema of one option, or null when the rule has no such option. */
export function optionSchema(ruleId: RuleWithOptions, option: string): z.ZodMiniType | null {
  const shape: Record<string, z.ZodMiniType> = RULE_OPTION_SCHEMAS[ruleId]._zod.def.shape;
  if (!Object.prototype.hasOwnProperty.call(shape, option)) return null;
  const field = shape[option];
  return field instanceof z.ZodMiniOptional ? (field._zod.def.innerType as z.ZodMiniType) : (field ?? null);
}

export function optionNames(ruleId: RuleWithOptions): string[] {
  return Object.keys(RULE_OPTION_SCHEMAS[ruleId]._zod.def.shape);
}
