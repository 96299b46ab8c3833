import { describe, expect, it } from 'vitest';
import { analyzeChart } from '../../src/engine';
import { PART_SEPARATOR } from '../../src/engine/chart';

const mention = (note: string, lexicon: string, text: string) => {
  const m = analyzeChart(note).mentions[lexicon]!.find((x) => x.text.toLowerCase() === text.toLowerCase());
  if (!m) throw new Error(`no ${lexicon} mention "${text}" in: ${note}`);
  return m;
};
const minutes = (note: string) => Object.fromEntries(Object.values(analyzeChart(note).minutesByCode).map((c) => [c.code, c.minutes]));

describe('note parts', () => {
  it('joins parts with a separator and keeps each part span', () => {
    const chart = analyzeChart([
      { id: 's', label: 'Subjective', text: 'Neck pain.' },
      { label: 'Plan', text: 'Continue.' },
      { text: 'J. Doe, PT' },
    ]);
    expect(chart.text).toBe(`Neck pain.${PART_SEPARATOR}Continue.${PART_SEPARATOR}J. Doe, PT`);
    expect(chart.parts.map((p) => [p.key, chart.text.slice(p.start, p.end)])).toEqual([
      ['s', 'Neck pain.'],
      ['Plan', 'Continue.'],
      ['2', 'J. Doe, PT'],
    ]);
    expect(chart.sections.map((s) => s.kind)).toEqual(['subjective', 'plan', 'other']);
  });
});

describe('sections and sentences', () => {
  it('finds SOAP headings, including single-letter ones with a colon', () => {
    const chart = analyzeChart('S: neck pain\nO: palpable spasm\nA: improving\nP: continue\nGoals: drive 30 min');
    expect(chart.sections.map((s) => s.kind)).toEqual(['other', 'subjective', 'objective', 'assessment', 'plan', 'goals']);
  });
  it('holds an inline history field to its own line and its continuation, then returns to the section before it', () => {
    const chart = analyzeChart('S: knee pain on stairs\nPSH: R ACL repair 2015,\n  meniscectomy 2018\nToday pain 5/10 (7/10 last week).\nPMH:\nDM2\nHTN');
    expect(chart.sections.map((s) => [s.kind, chart.text.slice(s.start, s.end).split('\n')[0]])).toEqual([
      ['other', ''],
      ['subjective', 'S: knee pain on stairs'],
      ['history', 'PSH: R ACL repair 2015,'],
      ['subjective', 'Today pain 5/10 (7/10 last week).'],
      ['history', 'PMH:'],
    ]);
    expect(chart.changes.map((c) => [c.kind, c.from, c.to, c.historical])).toEqual([['pain', 7, 5, false]]);
  });
  it('holds an inline plan-of-care line to itself: the treatment written under it is today\'s, not the plan', () => {
    const chart = analyzeChart('Visit 4, neck pain.\nPlan of care: 2x/wk x 4 wks,\n  massage + ther ex\nMassage 97124 R upper trap 14 min.\nRot R 55 -> 68 deg post.\nPlan:\nContinue.');
    expect(chart.sections.map((s) => [s.kind, chart.text.slice(s.start, s.end).split('\n')[0]])).toEqual([
      ['other', 'Visit 4, neck pain.'],
      ['plan', 'Plan of care: 2x/wk x 4 wks,'],
      ['other', 'Massage 97124 R upper trap 14 min.'],
      ['plan', 'Plan:'],
    ]);
    expect(chart.changes.map((c) => [c.kind, c.from, c.to, c.section])).toEqual([['rom', 55, 68, 'other']]);
    // Alone on its line, the same label heads a section.
    expect(analyzeChart('Plan of care:\n2x/wk x 4 wks\nMassage next visit.').sections.map((s) => s.kind)).toEqual(['other', 'plan']);
  });
  it('holds an inline goal line and the list that runs on under it; a line or sentence that starts afresh is back in the section before', () => {
    const kinds = (note: string) => {
      const chart = analyzeChart(note);
      // (A heading at the very start leaves an empty section before it: not shown.)
      return chart.sections.filter((s) => s.end > s.start).map((s) => [s.kind, chart.text.slice(s.start, s.end).trim().split('\n')[0]]);
    };
    expect(kinds('Visit 3.\nTx:\nSTG (4 wks): pt will lift 15 lb to counter height,\n  pain < 3/10\n2. tolerate 40 min of yard work\n- Independent with home stretches\nIncrease sitting tolerance to 60 min\nMassage 97124 L QL 14 min.')).toEqual([
      ['other', 'Visit 3.'],
      ['treatment', 'Tx:'],
      ['goals', 'STG (4 wks): pt will lift 15 lb to counter height,'],
      ['treatment', 'Massage 97124 L QL 14 min.'],
    ]);
    expect(kinds('Functional goal: carry a 10 lb basket upstairs in 5 wks. 97124 R lumbar 12 min; 97530 11 min.')).toEqual([
      ['goals', 'Functional goal: carry a 10 lb basket upstairs in 5 wks.'],
      ['other', '97124 R lumbar 12 min; 97530 11 min.'],
    ]);
    expect(kinds('Goal: drive 30 min w/o neck pain\n9:05-9:20 massage R UT')).toEqual([
      ['goals', 'Goal: drive 30 min w/o neck pain'],
      ['other', '9:05-9:20 massage R UT'],
    ]);
    expect(kinds('LTG: return to work full duty\nObj: Rot R 60 deg')).toEqual([
      ['goals', 'LTG: return to work full duty'],
      ['objective', 'Obj: Rot R 60 deg'],
    ]);
    // Minutes after the goal line are today's treatment.
    expect(minutes('Goal: garden 1 hr in 6 wks. Massage 97124 L calf 13 min, ther ex 97110 12 min.')).toEqual({ '97124': 13, '97110': 12 });
    // Alone on its line, a goal heading heads its section as usual.
    expect(analyzeChart('Goals:\nWalk 20 min\nReach overhead').sections.map((s) => s.kind)).toEqual(['other', 'goals']);
  });
  it('does not treat a wrapped lower-case line as a new sentence', () => {
    const chart = analyzeChart('Patient reports pain with\ndriving and turning head. Next sentence.');
    expect(chart.sentences.map((s) => chart.text.slice(s.start, s.end))).toEqual([
      'Patient reports pain with\ndriving and turning head.',
      'Next sentence.',
    ]);
  });
});

