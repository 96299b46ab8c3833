import { historyRuleTester } from './tester';
import { visitOf } from './notes';

const same = { pain: 6, rotation: 40 };

historyRuleTester('cloned-note', {
  valid: [
    {
      name: 'genuinely progressing notes: new figures, new words each visit',
      visits: [
        visitOf('p1', '2026-03-02', { pain: 6, rotation: 40 }),
        visitOf('p1', '2026-03-05', {
          pain: 4,
          rotation: 48,
          reports: 'Backing out of the driveway was easier on Tuesday; stiffness now mostly after the evening shift',
          assessment: 'Rotation gained eight degrees and the trigger point is smaller; massage time will drop next visit as the home stretches take over.',
        }),
        visitOf('p1', '2026-03-09', {
          pain: 3,
          rotation: 55,
          reports: 'Drove to the coast at the weekend without needing to stop, only a dull ache by evening',
          assessment: 'Close to the driving goal; spasm is minimal, so the next visit moves to strengthening with a short soft tissue warm-up only.',
        }),
      ],
    },
    {
      name: 'one visit of a patient has nothing to compare with',
      visits: [visitOf('p1', '2026-03-02', same)],
    },
    {
      name: "another patient's identical note is not this patient's copy (templated-note's concern)",
      visits: [visitOf('p1', '2026-03-02', same), visitOf('p2', '2026-03-05', same)],
    },
    {
      name: 'short notes are too short to call copied',
      visits: [
        { patient: { id: 'p1' }, dateOfService: '2026-03-02', note: 'Massage 15 min. Tolerated well.', lines: [] },
        { patient: { id: 'p1' }, dateOfService: '2026-03-04', note: 'Massage 15 min. Tolerated well.', lines: [] },
      ],
    },
    {
      name: 'visits without a patient id are checked on their own',
      visits: [visitOf('p1', '2026-03-02', same, { patient: undefined }), visitOf('p1', '2026-03-05', same, { patient: undefined })],
    },
    {
      name: 'switched off by an option',
      options: { ruleOptions: { 'cloned-note': { cloneSimilarity: null } } },
      visits: [visitOf('p1', '2026-03-02', same), visitOf('p1', '2026-03-05', same)],
    },
  ],
  invalid: [
    {
      name: 'the same note three times: flagged at the second and third, with since when',
      visits: [visitOf('p1', '2026-03-02', same), visitOf('p1', '2026-03-05', same), visitOf('p1', '2026-03-09', same)],
      errors: [
        { visit: 1, message: /its Subjective, Objective, Treatment and Assessment are near-identical to the note of 2026-03-02 \(100% of the note's three-word runs shared\), unchanged since 2026-03-02 \(2 visits in a row\)/ },
        { visit: 2, message: /near-identical to the note of 2026-03-05.*unchanged since 2026-03-02 \(3 visits in a row\)/, suggestion: /do not copy findings forward/ },
      ],
    },
    {
      name: 'lightly edited: only the pain score changed, findings copied forward',
      visits: [visitOf('p1', '2026-03-02', same), visitOf('p1', '2026-03-05', { pain: 5, rotation: 40 })],
      errors: [{ visit: 1, message: /its Subjective, Objective, Treatment and Assessment are near-identical to the note of 2026-03-02 \(9\d% of the note's three-word runs shared\), unchanged since 2026-03-02/ }],
    },
    {
      name: 'dates decide the order, not the input order',
      visits: [visitOf('p1', '2026-03-09', same), visitOf('p1', '2026-03-02', same)],
      errors: [{ visit: 0, message: /note of 2026-03-02/ }],
    },
    {
      name: 'a new episode does not reset it: the note was still copied',
      visits: [visitOf('p1', '2026-03-02', same, { episode: { id: 'a' } }), visitOf('p1', '2026-05-02', same, { episode: { id: 'b' } })],
      errors: [{ visit: 1, message: /note of 2026-03-02/ }],
    },
  ],
});
