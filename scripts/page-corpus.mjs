// The labelled page corpus as the accuracy report and the end-to-end tests use it: the pages and
// their expected visits (test/fixtures/pages/corpus/README.md), the worker's own merge code to turn
// a tab's stored frames into visits (bundled in memory from src/, so what is measured is what the
// worker does), and the two comparisons: "read right" and "same findings as the command line".
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../', import.meta.url));
export const CORPUS_ROOT = join(REPO, 'test/fixtures/pages/corpus');

/** The name of a page set: "batch1", "batch2", or "openemr" (the demo's OpenEMR pages). */
export const setName = (batch) => (typeof batch === 'number' ? `batch${batch}` : batch);

/**
 * Every page of the given sets: { batch, family, visit, dir, path (URL path on its server), server
 * ("corpus" or "demo"), expected }. Sets: 1 to 6 (the corpus batches), "openemr" (the demo's OpenEMR
 * pages, expected visits in corpus/openemr/<page>/expected.json, served from demo/).
 */
/** The batches every corpus measure and the e2e corpus tests cover by default (the demo's OpenEMR pages too). */
export const CORPUS_BATCHES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 'openemr'];

export function corpusPages({ batches = CORPUS_BATCHES.filter((b) => b !== 'openemr'), families = null } = {}) {
  const pages = [];
  for (const batch of batches) {
    if (batch === 'openemr') {
      const root = join(CORPUS_ROOT, 'openemr');
      if (!existsSync(root) || (families && !families.includes('openemr'))) continue;
      for (const name of readdirSync(root).sort()) {
        const dir = join(root, name);
        const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
        pages.push({ batch, family: 'openemr', visit: name, dir, path: expected.entry, server: 'demo', expected });
      }
      continue;
    }
    const root = join(CORPUS_ROOT, `batch${batch}`);
    if (!existsSync(root)) continue;
    for (const family of readdirSync(root).sort()) {
      if (families && !families.includes(family)) continue;
      for (const visit of readdirSync(join(root, family)).sort()) {
        const dir = join(root, family, visit);
        const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
        pages.push({ batch, family, visit, dir, path: `/batch${batch}/${family}/${visit}/${expected.entry}`, server: 'corpus', expected });
      }
    }
  }
  return pages;
}

let readerModule;

/** The worker's classifier and frame merge, bundled from src/ in memory. */
export async function reader() {
  if (readerModule) return readerModule;
  const entry = `
    export { classifyFrame } from ${JSON.stringify(join(REPO, 'src/adapters/classify/index.ts'))};
    export { mergeReadings } from ${JSON.stringify(join(REPO, 'src/background/frames.ts'))};
  `;
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: REPO, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  readerModule = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
  return readerModule;
}

/** The visits the worker reads from a stored tab record (storage.session "tab:<id>"). */
export async function visitsOfRecord(record) {
  const { classifyFrame, mergeReadings } = await reader();
  const frames = (record?.frames ?? [])
    .filter((f) => f.snapshot)
    .map((f) => ({ frameId: f.frameId, reading: classifyFrame(f.snapshot.page), stale: f.snapshot.stale === true, top: f.snapshot.page.frame.top }));
  const merged = mergeReadings(frames);
  return merged ? merged.visits.map((v) => v.visit) : [];
}

export { fingerprint, pageDifferences, visitDifferences } from './page-judge.mjs';
import { fingerprint, pageDifferences } from './page-judge.mjs';

// ---- same findings as the command line --------------------------------------------------------------

let engineModule;

/** What `therapy-claim-guard check` finds on the expected visits (dist/engine.mjs, built). */
export async function cliFindings(expected) {
  engineModule ??= await import(join(REPO, 'dist/engine.mjs'));
  const out = [];
  for (const visit of expected.visits) {
    const result = engineModule.check(visit, {});
    for (const f of result.findings) out.push(fingerprint(f, visit.lines));
  }
  return out.sort();
}

/** Cross-visit findings (visit history) depend on the pages the same browser opened before: not one page's reading. */
const CROSS_VISIT_RULES = new Set(['cloned-note', 'templated-note', 'massage-trend']);

/** What the extension shows for the tab (the stored result), with the visits it read. */
export function extensionFindings(record, readVisits) {
  const lines = readVisits.flatMap((v) => v.lines);
  return (record?.result?.result?.findings ?? []).filter((f) => !CROSS_VISIT_RULES.has(f.ruleId)).map((f) => fingerprint(f, lines)).sort();
}

// ---- running pages in a browser ---------------------------------------------------------------------

/**
 * The servers the corpus needs: the corpus root twice (split-origin pages load frames from a second
 * origin, passed as ?peer=) and demo/ (the OpenEMR pages). `urlOf(page)` is where to open a page.
 */
export async function corpusServers() {
  const { startDemoServer } = await import('./demo-server.mjs');
  const main = await startDemoServer({ root: CORPUS_ROOT });
  const peer = await startDemoServer({ root: CORPUS_ROOT });
  const demo = await startDemoServer({ root: join(REPO, 'demo') });
  return {
    urlOf(page) {
      const origin = page.server === 'demo' ? demo.origin : main.origin;
      return `${origin}${page.path}${page.path.includes('?') ? '&' : '?'}peer=${encodeURIComponent(peer.origin)}`;
    },
    async close() {
      await Promise.all([main.close(), peer.close(), demo.close()]);
    },
  };
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Wait until the worker's record of a tab stops changing (frames reported, analysis done) and
 * return it. `readRecord()` reads storage.session "tab:<id>"; the page's own settle time first.
 */
export async function settledRecord(readRecord, settleMs = 0, timeout = 12_000) {
  await pause(settleMs);
  const deadline = Date.now() + timeout;
  let last = '';
  let stableSince = Date.now();
  let record = null;
  while (Date.now() < deadline) {
    record = await readRecord();
    const key = JSON.stringify([record?.frames?.map((f) => [f.frameId, f.at]), record?.analyzedAt, record?.result?.keys]);
    if (key !== last) {
      last = key;
      stableSince = Date.now();
    } else if (record?.analyzedAt && Date.now() - stableSince >= 900) {
      return record;
    }
    await pause(150);
  }
  return record;
}

/** Judge one page from the worker's record of its tab: read right, and the same findings as the CLI. */
export async function judgePage(page, record) {
  const visits = await visitsOfRecord(record);
  const problems = pageDifferences(visits, page.expected);
  const cli = await cliFindings(page.expected);
  const shown = extensionFindings(record, visits);
  return { readRight: problems.length === 0, problems, sameFindings: JSON.stringify(cli) === JSON.stringify(shown), cli, shown };
}

/**
 * Judge stored frames (a --dump of the accuracy run) again, without a browser: the visits the
 * classifier and merge of src/ read now, and the findings the built engine gives on them with the
 * worker's options (default settings), compared with the command line's.
 */
export async function judgeOffline(page, record) {
  const visits = await visitsOfRecord(record);
  const problems = pageDifferences(visits, page.expected);
  const cli = await cliFindings(page.expected);
  engineModule ??= await import(join(REPO, 'dist/engine.mjs'));
  // Line indexes run over all visits' lines, as the worker's combined result numbers them.
  const shown = visits.flatMap((v) => engineModule.check(v, { readLinesFromNote: false }).findings.map((f) => fingerprint(f, v.lines))).sort();
  return { readRight: problems.length === 0, problems, sameFindings: JSON.stringify(cli) === JSON.stringify(shown), cli, shown };
}

/** "batch1/grid-cards/v03" */
export const pageName = (page) => `${setName(page.batch)}/${page.family}/${page.visit}`;
