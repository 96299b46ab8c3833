// Runs the engine over a tab's frames, debounced per tab (frames report in bursts while someone
// types), and keeps the result and the badge in step. Each frame's page description is classified
// (src/adapters/classify), the frames are merged into the visit(s) the page shows (frames.ts), and
// each visit is checked. A claim list showing several encounters gives one result listing every
// encounter's findings, each message naming its encounter.
//
// Profile choice: the tab's override (popup switch) ?? the payer text on the page (the engine
// matches it, with the settings' payer map first) ?? the user's/organisation's default profile.
import { capTotal, omittedOf, truncation, type OmittedByRule } from '../engine/caps';
import type { CheckOptions, CheckResult, Finding } from '../engine/types';
import type { Visit } from '../engine/visit';
import type { Platform } from '../platform/types';
import { FINDINGS_LIMITS } from '../shared/limits';
import { badgeState, clearBadge, setBadge, type Translate } from './badge';
import { findingKeys, type EngineApi } from './engine-api';
import type { MergedReading } from './frames';
import { readRecord } from './tab-reading';
import { scopedOffRules, type ResolvedSettings } from '../settings';
import type { SettingsStore } from './settings';
import type { LineLabel } from './api';
import type { Logger, TabRecord, TabStore } from './state';
import type { HistoryHook } from './history-hook';

/** Keep at most this many dismissals whose finding is gone (it may come back as the note is edited). */
const MAX_STALE_DISMISSALS = 100;

export function checkOptions(record: TabRecord, resolved: ResolvedSettings): CheckOptions {
  const { settings } = resolved;
  const options: CheckOptions = {
    ruleLevels: { ...settings.ruleLevels },
    disabledRules: [...settings.disabledRules],
    payerMap: { ...settings.payerMap },
    // The popup shows what the engine read behind each finding (the reading itself stays here).
    explainFindings: true,
    // A page without claim lines has none: never read lines out of its note.
    readLinesFromNote: false,
  };
  if (Object.keys(settings.ruleOptions).length > 0) options.ruleOptions = structuredClone(settings.ruleOptions);
  if (settings.defaultProfile !== null) options.defaultProfile = settings.defaultProfile;
  if (record.profileOverride !== null) options.profile = record.profileOverride;
  return options;
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 300);
}

// The classified reading of a tab's frames lives in tab-reading.ts (shared with the history hook).
export { classify, readRecord } from './tab-reading';

/** "Encounter 2 of 3 (2026-11-20)": how a claim list's findings name their encounter. */
function encounterName(index: number, count: number, date: string | undefined): string {
  return `Encounter ${index + 1} of ${count}${date ? ` (${date})` : ''}`;
}

function lineLabel(line: Visit['lines'][number]): LineLabel {
  return { code: line.code, modifiers: [...(line.modifiers ?? [])], ...(line.units !== undefined ? { units: line.units } : {}) };
}

/**
 * Check every visit and combine: findings in visit order, line indexes (and the line a folded
 * finding's root names) into all visits' lines, the explanations of every visit under each rule.
 */
function checkVisits(
  merged: MergedReading,
  engine: EngineApi,
  options: CheckOptions,
): { result: CheckResult; lines: LineLabel[] } {
  const results = merged.visits.map((v) => engine.check(v.visit, options));
  const findings: Finding[] = [];
  const lines: LineLabel[] = [];
  const explanations: NonNullable<CheckResult['explanations']> = {};
  // What each encounter's check left out at the caps, added up; the merged list is capped again.
  const omitted: OmittedByRule = new Map();
  let offset = 0;
  merged.visits.forEach((v, i) => {
    const checked = results[i] as CheckResult;
    const named = merged.visits.length > 1 && v.key !== 'page';
    for (const finding of checked.findings) {
      const f: Finding = { ...finding };
      if (f.line !== undefined) f.line += offset;
      if (f.relatedTo?.line !== undefined) f.relatedTo = { ...f.relatedTo, line: f.relatedTo.line + offset };
      if (named) f.message = `${encounterName(i, merged.visits.length, v.visit.dateOfService)}: ${f.message}`;
      findings.push(f);
    }
    omittedOf(checked.truncated, omitted);
    for (const [ruleId, list] of Object.entries(checked.explanations ?? {})) (explanations[ruleId] ??= []).push(...list);
    for (const l of v.visit.lines) lines.push(lineLabel(l));
    offset += v.visit.lines.length;
  });
  const first = results[0] as CheckResult;
  const result = withFindings({ ...first }, capTotal(findings, FINDINGS_LIMITS.total, omitted), omitted);
  if (first.explanations !== undefined) result.explanations = explanations;
  return { result, lines };
}

