import { ruleTester } from './tester';

const massageLine = [{ code: '97124', modifiers: ['GP'], units: 1, minutes: 15 }];
const treatment = 'Therapeutic massage 15 min to R upper trapezius with kneading to reduce palpable hypertonicity.';

ruleTester('maintenance-language', {
  valid: [
    {
      name: 'progress-oriented note',
      visit: { lines: massageLine, note: `${treatment} Cervical rotation improved from 40 to 52 degrees. Plan: taper massage, progress HEP.` },
    },
    {
      name: 'fall prevention is a skilled goal, not preventive massage',
      visit: { lines: massageLine, note: `${treatment} Goal: fall prevention through improved gait.` },
    },
    {
      name: 'prn medication in the medication list',
      visit: { lines: massageLine, note: `Medications: Tylenol 500 mg prn, cyclobenzaprine as needed for muscle spasm. ${treatment}` },
    },
    {
      name: 'follow up prn: not a massage schedule',
      visit: { lines: massageLine, note: `${treatment} Follow up prn with the referring physician.` },
    },
    {
      name: 'discharge to an independent home program for maintenance',
      visit: { lines: massageLine, note: `${treatment} Plan: discharge next week to independent maintenance program.` },
    },
    {
      name: 'home program sentence',
      visit: { lines: massageLine, note: `${treatment} HEP: self-massage with ball as needed.` },
    },
    {
      name: 'negated plateau',
      visit: { lines: massageLine, note: `${treatment} Patient has not plateaued; rotation gains continue.` },
    },
    {
      name: 'conditional statement is not a plateau',
      visit: { lines: massageLine, note: `${treatment} If no further improvement by visit 6, will discharge to HEP.` },
    },
    {
      name: 'a question asserts nothing',
      visit: { lines: massageLine, note: `${treatment} Has the patient reached maximum medical improvement? Not at this time.` },
    },
    {
      name: 'historical maintenance massage',
      visit: { lines: massageLine, note: `Previously received maintenance massage at a spa. ${treatment}` },
    },
    {
      name: 'anatomy and medical uses of the words',
      visit: { lines: massageLine, note: `PMH: s/p tibial plateau fracture. Health maintenance up to date. ${treatment}` },
    },
    {
      name: 'no massage billed: out of scope',
      visit: { lines: [{ code: '97110', units: 2 }], note: 'Therapeutic exercise. Transition to maintenance program next month.' },
    },
    {
      name: 'no claim lines and massage not performed today',
      visit: { note: 'Back pain better with massage. Plan: maintenance visits.' },
    },
    // Open-ended wording only counts when it is the therapy plan.
    {
      name: 'a return to the physician as needed is not the massage plan',
      visit: { lines: massageLine, note: `${treatment} Plan: taper massage to 1x/wk, discharge in 2 wks; return to MD as needed.` },
    },
    {
      name: 'an ongoing symptom is not an ongoing plan',
      visit: { lines: massageLine, note: `${treatment} Pt reports ongoing tightness after long drives.` },
    },
  ],
  invalid: [
    // A plan that keeps the same massage going, written without the word maintenance.
    {
      name: 'a planned massage as needed',
      visit: { lines: massageLine, note: `${treatment} Plan is to keep up massage to the QL prn.` },
      errors: [{ evidence: 'prn', message: /"as needed" rather than toward a goal/ }],
    },
    {
      name: 'return as needed for tune-ups',
      visit: { lines: massageLine, note: `${treatment} Pt to return PRN for tune ups.` },
      errors: [{ message: /open-ended, with no progression or discharge/ }],
    },
    {
      name: 'the same protocol on an ongoing basis',
      visit: { lines: massageLine, note: `${treatment} Keep same protocol every other week on an ongoing basis.` },
      errors: [{ evidence: 'ongoing basis', message: /open-ended/ }],
    },
    {
      name: 'current treatment weekly, ongoing',
      visit: { lines: massageLine, note: `${treatment} P: cont current tx 1x/week ongoing.` },
      errors: [{ evidence: 'week ongoing', message: /open-ended/ }],
    },
    {
      name: 'massage left open-ended',
      visit: { lines: massageLine, note: `${treatment} Massage every 2 wks, open-ended.` },
      errors: [{ evidence: 'open-ended', message: /open-ended/ }],
    },
    {
      name: 'commercial: MMI stated in the same sentence as the discharge to a home program',
      visit: { lines: massageLine, note: `${treatment} A: client is at MMI and was discharged to her independent home program.` },
      errors: [{ evidence: 'at MMI' }],
    },
    {
      name: 'commercial: maximum medical improvement, then "and will" continue the HEP',
      visit: { lines: massageLine, note: `${treatment} Assessment: maximum medical improvement reached and will continue HEP on own.` },
      errors: [{ evidence: 'maximum medical improvement' }],
    },
    {
      name: 'commercial: planned monthly massage visits with words between',
      visit: { lines: massageLine, note: `${treatment} Plan: monthly follow-up massage visits after discharge.` },
      errors: [{ evidence: 'monthly follow-up massage visits', severity: 'error', message: /preventive care/ }],
    },
    {
      name: 'commercial: massage planned to prevent flare-ups',
      visit: { lines: massageLine, note: `${treatment} Plan: continue massage every 4 weeks to prevent flare-ups.` },
      errors: [{ evidence: 'prevent flare', severity: 'error', message: /preventive care/ }],
    },
    {
      name: 'commercial: maintenance massage is not covered',
      visit: { lines: massageLine, note: `${treatment} Plan: continue maintenance massage 1x/month.` },
      errors: [{ evidence: 'maintenance massage', severity: 'error', message: /maintenance care, which this plan does not cover \(Commercial/ }],
    },
    {
      name: 'aetna: plateau',
      visit: { payer: 'Aetna Choice POS II', lines: massageLine, note: `${treatment} Patient has plateaued over the last 4 visits.` },
      errors: [{ evidence: 'has plateaued', severity: 'error', message: /stopped improving.*\(Aetna/ }],
    },
    {
      name: 'bcbs: maximum medical improvement',
      profile: 'bcbs',
      visit: { lines: massageLine, note: `${treatment} Assessment: patient is at MMI.` },
      errors: [{ evidence: 'at MMI', severity: 'error', message: /maximum medical improvement/ }],
    },
    {
      name: 'prn in the massage plan',
      visit: { lines: massageLine, note: `${treatment} Continue massage as needed for flare-ups.` },
      errors: [{ evidence: 'as needed', message: /"as needed" rather than toward a goal/ }],
    },
    {
      name: 'preventive wording, one finding per sentence',
      visit: { lines: massageLine, note: `${treatment} Monthly massage for prevention of recurrence.` },
      errors: [{ evidence: 'Monthly massage' }],
    },
    {
      name: 'a planned future ("will") still counts',
      visit: { lines: massageLine, note: `${treatment} Will continue maintenance massage monthly.` },
      errors: [{ evidence: 'maintenance massage' }],
    },
    {
      name: 'medicare without skilled need: names the missing skilled need',
      profile: 'medicare',
      visit: { lines: massageLine, note: `${treatment} Plan: maintenance visits every 2 weeks.` },
      errors: [{ evidence: 'maintenance visits', message: /does not document why the massage needs a therapist's skill \(Medicare Part B/ }],
    },
    {
      name: 'medicare: a skilled nursing facility is not skilled need',
      profile: 'medicare',
      visit: { lines: massageLine, note: `Resident of a skilled nursing facility. ${treatment} Massage for maintenance.` },
      errors: [{ evidence: 'for maintenance', message: /does not document why/ }],
    },
    {
      name: 'medicare at warning level: skilled need lowers the finding to info',
      profile: 'medicare',
      options: { ruleLevels: { 'maintenance-language': 'warning' } },
      visit: {
        lines: massageLine,
        note: `${treatment} Maintenance program: massage requires the skills of a therapist to prevent deterioration of shoulder ROM.`,
      },
      errors: [{ evidence: 'Maintenance program', severity: 'info', message: /documents skilled need \("requires the skills of"\)/ }],
    },
    {
      name: 'medicare at warning level: no skilled need stays a warning',
      profile: 'medicare',
      options: { ruleLevels: { 'maintenance-language': 'warning' } },
      visit: { lines: massageLine, note: `${treatment} Maintenance program: massage weekly.` },
      errors: [{ evidence: 'Maintenance program', severity: 'warning' }],
    },
    {
      name: 'medicare advantage inherits the skilled-maintenance weighting',
      profile: 'medicare-advantage',
      visit: { lines: massageLine, note: `${treatment} Skilled maintenance massage to preserve ROM; progress has plateaued.` },
      errors: [{ evidence: 'maintenance massage', severity: 'info', message: /documents skilled need \("Skilled maintenance"\)/ }],
    },
    {
      name: 'an option can declare that a profile does not cover skilled maintenance',
      profile: 'medicare',
      options: { ruleOptions: { 'maintenance-language': { skilledMaintenanceCovered: false } } },
      visit: { lines: massageLine, note: `${treatment} Skilled care. Plan: maintenance visits.` },
      errors: [{ evidence: 'maintenance visits', message: /which this plan does not cover/ }],
    },
    {
      name: 'no claim lines, massage with minutes in the note, evidence in the right part',
      visit: {
        note: [
          { id: 'tx', label: 'Treatment', text: 'Therapeutic massage 15 min to lumbar paraspinals, effleurage and kneading.' },
          { id: 'plan', label: 'Plan', text: 'Preventive massage every month.' },
        ],
      },
      errors: [{ evidence: 'Preventive', part: 'plan', message: /preventive care/ }],
    },
  ],
});
