// "Read from", worker side: the view of what was read, and corrections saved as the site's
// selector configuration (PHI-free, the format an admin puts in the policy).
import { describe, expect, it, vi } from 'vitest';
import { validateSelectorConfig } from '../../src/adapters/selector';
import { readingHandlers, saveCorrection, sitePattern } from '../../src/background/reading';
import { DEFAULT_SETTINGS, resolveSettings } from '../../src/settings';
import { emptyTabRecord, type TabRecord } from '../../src/background/state';
import { parseReadingView } from '../../src/shared/reading';
import { snapshot } from './snapshots';

const ORIGIN = 'https://ehr.example.test';

function memorySync(initial: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = structuredClone(initial);
  return {
    data,
    get: vi.fn(async (keys: string | string[]) => Object.fromEntries((Array.isArray(keys) ? keys : [keys]).filter((k) => k in data).map((k) => [k, structuredClone(data[k])]))),
    set: vi.fn(async (items: Record<string, unknown>) => {
      Object.assign(data, structuredClone(items));
    }),
    remove: vi.fn(async () => undefined),
  };
}

const unlocked = resolveSettings(DEFAULT_SETTINGS, {}, {});
const locked = resolveSettings(DEFAULT_SETTINGS, {}, { selectorAdapters: [] });

function record(): TabRecord {
  const r = emptyTabRecord(7);
  r.origin = ORIGIN;
  r.frames = [
    {
      frameId: 0,
      at: 1,
      snapshot: {
        ...snapshot({
          notes: [
            { id: 'e1', label: 'Subjective', text: 'Pt reports neck pain 5/10, worse at the end of the work day.' },
            { id: 'e2', label: 'Message', text: 'Flu clinic on Friday: book your staff vaccination in the portal.' },
          ],
          lines: [{ code: '97124', modifiers: ['GP'], units: 1, dx: ['M54.2'] }],
          facts: { Payer: 'Medicare Part B', 'Date of service': '11/20/2026', Provider: 'Jane Doe, PT' },
          top: true,
        }),
        origin: ORIGIN,
      },
    },
  ];
  return r;
}

function handlers(sync = memorySync(), settings = unlocked, reply: unknown = { selectors: ['div.message'] }) {
  const tabs = { sendMessage: vi.fn(async () => reply) };
  const scripting = { executeScript: vi.fn(async () => []) };
  const r = record();
  const h = readingHandlers({ store: { read: async () => r }, settings: { get: async () => settings }, sync, tabs, scripting });
  return { h, sync, tabs, scripting };
}

describe('sitePattern', () => {
  it('is the match pattern of a web origin, nothing else', () => {
    expect(sitePattern('https://ehr.example.test')).toBe('https://ehr.example.test/*');
    expect(sitePattern('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/*');
    expect(sitePattern('chrome-extension://abc')).toBeNull();
    expect(sitePattern('null')).toBeNull();
  });
});

describe('the reading view', () => {
  it('says what was read as note, lines and facts, with confidence, reason and where', async () => {
    const { h } = handlers();
    const view = parseReadingView(await h.view(7));
    expect(view?.empty).toBe(false);
    const visit = view?.visits[0];
    expect(visit?.parts.map((p) => p.label)).toContain('Subjective');
    expect(visit?.lines).toEqual([expect.objectContaining({ code: '97124', modifiers: ['GP'], units: 1, dx: ['M54.2'], where: 'the page' })]);
    expect(visit?.facts.payer).toMatchObject({ value: 'Medicare Part B', where: 'the page' });
    expect(visit?.facts.dateOfService?.value).toBe('2026-11-20');
    expect(visit?.parts.every((p) => p.confidence > 0 && p.reason.length > 0)).toBe(true);
    expect(view?.corrections).toEqual({ locked: false, configs: [] });
  });
});

describe('the reading view of a page with nothing read yet', () => {
  it('says whether a frame is still loading or changing', async () => {
    const r = emptyTabRecord(7);
    r.frames = [{ frameId: 0, at: 1, snapshot: { ...snapshot({ loading: true, top: true }), stale: true } }];
    const h = readingHandlers({ store: { read: async () => r }, settings: { get: async () => unlocked }, sync: memorySync(), tabs: { sendMessage: vi.fn() }, scripting: { executeScript: vi.fn(async () => []) } });
    const view = parseReadingView(await h.view(7));
    expect(view).toMatchObject({ empty: true, status: { loading: true, stale: true, frames: 1 } });
  });
});

describe('corrections', () => {
  it('"this is not the note" saves the part\'s elements as the site\'s not-note selectors', async () => {
    const { h, sync, tabs, scripting } = handlers();
    const view = parseReadingView(await h.view(7));
    const part = view?.visits[0]?.parts.find((p) => p.label === 'Message');
    expect(part).toBeDefined();
    const after = parseReadingView(await h.correct(7, 'not-note', part?.id));
    // The selector builder is loaded into the part's frame first (it is not in the content script).
    expect(scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 7, frameIds: [0] }, files: ['corrections.js'] });
    expect(tabs.sendMessage).toHaveBeenCalledWith(7, { type: 'bg:selectors', anchors: ['e2'] }, { frameId: 0 });
    const saved = (sync.data.selectorAdapters as unknown[])[0];
    expect(saved).toEqual({ name: 'site ehr.example.test', urlPattern: 'https://ehr.example.test/*', noteSelectors: [], notNoteSelectors: ['div.message'] });
    expect(validateSelectorConfig(saved, null).ok).toBe(true);
    // The view carries the saved config (what "Export" gives an admin), and it holds no page text.
    expect(after?.corrections.configs).toEqual([saved]);
    expect(JSON.stringify(saved)).not.toMatch(/Flu|portal|Friday/);
  });

  it('"the note is here" asks every frame to offer the picker; the pick is saved as a note selector', async () => {
    const { h, sync, tabs, scripting } = handlers();
    expect(await h.correct(7, 'pick-note', undefined)).toEqual({ ok: true });
    expect(scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 7, frameIds: [0] }, files: ['corrections.js'] });
    expect(tabs.sendMessage).toHaveBeenCalledWith(7, { type: 'bg:pick' });
    await h.picked(7, ORIGIN, 'main > div.note-body');
    expect(sync.data.selectorAdapters).toEqual([{ name: 'site ehr.example.test', urlPattern: 'https://ehr.example.test/*', noteSelectors: [{ selector: 'main > div.note-body' }] }]);
    // A pick nobody asked for (this one was answered already) is dropped.
    await h.picked(7, ORIGIN, 'div.other');
    expect(JSON.stringify(sync.data.selectorAdapters)).not.toContain('div.other');
    // Picking the same element again never lists it twice.
    await h.correct(7, 'pick-note', undefined);
    await h.picked(7, ORIGIN, 'main > div.note-body');
    expect((sync.data.selectorAdapters as { noteSelectors: unknown[] }[])[0]?.noteSelectors).toHaveLength(1);
  });

  it('forgets the site\'s corrections, leaving other sites\' and admin-style configs alone', async () => {
    const other = { name: 'Other', urlPattern: 'https://other.example.test/*', noteSelectors: [{ selector: '.n' }] };
    const sync = memorySync({ selectorAdapters: [other] });
    const { h } = handlers(sync);
    await h.correct(7, 'pick-note', undefined);
    await h.picked(7, ORIGIN, 'div.note');
    expect(sync.data.selectorAdapters).toHaveLength(2);
    await h.correct(7, 'forget', undefined);
    expect(sync.data.selectorAdapters).toEqual([other]);
  });

  it('refuses when the policy sets the selector configurations, and fails cleanly on a gone frame or an unknown part', async () => {
    const sync = memorySync();
    expect(await saveCorrection(sync, locked, ORIGIN, { note: 'div.note' })).toBe('locked');
    expect(sync.set).not.toHaveBeenCalled();
    expect(await handlers(sync, locked).h.correct(7, 'pick-note', undefined)).toEqual({ ok: false, error: 'locked' });
    expect(await handlers().h.correct(7, 'not-note', 'nope')).toEqual({ ok: false, error: 'unknown-finding' });
    const { h } = handlers(memorySync(), unlocked, { selectors: [null] });
    const view = parseReadingView(await h.view(7));
    expect(await h.correct(7, 'not-note', view?.visits[0]?.parts[0]?.id)).toEqual({ ok: false, error: 'no-evidence' });
    expect(await saveCorrection(memorySync(), unlocked, 'chrome-extension://x', { note: 'div' })).toBe('invalid');
  });
});

