// Page accuracy: opens every page of the labelled page corpus (test/fixtures/pages/corpus) in real
// Chromium with the demo build of the extension, and reports
//   pages read right: X of N (p%)          the visit(s) the worker read equal the expected ones
//   same findings as CLI: Y of N (p%)      the findings it shows equal `check` on the expected visits
// overall, per batch (batch 2 was written after the reader was finished: the honest figure) and
// per family, with the reason for every page that failed.
//
//   node scripts/page-accuracy.mjs [--batch N|openemr] [--family <name>] [--format text|json] [--no-build] [--verbose]
//                                  [--dump <dir>] [--from <dir>]
//
// --dump <dir> keeps what the worker stored for each page (its frames' page descriptions) as JSON;
// --from <dir> judges those stored descriptions again without a browser, with the classifier and
// merge of src/ as they are now (a classifier change measured in seconds; a describer change needs
// a browser run). Offline, "same findings" checks the read visits with the built engine the way the
// worker does (dist/engine.mjs, default settings), not the popup's stored result.
//
// Without --batch: every batch in CORPUS_BATCHES (scripts/page-corpus.mjs) and the demo's OpenEMR pages, each reported apart.
//
// Run it under the machine's browser lock (flock /tmp/tcg-e2e.lock …): policy tests of other
// worktrees write machine-wide browser policy that would reach this browser.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoExtension, launchChromium } from '../test/e2e/harness.mjs';
import { CORPUS_BATCHES, corpusPages, corpusServers, judgePage, judgeOffline, pageName, REPO, setName, settledRecord } from './page-corpus.mjs';

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const format = option('--format') ?? 'text';
const batchOption = option('--batch');
const batches = batchOption ? [/^\d+$/.test(batchOption) ? Number(batchOption) : batchOption] : CORPUS_BATCHES;
const families = option('--family') ? [option('--family')] : null;
const verbose = argv.includes('--verbose');
const dumpDir = option('--dump');
const fromDir = option('--from');
const recordFile = (dir, page) => join(dir, `${pageName(page).replace(/\//g, '__')}.json`);

/** Judge stored page descriptions again with the classifier as it is now (no browser). */
async function measureOffline() {
  const pages = corpusPages({ batches, families });
  const results = [];
  for (const page of pages) {
    const file = recordFile(fromDir, page);
    if (!existsSync(file)) {
      results.push({ ...page, readRight: false, problems: ['not in the dump'], sameFindings: false, cli: [], shown: [] });
      continue;
    }
    results.push({ ...page, ...(await judgeOffline(page, JSON.parse(readFileSync(file, 'utf8')))) });
  }
  return results;
}

async function measure() {
  const pages = corpusPages({ batches, families });
  if (pages.length === 0) throw new Error('no corpus pages: run node test/fixtures/pages/corpus/generate.mjs');
  if (!argv.includes('--no-build')) {
    const built = spawnSync(process.execPath, ['build.mjs', '--quiet'], { cwd: REPO, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`node build.mjs failed:\n${built.stdout}${built.stderr}`);
  }
  const build = buildDemoExtension();
  const servers = await corpusServers();
  const ext = await launchChromium({ extensionDir: build.chrome });
  const results = [];
  try {
    for (const page of pages) {
      const tab = await ext.context.newPage();
      let result;
      try {
        await tab.goto(servers.urlOf(page), { waitUntil: 'load' });
        const tabId = await ext.tabIdOf(tab);
        const record = await settledRecord(() => ext.evalWorker((key) => chrome.storage.session.get(key).then((all) => all[key] ?? null), `tab:${tabId}`), page.expected.settleMs ?? 0);
        result = { ...page, ...(await judgePage(page, record)) };
        if (dumpDir) {
          mkdirSync(dumpDir, { recursive: true });
          writeFileSync(recordFile(dumpDir, page), JSON.stringify({ frames: (record?.frames ?? []).map((f) => ({ frameId: f.frameId, snapshot: f.snapshot })) }));
        }
      } catch (error) {
        result = { ...page, readRight: false, problems: [`error: ${error instanceof Error ? error.message : String(error)}`], sameFindings: false, cli: [], shown: [] };
      } finally {
        await tab.close().catch(() => undefined);
      }
      results.push(result);
      if (format === 'text' && verbose) console.error(`${result.readRight ? 'ok  ' : 'MISS'} ${result.sameFindings ? 'same' : 'DIFF'} ${pageName(page)}`);
    }
  } finally {
    await ext.close();
    await servers.close();
    if (!build.reused) rmSync(build.outdir, { recursive: true, force: true });
  }
  return results;
}

function share(n, total) {
  return total === 0 ? 'n/a' : `${((100 * n) / total).toFixed(1)}%`;
}

function summary(results) {
  const count = (list) => ({ pages: list.length, readRight: list.filter((r) => r.readRight).length, sameFindings: list.filter((r) => r.sameFindings).length });
  const byBatch = Object.fromEntries([...new Set(results.map((r) => r.batch))].map((b) => [setName(b), count(results.filter((r) => r.batch === b))]));
  const byFamily = Object.fromEntries([...new Set(results.map((r) => `${setName(r.batch)}/${r.family}`))].map((f) => [f, count(results.filter((r) => `${setName(r.batch)}/${r.family}` === f))]));
  return { ...count(results), byBatch, byFamily };
}

const results = fromDir ? await measureOffline() : await measure();
const totals = summary(results);
if (format === 'json') {
  const failures = results
    .filter((r) => !r.readRight || !r.sameFindings)
    .map((r) => ({ page: pageName(r), problems: r.problems, ...(r.sameFindings ? {} : { cliOnly: r.cli.filter((f) => !r.shown.includes(f)), extensionOnly: r.shown.filter((f) => !r.cli.includes(f)) }) }));
  console.log(JSON.stringify({ browser: 'chromium', ...totals, failures }, null, 2));
} else {
  console.log(`pages read right: ${totals.readRight} of ${totals.pages} (${share(totals.readRight, totals.pages)})`);
  console.log(`same findings as CLI: ${totals.sameFindings} of ${totals.pages} (${share(totals.sameFindings, totals.pages)})`);
  for (const [name, c] of Object.entries(totals.byBatch)) console.log(`  ${name}: read right ${c.readRight} of ${c.pages} (${share(c.readRight, c.pages)}), same findings ${c.sameFindings} of ${c.pages} (${share(c.sameFindings, c.pages)})`);
  for (const [name, c] of Object.entries(totals.byFamily)) console.log(`    ${name.padEnd(36)} read right ${String(c.readRight).padStart(3)}/${c.pages}   same findings ${String(c.sameFindings).padStart(3)}/${c.pages}`);
  const failed = results.filter((r) => !r.readRight || !r.sameFindings);
  if (failed.length > 0) console.log('\npages that failed:');
  for (const r of failed) {
    console.log(`  ${pageName(r)}`);
    for (const p of r.problems) console.log(`    - ${p}`);
    if (!r.sameFindings) {
      for (const f of r.cli.filter((x) => !r.shown.includes(x))) console.log(`    - CLI only: ${f}`);
      for (const f of r.shown.filter((x) => !r.cli.includes(x))) console.log(`    - extension only: ${f}`);
    }
  }
}
