// The patient's own account as a context scope (ConText's experiencer): which words are the patient's
// report, their wish, or their words about the service itself. Every rule reads it from a mention's
// `reported`; the rows are invented variants of each way a note writes it, with ones that must not match.
import { describe, expect, it } from 'vitest';
import { analyzeChart, type Reported } from '../../../src/engine/chart';

/** The `reported` of each mention of `lexicon` whose text is `word` (in note order). */
function reportedOf(note: string, lexicon: string, word: string): Reported[] {
  const chart = analyzeChart(note);
  return (chart.mentions[lexicon] ?? []).filter((m) => m.text.toLowerCase() === word).map((m) => m.reported);
}

const rows: { name: string; note: string; lexicon?: string; word: string; want: Reported[] }[] = [
  // A report: the patient's words about something else.
  { name: 'a report verb', note: 'Client says relaxing is hard with the kids at home.', word: 'relaxing', want: ['says'] },
  { name: 'a report opened by "per pt"', note: 'Per pt, stress relief comes from her garden.', word: 'stress relief', want: ['says'] },
  { name: 'a report in the past tense', note: 'He mentioned unwind time is rare at his job.', word: 'unwind', want: ['says'] },
  // A wish: the patient's motive.
  { name: 'a wish', note: 'Client would like more sessions to unwind.', word: 'unwind', want: ['wants'] },
  { name: 'a wish after a report', note: 'Pt states she is hoping to relax on the trip.', word: 'relax', want: ['wants'] },
  { name: 'a later wish takes over a report about the service', note: 'Client says the massage eased it and wants another one to de-stress.', word: 'de-stress', want: ['wants'] },
  // A request: the patient's own words quoted after it are a wish; unquoted, it books the session's purpose.
  { name: 'quoted words after "asked for"', note: 'Client asked for "a soothing back rub"; worked R rhomboid TrPs instead.', word: 'soothing', want: ['wants'] },
  { name: 'quoted words after "requested", a few words on', note: 'Pt requested on arrival "something to unwind", declined.', word: 'unwind', want: ['wants'] },
  { name: 'single quotes after "asks"', note: "He asks each time for 'a calming one' before we start.", word: 'calming', want: ['wants'] },
  { name: 'a quoted request after "wanted just"', note: 'Wanted just a "relaxing hour" today.', word: 'relaxing', want: ['wants'] },
  { name: 'a request unquoted books the purpose', note: 'Client requested that the visit be used for stress relief.', word: 'stress relief', want: ['no'] },
  { name: 'an unquoted request for the service', note: 'Pt asked for a massage for relaxation.', word: 'relaxation', want: ['no'] },
  { name: 'quoted words before the request are not in it', note: '"Relaxation" was the word on the intake, she asked.', word: 'relaxation', want: ['no'] },
  { name: 'a semicolon ends a request', note: 'Pt asked for "nothing deep"; session aimed at relaxation.', word: 'relaxation', want: ['no'] },
  // Words about the service itself.
  { name: 'a report naming the service', note: 'Pt says the massage was calming.', word: 'calming', want: ['about-service'] },
  { name: 'a report about "it"', note: 'Client reported it felt soothing afterwards.', word: 'soothing', want: ['about-service'] },
  { name: 'a wish after words about the service', note: 'Pt wants the session for relaxation.', word: 'relaxation', want: ['wants'] },
  // Where the scope ends.
  { name: 'a semicolon ends it', note: 'Pt reports stiff mornings; massage today for relaxation.', word: 'relaxation', want: ['no'] },
  { name: 'a terminator ends it', note: 'Pt reports stiff mornings but treatment was for relaxation.', word: 'relaxation', want: ['no'] },
  { name: 'the sentence ends it', note: 'Pt hopes to travel. Goal: relaxation of the day.', word: 'relaxation', want: ['no'] },
  { name: 'no trigger, no report', note: 'Massage 15 min for relaxation.', word: 'relaxation', want: ['no'] },
  { name: 'words before the trigger are not in it', note: 'Relaxation is the aim, pt states.', word: 'relaxation', want: ['no'] },
  // Every lexicon sees it the same way, not only comfort wording.
  { name: 'a region in a report', note: 'Pt states the neck locks when driving.', lexicon: 'body-region', word: 'neck', want: ['says'] },
  { name: 'a region in the clinician\'s words', note: 'Massage to the neck, 12 min.', lexicon: 'body-region', word: 'neck', want: ['no'] },
];

describe('the patient\'s own account (reported scope)', () => {
  for (const row of rows) {
    it(row.name, () => {
      expect(reportedOf(row.note, row.lexicon ?? 'comfort', row.word)).toEqual(row.want);
    });
  }

  it('measures carry it too', () => {
    const chart = analyzeChart('Pt reports pain 6/10 at night. Pain 3/10 after massage.');
    expect(chart.measurements.filter((m) => m.kind === 'pain').map((m) => m.reported)).toEqual(['says', 'no']);
  });
});
