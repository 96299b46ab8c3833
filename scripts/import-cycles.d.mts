// Types for import-cycles.mjs (plain JS so it runs as a script; test/build/import-cycles.test.ts imports it).
export function importGraph(dir: string): Map<string, Set<string>>;
export function importCycles(dir: string): string[][];
