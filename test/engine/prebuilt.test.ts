// The node bundles ship data the build worked out (build.mjs `prebuiltModules`): each validated JSON
// data file as its loader's validated output, and the lexicon automaton compiled and packed. What
// they ship must equal what validating and compiling the JSON gives at run time, which is what the
// engine does when it runs from source (as in these tests and in the extension).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileLexicons, joinNumberColumns, packLexicons, type PackedLexicons, type PackedLexiconsRest, unpackLexicons } from '../../src/engine/chart/lexicon';
import { allLexicons, slipLexicons } from '../../src/engine/chart/lexicon-sources';
import { parseCodesData } from '../../src/engine/codes';
import { parseCodePairs } from '../../src/engine/data/code-pairs';
import { parseDiagnoses } from '../../src/engine/data/diagnoses';
import { orderServiceNames } from '../../src/engine/data/service-name-order';
import { serviceNameTables } from '../../src/engine/data/service-names';

const ROOT = join(import.meta.dirname, '..', '..');

/** The JSON inside a generated module's JSON.parse('…') (the `index`th one). */
function embeddedJson(moduleText: string, index = 0): unknown {
  const literals = [...moduleText.matchAll(/JSON\.parse\('((?:[^'\\]|\\.)*)'\)/g)];
  const literal = literals[index];
  if (!literal) throw new Error(`no JSON.parse('…') number ${index + 1} in:\n${moduleText.slice(0, 300)}`);
  return JSON.parse(literal[1]!.replace(/\\(.)/g, '$1'));
}

let modules: Record<string, string> = {};

beforeAll(() => {
  // In a plain Node process, as the build runs it (the build bundles the sources with esbuild).
  const script = "import { prebuiltModules } from './build.mjs'; const { modules } = await prebuiltModules(); process.stdout.write(JSON.stringify(modules));";
  modules = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}, 60_000);

const dataFile = (name: string) => JSON.parse(readFileSync(join(ROOT, 'src/engine/data', name), 'utf8'));
const valid = <T>(result: { ok: true; data: T } | { ok: false; problems: string[] }): T => {
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.data;
};

describe('tables the build ships in the node bundles', () => {
  it.each([
    ['codes.json', () => valid(parseCodesData(dataFile('codes.json')))],
    ['diagnoses.json', () => valid(parseDiagnoses(dataFile('diagnoses.json')))],
    ['code-pairs.json', () => valid(parseCodePairs(dataFile('code-pairs.json')))],
  ])('%s is its loader’s validated output, and marked validated', (name, validate) => {
    const text = modules[join(ROOT, 'src/engine/data', name)];
    expect(text, `no generated module for ${name}`).toBeDefined();
    expect(text).toContain('markValidated(');
    expect(embeddedJson(text!)).toEqual(validate());
  });

  it('the lexicon automaton is the one compiling the JSON lexicons gives', () => {
    const text = modules[join(ROOT, 'src/engine/chart/lexicon-tables.ts')];
    expect(text, 'no generated lexicon-tables module').toBeDefined();
    // The number columns ship as one block of little-endian integers in base64 (16-bit while they fit).
    const base64 = /Buffer\.from\('([A-Za-z0-9+/=]*)', 'base64'\)/.exec(text!)?.[1];
    expect(base64, 'no base64 block of number columns').toBeDefined();
    const bytes = Buffer.from(base64!, 'base64');
    const width = text!.includes('new Int16Array(') ? 2 : 4;
    const numbers = Int32Array.from({ length: bytes.length / width }, (_, k) => (width === 2 ? bytes.readInt16LE(k * 2) : bytes.readInt32LE(k * 4)));
    const shipped = joinNumberColumns(embeddedJson(text!) as PackedLexiconsRest, numbers);
    const compiled = compileLexicons(allLexicons());
    const packed = packLexicons(compiled);
    // Column by column as plain arrays (the shipped columns are views of one typed array).
    const asArrays = (p: PackedLexicons) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v instanceof Int32Array ? Array.from(v) : v]));
    expect(asArrays(shipped)).toEqual(packed);
    expect(unpackLexicons(shipped)).toEqual(compiled);
    expect(unpackLexicons(packed)).toEqual(compiled);
    // Every wording lexicon and the two service-name lexicons are in the one automaton.
    expect(shipped.ids).toEqual(allLexicons().map((l) => l.id));
    // The spelling-slip vocabularies ship as they are.
    expect(embeddedJson(text!, 1)).toEqual(slipLexicons(allLexicons()));
  });

  it('the service names are in the order ordering the validated codes data gives', () => {
    const text = modules[join(ROOT, 'src/engine/data/service-names.ts')];
    expect(text, 'no generated service-names module').toBeDefined();
    const codes = valid(parseCodesData(dataFile('codes.json')));
    const ordered = orderServiceNames(codes);
    expect(embeddedJson(text!)).toEqual(ordered);
    // Longest first; there are names of several lengths and ambiguous names to order at all.
    expect(ordered.names.length).toBeGreaterThan(100);
    expect(ordered.ambiguous.length).toBeGreaterThan(10);
    expect(new Set(ordered.names.map((n) => n.name.length)).size).toBeGreaterThan(5);
    ordered.names.slice(1).forEach((n, i) => expect(n.name.length).toBeLessThanOrEqual(ordered.names[i]!.name.length));
    // Only the data the build validated takes the shipped order: from source, it is worked out.
    expect(text).toContain('validatedAtBuild(data) ?');
    expect(serviceNameTables(codes)).toEqual(ordered);
    expect(Object.isFrozen(ordered.names) && Object.isFrozen(ordered.ambiguous) && ordered.ambiguous.every((a) => Object.isFrozen(a.codes))).toBe(true);
  });

  it('replaces nothing else', () => {
    expect(Object.keys(modules).map((path) => path.slice(ROOT.length + 1)).sort()).toEqual([
      'src/engine/chart/lexicon-tables.ts',
      'src/engine/data/code-pairs.json',
      'src/engine/data/codes.json',
      'src/engine/data/diagnoses.json',
      'src/engine/data/service-names.ts',
    ]);
  });
});
