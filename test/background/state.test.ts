import { describe, expect, it } from 'vitest';
import { TabStore, tabKey, type TabRecord } from '../../src/background/state';
import type { Snapshot } from '../../src/shared/snapshot';
import { FakeBrowser } from './fake-browser';
import { snapshot as pageSnapshot } from './snapshots';

const snapshot = (text: string): Snapshot => pageSnapshot({ notes: [{ id: 'n', text }] });

describe('TabStore', () => {
  it('serializes concurrent frame updates of one tab: none is lost', async () => {
    const browser = new FakeBrowser();
    const store = new TabStore(browser.sessionArea);
    await Promise.all(
      Array.from({ length: 20 }, (_, frameId) =>
        store.update(1, (record) => {
          record.frames.push({ frameId, snapshot: snapshot(`frame ${frameId}`), at: frameId });
        }),
      ),
    );
    const stored = browser.sessionArea.data.get(tabKey(1)) as TabRecord;
    expect(stored.frames.map((f) => f.frameId)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('survives a worker restart: a new store reads what the old one persisted', async () => {
    const browser = new FakeBrowser();
    await new TabStore(browser.sessionArea).update(5, (record) => {
      record.profileOverride = 'medicare';
      record.dismissals.push({ findingKey: 'k', ruleId: 'r', reason: 'other: see chart', at: 1 });
    });
    const restarted = new TabStore(browser.sessionArea);
    const record = await restarted.read(5);
    expect(record?.profileOverride).toBe('medicare');
    expect(record?.dismissals).toHaveLength(1);
    expect(await restarted.tabIds()).toEqual([5]);
  });

  it('sets storage.session to trusted contexts only', async () => {
    const browser = new FakeBrowser();
    await new TabStore(browser.sessionArea).restrictAccess();
    expect(browser.sessionArea.accessLevel).toBe('TRUSTED_CONTEXTS');
  });

  it('removes a tab and does not bring it back through updateExisting', async () => {
    const browser = new FakeBrowser();
    const store = new TabStore(browser.sessionArea);
    await store.update(2, (record) => {
      record.origin = 'https://ehr.example.org';
    });
    await store.remove(2);
    expect(await store.updateExisting(2, () => 'changed')).toBeNull();
    expect(browser.sessionArea.data.has(tabKey(2))).toBe(false);
    expect(await store.read(2)).toBeNull();
  });

  it('drops note text but keeps the rest when the session quota is exceeded', async () => {
    const browser = new FakeBrowser();
    const logs: string[] = [];
    const store = new TabStore(browser.sessionArea, (message) => logs.push(message));
    browser.sessionArea.failSet = (items) =>
      JSON.stringify(items).length > 5_000 ? new Error('Session storage quota bytes exceeded.') : null;
    await store.update(3, (record) => {
      record.frames.push({ frameId: 0, snapshot: snapshot('x'.repeat(10_000)), at: 1 });
      record.profileOverride = 'aetna';
    });
    const stored = browser.sessionArea.data.get(tabKey(3)) as TabRecord;
    expect(stored.frames[0]).toMatchObject({ frameId: 0, snapshot: null, lost: true });
    expect(stored.profileOverride).toBe('aetna');
    // Memory still has the text for this worker's lifetime.
    expect((await store.read(3))?.frames[0]?.snapshot?.page.blocks[0]?.text).toHaveLength(10_000);
    expect(logs[0]).toMatch(/without note text/);
  });

  it('does not keep a half-applied change when the change throws', async () => {
    const browser = new FakeBrowser();
    const store = new TabStore(browser.sessionArea);
    await store.update(4, (record) => {
      record.profileOverride = 'aetna';
    });
    await expect(
      store.update(4, (record) => {
        record.profileOverride = 'medicare';
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await store.read(4))?.profileOverride).toBe('aetna');
  });

  it('ignores a foreign or malformed stored value', async () => {
    const browser = new FakeBrowser();
    await browser.sessionArea.set({ [tabKey(6)]: { tabId: 99, frames: 'nope' } });
    expect(await new TabStore(browser.sessionArea).read(6)).toBeNull();
  });
});
