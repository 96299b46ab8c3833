// The time grammar, notation by notation: each row is a way notes write time and what must be read.
import { describe, expect, it } from 'vitest';
import { analyzeChart } from '../../../src/engine/chart';
import { TIME_RULE_NAMES } from '../../../src/engine/chart/time-grammar';

interface Row {
  name: string;
  note: string;
  /** Minutes per code the chart must read (codes not listed must be absent). */
  minutes?: Record<string, number>;
  timed?: number;
  treatment?: number;
  untimed?: number;
  /** Unresolved figures (time-like text tied to no service), by their text. */
  unresolved?: string[];
}

function read(note: string) {
  const chart = analyzeChart(note);
  return {
    minutes: Object.fromEntries(Object.values(chart.minutesByCode).map((c) => [c.code, c.minutes])),
    timed: chart.totals.timed?.minutes,
    treatment: chart.totals.treatment?.minutes,
    untimed: chart.totals.untimed?.minutes,
    unresolved: chart.unresolvedTimes.map((u) => u.text),
  };
}

function table(title: string, rows: Row[]) {
  describe(title, () => {
    for (const row of rows) {
      it(row.name, () => {
        const got = read(row.note);
        if (row.minutes) expect(got.minutes).toEqual(row.minutes);
        if ('timed' in row) expect(got.timed).toBe(row.timed);
        if ('treatment' in row) expect(got.treatment).toBe(row.treatment);
        if ('untimed' in row) expect(got.untimed).toBe(row.untimed);
        if (row.unresolved) expect(got.unresolved).toEqual(row.unresolved);
      });
    }
  });
}

table('clock ranges', [
  { name: '24-hour without a colon', note: 'Massage 1400-1415 to R upper trap.', minutes: { '97124': 15 } },
  { name: '24-hour with a colon and an en dash', note: 'Therapeutic massage 14:00\u201314:15, L QL.', minutes: { '97124': 15 } },
  { name: 'one-letter meridiem against the time', note: 'Ther ex 2:00p-2:15p: bridges.', minutes: { '97110': 15 } },
  { name: 'meridiem once, after the range', note: '1:30-1:42 pm Therapeutic massage: side-lying.', minutes: { '97124': 12 } },
  { name: 'dotted meridiem on both ends', note: 'Gait training 8:05 a.m. to 8:35 a.m. with cane.', minutes: { '97116': 30 } },
  { name: '"from 2 to 2:15"', note: 'Massage from 2 to 2:15 to the forearm extensors.', minutes: { '97124': 15 } },
  { name: 'crossing noon without a meridiem', note: 'Ther ex 11:50-12:10: rows.', minutes: { '97110': 20 } },
  { name: 'three-digit 24-hour figures', note: 'NMR 945-1005 balance on foam.', minutes: { '97112': 20 } },
  { name: 'a full stop for the colon', note: 'Massage 8.05-8.20 to R trap.', minutes: { '97124': 15 } },
  { name: 'decimal measures are not clock times', note: 'Massage to R calf; girth 44.5-46.0 cm.', minutes: {} },
  { name: 'start and end labels', note: 'Therapeutic massage start 9:00 end 9:15, R trap.', minutes: { '97124': 15 } },
  { name: 'a chained range ("until")', note: 'Massage from 2 to 2:15, then ther ex until 2:40.', minutes: { '97124': 15, '97110': 25 } },
  { name: 'a range of degrees is not time', note: 'Massage to R trap; flexion 120-135 deg.', minutes: {} },
  { name: 'dates are not time', note: 'Massage 2026-03-12 to R trap.', minutes: {} },
]);

table('durations', [
  { name: '12 min', note: 'Massage 12 min, R trap.', minutes: { '97124': 12 } },
  { name: '12 mins', note: 'Massage 12 mins, R trap.', minutes: { '97124': 12 } },
  { name: '12m written against the number', note: 'Massage 12m, R trap.', minutes: { '97124': 12 } },
  { name: "12' (minute mark)", note: "Massage 12', R trap.", minutes: { '97124': 12 } },
  { name: '12\u2032 (prime)', note: 'Massage 12\u2032, R trap.', minutes: { '97124': 12 } },
  { name: "x12'", note: "Massage x12': R trap.", minutes: { '97124': 12 } },
  { name: 'x 12 min', note: 'Massage x 12 min to R trap.', minutes: { '97124': 12 } },
  { name: '(12) after the service', note: 'Massage (12) to R trap, kneading.', minutes: { '97124': 12 } },
  { name: '1 hr', note: 'Therapeutic massage 1 hr, full back.', minutes: { '97124': 60 } },
  { name: '1h05m', note: 'Therapeutic massage 1h05m, full back.', minutes: { '97124': 65 } },
  { name: '1 hr 5 min', note: 'Therapeutic massage 1 hr 5 min, full back.', minutes: { '97124': 65 } },
  { name: 'spelled: twelve minutes', note: 'Massage for twelve minutes to the R trap.', minutes: { '97124': 12 } },
  { name: 'spelled: twenty-five minutes', note: 'Therapeutic exercise for twenty-five minutes.', minutes: { '97110': 25 } },
  { name: 'spelled: half an hour', note: 'Massage for half an hour to the low back.', minutes: { '97124': 30 } },
  { name: '14 m (spaced) in a treatment line', note: 'Ther massage (97124): 14 m', minutes: { '97124': 14 } },
  { name: '15-min with nothing after it', note: 'Massage: 15-min, R trap.', minutes: { '97124': 15 } },
  { name: 'a bare figure after a code', note: 'Timed: 38 min (97124 15, 97110 23)', minutes: { '97124': 15, '97110': 23 }, timed: 38 },
  { name: 'a bare count after a code is units', note: '97110 2, ther ex rows and bands, 23 min', minutes: { '97110': 23 } },
  { name: 'an abbreviation with full stops', note: 'Ther. ex. 20 min: bridges.', minutes: { '97110': 20 } },
  { name: 'an age written 46M is not minutes', note: 'Pt: 46M; massage to R trap.', minutes: {}, unresolved: [] },
  { name: 'metres in gait training are not minutes', note: 'Gait training: ambulated 50m x3 with cane, 15 min.', minutes: { '97116': 15 } },
]);

