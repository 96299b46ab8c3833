// A latest value and its earlier value written apart: the earlier one on the line after ("up from 42° at IE"),
// and a tolerance's earlier value after it ("(was 25 min at IE)"), which is a measure, not treatment time.
// Invented variants, with ones that must not pair.
import { describe, expect, it } from 'vitest';
import { analyzeChart } from '../../../src/engine/chart';

const changesOf = (note: string) => analyzeChart(note).changes.map((c) => [c.kind, c.attribute, c.from, c.to, c.direction]);

describe('the earlier value on the line after the latest', () => {
  const rows: { name: string; note: string; want: unknown[][] }[] = [
    { name: 'a rotation, then "up from" on the next line', note: 'C-spine rot L 64°, R 55°.\nrot L up from 48° at IE.', want: [['rom', 'rotation', 48, 64, 'better']] },
    { name: 'a flexion in a list item under it', note: 'L knee flex 121°\n- flex L up from 102° at eval', want: [['rom', 'flexion', 102, 121, 'better']] },
    { name: 'pain down from the earlier score', note: 'Pain 2/10 today.\nPain down from 7/10 at initial.', want: [['pain', 'pain', 7, 2, 'better']] },
    { name: 'the values decide the direction', note: 'Hip abduction R 20 deg.\nabduction R down from 28 deg last wk.', want: [['rom', 'abduction', 28, 20, 'worse']] },
    // Not a pair.
    { name: 'the other side', note: 'C-spine rot L 64°.\nrot R up from 48° at IE.', want: [] },
    { name: 'another motion', note: 'Shoulder flexion R 150 deg.\nabduction R up from 90 deg at IE.', want: [] },
    { name: 'too far back', note: 'Ankle DF R 12 deg.\nGait steady.\nCalf tone low.\nDF R up from 4 deg at IE.', want: [] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      expect(changesOf(row.note)).toEqual(row.want);
    });
  }
});

describe("a tolerance's earlier value is a measure, not treatment time", () => {
  const rows: { name: string; note: string; change: unknown[] }[] = [
    { name: 'in brackets with "was"', note: 'Massage 97124 14 min L QL. Standing tolerance 35 min (was 15 min at IE).', change: ['tolerance', 'standing', 15, 35, 'better'] },
    { name: 'in brackets alone', note: 'Massage 97124 14 min L QL. Walking tolerance 20 min (8 min at eval).', change: ['tolerance', 'walking', 8, 20, 'better'] },
    { name: 'after a comma with "was"', note: 'Massage 97124 14 min L QL. Sitting tolerance 50 min, was 25 min at IE.', change: ['tolerance', 'sitting', 25, 50, 'better'] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const chart = analyzeChart(row.note);
      expect(Object.values(chart.minutesByCode).map((c) => [c.code, c.minutes])).toEqual([['97124', 14]]);
      expect(chart.unresolvedTimes).toEqual([]);
      expect(chart.changes.map((c) => [c.kind, c.attribute, c.from, c.to, c.direction])).toEqual([row.change]);
    });
  }

  it('a list of service times after a comma stays treatment time', () => {
    const chart = analyzeChart('Massage 12 min, ther ex 20 min.');
    expect(Object.fromEntries(Object.values(chart.minutesByCode).map((c) => [c.code, c.minutes]))).toEqual({ '97124': 12, '97110': 20 });
  });
});
