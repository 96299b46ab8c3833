// The extension's visit history in storage.local (src/background/history-store.ts): keyed by a
// salted hash of the patient identifier, holding fingerprints and numbers only, with retention,
// "forget this patient" and "forget all".
import { describe, expect, it } from 'vitest';
import { HistoryStore, HISTORY_PATIENT_PREFIX, HISTORY_SALT_KEY, normaliseIdentifier } from '../../src/background/history-store';
import { check, type Visit } from '../../src/engine';
import { words } from '../../src/engine/history';
import type { StorageAreaLike } from '../../src/platform/types';
import { massageLines, soapNote } from './notes';

/** storage.local in memory, values round-tripped through JSON as the browser does. */
function memoryArea(): StorageAreaLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    async get(keys) {
      const out: Record<string, unknown> = {};
      const wanted = keys === null || keys === undefined ? [...data.keys()] : typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
      for (const k of wanted) if (data.has(k)) out[k] = JSON.parse(data.get(k)!);
      return out;
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, JSON.stringify(v));
    },
    async remove(keys) {
      for (const k of typeof keys === 'string' ? [keys] : keys) data.delete(k);
    },
  };
}

const DAY = 86_400_000;
const MRN = 'MRN-0042137';

async function visitRecord(store: HistoryStore, date: string, note: string) {
  const visit: Visit = { dateOfService: date, note, lines: massageLines, patient: { id: MRN }, episode: { id: 'Neck pain after MVA, right side' } };
  return check(visit, { history: { salt: await store.fingerprintSalt() } }).history!;
}

