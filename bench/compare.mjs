// Two builds side by side in one run, for "before and after" figures a noisy machine cannot skew:
// every measurement alternates between the builds round by round, and each ratio printed is the
// median of the per-round ratios.
//   node bench/compare.mjs BEFORE_DIST AFTER_DIST [--rounds N] [--cpu]
// --cpu times the in-process figures by the main thread's own CPU time (Linux: schedstat) instead of
// the wall clock: on a machine other jobs keep busy, waiting for a core then counts on neither side.
// (Garbage collection on helper threads is left out then; cold starts are always wall time.)
// Each DIST holds engine.mjs and cli.mjs (node build.mjs, or buildNodeTargets(dir) of build.mjs,
// for an older commit checked out elsewhere); a cli.mjs built since the code-cache launcher needs its
// cli-bundle.cjs and cli.cache beside it (copy all three).
import { spawnSync } from 'node:child_process';
import { coldEnv } from './cold-env.mjs';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import writeGood from 'write-good';
import { realNotes, realText } from './real-notes.mjs';

const args = process.argv.slice(2);
const dirs = args.filter((a) => !a.startsWith('--') && !/^\d+$/.test(a)).map((d) => resolve(d));
const roundsAt = args.indexOf('--rounds');
const ROUNDS = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 7;
if (dirs.length !== 2 || !dirs.every((d) => existsSync(`${d}/engine.mjs`) && existsSync(`${d}/cli.mjs`))) {
  console.error('usage: node bench/compare.mjs BEFORE_DIST AFTER_DIST [--rounds N] (each with engine.mjs and cli.mjs)');
  process.exit(2);
}
const engines = await Promise.all(dirs.map((d) => import(pathToFileURL(`${d}/engine.mjs`).href)));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const now = () => Number(process.hrtime.bigint()) / 1e6;
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
const useCpu = args.includes('--cpu');
if (useCpu && !existsSync(SCHEDSTAT)) {
  console.error(`--cpu needs ${SCHEDSTAT} (Linux)`);
  process.exit(2);
}
/** The main thread's CPU time in ms (first schedstat field: ns on a CPU). */
const threadCpu = () => Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;
const clock = useCpu ? threadCpu : now;
function perCall(fn, iterations) {
  const start = clock();
  for (let i = 0; i < iterations; i++) fn();
  return (clock() - start) / iterations;
}
/**
 * ms per call of each task's fn(engine) for both builds: every round runs every task on both builds
 * (alternating which build goes first), so sizes and builds see the same machine and the same JIT state.
 */
function paired(tasks) {
  for (const { fn, iterations } of tasks) engines.forEach((e) => perCall(() => fn(e), Math.max(1, iterations >> 1))); // warm-up
  const times = tasks.map(() => [[], []]);
  for (let r = 0; r < ROUNDS; r++) {
    tasks.forEach(({ fn, iterations }, t) => {
      for (const k of r % 2 ? [1, 0] : [0, 1]) times[t][k].push(perCall(() => fn(engines[k]), iterations));
    });
  }
  return times;
}
const ratio = (a, b) => median(a.map((x, r) => x / b[r]));

const notes = realNotes();
const corpusChars = notes.reduce((s, n) => s + n.text.length, 0);
const LINES = [
  { code: '97124', modifiers: ['GP'], units: 2, minutes: 25, dx: ['M62.838'] },
  { code: '97110', modifiers: ['GP'], units: 1, minutes: 15, dx: ['M62.838'] },
];
const rows = [];
const row = (what, [before, after], unit = 'ms', scale = 1) =>
  rows.push([what, `${(median(before) * scale).toFixed(2)} ${unit}`, `${(median(after) * scale).toFixed(2)} ${unit}`, `×${ratio(after, before).toFixed(2)}`]);