table('which service a time belongs to', [
  { name: 'code before the time', note: '97124 - 12 min - R trap.', minutes: { '97124': 12 } },
  { name: 'code after the time', note: '12 min 97124 to R trap.', minutes: { '97124': 12 } },
  { name: 'time first on each line', note: '0900-0914 Therapeutic massage L QL\n0914-0938 Neuromuscular re-ed\n0938-0947 Ther ex', minutes: { '97124': 14, '97112': 24, '97110': 9 } },
  { name: 'a service named in passing does not take the time', note: 'Therapeutic massage (97124): lumbar paraspinals, same area as the mobilization, kneading, 25 min; ther ex 15 min.', minutes: { '97124': 25, '97110': 15 } },
  { name: 'then / followed by start a new clause', note: 'Scar massage for 10 minutes, followed by 25 minutes of therapeutic exercise.', minutes: { '97124': 10, '97110': 25 } },
  { name: 'two services, service first, on one line', note: 'Massage 12 min, then ther ex 25 min.', minutes: { '97124': 12, '97110': 25 } },
  { name: 'dictated run-on text', note: 'then massage to the right infraspinatus with petrissage 14 mins this is the shoulder girdle then ther ex 16 mins rows', minutes: { '97124': 14, '97110': 16 } },
  { name: 'code with modifier before the activity name', note: "97124-GP Therapeutic massage 15', R trap.", minutes: { '97124': 15 } },
  { name: 'duration followed by units in brackets', note: 'Massage 25 min (2 units) to the lumbar paraspinals.', minutes: { '97124': 25 } },
  { name: 'heading above a list', note: 'Therapeutic massage (97124):\n  - L upper trapezius, kneading, 10 min\n  - L levator, stripping, 5 min\nTher ex 97110 12 min', minutes: { '97124': 15, '97110': 12 } },
  { name: 'the figure finishing the clause before it', note: 'Massage to R upper trap. 12 min.', minutes: { '97124': 12 } },
  { name: 'dotted leader', note: 'Ther ex 97110 .......... 25 min\nMassage 97124 .......... 12 min', minutes: { '97110': 25, '97124': 12 } },
  { name: 'pipe table with a minutes column', note: '| Code | Service | Min | Units |\n|---|---|---|---|\n| 97124 | Massage | 15 | 1 |\n| 97110 | Ther ex | 23 | 2 |', minutes: { '97124': 15, '97110': 23 } },
  { name: 'tab-separated table', note: 'CPT\tDescription\tMinutes\n97124\tTherapeutic massage\t12\n97530\tTherapeutic activities\t26', minutes: { '97124': 12, '97530': 26 } },
  { name: 'space-aligned table', note: 'Code    Service             Time\n97124   Massage             13\n97110   Ther ex             25', minutes: { '97124': 13, '97110': 25 } },
  { name: 'same figure twice in one statement', note: 'Therapeutic massage 9:20-9:45 (25 min): effleurage.', minutes: { '97124': 25 } },
  { name: 'bare count under 8 after a code is units', note: 'Ther ex 97110 (2): rows.', minutes: {} },
  { name: 'heading with its code and a colon, entry on the unindented line under it', note: 'Massage (97124):\nStripping to the L piriformis, 14 min.\n\nTher ex (97110):\nClamshells and monster walks, 20 min.', minutes: { '97124': 14, '97110': 20 } },
  { name: 'a blank line ends a colon heading', note: 'Massage (97124):\nStripping to the L piriformis.\n\nWalked 10 min on the treadmill to warm up.', minutes: {} },
  { name: "a clause's only bracketed figure, before an arrow to its code", note: '- Ther ex: lunges, step-ups (22) -> 97110 1u\n- Massage to R calf (9) \u2192 97124 1u', minutes: { '97110': 22, '97124': 9 } },
  { name: "figures closing entries under a label that declares minutes", note: 'Interventions (mins): 97140 joint mobs \u2014 11 | 97124 effleurage to L calf, per Dr. J. Ruiz \u2014 9', minutes: { '97140': 11, '97124': 9 } },
  { name: 'the same figures under a label that declares nothing are not minutes', note: 'Interventions: 97140 joint mobs \u2014 2 | 97124 effleurage to L calf \u2014 1', minutes: {} },
  { name: 'a figure right after its code, whatever words follow it', note: '97530 12 min sitting tolerance drills at the desk', minutes: { '97530': 12 } },
  { name: 'a time heading a list: the list is what it covers, not more time', note: 'Ther ex 25 min: wall slides, rows, treadmill 5 min.', minutes: { '97110': 25 } },
  { name: 'bracketed repetitions beside a stated time are not minutes', note: 'Ther ex: lunges (10), step-ups (12), 18 min.', minutes: { '97110': 18 } },
]);

table('a flowsheet row and a narrative about the same service', [
  { name: 'the same figure in both is one statement', note: 'Service | Min\nTherapeutic massage R UT | 10\nNarrative: massage to R UT with kneading x 10 min.', minutes: { '97124': 10 } },
  { name: 'two flowsheet rows of one service add up', note: 'Service | Region | Min\nMassage | cervical | 8\nMassage | lumbar | 7', minutes: { '97124': 15 } },
  { name: 'two narrative entries of one service add up', note: 'Massage to the neck 8 min. Later, massage to the low back 7 min.', minutes: { '97124': 15 } },
]);

