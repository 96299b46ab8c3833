// Where a cold `check` spends its time, in one fresh process: reading the bundle and its code cache,
// compiling from the cache, running the bundle's top level (data, tables, schemas), and the check
// itself (first calls of everything). Loads dist/cli-bundle.cjs the way dist/cli.mjs does
// (src/cli/launch.ts) from dist/cli.cjs. The check's own output goes to stdout as usual
// (send it to /dev/null); the timings go to stderr as one JSON line. engine.bench.mjs runs it several
// times and prints the medians.
//   node bench/cold-split.cjs [visit file] >/dev/null
const start = performance.now();
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const filename = join(dist, 'cli-bundle.cjs');
const source = readFileSync(filename);
const cache = readFileSync(join(dist, 'cli.cache'));
const read = performance.now();
const script = new Script(source.toString('utf8'), { filename, cachedData: cache.subarray(4 + source.length, 4 + source.length + (cache.length - 4 - source.length) / 2) });
const compiled = performance.now();
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, require, bundle, filename, dist);
const topLevel = performance.now();

process.argv = [process.argv[0], join(dist, 'cli.cjs'), 'check', process.argv[2] ?? join(__dirname, '..', 'examples/medicare-clean.json')];
bundle.exports.main(new URL(`file://${join(dist, 'cli.cjs')}`)).then(() => {
  const checked = performance.now();
  process.exitCode = 0;
  console.error(JSON.stringify({ read: read - start, compile: compiled - read, topLevel: topLevel - compiled, check: checked - topLevel, cacheRejected: script.cachedDataRejected }));
});
