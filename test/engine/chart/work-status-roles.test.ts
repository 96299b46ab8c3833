// Work status opens the job it names (data/lexicons/role-pre.json "work-status"): wording inside the
// job or workplace ("building maintenance", "spa", "wellness center") is who the patient is, not the
// care. A status that names no job ("resume full duty in 6 wks") opens nothing.
import { describe, expect, it } from 'vitest';
import { analyzeChart, check } from '../../../src/engine';

const role = (note: string, lexicon: string, text: string): boolean[] =>
  (analyzeChart(note).mentions[lexicon] ?? []).filter((m) => m.text.toLowerCase() === text.toLowerCase()).map((m) => m.role);

describe('work status as a role', () => {
  it('duty status before a job or workplace', () => {
    expect(role('Pt on light duty in facilities maintenance since 2/3.', 'maintenance', 'maintenance')).toEqual([true]);
    expect(role('Modified duty as a resort spa housekeeper.', 'comfort', 'spa')).toEqual([true]);
    expect(role('Back on full duty at the hotel spa laundry.', 'comfort', 'spa')).toEqual([true]);
    expect(role('Restricted-duty at a day spa front desk.', 'comfort', 'spa')).toEqual([true]);
  });
  it('off work, back to work and shifts', () => {
    expect(role('Off work from grounds maintenance x 3 wks.', 'maintenance', 'maintenance')).toEqual([true]);
    expect(role('RTW as a hotel spa attendant planned.', 'comfort', 'spa')).toEqual([true]);
    expect(role('Returned to work at the relaxation lounge of a cruise line.', 'comfort', 'relaxation')).toEqual([true]);
    expect(role('Works nights as a custodian doing building maintenance.', 'maintenance', 'maintenance')).toEqual([true]);
    expect(role('Works part-time at a wellness retreat.', 'comfort', 'wellness')).toEqual([true]);
  });
  it('a status with a time frame, not a workplace, opens no role', () => {
    expect(role('Goal: resume full duty in 6 wks; no maintenance massage.', 'maintenance', 'maintenance massage')).toEqual([false]);
    expect(role('RTW in about 2 weeks, then maintenance massage monthly.', 'maintenance', 'maintenance massage')).toEqual([false]);
  });
  it('a status ended by its clause leaves the care wording alone', () => {
    expect(role('Light duty; massage for relaxation 10 min.', 'comfort', 'relaxation')).toEqual([false]);
    expect(role('Works nights as a nurse; massage for stress relief 10 min.', 'comfort', 'stress relief')).toEqual([false]);
  });
});

describe('on the rules that read wording', () => {
  const lines = [
    { code: '97124', modifiers: ['GP'], units: 1 },
    { code: '97110', modifiers: ['GP'], units: 1 },
  ];
  const body =
    'Therapeutic massage 97124 13 min to L lumbar paraspinals: kneading and compression for palpable spasm.\nTher ex 97110 16 min: hip hinge, carries.\nGoal: lift 40 lb toolbox floor to waist in 4 wks.';
  const ruleIds = (note: string) => check({ note, lines, payer: 'Aetna' } as never).findings.map((f) => f.ruleId);
  it('a job in maintenance or at a spa raises nothing', () => {
    expect(ruleIds(`Light duty in apartment maintenance since the strain.\n${body}`)).not.toContain('maintenance-language');
    expect(ruleIds(`Off work from her day spa job for 2 wks.\n${body}`)).not.toContain('comfort-wording');
  });
  it('maintenance care is still flagged', () => {
    expect(ruleIds(`Light duty in apartment maintenance since the strain.\n${body}\nPlan: maintenance massage monthly.`)).toContain('maintenance-language');
  });
});