table('totals', [
  { name: 'Total timed minutes: 38', note: 'Total timed minutes: 38', timed: 38 },
  { name: 'Total treatment time 45 min', note: 'Total treatment time 45 min', treatment: 45 },
  { name: "TTT 45'", note: "TTT 45'", treatment: 45 },
  { name: 'Ttl timed 38m', note: 'Ttl timed 38m', timed: 38 },
  { name: 'Tx time = 45', note: 'Tx time = 45', treatment: 45 },
  { name: 'Timed / Untimed / Total', note: 'Timed 38 / Untimed 10 / Total 48', timed: 38, untimed: 10, treatment: 48 },
  { name: 'dotted leader', note: 'Total timed ............ 37 min', timed: 37 },
  { name: 'a clock range as the total', note: 'Session time: 8:00-8:45', treatment: 45 },
  { name: 'time in and time out', note: 'Time in: 0900  Time out: 0945', treatment: 45 },
  { name: 'spelled-out totals', note: 'Total timed minutes: forty. Total treatment time: forty-eight minutes.', timed: 40, treatment: 48 },
  { name: 'a word between the label and the figure', note: 'Total treatment time today was 35 minutes.', treatment: 35 },
  { name: 'session time', note: 'Session time: 60 min (10:00-11:00).', treatment: 60, unresolved: [] },
  { name: '"Tx:" alone is a heading, not a total', note: 'Tx: 12 min massage to R trap.', treatment: undefined, minutes: { '97124': 12 } },
  { name: 'units are not a total', note: 'Total 3 units billed.', treatment: undefined },
  { name: 'a total in brackets', note: 'Timed minutes total (41)', timed: 41 },
  { name: "a label's abbreviation in brackets", note: 'Total timed minutes (TTM) 41', timed: 41 },
  { name: 'whom the time was spent with, after the label', note: 'Timed treatment was twenty minutes; total time with the patient thirty minutes.', timed: 20, treatment: 30 },
  { name: '"spent with pt" and a colon', note: 'Total time spent with pt: 48 min', treatment: 48 },
  { name: 'face-to-face time with the client', note: 'Total face-to-face time with the client was 40 minutes.', treatment: 40 },
  { name: 'spent with the patient today, no colon', note: 'Total time spent with patient today 52 minutes', treatment: 52 },
  // A summary line written after a home-program section is the visit's total; the program's own time is not.
  { name: 'a total line after a home-program section', note: 'Massage 97124 16 min to L QL.\nHome program: cat-camel and child pose, handout given.\nTotal tx time 16 min.', treatment: 16, minutes: { '97124': 16 } },
  { name: 'a bulleted total after the home exercises', note: 'Massage 97124 22 min, R glutes.\nHEP:\n- clamshells 2x10\n- Total treatment time: 22 min', treatment: 22 },
  { name: 'a total inside the home-program line is the program\u2019s', note: 'Massage 97124 16 min.\nHEP: bridges and planks, total 15 min daily.', treatment: undefined },
  { name: 'a total of one service is that service\u2019s time', note: 'Massage for a total of 20 minutes to the low back.', treatment: undefined, minutes: { '97124': 20 } },
]);

// A spelled number is read whole wherever a number is read: as a total's bare figure, a duration, a measure.
table('spelled compound numbers', [
  { name: 'a hyphenated compound as a bare total', note: 'Total timed minutes fifty-two.', timed: 52 },
  { name: 'a spaced compound after a colon', note: 'Timed total: forty six', timed: 46 },
  { name: 'a compound total with its minutes word', note: 'Total treatment time sixty-one minutes.', treatment: 61 },
  { name: 'hundreds with "and"', note: 'Session length one hundred and five minutes.', treatment: 105 },
  { name: 'a hundred and a compound, as a duration', note: 'Gait training for a hundred twenty-two minutes with the walker.', minutes: { '97116': 122 } },
]);

// Run-on and SOAP treatment lines: each figure to the service named right before it.
table('time in run-on treatment lines', [
  { name: 'a dash then home-program words describing the service', note: 'Tx: massage 9 min R trap; ther ex 18 min - home program review and progression: rows, bridges.', minutes: { '97124': 9, '97110': 18 } },
  { name: 'a colon then HEP words', note: 'Ther ex 22 min: HEP update with band rows and wall slides.', minutes: { '97110': 22 } },
  { name: 'home-program time with no dash is still not treatment', note: 'Massage 12 min. Pt does ther ex 20 min at home daily.', minutes: { '97124': 12 } },
  { name: 'a bracketed code closed by a comma labels what came before it', note: 'manipulated C5-C6 (98940), therapeutic massage 11 min to L trap, ther ex 16 min rows.', minutes: { '97124': 11, '97110': 16 } },
  { name: 'a name listed without time does not take the next name\u2019s', note: 'hot pack to low back, gait training 14 min with cane, ther ex 9 min bridges.', minutes: { '97116': 14, '97110': 9 } },
  { name: 'two names with one figure each, comma-listed', note: 'massage 8 min to L QL, ther ex 14 min, NMR 10 min balance.', minutes: { '97124': 8, '97110': 14, '97112': 10 } },
  { name: 'minutes in a goal clause are the goal\u2019s', note: 'massage 10 min to R calf, ther ex 15 min, goal walk 30 min without cramping.', minutes: { '97124': 10, '97110': 15 } },
  { name: 'an STG clause after a semicolon', note: 'ther ex 20 min step-ups; STG stand 10 min at the sink.', minutes: { '97110': 20 } },
]);

// A clock range says when a service started and ended; minutes stated as its actual time are its time.
table('actual minutes inside a clock range', [
  { name: 'actual minutes in the next clause, with a pause', note: 'Massage 0900-0925 to L QL, kneading; 18 min of actual hands-on time (paused 7 min for a phone call).', minutes: { '97124': 18 }, unresolved: [] },
  { name: 'actual minutes in the same clause as the service', note: 'Gait training 2:00-2:30 pm, actual time 24 min with rollator.', minutes: { '97116': 24 } },
  { name: 'net minutes after the range', note: 'Ther ex 1310-1340, net 26 min over four sets of rows.', minutes: { '97110': 26 } },
  { name: '"hands on" written without a hyphen', note: 'NMR 8:10-8:35 balance on foam; 21 min hands on, pt needed a break.', minutes: { '97112': 21 } },
  { name: 'actual minutes on another line leave the range alone', note: 'Massage 0900-0925 to L QL.\nTher ex 12 min, actual time.', minutes: { '97124': 25, '97110': 12 } },
]);

