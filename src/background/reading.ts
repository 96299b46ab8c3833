// The popup's "Read from" panel, worker side: the view of what was read (src/shared/reading.ts),
// and reading corrections saved as the site's selector configuration in storage.sync, the very
// format an administrator puts in the policy (src/adapters/selector.ts). Corrections hold CSS
// selectors built from tag, id, class and name words only (src/content/selector-path.ts): no PHI.
import { validateSelectorConfig, type SelectorAdapterConfig } from '../adapters/selector';
import { compileMatchPattern, matchingConfigs } from '../adapters/selector-adapter';
import { READING_LIMITS as R, PAGE_CAPS } from '../shared/limits';
import { FACT_NAMES, type ReadingView, type VisitView } from '../shared/reading';
import type { BackgroundToContentMessage } from '../shared/messages';
import type { Platform, StorageAreaLike } from '../platform/types';
import { fail, type UiReply } from './api';
import { readRecord } from './analyze';
import type { MergedReading } from './frames';
import { LIMITS, isSettingLocked, type ResolvedSettings } from '../settings';
import type { TabRecord } from './state';

const SELECTOR_ADAPTERS_KEY = 'selectorAdapters';

function where(frameId: number, record: TabRecord): string {
  if (frameId === 0) return 'the page';
  const index = record.frames.findIndex((f) => f.frameId === frameId);
  return `frame ${index >= 0 ? index : frameId}`;
}

function preview(text: string, max: number): string {
  const squashed = text.replace(/\s+/g, ' ').trim();
  return squashed.length > max ? `${squashed.slice(0, max - 1)}…` : squashed;
}

/** Reading corrections are per site: the match pattern of an origin ("https://ehr.example.org/*"). */
export function sitePattern(origin: string): string | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    const pattern = `${url.protocol}//${url.host}/*`;
    return compileMatchPattern(pattern) ? pattern : null;
  } catch {
    return null;
  }
}

function siteName(pattern: string): string {
  return `site ${pattern.replace(/^https?:\/\//, '').replace(/\/\*$/, '').replace(/[^A-Za-z0-9._-]+/g, '-')}`.slice(0, 80);
}

export function buildReadingView(record: TabRecord | null, merged: MergedReading | null, resolved: ResolvedSettings, configs: SelectorAdapterConfig[]): ReadingView {
  const corrections = { locked: correctionsLocked(resolved), configs };
  if (!record || !merged) {
    // Nothing to read yet: still say whether a frame is loading or changing.
    const snapshots = (record?.frames ?? []).flatMap((f) => (f.snapshot ? [f.snapshot] : []));
    const loading = snapshots.some((s) => s.page.frame.loading);
    const stale = snapshots.some((s) => s.stale === true);
    return { empty: true, visits: [], status: { loading, stale, cut: [], unresolved: [], frames: record?.frames.length ?? 0, framesUsed: 0, duplicates: 0 }, skipped: [], corrections };
  }
  // Past the view's limits the first ones are listed and the rest counted in `cut` (never lost silently).
  const cut: string[] = [];
  const listed = <T,>(items: T[], max: number, what: string): T[] => {
    if (items.length > max) cut.push(`${what} (${max} of ${items.length} listed)`);
    return items.slice(0, max);
  };
  const visits: VisitView[] = listed(merged.visits, R.visits, 'visits').map((v) => {
    const view: VisitView = {
      key: v.key.slice(0, 120),
      parts: listed(Object.entries(v.parts), R.partsPerVisit, 'note parts').map(([id, { frameId, part }]) => ({
        id,
        label: (part.label ?? 'Note').slice(0, 300),
        chars: part.text.length,
        preview: preview(part.text, 160),
        confidence: part.confidence,
        reason: part.reason.slice(0, 400),
        where: where(frameId, record),
        edit: part.edit,
      })),
      lines: listed(v.lines, R.linesPerVisit, 'claim lines').map(({ frameId, read }, i) => {
        const line = v.visit.lines[i] ?? read.line;
        return {
          code: line.code,
          modifiers: line.modifiers ?? [],
          ...(line.units !== undefined ? { units: line.units } : {}),
          ...(line.minutes !== undefined ? { minutes: line.minutes } : {}),
          dx: line.dx ?? [],
          confidence: read.confidence,
          reason: read.reason.slice(0, 400),
          where: where(frameId, record),
        };
      }),
      facts: {},
    };
    if (v.label) view.label = preview(v.label, 300);
    for (const name of FACT_NAMES) {
      const source = v.facts[name];
      if (!source) continue;
      view.facts[name] = { value: String(source.fact.value).slice(0, 300), shown: preview(source.fact.shown, 300), confidence: source.fact.confidence, reason: source.fact.reason.slice(0, 300), where: where(source.frameId, record) };
    }
    return view;
  });
  const skipped = merged.skipped.slice(0, 20).map((s) => ({ what: s.what, reason: s.reason.slice(0, 400), preview: preview(s.text, 80) }));
  return {
    empty: false,
    visits,
    status: {
      loading: merged.loading,
      stale: merged.stale,
      cut: [...new Set([...cut, ...merged.cut])].slice(0, PAGE_CAPS.cutEntries),
      unresolved: merged.unresolved.slice(0, 24),
      frames: record.frames.length,
      framesUsed: merged.frames.length,
      duplicates: merged.duplicates.length,
    },
    skipped,
    corrections,
  };
}

