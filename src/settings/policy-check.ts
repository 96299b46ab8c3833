// Checking a policy before it is deployed: the options page's "Check a policy file". In Chrome and
// Edge a value of the wrong JSON type never reaches the extension (./chrome-policy.ts), so the
// extension cannot list it among the ignored values of the policy in force; here an admin pastes
// the file they are about to deploy and sees every key that Chrome/Edge would drop or the
// extension would ignore, in which browsers, and why. Pure: no browser API, nothing stored.
import type { ChromeSchema } from './chrome-schema';
import { chromeDelivery } from './chrome-policy';
import { DEFAULT_SETTINGS } from './defaults';
import type { KnownIds } from './model';
import { resolveSettings } from './resolve';
import { describeValue, isPlainObject } from './validate';

export type PolicyBrowsers = 'all' | 'chrome' | 'firefox';

export interface PolicyProblem {
  /** "highlightEnabled", "ruleLevels.time-totals", "selectorAdapters.0" … */
  key: string;
  /** Where it happens: in every browser, only in Chrome/Edge (their schema check), only in Firefox (no schema check). */
  browsers: PolicyBrowsers;
  reason: string;
}

export type PolicyCheck =
  | { ok: false; error: string }
  | {
      ok: true;
      /** What the text was: a whole Chrome/Edge policy file, a Firefox policies.json, or the extension's configuration itself. */
      found: 'chrome-file' | 'firefox-file' | 'configuration';
      problems: PolicyProblem[];
    };

function child(value: unknown, ...names: string[]): unknown {
  if (!isPlainObject(value)) return undefined;
  for (const name of names) if (Object.prototype.hasOwnProperty.call(value, name)) return value[name];
  return undefined;
}

/** This extension's entry of a `3rdparty.extensions` map: by id, else the only entry. */
function extensionEntry(map: unknown, extensionId: string | undefined): unknown {
  if (!isPlainObject(map)) return undefined;
  if (extensionId !== undefined && Object.prototype.hasOwnProperty.call(map, extensionId)) return map[extensionId];
  const ids = Object.keys(map);
  return ids.length === 1 ? map[ids[0] ?? ''] : undefined;
}

/**
 * Check a policy as an admin would write it: the extension's configuration object, a Chrome/Edge
 * policy file ({"3rdparty": {"extensions": {id: …}}}) or a Firefox policies.json ({"policies":
 * {"3rdparty": {"Extensions": {id: …}}}}). Never throws.
 */
export function checkPolicy(text: string, schema: ChromeSchema, known: KnownIds = {}, extensionId?: string): PolicyCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (error) {
    return { ok: false, error: `not valid JSON (${error instanceof Error ? error.message : 'parse error'})` };
  }
  let found: 'chrome-file' | 'firefox-file' | 'configuration' = 'configuration';
  let config: unknown = parsed;
  const firefox = child(child(child(parsed, 'policies'), '3rdparty'), 'Extensions', 'extensions');
  const chrome = child(child(parsed, '3rdparty'), 'extensions', 'Extensions');
  if (firefox !== undefined) {
    found = 'firefox-file';
    config = extensionEntry(firefox, extensionId);
  } else if (chrome !== undefined) {
    found = 'chrome-file';
    config = extensionEntry(chrome, extensionId);
  }
  if (!isPlainObject(config)) {
    return {
      ok: false,
      error: config === undefined ? 'no configuration for this extension in the file (3rdparty → extensions → its id)' : `expected an object of settings, got ${describeValue(config)}`,
    };
  }

  const inChrome = chromeDelivery(schema, config);
  const chromeProblems: PolicyProblem[] = inChrome.actions.map((action) => ({
    key: action.path,
    browsers: 'chrome',
    reason: action.kind === 'dropped-key' ? `Chrome and Edge drop the whole key: ${action.reason}` : 'Chrome and Edge remove it silently (not a known property)',
  }));
  const extensionSays = (policy: Record<string, unknown>) => resolveSettings(DEFAULT_SETTINGS, {}, policy, known).rejected;
  const chromeRejected = extensionSays(inChrome.delivered);
  const firefoxRejected = extensionSays(config);
  const same = (a: { key: string; reason: string }, b: { key: string; reason: string }) => a.key === b.key && a.reason === b.reason;

  const problems: PolicyProblem[] = [...chromeProblems];
  for (const rejection of chromeRejected) {
    const everywhere = firefoxRejected.some((other) => same(other, rejection));
    problems.push({ key: rejection.key, browsers: everywhere ? 'all' : 'chrome', reason: `ignored by the extension: ${rejection.reason}` });
  }
  for (const rejection of firefoxRejected) {
    if (!chromeRejected.some((other) => same(other, rejection))) problems.push({ key: rejection.key, browsers: 'firefox', reason: `ignored by the extension: ${rejection.reason}` });
  }
  return { ok: true, found, problems };
}