table('time that is not treatment', [
  { name: 'home program minutes', note: 'Massage 12 min. HEP: stretches 10 min daily at home.', minutes: { '97124': 12 } },
  { name: 'ice at home', note: 'Tx: massage 12 min. Uses ice 15 min at home.', minutes: { '97124': 12 } },
  { name: 'rest break inside an entry', note: 'Ther ex 25 min incl. 5 min rest break.', minutes: { '97110': 25 } },
  { name: 'travel and documentation', note: 'Massage 15 min. Travel 20 min. Documentation 10 min.', minutes: { '97124': 15 }, unresolved: [] },
  { name: 'waiting', note: 'Massage 15 min after waiting 10 min for the room.', minutes: { '97124': 15 } },
  { name: '6-minute walk test', note: 'Objective: 6-minute walk test 305 m.', minutes: {}, unresolved: [] },
  { name: 'sitting tolerance', note: 'Sitting tolerance 20 minutes (10 minutes at eval).', minutes: {}, unresolved: [] },
  { name: 'untimed codes take their own minutes', note: 'Hot pack 15 min. Massage 12 min.', minutes: { '97010': 15, '97124': 12 } },
  { name: 'goals speak of the future', note: 'Goals: sit 45 min at work; walk 20 min.', minutes: {}, unresolved: [] },
  { name: 'an evaluation is an (untimed) service', note: 'Evaluation: 35 minutes.', minutes: {}, unresolved: [] },
  { name: 'a dosing frequency is not a duration', note: 'Meds: tramadol 50 mg PO q.6h. p.r.n.; ibuprofen q4h.', minutes: {}, unresolved: [] },
  { name: 'a frequency range ("q3-4h")', note: 'Plan: oxycodone 5 mg q3-4h as needed.', minutes: {}, unresolved: [] },
  { name: '"every 2 hours" beside a service is how often, not its time', note: 'Massage 12 min to R calf. Ice every 2 hours.', minutes: { '97124': 12 }, unresolved: [] },
  { name: '"10 times an hour" is how often', note: 'Incentive spirometer 10 times an hour while awake.', minutes: {}, unresolved: [] },
  { name: 'what the patient is able to do', note: 'She is able to do 25 minutes on the stationary bike now.', minutes: {}, unresolved: [] },
  { name: 'how long a symptom lasts', note: 'Reports morning stiffness lasting about 45 minutes.', minutes: {}, unresolved: [] },
  { name: 'observation after a procedure and tourniquet time', note: 'Patient was observed for 20 minutes after the injection. Tourniquet time: 35 minutes.', minutes: {}, unresolved: [] },
]);

table('unread time is kept', [
  { name: 'a treatment figure with no service', note: 'Treatment:\n- 30 min to the low back.', unresolved: ['30 min'] },
  { name: 'a massage stroke stands for massage when no service is named', note: "Effleurage, petrissage and stripping x 12'.", minutes: { '97124': 12 } },
  { name: 'a stroke beside a named service does not take its time', note: 'Ther ex 15 min incl. kneading of the calf.', minutes: { '97110': 15 } },
]);

table('manual-therapy work named on its own stands for 97140', [
  { name: 'short form of joint mobilisation with a grade and direction', note: 'Jt mob L GH grade II inf glides x 8 min.', minutes: { '97140': 8 } },
  { name: 'graded glides with no service word', note: 'Grade III-IV ant glides R talocrural - 11 min; ther ex 20 min.', minutes: { '97140': 11, '97110': 20 } },
  { name: 'a named approach and its abbreviation', note: 'Maitland central PAs L3-5, 9 min.', minutes: { '97140': 9 } },
  { name: 'mobilisation with movement at the ankle', note: 'Mulligan MWM R ankle DF 10 min.', minutes: { '97140': 10 } },
  { name: 'a massage entry beside it keeps its own time', note: 'Caudal glides R hip 9 min.\nMassage R glute med with kneading 12 min.', minutes: { '97140': 9, '97124': 12 } },
  { name: 'tendon glides are exercise, not mobilisation', note: 'Ther ex 14 min: tendon glides, putty.', minutes: { '97110': 14 } },
  { name: 'a work word inside a named service does not change its code', note: 'IASTM (97124) to L calf with Graston tools, 10 min.', minutes: { '97124': 10 } },
  { name: 'a bare figure after a bracketed code and a dotted leader', note: 'Massage (97124) ........ 14\nTher ex [97110] ............. 16', minutes: { '97124': 14, '97110': 16 } },
  { name: 'a session clock range under a session word alone is the treatment total', note: 'Treatment 9:02-9:40. Massage 97124 15 min, 97110 ther ex 23 min.', minutes: { '97124': 15, '97110': 23 }, treatment: 38, unresolved: [] },
  { name: 'minutes the patient came late are no treatment time', note: 'Pt arrived 10 min late, so session shortened. Massage 97124 L hamstrings 12 min. Ther ex 97110 13 min.', minutes: { '97124': 12, '97110': 13 }, unresolved: [] },
  { name: 'a session clock range with its meridiem and full stop', note: 'Session: 2:10-2:55 pm. Massage 97124 (2:10-2:25) L trap; ther ex 97110 (2:25-2:55).', minutes: { '97124': 15, '97110': 30 }, treatment: 45, unresolved: [] },
  { name: 'a session clock range in 24-hour form', note: 'Tx 0902-0940\nMassage 97124 R UT 15 min; NMR 97112 23 min', minutes: { '97124': 15, '97112': 23 }, treatment: 38 },
  { name: 'a clock range that opens a list of services by time is the service\'s', note: 'Tx 1402-1417 97124 massage R UT; 1417-1440 97110 ther ex.', minutes: { '97124': 15, '97110': 23 } },
  { name: 'a figure alone after a sentence whose service clause runs on past a semicolon', note: 'Massage 97124 not for relaxation; aimed at reducing guarding limiting stairs. 15 min. Ther ex 97110 10 min.', minutes: { '97124': 15, '97110': 10 } },
  { name: 'a clause after a full stop that names nothing does not carry the service on', note: 'Massage 97124 L calf. Pt tolerated well. 15 min.', unresolved: ['15 min'] },
  { name: 'a side after a slash closes its sentence: the next service owns the next figure', note: 'Massage 97124 to calves B/L. Ther ex 97110 12 min.', minutes: { '97110': 12 } },
  { name: 'a letter of a dotted chain is no sentence end', note: 'Massage 97124, e.g. calves, 12 min.', minutes: { '97124': 12 } },
  { name: 'the billed code beside a chain of names wins over a work word\'s own code', note: 'STM/massage 97124 R UT/levator x 15\'. Ther ex 97110 x 10\'.', minutes: { '97124': 15, '97110': 10 } },
  { name: 'a chain of names with the code in brackets', note: 'Soft tissue mob / massage (97124) to L calf, 14 min; NMR 97112 11 min.', minutes: { '97124': 14, '97112': 11 } },
  { name: 'a chain that agrees with its written manual-therapy code keeps it', note: 'Massage/STM 97140 R UT x 10\'; 97124 effleurage L calf 12\'.', minutes: { '97140': 10, '97124': 12 } },
]);

