// NCCI-style procedure-to-procedure pairs (data/code-pairs.json): which codes billed on the same date
// are bundled, which line takes the distinct-service modifier, and how sure we are of each row.
// Schema-checked at load so a bad edit fails the test run instead of silently dropping an edit.
import * as z from '../zod';
import { validatedAtBuild } from './validated';
import rawPairs from './code-pairs.json';

// The schemas are built on first use: the node bundles ship this data already validated
// (data/validated.ts), so a cold command line never builds them.
function codePairsSchemas() {
  const codeString = z.string().check(z.regex(/^[0-9A-Z]{5}$/, 'expected a 5-character upper-case CPT/HCPCS code'));
  const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'));
  const text = z.string().check(z.trim(), z.minLength(1));

  const CodePairSchema = z.strictObject({
    id: text,
    column1: codeString,
    column2: codeString,
    /** 0: never bypassable; 1: a distinct-service modifier may bypass; 9: not applicable (ignored). */
    modifierIndicator: z.union([z.literal(0), z.literal(1), z.literal(9)]),
    /** First date of service the edit applies to; null when the date was not retrieved. */
    effective: z.nullable(isoDate),
    /** Last date of service + 1 (the edit was deleted on this date). */
    deleted: z.optional(isoDate),
    /** cms: read from CMS; secondary: a coding reference quoting it; unconfirmed: sources conflict. */
    confidence: z.enum(['cms', 'secondary', 'unconfirmed']),
    /** Which line must carry the modifier: the column-2 code, or either (column order unknown). */
    modifierOn: z.enum(['column2', 'either']),
    /** Whether a modifier on this pair needs a separate anatomic region documented. */
    distinctRegionRequired: z.boolean(),
    note: text,
    sources: z.array(z.object({ title: text, url: z.url({ protocol: /^https?$/ }) })).check(z.minLength(1, 'every pair needs at least one source URL')),
  });

  const CodePairsDataSchema = z.strictObject({
    asOf: isoDate,
    about: z.optional(z.string()),
    pairs: z.array(CodePairSchema),
  });
  return { CodePairSchema, CodePairsDataSchema };
}

let schemas: ReturnType<typeof codePairsSchemas> | undefined;
/** The data's schema (built once, on first use). */
export const codePairsDataSchema = () => (schemas ??= codePairsSchemas()).CodePairsDataSchema;

export type CodePair = z.infer<ReturnType<typeof codePairsSchemas>['CodePairSchema']>;
export type CodePairsData = z.infer<ReturnType<typeof codePairsSchemas>['CodePairsDataSchema']>;

export type ParseCodePairsResult = { ok: true; data: CodePairsData } | { ok: false; problems: string[] };

/** Validate pair data (schema, then cross-field rules); never throws. */
export function parseCodePairs(input: unknown): ParseCodePairsResult {
  const parsed = codePairsDataSchema().safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`) };
  }
  const problems: string[] = [];
  const ids = new Set<string>();
  const keys = new Set<string>();
  parsed.data.pairs.forEach((p, i) => {
    if (ids.has(p.id)) problems.push(`pairs.${i}: id "${p.id}" is used twice`);
    ids.add(p.id);
    if (p.column1 === p.column2) problems.push(`pairs.${i}: column1 and column2 are both ${p.column1}`);
    // One row per unordered pair: two rows for the same codes would give contradictory answers.
    const key = [p.column1, p.column2].sort().join('+');
    if (keys.has(key)) problems.push(`pairs.${i}: ${p.column1}/${p.column2} is listed twice`);
    keys.add(key);
    if (p.effective && p.deleted && p.deleted <= p.effective) problems.push(`pairs.${i}: deleted ${p.deleted} is not after effective ${p.effective}`);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, data: parsed.data };
}

function load(): CodePairsData {
  // The node bundles ship this file already validated (data/validated.ts).
  if (validatedAtBuild(rawPairs)) return rawPairs as unknown as CodePairsData;
  const result = parseCodePairs(rawPairs);
  // Shipped data, covered by a test: failing loudly beats checking claims against a broken table.
  if (!result.ok) throw new Error(`src/engine/data/code-pairs.json is invalid:\n  ${result.problems.join('\n  ')}`);
  return result.data;
}

const data = load();

export const CODE_PAIRS_AS_OF: string = data.asOf;
export const CODE_PAIRS: readonly CodePair[] = Object.freeze(data.pairs);

/** Whether the edit applies on a date of service (no date: assume it does). */
export function pairActiveOn(pair: CodePair, dateOfService: string | undefined): boolean {
  if (pair.modifierIndicator === 9) return false;
  if (!dateOfService) return true;
  if (pair.effective && dateOfService < pair.effective) return false;
  if (pair.deleted && dateOfService >= pair.deleted) return false;
  return true;
}

/** Pairs whose two codes are both among `codes`, active on the date of service. */
export function pairsAmong(codes: ReadonlySet<string>, dateOfService?: string): CodePair[] {
  return CODE_PAIRS.filter((p) => codes.has(p.column1) && codes.has(p.column2) && pairActiveOn(p, dateOfService));
}