const sizes = [1_000, 10_000, 100_000, 1_000_000].map((chars) => ({ chars, visit: { payer: 'medicare', note: realText(chars, notes), lines: [] } }));
const typical = { payer: 'medicare', note: realText(1_000, notes), lines: LINES };
const measured = paired([
  ...sizes.map(({ chars, visit }) => ({ fn: (e) => e.check(visit), iterations: Math.max(1, Math.round(200_000 / chars)) })),
  { fn: (e) => e.check(typical), iterations: 200 },
  { fn: (e) => notes.forEach((n) => e.check({ payer: 'medicare', note: n.text, lines: [] })), iterations: 1 },
]);
const sizeTimes = measured.slice(0, sizes.length);
sizes.forEach(({ chars }, k) => row(`check, ${chars >= 1e6 ? '1 MB' : `${chars / 1000} KB`} of real notes`, sizeTimes[k]));
const growth = (k) => [0, 1].map((b) => median(sizeTimes[k][b].map((x, r) => x / sizeTimes[k - 1][b][r])));
row('typical visit (1 KB, 2 lines)', measured[sizes.length], 'µs', 1000);
const eachNote = measured[sizes.length + 1];
row(`each of the ${notes.length} notes on its own`, eachNote);

// write-good on the same notes, timed between the builds' rounds.
const oneMb = sizes[3].visit.note;
const wgEach = [];
const wgWhole = [];
for (let r = 0; r < ROUNDS; r++) {
  wgEach.push(perCall(() => notes.forEach((n) => writeGood(n.text)), 1));
  wgWhole.push(perCall(() => writeGood(oneMb), 1));
}
const mbps = (chars, ms) => chars / 1e6 / (ms / 1000);

// Cold command line: node -e 0, then each build's `check`, interleaved.
const visitFile = fileURLToPath(new URL('../examples/medicare-clean.json', import.meta.url));
const startEnv = coldEnv();
const spawnMs = (argv) => {
  const start = now();
  const result = spawnSync(process.execPath, argv, { stdio: 'ignore', env: startEnv.env });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${argv.join(' ')} exited ${result.status}`);
  return now() - start;
};
const bare = [];
const cold = [[], []];
for (let r = 0; r < ROUNDS * 4; r++) {
  bare.push(spawnMs(['-e', '0']));
  for (const k of r % 2 ? [1, 0] : [0, 1]) cold[k].push(spawnMs([`${dirs[k]}/cli.mjs`, 'check', visitFile]));
}

console.log(`before: ${dirs[0]}\nafter:  ${dirs[1]}\n${ROUNDS} rounds (cold starts: ${ROUNDS * 4}), medians; × = median of per-round after/before${useCpu ? '; in-process times are main-thread CPU time' : ''}\n`);
console.log(`${''.padEnd(36)}${'before'.padStart(14)}${'after'.padStart(14)}${'after/before'.padStart(14)}`);
for (const [what, b, a, x] of rows) console.log(`${what.padEnd(36)}${b.padStart(14)}${a.padStart(14)}${x.padStart(14)}`);
const [g1, g2, g3] = [1, 2, 3].map(growth);
console.log(`${'× time per 10× text (1→10→100K→1M)'.padEnd(36)}${`${g1[0].toFixed(1)} ${g2[0].toFixed(1)} ${g3[0].toFixed(1)}`.padStart(14)}${`${g1[1].toFixed(1)} ${g2[1].toFixed(1)} ${g3[1].toFixed(1)}`.padStart(14)}`);
const wgRatio = (engineTimes, wg) => median(engineTimes.map((x, r) => wg[r] / x));
console.log(`${'× write-good, each note'.padEnd(36)}${`×${wgRatio(eachNote[0], wgEach).toFixed(1)}`.padStart(14)}${`×${wgRatio(eachNote[1], wgEach).toFixed(1)}`.padStart(14)}   (write-good ${mbps(corpusChars, median(wgEach)).toFixed(2)} MB/s)`);
console.log(`${'× write-good, 1 MB text'.padEnd(36)}${`×${wgRatio(sizeTimes[3][0], wgWhole).toFixed(1)}`.padStart(14)}${`×${wgRatio(sizeTimes[3][1], wgWhole).toFixed(1)}`.padStart(14)}   (write-good ${mbps(1e6, median(wgWhole)).toFixed(2)} MB/s)`);
const coldRatio = (k) => median(cold[k].map((x, r) => x / bare[r]));
console.log(`${'cold check ÷ node -e 0'.padEnd(36)}${`×${coldRatio(0).toFixed(2)}`.padStart(14)}${`×${coldRatio(1).toFixed(2)}`.padStart(14)}   (${median(cold[0]).toFixed(1)} / ${median(cold[1]).toFixed(1)} ms; node -e 0 ${median(bare).toFixed(1)} ms; ${startEnv.note})`);