describe('context scopes (NegEx / ConText)', () => {
  it('"No palpable spasm" is not a finding of spasm', () => {
    expect(mention('No palpable spasm noted.', 'objective-findings', 'palpable spasm').negated).toBe(true);
  });
  it('a negation ends at "but": "no spasm but guarding noted"', () => {
    const note = 'No spasm but guarding noted.';
    expect(mention(note, 'objective-findings', 'spasm').negated).toBe(true);
    expect(mention(note, 'objective-findings', 'guarding').negated).toBe(false);
  });
  it('post-negation: "spasm absent"', () => {
    expect(mention('Paraspinal spasm absent today.', 'objective-findings', 'spasm').negated).toBe(true);
  });
  it('"patient denies relaxation benefit" negates the comfort word', () => {
    expect(mention('Patient denies relaxation benefit.', 'comfort', 'relaxation').negated).toBe(true);
  });
  it('negation stays in its sentence', () => {
    expect(mention('No numbness. Spasm in L paraspinals.', 'objective-findings', 'spasm').negated).toBe(false);
  });
  it('hypothetical and historical statements', () => {
    expect(mention('Will assess for spasm next visit.', 'objective-findings', 'spasm').hypothetical).toBe(true);
    expect(mention('History of spasm in 2019.', 'objective-findings', 'spasm').historical).toBe(true);
    expect(mention('Past medical history:\nchronic spasm', 'objective-findings', 'spasm').historical).toBe(true);
    expect(mention('Hx: chronic spasm, 2020.\nSpasm L QL today.', 'objective-findings', 'spasm').historical).toBe(true);
    expect(analyzeChart('Hx: chronic spasm, 2020.\nSpasm L QL today.').mentions['objective-findings']!.map((m) => m.historical)).toEqual([true, false]);
  });
  it('a request is not a service given: "client requested a 60-minute session"', () => {
    expect(mention('Client asked for a 90-minute full-body massage; kept to 25 min.', 'massage-service', 'massage').hypothetical).toBe(true);
    expect(mention('Pt wanted massage to the low back only.', 'massage-service', 'massage').hypothetical).toBe(true);
  });
  it('a service said not to be given is negated: "deferred", "not performed"', () => {
    expect(mention('Gait training deferred, pt dizzy.', 'service', 'Gait training').negated).toBe(true);
    expect(mention('NMR not performed today (time).', 'service', 'NMR').negated).toBe(true);
    expect(mention('Massage 12 min to L calf, spasm eased.', 'service', 'Massage').negated).toBe(false);
  });
  it('marks the whole sentence when it is about home', () => {
    expect(mention('Stretch hamstrings at home daily.', 'body-region', 'hamstrings').home).toBe(true);
  });
});