table('figures that share one minutes word, paired with services in order', [
  { name: '"and" between the figures', note: 'Soft tissue massage and ther ex, 14 and 22 min.', minutes: { '97124': 14, '97110': 22 } },
  { name: 'a slash between two codes and two figures', note: '97124/97112: 11/16 min', minutes: { '97124': 11, '97112': 16 } },
  { name: 'a list with commas and a final "and"', note: 'Massage, NMR and ther ex: 9, 13 and 18 minutes', minutes: { '97124': 9, '97112': 13, '97110': 18 } },
  { name: 'time first, then the services', note: 'Ther ex and massage for 26 and 10 minutes respectively.', minutes: { '97110': 26, '97124': 10 } },
  { name: 'minute marks', note: 'Massage and ther ex 8 & 23\'', minutes: { '97124': 8, '97110': 23 } },
  { name: 'a score before "and" is not a figure of the list', note: 'Massage 12 min. Pain 5/10 and 20 min ther ex.', minutes: { '97124': 12, '97110': 20 } },
  { name: 'a count before "and" is not a figure of the list', note: 'Bridges x10 and 15 min massage to R glutes.', minutes: { '97124': 15 } },
  { name: 'commas alone do not make a list (reps, then minutes)', note: 'Massage to L calf, heel raises 12, 10 min.', minutes: { '97124': 10 } },
]);

table('a later figure under a label of its own in a one-service clause', [
  { name: 'an abbreviation the grammar reads as another service', note: 'Massage to R QL 12 min, TE 25 min.', minutes: { '97124': 12, '97110': 25 } },
  { name: 'exercise equipment: unread, not more massage', note: 'Massage to L hamstrings 12 min, recumbent bike 8 min.', minutes: { '97124': 12 }, unresolved: ['8 min'] },
  { name: 'sides keep the service', note: 'Massage R upper trap 8 min, L 7 min.', minutes: { '97124': 15 } },
  { name: 'positions keep the service', note: 'Massage prone 10 min, supine 5 min.', minutes: { '97124': 15 } },
  { name: 'regions keep the service', note: 'Massage to cervical paraspinals 8\', thoracic 7\'.', minutes: { '97124': 15 } },
  { name: 'strokes keep the service', note: 'Effleurage 6 min, petrissage 9 min to R calf.', minutes: { '97124': 15 } },
]);

table('timer fields, fractions of an hour and repeated lengths', [
  { name: 'an hh:mm:ss timer field', note: 'NMR balance board   00:21:00\nMassage L SCM, effleurage   00:09:00', minutes: { '97112': 21, '97124': 9 } },
  { name: 'a timer field as a total', note: 'Massage 13 min. Timed total 00:13:00', minutes: { '97124': 13 }, timed: 13 },
  { name: 'a clock stamp with seconds is no length', note: 'Massage 12 min to R trap. Signed 11/30/2026 16:41:09', minutes: { '97124': 12 } },
  { name: 'half and quarter hours as fractions', note: 'Ther act 1/2 hr: reaching. Massage 1/4 hr to L teres minor.', minutes: { '97530': 30, '97124': 15 } },
  { name: 'three quarters of an hour in words', note: 'Ther ex three quarters of an hour; massage a quarter hour.', minutes: { '97110': 45, '97124': 15 } },
  { name: 'a length done twice, restated after "="', note: 'Massage 12 minutes x2 (R calf; then L calf) = 24 min: kneading.', minutes: { '97124': 24 } },
  { name: 'the count before the length', note: 'Massage 2 x 10 min to bilateral forearms.', minutes: { '97124': 20 } },
  { name: 'a frequency after the length is how often', note: 'Massage 15 min x2/wk per plan; today massage 15 min.', minutes: { '97124': 15 } },
]);