/** `result` listing `findings`, with exact counts of what the caps left out (none: no `truncated`). */
function withFindings(result: CheckResult, findings: Finding[], omitted: OmittedByRule): CheckResult {
  const out: CheckResult = { ...result, findings };
  delete out.truncated;
  const truncated = truncation(findings, omitted);
  if (truncated) out.truncated = truncated;
  return out;
}

/** The result without the findings of rules turned off here, counted ones included. */
function withoutRules(result: CheckResult, off: ReadonlySet<string>): CheckResult {
  if (off.size === 0) return result;
  const omitted = omittedOf(result.truncated);
  for (const ruleId of off) omitted.delete(ruleId);
  return withFindings(result, result.findings.filter((f) => !off.has(f.ruleId)), omitted);
}

/** Re-check one tab record in place. Pure apart from the engine call; never throws. */
export function analyzeRecord(record: TabRecord, engine: EngineApi, resolved: ResolvedSettings, now: number, extra: Pick<CheckOptions, 'history'> = {}): void {
  record.analyzedAt = now;
  // This run reads every change stored before it (the store serializes them): the result is current.
  delete record.pendingSince;
  delete record.reruns;
  let merged: MergedReading | null;
  try {
    merged = readRecord(record);
  } catch (error) {
    record.result = null;
    record.error = describeError(error);
    return;
  }
  if (merged === null) {
    record.result = null;
    record.error = null;
    return;
  }
  try {
    const { result: checked, lines } = checkVisits(merged, engine, { ...checkOptions(record, resolved), ...extra });
    // Rules the user turned off for this payer profile or this site (the profile is known only
    // after the check): their findings are dropped here, and the popup lists the rules as "off here".
    const off = scopedOffRules(resolved.settings, checked.profile.id, record.origin);
    const result = withoutRules(checked, off);
    // A line's key part is its code and modifiers ("97124:GP:59"), from the labels the popup gets too.
    const keys = findingKeys(result.findings, lines.map((l) => [l.code, ...l.modifiers].join(':')));
    record.result = { result, keys, lines, scopedOff: [...off] };
    record.error = null;
    const current = new Set(keys);
    const stale = record.dismissals.filter((d) => !current.has(d.findingKey));
    if (stale.length > MAX_STALE_DISMISSALS) {
      const drop = new Set(stale.slice(0, stale.length - MAX_STALE_DISMISSALS));
      record.dismissals = record.dismissals.filter((d) => !drop.has(d));
    }
  } catch (error) {
    record.result = null;
    record.error = describeError(error);
  }
}

export type PageTarget =
  | { frameId: number; kind: 'text'; block: string; start: number; end: number }
  | { frameId: number; kind: 'element'; anchor: string };

/**
 * Where a finding points in the page: its evidence inside the note part's block, else the claim
 * line's row, card or list item. null when the finding points at neither.
 */
export function locateFinding(record: TabRecord, finding: Finding): PageTarget | null {
  const merged = readRecord(record);
  if (!merged) return null;
  if (finding.evidence?.part !== undefined) {
    const id = finding.evidence.part;
    for (const visit of merged.visits) {
      const source = visit.parts[id];
      if (!source) continue;
      const { start, end } = finding.evidence;
      // The piece (block run) the evidence starts in; the mark stays inside that block.
      const piece = source.part.pieces.find((p) => start >= p.start && start < p.start + p.length) ?? source.part.pieces[0];
      if (!piece) return null;
      const from = piece.blockStart + Math.max(0, start - piece.start);
      const to = piece.blockStart + Math.min(piece.length, end - piece.start);
      return { frameId: source.frameId, kind: 'text', block: piece.block, start: from, end: Math.max(from + 1, to) };
    }
  }
  if (finding.line !== undefined) {
    let index = finding.line;
    for (const visit of merged.visits) {
      if (index < visit.lines.length) {
        const source = visit.lines[index];
        return source ? { frameId: source.frameId, kind: 'element', anchor: source.read.anchor } : null;
      }
      index -= visit.lines.length;
    }
  }
  return null;
}

