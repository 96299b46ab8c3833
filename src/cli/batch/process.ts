// One work item → its output in the chosen format: parse and validate the visit, check it, point
// its findings into the file, format it. The same function runs in worker threads and, with
// --jobs 1, on the main thread, so both give the same bytes.
import type { CheckOptions, CheckResult, FindingsTruncation } from '../../engine/types';
import { parseVisit, type Visit } from '../../engine/visit';
import { type ClaimFields, joinClaim } from '../claims/join';
import type { CliEngine } from '../context';
import { decodeFile, describeIssue, describeValue, parseJsonText, withoutPath } from '../input';
import { FILE_START } from './json-scan';
import type { Format, FormatEnv } from './formats/format';
import { findingRegions } from './regions';
import type { CheckedItem, ItemOutput, ProblemEntry, Tally, Task, TaskResult, WorkItem } from './types';

/** Enough issues to fix a visit; a wholly wrong file would otherwise print hundreds. */
const MAX_ISSUES_PER_VISIT = 10;

export interface Processor {
  engine: Pick<CliEngine, 'check'>;
  options?: CheckOptions;
  /** 837P claims by visit key (--claims): a joined visit takes its claim's lines, payer and provider. */
  claims?: Record<string, ClaimFields>;
  /** Build the cross-visit record of each visit that names its patient (off with --no-history). */
  history?: boolean;
  format: Format;
  env: FormatEnv;
}

type VisitOrProblem = { ok: true; visit: Visit } | { ok: false; messages: string[] };

function visitFromJson(item: Extract<WorkItem, { kind: 'json' }>): VisitOrProblem {
  const parsed = parseJsonText(item.text, item.source, item.at);
  if (!parsed.ok) return { ok: false, messages: [withoutPath(item.source, parsed.problem)] };
  const data = parsed.data;
  if (item.source === item.file && (data === null || typeof data !== 'object' || Array.isArray(data))) {
    return { ok: false, messages: [`expected a Visit object or an array of Visits (got ${describeValue(data)})`] };
  }
  const visit = parseVisit(data);
  if (visit.ok) return visit;
  const shown = visit.issues.slice(0, MAX_ISSUES_PER_VISIT).map((issue) => describeIssue(data, issue));
  const hidden = visit.issues.length - MAX_ISSUES_PER_VISIT;
  if (hidden > 0) shown.push(`… and ${hidden} more problem${hidden === 1 ? '' : 's'}`);
  return { ok: false, messages: shown };
}

function visitFromNote(item: Extract<WorkItem, { kind: 'note' }>): VisitOrProblem {
  // Claim lines are left empty on purpose: the engine reads them from the note.
  const parsed = parseVisit({ id: item.source, note: item.text, lines: [] });
  return parsed.ok ? parsed : { ok: false, messages: parsed.issues.map((issue) => `${issue.path}: ${issue.message}`) };
}

/** Who furnished the visit, as the claim names them (notes alone do not name a provider). */
export function providerLabel(visit: Visit): string {
  const name = visit.provider?.name?.trim();
  const credentials = (visit.provider?.credentials ?? []).map((c) => c.trim()).filter((c) => c !== '');
  if (name && credentials.length > 0) return `${name}, ${credentials.join(', ')}`;
  if (name) return name;
  if (credentials.length > 0) return `(unnamed) ${credentials.join(', ')}`;
  return '(not on the claim)';
}

function tallyOf(visit: Visit, result: CheckResult): Tally {
  return {
    profile: { id: result.profile.id, name: result.profile.name },
    provider: providerLabel(visit),
    findings: result.findings.map((f) => [f.ruleId, f.severity, !f.relatedTo]),
    ...(result.truncated && { omitted: omittedTally(result.truncated) }),
  };
}

function omittedTally(truncated: FindingsTruncation): NonNullable<Tally['omitted']> {
  const out: NonNullable<Tally['omitted']> = [];
  for (const [ruleId, rule] of Object.entries(truncated.rules)) {
    for (const severity of ['error', 'warning', 'info'] as const) if (rule.omitted[severity] > 0) out.push([ruleId, severity, rule.omitted[severity]]);
  }
  return out;
}

