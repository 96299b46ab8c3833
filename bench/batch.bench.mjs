// Batch `check` at scale: the built command line over 1,000 and 10,000 realistic visits
// (bench/batch-corpus.mjs: variations of the labelled visits, one file per visit in clinic/month
// folders), on one thread (--jobs 1) and on worker threads (--jobs 2, or --jobs N), run
// alternately (ABBA) so machine noise falls on both. Prints, per size and thread count, the
// median wall time, visits per second, the peak RSS of the whole process (worker threads
// included), the CPU time of each thread (Linux), and the ratio of the two rates. Prints figures;
// asserts nothing.
// Run: node build.mjs && node bench/batch.bench.mjs [--visits 1000,10000] [--rounds 2] [--jobs 2] [--format ndjson] [--cli LAUNCHER]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeBatch } from './batch-corpus.mjs';

const { values } = parseArgs({
  options: {
    visits: { type: 'string', default: '1000,10000' },
    rounds: { type: 'string', default: '2' },
    jobs: { type: 'string', default: '2' },
    format: { type: 'string', default: 'ndjson' },
    cli: { type: 'string' },
  },
});
const sizes = values.visits.split(',').map(Number);
const cores = cpus().length;
const rounds = Number(values.rounds);
const jobs = Number(values.jobs);

// The bin, or --cli LAUNCHER (e.g. a copy of an older build, to measure it the same way).
const cli = values.cli ? pathToFileURL(resolve(values.cli)) : new URL('../dist/cli.cjs', import.meta.url);
if (!existsSync(cli)) {
  console.error(`${cli.pathname} is missing: run "node build.mjs" first.`);
  process.exit(2);
}

// Reports the process's peak RSS (kB, worker threads included) and CPU time on exit, on stderr.
const REPORT = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\n@@usage ' + u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });`;
const PRELOAD = `data:text/javascript,${encodeURIComponent(REPORT)}`;

const TICK_MS = 1000 / 100; // USER_HZ: /proc's CPU times are in ticks of 10 ms

/**
 * CPU seconds per thread of a running process, read from /proc (Linux) every 50 ms; a thread's
 * last reading is kept, so threads that end early (worker threads) are counted too. The main
 * thread's id is the process id; the others are worker threads and V8's and libuv's helper
 * threads (garbage collection, TurboFan compiles, file reads). Elsewhere: nothing.
 */
function watchThreads(pid) {
  const seen = new Map();
  const sample = () => {
    let tids = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      return;
    }
    for (const tid of tids) {
      try {
        const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
        seen.set(Number(tid), ((Number(fields[11]) + Number(fields[12])) * TICK_MS) / 1000);
      } catch {
        // the thread ended between the listing and the read
      }
    }
  };
  const timer = setInterval(sample, 50);
  sample();
  return () => {
    clearInterval(timer);
    const main = seen.get(pid) ?? 0;
    const others = [...seen].filter(([tid]) => tid !== pid).map(([, s]) => s).sort((a, b) => b - a);
    return { main, others };
  };
}

/** One run of `check`; stdout is counted and dropped. */
function runCheck(dir, threads) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PRELOAD, cli.pathname, 'check', '--jobs', String(threads), '--format', values.format, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const threadsCpu = watchThreads(child.pid);
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk) => (bytes += chunk.length));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const perThread = threadsCpu();
      const usage = /@@usage (\d+) (\d+)/.exec(stderr);
      if (code !== 0 && code !== 1) return reject(new Error(`check exited ${code}: ${stderr.slice(0, 500)}`));
      if (!usage) return reject(new Error(`no usage report: ${stderr.slice(0, 500)}`));
      resolve({ ms, rssKb: Number(usage[1]), cpuMs: Number(usage[2]) / 1000, bytes, perThread });
    });
  });
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const mb = (kb) => (kb / 1024).toFixed(0);
const pad = (text, width) => String(text).padStart(width);

console.log(`Therapy Claim Guard batch benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(`check --format ${values.format} DIR, --jobs 1 against --jobs ${jobs}, ${rounds} round(s) of each, alternating`);
console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (the rate ratio means something only on otherwise idle cores)\n`);
console.log(`${'visits'.padEnd(8)}${'jobs'.padEnd(6)}${pad('median s', 10)}${pad('visits/s', 10)}${pad('CPU s', 8)}${pad('peak RSS MB', 13)}${pad('output MB', 11)}  CPU s per thread (median run): main | others`);

const root = mkdtempSync(join(tmpdir(), 'tcg-batch-bench-'));
try {
  for (const size of sizes) {
    const dir = join(root, String(size));
    writeBatch(dir, size);
    const runs = { 1: [], [jobs]: [] };
    // ABBA: 1, N, N, 1, 1, N …
    const order = [];
    for (let r = 0; r < rounds; r++) order.push(...(r % 2 === 0 ? [1, jobs] : [jobs, 1]));
    for (const threads of order) runs[threads].push(await runCheck(dir, threads));
    const rates = {};
    const model = {};
    for (const threads of [1, jobs]) {
      const list = runs[threads];
      const seconds = median(list.map((r) => r.ms)) / 1000;
      rates[threads] = size / seconds;
      const peak = Math.max(...list.map((r) => r.rssKb));
      const cpu = median(list.map((r) => r.cpuMs)) / 1000;
      const middle = [...list].sort((a, b) => a.ms - b.ms)[Math.floor((list.length - 1) / 2)].perThread;
      // The shortest this run could take on idle cores: its busiest thread, or all its CPU spread
      // over every core, whichever is longer (median over the runs).
      model[threads] = median(list.map((r) => Math.max(r.perThread.main, ...r.perThread.others, (r.perThread.main + r.perThread.others.reduce((a, b) => a + b, 0)) / cores)));
      const others = middle.others.filter((s) => s >= 0.05).map((s) => s.toFixed(2)).join(' ');
      console.log(
        `${String(size).padEnd(8)}${String(threads).padEnd(6)}${pad(seconds.toFixed(2), 10)}${pad(rates[threads].toFixed(0), 10)}${pad(cpu.toFixed(1), 8)}${pad(mb(peak), 13)}${pad((list[0].bytes / 1048576).toFixed(1), 11)}  ${middle.main.toFixed(2)} | ${others}`,
      );
    }
    console.log(`${String(size).padEnd(8)}rate with --jobs ${jobs} ÷ --jobs 1: ${(rates[jobs] / rates[1]).toFixed(2)}× measured`);
    console.log(`${''.padEnd(8)}CPU-time model on ${cores} idle cores (not a measurement): ${(model[1] / model[jobs]).toFixed(2)}× (${model[1].toFixed(2)} s ÷ ${model[jobs].toFixed(2)} s)\n`);
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
console.log('Peak RSS is the whole process, main thread and worker threads together (getrusage maxrss).');
console.log('Per thread: the main thread, then every other thread of at least 0.05 s: worker threads (with --jobs N,');
console.log('N - 1 of them: the main thread checks too) and V8\'s helper threads (garbage collection, TurboFan compiles).');
console.log('With --jobs 1 the helpers already run on the second core, so on 2 cores the ratio is bounded by what');
console.log('they take: (main + workers + helpers CPU) / 2 against the --jobs 1 main thread. The CPU-time model');
console.log('is that bound worked out from the runs\' own CPU use (busiest thread, or all CPU over all cores), so it');
console.log('says what idle cores would give even when other work shares the machine; the measured ratio is the result.');
console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
