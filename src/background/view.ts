// Builds what the popup renders (TabState, src/ui/tab-state.ts) and what the options page shows
// about policy (PolicyState) from the worker's records. The popup never loads the engine, so rule
// meta and profile names travel here.
import type { PolicyState, TabState } from './api';
import type { EngineApi } from './engine-api';
import { policyAllowsOrigin, type PolicySite } from './policy-origins';
import type { ResolvedSettings } from '../settings';
import type { TabRecord } from './state';
import { isWebOrigin } from './sender';
import { TAB_LIMITS } from '../shared/limits';
import { snapshotHasContent } from '../shared/snapshot';

type RuleInfo = TabState['rules'][string];

function status(record: TabRecord | null, resolved: ResolvedSettings): TabState['status'] {
  if (record === null) return 'no-data';
  if (record.result) return 'ok';
  if (record.error !== null) return 'error';
  const reporting = record.frames.filter((frame) => !frame.lost);
  if (reporting.length === 0) {
    if (record.access !== 'denied') return 'no-data';
    // Only https sites can be granted (optional_host_permissions is https://*/*), and with a site
    // policy only the organisation's sites: offering a grant elsewhere would be refused or useless.
    if (record.origin === null || !record.origin.startsWith('https://')) return 'restricted';
    return policyAllowsOrigin(resolved, record.origin) === false ? 'restricted' : 'not-granted';
  }
  // A change not analyzed yet (its run is due, or a stopped worker's run is being redone): not
  // known yet, never "not an EHR page".
  if (record.pendingSince !== undefined) return 'no-data';
  // Frames answered and none shows a note or claim lines (or only lost ones would, or a frame is
  // still loading: the popup's "Read from" says so).
  return record.frames.some((frame) => frame.lost || frame.snapshot?.page.frame.loading) ? 'no-data' : 'not-ehr';
}

export function buildTabState(record: TabRecord | null, engine: EngineApi, resolved: ResolvedSettings): TabState {
  const result = record?.result?.result;
  const rules: Record<string, RuleInfo> = {};
  const scopedOff = scopedOffOf(record, resolved);
  if (result) {
    // The cross-visit rules (visit history) explain themselves like the visit's own rules.
    const meta = new Map(engine.listAllRules().map((rule) => [rule.id, rule]));
    // Rule meta for every finding, and for the rules turned off here (listed with "turn back on").
    for (const id of [...result.findings.map((f) => f.ruleId), ...scopedOff.map((s) => s.ruleId)]) {
      const rule = meta.get(id);
      if (rule && !rules[rule.id]) rules[rule.id] = { title: rule.title, rationale: rule.rationale, howToFix: rule.howToFix, ...(rule.acrossVisits ? { acrossVisits: true } : {}) };
    }
  }
  const frames = record?.frames ?? [];
  const state: TabState = {
    status: status(record, resolved),
    rules,
    dismissed: (record?.dismissals ?? []).map(({ findingKey, ruleId, reason, at }) => ({ findingKey, ruleId, reason, at })),
    findingKeys: record?.result?.keys ?? [],
    profiles: engine.listProfiles().map(({ id, name }) => ({ id, name })),
    profileOverride: record?.profileOverride ?? null,
    truncated: frames.some((frame) => (frame.snapshot?.page.cut?.length ?? 0) > 0),
    frames: frames.filter((frame) => frame.snapshot && snapshotHasContent(frame.snapshot)).length,
    locked: resolved.locked,
    rejectedPolicy: policyRejections(resolved),
  };
  if (result) state.result = result;
  // Past the limit a finding's line is named by its number ("line 201"), as the popup does for any
  // line it has no label for.
  if (record?.result?.lines) state.lines = record.result.lines.slice(0, TAB_LIMITS.lines);
  if (record?.result?.across) state.across = record.result.across;
  if (scopedOff.length > 0) state.scopedOff = scopedOff;
  const lockInfo = lockInfoOf(resolved);
  if (lockInfo) state.lockInfo = lockInfo;
  if (record?.focus) state.focus = { ...record.focus };
  if (record?.origin && isWebOrigin(record.origin)) state.origin = record.origin;
  if (record?.error) state.error = record.error;
  return state;
}

/** The rules turned off for this tab's profile or site, each with the scope that turned it off. */
function scopedOffOf(record: TabRecord | null, resolved: ResolvedSettings): NonNullable<TabState['scopedOff']> {
  const profile = record?.result?.result.profile.id;
  const { profiles, sites } = resolved.settings.ruleScopes;
  const out: NonNullable<TabState['scopedOff']> = [];
  for (const ruleId of profile === undefined ? [] : (profiles[profile] ?? [])) out.push({ ruleId, scope: 'profile' });
  for (const ruleId of record?.origin ? (sites[record.origin] ?? []) : []) out.push({ ruleId, scope: 'site' });
  return out;
}

/** Only when the policy explains something: no empty object travels. */
function lockInfoOf(resolved: ResolvedSettings): TabState['lockInfo'] {
  const { reason, contact, reasons } = resolved.lockInfo;
  if (reason === undefined && contact === undefined && Object.keys(reasons).length === 0) return undefined;
  return { ...(reason !== undefined ? { reason } : {}), ...(contact !== undefined ? { contact } : {}), reasons: { ...reasons } };
}

function policyRejections(resolved: ResolvedSettings): PolicyState['rejectedPolicy'] {
  return resolved.rejected.filter((r) => r.source === 'managed').map(({ key, reason }) => ({ key, reason }));
}

/** `sites`: the policy's allowed sites with their access state (policy-origins.ts), null without. */
export function buildPolicyState(resolved: ResolvedSettings, sites: readonly PolicySite[] | null = null): PolicyState {
  const { settings, locked } = resolved;
  const values: NonNullable<PolicyState['values']> = {};
  if (locked.includes('profile')) values.defaultProfile = settings.defaultProfile;
  const lockedLevels = Object.entries(settings.ruleLevels).filter(
    ([rule]) => locked.includes('ruleLevels') || locked.includes(`ruleLevels.${rule}`),
  );
  if (lockedLevels.length > 0) values.ruleLevels = Object.fromEntries(lockedLevels);
  // Kill-switched rules are locked one by one ("ruleLevels.<id>"); the user's own list is not policy.
  const killed = settings.disabledRules.filter((rule) => locked.includes('ruleLevels') || locked.includes(`ruleLevels.${rule}`));
  if (killed.length > 0) values.disabledRules = killed;
  if (locked.includes('payerMap') && Object.keys(settings.payerMap).length > 0) values.payerMap = { ...settings.payerMap };
  if (locked.includes('highlightEnabled')) values.highlightEnabled = settings.highlightEnabled;
  const state: PolicyState = { locked, rejectedPolicy: policyRejections(resolved), values };
  const lockInfo = lockInfoOf(resolved);
  if (lockInfo) state.lockInfo = lockInfo;
  if (sites !== null) state.sites = sites.map(({ pattern, granted }) => ({ pattern, granted }));
  return state;
}
