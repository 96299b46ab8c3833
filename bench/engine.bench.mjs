// Engine throughput on synthetic therapy notes of ~1 KB, 10 KB, 100 KB and 1 MB, plus the units
// calculator. Prints numbers and ratios; never asserts (timings depend on the machine).
// Run: node build.mjs && node bench/engine.bench.mjs
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';

const engineUrl = new URL('../dist/engine.mjs', import.meta.url);
if (!existsSync(engineUrl)) {
  console.error('dist/engine.mjs is missing: run "node build.mjs" first.');
  process.exit(2);
}
const { check, calculateUnits } = await import(engineUrl.href);

// Deterministic PRNG (mulberry32) so every run measures the same text.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Invented, PHI-free phrasing of the kind real notes contain: findings, minutes in several forms,
// negations, goals, comfort and maintenance wording, signatures.
const REGIONS = ['R upper trapezius', 'L levator scapulae', 'lumbar paraspinals', 'R gastrocnemius', 'cervical paraspinals', 'L rhomboids'];
const ACTIVITIES = ['driving', 'overhead reaching', 'lifting groceries', 'sleeping on the right side', 'sitting at work', 'stair climbing'];
const TEMPLATES = [
  (r, p) => `S: Patient reports pain ${p.int(3, 8)}/10 with ${p.pick(ACTIVITIES)}; denies numbness or tingling.`,
  (r, p) => `O: Palpable hypertonicity and guarding ${p.pick(REGIONS)}; cervical rotation ${p.int(30, 70)} degrees, flexion ${p.int(20, 50)} degrees.`,
  (r, p) => `Therapeutic massage -- ${p.int(8, 30)} min: effleurage and petrissage to ${p.pick(REGIONS)} to reduce spasm limiting ${p.pick(ACTIVITIES)}.`,
  (r, p) => `Therapeutic exercise ${p.int(10, 25)} min: scapular retraction 2x15, chin tucks 2x10, prone extension 2x10.`,
  (r, p) => `Neuromuscular re-education 8:${String(p.int(0, 20)).padStart(2, '0')}-8:${p.int(30, 50)} for postural control and balance.`,
  (r, p) => `Manual therapy x${p.int(8, 20)}' grade II joint mobilization thoracic spine.`,
  (r, p) => `Total timed minutes: ${p.int(30, 60)}. Total treatment time: ${p.int(40, 70)} minutes.`,
  (r, p) => `No palpable spasm noted at ${p.pick(REGIONS)} today; tenderness grade ${p.int(1, 3)}.`,
  (r, p) => `Post: pain ${p.int(1, 4)}/10, rotation improved to ${p.int(50, 80)} degrees. Tolerated well.`,
  (r, p) => `A: Progressing toward goal of ${p.pick(ACTIVITIES)} without pain. ODI ${p.int(10, 40)}%, NDI ${p.int(8, 30)}.`,
  (r, p) => `Relaxation in preparation for therapeutic exercise; patient instructed in home program, ice 15 minutes at home.`,
  (r, p) => `P: Continue per plan of care 2x/week x 4 weeks; reassess visit ${p.int(6, 12)}. Six-minute walk test next visit.`,
  (r, p) => `97124-GP x${p.int(1, 2)} (${p.int(15, 30)} min); 97110-GP x1; 97140-59-GP x1.`,
  (r, p) => `Signed: J. Smith, PT, DPT. Co-treated with PTA for gait training 10 min.`,
];

function makeNote(targetChars, seed) {
  const rand = prng(seed);
  const p = {
    int: (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(rand() * list.length)],
  };
  const lines = [];
  let length = 0;
  while (length < targetChars) {
    const line = p.pick(TEMPLATES)(rand, p);
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n').slice(0, targetChars);
}

const LINES = [
  { code: '97124', modifiers: ['GP'], units: 2, minutes: 25, dx: ['M62.838'] },
  { code: '97110', modifiers: ['GP'], units: 1, minutes: 15, dx: ['M62.838'] },
];

/** Median ms per call over several batches, after a warm-up. */
function time(fn, { minBatchMs = 150, batches = 7 } = {}) {
  const warmEnd = performance.now() + 200;
  let warm = 0;
  while (performance.now() < warmEnd || warm < 3) {
    fn();
    warm++;
  }
  const probe = process.hrtime.bigint();
  fn();
  const oneMs = Number(process.hrtime.bigint() - probe) / 1e6;
  const iterations = Math.max(1, Math.ceil(minBatchMs / Math.max(oneMs, 1e-4)));
  const perCall = [];
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    perCall.push(Number(process.hrtime.bigint() - start) / 1e6 / iterations);
  }
  perCall.sort((a, b) => a - b);
  return { ms: perCall[Math.floor(perCall.length / 2)], iterations };
}

const pad = (text, width) => String(text).padStart(width);
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`Therapy Claim Guard engine benchmark — Node ${process.version}, ${cpus().length} × ${cpu}\n`);

const SIZES = [
  ['1 KB', 1_000],
  ['10 KB', 10_000],
  ['100 KB', 100_000],
  ['1 MB', 1_000_000],
];

console.log('check() on synthetic notes (median of 7 batches)');
console.log(`${'size'.padEnd(8)}${pad('ms/check', 12)}${pad('MB/s', 10)}${pad('× prev', 9)}${pad('iterations', 12)}`);
let previous;
let typicalMs = 0;
for (const [label, chars] of SIZES) {
  const visit = { payer: 'medicare', note: makeNote(chars, chars), lines: LINES };
  const { ms, iterations } = time(() => check(visit));
  if (chars === 1_000) typicalMs = ms;
  const mbPerSecond = chars / 1e6 / (ms / 1000);
  const ratio = previous === undefined ? '' : (ms / previous).toFixed(1);
  console.log(`${label.padEnd(8)}${pad(ms.toFixed(3), 12)}${pad(mbPerSecond.toFixed(1), 10)}${pad(ratio, 9)}${pad(iterations, 12)}`);
  previous = ms;
}
console.log(`\nTypical visit (1 KB note, 2 claim lines): ${(typicalMs * 1000).toFixed(0)} µs per check`);
console.log('Linear growth shows as "× prev" ≈ 10 between consecutive sizes.\n');

const UNIT_CASES = [
  ['CMS, 4 timed codes', { method: 'cms', timed: [{ code: '97110', minutes: 18 }, { code: '97140', minutes: 13 }, { code: '97116', minutes: 10 }, { code: '97035', minutes: 8 }] }],
  ['CMS, tie + untimed', { method: 'cms', timed: [{ code: '97112', minutes: 20 }, { code: '97110', minutes: 20 }], untimed: ['97014', '97161'] }],
  ['per-code, 4 codes', { method: 'per-code', timed: [{ code: '97124', minutes: 25 }, { code: '97140', minutes: 10 }, { code: '97110', minutes: 7 }, { code: '97530', minutes: 38 }] }],
  ['CMS, 20-way tie (capped)', { method: 'cms', timed: Array.from({ length: 20 }, (_, i) => ({ code: `T${String(i).padStart(4, '0')}`, minutes: 20 })) }],
];
console.log('calculateUnits()');
console.log(`${'case'.padEnd(28)}${pad('µs/call', 10)}`);
for (const [label, input] of UNIT_CASES) {
  const { ms } = time(() => calculateUnits(input), { minBatchMs: 50 });
  console.log(`${label.padEnd(28)}${pad((ms * 1000).toFixed(2), 10)}`);
}