describe('minutes per code and totals', () => {
  it('reads the issue examples', () => {
    expect(minutes('Therapeutic massage -- 15 min to R upper trapezius.')).toEqual({ '97124': 15 });
    expect(minutes("97124 x2 (25')")).toEqual({ '97124': 25 });
    expect(minutes('Therapeutic exercise 8:05-8:35')).toEqual({ '97110': 30 });
    expect(minutes('Ther ex 20 minutes; massage 10 min')).toEqual({ '97110': 20, '97124': 10 });
    expect(minutes('15 minutes of massage to the lumbar paraspinals')).toEqual({ '97124': 15 });
  });
  it('reads totals, with or without a unit', () => {
    const chart = analyzeChart('Total timed minutes: 38\nTotal treatment time: 45 min');
    expect(chart.totals.timed?.minutes).toBe(38);
    expect(chart.totals.treatment?.minutes).toBe(45);
    expect(analyzeChart('Treatment time: 8:00-8:55').totals.treatment?.minutes).toBe(55);
  });
  it('never counts minutes that are not treatment time', () => {
    const note = [
      'Massage 15 min.',
      '6-minute walk test: 350 m.',
      'Sitting tolerance 20 minutes.',
      'Ice 15 minutes at home.',
      'HEP: walk 30 minutes daily.',
      'Plan: massage 15 min next visit.',
      'Massage, hold stretch 30 sec.',
    ].join('\n');
    expect(minutes(note)).toEqual({ '97124': 15 });
  });
  it('adds separate entries in one section; a repeat in a billing summary is the same time', () => {
    expect(minutes('Treatment:\nMassage cervical 10 min.\nMassage lumbar 10 min.\nBilling:\n97124 x1 (20 min)')).toEqual({ '97124': 20 });
  });
  it('keeps conflicting figures for the same code', () => {
    const chart = analyzeChart('Treatment:\nMassage 15 min.\nBilling:\n97124 (25 min)');
    expect(chart.minutesByCode['97124']).toMatchObject({ minutes: 15, conflicting: [25] });
  });
  it('does not attribute minutes to an ambiguous service name', () => {
    expect(minutes('E-stim 15 min to lumbar.')).toEqual({});
  });
});

