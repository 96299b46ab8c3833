// Engine speed on real notes, measured side by side in one run: every figure that is compared with
// another (sizes, write-good, `node -e 0`) is timed in interleaved rounds, and the ratio printed is
// the median of the per-round ratios, so a noisy machine slows both sides of a ratio alike.
// Prints numbers, ratios and the issue-12 targets; never asserts (timings depend on the machine).
// Run: npm run bench   (or: node build.mjs && node bench/engine.bench.mjs [--quick])
import { spawnSync } from 'node:child_process';
import { coldEnv } from './cold-env.mjs';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import writeGood from 'write-good';
import { realNotes, realText } from './real-notes.mjs';
import { syntheticNote } from './synthetic-notes.mjs';

const engineUrl = new URL('../dist/engine.mjs', import.meta.url);
const cliPath = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url)); // the bin
if (!existsSync(engineUrl) || !existsSync(cliPath)) {
  console.error('dist/engine.mjs or dist/cli.cjs is missing: run "node build.mjs" first.');
  process.exit(2);
}
const { check, calculateUnits } = await import(engineUrl.href);

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 7;

// ---- timing helpers ------------------------------------------------------------------------------

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Iterations that make a batch last about `batchMs`, after a warm-up. */
function calibrate(fn, batchMs) {
  const warmEnd = now() + 150;
  let runs = 0;
  while (now() < warmEnd || runs < 2) {
    fn();
    runs++;
  }
  const start = now();
  fn();
  return Math.max(1, Math.ceil(batchMs / Math.max(now() - start, 1e-3)));
}

/**
 * Time several tasks in interleaved rounds (round 1: a, b, c; round 2: a, b, c; …).
 * Returns, per task, the ms per call of every round.
 */
function interleaved(tasks, { rounds = ROUNDS, batchMs = 100 } = {}) {
  const iterations = tasks.map((t) => calibrate(t.fn, batchMs));
  const perRound = tasks.map(() => []);
  for (let r = 0; r < rounds; r++) {
    tasks.forEach((task, k) => {
      const start = now();
      for (let i = 0; i < iterations[k]; i++) task.fn();
      perRound[k].push((now() - start) / iterations[k]);
    });
  }
  return perRound;
}

/** Median of the per-round ratios a[r] / b[r]. */
const pairedRatio = (a, b) => median(a.map((x, r) => x / b[r]));

const pad = (text, width) => String(text).padStart(width);
const verdict = (ok) => (ok ? 'met' : 'NOT MET');
const mbps = (chars, ms) => chars / 1e6 / (ms / 1000);

console.log(`Therapy Claim Guard engine benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${ROUNDS} interleaved rounds per comparison\n`);

// ---- 1. real notes, 1 KB → 1 MB -----------------------------------------------------------------

const notes = realNotes();
const corpusChars = notes.reduce((sum, n) => sum + n.text.length, 0);
console.log(`Real notes: ${notes.length} notes (labelled visits and MTSamples), ${(corpusChars / 1000).toFixed(0)} KB, joined and repeated to each size.\n`);

const SIZES = [
  ['1 KB', 1_000],
  ['10 KB', 10_000],
  ['100 KB', 100_000],
  ['1 MB', 1_000_000],
];
const sizeTasks = SIZES.map(([label, chars]) => {
  const visit = { payer: 'medicare', note: realText(chars, notes), lines: [] };
  return { label, chars, fn: () => check(visit) };
});
const synthetic = { payer: 'medicare', note: syntheticNote(1_000_000), lines: [] };
const sizeTimes = interleaved([...sizeTasks, { fn: () => check(synthetic) }]);
const syntheticMs = median(sizeTimes[SIZES.length]);

