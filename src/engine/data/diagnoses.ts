// ICD-10-CM checks for the diagnoses on a massage line (data/diagnoses.json): the code format,
// non-specific codes, and categories that were subdivided (so the code itself is not billable).
// Schema-checked at load so a bad edit fails the test run.
import * as z from '../zod';
import { validatedAtBuild } from './validated';
import rawDiagnoses from './diagnoses.json';

// The schemas are built on first use: the node bundles ship this data already validated
// (data/validated.ts), so a cold command line never builds them.
function diagnosesSchemas() {
  const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'));
  const text = z.string().check(z.trim(), z.minLength(1));
  const dxCode = z.string().check(z.regex(/^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/, 'expected an ICD-10-CM code written with its decimal point, e.g. M54.5'));
  const sources = z.array(z.object({ title: text, url: z.url({ protocol: /^https?$/ }) })).check(z.minLength(1, 'every entry needs at least one source URL'));

  const DiagnosesDataSchema = z.strictObject({
    asOf: isoDate,
    about: z.optional(z.string()),
    format: z.strictObject({ pattern: text, description: text, sources }),
    nonSpecific: z.array(z.strictObject({ code: dxCode, description: text, why: text, suggestion: text, sources })),
    notBillable: z.array(
      z.strictObject({
        code: dxCode,
        description: text,
        /** First date of service the code is no longer accepted (null: never billable). */
        since: z.nullable(isoDate),
        replacedBy: z.array(dxCode).check(z.minLength(1)),
        note: text,
        sources,
      }),
    ),
  });
  return { DiagnosesDataSchema };
}

let schemas: ReturnType<typeof diagnosesSchemas> | undefined;
/** The data's schema (built once, on first use). */
export const diagnosesDataSchema = () => (schemas ??= diagnosesSchemas()).DiagnosesDataSchema;

export type DiagnosesData = z.infer<ReturnType<typeof diagnosesSchemas>['DiagnosesDataSchema']>;
export type NonSpecificDx = DiagnosesData['nonSpecific'][number];
export type NotBillableDx = DiagnosesData['notBillable'][number];

/** Compare codes as billed: upper-case, no decimal point or spaces ("m54.5 " = "M545"). */
export function dxKey(code: string): string {
  return code.toUpperCase().replace(/[.\s]/g, '');
}

export type ParseDiagnosesResult = { ok: true; data: DiagnosesData } | { ok: false; problems: string[] };

/** Validate diagnosis data (schema, the format pattern, no code listed twice); never throws. */
export function parseDiagnoses(input: unknown): ParseDiagnosesResult {
  const parsed = diagnosesDataSchema().safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`) };
  }
  const problems: string[] = [];
  let format: RegExp | undefined;
  try {
    format = new RegExp(parsed.data.format.pattern);
  } catch (error) {
    problems.push(`format.pattern: ${error instanceof Error ? error.message : String(error)}`);
  }
  const seen = new Map<string, string>();
  const claim = (code: string, where: string) => {
    const key = dxKey(code);
    const prior = seen.get(key);
    if (prior) problems.push(`${where}: ${code} is also listed at ${prior}`);
    else seen.set(key, where);
    if (format && !format.test(key)) problems.push(`${where}: ${code} does not match format.pattern`);
  };
  parsed.data.nonSpecific.forEach((e, i) => claim(e.code, `nonSpecific.${i}`));
  parsed.data.notBillable.forEach((e, i) => {
    claim(e.code, `notBillable.${i}`);
    for (const r of e.replacedBy) {
      if (dxKey(r) === dxKey(e.code)) problems.push(`notBillable.${i}: ${e.code} cannot replace itself`);
      if (format && !format.test(dxKey(r))) problems.push(`notBillable.${i}: replacement ${r} does not match format.pattern`);
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, data: parsed.data };
}

function load(): DiagnosesData {
  // The node bundles ship this file already validated (data/validated.ts).
  if (validatedAtBuild(rawDiagnoses)) return rawDiagnoses as unknown as DiagnosesData;
  const result = parseDiagnoses(rawDiagnoses);
  if (!result.ok) throw new Error(`src/engine/data/diagnoses.json is invalid:\n  ${result.problems.join('\n  ')}`);
  return result.data;
}

const data = load();
// The pattern is anchored and has no nested quantifiers (checked by the data test), so it is linear.
const FORMAT = new RegExp(data.format.pattern);
const NON_SPECIFIC = new Map(data.nonSpecific.map((e) => [dxKey(e.code), e]));
const NOT_BILLABLE = new Map(data.notBillable.map((e) => [dxKey(e.code), e]));

export const DIAGNOSES_AS_OF: string = data.asOf;

export type DxVerdict =
  | { kind: 'ok' }
  | { kind: 'malformed' }
  | { kind: 'not-billable'; entry: NotBillableDx }
  | { kind: 'non-specific'; entry: NonSpecificDx };

/** What the data says about one diagnosis code as billed on a date of service (none: today's rules). */
export function classifyDiagnosis(code: string, dateOfService?: string): DxVerdict {
  const key = dxKey(code);
  // A code is at most 7 characters (8 with its point): longer input is not a code, and stays cheap.
  if (key.length > 7 || !FORMAT.test(key)) return { kind: 'malformed' };
  // The decimal point, when written, sits after the third character with something after it ("M54." is a typo).
  const written = code.trim();
  if (written.includes('.') && !/^[A-Za-z0-9]{3}\.[A-Za-z0-9]{1,4}$/.test(written)) return { kind: 'malformed' };
  const gone = NOT_BILLABLE.get(key);
  if (gone && (gone.since === null || !dateOfService || dateOfService >= gone.since)) return { kind: 'not-billable', entry: gone };
  const vague = NON_SPECIFIC.get(key);
  if (vague) return { kind: 'non-specific', entry: vague };
  return { kind: 'ok' };
}
