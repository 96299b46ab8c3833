// Code sets (timed, untimed, active therapy…) and the service names notes use for each code.
// The data lives in data/codes.json so a compliance lead can edit it; it is schema-checked here at
// load, so a bad edit fails the test run instead of silently misclassifying a code.
import rawCodes from './data/codes.json';
import type { Citation } from './base-types';
import * as z from './zod';
import { validatedAtBuild } from './data/validated';
import type { AmbiguousServiceName, ServiceName } from './data/service-name-order';
import { serviceNameTables } from './data/service-names';

export const CODE_SET_NAMES = ['timed', 'untimed', 'activeTherapy', 'massage', 'manualTherapy', 'chiropracticCmt'] as const;
export type CodeSetName = (typeof CODE_SET_NAMES)[number];

// The schemas are built on first use: the node bundles ship this data already validated
// (data/validated.ts), so a cold command line never builds them.
function codesSchemas() {
  const codeString = z.string().check(z.regex(/^[0-9A-Z]{5}$/, 'expected a 5-character upper-case CPT/HCPCS code'));
  const text = z.string().check(z.trim(), z.minLength(1));

  const SourceSchema = z.object({ title: text, url: z.url({ protocol: /^https?$/ }) });

  const CodeSetSchema = z.object({
    description: text,
    sources: z.array(SourceSchema).check(z.minLength(1, 'every code set needs at least one source URL')),
    codes: z.array(codeString).check(z.minLength(1)),
  });

  const CodeEntrySchema = z.object({
    description: text,
    names: z.array(text),
    abbreviations: z.optional(z.array(z.string().check(z.regex(/^[A-Z][A-Z0-9]{1,5}$/, 'abbreviations are 2-6 upper-case letters/digits')))),
  });

  const AmbiguousNameSchema = z.object({
    name: text,
    codes: z.array(codeString).check(z.minLength(2, 'an ambiguous name lists at least two candidate codes')),
    why: text,
  });

  const CodesDataSchema = z.object({
    asOf: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')),
    about: z.optional(z.string()),
    sets: z.strictObject({
      timed: CodeSetSchema,
      untimed: CodeSetSchema,
      activeTherapy: CodeSetSchema,
      massage: CodeSetSchema,
      manualTherapy: CodeSetSchema,
      chiropracticCmt: CodeSetSchema,
    }),
    codes: z.record(codeString, CodeEntrySchema),
    ambiguousNames: z.array(AmbiguousNameSchema),
  });
  return { CodesDataSchema };
}

let schemas: ReturnType<typeof codesSchemas> | undefined;
/** The data's schema (built once, on first use). */
export const codesDataSchema = () => (schemas ??= codesSchemas()).CodesDataSchema;

export type CodesData = z.infer<ReturnType<typeof codesSchemas>['CodesDataSchema']>;

/** Case- and spacing-insensitive key for a service name. */
function nameKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Cross-field rules the schema cannot express. Returns human-readable problems (empty = fine). */
export function codesDataProblems(data: CodesData): string[] {
  const problems: string[] = [];
  const known = new Set(Object.keys(data.codes));

  for (const setName of CODE_SET_NAMES) {
    const seen = new Set<string>();
    for (const code of data.sets[setName].codes) {
      if (seen.has(code)) problems.push(`sets.${setName}: ${code} is listed twice`);
      seen.add(code);
      if (!known.has(code)) problems.push(`sets.${setName}: ${code} has no entry under "codes"`);
    }
  }

  const timed = new Set(data.sets.timed.codes);
  const untimed = new Set(data.sets.untimed.codes);
  for (const code of timed) if (untimed.has(code)) problems.push(`${code} is in both the timed and the untimed set`);
  for (const code of known) {
    if (!timed.has(code) && !untimed.has(code)) problems.push(`codes.${code} is neither timed nor untimed`);
  }
  // Massage and manual therapy are timed by definition; CMT is billed by regions.
  for (const code of [...data.sets.massage.codes, ...data.sets.manualTherapy.codes]) {
    if (!timed.has(code)) problems.push(`${code} (massage/manual therapy) must be in the timed set`);
  }
  for (const code of data.sets.chiropracticCmt.codes) {
    if (!untimed.has(code)) problems.push(`${code} (chiropractic CMT) must be in the untimed set`);
  }

  // A name must lead to exactly one place, or minutes would be attributed arbitrarily.
  const owner = new Map<string, string>();
  const claim = (key: string, where: string): void => {
    const previous = owner.get(key);
    if (previous) problems.push(`service name "${key}" appears under ${previous} and ${where}`);
    else owner.set(key, where);
  };
  for (const [code, entry] of Object.entries(data.codes)) {
    for (const name of entry.names) claim(nameKey(name), `codes.${code}.names`);
    for (const abbreviation of entry.abbreviations ?? []) claim(`abbr:${abbreviation}`, `codes.${code}.abbreviations`);
  }
  data.ambiguousNames.forEach((entry, index) => {
    claim(nameKey(entry.name), `ambiguousNames.${index}`);
    for (const code of entry.codes) {
      if (!known.has(code)) problems.push(`ambiguousNames.${index}: candidate ${code} has no entry under "codes"`);
    }
  });
  return problems;
}

