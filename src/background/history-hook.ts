// Visit history in the worker: after a tab's visit is checked, compare it with the same patient's
// earlier visits and other patients' notes (cloned-note, templated-note, massage-trend), add those
// findings to the tab's result, and remember the visit (src/background/history-store.ts keeps
// fingerprints and numbers under an HMAC of the identifier, never the identifier or the text).
//
// The patient identifier is read from the tab's frames (src/adapters/classify/patient.ts) every
// time it is needed and lives only in this worker's memory for the length of a call: it is not
// kept in the tab's record, not logged and not sent to the popup. "Forget this patient" gives the
// tab id only; the worker reads the identifier from the tab again.
//
// One visit is one stored record: the store replaces a visit of the same date and episode, so
// checking again while the user types never makes a note its own earlier visit.
import type { FrameReading } from '../adapters/classify/index';
import type { VisitRecord } from '../engine/history/record';
import { HISTORY_RULES } from '../engine/history/rules';
import type { CheckOptions, Finding } from '../engine/types';
import type { StorageAreaLike } from '../platform/types';
import { ACROSS_MAX_MEASURES, ACROSS_MAX_VISITS, type AcrossVisits, type HistoryState } from '../shared/across';
import type { StoredResult } from './api';
import { classify as classifySnapshot, readRecord } from './tab-reading';
import { findingKeys } from './engine-api';
import { HistoryStore, HISTORY_PATIENT_PREFIX } from './history-store';
import type { ResolvedSettings } from '../settings';
import type { Logger, TabRecord, TabStore } from './state';

const HISTORY_RULE_IDS: ReadonlySet<string> = new Set(HISTORY_RULES.map((rule) => rule.meta.id));

/**
 * The one identifier a tab's frames show: the best kind any frame shows (a record identifier before
 * an address parameter), none when frames show different ones. Qualified by the site, so the same
 * MRN in two EHRs is two patients.
 */
export function tabPatient(record: TabRecord, readings: readonly FrameReading[]): string | undefined {
  for (const kind of ['record', 'url'] as const) {
    const ids = new Set(readings.flatMap((r) => (r.patient?.kind === kind ? [r.patient.id] : [])));
    if (ids.size > 1) return undefined;
    const [id] = ids;
    if (id !== undefined) {
      const site = record.origin ?? record.frames.find((f) => f.frameId === 0)?.snapshot?.origin ?? record.frames.find((f) => f.snapshot?.origin)?.snapshot?.origin ?? '';
      return `${site}|${id}`;
    }
  }
  return undefined;
}

function readingsOf(record: TabRecord): FrameReading[] {
  return record.frames.flatMap((frame) => (frame.snapshot ? [classifySnapshot(frame.snapshot)] : []));
}

/** The popup's trend: the latest visits' dates, 97124 units and the measures recorded most often. */
export function acrossVisits(series: readonly VisitRecord[], current: VisitRecord): AcrossVisits {
  const dated = series.filter((r) => r.date !== undefined).slice(-ACROSS_MAX_VISITS);
  const visits = dated.map((r) => ({ date: r.date!, units: Math.min(r.massageUnits, 999), massage: r.massage, current: r.date === current.date && r.episode === current.episode }));
  const byKey = new Map<number, { kind: string; better: 'higher' | 'lower'; values: (number | null)[]; seen: number }>();
  dated.forEach((r, i) => {
    for (const m of r.measures) {
      const entry = byKey.get(m.key) ?? { kind: m.kind, better: m.better, values: dated.map(() => null), seen: 0 };
      entry.values[i] = Math.max(-100_000, Math.min(100_000, m.value));
      entry.seen += 1;
      byKey.set(m.key, entry);
    }
  });
  const chosen = [...byKey.values()].sort((a, b) => b.seen - a.seen).slice(0, ACROSS_MAX_MEASURES);
  const perKind = new Map<string, number>();
  const measures = chosen.map(({ kind, better, values }) => {
    const n = (perKind.get(kind) ?? 0) + 1;
    perKind.set(kind, n);
    return { kind, n, better, values };
  });
  return { visits, measures };
}

/** Replace the cross-visit findings of a stored result (single-visit findings and keys stay). */
function withHistory(stored: StoredResult, findings: readonly Finding[], across: AcrossVisits | undefined): StoredResult {
  const kept = stored.result.findings.map((finding, i) => ({ finding, key: stored.keys[i] ?? '' })).filter(({ finding }) => !HISTORY_RULE_IDS.has(finding.ruleId));
  const next: StoredResult = {
    ...stored,
    result: { ...stored.result, findings: [...kept.map((k) => k.finding), ...findings] },
    keys: [...kept.map((k) => k.key), ...findingKeys(findings)],
  };
  if (across && across.visits.length > 0) next.across = across;
  else delete next.across;
  return next;
}

/**
 * Whether history is on and for how long comes from the resolved settings (src/settings: the policy's
 * historyEnabled and historyRetentionDays, validated there with the other keys), passed to each call.
 */
export interface HistoryHookDeps {
  local: StorageAreaLike;
  tabs: TabStore;
  now?: () => number;
  log?: Logger;
}

export class HistoryHook {
  readonly store: HistoryStore;
  private readonly log: Logger;
  /** The visit record each tab's last check made, waiting for afterCheck (held here, not in the tab's record). */
  private readonly pending = new Map<number, { result: StoredResult; visit: VisitRecord }>();
  /** Each tab's last cross-visit findings, carried into the next check of the same visit until recomputed. */
  private readonly last = new Map<number, { epoch: number; findings: Finding[]; across: AcrossVisits | undefined }>();
  /** Tabs whose patient was forgotten: nothing is remembered for them until they show a new visit. */
  private readonly forgotten = new Map<number, number>();
  private cleared = false;

