// Measures the popup and options page the way issue 11 states its targets, in real Chromium:
// list height, row/card heights, findings identifiable without scrolling at 420×600, Tab stops,
// axe-core violations (light and dark), bundle sizes. Run: node scripts/ui-metrics.mjs
// (it builds the demo flavour into a temp dir). Prints JSON; never asserts (the e2e does).
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoExtension, DEMO_PAGES, launchChromium, startDemoServer, waitFor } from '../test/e2e/harness.mjs';
import { axeViolations, countTabStops, visibleFindings } from '../test/e2e/ui-probes.mjs';

const build = buildDemoExtension();
const server = await startDemoServer();
const ext = await launchChromium({ extensionDir: build.chrome });
const out = { bundles: {}, pages: {} };
try {
  for (const file of ['popup.js', 'options.js', 'sidepanel.js']) {
    try {
      out.bundles[file] = statSync(join(build.chrome, file)).size;
    } catch {
      // not built in this version
    }
  }
  for (const [name, path] of Object.entries({ encounter: DEMO_PAGES.encounter, spa: DEMO_PAGES.spa, claims: DEMO_PAGES.claims })) {
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}${path}`);
    await page.waitForLoadState('load');
    const { popup, tabId } = await ext.openPopup(page, { width: 420, height: 600 });
    await ext.waitForBadge(tabId);
    await popup.reload();
    await waitFor(() => popup.evaluate(() => document.querySelector('#findings-heading') !== null), { what: 'findings' });
    await popup.waitForTimeout(300);
    const metrics = await visibleFindings(popup);
    metrics.tabStops = await countTabStops(popup);
    metrics.axe = {};
    for (const scheme of ['light', 'dark']) {
      await popup.emulateMedia({ colorScheme: scheme });
      metrics.axe[scheme] = await axeViolations(popup);
    }
    out.pages[name] = metrics;
    await popup.close();
    await page.close();
  }
  const options = await ext.context.newPage();
  await options.setViewportSize({ width: 900, height: 900 });
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await options.waitForTimeout(800);
  out.options = { tabStops: await countTabStops(options), axe: {} };
  for (const scheme of ['light', 'dark']) {
    await options.emulateMedia({ colorScheme: scheme });
    out.options.axe[scheme] = await axeViolations(options);
  }
} finally {
  await ext.close();
  await server.close();
  if (!build.reused) rmSync(build.outdir, { recursive: true, force: true });
}
console.log(JSON.stringify(out, null, 2));
