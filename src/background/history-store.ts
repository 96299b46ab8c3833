// Visit history in storage.local, for the cross-visit rules (docs/history.md, "In the extension").
//
// What is kept, and nothing else:
//   history.salt          16 random bytes (hex), made once per install: keys every hash below.
//   history.p.<hmac>      per patient: the list of visit records (src/engine/history/record-codec.ts:
//                         fingerprints of 64 16-bit numbers per section, measure numbers, date,
//                         episode date or hash, payer profile id, 97124 units) with the day each was
//                         stored. <hmac> is HMAC-SHA-256(salt, patient identifier), 24 hex digits:
//                         the identifier itself is never written.
// No note text, no word of a note, no name, no identifier. Retention: records older than the
// retention days are dropped on every write and read; "forget this patient" and "forget all"
// remove them at once. A policy (historyEnabled: false) turns all of it off and removes what exists.
import { decodeRecord, encodeRecord, type StoredRecord } from '../engine/history/record-codec';
import type { VisitRecord } from '../engine/history/record';
import { checkHistory } from '../engine/history/check-history';
import { COMPARED_ACROSS_PATIENTS } from '../engine/history/rules/templated-note';
import { TemplateIndex } from '../engine/history/template-index';
import { thresholdsFor } from '../engine/history/thresholds';
import type { CheckOptions, Finding } from '../engine/types';
import type { StorageAreaLike } from '../platform/types';
import { DEFAULT_HISTORY_RETENTION_DAYS } from '../settings/defaults';

export interface HistoryCheckOptions {
  retentionDays?: number;
  check?: Pick<CheckOptions, 'ruleLevels' | 'ruleOptions' | 'disabledRules'>;
}

export const HISTORY_SALT_KEY = 'history.salt';
export const HISTORY_PATIENT_PREFIX = 'history.p.';
/** Visits kept per patient; older ones go first. */
export const MAX_VISITS_PER_PATIENT = 60;

const DAY_MS = 86_400_000;

const HEX = /^[0-9a-f]+$/;

interface StoredPatient {
  v: 1;
  /** Records with the day (epoch days) each was stored. */
  r: { t: number; rec: StoredRecord }[];
}

const toHex = (bytes: ArrayBuffer | Uint8Array): string => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Identifiers as pages show them differ in case and spacing ("mrn 0042" / "MRN-0042" stay different). */
export function normaliseIdentifier(identifier: string): string {
  return identifier.normalize('NFKC').trim().replace(/\s+/g, ' ').toUpperCase();
}

