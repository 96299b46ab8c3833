// Cold command-line check against a bare Node start, side by side in one run: every round spawns
// `node -e 0` and then each CLI build's `check` of one visit (the order of the builds alternating
// round by round), so machine noise falls on all of them. Prints, per build, the median of the
// per-round ratios (check ms ÷ node -e 0 ms of the same round), the median times and the spread.
// Asserts nothing; it prints what it measured.
//   node bench/cold.bench.mjs [--rounds 60] [--visit FILE] [LAUNCHER|DIST …]
// Default: dist/cli.cjs (the bin) and dist/cli.mjs. A DIST folder stands for its cli.cjs, or its
// cli.mjs when it has no cli.cjs (a build from before the CommonJS launcher): copy a build's
// launchers with cli-bundle.cjs and cli.cache to compare before and after in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { coldEnv } from './cold-env.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '60' },
    'keep-env': { type: 'boolean', default: false },
    visit: { type: 'string', default: fileURLToPath(new URL('../examples/medicare-clean.json', import.meta.url)) },
  },
});
const rounds = Number(values.rounds);
const startEnv = coldEnv(values['keep-env']);
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const launcherOf = (given) => {
  const path = resolve(given);
  if (!existsSync(path)) return path;
  if (!statSync(path).isDirectory()) return path;
  return existsSync(`${path}/cli.cjs`) ? `${path}/cli.cjs` : `${path}/cli.mjs`;
};
const dists = (positionals.length ? positionals : [`${dist}/cli.cjs`, `${dist}/cli.mjs`]).map(launcherOf);
for (const d of dists) {
  if (!existsSync(d)) {
    console.error(`${d} is missing (node build.mjs first)`);
    process.exit(2);
  }
}

/**
 * One run: its wall time and its CPU time (user + system, all of its threads), in ms, as bash's
 * `time` reports them from the child's own resource usage (exact to the millisecond, where
 * /proc's figures tick in 10 ms). CPU time is the figure to trust when other work shares the
 * cores: a busy machine stretches the wall time of every arm, but not the CPU each one spends.
 */
function spawnMs(args) {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = spawnSync('bash', ['-c', `TIMEFORMAT='@@%3R %3U %3S'; time '${process.execPath}' ${quoted} >/dev/null 2>/dev/null; echo "exit $?" >&2`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env: startEnv.env,
  });
  const exit = /exit (\d+)/.exec(result.stderr);
  if (!exit || (exit[1] !== '0' && exit[1] !== '1')) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  const [, real, user, sys] = /@@([\d.]+) ([\d.]+) ([\d.]+)/.exec(result.stderr).map(Number);
  return { wall: real * 1000, cpu: (user + sys) * 1000 };
}
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const quantile = (list, q) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))];

const checkArgs = (d) => [d, 'check', values.visit];

// Warm the file cache (and each build's code cache) once; these runs are not counted.
spawnMs(['-e', '0']);
for (const d of dists) spawnMs(checkArgs(d));

const bare = [];
const cold = dists.map(() => []);
for (let r = 0; r < rounds; r++) {
  bare.push(spawnMs(['-e', '0']));
  const order = dists.map((_, k) => k);
  if (r % 2) order.reverse();
  for (const k of order) cold[k].push(spawnMs(checkArgs(dists[k])));
}

console.log(`cold \`check ${values.visit}\` ÷ \`node -e 0\`, ${rounds} rounds, alternating; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${startEnv.note}`);
console.log(`node -e 0: median wall ${median(bare.map((b) => b.wall)).toFixed(1)} ms, CPU ${median(bare.map((b) => b.cpu)).toFixed(1)} ms`);
dists.forEach((d, k) => {
  const ratio = (key) => cold[k].map((run, r) => run[key] / bare[r][key]);
  const wall = ratio('wall');
  const cpu = ratio('cpu');
  console.log(`${d}`);
  console.log(`  wall ×${median(wall).toFixed(3)} (median of per-round ratios; quartiles ×${quantile(wall, 0.25).toFixed(2)}–×${quantile(wall, 0.75).toFixed(2)}), check ${median(cold[k].map((c) => c.wall)).toFixed(1)} ms`);
  console.log(`  CPU  ×${median(cpu).toFixed(3)} (quartiles ×${quantile(cpu, 0.25).toFixed(2)}–×${quantile(cpu, 0.75).toFixed(2)}), check ${median(cold[k].map((c) => c.cpu)).toFixed(1)} ms`);
});
