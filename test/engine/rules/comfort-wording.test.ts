import { ruleTester } from './tester';

const massageLine = [{ code: '97124', modifiers: ['GP'], units: 1, minutes: 15 }];

ruleTester('comfort-wording', {
  valid: [
    {
      name: 'PNF hold-relax and contract-relax are exercise technique names',
      visit: { lines: massageLine, note: 'Therapeutic massage 12 min to R hamstrings, kneading, for palpable tightness limiting SLR. Ther ex: PNF hold-relax and contract relax to R hamstrings.' },
    },
    {
      name: 'clinical indication only',
      visit: { lines: massageLine, note: 'Therapeutic massage 15 min to R upper trapezius to reduce palpable hypertonicity limiting cervical rotation.' },
    },
    {
      name: 'relaxation in preparation for exercise (LCD indication)',
      visit: { lines: massageLine, note: 'Massage to lumbar paraspinals for relaxation in preparation for therapeutic exercise.' },
    },
    {
      name: 'negated: patient denies relaxation benefit',
      visit: { lines: massageLine, note: 'Massage to R upper trap. Patient denies relaxation benefit; goal is pain-free rotation.' },
    },
    {
      name: 'muscle relaxant medication',
      visit: { lines: massageLine, note: 'Meds: muscle relaxants at night. Massage to lumbar paraspinals for spasm.' },
    },
    {
      name: 'no massage billed: comfort words are out of scope',
      visit: { lines: [{ code: '97110', units: 2 }], note: 'Therapeutic exercise. Patient reports the walk was relaxing.' },
    },
    {
      name: 'well-being in social history, far from any massage',
      visit: {
        lines: massageLine,
        note: 'Social history: retired teacher, values her general well-being.\n\nObjective: palpable spasm L QL.\n\nTreatment: massage 15 min L QL with kneading.',
      },
    },
    // The patient's own words and wishes are not the clinician's purpose for the session.
    {
      name: "the patient's wish, reported",
      visit: { lines: massageLine, note: 'Pt reports she wants a massage to unwind. Massage 15 min R UT for spasm limiting turning to drive.' },
    },
    {
      name: "the patient's words in quotation marks",
      visit: { lines: massageLine, note: 'Pt stated "I just need to relax". Massage 15 min L QL for guarding limiting bending.' },
    },
    {
      name: 'a comments line of what the patient says, before a clause of the clinician\'s own',
      visit: { lines: massageLine, note: 'Massage 15 min R UT.\nComments: pt states relaxation is the best part; tx targets spasm limiting desk work.' },
    },
    {
      name: 'the patient would like to feel less stressed',
      visit: { lines: massageLine, note: 'Client would like stress relief from work. Massage 14 min cervical paraspinals for trigger points limiting rotation.' },
    },
    // A cue to relax during a test, transfer or positioning is what staff asked of the patient, not the massage's purpose.
    {
      name: 'cued to relax during a special test',
      visit: { lines: massageLine, note: 'Neer test negative; pt was cued to relax the arm for passive ROM. Massage 15 min R infraspinatus for trigger points limiting reaching.' },
    },
    {
      name: 'instructed to relax during a sit-to-stand transfer',
      visit: { lines: massageLine, note: 'Sit-to-stand transfer with min A; pt instructed to relax her legs before the pivot. Massage 12 min L hamstrings for guarding limiting gait.' },
    },
    {
      name: 'verbal cues to relax while positioned prone',
      visit: { lines: massageLine, note: 'Positioned prone with verbal cues to relax into the table. Massage 15 min lumbar paraspinals for spasm limiting bending.' },
    },
    {
      name: 'reminded to relax the jaw during cervical ROM',
      visit: { lines: massageLine, note: 'Cervical rotation measured after pt was reminded to relax the jaw. Massage 10 min L SCM and scalenes for hypertonicity limiting turning to drive.' },
    },
  ],
  invalid: [
    {
      name: 'a cue word elsewhere does not excuse relaxation as the purpose',
      visit: { lines: massageLine, note: 'Cues for posture given during ther ex. Massage 15 min to neck for relaxation.' },
      errors: [{ evidence: 'relaxation', message: /comfort care/ }],
    },
    {
      name: 'relaxation as the purpose',
      visit: { lines: massageLine, note: 'Massage 15 min to neck and shoulders for relaxation.' },
      errors: [{ evidence: 'relaxation', message: /comfort care/ }],
    },
    {
      name: 'stress relief and feels good',
      visit: { lines: massageLine, note: 'Swedish massage for stress relief. Patient states it feels good.' },
      errors: [{ evidence: 'stress relief' }, { evidence: 'feels good' }],
    },
    {
      name: "the patient's words about the massage itself still record it as comfort care",
      visit: { lines: massageLine, note: 'Massage 15 min R UT for spasm. Pt states it is very soothing.' },
      errors: [{ evidence: 'soothing' }],
    },
    {
      name: 'the clinician states the goal of the session',
      visit: { lines: massageLine, note: 'Goal of session: relaxation. Massage 15 min to back.' },
      errors: [{ evidence: 'relaxation' }],
    },
    {
      name: "the patient's report ends at a semicolon; the clinician's purpose after it counts",
      visit: { lines: massageLine, note: 'Pt reports neck stiffness; massage 15 min to neck for relaxation and stress relief.' },
      errors: [{ evidence: 'relaxation' }, { evidence: 'stress relief' }],
    },
    {
      name: 'a report ended by "but": what follows is the clinician\'s',
      visit: { lines: massageLine, note: 'Pt says the neck is stiff but massage given today for relaxation, 15 min.' },
      errors: [{ evidence: 'relaxation' }],
    },
    {
      name: 'wellness in the plan section',
      visit: { lines: massageLine, note: 'Plan: continue weekly sessions for general wellness.' },
      errors: [{ evidence: 'wellness', severity: 'error' }],
    },
    {
      name: 'a .txt-style note with no claim lines but massage documented',
      visit: { note: 'Therapeutic massage to low back, spa-style, pampering session.' },
      errors: [{ evidence: 'spa' }, { evidence: 'pampering' }],
    },
    {
      name: 'evidence points into the right note part',
      visit: {
        lines: massageLine,
        note: [
          { id: 'subjective', label: 'Subjective', text: 'Pt reports neck pain with driving.' },
          { id: 'plan', label: 'Plan', text: 'Massage to promote relaxation.' },
        ],
      },
      errors: [{ evidence: 'promote relaxation', part: 'plan' }],
    },
  ],
});