describe('measurements', () => {
  it('finds ROM, pain, MMT, girth, graded tenderness and outcome scores', () => {
    const chart = analyzeChart(
      'Cervical rotation 40 degrees. Pain 6/10. Shoulder flexion 4-/5. Knee girth 42 cm (edema). Grade 2 tenderness L QL. ODI 34%.',
    );
    expect(chart.measurements.map((m) => [m.kind, m.value])).toEqual([
      ['rom', 40],
      ['pain', 6],
      ['mmt', 3.7],
      ['girth', 42],
      ['tenderness', 2],
      ['outcome', 34],
    ]);
  });
  it('ignores dates, temperatures and scar lengths', () => {
    const chart = analyzeChart('Seen 5/10/2026. Temp 98.6 degrees F. Healed 5 cm scar.');
    expect(chart.measurements).toEqual([]);
  });
  it('reads "<word>-free" as a qualifier of the motion, not what is measured', () => {
    const chart = analyzeChart('O: pain-free abduction 110°, flexion 160°.\nPost: abduction pain free to 135°.');
    expect(chart.changes.map((c) => [c.kind, c.attribute, c.from, c.to, c.since])).toEqual([['rom', 'abduction', 110, 135, 'session']]);
  });
  it('reads a patient-specific scale rating an activity, and a score out of its maximum, with the earlier value in brackets', () => {
    const chart = analyzeChart('PSFS climbing stairs 6/10 (2/10 at IE). NDI 12/50 (20/50 at eval).');
    expect(chart.changes.map((c) => [c.kind, c.attribute, c.from, c.to, c.direction])).toEqual([
      ['outcome', 'psfs', 2, 6, 'better'],
      ['outcome', 'ndi', 20, 12, 'better'],
    ]);
  });
  it('reads a pair of values with its bracketed earlier pair, side by side', () => {
    const chart = analyzeChart('O: Shoulder flexion R 120 deg / L 150 deg (105/150 at eval).');
    expect(chart.changes.map((c) => [c.kind, c.from, c.to, c.direction])).toEqual([
      ['rom', 150, 150, 'same'],
      ['rom', 105, 120, 'better'],
    ]);
  });
  it.each([
    ['sides first, the earlier pair with its unit, unchanged', 'O: cervical SB R/L 35\u00b0/38\u00b0 (35\u00b0/38\u00b0 prior visit).', [['rom', 38, 38, 'same'], ['rom', 35, 35, 'same']]],
    ['the earlier pair with its unit, improved', 'O: hip IR R/L 22\u00b0/30\u00b0 (15\u00b0/24\u00b0 at IE).', [['rom', 24, 30, 'better'], ['rom', 15, 22, 'better']]],
    ['degrees written out in both pairs', 'O: knee flex R 100 deg / L 130 deg (100 deg/130 deg prior visit).', [['rom', 130, 130, 'same'], ['rom', 100, 100, 'same']]],
  ])('a pair against its bracketed earlier pair, side by side: %s', (_name, note, want) => {
    expect(analyzeChart(note).changes.map((c) => [c.kind, c.from, c.to, c.direction])).toEqual(want);
  });
  it('two sides written as a pair are no change of one into the other', () => {
    expect(analyzeChart('O: shoulder ER R/L 40\u00b0/65\u00b0.').changes).toEqual([]);
  });
  it('reads a measure grid: each row from its earliest column to its latest', () => {
    const chart = analyzeChart('Measure        IE (9/02)    Last wk    Today\nKnee flex      88 deg       101 deg    109 deg\nPain (NPRS)    8/10         5/10       4/10\nODI            52%          40%        34%\nGoal: kneel to garden.');
    expect(chart.changes.map((c) => [c.kind, c.from, c.to, c.direction, c.since])).toEqual([
      ['rom', 88, 109, 'better', 'earlier'],
      ['outcome', 8, 4, 'better', 'earlier'],
      ['outcome', 52, 34, 'better', 'earlier'],
    ]);
  });
  it('a table whose columns are not times is no measure grid', () => {
    const chart = analyzeChart('Exercise      Sets    Reps\nBridges       3       10 deg\nClams         2       15');
    expect(chart.changes).toEqual([]);
  });
  it('reads the earlier value in brackets with "was" inside and a few words before the bracket', () => {
    const chart = analyzeChart('S: standing tolerance 25 min at the sink (was 10 min at IE). Knee flexion 104 deg (was 90 deg at IE).');
    expect(chart.changes.map((c) => [c.kind, c.from, c.to, c.since])).toEqual([
      ['tolerance', 10, 25, 'earlier'],
      ['rom', 90, 104, 'earlier'],
    ]);
  });
  it('an earlier value with when it was taken in brackets, then an arrow to the latest, is a change since then', () => {
    const changes = (note: string) => analyzeChart(note).changes.map((c) => [c.kind, c.from, c.to, c.since]);
    expect(changes('Pain (NPRS): 6/10 (eval 2/03) -> 3/10 today.')).toEqual([['pain', 6, 3, 'earlier']]);
    expect(changes('Cx rot R 48 deg [IE] → 66 deg.')).toEqual([['rom', 48, 66, 'earlier']]);
    // A bracket that names a side is no earlier time: no change read from it.
    expect(changes('Pain 6/10 (L) -> 3/10.')).toEqual([]);
  });
  it('"up"/"down" stairs is where the patient went, not a change', () => {
    expect(analyzeChart('Step training with 5 lb up 6 stairs and down 6 stairs.').changes).toEqual([]);
    expect(analyzeChart('Knee flexion up 12 deg since last week.').changes.map((c) => c.direction)).toEqual(['better']);
  });
  it('"before"/"after" right after a value that ends its clause are its phase', () => {
    const chart = analyzeChart('Pain 8/10 before, 5/10 after. Pain 4/10 after a fall in May.');
    expect(chart.measurements.map((m) => [m.value, m.phase ?? null])).toEqual([
      [8, 'pre'],
      [5, 'post'],
      [4, null],
    ]);
  });
  it('"which is up from" and "<value> today, <value> at eval" are changes since earlier', () => {
    expect(analyzeChart('Knee flexion 118 degrees which is up from 96 degrees at IE.').changes.map((c) => [c.from, c.to, c.direction])).toEqual([[96, 118, 'better']]);
    expect(analyzeChart('Pain 3/10 today, 7/10 at initial eval.').changes.map((c) => [c.from, c.to, c.since])).toEqual([[7, 3, 'earlier']]);
    expect(analyzeChart('Pain 4/10, 6/10 on the left.').changes).toEqual([]);
  });
  // How far a reach goes, as a spinal level (C1 = 1 … L5 = 24, sacrum 25): higher up the back is better.
  it.each([
    ['Functional IR R: thumb to T8 today, was T12 at IE.', [['level', 19, 15, 'better']]],
    ['HBB to L4 from L1.', [['level', 20, 23, 'worse']]],
    ['Reaching behind back to L2, previously sacrum.', [['level', 25, 21, 'better']]],
    ['Apley scratch L to T6 (T10 at eval).', [['level', 17, 13, 'better']]],
  ])('reads a landmark reached as a level: %s', (note, changes) => {
    expect(analyzeChart(note).changes.map((c) => [c.kind, c.from, c.to, c.direction])).toEqual(changes);
  });
  it.each(['Pain at L5 with radiation to the buttock.', 'L4-5 disc bulge per MRI.', 'TTP over the sacrum and T7.'])('a spinal level with no reach is where, not a measure: %s', (note) => {
    expect(analyzeChart(note).measurements.filter((m) => m.kind === 'level')).toEqual([]);
  });
  // Gait speed and walk tests: a speed is better when higher, whichever test gave it.
  it.each([
    ['Gait speed 1.2 m/s today, was 0.9 m/s at eval.', [['outcome', 0.9, 1.2, 'better']]],
    ['Walked 0.75 meters per second (0.6 meters per second at IE).', [['speed', 0.6, 0.75, 'better']]],
    ['10MWT: 2.8 ft/s, up from 2.2 ft/s.', [['outcome', 2.2, 2.8, 'better']]],
    ['Treadmill at 1.8 mph from 1.2 mph.', [['speed', 1.2, 1.8, 'better']]],
  ])('reads a walking speed and its change: %s', (note, changes) => {
    expect(analyzeChart(note).changes.map((c) => [c.kind, c.from, c.to, c.direction])).toEqual(changes);
  });
  it.each([
    ['TUG 10.4 sec (13.9 sec at IE).', 'better'],
    ['6MWT 388 m, was 320 m at eval.', 'better'],
    ['6MWT 300 m, was 350 m at eval.', 'worse'],
    // Timed in seconds, a walk test that is better when faster is better when shorter (the time it took).
    ['10MWT 9.1 s (11.5 s at eval).', 'better'],
    ['10MWT 12.4 secs, was 10.9 secs at eval.', 'worse'],
    // Timed sit-to-stand and up-and-go, by any of their written names and second marks.
    ['5xSTS 18 sec at IE, today 14 sec.', 'better'],
    ['FTSTS 17.5 secs (IE 02/11: 22 secs).', 'better'],
    // Hyphens fold to spaces in the lexicon, so one row serves the hyphenated name too.
    ['Five-times sit-to-stand 14 sec, was 19 sec at eval.', 'better'],
    ['TUG 16\u2033 (eval 21\u2033).', 'better'],
    ['Timed up and go 11 s, was 15 s at eval.', 'better'],
    ['SLS L 4" -> 9" post.', 'better'],
  ])('a performance test by its written name says which way is better: %s', (note, direction) => {
    expect(analyzeChart(note).changes.map((c) => c.direction)).toEqual([direction]);
  });
  it('a speed after a walk test is a performance score, not a distance', () => {
    expect(analyzeChart('Ten metre walk 0.95 m/s.').measurements.map((m) => [m.kind, m.instrument ?? null, m.value])).toEqual([['outcome', 'performance', 0.95]]);
  });
  it.each([
    ['Grip R 52 lb (eval 3/2: 38 lb).', 38, 52],
    ['Pain 2/10 (IE 02/11 \u2013 6/10).', 6, 2],
    ['Cervical rot L 62 deg [last visit 50 deg].', 50, 62],
    ['Lumbar flex 70 deg (visit 4: 55 deg).', 55, 70],
    ['Opening 38 mm (at initial eval on 1/12/26, 29 mm).', 29, 38],
  ])('an earlier value in brackets after when it was taken: %s', (note, from, to) => {
    expect(analyzeChart(note).changes.map((c) => [c.from, c.to, c.since])).toEqual([[from, to, 'earlier']]);
  });
  it('a bracket that names no earlier time, or closes with the other kind of bracket, is no earlier value', () => {
    expect(analyzeChart('Flexion 120 deg [L 110 deg].').changes).toEqual([]);
    expect(analyzeChart('Flexion 120 deg (eval: 110 deg].').changes).toEqual([]);
    expect(analyzeChart('Flexion 120 deg (visit 4 110).').changes).toEqual([]);
  });
  it('a double prime after a figure is a unit, not a quotation mark', () => {
    const chart = analyzeChart('TUG 16" (eval 21"). Massage 97124 R calf 12 min.');
    expect(chart.measurements.map((m) => [m.value, m.quoted])).toEqual([[16, false], [21, false]]);
  });
  it('a value for the other side in brackets is no earlier value', () => {
    expect(analyzeChart('Flexion 120 deg R (110 deg L).').changes).toEqual([]);
  });
  it('reads "after tx" written after the figure as a value after treatment', () => {
    const chart = analyzeChart('O: cervical rotation R 50°.\nA: rotation R 62° after tx.');
    expect(chart.changes.map((c) => [c.from, c.to, c.since])).toEqual([[50, 62, 'session']]);
  });
  it('reads a phase written after the figure', () => {
    const chart = analyzeChart('Pain 6/10 pre-treatment, 3/10 post-treatment.');
    expect(chart.measurements.map((m) => [m.value, m.phase])).toEqual([
      [6, 'pre'],
      [3, 'post'],
    ]);
  });
  // Pre/post within the session written with the phase, or the work the value followed, after each value.
  it.each([
    ['Incisal opening 27 mm at the outset, 33 mm after the jaw release.', [['rom', 'opening', 27, 33, 'better', 'session']]],
    ['Hamstring SLR 45 deg to begin with, 58 deg following IASTM.', [['rom', 'slr', 45, 58, 'better', 'session']]],
    ['Pain 7/10 at start, 4/10 after gentle soft tissue mobilization.', [['pain', 'pain', 7, 4, 'better', 'session']]],
    ['Knee flexion initially 96 deg, then 108 deg after the stretching.', [['rom', 'flexion', 96, 108, 'better', 'session']]],
    ['FTF 22 cm pre, 15 cm post.', [['rom', 'fingertip-to-floor', 22, 15, 'better', 'session']]],
  ])('a value taken before and one after the work in the session: %s', (note, changes) => {
    expect(analyzeChart(note).changes.map((c) => [c.kind, c.attribute, c.from, c.to, c.direction, c.since])).toEqual(changes);
  });
  it.each([
    // A number between the phase word and the work is a time span, not the session.
    'Neck pain 3/10 after 4 weeks of massage.',
    // "opening" names a motion only before a length; a scar length is no motion.
    'Opening the jar is hard. Healed 4 cm scar.',
  ])('no within-session change: %s', (note) => {
    expect(analyzeChart(note).changes).toEqual([]);
  });
  // An activity tolerance as a distance or a time, its earlier value in brackets.
  it.each([
    ['Cycled 12 km Sunday w/o knee ache (was 4 km at IE).', [['distance', 4, 12, 'better', 'earlier']]],
    ['Hiking 3 miles now (was 1 mile).', [['distance', 1, 3, 'better', 'earlier']]],
    ['Pt walks 8 blocks to the pharmacy (3 blocks at eval).', [['distance', 3, 8, 'better', 'earlier']]],
    ['Jogging 25 min pain-free (was 10 min last month).', [['tolerance', 10, 25, 'better', 'earlier']]],
    ['Swims 16 laps today (was 6 laps).', [['distance', 6, 16, 'better', 'earlier']]],
  ])('an activity distance or time against its bracketed earlier value: %s', (note, changes) => {
    expect(analyzeChart(note).changes.map((c) => [c.kind, c.from, c.to, c.direction, c.since])).toEqual(changes);
  });
  it.each([
    // "vs" alone may be the other side or a norm.
    'Hip abduction 30 deg R (vs 38 deg).',
    // A long stretch of words before the bracket is no longer about the value.
    'Walked 2 mi with her sister and the dog around the lake (her idea).',
  ])('no earlier value in the bracket: %s', (note) => {
    expect(analyzeChart(note).changes).toEqual([]);
  });
  // An arrow change, ASCII or not, with a phase word after it; measure names abbreviated.
  it.each([
    ['Lx flex 35 -> 50 deg post.', [['rom', 'flexion', 35, 50, 'better', 'session']]],
    ['R shoulder ER 40→52° post-tx.', [['rom', 'er', 40, 52, 'better', 'session']]],
    ['Cx SB L 25 => 34 post', [['rom', 'sidebend', 25, 34, 'better', 'session']]],
    ['L rot 55 -> 68 after massage.', [['rom', 'rotation', 55, 68, 'better', 'session']]],
    ['Pain 7 -> 4 after.', [['pain', 'pain', 7, 4, 'better', 'session']]],
  ])('an arrow change with a phase word after it: %s', (note, changes) => {
    expect(analyzeChart(note).changes.map((c) => [c.kind, c.attribute, c.from, c.to, c.direction, c.since])).toEqual(changes);
  });
  it.each([
    // A count of sets or minutes after the arrow is no motion, a score over 10 no pain.
    'Hip flex 2 -> 3 sets.',
    'Rot 10 -> 15 min on the bike.',
    'Pain 6 -> 30 on the chart.',
  ])('bare figures after an arrow that are no measure: %s', (note) => {
    expect(analyzeChart(note).changes).toEqual([]);
  });
  it('abbreviated SOAP headings end the plan of care heading above them', () => {
    const chart = analyzeChart('Plan of care: 2x/wk x 4 wk\nObj: R trap hypertonicity. Cx rot R 42 -> 51 deg post.');
    expect(chart.changes.map((c) => [c.section, c.from, c.to])).toEqual([['objective', 42, 51]]);
  });
  it('records pre/post phases and documented changes', () => {
    const chart = analyzeChart('Pre: pain 6/10; rotation 40 degrees. Post: pain 3/10; rotation 52 degrees. Flexion improved from 90 to 120 degrees.');
    expect(chart.measurements.map((m) => [m.kind, m.value, m.phase ?? null, m.change ?? null])).toEqual([
      ['pain', 6, 'pre', null],
      ['rom', 40, 'pre', null],
      ['pain', 3, 'post', { from: 6, to: 3 }],
      ['rom', 52, 'post', { from: 40, to: 52 }],
      ['rom', 120, null, { from: 90, to: 120 }],
    ]);
    expect(chart.changes.map((c) => [c.kind, c.from, c.to, c.since, c.direction])).toEqual([
      ['pain', 6, 3, 'session', 'better'],
      ['rom', 40, 52, 'session', 'better'],
      ['rom', 90, 120, 'earlier', 'better'],
    ]);
  });
});

