// Page-shape accuracy: generated pages (test/fixtures/pages/shapes/shapes.mjs) read end to end by
// the reader of src/ (content-script description → worker classifier → frame merge) in jsdom, and
// judged like the page corpus (scripts/page-corpus.mjs): read right, and the same findings as the
// command line. Reports the share over all pages and, per dimension value, how many pages with it
// failed, so a weak dimension shows up as a value with a high failure share.
//
//   node scripts/page-shapes.mjs [--count 300] [--from 1] [--seed N] [--verbose] [--format text|json] [--dump <dir>]
//
// --seed N prints one page's dimensions, problems and HTML path (written to --dump or /tmp).
// Needs dist/engine.mjs (node build.mjs) for the findings comparison. No browser: jsdom has no
// layout, so the browser-only paths (checkVisibility, boxes) are the fallbacks here; the page corpus
// (scripts/page-accuracy.mjs) measures real browsers.
import * as esbuild from 'esbuild';
import { JSDOM } from 'jsdom';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIMENSIONS, shapePage } from '../test/fixtures/pages/shapes/shapes.mjs';
import { cliFindings, REPO } from './page-corpus.mjs';
import { fingerprint, pageDifferences } from './page-judge.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};

let bundle;
/** describePage/readFrame, classifier and merge bundled from src/ in memory. */
export async function shapeReader() {
  if (bundle) return bundle;
  const entry = `
    export { readFrame, ElementIds } from ${JSON.stringify(join(REPO, 'src/adapters/index.ts'))};
    export { classifyFrame } from ${JSON.stringify(join(REPO, 'src/adapters/classify/index.ts'))};
    export { settleTitles } from ${JSON.stringify(join(REPO, 'src/adapters/page/titles.ts'))};
    export { mergeReadings } from ${JSON.stringify(join(REPO, 'src/background/frames.ts'))};
  `;
  const result = await esbuild.build({ stdin: { contents: entry, resolveDir: REPO, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent' });
  bundle = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
  return bundle;
}

/** The visits the reader takes from one generated page. */
export async function readShape(html) {
  const { readFrame, ElementIds, classifyFrame, settleTitles, mergeReadings } = await shapeReader();
  const dom = new JSDOM(html, { url: 'https://ehr.example.test/encounter/1' });
  try {
    const frame = readFrame(dom.window.document, { href: 'https://ehr.example.test/encounter/1' }, [], new ElementIds(), { top: true });
    const reading = classifyFrame(settleTitles(frame.snapshot.page));
    const merged = mergeReadings([{ frameId: 0, reading, stale: false, top: true }]);
    return { visits: merged ? merged.visits.map((v) => v.visit) : [], page: frame.snapshot.page, reading };
  } finally {
    dom.window.close();
  }
}

let engine;
/** Judge one generated page: read right, and the same findings as `check` on the expected visit. */
export async function judgeShape(shape) {
  const { visits } = await readShape(shape.html);
  const problems = pageDifferences(visits, { visits: shape.visits, notNote: shape.notNote });
  engine ??= await import(join(REPO, 'dist/engine.mjs'));
  const cli = await cliFindings({ visits: shape.visits });
  const shown = visits.flatMap((v) => engine.check(v, { readLinesFromNote: false }).findings.map((f) => fingerprint(f, v.lines))).sort();
  return { readRight: problems.length === 0, sameFindings: JSON.stringify(cli) === JSON.stringify(shown), problems };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const format = option('--format', 'text');
  const dumpDir = option('--dump');
  const one = option('--seed');
  if (one !== undefined) {
    const shape = shapePage(Number(one));
    const verdict = await judgeShape(shape);
    const dir = dumpDir ?? '/tmp';
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `shape-${one}.html`);
    writeFileSync(file, shape.html);
    const { visits } = await readShape(shape.html);
    console.log(JSON.stringify({ seed: shape.seed, visit: shape.visit, dims: shape.dims, ...verdict, file, read: visits, expected: shape.visits }, null, 2));
    process.exit(0);
  }
  const count = Number(option('--count', 300));
  const from = Number(option('--from', 1));
  const results = [];
  for (let seed = from; seed < from + count; seed++) {
    const shape = shapePage(seed);
    let verdict;
    try {
      verdict = await judgeShape(shape);
    } catch (error) {
      verdict = { readRight: false, sameFindings: false, problems: [`error: ${error instanceof Error ? error.message : String(error)}`] };
    }
    results.push({ seed, dims: shape.dims, ...verdict });
    if (dumpDir) {
      mkdirSync(dumpDir, { recursive: true });
      writeFileSync(join(dumpDir, `shape-${seed}.html`), shape.html);
    }
    if (argv.includes('--verbose') && !verdict.readRight) console.error(`MISS ${seed} ${verdict.problems.join(' / ')}`);
  }
  const readRight = results.filter((r) => r.readRight).length;
  const same = results.filter((r) => r.sameFindings).length;
  const pct = (n, d) => `${((100 * n) / d).toFixed(1)}%`;
  // Per dimension value: pages with it, and how many of them were not read right.
  const byValue = [];
  for (const [dim, values] of Object.entries(DIMENSIONS)) {
    for (const value of values) {
      const with_ = results.filter((r) => r.dims[dim] === value);
      const missed = with_.filter((r) => !r.readRight).length;
      byValue.push({ dim, value, pages: with_.length, missed, share: with_.length ? missed / with_.length : 0 });
    }
  }
  // Problem kinds (the words before the first ':' of each problem).
  const kinds = new Map();
  for (const r of results) for (const p of r.problems) {
    const kind = p.replace(/^visit \d+: /, '').replace(/:.*$/, '').replace(/"[^"]*"/g, '…');
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  if (format === 'json') {
    console.log(JSON.stringify({ pages: results.length, readRight, sameFindings: same, byValue, kinds: Object.fromEntries(kinds), failures: results.filter((r) => !r.readRight).map((r) => ({ seed: r.seed, problems: r.problems })) }, null, 2));
  } else {
    console.log(`generated pages read right: ${readRight} of ${results.length} (${pct(readRight, results.length)})`);
    console.log(`same findings as CLI:       ${same} of ${results.length} (${pct(same, results.length)})`);
    console.log('\nproblem kinds:');
    for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${k}`);
    console.log('\nweakest dimension values (share of their pages not read right):');
    for (const b of byValue.filter((x) => x.pages > 0).sort((a, b) => b.share - a.share).slice(0, 25)) console.log(`  ${pct(b.missed, b.pages).padStart(6)}  ${b.dim}=${b.value} (${b.missed}/${b.pages})`);
  }
}
