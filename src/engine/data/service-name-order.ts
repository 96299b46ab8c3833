// The service names of the codes data (data/codes.json) in the order the matchers read them:
// longest first, so a matcher that takes the first hit picks "ice massage" over "massage". Sorting
// them costs ~0.3–0.5 ms of every cold command line, so the node bundles ship the order the build
// worked out (data/service-names.ts, build.mjs `prebuiltModules`); test/engine/prebuilt.test.ts
// checks it equals ordering the JSON here.
import { localeOrder } from '../order';

export interface ServiceName {
  name: string;
  code: string;
  /** Abbreviations ("NMR", "MFR") only match in this exact case, as whole words. */
  caseSensitive: boolean;
}

export interface AmbiguousServiceName {
  name: string;
  codes: readonly string[];
  why: string;
}

export interface ServiceNameTables {
  /** Names that identify one code, longest first. */
  names: readonly ServiceName[];
  /** Names that could mean several codes, longest first. */
  ambiguous: readonly AmbiguousServiceName[];
}

/** The part of the codes data the names come from. */
export interface ServiceNameSource {
  codes: Readonly<Record<string, { names: readonly string[]; abbreviations?: readonly string[] | undefined }>>;
  ambiguousNames: readonly { name: string; codes: readonly string[]; why: string }[];
}

const longestFirst = (a: { name: string }, b: { name: string }) => b.name.length - a.name.length || localeOrder(a.name, b.name);

/** The tables as frozen as the engine hands them out (the build's JSON copy is frozen the same way). */
export function frozenServiceNames(tables: ServiceNameTables): ServiceNameTables {
  for (const entry of tables.ambiguous) Object.freeze(entry.codes);
  return { names: Object.freeze(tables.names), ambiguous: Object.freeze(tables.ambiguous) };
}

export function orderServiceNames(data: ServiceNameSource): ServiceNameTables {
  const names = Object.entries(data.codes)
    .flatMap(([code, entry]) => [
      ...entry.names.map((name) => ({ name, code, caseSensitive: false })),
      ...(entry.abbreviations ?? []).map((name) => ({ name, code, caseSensitive: true })),
    ])
    .sort(longestFirst);
  const ambiguous = data.ambiguousNames.map((entry) => ({ name: entry.name, codes: [...entry.codes], why: entry.why })).sort(longestFirst);
  return frozenServiceNames({ names, ambiguous });
}