describe("a frame's selector configurations (cs:configs: URL matching runs in the worker)", () => {
  const site = { name: 'site ehr', urlPattern: `${ORIGIN}/chart/*`, noteSelectors: [{ selector: 'div.note' }] };
  const elsewhere = { name: 'other site', urlPattern: 'https://other.example.test/*', noteSelectors: [{ selector: 'div.note' }] };

  it("answers with the user's own configs whose pattern takes the frame's address, read afresh", async () => {
    const sync = memorySync({ selectorAdapters: [site, elsewhere, { name: 'broken', urlPattern: 'not a pattern', noteSelectors: [] }] });
    const { h } = handlers(sync);
    expect(await h.frameConfigs(ORIGIN, `${ORIGIN}/chart/visit/9`)).toEqual([site]);
    expect(await h.frameConfigs(ORIGIN, `${ORIGIN}/schedule`)).toEqual([]);
    // A correction saved a moment ago applies at once (no cached settings in between).
    await saveCorrection(sync, unlocked, ORIGIN, { note: 'main article' });
    expect((await h.frameConfigs(ORIGIN, `${ORIGIN}/schedule`)).map((c) => c.noteSelectors)).toEqual([[{ selector: 'main article' }]]);
  });

  it("gives the policy's configs when the policy sets them, none when it only locks them", async () => {
    const sync = memorySync({ selectorAdapters: [site] });
    const policy = { name: 'Org EHR', urlPattern: `${ORIGIN}/*`, noteSelectors: [{ selector: '#soap' }] };
    const setByPolicy = resolveSettings(DEFAULT_SETTINGS, {}, { selectorAdapters: [policy] });
    expect((await handlers(sync, setByPolicy).h.frameConfigs(ORIGIN, `${ORIGIN}/chart/1`)).map((c) => c.name)).toEqual(['Org EHR']);
    const lockedOnly = resolveSettings(DEFAULT_SETTINGS, {}, { lockedSettings: ['selectorAdapters'] });
    expect(await handlers(sync, lockedOnly).h.frameConfigs(ORIGIN, `${ORIGIN}/chart/1`)).toEqual([]);
  });

  it("never for an address of another origin than the frame's browser-stamped one", async () => {
    const { h } = handlers(memorySync({ selectorAdapters: [site, elsewhere] }));
    expect(await h.frameConfigs('https://evil.example.test', `${ORIGIN}/chart/1`)).toEqual([]);
    expect(await h.frameConfigs(ORIGIN, 'not a url')).toEqual([]);
    expect(await h.frameConfigs('https://other.example.test', 'https://other.example.test/x')).toEqual([elsewhere]);
  });
});