describe('claim lines, signatures and episode facts written in the note', () => {
  it('reads billed codes with modifiers and units, not codes mentioned in prose', () => {
    const chart = analyzeChart('Billing:\n97124-GP x2 (25 min)\n97110 GP CQ 2 units\nConsider 97140 next time.');
    expect(chart.noteLines.map((l) => [l.code, l.modifiers, l.units, l.minutes ?? null])).toEqual([
      ['97124', ['GP'], 2, 25],
      ['97110', ['GP', 'CQ'], 2, null],
    ]);
  });
  it('reads a code written mid-line with its own minutes as a listing, not a code mentioned in prose', () => {
    const codes = (note: string) => analyzeChart(note).noteLines.map((l) => [l.code, l.minutes ?? null]);
    expect(codes('Tx: massage 97124 14 min, 97110 12 min.')).toEqual([['97124', 14], ['97110', 12]]);
    expect(codes('Today: 97124 massage R UT 14 min; gait 97116 11 min.')).toEqual([['97124', 14], ['97116', 11]]);
    expect(codes('97124 R calf 13 min. Pt drove in. 97530 lifting 10 min.')).toEqual([['97124', 13], ['97530', 10]]);
    // Its own minutes may stand well after it, where the time grammar tied them to it.
    expect(codes('Today skilled STM 97124 to the R QL for palpable spasm limiting sit-to-stand, 14 min; 97110 12 min.')).toEqual([['97124', 14], ['97110', 12]]);
    expect(codes('Massage 97124 not for comfort; aimed at guarding limiting stairs. 15 min. Ther ex 97110 10 min.')).toEqual([['97124', 15], ['97110', 10]]);
    // Prose: negated, another visit, a reference, not billed, a plan.
    expect(codes('97124 R calf 13 min. No 97140 today.')).toEqual([['97124', 13]]);
    // "x N" followed by a minute mark or a length is minutes, not units.
    expect(analyzeChart("Ther ex 97110 x 10'. 97124 x 2 units.").noteLines.map((l) => [l.code, l.units ?? null, l.minutes ?? null])).toEqual([['97110', null, 10], ['97124', 2, null]]);
    expect(codes('97124 R calf 13 min. Compare: cf. 97110 last visit 12 min.')).toEqual([['97124', 13]]);
    expect(codes('97124 R calf 13 min. Also 97530 not billed 10 min.')).toEqual([['97124', 13]]);
    expect(codes('97124 R calf 13 min. Will add 97110 12 min next visit.')).toEqual([['97124', 13]]);
    expect(codes('97124 R calf 13 min. Pt asked about 97140; declined. Instead of 97112 8 min, rest.')).toEqual([['97124', 13]]);
  });
  it('reads signer credentials and assistant involvement', () => {
    const creds = (note: string) => analyzeChart(note).credentials.map((c) => [c.credential, c.kind]);
    expect(creds('Electronically signed: J. Smith, PTA')).toEqual([['PTA', 'signature'], ['PTA', 'involvement']]);
    expect(creds('SOAP (by Jane Doe, DPT)')).toEqual([['PT', 'signature']]);
    expect(creds('Signed by: Ann Lee OTR/L')).toEqual([['OT', 'signature']]);
    expect(creds('Massage performed by the licensed massage therapist.')).toEqual([['LMT', 'involvement']]);
    expect(creds('Patient asks whether a massage therapist would help.')).toEqual([]);
  });
  it('reads visit number and dates in several formats, ignoring impossible dates', () => {
    const ep = analyzeChart('Visit #7 of 12. Onset: 10/01/2026. Plan of care dated Sep 3, 2026. DOS: 2026-11-02.').episode;
    expect(ep.visitNumber?.value).toBe(7);
    expect(ep.onsetDate?.value).toBe('2026-10-01');
    expect(ep.planOfCareStart?.value).toBe('2026-09-03');
    expect(ep.dateOfService?.value).toBe('2026-11-02');
    expect(analyzeChart('Onset: 02/31/2026').episode.onsetDate).toBeUndefined();
    expect(analyzeChart('Date of visit: 01/05/2026').episode.visitNumber).toBeUndefined();
  });
});

