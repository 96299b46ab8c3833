// Packed visit records (src/engine/history/packed-records.ts): what a batch keeps of each visit
// until its cross-visit rules run. Unpacking must give back the very record packed, field for
// field and slot for slot, however many records share a chunk.
import { describe, expect, it } from 'vitest';
import { check, type Visit } from '../../src/engine';
import { PackedRecords } from '../../src/engine/history/packed-records';
import type { VisitRecord } from '../../src/engine/history';
import { visitOf } from './notes';

function recordOf(visit: Record<string, unknown>): VisitRecord {
  return check(visit as unknown as Visit, { history: true }).history!;
}

describe('PackedRecords', () => {
  it('unpacks every record equal to the one packed, across many chunks', () => {
    const checked: VisitRecord[] = [];
    for (let i = 0; i < 20; i++) {
      const day = String(1 + i).padStart(2, '0');
      checked.push(recordOf(visitOf(`P-${i % 3}`, `2026-03-${day}`, { pain: i % 11, rotation: 40 + i, massageMinutes: 8 + i }, { id: `visit-${i}` })));
    }
    // Enough records (each under 1 KB) to fill several 256 KB chunks.
    const records = Array.from({ length: 900 }, (_, i) => checked[i % checked.length]!);
    const store = new PackedRecords();
    const packed = records.map((record) => store.pack(record));
    expect(new Set(packed.map((p) => p.chunk)).size).toBeGreaterThan(1);
    records.forEach((record, i) => expect(store.unpack(packed[i]!, record.patient)).toStrictEqual(record));
  });

  it('keeps what is absent absent: no date, no label, no sections, no measures', () => {
    const bare: VisitRecord = {
      patient: 'P-1',
      episode: '',
      profile: 'medicare',
      note: { sketch: new Uint16Array(64).fill(7), size: 3 },
      sections: [],
      massage: false,
      massageUnits: 0,
      measures: [],
      progress: true,
    };
    const store = new PackedRecords();
    const at = store.pack(bare);
    const back = store.unpack(at, 'P-1');
    expect(back).toStrictEqual(bare);
    expect('date' in back || 'label' in back).toBe(false);
  });

  it('keeps measure values, keys and directions exactly (fractions, large keys, lower-is-better)', () => {
    const record: VisitRecord = {
      patient: 'P-2',
      episode: '2026-01-05',
      date: '2026-02-01',
      label: 'clinic-1/visit-1.json',
      profile: 'aetna',
      note: { sketch: new Uint16Array(64).map((_, i) => i * 1000), size: 255 },
      sections: [
        { kind: 'objective', sketch: new Uint16Array(64).fill(65535), size: 12 },
        { kind: 'assessment', sketch: new Uint16Array(64).fill(1), size: 40 },
      ],
      massage: true,
      massageUnits: 3,
      measures: [
        { key: 0xffffffff, kind: 'pain', value: 6.5, better: 'lower' },
        { key: 17, kind: 'rom', value: -12.25, better: 'higher' },
      ],
      progress: false,
    };
    const store = new PackedRecords();
    store.pack(bare());
    const at = store.pack(record);
    expect(store.unpack(at, 'P-2')).toStrictEqual(record);
  });
});

function bare(): VisitRecord {
  return { patient: 'P-0', episode: '', profile: 'commercial', note: { sketch: new Uint16Array(64), size: 0 }, sections: [], massage: false, massageUnits: 0, measures: [], progress: false };
}