/** The organisation's policy sets or locks selector configurations: user corrections do not apply. */
export function correctionsLocked(resolved: ResolvedSettings): boolean {
  return isSettingLocked(resolved, 'selectorAdapters');
}

async function readOwnConfigs(sync: StorageAreaLike): Promise<unknown[]> {
  const stored = (await sync.get([SELECTOR_ADAPTERS_KEY]).catch(() => ({})) as Record<string, unknown>)[SELECTOR_ADAPTERS_KEY];
  return Array.isArray(stored) ? stored : [];
}

/** The user's saved configurations, each validated (one that is not valid is left out). */
async function ownConfigs(sync: StorageAreaLike): Promise<SelectorAdapterConfig[]> {
  const out: SelectorAdapterConfig[] = [];
  for (const raw of await readOwnConfigs(sync)) {
    const checked = validateSelectorConfig(raw, null);
    if (checked.ok) out.push(checked.config);
  }
  return out;
}

/** The user's saved configurations for these sites (for the panel and export). */
export async function siteConfigs(sync: StorageAreaLike, origins: readonly string[]): Promise<SelectorAdapterConfig[]> {
  const patterns = new Set(origins.map(sitePattern).filter((p): p is string => p !== null));
  const out: SelectorAdapterConfig[] = [];
  for (const raw of await readOwnConfigs(sync)) {
    const checked = validateSelectorConfig(raw, null);
    if (checked.ok && patterns.has(checked.config.urlPattern)) out.push(checked.config);
  }
  return out;
}

export type CorrectionOutcome = 'ok' | 'locked' | 'invalid';

/**
 * Add selectors to the site's correction config (created on first use) in storage.sync: the note
 * is at `note`, or `notNote` elements are never the note. `forget` removes the site's config.
 */
export async function saveCorrection(
  sync: StorageAreaLike,
  resolved: ResolvedSettings,
  origin: string,
  change: { note?: string; notNote?: string[]; forget?: boolean },
): Promise<CorrectionOutcome> {
  if (correctionsLocked(resolved)) return 'locked';
  const pattern = sitePattern(origin);
  if (!pattern) return 'invalid';
  const all = await readOwnConfigs(sync);
  const others = all.filter((raw) => !(typeof raw === 'object' && raw !== null && (raw as { urlPattern?: unknown }).urlPattern === pattern && (raw as { name?: unknown }).name === siteName(pattern)));
  if (change.forget) {
    await sync.set({ [SELECTOR_ADAPTERS_KEY]: others });
    return 'ok';
  }
  const existing = all.find((raw) => !others.includes(raw));
  const checkedExisting = existing ? validateSelectorConfig(existing, null) : null;
  const config: SelectorAdapterConfig = checkedExisting?.ok ? structuredClone(checkedExisting.config) : { name: siteName(pattern), urlPattern: pattern, noteSelectors: [] };
  if (change.note && !config.noteSelectors.some((s) => s.selector === change.note)) config.noteSelectors.push({ selector: change.note });
  if (change.note && config.notNoteSelectors) {
    config.notNoteSelectors = config.notNoteSelectors.filter((s) => s !== change.note);
    if (config.notNoteSelectors.length === 0) delete config.notNoteSelectors;
  }
  for (const selector of change.notNote ?? []) {
    config.notNoteSelectors ??= [];
    if (!config.notNoteSelectors.includes(selector)) config.notNoteSelectors.push(selector);
    config.noteSelectors = config.noteSelectors.filter((s) => s.selector !== selector);
  }
  const checked = validateSelectorConfig(config, null);
  if (!checked.ok || others.length >= LIMITS.adapters) return 'invalid';
  await sync.set({ [SELECTOR_ADAPTERS_KEY]: [...others, checked.config] });
  return 'ok';
}

export interface ReadingDeps {
  store: { read(tabId: number): Promise<TabRecord | null> };
  settings: { get(): Promise<ResolvedSettings> };
  sync: StorageAreaLike;
  tabs: Pick<Platform['tabs'], 'sendMessage'>;
  /** Injects corrections.js (the picker and selector builder) into a frame just before it is asked to use them. */
  scripting: Pick<Platform['scripting'], 'executeScript'>;
  now?: () => number;
}

