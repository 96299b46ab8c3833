// Data the build validated already. The JSON files stay the source of truth a compliance lead
// edits; run from source, each loader validates its file at load. The node bundles
// (dist/cli-bundle.cjs, dist/engine.mjs) get, in place of each such JSON file, the loader's own
// validated output marked here (build.mjs `prebuiltModules`), so a cold command line does not
// validate the same shipped data on every run. test/engine/prebuilt.test.ts checks that what the
// build ships equals validating the JSON at run time.
const VALIDATED = new WeakSet<object>();

/** Marks data the build has validated (called by the generated modules only). */
export function markValidated<T extends object>(data: T): T {
  VALIDATED.add(data);
  return data;
}

/** Whether `data` is a loader's output the build validated, so the loader takes it as it is. */
export function validatedAtBuild(data: unknown): boolean {
  return typeof data === 'object' && data !== null && VALIDATED.has(data);
}