describe('HistoryStore', () => {
  it('stores a few hundred bytes per note, containing no word of the note and not the identifier', async () => {
    const area = memoryArea();
    const store = new HistoryStore(area);
    const notes = [soapNote({ pain: 6, rotation: 40 }), soapNote({ pain: 4, rotation: 48, reports: 'Merging onto the highway was easier on Tuesday, stiffness only after the night shift' })];
    await store.remember(MRN, await visitRecord(store, '2026-03-02', notes[0]!));
    const one = [...area.data].filter(([k]) => k.startsWith(HISTORY_PATIENT_PREFIX));
    await store.remember(MRN, await visitRecord(store, '2026-03-05', notes[1]!));
    const two = [...area.data].filter(([k]) => k.startsWith(HISTORY_PATIENT_PREFIX));
    expect(one).toHaveLength(1);
    const perNote = two[0]![1].length - one[0]![1].length;
    // A whole-note and five section sketches of 128 bytes in base64 (172 characters each) and a
    // few numbers: 1,292 bytes for this note.
    expect(perNote).toBeGreaterThan(300);
    expect(perNote).toBeLessThan(1600);

    const stored = [...area.data].map(([k, v]) => `${k} ${v}`).join('\n');
    expect(stored.toUpperCase()).not.toContain('0042137');
    expect(stored).not.toContain('Neck pain');
    // Every string in the stored values is a sketch (base64 of exactly 128 bytes), an enumerated
    // name, a date, a profile id, a hash or the salt; nothing else can carry a word.
    const strings: string[] = [];
    for (const [, v] of area.data) JSON.parse(v, (_k, value: unknown) => (typeof value === 'string' && strings.push(value), value));
    const sketch = (s: string) => s.length === 172 && atob(s).length === 128;
    const allowed = /^(\d{4}-\d{2}-\d{2}|e[0-9a-f]{1,8}|[0-9a-f]{32}|commercial|subjective|objective|treatment|assessment|plan|pain|rom|h|l)$/;
    for (const s of strings) expect(sketch(s) || allowed.test(s), s).toBe(true);
    // And no word of either note appears in those strings, apart from the engine's own section and
    // measure names, which it writes for every note whatever its headings say.
    const plain = strings.filter((s) => !sketch(s)).join(' ').toLowerCase();
    const noteWords = new Set(notes.flatMap((n) => words(n)).filter((w) => w.length >= 4 && !/^\d+$/.test(w) && !allowed.test(w)));
    expect(noteWords.size).toBeGreaterThan(40);
    for (const w of noteWords) expect(plain.includes(w), w).toBe(false);
  });

  it('keys patients by an HMAC of the identifier under a per-install salt', async () => {
    const a = new HistoryStore(memoryArea());
    const b = new HistoryStore(memoryArea());
    expect(await a.patientKey(MRN)).toBe(await a.patientKey(' mrn-0042137 '));
    expect(await a.patientKey(MRN)).not.toBe(await b.patientKey(MRN));
    expect(await a.patientKey(MRN)).toMatch(/^history\.p\.[0-9a-f]{24}$/);
    expect(normaliseIdentifier(' mrn  0042 ')).toBe('MRN 0042');
  });

  it('flags a copied note against the stored visit, and the stored trend survives a new worker', async () => {
    const area = memoryArea();
    const first = new HistoryStore(area);
    const note = soapNote({ pain: 6, rotation: 40 });
    expect(await first.checkAndRemember(MRN, await visitRecord(first, '2026-03-02', note))).toEqual([]);
    // The service worker restarted: a new store reads the same salt and records.
    const again = new HistoryStore(area);
    const findings = await again.checkAndRemember(MRN, await visitRecord(again, '2026-03-05', note));
    expect(findings.map((f) => f.ruleId)).toEqual(['cloned-note']);
    expect(findings[0]!.message).toMatch(/near-identical to the note of 2026-03-02/);
    // Checking the same visit again does not make it its own previous visit.
    expect((await again.checkAndRemember(MRN, await visitRecord(again, '2026-03-05', note))).map((f) => f.ruleId)).toEqual(['cloned-note']);
    expect(await again.series(MRN)).toHaveLength(2);
  });

  it('drops records past the retention days', async () => {
    let now = Date.parse('2026-03-02T12:00:00Z');
    const area = memoryArea();
    const store = new HistoryStore(area, () => now);
    await store.remember(MRN, await visitRecord(store, '2026-03-02', soapNote({ pain: 6, rotation: 40 })), 30);
    now += 10 * DAY;
    expect(await store.series(MRN, 30)).toHaveLength(1);
    now += 25 * DAY;
    expect(await store.series(MRN, 30)).toHaveLength(0);
    await store.prune(30);
    expect([...area.data.keys()]).toEqual([HISTORY_SALT_KEY]);
  });

  it('forgets one patient, or everything including the salt', async () => {
    const area = memoryArea();
    const store = new HistoryStore(area);
    await store.remember(MRN, await visitRecord(store, '2026-03-02', soapNote({ pain: 6, rotation: 40 })));
    await store.remember('MRN-7', await visitRecord(store, '2026-03-02', soapNote({ pain: 3, rotation: 60 })));
    const keyOfOther = await store.patientKey('MRN-7');
    await store.forgetPatient(MRN);
    expect(await store.series(MRN)).toEqual([]);
    expect(area.data.has(keyOfOther)).toBe(true);
    const salt = area.data.get(HISTORY_SALT_KEY);
    await store.forgetAll();
    expect([...area.data.keys()]).toEqual([]);
    await store.patientKey(MRN);
    expect(area.data.get(HISTORY_SALT_KEY)).not.toBe(salt);
  });

  it('drops a stored entry it did not write instead of trusting it', async () => {
    const area = memoryArea();
    const store = new HistoryStore(area);
    await store.remember(MRN, await visitRecord(store, '2026-03-02', soapNote({ pain: 6, rotation: 40 })));
    const key = await store.patientKey(MRN);
    const value = JSON.parse(area.data.get(key)!) as { r: { rec: Record<string, unknown> }[] };
    value.r.push({ rec: { ...value.r[0]!.rec, d: 'Jane Doe, 2026' } } as never, { t: 1, rec: { ...value.r[0]!.rec, s: [['objective', 'not a sketch', 3]] } } as never);
    area.data.set(key, JSON.stringify(value));
    expect(await store.series(MRN)).toHaveLength(1);
  });
});