/** A pick answers the popup's "The note is here…" for this long; a pick nobody asked for is dropped. */
const PICK_WINDOW_MS = 5 * 60_000;

/** The worker's "Read from" handlers: the view, the popup's corrections, the content script's pick. */
export function readingHandlers({ store, settings, sync, tabs, scripting, now = Date.now }: ReadingDeps) {
  /** Tabs whose popup asked the user to pick the note, and when. */
  const picking = new Map<number, number>();

  /** Load the corrections tools into these frames, each on its own (a frame may be gone or not ours). */
  async function loadCorrections(tabId: number, frameIds: number[]): Promise<void> {
    await Promise.all(
      frameIds.map((frameId) => scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['corrections.js'] }).catch(() => undefined)),
    );
  }

  function frameOrigins(record: TabRecord | null): string[] {
    const origins = (record?.frames ?? []).map((f) => f.snapshot?.origin).filter((o): o is string => typeof o === 'string');
    return [...new Set([...(record?.origin ? [record.origin] : []), ...origins])];
  }

  /**
   * The selector configurations that apply to a frame at `href` (the content script asks, cs:configs):
   * the policy's when the organisation sets or locks them, else the user's own, read afresh (a
   * correction just saved applies at once), validated, whose match pattern takes the address. Only
   * for an address of the frame's own browser-stamped origin. URL matching lives here, not in the
   * content script (its 40 KB budget).
   */
  async function frameConfigs(origin: string, href: string): Promise<SelectorAdapterConfig[]> {
    let own: string;
    try {
      own = new URL(href).origin;
    } catch {
      return [];
    }
    if (own !== origin) return [];
    const resolved = await settings.get();
    const configs = correctionsLocked(resolved) ? (resolved.settings.selectorAdapters ?? []) : await ownConfigs(sync);
    return matchingConfigs(configs, href);
  }

  async function view(tabId: number): Promise<UiReply> {
    const record = await store.read(tabId);
    const resolved = await settings.get();
    return buildReadingView(record, record ? readRecord(record) : null, resolved, await siteConfigs(sync, frameOrigins(record)));
  }

  /**
   * "This is not the note" (part: a visit note part id): the part's elements become the site's
   * not-note selectors. "The note is here": every frame offers the picker (the note's frame is
   * unknown); the first click wins and comes back as cs:picked. "Forget": drop the site's corrections.
   */
  async function correct(tabId: number, action: 'not-note' | 'pick-note' | 'forget', part: string | undefined): Promise<UiReply> {
    const record = await store.read(tabId);
    const resolved = await settings.get();
    if (correctionsLocked(resolved)) return fail('locked');
    if (action === 'forget') {
      for (const origin of frameOrigins(record)) await saveCorrection(sync, resolved, origin, { forget: true });
      return view(tabId);
    }
    if (action === 'pick-note') {
      picking.set(tabId, now());
      await loadCorrections(tabId, (record?.frames ?? []).map((f) => f.frameId));
      await tabs.sendMessage(tabId, { type: 'bg:pick' } satisfies BackgroundToContentMessage).catch(() => undefined);
      return { ok: true };
    }
    const source = record && part ? (readRecord(record)?.visits ?? []).map((v) => v.parts[part]).find(Boolean) : undefined;
    const frame = source ? record?.frames.find((f) => f.frameId === source.frameId) : undefined;
    if (!source || !frame?.snapshot?.origin) return fail('unknown-finding');
    const anchors = [...new Set(source.part.pieces.map((p) => p.block))].slice(0, 40);
    let selectors: (string | null)[] = [];
    await loadCorrections(tabId, [source.frameId]);
    try {
      const reply = (await tabs.sendMessage(tabId, { type: 'bg:selectors', anchors } satisfies BackgroundToContentMessage, { frameId: source.frameId })) as { selectors?: unknown };
      if (Array.isArray(reply?.selectors)) selectors = reply.selectors.map((s) => (typeof s === 'string' && s.length <= 500 ? s : null));
    } catch {
      return fail('frame-gone');
    }
    const notNote = selectors.filter((s): s is string => s !== null);
    if (notNote.length === 0) return fail('no-evidence');
    const outcome = await saveCorrection(sync, resolved, frame.snapshot.origin, { notNote });
    if (outcome !== 'ok') return fail(outcome === 'locked' ? 'locked' : 'internal');
    return view(tabId);
  }

  /** The element the user picked ("the note is here") in a frame of this tab and (browser-stamped) origin. */
  async function picked(tabId: number, origin: string, selector: string): Promise<void> {
    const asked = picking.get(tabId);
    if (asked === undefined || now() - asked > PICK_WINDOW_MS) return;
    picking.delete(tabId);
    await saveCorrection(sync, await settings.get(), origin, { note: selector });
  }

  return { view, correct, picked, frameConfigs };
}
