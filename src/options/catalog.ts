// What the options page lists: rules and payer profiles. The page does not bundle the engine for
// this (it was 69% of options.js): build.mjs writes catalog.generated.json from the engine's rule
// metas and payer profiles (buildCatalog below, run on the engine at build time), and
// test/options/catalog.test.ts fails when the committed file and the engine disagree.
import type { Severity } from '../ui/tab-state';
import generated from './catalog.generated.json';

export interface RuleSummary {
  id: string;
  title: string;
  defaultSeverity: Severity;
  /** A cross-visit rule: it compares the note with the patient's earlier visits (visit history). */
  acrossVisits: boolean;
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

/** The slice of the engine the catalogue is made from (src/engine/index.ts). */
export interface CatalogSource {
  listAllRules(): ReadonlyArray<{ id: string; title: string; defaultSeverity: Severity; acrossVisits: boolean }>;
  listProfiles(): ReadonlyArray<{ id: string; name: string }>;
  DEFAULT_PROFILE: string;
}

/**
 * Every rule (the visit's own, then the cross-visit rules, each sorted by title; their levels are
 * set alike) and the profiles in the engine's order: what build.mjs writes.
 */
export function buildCatalog(engine: CatalogSource): Catalog {
  return {
    rules: engine
      .listAllRules()
      .map(({ id, title, defaultSeverity, acrossVisits }) => ({ id, title, defaultSeverity, acrossVisits }))
      .sort((a, b) => Number(a.acrossVisits) - Number(b.acrossVisits) || a.title.localeCompare(b.title, 'en')),
    profiles: engine.listProfiles().map(({ id, name }) => ({ id, name })),
    builtInProfile: engine.DEFAULT_PROFILE,
  };
}

/** The committed catalogue, as the options page uses it. */
export const catalog: Catalog = generated as Catalog;