  constructor(private readonly deps: HistoryHookDeps) {
    this.store = new HistoryStore(deps.local, deps.now);
    this.log = deps.log ?? (() => undefined);
  }

  /** The engine options a check needs for history: its record, fingerprinted with this install's salt. */
  async checkOptions(resolved: ResolvedSettings): Promise<Pick<CheckOptions, 'history'>> {
    if (!resolved.history.enabled) {
      await this.clearOnce().catch(() => this.log('removing visit history failed'));
      return {};
    }
    this.cleared = false;
    return { history: { salt: await this.store.fingerprintSalt() } };
  }

  /**
   * Right after a check, inside the same tab update (synchronous): take the visit record out of the
   * result (it stays in the worker), and carry this visit's last cross-visit findings over so they
   * do not drop out of view while afterCheck recomputes them.
   */
  prepare(record: TabRecord): void {
    this.pending.delete(record.tabId);
    const stored = record.result;
    if (!stored) return;
    const visit = stored.result.history;
    if (visit !== undefined) {
      const { history: _kept, ...rest } = stored.result;
      stored.result = rest;
    }
    const last = this.last.get(record.tabId);
    if (last && last.epoch !== record.epoch) this.last.delete(record.tabId);
    const carried = last && last.epoch === record.epoch ? withHistory(stored, last.findings, last.across) : stored;
    record.result = carried;
    if (visit !== undefined) this.pending.set(record.tabId, { result: carried, visit });
  }

  /** After the check was stored: the cross-visit findings, the visit remembered. Never throws. */
  async afterCheck(record: TabRecord, resolved: ResolvedSettings): Promise<TabRecord> {
    const pending = this.pending.get(record.tabId);
    this.pending.delete(record.tabId);
    if (!pending || record.result !== pending.result) return record;
    try {
      const policy = resolved.history;
      if (!policy.enabled) {
        await this.clearOnce();
        return await this.apply(record, pending.result, [], undefined);
      }
      const merged = readRecord(record);
      const patient = merged?.visits.length === 1 && this.forgotten.get(record.tabId) !== record.epoch ? tabPatient(record, readingsOf(record)) : undefined;
      // Undated visits are never compared (docs/history.md); a page of several encounters is not one visit.
      if (patient === undefined || pending.visit.date === undefined) return await this.apply(record, pending.result, [], undefined);
      const { settings } = resolved;
      const check: NonNullable<Parameters<HistoryStore['checkAndRemember']>[2]>['check'] = { ruleLevels: { ...settings.ruleLevels }, disabledRules: [...settings.disabledRules] };
      if (Object.keys(settings.ruleOptions).length > 0) check.ruleOptions = structuredClone(settings.ruleOptions);
      const findings = await this.store.checkAndRemember(patient, pending.visit, { retentionDays: policy.retentionDays, check });
      const across = acrossVisits(await this.store.series(patient, policy.retentionDays), pending.visit);
      this.last.set(record.tabId, { epoch: record.epoch, findings, across });
      return await this.apply(record, pending.result, findings, across);
    } catch (error) {
      // The error's name only: nothing that could carry the identifier reaches the log.
      this.log('visit history failed', error instanceof Error ? error.name : 'error');
      return record;
    }
  }

  private async apply(record: TabRecord, checked: StoredResult, findings: Finding[], across: AcrossVisits | undefined): Promise<TabRecord> {
    if (findings.length === 0 && across === undefined) this.last.delete(record.tabId);
    const updated = await this.deps.tabs.updateExisting(record.tabId, (rec) => {
      // A newer check (or a new visit) replaced the result meanwhile: it has its own turn.
      if (rec.result !== checked) return;
      rec.result = withHistory(checked, findings, across);
    });
    return updated?.record ?? record;
  }

  /** "Forget this patient" for the patient the tab shows; false when it shows none. */
  async forgetPatient(record: TabRecord | null): Promise<boolean> {
    if (!record) return false;
    const patient = tabPatient(record, readingsOf(record));
    if (patient === undefined) return false;
    await this.store.forgetPatient(patient);
    this.forgotten.set(record.tabId, record.epoch);
    this.last.delete(record.tabId);
    return true;
  }

  /** "Forget all history": every patient and the salt; open tabs remember nothing until their next visit. */
  async forgetAll(): Promise<void> {
    for (const tabId of await this.deps.tabs.tabIds()) {
      const record = await this.deps.tabs.read(tabId);
      if (record) this.forgotten.set(tabId, record.epoch);
    }
    this.last.clear();
    await this.store.forgetAll();
  }

  /** Stored patients (for the options page: how many, never who). */
  async patientCount(): Promise<number> {
    const all = await this.deps.local.get(null);
    return Object.keys(all).filter((key) => key.startsWith(HISTORY_PATIENT_PREFIX)).length;
  }

  /** Policy turned history off: remove what is stored, once per change. */
  private async clearOnce(): Promise<void> {
    if (this.cleared) return;
    this.last.clear();
    await this.store.forgetAll();
    this.cleared = true;
  }

  /** A tab closed: nothing of it stays in memory. */
  dropTab(tabId: number): void {
    this.pending.delete(tabId);
    this.last.delete(tabId);
    this.forgotten.delete(tabId);
  }
}

/** The options page's view of visit history: on or off, retention, how many patients (never who). */
export async function historyState(hook: HistoryHook, resolved: ResolvedSettings): Promise<HistoryState> {
  const { enabled, retentionDays, policy } = resolved.history;
  return { history: { enabled, retentionDays, policy, patients: enabled ? await hook.patientCount() : 0 } };
}