/** The findings still open in a record (not dismissed), for the badge. */
export function openSeverities(record: TabRecord): Array<'error' | 'warning' | 'info'> {
  if (!record.result) return [];
  const dismissed = new Set(record.dismissals.map((d) => d.findingKey));
  // A finding folded into another one's root counts once, with its root.
  const open = record.result.result.findings.filter((f, i) => !f.relatedTo && !dismissed.has(record.result?.keys[i] ?? '')).map((f) => f.severity);
  // Findings left out at the caps are open too (they cannot be dismissed one by one).
  const omitted = record.result.result.truncated?.omitted;
  for (const severity of ['error', 'warning', 'info'] as const) for (let i = 0; i < (omitted?.[severity] ?? 0); i++) open.push(severity);
  return open;
}

export async function refreshBadge(action: Platform['action'], record: TabRecord, translate?: Translate): Promise<void> {
  if (!record.result) {
    await clearBadge(action, record.tabId, translate);
    return;
  }
  await setBadge(action, record.tabId, badgeState(openSeverities(record), record.result.result.profile.name), translate);
}

export interface AnalyzerDeps {
  store: TabStore;
  engine: EngineApi;
  settings: SettingsStore;
  action: Platform['action'];
  /** The badge tooltip's words (browser.i18n in the extension). */
  translate?: Translate;
  /** Debounce per tab; frames typically report within a few ms of each other. */
  delayMs?: number;
  now?: () => number;
  log?: Logger;
  /** Visit history (history-hook.ts): the cross-visit findings added after each check. */
  history?: HistoryHook;
}

export class Analyzer {
  private readonly timers = new Map<number, { timer: ReturnType<typeof setTimeout>; done: Promise<void>; resolve: () => void }>();
  private readonly running = new Map<number, Promise<void>>();
  private readonly delayMs: number;
  private readonly now: () => number;
  private readonly log: Logger;

  constructor(private readonly deps: AnalyzerDeps) {
    this.delayMs = deps.delayMs ?? 150;
    this.now = deps.now ?? Date.now;
    this.log = deps.log ?? (() => undefined);
  }

  /** Analyze the tab after a quiet period; calls within it share one run. Resolves when it ran. */
  schedule(tabId: number): Promise<void> {
    const pending = this.timers.get(tabId);
    if (pending) clearTimeout(pending.timer);
    let resolve: () => void = () => undefined;
    const done = pending?.done ?? new Promise<void>((r) => (resolve = r));
    const finish = pending?.resolve ?? resolve;
    const timer = setTimeout(() => {
      this.timers.delete(tabId);
      this.run(tabId).then(finish, finish);
    }, this.delayMs);
    this.timers.set(tabId, { timer, done, resolve: finish });
    return done;
  }

  /**
   * A run is scheduled or running for the tab in this worker: resolves when it is done; null when
   * none is (a stored "pending" marker then means a stopped worker's run: service.ts re-runs it).
   */
  scheduled(tabId: number): Promise<void> | null {
    return this.timers.get(tabId)?.done ?? this.running.get(tabId) ?? null;
  }

  cancel(tabId: number): void {
    const pending = this.timers.get(tabId);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.timers.delete(tabId);
    pending.resolve();
  }

  /** Analyze now (popup actions want the answer in their reply). */
  run(tabId: number): Promise<TabRecord | null> {
    const run = this.analyze(tabId);
    const done = run.then(() => undefined);
    this.running.set(tabId, done);
    void done.then(() => {
      if (this.running.get(tabId) === done) this.running.delete(tabId);
    });
    return run;
  }

  private async analyze(tabId: number): Promise<TabRecord | null> {
    try {
      const resolved = await this.deps.settings.get();
      // A tab closed meanwhile keeps no record: a late run must not bring it back.
      const { history } = this.deps;
      const extra = history ? await history.checkOptions(resolved) : {};
      const updated = await this.deps.store.updateExisting(tabId, (rec) => {
        analyzeRecord(rec, this.deps.engine, resolved, this.now(), extra);
        history?.prepare(rec);
      });
      if (updated === null) return null;
      const record = history ? await history.afterCheck(updated.record, resolved) : updated.record;
      await refreshBadge(this.deps.action, record, this.deps.translate);
      return record;
    } catch (error) {
      this.log('analysis failed', error);
      return null;
    }
  }
}