console.log('check() on one text of real notes (median ms per check; × prev = median of per-round ratios)');
console.log(`${'size'.padEnd(8)}${pad('ms/check', 11)}${pad('MB/s', 8)}${pad('× prev', 9)}`);
let worstGrowth = 0;
sizeTasks.forEach((task, k) => {
  const ms = median(sizeTimes[k]);
  const growth = k === 0 ? undefined : pairedRatio(sizeTimes[k], sizeTimes[k - 1]);
  if (growth !== undefined) worstGrowth = Math.max(worstGrowth, growth);
  console.log(`${task.label.padEnd(8)}${pad(ms.toFixed(3), 11)}${pad(mbps(task.chars, ms).toFixed(1), 8)}${pad(growth === undefined ? '' : `×${growth.toFixed(2)}`, 9)}`);
});
const realMbMs = median(sizeTimes[SIZES.length - 1]);
console.log(`synthetic notes, 1 MB (the earlier workload): ${syntheticMs.toFixed(1)} ms\n`);

// ---- 2. the same notes against write-good --------------------------------------------------------

const text1mb = sizeTasks[SIZES.length - 1];
const oneMb = realText(1_000_000, notes);
const [engineEach, writeGoodEach, engineWhole, writeGoodWhole] = interleaved(
  [
    { fn: () => notes.forEach((n) => check({ payer: 'medicare', note: n.text, lines: [] })) },
    { fn: () => notes.forEach((n) => writeGood(n.text)) },
    { fn: text1mb.fn },
    { fn: () => writeGood(oneMb) },
  ],
  { rounds: quick ? 3 : 5, batchMs: 200 },
);
const eachRatio = pairedRatio(writeGoodEach, engineEach);
const wholeRatio = pairedRatio(writeGoodWhole, engineWhole);
console.log('Throughput against the prose linter write-good 1.0.8 on the same real notes');
console.log(`${''.padEnd(34)}${pad('engine MB/s', 12)}${pad('write-good MB/s', 16)}${pad('engine ×', 10)}`);
console.log(`${'each note on its own (230 calls)'.padEnd(34)}${pad(mbps(corpusChars, median(engineEach)).toFixed(2), 12)}${pad(mbps(corpusChars, median(writeGoodEach)).toFixed(2), 16)}${pad(eachRatio.toFixed(1), 10)}`);
console.log(`${'the 1 MB text in one call'.padEnd(34)}${pad(mbps(1e6, median(engineWhole)).toFixed(2), 12)}${pad(mbps(1e6, median(writeGoodWhole)).toFixed(2), 16)}${pad(wholeRatio.toFixed(1), 10)}\n`);

// ---- 3. allocations per input character ----------------------------------------------------------

