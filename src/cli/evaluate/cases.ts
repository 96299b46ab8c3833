// Labelled cases for `evaluate` (format: docs/evaluate.md, the shared set's format). A FILE is one
// case or an array of cases; a DIR is every .json file under it, in name order (other files, such
// as a README, are skipped). Files are read and decoded by the same code as `check`'s input.
// A bad file or case is reported by name and skipped; the rest are scored.
import { readdir, stat } from '../fs';
import { extname, join } from 'node:path';
import type { UnitMethod } from '../../engine/types';
import { parseVisit, type Visit } from '../../engine/visit';
import { describeIssue, describeValue, MAX_INPUT_BYTES, parseJsonText, readProblem, readTextFile } from '../input';

export interface LabelledCase {
  id: string;
  /** File name, plus `#index` for a case in an array. */
  source: string;
  about?: string;
  visit: Visit;
  /** Must fire (any severity). */
  must: string[];
  /** Must not fire at any severity. */
  mustNot: string[];
  /** May fire, but never at severity error. */
  mustNotError: string[];
  /** Expected units per timed code and the unit method. */
  units?: { method: UnitMethod; expected: Record<string, number> };
  /** Why each `must` rule fires, in the labeller's words (shown with a miss). */
  why: Record<string, string>;
  /**
   * Set on a visit of a series case (`{id, series: [{visit, must…}, …]}`): the series it belongs to
   * and its place there. The cross-visit rules run over each series on its own.
   */
  series?: { key: string; index: number };
}

export interface LoadedCases {
  cases: LabelledCase[];
  problems: string[];
  warnings: string[];
  /** Case files read (each FILE given, and each .json file found under a DIR). */
  files: number;
}

const LABEL_LISTS = ['must', 'mustNot', 'mustNotError'] as const;
const CODE = /^[A-Za-z0-9]{5}$/;
/** Enough to fix a case; a wholly wrong file would otherwise print hundreds. */
const MAX_ISSUES_PER_CASE = 10;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** One case object → a LabelledCase, or every problem found in it (paths as in the file). */
export function parseCase(value: unknown, source: string, knownRules: ReadonlySet<string>): { ok: true; case: LabelledCase } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const problem = (text: string) => problems.push(`${source}: ${text}`);
  if (!isObject(value)) return { ok: false, problems: [`${source}: expected a labelled case object (got ${describeValue(value)})`] };

  const id = value.id;
  if (typeof id !== 'string' || id.trim() === '') problem(id === undefined ? 'id: required field is missing' : `id: expected text (got ${describeValue(id)})`);
  if (value.about !== undefined && typeof value.about !== 'string') problem(`about: expected text (got ${describeValue(value.about)})`);

  let visit: Visit | undefined;
  if (value.visit === undefined) problem('visit: required field is missing');
  else {
    const parsed = parseVisit(value.visit);
    if (parsed.ok) visit = parsed.visit;
    else for (const issue of parsed.issues) problem(`visit.${describeIssue(value.visit, issue)}`.replace(/^visit\.top level/, 'visit'));
  }

  const lists: Record<(typeof LABEL_LISTS)[number], string[]> = { must: [], mustNot: [], mustNotError: [] };
  const labelled = new Map<string, string>();
  for (const list of LABEL_LISTS) {
    const raw = value[list];
    if (raw === undefined) continue;
    if (!Array.isArray(raw)) {
      problem(`${list}: expected a list of rule ids (got ${describeValue(raw)})`);
      continue;
    }
    raw.forEach((rule: unknown, index) => {
      if (typeof rule !== 'string') return problem(`${list}.${index}: expected a rule id (got ${describeValue(rule)})`);
      // A typo would silently score as "never fires": refuse it.
      if (!knownRules.has(rule)) return problem(`${list}.${index}: no rule "${rule}" (see "therapy-claim-guard rules")`);
      const earlier = labelled.get(rule);
      if (earlier !== undefined) return problem(`${list}.${index}: "${rule}" is already in ${earlier}; a rule has one label per visit`);
      labelled.set(rule, list);
      lists[list].push(rule);
    });
  }

  let units: LabelledCase['units'];
  if (value.units !== undefined) {
    const u = value.units;
    if (!isObject(u)) problem(`units: expected an object {method, expected} (got ${describeValue(u)})`);
    else {
      if (u.method !== 'cms' && u.method !== 'per-code') problem(`units.method: expected "cms" or "per-code" (got ${describeValue(u.method)})`);
      const expected: Record<string, number> = {};
      if (!isObject(u.expected)) problem(`units.expected: expected an object of code → units (got ${describeValue(u.expected)})`);
      else {
        for (const [code, n] of Object.entries(u.expected)) {
          if (!CODE.test(code)) problem(`units.expected: "${code}" is not a 5-character CPT/HCPCS code`);
          else if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) problem(`units.expected.${code}: expected a whole number of units (got ${describeValue(n)})`);
          else expected[code.toUpperCase()] = n;
        }
      }
      if (u.method === 'cms' || u.method === 'per-code') units = { method: u.method, expected };
    }
  }

  const why: Record<string, string> = {};
  if (value.why !== undefined) {
    if (!isObject(value.why)) problem(`why: expected an object of rule id → reason (got ${describeValue(value.why)})`);
    else for (const [rule, reason] of Object.entries(value.why)) if (typeof reason === 'string') why[rule] = reason;
  }

  if (problems.length > 0 || visit === undefined || typeof id !== 'string') {
    const shown = problems.slice(0, MAX_ISSUES_PER_CASE);
    const hidden = problems.length - shown.length;
    if (hidden > 0) shown.push(`${source}: … and ${hidden} more problem${hidden === 1 ? '' : 's'}`);
    return { ok: false, problems: shown };
  }
  const labelledCase: LabelledCase = { id, source, visit, ...lists, why };
  if (typeof value.about === 'string') labelledCase.about = value.about;
  if (units) labelledCase.units = units;
  return { ok: true, case: labelledCase };
}

