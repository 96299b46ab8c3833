// What the options page lists: rules and payer profiles. It comes straight from the engine:
// the options page has no tight size budget, and asking the worker would add a message and a
// failure mode for data that is compiled into the extension anyway.
import { DEFAULT_PROFILE, listProfiles, listRules } from '../engine';
import type { Severity } from '../ui/tab-state';

export interface RuleSummary {
  id: string;
  title: string;
  defaultSeverity: Severity;
}

export interface ProfileSummary {
  id: string;
  name: string;
}

export interface Catalog {
  rules: RuleSummary[];
  profiles: ProfileSummary[];
  /** The profile used when neither the page nor the user names one. */
  builtInProfile: string;
}

export function engineCatalog(): Catalog {
  return {
    rules: listRules()
      .map(({ id, title, defaultSeverity }) => ({ id, title, defaultSeverity }))
      .sort((a, b) => a.title.localeCompare(b.title)),
    profiles: listProfiles().map(({ id, name }) => ({ id, name })),
    builtInProfile: DEFAULT_PROFILE,
  };
}
