// Where a goals list ends. A "Goals" heading (or its inline form "Goals: …") holds the lines under it until
// one plainly is no goal: a service entry that opens with its billing code and time, or a plan or assessment
// line written without a colon. Invented variants, with goal lines that must stay in the list.
import { describe, expect, it } from 'vitest';
import { analyzeChart } from '../../../src/engine/chart';

const kinds = (note: string) => analyzeChart(note).sections.filter((s) => s.end > s.start).map((s) => s.kind);
const minutes = (note: string) => Object.fromEntries(Object.values(analyzeChart(note).minutesByCode).map((c) => [c.code, c.minutes]));

describe('a goals list ends at a line that is no goal', () => {
  it.each([
    ['a coded service entry under a goals block', 'Goals:\n- climb 14 stairs reciprocally by 6 wks\n\nPalpable spasm L QL.\n97124 12 min L QL, kneading', ['goals', 'treatment']],
    ['a bulleted coded entry with its time in brackets', 'Goal status:\n1. carry a laundry load (met)\n* 97140 (9 min) STM R forearm', ['goals', 'treatment']],
    ['a plan line without a colon after an inline goal', 'Goals: kneel to garden 20 min by 8 wks.\nPlan 1x/wk x 3 wks', ['goals', 'plan']],
    ['a plan of care line after a goals block', 'LTG:\n- back to futsal drills\nPlan of care 2x/wk, re-eval 4 wks', ['goals', 'plan']],
    ['an assessment line without a colon', 'Goals: pick up toddler 12 kg by 5 wks.\nAssessment progressing as expected', ['goals', 'assessment']],
  ])('%s', (_name, note, want) => {
    expect(kinds(note)).toEqual(want);
  });

  it.each([
    ['a goal naming a time but no code', 'Goals:\n- stand 35 min to cook supper\n- walk 25 min to the bus', ['goals']],
    ['a goal that starts with "planning"', 'Goals:\n- planning meals standing 15 min by 4 wks', ['goals']],
    ['a code mentioned inside a goal line', 'Goals:\n- tolerate 97110 program 20 min pain-free', ['goals']],
    ['a plan with a colon still opens the plan as a heading', 'Goals:\n- sit through a movie\nPlan: 2x/wk', ['goals', 'plan']],
  ])('still in the list: %s', (_name, note, want) => {
    expect(kinds(note)).toEqual(want);
  });

  it('the coded entries after a goals status list keep their minutes', () => {
    expect(minutes('Goal status:\n- reach top shelf - progressing\n\nToday:\n97110 21 min - band rows\n97124 9 min - L levator')).toEqual({ '97110': 21, '97124': 9 });
  });

  it('a time inside a goal is no treatment time', () => {
    expect(minutes('Goals:\n- stand 35 min to cook supper\n97124 L UT 10 min.')).toEqual({ '97124': 10 });
  });
});