describe('odd encodings', () => {
  it('handles CRLF, NBSP, smart quotes and dashes, zero-width spaces and a BOM', () => {
    const note = '\uFEFFTherapeutic\u00a0massage \u2013 15\u2019 to R upper trap.\r\nNo\u200b palpable spasm.\r\nPain 6/10 \u2192 3/10.';
    const chart = analyzeChart(note);
    expect(minutes(note)).toEqual({ '97124': 15 });
    expect(chart.mentions['objective-findings']!.some((m) => m.text.toLowerCase() === 'palpable spasm' && m.negated)).toBe(true);
    expect(chart.measurements.filter((m) => m.kind === 'pain').map((m) => m.value)).toEqual([6, 3]);
  });
  it('keeps offsets exact when lowercasing would change string length', () => {
    const note = 'İstanbul trip. Massage for relaxation.';
    const m = mention(note, 'comfort', 'relaxation');
    expect(note.slice(m.start, m.end)).toBe('relaxation');
  });
});

describe('trailing context triggers', () => {
  it('marks history and plans that come after what they qualify', () => {
    expect(mention('Has tried massage in the past without benefit.', 'massage-service', 'massage').historical).toBe(true);
    expect(mention('Progress to therapeutic exercise next visit.', 'active-therapy', 'therapeutic exercise').hypothetical).toBe(true);
  });
  it('does not count non-therapeutic massage as 97124 time', () => {
    expect(minutes('Fundal massage 5 min, firm.')).toEqual({});
  });
});