export class HistoryStore {
  private salt: Promise<{ bytes: Uint8Array<ArrayBuffer>; number: number }> | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly area: StorageAreaLike,
    private readonly now: () => number = Date.now,
  ) {}

  /** The install's salt, made on first use (crypto.getRandomValues) and kept in storage.local. */
  private saltOf(): Promise<{ bytes: Uint8Array<ArrayBuffer>; number: number }> {
    this.salt ??= (async () => {
      const stored = (await this.area.get(HISTORY_SALT_KEY))[HISTORY_SALT_KEY];
      let hex = typeof stored === 'string' && stored.length === 32 && HEX.test(stored) ? stored : undefined;
      if (!hex) {
        hex = toHex(crypto.getRandomValues(new Uint8Array(16)));
        await this.area.set({ [HISTORY_SALT_KEY]: hex });
      }
      const bytes = new Uint8Array(hex.match(/../g)!.map((h) => parseInt(h, 16)));
      return { bytes, number: new DataView(bytes.buffer).getUint32(0) };
    })();
    return this.salt;
  }

  /** The number that keys this install's fingerprint hashes (CheckOptions.history.salt). */
  async fingerprintSalt(): Promise<number> {
    return (await this.saltOf()).number;
  }

  /** The storage key of a patient: HMAC-SHA-256 of the identifier under the install's salt. */
  async patientKey(identifier: string): Promise<string> {
    const { bytes } = await this.saltOf();
    const key = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(normaliseIdentifier(identifier)));
    return `${HISTORY_PATIENT_PREFIX}${toHex(mac).slice(0, 24)}`;
  }

  private today(): number {
    return Math.floor(this.now() / DAY_MS);
  }

  private async readPatient(key: string, retentionDays: number): Promise<StoredPatient['r']> {
    const value = (await this.area.get(key))[key] as StoredPatient | undefined;
    if (!value || value.v !== 1 || !Array.isArray(value.r)) return [];
    const oldest = this.today() - retentionDays;
    return value.r.filter((e) => typeof e?.t === 'number' && e.t > oldest && decodeRecord(e.rec, key) !== undefined);
  }

  /** The patient's stored records (oldest first, within retention), keyed as `patient`. */
  async series(identifier: string, retentionDays = DEFAULT_HISTORY_RETENTION_DAYS): Promise<VisitRecord[]> {
    const key = await this.patientKey(identifier);
    return (await this.readPatient(key, retentionDays)).map((e) => decodeRecord(e.rec, key)!);
  }

  /**
   * Keep this visit's record for the patient. A visit of the same date and episode replaces the one
   * stored (checking a note again must not make it its own "previous visit").
   */
  remember(identifier: string, record: VisitRecord, retentionDays = DEFAULT_HISTORY_RETENTION_DAYS): Promise<void> {
    return this.serial(async () => {
      const key = await this.patientKey(identifier);
      const rec = encodeRecord(record);
      const kept = (await this.readPatient(key, retentionDays)).filter((e) => !(e.rec.d !== '' && e.rec.d === rec.d && e.rec.e === rec.e));
      kept.push({ t: this.today(), rec });
      kept.sort((a, b) => (a.rec.d || '\uffff').localeCompare(b.rec.d || '\uffff') || a.t - b.t);
      await this.area.set({ [key]: { v: 1, r: kept.slice(-MAX_VISITS_PER_PATIENT) } satisfies StoredPatient });
    });
  }

  /** Every other patient's records, for templated-note (oldest first per patient). */
  async others(identifier: string, retentionDays = DEFAULT_HISTORY_RETENTION_DAYS): Promise<VisitRecord[]> {
    const own = await this.patientKey(identifier);
    const all = await this.area.get(null);
    const out: VisitRecord[] = [];
    for (const key of Object.keys(all)) {
      if (!key.startsWith(HISTORY_PATIENT_PREFIX) || key === own) continue;
      for (const e of await this.readPatient(key, retentionDays)) out.push(decodeRecord(e.rec, key)!);
    }
    return out;
  }

  /**
   * The cross-visit findings of this visit against the patient's stored visits (those dated
   * before it) and other patients' notes; then the visit is remembered. `record` must be made with
   * this install's fingerprint salt (check(visit, { history: { salt: await store.fingerprintSalt() } })).
   */
  async checkAndRemember(identifier: string, record: VisitRecord, options: HistoryCheckOptions = {}): Promise<Finding[]> {
    const retention = options.retentionDays ?? DEFAULT_HISTORY_RETENTION_DAYS;
    const key = await this.patientKey(identifier);
    // The current record as it will be stored (episode ids hashed): compared like with like.
    const current = decodeRecord(encodeRecord(record), key)!;
    const earlier = (await this.series(identifier, retention)).filter((r) => r.date !== undefined && current.date !== undefined && r.date < current.date);
    const index = new TemplateIndex(COMPARED_ACROSS_PATIENTS, thresholdsFor({ chain: ['base'] }).minShingles.value ?? 0);
    for (const other of await this.others(identifier, retention)) index.add(other);
    const findings = checkHistory({ current, earlier, others: index }, options.check);
    await this.remember(identifier, record, retention);
    return findings;
  }

  forgetPatient(identifier: string): Promise<void> {
    return this.serial(async () => this.area.remove(await this.patientKey(identifier)));
  }

  /** Every patient's records and the salt: a new salt makes any copy of old hashes useless. */
  forgetAll(): Promise<void> {
    return this.serial(async () => {
      const all = await this.area.get(null);
      const keys = Object.keys(all).filter((k) => k.startsWith(HISTORY_PATIENT_PREFIX) || k === HISTORY_SALT_KEY);
      if (keys.length > 0) await this.area.remove(keys);
      this.salt = undefined;
    });
  }

  /** Drop every record older than the retention days, for all patients. */
  prune(retentionDays = DEFAULT_HISTORY_RETENTION_DAYS): Promise<void> {
    return this.serial(async () => {
      const all = await this.area.get(null);
      for (const key of Object.keys(all)) {
        if (!key.startsWith(HISTORY_PATIENT_PREFIX)) continue;
        const kept = await this.readPatient(key, retentionDays);
        if (kept.length === 0) await this.area.remove(key);
        else await this.area.set({ [key]: { v: 1, r: kept } satisfies StoredPatient });
      }
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
