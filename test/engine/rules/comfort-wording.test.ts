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
    // History: comfort care the patient had before is their history, not today's service (round 13).
    {
      name: 'an "Hx:" field holds past spa care',
      visit: { lines: massageLine, note: 'Hx: got spa massages every few weeks last spring.\nMassage 13 min to L gastroc, kneading, for tightness limiting push-off.' },
    },
    {
      name: '"before this episode" opens history',
      visit: { lines: massageLine, note: 'Before this episode he booked relaxation massages at a resort. Massage 14 min R UT, kneading, for spasm limiting rotation.' },
    },
    {
      name: '"used to get" is a past habit',
      visit: { lines: massageLine, note: 'Pt used to get wellness massages at her gym. Massage 12 min L QL for guarding limiting sit to stand.' },
    },
    {
      name: 'care the patient paid for herself',
      visit: { lines: massageLine, note: 'She self-paid for spa facials and massages until March. Massage 15 min to R forearm extensors for trigger points limiting grip.' },
    },
    // A practice's or place's proper name is a name, not wording about the massage (round 13).
    {
      name: 'letterhead: a title, a dash, then "<Name> Ortho & Wellness"',
      visit: { lines: massageLine, note: 'DAILY NOTE \u2014 Cedar Ortho & Wellness\nMassage 14 min L QL, kneading, for spasm limiting bending.' },
    },
    {
      name: 'letterhead: the practice name alone on the first line',
      visit: { lines: massageLine, note: 'Bayside Wellness\n\nMassage 12 min R UT, stripping, for trigger points limiting rotation.' },
    },
    {
      name: 'an ALL-CAPS letterhead joined by "&"',
      visit: { lines: massageLine, note: 'ORCHARD PHYSIO & WELLNESS\nMassage 15 min lumbar paraspinals for guarding.' },
    },
    {
      name: 'a hyphenated name with a head word: "referred from Relax-Well Physio"',
      visit: { lines: massageLine, note: 'Referred from Relax-Well Physio for neck pain. Massage 12 min R levator, kneading, for spasm limiting driving.' },
    },
    {
      name: 'a day spa named as a workplace',
      visit: { lines: massageLine, note: 'Works weekends at Lakeview Day Spa & Salon. Massage 12 min R forearm flexors for tenderness limiting grip.' },
    },
    {
      name: 'an opener before the name: "at <Name> Wellness"',
      visit: { lines: massageLine, note: 'Swims laps at Pine Ridge Wellness on Fridays; massage 13 min L glute med today for trigger points limiting stairs.' },
    },
    // A session named in general, not today's session: no purpose stated.
    {
      name: 'a yoga session the patient takes for relaxation is no statement of this visit',
      visit: { lines: massageLine, note: 'Hobbies: yoga session weekly, for relaxation with friends.\nO: L QL spasm palpable, TTP.\nA: guarding eased; SLR R 60 -> 70 deg.\nSTM 97124 to L QL x 15 min, kneading.' },
    },
    {
      name: 'plural sessions between visits name no one session',
      visit: { lines: massageLine, note: 'Client unwinds by swimming between sessions.\nO: L QL spasm palpable, TTP.\nA: guarding eased; SLR R 60 -> 70 deg.\nSTM 97124 to L QL x 15 min, kneading.' },
    },
    {
      name: 'quoted words after a request are the patient\u2019s wish, the session says otherwise',
      visit: { lines: massageLine, note: 'Client asked for \u201ca nice calming rub\u201d; told this session treats the L QL spasm.\nO: L QL spasm palpable, TTP.\nA: guarding eased; SLR R 60 -> 70 deg.\nSTM 97124 to L QL x 15 min, kneading.' },
    },
    {
      name: 'not enjoying the visit is no comfort wording',
      visit: { lines: massageLine, note: 'Massage 97124 15 min L QL, kneading. Pt did not enjoy the treatment; pressure reduced.' },
    },
  ],
  invalid: [
    {
      name: 'enjoying the visit as the note\u2019s account of it',
      visit: { lines: massageLine, note: 'Massage 97124 15 min L QL, kneading. She enjoyed her session and booked again.' },
      errors: [{ evidence: 'enjoyed her session' }],
    },
    {
      name: 'today\u2019s session stated as for stress relief, on a line of its own before the findings',
      visit: { lines: massageLine, note: 'On arrival the client requested this session be given over to stress relief.\nO: L QL spasm palpable, TTP.\nA: guarding eased; SLR R 60 -> 70 deg.\nSTM 97124 to L QL x 15 min, kneading.' },
      errors: [{ evidence: 'stress relief' }],
    },
    {
      name: 'the focus of this visit as relaxation, far from the massage line',
      visit: { lines: massageLine, note: 'Focus of the session: relaxation after a long week.\nO: L QL spasm palpable, TTP.\nA: guarding eased; SLR R 60 -> 70 deg.\nSTM 97124 to L QL x 15 min, kneading.' },
      errors: [{ evidence: 'relaxation' }],
    },
    {
      name: 'a request unquoted books the visit\u2019s purpose',
      visit: { lines: massageLine, note: 'Client asked that this visit be kept to stress reduction.\nO: L QL spasm palpable, TTP.\nA: guarding eased; SLR R 60 -> 70 deg.\nSTM 97124 to L QL x 15 min, kneading.' },
      errors: [{ evidence: 'stress reduction' }],
    },
    {
      name: 'a cue word elsewhere does not excuse relaxation as the purpose',
      visit: { lines: massageLine, note: 'Cues for posture given during ther ex. Massage 15 min to neck for relaxation.' },
      errors: [{ evidence: 'relaxation', message: /comfort care/ }],
    },
    {
      name: 'history on its own line, then comfort stated as today\u2019s purpose',
      visit: { lines: massageLine, note: 'Hx: booked spa days now and then before this episode.\nMassage today 15 min to neck for relaxation.' },
      errors: [{ evidence: 'relaxation' }],
    },
    {
      name: 'capitalised wording about the session is no name: "Wellness massage"',
      visit: { lines: massageLine, note: 'Wellness massage 15 min to the back.' },
      errors: [{ evidence: 'Wellness' }],
    },
    {
      name: 'capitalised comfort words joined by "&" after "for" are a purpose',
      visit: { lines: massageLine, note: 'Massage 15 min for Wellness & Relaxation.' },
      errors: [{ evidence: 'Wellness' }, { evidence: 'Relaxation' }],
    },
    {
      name: 'a title-case service heading is no letterhead: "Relaxation Massage"',
      visit: { lines: massageLine, note: 'Relaxation Massage\nMassage 15 min to the back.' },
      errors: [{ evidence: 'Relaxation' }],
    },
    {
      name: 'a practice name in the letterhead does not excuse comfort wording in the note',
      visit: { lines: massageLine, note: 'Cedar Ortho & Wellness\nMassage 15 min to neck for general wellness.' },
      errors: [{ evidence: 'wellness' }],
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
