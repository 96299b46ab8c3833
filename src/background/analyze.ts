// Runs the engine over a tab's merged frames, debounced per tab (frames report in bursts while
// someone types), and keeps the result and the badge in step.
//
// Profile choice: the tab's override (popup switch) ?? the payer text on the page (the engine
// matches it, with the settings' payer map first) ?? the user's/organisation's default profile.
import type { CheckOptions } from '../engine/types';
import type { Platform } from '../platform/types';
import { badgeState, clearBadge, setBadge, type Translate } from './badge';
import { findingKeys, type EngineApi } from './engine-api';
import { mergeFrames, type FrameSnapshot } from './frames';
import { scopedOffRules, type ResolvedSettings, type SettingsStore } from './settings';
import type { Logger, TabRecord, TabStore } from './state';

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

/** Re-check one tab record in place. Pure apart from the engine call; never throws. */
export function analyzeRecord(record: TabRecord, engine: EngineApi, resolved: ResolvedSettings, now: number): void {
  const frames: FrameSnapshot[] = [];
  for (const frame of record.frames) if (frame.snapshot) frames.push({ frameId: frame.frameId, snapshot: frame.snapshot });
  const merged = mergeFrames(frames);
  record.analyzedAt = now;
  if (merged === null) {
    record.result = null;
    record.error = null;
    return;
  }
  try {
    const checked = engine.check(merged.visit, checkOptions(record, resolved));
    // Rules the user turned off for this payer profile or this site (the profile is known only
    // after the check): their findings are dropped here, and the popup lists the rules as "off here".
    const off = scopedOffRules(resolved.settings, checked.profile.id, record.origin);
    const result = off.size === 0 ? checked : { ...checked, findings: checked.findings.filter((f) => !off.has(f.ruleId)) };
    const keys = findingKeys(
      result.findings,
      merged.visit.lines.map((line) => [line.code, ...(line.modifiers ?? [])].join(':')),
    );
    const lines = merged.visit.lines.map((line) => ({
      code: line.code,
      modifiers: [...(line.modifiers ?? [])],
      ...(line.units !== undefined ? { units: line.units } : {}),
    }));
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

/** The findings still open in a record (not dismissed), for the badge. */
export function openSeverities(record: TabRecord): Array<'error' | 'warning' | 'info'> {
  if (!record.result) return [];
  const dismissed = new Set(record.dismissals.map((d) => d.findingKey));
  // A finding folded into another one's root counts once, with its root.
  return record.result.result.findings.filter((f, i) => !f.relatedTo && !dismissed.has(record.result?.keys[i] ?? '')).map((f) => f.severity);
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
}

export class Analyzer {
  private readonly timers = new Map<number, { timer: ReturnType<typeof setTimeout>; done: Promise<void>; resolve: () => void }>();
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

  cancel(tabId: number): void {
    const pending = this.timers.get(tabId);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.timers.delete(tabId);
    pending.resolve();
  }

  /** Analyze now (popup actions want the answer in their reply). */
  async run(tabId: number): Promise<TabRecord | null> {
    try {
      const resolved = await this.deps.settings.get();
      // A tab closed meanwhile keeps no record: a late run must not bring it back.
      const updated = await this.deps.store.updateExisting(tabId, (rec) =>
        analyzeRecord(rec, this.deps.engine, resolved, this.now()),
      );
      if (updated === null) return null;
      await refreshBadge(this.deps.action, updated.record, this.deps.translate);
      return updated.record;
    } catch (error) {
      this.log('analysis failed', error);
      return null;
    }
  }
}
