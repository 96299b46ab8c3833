// Probes of the extension's pages used by the UI end-to-end test and scripts/ui-metrics.mjs:
// axe-core (from node_modules, injected as a script), Tab stops, what fits in the viewport.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page as it is now: [{ id, impact, nodes }]. */
export async function axeViolations(page) {
  // Injected through the DevTools protocol (page.evaluate), not a <script src>: extension pages'
  // CSP allows only their own scripts, and the test must not loosen it.
  const loaded = await page.evaluate(() => typeof globalThis.axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const r = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result;
}

/** Elements the Tab key stops on, in the document as it is now (visible, enabled, tabindex ≥ 0). */
export function countTabStops(page) {
  return page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]';
    return Array.from(document.querySelectorAll(selector)).filter((el) => {
      if (el.matches(':disabled')) return false;
      const tabindex = el.getAttribute('tabindex');
      if (tabindex !== null && Number(tabindex) < 0) return false;
      if (el.closest('[hidden], [inert]')) return false;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      const rect = el.getBoundingClientRect();
      return rect.width > 0 || rect.height > 0;
    }).length;
  });
}

/**
 * Heights of the findings list and its items, and how many items are identifiable (severity,
 * title and first line fully inside the viewport) without scrolling.
 */
export function visibleFindings(page) {
  return page.evaluate(() => {
    const items = Array.from(document.querySelectorAll('article.finding, [data-finding-row]'));
    const list = document.querySelector('.findings');
    const viewport = window.innerHeight;
    const heights = items.map((el) => Math.round(el.getBoundingClientRect().height));
    const identifiable = items.filter((el) => {
      const title = el.querySelector('.finding__title, .row__title') ?? el;
      const rect = title.getBoundingClientRect();
      return rect.top >= 0 && rect.bottom <= viewport && el.getBoundingClientRect().top >= 0;
    }).length;
    return {
      viewport: `${window.innerWidth}x${viewport}`,
      items: items.length,
      listHeight: Math.round(list?.getBoundingClientRect().height ?? 0),
      itemHeights: heights.length ? { min: Math.min(...heights), max: Math.max(...heights) } : null,
      identifiableWithoutScrolling: identifiable,
      documentHeight: document.documentElement.scrollHeight,
    };
  });
}