/**
 * A series case → one labelled case per visit, each with its own labels (cross-visit rules included)
 * and id `ID#N` (N from 1). A visit that names no patient belongs to the series' own patient.
 */
export function parseSeriesCase(value: Record<string, unknown>, source: string, knownRules: ReadonlySet<string>): { ok: true; cases: LabelledCase[] } | { ok: false; problems: string[] } {
  const id = value.id;
  if (typeof id !== 'string' || id.trim() === '') return { ok: false, problems: [`${source}: id: ${id === undefined ? 'required field is missing' : `expected text (got ${describeValue(id)})`}`] };
  const series = value.series;
  if (!Array.isArray(series) || series.length === 0) return { ok: false, problems: [`${source}: series: expected a list of {visit, must, mustNot…} (got ${describeValue(series)})`] };
  const cases: LabelledCase[] = [];
  const problems: string[] = [];
  series.forEach((member: unknown, index) => {
    const where = `${source} series.${index}`;
    if (!isObject(member)) return problems.push(`${where}: expected {visit, must, mustNot…} (got ${describeValue(member)})`);
    const visit = isObject(member.visit) && member.visit.patient === undefined ? { ...member.visit, patient: { id } } : member.visit;
    const parsed = parseCase({ ...member, id: `${id}#${index + 1}`, visit, ...(typeof value.about === 'string' && member.about === undefined && { about: value.about }) }, where, knownRules);
    if (!parsed.ok) return problems.push(...parsed.problems);
    cases.push({ ...parsed.case, series: { key: `${source}\u0000${id}`, index } });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, cases };
}

async function casesFromFile(path: string, knownRules: ReadonlySet<string>, maxBytes: number, out: LoadedCases): Promise<void> {
  out.files++;
  const file = await readTextFile(path, maxBytes);
  if (!file.ok) {
    out.problems.push(file.problem);
    return;
  }
  out.warnings.push(...file.warnings);
  if (file.text.trim() === '') {
    out.problems.push(`${path}: is empty; expected a labelled case or an array of cases`);
    return;
  }
  const parsed = parseJsonText(file.text, path);
  if (!parsed.ok) {
    out.problems.push(parsed.problem);
    return;
  }
  const items = Array.isArray(parsed.data) ? parsed.data.map((value, index) => ({ value, source: `${path}#${index}` })) : [{ value: parsed.data, source: path }];
  if (items.length === 0) out.problems.push(`${path}: the array is empty; expected at least one labelled case`);
  for (const { value, source } of items) {
    if (isObject(value) && value.series !== undefined) {
      const result = parseSeriesCase(value, source, knownRules);
      if (result.ok) out.cases.push(...result.cases);
      else out.problems.push(...result.problems);
      continue;
    }
    const result = parseCase(value, source, knownRules);
    if (result.ok) out.cases.push(result.case);
    else out.problems.push(...result.problems);
  }
}

/** Every .json file under a folder, sorted by path, skipping hidden files and folders. */
async function jsonFilesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && extname(entry.name).toLowerCase() === '.json') found.push(path);
    }
  };
  await walk(dir);
  return found.sort();
}

/** Read every FILE and DIR argument; never throws for bad input. */
export async function loadCases(paths: readonly string[], knownRules: ReadonlySet<string>, maxBytes: number = MAX_INPUT_BYTES): Promise<LoadedCases> {
  const out: LoadedCases = { cases: [], problems: [], warnings: [], files: 0 };
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (error) {
      out.problems.push(`${path}: ${readProblem(error) === 'no such file' ? 'no such file or folder' : readProblem(error)}`);
      continue;
    }
    if (isDirectory) {
      let files: string[];
      try {
        files = await jsonFilesUnder(path);
      } catch (error) {
        out.problems.push(`${path}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
        continue;
      }
      if (files.length === 0) out.problems.push(`${path}: no labelled case files (.json) in this folder`);
      for (const file of files) await casesFromFile(file, knownRules, maxBytes, out);
    } else if (extname(path).toLowerCase() !== '.json') {
      out.problems.push(`${path}: unsupported file type "${extname(path) || '(none)'}": give a .json case file or a folder of them`);
    } else {
      await casesFromFile(path, knownRules, maxBytes, out);
    }
  }
  const seen = new Map<string, string>();
  for (const c of out.cases) {
    const first = seen.get(c.id);
    if (first !== undefined) out.warnings.push(`${c.source}: case id "${c.id}" is also used by ${first}; reports name both by id`);
    else seen.set(c.id, c.source);
  }
  return out;
}
