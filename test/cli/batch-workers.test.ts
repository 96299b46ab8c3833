// Batch `check` on worker threads, as users run it: the built dist/cli.mjs over a realistic batch
// (bench/batch-corpus.mjs). Worker threads must give byte for byte what one thread gives, in every
// format, bad files included; and a large batch must stay within its memory bound. Nothing here
// measures time (the benchmark does: npm run bench).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBatch } from '../../bench/batch-corpus.mjs';

const root = resolve(import.meta.dirname, '../..');
let dir = '';
let cliPath = '';

// Reports the whole process's peak RSS in kB (worker threads included) on exit.
const PEAK_RSS = `data:text/javascript,${encodeURIComponent("process.on('exit', () => process.stderr.write('\\n@@maxrss ' + process.resourceUsage().maxRSS + '\\n'));")}`;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The bundle, run asynchronously (a large batch would block the test runner's thread if run sync). */
function cli(args: string[], nodeArgs: string[] = [], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, cliPath, ...args], { cwd: dir, env: { ...process.env, CI: 'true', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tcg-workers-'));
  const build = "const { buildNodeTargets } = await import('./build.mjs'); await buildNodeTargets(process.argv[1]);";
  execFileSync(process.execPath, ['--input-type=module', '-e', build, join(dir, 'dist')], { cwd: root, stdio: 'pipe' });
  cliPath = join(dir, 'dist', 'cli.mjs');
  // 300 visits as single files, one file holding an array of 40, and the inputs that go wrong.
  writeBatch(join(dir, 'batch'), 300, { seed: 7 });
  const array = Array.from({ length: 40 }, (_, i) => ({ note: `Therapeutic massage ${10 + i} min to R upper trapezius for relaxation.`, lines: [{ code: '97124', units: 1 + (i % 3) }] }));
  writeFileSync(join(dir, 'batch', 'array.json'), JSON.stringify(array, null, 2));
  writeFileSync(join(dir, 'batch', 'broken.json'), '{"note": "x", "lines": [');
  writeFileSync(join(dir, 'batch', 'empty.txt'), '');
  writeFileSync(join(dir, 'batch', 'legacy.txt'), Buffer.from([0x93, 0x6d, 0x61, 0x73, 0x73, 0x61, 0x67, 0x65, 0x94, 0x20, 0x31, 0x35, 0x20, 0x6d, 0x69, 0x6e]));
  writeFileSync(join(dir, 'batch', 'wide.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify([array[0], { note: 'x', lines: 5 }]), 'utf16le')]));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('worker threads give what one thread gives', () => {
  it('across visits too: the same cross-visit results, in the same order', async () => {
    writeBatch(join(dir, 'patients'), 200, { seed: 3, patients: 20 });
    const one = await cli(['check', '--jobs', '1', '--format', 'ndjson', 'patients']);
    const two = await cli(['check', '--jobs', '2', '--format', 'ndjson', 'patients']);
    expect(two.stdout).toBe(one.stdout);
    expect(two.code).toBe(one.code);
    expect(one.stdout.match(/"crossVisit":true/g)?.length ?? 0).toBeGreaterThan(20);
  });

  it.each(['ndjson', 'json', 'csv', 'sarif', 'text'])('--format %s, byte for byte, bad inputs and exit code included', async (format) => {
    const one = await cli(['check', '--jobs', '1', '--format', format, 'batch']);
    const two = await cli(['check', '--jobs', '2', '--format', format, 'batch']);
    expect(one.code).toBe(2);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout).toBe(one.stdout);
    expect(two.code).toBe(one.code);
    expect(one.stderr).toContain('error: batch/broken.json: invalid JSON at line 1, column 25: unexpected end of input');
    expect(one.stderr).toContain('error: batch/empty.txt: is empty; expected the text of a note');
    expect(one.stderr).toContain('error: batch/wide.json#1: lines: ');
    expect(one.stderr).toContain('warning: batch/legacy.txt: not valid UTF-8; read as Windows-1252');
  });

  it('--format html, apart from the time it was made', async () => {
    const stamp = (html: string): string => html.replace(/Checked \d{4}-\d\d-\d\d \d\d:\d\d UTC/, 'Checked (time)');
    const one = await cli(['check', '--jobs', '1', '--format', 'html', 'batch']);
    const two = await cli(['check', '--jobs', '3', '--format', 'html', 'batch']);
    expect(stamp(two.stdout)).toBe(stamp(one.stdout));
    expect(one.stdout).toContain('<h2>Inputs not checked (3)</h2>');
  });

  it('keeps input order: every visit once, files in name order, array entries in theirs', async () => {
    const { stdout } = await cli(['check', '--jobs', '2', '--format', 'ndjson', 'batch']);
    const sources = stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { source: string }).source);
    expect(sources).toHaveLength(300 + 40 + 1 + 1 + 1 + 2); // visits, array entries, broken, empty, legacy, wide#0 and #1
    expect(sources.filter((s) => s.startsWith('batch/array.json#'))).toEqual(Array.from({ length: 40 }, (_, i) => `batch/array.json#${i}`));
    expect(sources.indexOf('batch/array.json#0')).toBe(0); // "array.json" sorts before "broken.json" and "clinic-1"
    expect(new Set(sources).size).toBe(sources.length);
  });
});

