import { ruleTester } from './tester';

ruleTester('standalone-massage', {
  valid: [
    {
      name: 'massage with therapeutic exercise on the claim',
      visit: {
        lines: [{ code: '97124', units: 1 }, { code: '97110', units: 2 }],
        note: 'Massage 15 min to R upper trap to reduce guarding, then ther ex 25 min for cervical stabilization.',
      },
    },
    {
      name: 'massage with gait training (97116)',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', units: 1 }, { code: '97116', units: 1 }], note: 'Massage 12 min. Gait training 10 min with cane.' },
    },
    {
      name: 'massage with therapeutic activities and self-care training',
      visit: { lines: [{ code: '97124', units: 1 }, { code: '97530', units: 1 }, { code: '97535', units: 1 }], note: 'Massage, functional lifting, ADL training.' },
    },
    {
      name: 'no massage billed',
      visit: { lines: [{ code: '97140', units: 2 }], note: 'Joint mobilization grade III L4-5.' },
    },
    {
      name: 'massage with 0 units is not billed',
      visit: { lines: [{ code: '97124', units: 0 }, { code: '97140', units: 1 }], note: 'Joint mobs 12 min.' },
    },
    {
      name: 'lines read from the note include active therapy',
      visit: { note: 'Treatment:\n97124-GP x1 (15 min) massage\n97112-GP x1 (10 min) NMR' },
    },
    {
      name: 'lines read from the note list only massage, but the note describes the exercise done',
      visit: { note: 'Treatment:\n97124-GP x1 (15 min) massage to lumbar paraspinals\nFollowed by stabilization exercises for core control.' },
    },
    {
      name: 'narrative note: massage and exercise in the same session',
      visit: { note: 'Treatment: therapeutic massage 15 min to lumbar paraspinals followed by therapeutic exercise 15 min.' },
    },
    {
      name: 'narrative note: massage the patient tried in the past is not this visit\'s service',
      visit: { note: 'History: she has tried massage and chiropractic care without lasting relief.\nAssessment: lumbar strain.' },
    },
    {
      name: 'an operative note: "skin massaged and closed" is not a massage service',
      visit: { note: 'Procedure: the cheek flap was advanced and the redundant skin massaged and closed.' },
    },
    {
      name: 'obstetric fundal massage under a procedure heading',
      visit: { note: 'Procedure: vaginal delivery. Fundal massage 5 min with good uterine tone.' },
    },
    {
      name: 'narrative note with no treatment heading or minutes: a passing mention of massage is out of scope',
      visit: { note: 'Patient reports she gets massages occasionally, which help her neck.' },
    },
  ],
  invalid: [
    {
      name: 'commercial: 97124 alone (error)',
      visit: { lines: [{ code: '97124', units: 2 }], note: 'Treatment: massage 25 min to lumbar paraspinals.' },
      errors: [{ message: /^97124 is billed on its own\./, severity: 'error', evidence: 'massage', line: 0 }],
    },
    {
      name: 'Medicare: the same visit is a warning',
      profile: 'medicare',
      visit: { lines: [{ code: '97124', modifiers: ['GP'], units: 2 }], note: 'Treatment: massage 25 min to lumbar paraspinals.' },
      errors: [{ message: /^97124 is billed on its own\..*\(Medicare Part B: Medicare LCD language treats 97124 as adjunctive/, severity: 'warning' }],
    },
    {
      name: 'evaluation, manual therapy and hot packs are not active therapy',
      visit: {
        lines: [{ code: '97161', units: 1 }, { code: '97124', units: 1 }, { code: '97140', units: 1 }, { code: '97010', units: 1 }],
        note: 'PT evaluation. Hot pack. Massage 10 min to R upper trap. Joint mobs 10 min C5-6.',
      },
      errors: [{ message: /^97124 is billed with only 97161, 97140, 97010, none of which is active therapy/, line: 1, evidence: 'Massage' }],
    },
    {
      name: 'the note describes exercise that is not on the claim',
      visit: {
        lines: [{ code: '97124', units: 1 }],
        note: 'Treatment: massage 15 min to R upper trap, then therapeutic exercise for cervical stabilization.',
      },
      errors: [{ message: /The note describes "therapeutic exercise" but no active-therapy code is billed/, evidence: 'therapeutic exercise', suggestion: /bill it with its minutes/ }],
    },
    {
      name: 'exercise that is only planned, homework or negated does not count',
      visit: {
        lines: [{ code: '97124', units: 1 }],
        note: 'Treatment: massage 15 min to lumbar paraspinals.\nHEP: home exercises reviewed.\nPlan: progress to therapeutic exercise next visit.\nPt will begin strengthening exercises when pain allows.',
      },
      errors: [{ message: /^97124 is billed on its own\.$|^97124 is billed on its own\. \(/, evidence: 'massage' }],
    },
    {
      name: 'lines read from a note with no claim: massage only',
      visit: { note: 'Treatment:\n97124-GP x2 (25 min) massage to lumbar paraspinals' },
      errors: [{ evidence: '97124-GP x2', line: 0, message: /^97124 is billed on its own/ }],
    },
    {
      name: 'narrative note: massage given, no active therapy',
      visit: { note: 'Treatment: Swedish massage 30 min to neck and upper back.\nAssessment: tolerated well.' },
      errors: [{ message: /^The note documents massage but no active therapy/, evidence: 'Swedish massage' }],
    },
    {
      name: 'narrative note without headings: timed massage is today\'s service',
      visit: { note: 'Pt seen for neck pain. Massage to upper traps x 20 min. Tolerated well.' },
      errors: [{ evidence: 'Massage' }],
    },
    {
      name: 'note in parts: evidence in the treatment part',
      profile: 'bcbs',
      visit: {
        lines: [{ code: '97124', units: 1 }],
        note: [
          { id: 's', label: 'Subjective', text: 'Neck pain, worse with driving.' },
          { id: 'tx', label: 'Treatment', text: 'Therapeutic massage 15 min to R upper trap.' },
        ],
      },
      errors: [{ evidence: 'Therapeutic massage', part: 'tx', severity: 'error' }],
    },
  ],
});