table('which lines are treatment', [
  { name: 'in a note written in lower case, a lower-case sentence after a full stop is a clause of its own', note: 'pt c/o calf pain. massage 11 min to L calf. progressing toward goal of walking 30 min to the park.', minutes: { '97124': 11 } },
  { name: 'in a note written with capitals, "Ther. ex." stays one name', note: 'Pain 4/10. Ther. ex. 20 min: bridges. Massage 9 min.', minutes: { '97110': 20, '97124': 9 } },
  { name: 'flowsheet fields with the unit in brackets after the label', note: 'Procedure: Therapeutic massage   Area: L QL   Duration (min): 13\nProcedure: Neuromuscular re-ed   Duration (mins): 21', minutes: { '97124': 13, '97112': 21 } },
  { name: 'a SmartText block: a word for the heading\'s service inside it keeps the block open', note: 'INTERVENTIONS\nNeuromuscular Re-ed (97112): Yes\n   Balance: tandem stance 3x30s\n   Min: 19\nTherapeutic Exercise (97110): Yes\n   Exercises: bridges 2x12\n   Min: 17', minutes: { '97112': 19, '97110': 17 } },
  { name: 'military clock times with "hrs"', note: 'Massage 09:10 hrs - 09:22 hrs to L calf; NMR 09:22 hrs - 09:40 hrs.', minutes: { '97124': 12, '97112': 18 } },
  { name: 'a heading with a comma in its bracketed qualifier', note: 'S: walked 15 min to the bus.\nO (seated, pre): TTP R QL.\nMassage (prone) 1310-1322: R QL, kneading.', minutes: { '97124': 12 } },
  { name: 'a hyphenated heading closes the goals before it', note: 'Goals revised: kneel to garden by 2/1.\nTx following re-eval: gait training 9 min on stairs. Massage 11 min to L ITB.', minutes: { '97116': 9, '97124': 11 } },
  { name: 'a service label with a hyphenated word is no "education" heading', note: 'Interventions:\nNeuromuscular re-education: postural correction x 22\'.', minutes: { '97112': 22 } },
  { name: 'a label and its entry: the service after the colon owns the time', note: 'Care plan after re-eval: gait training 9 min with cane. Massage 13 min to R TFL.', minutes: { '97116': 9, '97124': 13 } },
  { name: 'two totals on one line, the second after a wide gap', note: 'Massage 16 min; NMR 25 min.\nTimed code min: 41      Total tx time: 52 min', timed: 41, treatment: 52 },
  { name: 'a requested length is not the session', note: 'Pt asked for a 50-minute massage; stroking and kneading to R calf, 20 min.', minutes: { '97124': 20 } },
  { name: 'a service entry line under an unclosed Subjective heading', note: 'Subjective: stairs still painful, uses the rail.\nTher ex 24 min (by PTA): step-ups, mini squats.', minutes: { '97110': 24 } },
  { name: 'a heading with a qualifier in brackets', note: 'S: Neck pain 4/10.\nO (via video): rotation 70%.\nTher ex 18 min: chin tucks.', minutes: { '97110': 18 } },
  { name: "the patient's account stays the patient's", note: 'Subjective: a massage of 60 min at a spa helped last week.\nMassage 12 min to R trap.', minutes: { '97124': 12 } },
  { name: 'a home program described in brackets after the time', note: 'Ther ex 17 min (home program check, band rows); massage 9 min to R scalenes.', minutes: { '97110': 17, '97124': 9 } },
]);

table('wrapped exports, footers and dictated totals (round 10)', [
  { name: 'an entry wrapped over lines, closed by a dotted leader', note: 'TX\n97124 Massage: stripping to L tib ant and\nperoneals for shin pain limiting stairs ......... 16 min\n97110 Ther ex: heel raises 3x15 ......... 12 min', minutes: { '97124': 16, '97110': 12 } },
  { name: 'a dotted leader alone on the line after a wrapped entry', note: 'Therapeutic exercise 97110: clamshells 2x15, side planks,\nbridges with band\n.............................. 22 min', minutes: { '97110': 22 } },
  { name: 'a wrapped entry whose last line ends after a dash', note: 'Massage 97124: stripping and cross-fiber friction to R ITB,\nto ease lateral knee pain on stairs - 11 min', minutes: { '97124': 11 } },
  { name: 'a lower-case line with its own activity is not the entry above it', note: 'massage to upper traps\nbike 8 min', minutes: {} },
  { name: 'a lower-case line that carries the phrase on is', note: 'massage to upper traps and\nlevator 12 min', minutes: { '97124': 12 } },
  { name: 'a capitalised line is a new entry, not a wrapped one', note: 'Massage to L QL and glute med\nBike warm-up 8 min', minutes: {}, unresolved: ['8 min'] },
  { name: 'a line after a full stop is not a continuation', note: 'Massage to the R forearm flexors.\nthen 9 min on the UBE', minutes: {} },
  { name: 'a footer of codes and figures after a minutes label', note: 'Massage and ther ex as above.\nMinutes: 97124 14 | 97110 24 | timed total 38', minutes: { '97124': 14, '97110': 24 }, timed: 38 },
  { name: 'a field label never reads a code as minutes', note: 'Mins: 97140 9, 97124 12', minutes: { '97140': 9, '97124': 12 } },
  { name: 'a totals line with the kind after each figure', note: 'Massage 97124  12 min\nNMR 97112  23 min\nTotal: 35 min timed / 41 min total', timed: 35, treatment: 41 },
  { name: 'a totals line: timed, untimed after a comma', note: 'Massage 14 min, hot pack 10 min.\nTotals 14 min timed, 10 min untimed', timed: 14, untimed: 10 },
  { name: 'a second figure with "total" after it needs a totals label on its line', note: 'Kneading to R trap, 12 min / 20 min total with the stretching.', treatment: undefined, timed: undefined },
  { name: 'dictated: a total followed straight by the next total', note: 'massage to the left calf 13 minutes ther ex 24 minutes total timed minutes 37 total treatment time 45 minutes plan continue', minutes: { '97124': 13, '97110': 24 }, timed: 37, treatment: 45 },
  { name: 'dictated: an earlier visit named as a point in time is no service', note: 'pain 2 out of 10 down from 5 at the initial evaluation therapeutic massage right hamstring 10 minutes therapeutic exercise 25 minutes', minutes: { '97124': 10, '97110': 25 } },
  { name: '"since eval" does not take the figure', note: 'sitting tolerance up since eval, massage 15 min to L piriformis', minutes: { '97124': 15 } },
  { name: 'a length far ahead of the only service in a run-on', note: 'she says she can now garden for about 2 hrs before the back tightens up and the hip aches, I did massage 12 min to the L glute', minutes: { '97124': 12 }, unresolved: ['2 hrs'] },
  { name: 'the far end of a tolerance change is a tolerance too', note: 'Response: sitting tolerance went from 15 min to 40 min since eval.\nMassage 12 min to R QL.', minutes: { '97124': 12 }, unresolved: [] },
  { name: 'time spent on the home program in clinic: "per"', note: 'Ther ex x 18 min per HEP handout; added bands.', minutes: { '97110': 18 } },
  { name: 'time spent on the home program in clinic: an -ing word', note: 'Ther ex 16 min reviewing HEP form and reps.', minutes: { '97110': 16 } },
  { name: 'home program minutes at home stay out', note: 'Massage 12 min. HEP 10 min daily at home.', minutes: { '97124': 12 } },
  { name: 'a grid without a header: the figure in the column after a tab', note: 'Hot pack\t10\nMassage\t14\nNMR\t23\nTimed total\t37', minutes: { '97010': 10, '97124': 14, '97112': 23 }, timed: 37 },
  { name: 'a grid without a header: space-aligned columns with the region between', note: '97124   massage L calf        11\n97116   gait training         24', minutes: { '97124': 11, '97116': 24 } },
  { name: 'a dotted leader to a bare figure after the code', note: 'Treatment minutes\nNMR 97112 ........ 18\nMassage 97124 ........ 9', minutes: { '97112': 18, '97124': 9 } },
  { name: 'a small bare figure in the column is units, not minutes', note: 'Massage 14 min to R UT.\nMassage      1\nTher ex      2', minutes: { '97124': 14 } },
  { name: 'a column figure needs a column gap: "Ther ex 3 sets" is a count', note: 'Ther ex 3 sets of 12, 20 min.', minutes: { '97110': 20 } },
  { name: 'the kind between the figure and its minutes word', note: 'Massage 11 min, NMR 22 min; 33 timed minutes, 40 total minutes.', minutes: { '97124': 11, '97112': 22 }, timed: 33, treatment: 40 },
  { name: '"for a total of N timed minutes"', note: 'Massage 9 min then ther ex 26 min for a total of 35 timed minutes.', minutes: { '97124': 9, '97110': 26 }, timed: 35 },
  { name: '"N total minutes" right after the only service is its time', note: 'Therapeutic massage for 18 total minutes to the L hamstring.', minutes: { '97124': 18 }, treatment: undefined },
  { name: 'dictated: units spoken as "times two" before a total are no total', note: 'gait training 26 minutes 97116 times two total timed minutes 38', minutes: { '97116': 26 }, timed: 38 },
  { name: 'TTCM abbreviation', note: 'Massage 12 min, ther ex 26 min. TTCM 38 / TTT 44', timed: 38, treatment: 44 },
  { name: 'a labelled line of today\u2019s session closes inline goals', note: 'Goals: LTG 1 stairs reciprocal - MET. LTG 2 kneel - MET.\nLast session today: massage 11 min to L quads, then ther ex 19 min.', minutes: { '97124': 11, '97110': 19 } },
]);

