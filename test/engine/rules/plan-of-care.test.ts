import { ruleTester } from './tester';

const massage = 'Therapeutic massage 15 min to L QL with kneading to reduce palpable spasm.';
const line = [{ code: '97124', modifiers: ['GP'], units: 1 }];

ruleTester('plan-of-care', {
  valid: [
    {
      name: 'Medicare: treatment per the plan of care',
      profile: 'medicare',
      visit: { lines: line, note: `${massage} Continue per plan of care.` },
    },
    {
      name: 'Medicare: certification period stated (POC abbreviation)',
      profile: 'medicare',
      visit: { lines: line, note: `POC certified through 05/31/2026.\n${massage}` },
    },
    {
      name: 'Medicare: plan-of-care start date given on the claim',
      profile: 'medicare',
      visit: { dateOfService: '2026-03-10', episode: { planOfCareStart: '2026-03-02' }, lines: line, note: massage },
    },
    {
      name: 'commercial default does not require a plan-of-care reference',
      visit: { lines: line, note: massage },
    },
    {
      name: 'Aetna inherits no plan-of-care requirement',
      profile: 'aetna',
      visit: { lines: line, note: massage },
    },
    {
      name: 'no massage billed',
      profile: 'medicare',
      visit: { lines: [{ code: '97110', modifiers: ['GP'], units: 2 }], note: 'Exercise 30 min.' },
    },
    {
      name: 'a re-evaluation date in the future is not the plan start',
      profile: 'medicare',
      visit: { dateOfService: '2026-03-10', lines: line, note: `${massage} Plan of care reviewed. Re-eval on 04/15/2026.` },
    },
  ],
  invalid: [
    {
      name: 'Medicare: no plan of care referenced',
      profile: 'medicare',
      visit: { lines: line, note: massage },
      errors: [{ message: /The note does not reference a plan of care or its certification.*Medicare Part B: services not provided under a therapy plan of care/, severity: 'error', noEvidence: true, suggestion: /Treatment per POC dated/ }],
    },
    {
      name: 'BCBS: the note says there is no plan of care (evidence is that sentence)',
      profile: 'bcbs',
      visit: { lines: line, note: `${massage}\nNo plan of care on file yet.` },
      errors: [{ message: /The note says "No plan of care on file yet\."/, evidence: 'No plan of care on file yet.', severity: 'warning' }],
    },
    {
      name: 'hypothetical: a plan of care to be written later is not one',
      profile: 'medicare',
      visit: { lines: line, note: `${massage} Will establish a plan of care at the next visit.` },
      errors: [{ message: /does not reference a plan of care/, noEvidence: true }],
    },
    {
      name: 'point-of-care glucose is not a plan of care',
      profile: 'medicare-advantage',
      visit: { lines: line, note: `POC glucose 110.\n${massage}` },
      errors: [{ message: /does not reference a plan of care/, severity: 'error' }],
    },
    {
      name: 'a board-certified physician is not a certified plan',
      profile: 'uhc',
      visit: { lines: line, note: `Referred by a board certified orthopedist.\n${massage}` },
      errors: [{ severity: 'warning', message: /UnitedHealthcare/ }],
    },
    {
      name: 'plan of care starts after the date of service (note gives the date)',
      profile: 'medicare',
      visit: { dateOfService: '2026-03-02', lines: line, note: `Plan of care dated 03/09/2026.\n${massage}` },
      errors: [{ message: /The plan of care starts 2026-03-09, after this date of service \(2026-03-02\)/, evidence: 'Plan of care dated 03/09/2026' }],
    },
    {
      name: 'a note without claim lines, Medicare, parts',
      profile: 'medicare',
      visit: { note: [{ id: 's', label: 'Subjective', text: 'Neck pain with driving.' }, { id: 'tx', label: 'Treatment', text: massage }] },
      errors: [{ noEvidence: true }],
    },
  ],
});
