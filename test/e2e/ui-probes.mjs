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
      // Inside a closed disclosure only its summary is reachable (the rest is not rendered).
      const details = el.closest('details');
      if (details && !details.open && !el.closest('summary')) return false;
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

const CONTROLS =
  'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), summary, [tabindex]:not([tabindex="-1"]), [data-row-toggle]';

/**
 * A keyboard-only walk (Playwright page): Tab through the page, and inside composite widgets the
 * keys they take instead of Tab: ←/→ in a toolbar, ↑/↓ between rule rows, ↓ into a menu and
 * through its items, Escape out. Every control present at the start is tagged first; the walk
 * returns those it never reached (should be none) and what it visited, in order.
 */
export async function keyboardWalk(page, { maxSteps = 150 } = {}) {
  const all = await page.evaluate((selector) => {
    const visible = (el) => {
      if (el.closest('[hidden], [inert]')) return false;
      // Inside a closed disclosure only its summary is reachable (the rest is not rendered).
      const details = el.closest('details');
      if (details && !details.open && !el.closest('summary')) return false;
      const rect = el.getBoundingClientRect();
      return rect.width > 0 || rect.height > 0;
    };
    return Array.from(document.querySelectorAll(selector))
      .filter(visible)
      .map((el, i) => {
        el.setAttribute('data-walk', String(i));
        return `${i}:${el.tagName.toLowerCase()}:${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}`;
      });
  }, CONTROLS);
  const probe = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const role = el.getAttribute('role') ?? '';
      return {
        key: el.getAttribute('data-walk') ?? `${role || el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 40)}`,
        inToolbar: el.closest('[role="toolbar"]') !== null,
        toolbarSize: el.closest('[role="toolbar"]')?.querySelectorAll('button').length ?? 0,
        rowToggle: el.hasAttribute('data-row-toggle'),
        rows: document.querySelectorAll('[data-row-toggle]').length,
        menuButton: el.getAttribute('aria-haspopup') === 'menu',
      };
    });
  const visited = [];
  const seen = new Set();
  const record = async () => {
    const at = await probe();
    if (at) {
      visited.push(at.key);
      seen.add(at.key);
    }
    return at;
  };
  let toolbarDone = false;
  let rowsDone = false;
  const menusDone = new Set();
  await page.evaluate(() => {
    document.activeElement?.blur?.();
    window.focus();
  });
  let first = null;
  for (let step = 0; step < maxSteps; step++) {
    await page.keyboard.press('Tab');
    const at = await record();
    if (!at) continue;
    if (first === null) first = at.key;
    else if (at.key === first) break; // wrapped around
    if (at.inToolbar && !toolbarDone) {
      toolbarDone = true;
      for (let i = 0; i < at.toolbarSize; i++) {
        await page.keyboard.press('ArrowRight');
        await record();
      }
    } else if (at.rowToggle && !rowsDone) {
      rowsDone = true;
      for (let i = 1; i < at.rows; i++) {
        await page.keyboard.press('ArrowDown');
        await record();
      }
      await page.keyboard.press('Home');
      await record();
    } else if (at.menuButton && !menusDone.has(at.key)) {
      menusDone.add(at.key);
      await page.keyboard.press('ArrowDown');
      const items = await page.evaluate(() => document.querySelectorAll('[role="menu"] [role^="menuitem"]').length);
      await record();
      for (let i = 1; i < items; i++) {
        await page.keyboard.press('ArrowDown');
        await record();
      }
      await page.keyboard.press('Escape');
      await record();
    }
  }
  const missed = all.filter((entry) => !seen.has(entry.split(':')[0]));
  return { all, visited, missed, menus: [...menusDone] };
}