// In a child process with a large young generation (see allocations.mjs for how it counts).
function allocations(which) {
  const result = spawnSync(process.execPath, ['--max-semi-space-size=1024', '--min-semi-space-size=1024', fileURLToPath(new URL('allocations.mjs', import.meta.url)), which], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`allocations.mjs ${which} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}
const typicalVisit = {
  payer: 'medicare',
  note: realText(1_000, notes),
  lines: [
    { code: '97124', modifiers: ['GP'], units: 2, minutes: 25, dx: ['M62.838'] },
    { code: '97110', modifiers: ['GP'], units: 1, minutes: 15, dx: ['M62.838'] },
  ],
};
const allocMb = allocations('real');
const allocTypical = allocations('typical');
const perChar = (a) => `${a.heapPerChar.toFixed(1)} heap + ${a.buffersPerChar === null ? '?' : a.buffersPerChar.toFixed(1)} typed arrays = ${(a.heapPerChar + (a.buffersPerChar ?? 0)).toFixed(1)}`;
console.log('Bytes allocated per input character (garbage included)');
console.log(`  1 MB of real notes:        ${perChar(allocMb)}`);
console.log(`  typical visit (1 KB note): ${perChar(allocTypical)}\n`);

// ---- 4. typical visit ----------------------------------------------------------------------------

const [typicalTimes] = interleaved([{ fn: () => check(typicalVisit) }], { batchMs: 100 });
const typicalMs = median(typicalTimes);

// ---- 5. cold command line --------------------------------------------------------------------------

const visitFile = fileURLToPath(new URL('../examples/medicare-clean.json', import.meta.url));
const startEnv = coldEnv();
function spawnMs(args) {
  const start = now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: startEnv.env });
  const ms = now() - start;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}
const coldRounds = quick ? 9 : 25;
const bare = [];
const cold = [];
spawnMs(['-e', '0']);
spawnMs([cliPath, 'check', visitFile]);
for (let r = 0; r < coldRounds; r++) {
  bare.push(spawnMs(['-e', '0']));
  cold.push(spawnMs([cliPath, 'check', visitFile]));
}
const coldRatio = pairedRatio(cold, bare);
// Where the cold check's own time goes (cold-split.cjs, a fresh process each time).
const splits = Array.from({ length: quick ? 5 : 11 }, () => {
  const result = spawnSync(process.execPath, [fileURLToPath(new URL('cold-split.cjs', import.meta.url)), visitFile], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], env: startEnv.env });
  if (result.status !== 0) throw new Error(`cold-split.cjs failed: ${result.stderr}`);
  return JSON.parse(result.stderr);
});
const splitMs = (key) => median(splits.map((s) => s[key])).toFixed(1);
const coldSplit = `read ${splitMs('read')} ms, compile from code cache ${splitMs('compile')} ms, top level ${splitMs('topLevel')} ms, check ${splitMs('check')} ms${splits.some((s) => s.cacheRejected) ? ' (code cache REJECTED in some runs)' : ''}`;

// ---- 6. units calculator ---------------------------------------------------------------------------

const UNIT_CASES = [
  ['CMS, 4 timed codes', { method: 'cms', timed: [{ code: '97110', minutes: 18 }, { code: '97140', minutes: 13 }, { code: '97116', minutes: 10 }, { code: '97035', minutes: 8 }] }],
  ['CMS, tie + untimed', { method: 'cms', timed: [{ code: '97112', minutes: 20 }, { code: '97110', minutes: 20 }], untimed: ['97014', '97161'] }],
  ['per-code, 4 codes', { method: 'per-code', timed: [{ code: '97124', minutes: 25 }, { code: '97140', minutes: 10 }, { code: '97110', minutes: 7 }, { code: '97530', minutes: 38 }] }],
  ['CMS, 20-way tie (capped)', { method: 'cms', timed: Array.from({ length: 20 }, (_, i) => ({ code: `T${String(i).padStart(4, '0')}`, minutes: 20 })) }],
];
const unitTimes = interleaved(UNIT_CASES.map(([, input]) => ({ fn: () => calculateUnits(input) })), { rounds: 3, batchMs: 50 });
console.log('calculateUnits()');
UNIT_CASES.forEach(([label], k) => console.log(`  ${label.padEnd(26)}${pad((median(unitTimes[k]) * 1000).toFixed(2), 8)} µs`));

// ---- targets (issue 12) ----------------------------------------------------------------------------

console.log('\nTargets (issue 12, "Speed and scale")');
const rows = [
  ['1 MB of real notes', `${realMbMs.toFixed(1)} ms`, '< 100 ms', realMbMs < 100],
  ['× write-good, each note', `×${eachRatio.toFixed(1)}`, '≥ ×10', eachRatio >= 10],
  ['× write-good, 1 MB text', `×${wholeRatio.toFixed(1)}`, '≥ ×10', wholeRatio >= 10],
  ['10× text → time', `×${worstGrowth.toFixed(2)} (worst step)`, '≤ ×10.5', worstGrowth <= 10.5],
  ['typical visit', `${(typicalMs * 1000).toFixed(0)} µs`, '< 1000 µs', typicalMs < 1],
  ['cold check ÷ node -e 0', `×${coldRatio.toFixed(2)} (${median(cold).toFixed(1)} ms / ${median(bare).toFixed(1)} ms, ${startEnv.note})`, '≤ ×1.5', coldRatio <= 1.5],
];
for (const [what, value, target, ok] of rows) console.log(`  ${what.padEnd(26)}${value.padEnd(34)}${target.padEnd(11)}${verdict(ok)}`);
console.log(`  ${'bytes allocated per char'.padEnd(26)}${perChar(allocMb)} (1 MB; lower is better)`);
console.log(`  ${'cold check, in-process'.padEnd(26)}${coldSplit} (medians)`);