describe('a worker that runs out of memory', () => {
  it('has its visits checked on the main thread instead, with the same results', async () => {
    const line = 'Therapeutic massage 15 min to R upper trapezius for relaxation; pain 6/10 limits driving. ';
    writeFileSync(join(dir, 'oom-big.txt'), line.repeat(20_000)); // 1.8 MB: far more than a 16 MB heap allows
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, `oom-${String(i).padStart(2, '0')}.txt`), `${line} visit ${i}`);
    const inputs = join(dir, 'oom-*.txt');
    const one = await cli(['check', '--jobs', '1', '--format', 'ndjson', inputs]);
    // --jobs 3: two worker threads besides the main thread, so the task holding the big file goes to a worker.
    const two = await cli(['check', '--jobs', '3', '--format', 'ndjson', inputs], [], { THERAPY_CLAIM_GUARD_WORKER_HEAP_MB: '16' });
    expect(two.stderr).toContain('warning: a worker thread ran out of memory; ');
    expect(two.stderr).toContain(' checked on the main thread instead');
    expect(two.stdout).toBe(one.stdout);
    expect(two.code).toBe(one.code);
  });
});

describe('scale', () => {
  /** Peak RSS (MB, worker threads included) of `check --format ndjson` over `count` visits, after checking it wrote them all. */
  async function peakMb(count: number): Promise<number> {
    const folder = join(dir, `scale-${count}`);
    writeBatch(folder, count, { seed: 11 });
    const { code, stdout, stderr } = await cli(['check', '--format', 'ndjson', folder], ['--import', PEAK_RSS]);
    expect(code).toBe(1);
    let lines = 0;
    for (let i = stdout.indexOf('\n'); i !== -1; i = stdout.indexOf('\n', i + 1)) lines++;
    expect(lines).toBe(count);
    rmSync(folder, { recursive: true, force: true });
    return Number(/@@maxrss (\d+)/.exec(stderr)?.[1]) / 1024;
  }

  it(
    'streams 10,000 visits through worker threads in memory that does not grow with the batch',
    async () => {
      // Holding every result until the end took 150 MB for 1,000 visits and 440 MB for 10,000.
      // Streaming, 10,000 take about 30 MB more than 1,000 (the heaps settling), whatever the count
      // beyond. The 200 MB target for 10,000 is measured by npm run bench; here the bound has a margin
      // for a busy machine.
      const small = await peakMb(1_000);
      const large = await peakMb(10_000);
      expect(small).toBeGreaterThan(0);
      expect(large - small).toBeLessThan(64);
      expect(large).toBeLessThan(256);
    },
    10 * 60_000,
  );
});
