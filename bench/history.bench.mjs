// Across visits at scale: the built command line over 10,000 realistic visits of 1,000 patients
// (bench/batch-corpus.mjs with patient ids; every fifth patient's notes copied forward), checked
// with the cross-visit rules and with --no-history (the single-visit batch), alternately (ABBA) so
// machine noise falls on both. Prints the median wall time, CPU time and peak RSS of each, and the
// ratios. Asserts nothing.
// Run: node build.mjs && node bench/history.bench.mjs [--visits 10000] [--patients 1000] [--rounds 2] [--jobs 2]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeBatch } from './batch-corpus.mjs';

const { values } = parseArgs({
  options: {
    visits: { type: 'string', default: '10000' },
    patients: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '2' },
    jobs: { type: 'string', default: '2' },
  },
});
const visits = Number(values.visits);
const patients = Number(values.patients);
const rounds = Number(values.rounds);

const cli = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(cli)) {
  console.error('dist/cli.mjs is missing: run "node build.mjs" first.');
  process.exit(2);
}

const REPORT = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\n@@usage ' + u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });`;
const PRELOAD = `data:text/javascript,${encodeURIComponent(REPORT)}`;

/** One `check --format ndjson`; counts the cross-visit result lines and drops the rest. */
function runCheck(dir, history) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const args = ['--import', PRELOAD, cli.pathname, 'check', '--jobs', values.jobs, '--format', 'ndjson', ...(history ? [] : ['--no-history']), dir];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let crossVisit = 0;
    let tail = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      const text = tail + chunk;
      const lines = text.split('\n');
      tail = lines.pop();
      for (const line of lines) if (line.includes('"crossVisit":true')) crossVisit++;
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const usage = /@@usage (\d+) (\d+)/.exec(stderr);
      if (code !== 0 && code !== 1) return reject(new Error(`check exited ${code}: ${stderr.slice(0, 500)}`));
      if (!usage) return reject(new Error(`no usage report: ${stderr.slice(0, 500)}`));
      resolve({ ms, rssKb: Number(usage[1]), cpuMs: Number(usage[2]) / 1000, crossVisit });
    });
  });
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const pad = (text, width) => String(text).padStart(width);

console.log(`Therapy Claim Guard across-visits benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(`${visits} visits of ${patients} patients, check --format ndjson --jobs ${values.jobs}, with and without the cross-visit rules, ${rounds} round(s) each, alternating\n`);
console.log(`${'run'.padEnd(26)}${pad('median s', 10)}${pad('visits/s', 10)}${pad('CPU s', 8)}${pad('peak RSS MB', 13)}${pad('cross-visit results', 21)}`);

const root = mkdtempSync(join(tmpdir(), 'tcg-history-bench-'));
try {
  const dir = join(root, 'batch');
  writeBatch(dir, visits, { patients, textShare: 0 });
  const runs = { single: [], history: [] };
  for (let r = 0; r < rounds; r++) {
    for (const which of r % 2 === 0 ? ['single', 'history'] : ['history', 'single']) runs[which].push(await runCheck(dir, which === 'history'));
  }
  const figures = {};
  for (const [which, label] of [['single', 'single-visit (--no-history)'], ['history', 'with cross-visit rules']]) {
    const list = runs[which];
    const seconds = median(list.map((r) => r.ms)) / 1000;
    const peakMb = Math.max(...list.map((r) => r.rssKb)) / 1024;
    const cpu = median(list.map((r) => r.cpuMs)) / 1000;
    figures[which] = { seconds, peakMb, cpu };
    console.log(`${label.padEnd(26)}${pad(seconds.toFixed(2), 10)}${pad((visits / seconds).toFixed(0), 10)}${pad(cpu.toFixed(1), 8)}${pad(peakMb.toFixed(0), 13)}${pad(list[0].crossVisit, 21)}`);
  }
  const { single, history } = figures;
  console.log(`\nwith history ÷ single-visit: time ${(history.seconds / single.seconds).toFixed(2)}×, CPU ${(history.cpu / single.cpu).toFixed(2)}×, peak RSS ${(history.peakMb / single.peakMb).toFixed(2)}× (+${(history.peakMb - single.peakMb).toFixed(0)} MB)`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
console.log('Peak RSS is the whole process, main thread and worker threads together (getrusage maxrss).');
