// The labelled page corpus in real Chromium (test/fixtures/pages/corpus): for every page, the
// visit(s) the worker reads equal the expected ones, and the findings it stores (what the popup
// shows) equal the command line's on the expected visits. Pages the reader does not read right
// today are listed in known-misses.json and skipped; `node scripts/page-accuracy.mjs` prints the
// figures (batch by batch, the blind batches' first scores are in the corpus README).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_BATCHES, CORPUS_ROOT, corpusPages, corpusServers, judgePage, pageName, settledRecord, type CorpusPage, type PageJudgement } from '../../scripts/page-corpus.mjs';
import { buildDemoExtension, CHROMIUM_PATH, launchChromium, requireBrowser, type ChromiumExtension } from './harness.mjs';

let build: ReturnType<typeof buildDemoExtension> | undefined;
let servers: Awaited<ReturnType<typeof corpusServers>>;
let ext: ChromiumExtension;

beforeAll(async () => {
  requireBrowser(CHROMIUM_PATH, 'chromium');
  build = buildDemoExtension();
  servers = await corpusServers();
  ext = await launchChromium({ extensionDir: build.chrome });
}, 180_000);

afterAll(async () => {
  await ext?.close();
  await servers?.close();
  if (build && !build.reused) rmSync(build.outdir, { recursive: true, force: true });
});

async function judge(page: CorpusPage): Promise<PageJudgement> {
  const tab = await ext.context.newPage();
  try {
    await tab.goto(servers.urlOf(page), { waitUntil: 'load' });
    const tabId = await ext.tabIdOf(tab);
    const record = await settledRecord(
      () => ext.evalWorker((key: string) => chrome.storage.session.get(key).then((all) => all[key] ?? null), `tab:${tabId}`),
      page.expected.settleMs ?? 0,
    );
    return await judgePage(page, record);
  } finally {
    await tab.close().catch(() => undefined);
  }
}

function failures(results: [CorpusPage, PageJudgement][]): string[] {
  return results
    .filter(([, r]) => !r.readRight || !r.sameFindings)
    .map(([page, r]) => `${pageName(page)}: ${[...r.problems, ...(r.sameFindings ? [] : [`findings differ (CLI only: ${r.cli.filter((f) => !r.shown.includes(f)).join('; ')}; extension only: ${r.shown.filter((f) => !r.cli.includes(f)).join('; ')})`])].join(' / ')}`);
}

const KNOWN_MISSES = (JSON.parse(readFileSync(join(CORPUS_ROOT, 'known-misses.json'), 'utf8')) as { pages: Record<string, string> }).pages;

describe('Chromium: every corpus page (batches 1–7, the demo\'s OpenEMR pages) is read right, with the CLI\'s findings', () => {
  for (const page of corpusPages({ batches: CORPUS_BATCHES })) {
    const name = pageName(page);
    // A page on the known-misses list is not read right today (scripts/page-accuracy.mjs reports it);
    // every other page must pass, so a page can leave the list but never join it.
    it.skipIf(name in KNOWN_MISSES)(name, async () => {
      const result = await judge(page);
      expect(failures([[page, result]])).toEqual([]);
    }, 60_000);
  }
});
