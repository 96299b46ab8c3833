// Late entries and corrections: a figure marked as entered in error is no time, and a figure stated as the
// correction replaces the service's other figures, so units follow the correction. Invented variants of each
// way a note strikes or corrects minutes, with look-alikes (an error named elsewhere, "to correct posture")
// that must change nothing.
import { describe, expect, it } from 'vitest';
import { analyzeChart } from '../../../src/engine/chart';

const minutes = (note: string) => Object.fromEntries(Object.values(analyzeChart(note).minutesByCode).map((c) => [c.code, c.minutes]));

describe('a struck figure is no time', () => {
  it.each([
    ['a mark after the figure', 'Tx:\nMassage 97124 - 28 min - ERROR\nMassage 97124 9 min per correction below', { '97124': 9 }],
    ['a bracketed void', 'Treatment:\n97124 STM L calf 24 min (void)\n97124 STM L calf 9 min', { '97124': 9 }],
    ['entered in error before the figure', 'Addendum: ther ex charted in error, 40 minutes. 97110 exercise 31 min.', { '97110': 31 }],
    ['struck with a colon', 'Tx:\n97140 struck: 22 min\n97140 STM 13 min', { '97140': 13 }],
  ])('%s', (_name, note, want) => {
    expect(minutes(note)).toEqual(want);
  });

  it.each([
    ['an error named in a clause of its own', 'Massage 97124 L QL 14 min; pt made 2 errors on the HEP sheet, error corrected by pt.', { '97124': 14 }],
    ['error-free is no mark', 'Gait 97116 16 min error-free on stairs.', { '97116': 16 }],
    ['an error of the patient a few words on', 'Neuro re-ed 97112 18 min, balance errors x3 on foam.', { '97112': 18 }],
  ])('not struck: %s', (_name, note, want) => {
    expect(minutes(note)).toEqual(want);
  });
});

describe('a correction replaces the other figures', () => {
  it.each([
    ['"corrected to" on the entry line', 'Treatment:\nMassage 97124 L UT 30 min, corrected to 13 min', { '97124': 13 }],
    ['an addendum naming the correct time', 'Tx: 97124 massage R hip 26 min.\nAddendum 11/02: correct time for the massage that day, 14 min.', { '97124': 14 }],
    ['"should read" in a later note part', 'Tx: 97110 ther ex 35 min.\nLate entry: ther ex time should read 23 min.', { '97110': 23 }],
    ['amended minutes', 'Tx: 97140 MT 10 min.\nAmended: manual therapy 97140 amended to 16 min.', { '97140': 16 }],
  ])('%s', (_name, note, want) => {
    expect(minutes(note)).toEqual(want);
  });

  it.each([
    ['"to correct posture" is no correction', 'Tx:\n97110 ther ex 13 min\n97110 postural drills to correct posture 10 min', { '97110': 23 }],
    ['"correct form" is no correction', 'Tx: 97530 lifting with correct form 17 min.', { '97530': 17 }],
  ])('no correction: %s', (_name, note, want) => {
    expect(minutes(note)).toEqual(want);
  });
});