// Round 13: a service that has its time from a clock range or a table's minutes column keeps it; lengths
// inside its description are dosing (sets x a length, an activity's own length), not more time.
table('dosing inside a timed entry (round 13)', [
  { name: 'pipe table: sets x minutes in the description, the Min column wins', note: '| Code | Intervention | Min |\n| 97124 | kneading L gastroc | 11 |\n| 97110 | wall sits 5x1 min, lateral band walks | 23 |', minutes: { '97124': 11, '97110': 23 }, unresolved: [] },
  { name: 'pipe table: sets x seconds and x primes in the description', note: '| Code | Activity | Min |\n| 97110 | planks 3 x 30 sec, side planks 2x1\', clamshells | 19 |\n| 97124 | effleurage R ITB | 9 |', minutes: { '97110': 19, '97124': 9 }, unresolved: [] },
  { name: 'pipe table: an activity length in the description', note: '| Service | Description | Minutes |\n| 97110 | recumbent bike 7 min, hip hinges | 16 |', minutes: { '97110': 16 }, unresolved: [] },
  { name: '24-hour range, then an activity\u2019s length in primes', note: 'TX:\n 97124  1105-1117  massage L scalenes, kneading\n 97110  1117-1141  treadmill 6\', chin tucks, rows', minutes: { '97124': 12, '97110': 24 } },
  { name: 'colon range, then an activity\u2019s length in minutes', note: 'Ther ex 97110 3:20-3:44 UBE 5 min fwd/back, scap squeezes, wall slides.', minutes: { '97110': 24 } },
  { name: 'range, then sets x minutes', note: '97110 08:02-08:29 wall sit 4 x 1 min, step-downs, SLS.', minutes: { '97110': 27 } },
  { name: 'stated actual minutes still replace the range', note: 'Massage 97124 10:00-10:20 R calf; 14 min of actual hands-on time.', minutes: { '97124': 14 } },
  { name: 'a length before a colon heads its list: an activity length inside is part of it', note: 'TE x 22 min: clamshells, bridges, recumbent bike 5 min easy, step-ups.', minutes: { '97110': 22 }, unresolved: [] },
  { name: 'a total label with a bracketed qualifier: "(untimed + timed)" is the treatment total', note: 'Massage 97124 1300-1312 R UT\nTher ex 97110 1312-1340 rows\nHot pack 97010 1340-1350\nTTT (untimed + timed) 50\'', minutes: { '97124': 12, '97110': 28, '97010': 10 }, treatment: 50, unresolved: [] },
  { name: 'a total label with "(timed and untimed)" before a colon', note: 'Massage 12 min, ther ex 28 min, hot pack 10 min.\nTotal (timed and untimed): 50 min', treatment: 50, timed: undefined },
  { name: 'without a range or a column, the activity lengths are the time', note: 'Ther ex 97110: elliptical 9 min, step-ups 3x10.', minutes: { '97110': 9 } },
  { name: 'without a range or a column, sets x minutes are the time', note: 'Ther ex 2 x 10 min: bridges, clamshells.', minutes: { '97110': 20 } },
]);

table('normalised text', [
  { name: 'zero-width space inside a word', note: 'Mas\u200bsage 12 min to R trap.', minutes: { '97124': 12 } },
  { name: 'soft hyphen', note: 'Ther\u00adapeutic massage 12 min.', minutes: { '97124': 12 } },
  { name: 'Cyrillic look-alike', note: 'M\u0430ssage 12 min to R trap.', minutes: { '97124': 12 } },
  { name: 'no-break space and em dash', note: 'Massage\u00a012\u00a0min \u2014 R trap; NMR 9:00\u20149:13.', minutes: { '97124': 12, '97112': 13 } },
  { name: 'full-width digits', note: 'Massage \uff11\uff12 min to R trap.', minutes: { '97124': 12 } },
]);

