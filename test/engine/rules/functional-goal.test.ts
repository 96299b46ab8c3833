import { ruleTester } from './tester';

const massageLine = [{ code: '97124', modifiers: ['GP'], units: 1, minutes: 15 }];
const bare = 'Therapeutic massage 15 min to R upper trapezius with effleurage and kneading. Palpable hypertonicity.';

ruleTester('functional-goal', {
  valid: [
    {
      name: 'cigna: a pain goal tied to an activity, then a plan line',
      profile: 'cigna',
      visit: { lines: massageLine, note: `${bare}\nGoals: reduce pain to 3/10 so pt can lift her toddler by 4 wks.\nPlan 3x/wk x 4 wks.` },
    },
    {
      name: 'a lifting target from one load to another names an activity',
      visit: { lines: massageLine, note: `${bare}\nGoal: increase lifting from 10 to 30 lb to return to warehouse work.` },
    },
    {
      name: 'functional limitation named',
      visit: { lines: massageLine, note: `${bare} Limited cervical rotation makes driving difficult.` },
    },
    {
      name: 'functional goal in the future tense counts',
      visit: { lines: massageLine, note: `${bare}\nGoals: patient will be able to check blind spot without pain in 4 weeks.` },
    },
    {
      name: 'a limitation worded with its own negation',
      visit: { lines: massageLine, note: `${bare} Pt not able to reach overhead to the top shelf.` },
    },
    {
      name: 'ADLs and sleep',
      visit: { lines: massageLine, note: `${bare} Pain wakes her at night; difficulty with dressing.` },
    },
    {
      name: 'functional outcome measure documents the limitation',
      visit: { lines: massageLine, note: `${bare} ODI 38%.` },
    },
    {
      name: 'no massage billed: out of scope',
      visit: { lines: [{ code: '97140', units: 1 }], note: 'Joint mobilization to the R shoulder.' },
    },
    // Turning the head to check traffic and crossing the street are what the patient does (driving, walking).
    {
      name: 'checking traffic with a head turn, reported as better',
      visit: { lines: massageLine, note: `${bare}\nPt says she can turn the head far enough to check traffic before merging.` },
    },
    {
      name: 'crossing the street named as the limitation',
      visit: { lines: massageLine, note: `${bare}\nCalf cramping still stops him when he crosses the street at the light.` },
    },
    {
      name: 'checking mirrors as the goal',
      visit: { lines: massageLine, note: `${bare}\nGoal: checks both mirrors without neck pain in 4 wks.` },
    },
    // An impairment target tied to what the patient does, in any of the goal frames.
    {
      name: 'swelling reduced so that work boots fit',
      visit: { lines: massageLine, note: `${bare}\nGoal: reduce L ankle swelling so pt can lace her work boots by wk 3.` },
    },
    {
      name: 'a pain target while doing an activity',
      visit: { lines: massageLine, note: `${bare}\nSTG: pain 3/10 or lower while carrying groceries up one flight.` },
    },
    {
      name: 'a region before a pain target that serves an activity',
      visit: { lines: massageLine, note: `${bare}\nLTG: R forearm ache 1/10 when typing a full workday.` },
    },
    {
      name: 'edema and circulation to allow an activity',
      visit: { lines: massageLine, note: `${bare}\nGoals: improve lymph flow and decrease edema B legs to allow standing at the register 4 hrs.` },
    },
    // An impairment target that names the activity it serves is a functional goal.
    {
      name: 'a grip grade to open jars',
      visit: { lines: massageLine, note: `${bare}\nGoals: grip 5/5 R to open jars at home.` },
    },
    {
      name: 'mouth opening in mm to bite food',
      visit: { lines: massageLine, note: `${bare}\nLTG: open mouth 42 mm so she can bite a sandwich.` },
    },
    {
      name: 'a motion abbreviation with the activity after it',
      visit: { lines: massageLine, note: `${bare}\nSTG: shoulder flex 150 deg to reach the top cupboard.` },
    },
  ],
  invalid: [
    // Goals of pain scores and degrees only, with a plan line written without a colon after them: the plan
    // line is no goal, so it names no activity for the goals.
    ...[
      ['pain and a motion, then a frequency line', 'Goals: reduce pain to 3/10; increase lumbar flex to 60\u00b0.\nPlan 3x/wk x 4 wks.'],
      ['a goals block, then a plan of care line', 'LTG:\n- NPRS 1/10\n- hip ER 40 deg\nPlan of care 2x/wk, re-eval in 30 days.'],
      ['pain only, then a frequency line', 'Goal: pain below 2/10 by 3 wks.\nFrequency 1x/wk.'],
    ].map(([name, goals]) => ({ name: `cigna: ${name!}`, profile: 'cigna', visit: { lines: massageLine, note: `${bare}\n${goals}` }, errors: [{ message: /names an impairment/ }] })),
    // A measured motion the measure grammar knows, and the tissue a scar or lymph goal names, are impairments.
    ...[
      ['a straight-leg raise target beside pain and blood flow', 'Goals: pain 1/10 or less; improve R SLR to 85 deg; improve blood flow.'],
      ['a sidebend target only', 'STG: increase R cervical SB to 40 deg in 3 wks.'],
      ['scar tissue goals only', 'Goals: lessen adhesion of the scar; improve skin pliability.'],
      ['scar thickness and lymph flow', 'LTG: reduce keloid thickness, improve lymph flow to forearm.'],
      ['a scar score by its capitals is no functional measure', 'Scar POSAS 41 -> 35 post.\nGoals: soften scar, improve skin pliability.'],
    ].map(([name, goals]) => ({ name: name!, visit: { lines: massageLine, note: `${bare}\n${goals}` }, errors: [{ message: /names an impairment/ }] })),
    {
      name: 'muscle endurance in seconds is an impairment',
      visit: { lines: massageLine, note: `${bare}\nGoals: pain 2/10; DNF endurance 25 s; lumbar extensor holds 60 s.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'a pain abbreviation and muscle tone only',
      visit: { lines: massageLine, note: `${bare}\nSTG: reduce LBP to 2/10 and lessen hip flexor spasm by week 3.` },
      errors: [{ message: /no functional/ }],
    },
    // A body region after "to" says where the impairment is, not what it is for.
    {
      name: 'pain and circulation to a region\u2019s musculature',
      visit: { lines: massageLine, note: `${bare}\nGoals: reduce pain and improve circulation to lumbar musculature.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'blood flow to one side\u2019s muscles',
      visit: { lines: massageLine, note: `${bare}\nGoal: increase blood flow to L forearm musculature and decrease spasm.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'tone to a named side',
      visit: { lines: massageLine, note: `${bare}\nSTG: normalize tone to R paraspinals in 3 wks.` },
      errors: [{ message: /no functional/ }],
    },
    // Symptom frequency and intensity, circulation to a region, tenderness on palpation: impairments.
    {
      name: 'fewer and milder headaches',
      visit: { lines: massageLine, note: `${bare}\nGoals: reduce headache frequency and intensity; decrease neck soreness.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'circulation to a region within a time frame',
      visit: { lines: massageLine, note: `${bare}\nGoal: improve circulation to the R calf within 3 weeks.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'tenderness decreased on palpation is no limitation',
      visit: { lines: massageLine, note: `${bare}\nPost: tenderness decreased on palpation.` },
      errors: [{ message: /no functional/ }],
    },
    // A target written "from A to B" is still an impairment target.
    {
      name: 'pain from one score to another in a time frame',
      visit: { lines: massageLine, note: `${bare}\nGoal: reduce pain from 6/10 to 2/10 in 4 wks.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'rotation from one angle to another by discharge',
      visit: { lines: massageLine, note: `${bare}\nSTG: improve cervical rotation from 45 to 70 deg by discharge.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'spasm from one grade to another',
      visit: { lines: massageLine, note: `${bare}\nLTG: decrease spasm from grade 3 to grade 1.` },
      errors: [{ message: /no functional/ }],
    },
    // Muscle short forms and sides are where, not an activity: an impairment goal written with them
    // is still only an impairment goal.
    {
      name: 'reduce hypertonicity with muscle short forms',
      visit: { lines: massageLine, note: `${bare}\nGoals: reduce hypertonicity L UT and lev scap.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'normalise tone on both sides with a time frame',
      visit: { lines: massageLine, note: `${bare}\nLTG: normalize muscle tone bilat QL in 4 wks.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'a joint abbreviation and a muscle joined by a slash',
      visit: { lines: massageLine, note: `${bare}\nGoal: decrease spasm R GH/pec minor.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'hamstrings and gluteus medius written short',
      visit: { lines: massageLine, note: `${bare}\nSTG: improve tissue extensibility B hams; decrease TTP L glut med.` },
      errors: [{ message: /no functional/ }],
    },
    // Pain, tone and tissue goals stay impairments however they are framed: a region first, a
    // comparator after the target, a qualifier before the noun.
    {
      name: 'a region before a pain target with a comparator',
      visit: { lines: massageLine, note: `${bare}\nGoals: low back ache 3/10 or lower; ease hamstring tightness within 2 wks.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'a side and joint before a motion target',
      visit: { lines: massageLine, note: `${bare}\nLTG: R hip IR at least 35 deg; TTP under grade 2.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'preventing more restriction of the tissue',
      visit: { lines: massageLine, note: `${bare}\nGoals: prevent any recurrent scar adhesions; minimize residual stiffness.` },
      errors: [{ message: /no functional/ }],
    },
    // A change measured after the massage is a response, not a limitation; the therapist's skill
    // that a service needs is not something the patient cannot do.
    {
      name: 'a value that decreased after the session is no limitation',
      visit: { lines: massageLine, note: `${bare}\nTone decreased to MAS 1 following the session.\nGoal: normalize tone.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'the need for a therapist is no limitation',
      visit: { lines: massageLine, note: `${bare} Needs the expertise of a clinician to dose depth near the graft.\nGoal: decrease spasm.` },
      errors: [{ message: /no functional/ }],
    },
    // Strength grades, motion abbreviations, mouth opening and tone written as bare targets are
    // impairments: a short motion word ("ext", "flex", "abd") is what is measured, not an activity.
    {
      name: 'a strength grade after a joint and a motion short form',
      visit: { lines: massageLine, note: `${bare}\nGoals: NPRS 1/10; elbow flex 5/5.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'grip and hip abduction grades in one list',
      visit: { lines: massageLine, note: `${bare}\nLTG: grip 4+/5 L; R hip abd 5/5; knee ext 0 deg.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'maximal mouth opening in millimetres and jaw tone',
      visit: { lines: massageLine, note: `${bare}\nGoals- MIO 45 mm; decrease L pterygoid tone.` },
      errors: [{ message: /goal \("MIO 45 mm"\) names an impairment/ }],
    },
    {
      name: 'mouth opening written out, with a time frame',
      visit: { lines: massageLine, note: `${bare}\nSTG: mouth opening 38 mm in 3 wks.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'cervical rotation and side bend targets',
      visit: { lines: massageLine, note: `${bare}\nGoals: cervical rot 70 deg B; SB 40 deg; MAS 0.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'nothing functional at all',
      visit: { lines: massageLine, note: bare },
      errors: [{ noEvidence: true, message: /no functional limitation or functional goal/ }],
    },
    {
      name: 'goals of well-being and tissue qualities name no activity',
      visit: { lines: massageLine, note: `${bare}\nGoals: improve overall well-being; improve tissue extensibility.\nTotal timed 15 min.` },
      errors: [{ message: /no functional/ }],
    },
    {
      name: 'negated activity is not a limitation',
      visit: { lines: massageLine, note: `${bare} Denies difficulty with driving.` },
      errors: [{ noEvidence: true }],
    },
    {
      name: 'prior level of function is history, not today',
      visit: { lines: massageLine, note: `${bare}\nPrior level of function: independent with all ADLs and driving.` },
      errors: [{ noEvidence: true }],
    },
    {
      name: 'a goal with no functional target: evidence is the goal sentence',
      visit: { lines: massageLine, note: `${bare}\nGoals: decrease pain to 2/10.` },
      errors: [{ evidence: 'Goals: decrease pain to 2/10.', message: /goal \("decrease pain to 2\/10"\) names an impairment, not an activity/ }],
    },
    {
      name: 'the purpose in the massage sentence names no activity',
      visit: { lines: massageLine, note: 'Massage to lumbar paraspinals with kneading to improve circulation. Spasm noted.' },
      errors: [{ evidence: 'Massage to lumbar paraspinals with kneading to improve circulation.' }],
    },
    {
      name: 'a pain scale is not a functional measure',
      visit: { lines: massageLine, note: `${bare} NPRS 6/10.` },
      errors: [{ noEvidence: true }],
    },
    {
      name: 'cigna raises it to an error',
      visit: { payer: 'Cigna', lines: massageLine, note: bare },
      errors: [{ severity: 'error', message: /\(Cigna: Cigna requires therapy to demonstrate functional improvement/ }],
    },
    {
      name: 'notes in parts with lines read from the note',
      visit: {
        note: [
          { id: 'tx', label: 'Treatment', text: '97124 x1 (15 min): massage to low back with kneading.' },
          { id: 'goals', label: 'Goals', text: 'Goal: reduce spasm.' },
        ],
      },
      errors: [{ evidence: 'Goal: reduce spasm.', part: 'goals' }],
    },
  ],
});
