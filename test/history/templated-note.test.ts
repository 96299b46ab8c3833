import { historyRuleTester } from './tester';
import { visitOf } from './notes';

const template = { pain: 5, rotation: 45 };

historyRuleTester('templated-note', {
  valid: [
    {
      name: "different patients' own findings",
      visits: [
        visitOf('p1', '2026-03-02', { pain: 6, rotation: 40 }),
        {
          patient: { id: 'p2' },
          dateOfService: '2026-03-02',
          lines: [{ code: '97124', units: 1 }],
          note: 'Subjective: Low back tightness after lifting boxes at the warehouse; pain 7/10 bending.\nObjective: Lumbar flexion 45 deg, paraspinal spasm L>R at L3-L5, tender QL on the left.\nTreatment: Massage 15 min to lumbar paraspinals and left quadratus lumborum, kneading and stripping.\nAssessment: Spasm limits bending and lifting at work; massage allows core activation to progress.',
        },
      ],
    },
    {
      name: "one patient's repeated note is cloned-note's concern, not a template across patients",
      visits: [visitOf('p1', '2026-03-02', template), visitOf('p1', '2026-03-05', template)],
    },
    {
      name: 'switched off by the rule level',
      options: { ruleLevels: { 'templated-note': 'off' } },
      visits: [visitOf('p1', '2026-03-02', template), visitOf('p2', '2026-03-03', template)],
    },
  ],
  invalid: [
    {
      name: 'the same note for two patients: each is flagged, naming no one',
      visits: [visitOf('p1', '2026-03-02', template), visitOf('p2', '2026-03-03', template)],
      errors: [
        { visit: 0, message: /: the whole note \(up to 100% shared\) near-identical to the notes of 1 other patient, e\.g\. 2026-03-03/, suggestion: /template/ },
        { visit: 1, message: /notes of 1 other patient, e\.g\. 2026-03-02/ },
      ],
    },
    {
      name: 'the same findings for three patients, their own history differing',
      visits: [
        visitOf('p1', '2026-03-02', { ...template, reports: 'Neck aches by the end of a shift at the checkout, worse turning left to the belt' }),
        visitOf('p2', '2026-03-02', { ...template, reports: 'Stiff neck since a fall while skiing two weeks ago, sleeping poorly on the right side' }),
        visitOf('p3', '2026-03-04', { ...template, reports: 'Pain at the base of the skull after a long flight, headaches in the afternoons' }),
      ],
      errors: [
        { visit: 0, message: /its Objective.* near-identical to the notes of 2 other patients/ },
        { visit: 1, message: /2 other patients/ },
        { visit: 2, message: /2 other patients, e\.g\. 2026-03-02/ },
      ],
    },
  ],
});