describe('a name that could be several codes', () => {
  it('inside a specific name, it is that name (and the code written beside both wins)', () => {
    const minutes = (billedCodes: string[]) =>
      Object.fromEntries(Object.values(analyzeChart('Group therapeutic exercise 97150: 35 min, chair rises.', { billedCodes }).minutesByCode).map((c) => [c.code, c.minutes]));
    expect(minutes([])).toEqual({ '97150': 35 });
    expect(minutes(['97124', '97150'])).toEqual({ '97150': 35 });
  });
  const minutesOf = (note: string, billedCodes: string[]) =>
    Object.fromEntries(Object.values(analyzeChart(note, { billedCodes }).minutesByCode).map((c) => [c.code, c.minutes]));
  const note = 'Massage 12 min to the R calf. Exercise x 24 min: heel raises, step-downs.';
  it('is the billed one when the claim bills exactly one of its codes', () => {
    expect(minutesOf(note, ['97124', '97110'])).toEqual({ '97124': 12, '97110': 24 });
  });
  it('gives no code when the claim bills none or several of them', () => {
    expect(minutesOf(note, ['97124'])).toEqual({ '97124': 12 });
    expect(minutesOf(note, ['97124', '97110', '97113'])).toEqual({ '97124': 12 });
    expect(analyzeChart(note, { billedCodes: ['97124', '97110', '97113'] }).unresolvedTimes).toEqual([]);
  });
});

describe('a table header that names the service heads its rows', () => {
  // "Exercise" could be 97110, 97113 or 97150: it is 97110 on a claim that bills only that one.
  const read = (note: string) => {
    const chart = analyzeChart(note, { billedCodes: ['97110', '97124', '97140'] });
    return { minutes: Object.fromEntries(Object.values(chart.minutesByCode).map((c) => [c.code, c.minutes])), unresolved: chart.unresolvedTimes.map((u) => u.text) };
  };
  it('rows that name no service take the header\u2019s', () => {
    expect(read("Exercise | Sets | Min\nBridges / dead bug | 3x10 | 14'\nRows | 3x12 | 9'")).toEqual({ minutes: { '97110': 23 }, unresolved: [] });
  });
  it('a row naming its own service keeps it', () => {
    expect(read('Exercise | Region | Min\nMassage | L QL | 12\nPA glides | L4-5 | 8\nClamshells | hip | 10').minutes).toEqual({ '97124': 12, '97140': 8, '97110': 10 });
  });
  it('the table ends at a line that is not a row', () => {
    expect(read('Exercise | Min\nRows | 10\n\nWalked 10 min to the car.')).toEqual({ minutes: { '97110': 10 }, unresolved: [] });
  });
});

describe('time grammar rows', () => {
  it('are named and unique', () => {
    expect(TIME_RULE_NAMES.length).toBeGreaterThan(15);
    expect(new Set(TIME_RULE_NAMES).size).toBe(TIME_RULE_NAMES.length);
  });
});

// A code, a dash and a number: minutes where the line's label declares minutes or a time unit follows;
// a modifier ("97140-59", "97124-GP") everywhere else.
table('code-dash-minutes lists', [
  { name: 'slash-separated under a minutes label', note: 'Minutes: 97140-9 / 97124-17', minutes: { '97140': 9, '97124': 17 } },
  { name: 'comma-separated under a timed-minutes label', note: 'Timed minutes: 97112-11, 97124-13, 97110-24', minutes: { '97112': 11, '97124': 13, '97110': 24 } },
  { name: 'a bracketed minutes label', note: 'Codes (min): 97530-16 | 97124-10', minutes: { '97530': 16, '97124': 10 } },
  { name: 'a small figure under the label is still minutes', note: 'Minutes: 97124-14, 97140-6', minutes: { '97124': 14, '97140': 6 } },
  { name: 'an en dash and a minute letter, no label', note: '97124\u201311m, 97110\u201319m', minutes: { '97124': 11, '97110': 19 } },
  { name: 'a dash and a minutes word, no label', note: '97124-13 min STM L QL; 97110-20 min core', minutes: { '97124': 13, '97110': 20 } },
  // Modifiers, not minutes.
  { name: 'numeric modifiers on a billing line', note: 'Billing: 97124-59, 97140-76', minutes: {} },
  { name: 'a dashed number with no minutes label', note: 'Massage 97124-25 today.', minutes: {} },
  { name: 'a modifier then the entry\'s own minutes', note: '97124-59 - 14 min: petrissage R glutes', minutes: { '97124': 14 } },
  { name: 'a chain of modifiers under a minutes label', note: 'Tx minutes: 97140-59-GP', minutes: {} },
]);

// A length written as a limit: the minutes are the bound, and the kind of bound is kept.
describe('lengths written as a limit', () => {
  const bounds = (note: string) => analyzeChart(note).serviceTimes.map((t) => [t.code, t.minutes, t.bound]);
  it.each([
    ['more than, a symbol against the figure', 'STM 97124 >12 min L glutes', [['97124', 12, 'more-than']]],
    ['less than, spaced', 'Ther ex 97110 < 9 min', [['97110', 9, 'less-than']]],
    ['at least, a plus after the figure', 'Massage 97124 11+ min R calf', [['97124', 11, 'at-least']]],
    ['at least, written ">="', 'NMR 97112 >= 10 min', [['97112', 10, 'at-least']]],
    ['at most, the sign', 'Massage 97124 \u2264 8 min', [['97124', 8, 'at-most']]],
    ['a word for the limit', 'Massage over 13 min to B UT', [['97124', 13, 'more-than']]],
    ['no limit, no bound', 'Massage 97124 13 min', [['97124', 13, undefined]]],
  ])('%s', (_name, note, want) => {
    expect(bounds(note)).toEqual(want);
  });

  it('a limit before a score is no length', () => {
    expect(bounds('Pain >6/10 at rest; massage 97124 12 min')).toEqual([['97124', 12, undefined]]);
  });
});

table('time that is not treatment, named in a field label', [
  { name: 'documentation and a print-out in one label', note: 'Massage 97124 15 min R UT.\nCharting/HEP handout print: 7 min', minutes: { '97124': 15 }, unresolved: [] },
  { name: 'documentation alone as the label', note: 'Massage 97124 15 min R UT.\nDocumentation time: 6 min', minutes: { '97124': 15 }, unresolved: [] },
  { name: 'a service named in the label keeps its minutes', note: 'Rest break, then ther ex 97110: 12 min', minutes: { '97110': 12 } },
]);
