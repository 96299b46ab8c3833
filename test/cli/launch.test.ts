// dist/cli.cjs (the bin) and dist/cli.mjs start the command line from the code cache build.mjs
// writes beside them (src/cli/launch.ts). The cache only saves time: without it, or with one made from another
// bundle, the command line must give the same bytes and exit code. Built into a private folder,
// as cli.test.ts does.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const FILES = ['cli.cjs', 'cli.mjs', 'cli-bundle.cjs', 'cli.cache'];
let dir = '';

function run(dist: string, launcher = 'cli.mjs') {
  const out = spawnSync(process.execPath, [join(dist, launcher), 'check', '--format', 'json', join(root, 'examples/aetna-problems.json'), join(root, 'examples/note-with-codes.txt')], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** A copy of the built command line, `change`d. */
function variant(name: string, change: (dist: string) => void): string {
  const dist = join(dir, name);
  mkdirSync(dist);
  for (const file of FILES) copyFileSync(join(dir, 'dist', file), join(dist, file));
  change(dist);
  return dist;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tcg-launch-'));
  const build = "const { buildNodeTargets } = await import('./build.mjs'); await buildNodeTargets(process.argv[1]);";
  execFileSync(process.execPath, ['--input-type=module', '-e', build, join(dir, 'dist')], { cwd: root, stdio: 'pipe' });
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('dist/cli.cjs, dist/cli.mjs and their code cache', () => {
  it('gives the same output from either launcher, with worker threads too', () => {
    const esm = run(join(dir, 'dist'));
    const cjs = run(join(dir, 'dist'), 'cli.cjs');
    expect(cjs.code).toBe(esm.code);
    expect(cjs.stderr).toBe(esm.stderr);
    expect(JSON.parse(cjs.stdout).results).toEqual(JSON.parse(esm.stdout).results);
    const threads = (launcher: string) =>
      spawnSync(process.execPath, [join(dir, 'dist', launcher), 'check', '--jobs', '2', '--format', 'ndjson', join(root, 'examples')], { encoding: 'utf8', timeout: 60_000 });
    const [a, b] = [threads('cli.mjs'), threads('cli.cjs')];
    expect(b.status).toBe(a.status);
    expect(b.stdout).toBe(a.stdout);
    expect(b.stdout.length).toBeGreaterThan(0);
  });

  it('is built with a cache made from the bundle beside it', () => {
    const cache = readFileSync(join(dir, 'dist', 'cli.cache'));
    const bundle = readFileSync(join(dir, 'dist', 'cli-bundle.cjs'));
    expect(cache.readUInt32LE(0)).toBe(bundle.length);
    expect(cache.subarray(4, 4 + bundle.length).equals(bundle)).toBe(true);
    // the bytecode of what a check runs, not only the top level
    expect(cache.length - 4 - bundle.length).toBeGreaterThan(100_000);
  });

  it('gives the same output without the cache, and with a cache made from another bundle', () => {
    const cached = run(join(dir, 'dist'));
    expect(cached.code).toBe(1); // the Aetna example has errors
    expect(JSON.parse(cached.stdout).results).toHaveLength(2);
    const missing = variant('missing', (dist) => rmSync(join(dist, 'cli.cache')));
    // Made from a bundle of the same length but other bytes: V8 alone would accept it (it compares
    // lengths only).
    const stale = variant('stale', (dist) => {
      const cache = readFileSync(join(dist, 'cli.cache'));
      const at = 4 + cache.readUInt32LE(0) - 10;
      cache[at] = cache[at] === 0x20 ? 0x0a : 0x20;
      writeFileSync(join(dist, 'cli.cache'), cache);
    });
    const truncated = variant('truncated', (dist) => writeFileSync(join(dist, 'cli.cache'), Buffer.from([1, 2])));
    for (const dist of [missing, stale, truncated]) {
      const out = run(dist);
      expect(out.stderr).toBe(cached.stderr);
      expect(out.code).toBe(cached.code);
      // The JSON report names the time it ran: compare the results.
      expect(JSON.parse(out.stdout).results).toEqual(JSON.parse(cached.stdout).results);
    }
  });

  it('gives the same output, and does not crash, when the bytecode is damaged or cut short', () => {
    const cached = run(join(dir, 'dist'));
    const cache = readFileSync(join(dir, 'dist', 'cli.cache'));
    const bundleBytes = cache.readUInt32LE(0);
    // Bytes flipped through the first copy of the bytecode (V8 itself aborts the process on these).
    const damaged = variant('damaged', (dist) => {
      const bytes = Buffer.from(cache);
      for (let at = 4 + bundleBytes + 64; at < 4 + bundleBytes + (bytes.length - 4 - bundleBytes) / 2; at += 997) bytes[at]! ^= 0xff;
      writeFileSync(join(dist, 'cli.cache'), bytes);
    });
    const cut = variant('cut', (dist) => writeFileSync(join(dist, 'cli.cache'), cache.subarray(0, cache.length - 1001)));
    for (const dist of [damaged, cut]) {
      for (const launcher of ['cli.cjs', 'cli.mjs']) {
        const out = run(dist, launcher);
        expect(out.stderr).toBe('');
        expect(out.code).toBe(cached.code);
        expect(JSON.parse(out.stdout).results).toEqual(JSON.parse(cached.stdout).results);
      }
    }
  });

  it('does not run the bytecode of a bundle that was edited since, even at the same length', () => {
    const edited = variant('edited', (dist) => {
      const bundle = readFileSync(join(dist, 'cli-bundle.cjs'), 'utf8');
      // The bundle is written without spaces (minifyWhitespace): match the line either way.
      const renamed = bundle.replace(/var PROGRAM ?= ?"therapy-claim-guard";/, 'var PROGRAM="therapy-claim-guarX";');
      expect(renamed.length).toBe(bundle.length);
      expect(renamed).not.toBe(bundle);
      writeFileSync(join(dist, 'cli-bundle.cjs'), renamed);
    });
    for (const launcher of ['cli.cjs', 'cli.mjs']) {
      const out = spawnSync(process.execPath, [join(edited, launcher), '--version'], { encoding: 'utf8', timeout: 30_000 });
      expect(out.stdout).toMatch(/^therapy-claim-guarX /);
    }
  });
});