function problemOutput(problem: ProblemEntry, p: Processor, lastOfFile: boolean): ItemOutput {
  return { text: p.format.problem(problem, p.env), problem, lastOfFile };
}

/** A whole file's bytes → the JSON or note item they hold, or why they hold none. */
function decodeItem(item: Extract<WorkItem, { kind: 'bytes' }>): { item: Extract<WorkItem, { kind: 'json' | 'note' }>; warnings: string[] } | { problem: ProblemEntry } {
  const bad = (message: string) => ({ problem: { kind: 'bad-input' as const, source: item.source, file: item.file, messages: [message] } });
  const decoded = decodeFile(item.file, item.bytes);
  if (!decoded.ok) return bad(withoutPath(item.file, decoded.problem));
  const { text, warnings } = decoded;
  if (text.trim() === '') return bad(item.type === 'json' ? 'is empty; expected a Visit object or an array of Visits' : 'is empty; expected the text of a note');
  const common = { source: item.source, file: item.file, text, lastOfFile: item.lastOfFile };
  return { item: item.type === 'json' ? { kind: 'json', ...common, at: FILE_START } : { kind: 'note', ...common }, warnings };
}

export function processItem(given: WorkItem, p: Processor): ItemOutput {
  if (given.kind === 'problem') return problemOutput(given.problem, p, given.lastOfFile);
  let item: Extract<WorkItem, { kind: 'json' | 'note' }>;
  let warnings: string[] = [];
  if (given.kind === 'bytes') {
    const decoded = decodeItem(given);
    if ('problem' in decoded) return problemOutput(decoded.problem, p, given.lastOfFile);
    ({ item, warnings } = decoded);
  } else {
    item = given;
  }
  const output = checkItem(item, p);
  if (warnings.length > 0) output.warnings = warnings;
  return output;
}

function checkItem(item: Extract<WorkItem, { kind: 'json' | 'note' }>, p: Processor): ItemOutput {
  const parsed = item.kind === 'json' ? visitFromJson(item) : visitFromNote(item);
  if (!parsed.ok) return problemOutput({ kind: 'bad-input', source: item.source, file: item.file, messages: parsed.messages }, p, item.lastOfFile);
  const joined = joinClaim(parsed.visit, item.source, p.claims);
  parsed.visit = joined.visit;
  let result: CheckResult;
  const withHistory = p.history === true && parsed.visit.patient !== undefined;
  try {
    result = p.engine.check(parsed.visit, withHistory ? { ...p.options, history: true } : p.options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const problem: ProblemEntry = { kind: 'engine-failure', source: item.source, file: item.file, messages: [`the engine failed on ${item.source}: ${reason}`] };
    return problemOutput(problem, p, item.lastOfFile);
  }
  const checked: CheckedItem = { source: item.source, file: item.file, visit: parsed.visit, result };
  if (p.format.locates) checked.regions = findingRegions(item, parsed.visit, result);
  const output: ItemOutput = { text: p.format.result(checked, p.env), tally: tallyOf(parsed.visit, result), lastOfFile: item.lastOfFile };
  if (joined.key !== undefined) output.claimKey = joined.key;
  if (withHistory && result.history) {
    const { id, payer, dateOfService, provider } = parsed.visit;
    const visit = { ...(id !== undefined && { id }), ...(payer !== undefined && { payer }), ...(dateOfService !== undefined && { dateOfService }), ...(provider !== undefined && { provider }) };
    // The record's label names the visit in other visits' messages: its source, as every report does.
    output.history = { record: { ...result.history, label: item.source }, ref: { source: item.source, file: item.file, visit, profile: result.profile } };
  }
  return output;
}

export function processTask(task: Task, p: Processor): TaskResult {
  return { id: task.id, outputs: task.items.map((item) => processItem(item, p)) };
}
