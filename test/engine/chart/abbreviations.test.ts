// The one table of abbreviations whose full stop ends nothing (src/engine/chart/abbreviations.ts),
// as the sentence splitter and the clause splitter of treatment time use it.
import { describe, expect, it } from 'vitest';
import { analyzeChart } from '../../../src/engine/chart';
import { CLAUSE_ABBREVIATIONS, fullStopEndsNothing, SENTENCE_ABBREVIATIONS } from '../../../src/engine/chart/abbreviations';

const sentences = (note: string) => {
  const chart = analyzeChart(note);
  return chart.sentences.map((s) => chart.text.slice(s.start, s.end));
};
const minutes = (note: string) => Object.fromEntries(Object.values(analyzeChart(note).minutesByCode).map((c) => [c.code, c.minutes]));

describe('abbreviations: one table for sentences and clauses', () => {
  it('every clause abbreviation is a sentence abbreviation; only "Pt" may end a clause', () => {
    const sentenceWords = new Set(SENTENCE_ABBREVIATIONS.map((w) => w.toLowerCase()));
    for (const word of CLAUSE_ABBREVIATIONS) expect(sentenceWords.has(word), word).toBe(true);
    expect([...sentenceWords].filter((w) => !CLAUSE_ABBREVIATIONS.has(w))).toEqual(['pt']);
  });

  it('a title or an abbreviation from the table does not end the sentence', () => {
    for (const word of SENTENCE_ABBREVIATIONS) {
      expect(sentences(`Seen with ${word}. Ruiz today`), word).toEqual([`Seen with ${word}. Ruiz today`]);
    }
    expect(sentences('Seen with pt. Ruiz today')).toEqual(['Seen with pt.', 'Ruiz today']);
  });

  it('a title keeps the clause, so the minutes stay with their service; "pt." ends it', () => {
    expect(minutes('97124 massage per Dr. Ruiz 15 min.')).toEqual({ '97124': 15 });
    expect(minutes('Ther ex 97110 with pt. Massage 97124 15 min to R upper trap.')).toEqual({ '97124': 15 });
  });

  it.each([
    // [text, offset of the full stop, ends nothing for sentences, for clauses]
    ['Massage 97124 ........ 15 min', 20, true, true],
    ['NMR 97112 .. 18', 10, true, true],
    ['tolerated well... Massage 97124 12 min', 16, false, false],
    ['per J. Ortiz', 5, true, true],
    ['calves B/L. Ther ex', 10, false, false],
    ['with pt. Massage', 7, false, false],
    ['with Pt. Ruiz', 7, true, false],
    ['seen by Dr. Ruiz', 10, true, true],
  ])('one test of a full stop for both splitters: %s', (text, dot, sentence, clause) => {
    expect(text[dot]).toBe('.');
    expect(fullStopEndsNothing(text, dot, 'sentence')).toBe(sentence);
    expect(fullStopEndsNothing(text, dot, 'clause')).toBe(clause);
  });

  it('a dotted leader keeps the sentence and the clause; an ellipsis before a new entry ends both', () => {
    expect(sentences('Massage 97124 ........ 15 min\nTher ex 97110 12 min')).toEqual(['Massage 97124 ........ 15 min', 'Ther ex 97110 12 min']);
    expect(minutes('Tolerated well... Ther ex 97110 12 min. Massage 97124 ....... 14 min')).toEqual({ '97110': 12, '97124': 14 });
  });
});

describe('a lone side letter before a new sentence', () => {
  it.each([
    // [text, offset of the full stop, ends the sentence and the clause]
    ['STM to hamstrings L. Gait 8 min', 19, true],
    ['Massage to SCM R. NMR 97112', 16, true],
    ['rot 55° B. Next', 9, true],
    // Initials: after a title, a name lead, a credential, another initial, or opening the line.
    ['per Dr. R. Smith', 9, false],
    ['treated by L. Chen', 12, false],
    ['PTA B. Ruiz', 5, false],
    ['J. R. Smith', 4, false],
    ['R. Patel, PT', 1, false],
    // Not a side letter: an initial as before.
    ['hamstrings K. Next', 12, false],
  ])('%s', (text, dot, ends) => {
    expect(text[dot]).toBe('.');
    expect(fullStopEndsNothing(text, dot, 'sentence')).toBe(!ends);
    expect(fullStopEndsNothing(text, dot, 'clause')).toBe(!ends);
  });

  it("the next sentence's minutes belong to its own service", () => {
    expect(minutes('Massage 97124 to B calves R. Ther ex 97110 11 min heel raises.')).toEqual({ '97110': 11 });
    expect(minutes('Effleurage 97124 L QL 14 min, glutes L. NMR 97112 9 min.')).toEqual({ '97124': 14, '97112': 9 });
    expect(minutes('Massage 97124 14 min per Dr. L. Ortiz.')).toEqual({ '97124': 14 });
  });
});