export type ParseCodesResult = { ok: true; data: CodesData } | { ok: false; problems: string[] };

/** Validate code-set data (schema, then cross-field rules); never throws. */
export function parseCodesData(input: unknown): ParseCodesResult {
  const parsed = codesDataSchema().safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`),
    };
  }
  const problems = codesDataProblems(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, data: parsed.data };
}

function load(): CodesData {
  // The node bundles ship this file already validated (data/validated.ts).
  if (validatedAtBuild(rawCodes)) return rawCodes as unknown as CodesData;
  const result = parseCodesData(rawCodes);
  // Shipped data, covered by a test: failing loudly beats checking claims against a broken table.
  if (!result.ok) throw new Error(`src/engine/data/codes.json is invalid:\n  ${result.problems.join('\n  ')}`);
  return result.data;
}

const data = load();

/** "As of" date of the code-set data. */
export const CODES_AS_OF: string = data.asOf;

export const codeSets: Readonly<Record<CodeSetName, ReadonlySet<string>>> = Object.freeze({
  timed: new Set(data.sets.timed.codes),
  untimed: new Set(data.sets.untimed.codes),
  activeTherapy: new Set(data.sets.activeTherapy.codes),
  massage: new Set(data.sets.massage.codes),
  manualTherapy: new Set(data.sets.manualTherapy.codes),
  chiropracticCmt: new Set(data.sets.chiropracticCmt.codes),
});

/** Codes arrive as typed by people ("g0283 "); the sets hold upper-case codes. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

export function inCodeSet(set: CodeSetName, code: string): boolean {
  return codeSets[set].has(normalizeCode(code));
}

export const isTimed = (code: string): boolean => inCodeSet('timed', code);
export const isUntimed = (code: string): boolean => inCodeSet('untimed', code);
export const isActiveTherapy = (code: string): boolean => inCodeSet('activeTherapy', code);
export const isMassage = (code: string): boolean => inCodeSet('massage', code);
export const isManualTherapy = (code: string): boolean => inCodeSet('manualTherapy', code);
export const isChiropracticCmt = (code: string): boolean => inCodeSet('chiropracticCmt', code);

/** Our short description of a code, if the data knows it. */
export function codeDescription(code: string): string | undefined {
  return data.codes[normalizeCode(code)]?.description;
}

/** Where a code set comes from (shown with findings that rely on it). */
export function codeSetSources(set: CodeSetName): readonly Citation[] {
  return data.sets[set].sources;
}

export type { AmbiguousServiceName, ServiceName } from './data/service-name-order';

// Longest first, so a matcher that takes the first hit picks "ice massage" over "massage".
const { names: SERVICE_NAMES, ambiguous: AMBIGUOUS_NAMES } = serviceNameTables(data);

/** Names that identify one code, longest first. */
export function serviceNames(): readonly ServiceName[] {
  return SERVICE_NAMES;
}

/** Names that could mean several codes: never attribute minutes from these alone. */
export function ambiguousServiceNames(): readonly AmbiguousServiceName[] {
  return AMBIGUOUS_NAMES;
}

const byName = new Map<string, string>();
const byAbbreviation = new Map<string, string>();
for (const entry of SERVICE_NAMES) {
  if (entry.caseSensitive) byAbbreviation.set(entry.name, entry.code);
  else byName.set(nameKey(entry.name), entry.code);
}
const ambiguousByName = new Map(AMBIGUOUS_NAMES.map((entry) => [nameKey(entry.name), entry.codes]));

export interface ServiceNameLookup {
  /** The one code the name stands for; absent when unknown or ambiguous. */
  code?: string;
  /** Every code the name could stand for (one entry when unambiguous, none when unknown). */
  candidates: readonly string[];
}

/** Which code a service name as written in a note stands for. */
export function lookupServiceName(written: string): ServiceNameLookup {
  const abbreviation = byAbbreviation.get(written.trim());
  const code = abbreviation ?? byName.get(nameKey(written));
  if (code) return { code, candidates: [code] };
  return { candidates: ambiguousByName.get(nameKey(written)) ?? [] };
}
