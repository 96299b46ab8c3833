import { ruleTester } from './tester';

const massage = 'Therapeutic massage 15 min to L QL with kneading to reduce palpable spasm.';
const line = [{ code: '97124', modifiers: ['GP'], units: 1 }];

ruleTester('episode-duration', {
  valid: [
    {
      name: 'commercial: visit 9, sides as a pair with units, better than the bracketed earlier pair',
      visit: { episode: { visitNumber: 9 }, lines: line, note: `O: lumbar SB R/L 24\u00b0/27\u00b0 (18\u00b0/21\u00b0 at re-eval). ${massage}` },
    },
    {
      name: 'commercial: visit 12 of a discharge summary whose outcome grid improved',
      visit: { episode: { visitNumber: 12 }, lines: line, note: `Outcome measure   Initial   Final\nLEFS              38        61\nKnee flexion      95 deg    122 deg\n${massage}` },
    },
    {
      name: 'commercial: visit 8, a pair of values against a different bracketed earlier pair',
      visit: { episode: { visitNumber: 8 }, lines: line, note: `Hip IR R 28 deg / L 32 deg (20/32 at visit 4). ${massage}` },
    },
    {
      name: 'early visit within the window',
      visit: { dateOfService: '2026-03-10', episode: { visitNumber: 2, onsetDate: '2026-03-01' }, lines: line, note: massage },
    },
    {
      name: 'visit 8 with documented progress since the last visit',
      visit: { episode: { visitNumber: 8 }, lines: line, note: `${massage} Cervical rotation improved from 40 to 55 degrees since last visit.` },
    },
    {
      name: 'late in the episode with pre/post pain improvement',
      visit: { episode: { visitNumber: 6 }, lines: line, note: `Pre: pain 6/10. ${massage} Post: pain 3/10.` },
    },
    {
      name: 'Medicare allows 10 visits before scrutiny (profile data)',
      profile: 'medicare',
      visit: { episode: { visitNumber: 8 }, lines: line, note: massage },
    },
    {
      name: 'no massage billed',
      visit: { episode: { visitNumber: 20 }, lines: [{ code: '97110', units: 2 }], note: 'Exercise 30 min.' },
    },
    {
      name: 'onset after the date of service is a data error, not a long episode',
      visit: { dateOfService: '2026-01-01', episode: { onsetDate: '2026-03-01' }, lines: line, note: massage },
    },
    {
      name: 'a threshold switched off by the profile options',
      visit: { episode: { visitNumber: 9 }, lines: line, note: massage },
      options: { ruleOptions: { 'episode-duration': { maxVisits: null } } },
    },
  ],
  invalid: [
    {
      name: 'commercial: visit 9, sides as a pair with units, the same as the bracketed earlier pair',
      visit: { episode: { visitNumber: 9 }, lines: line, note: `O: lumbar SB R/L 18\u00b0/21\u00b0 (18\u00b0/21\u00b0 at re-eval). ${massage}` },
      errors: [{ message: /visit 9.*no documented progress/ }],
    },
    {
      name: 'commercial: visit 8, "no change since last visit" is no progress',
      visit: { episode: { visitNumber: 8 }, lines: line, note: `Pt reports no change in low back symptoms since last visit. ${massage}` },
      errors: [{ message: /visit 8.*no documented progress/ }],
    },
    {
      name: 'commercial: visit 7, a pair of values with the same bracketed earlier pair',
      visit: { episode: { visitNumber: 7 }, lines: line, note: `Hip IR R 20 deg / L 32 deg (20/32 at visit 4). ${massage}` },
      errors: [{ message: /visit 7.*no documented progress/ }],
    },
    {
      name: 'commercial: visit 6, the comparison with the last visit documents no change',
      visit: { lines: line, note: `Visit 6. Pain 6/10, unchanged since last visit. ${massage}` },
      errors: [{ message: /visit 6.*no documented progress/ }],
    },
    {
      name: 'commercial: visit 5 without progress (visit number from the note)',
      visit: { lines: line, note: `Visit 5. ${massage} Patient tolerated well.` },
      errors: [{ message: /Massage billed on visit 5, past this profile's 3-visit scrutiny point, with no documented progress.*configurable profile data/, evidence: 'Visit 5', severity: 'info' }],
    },
    {
      name: 'Aetna: 20 days after onset is past its 14-day window',
      profile: 'aetna',
      visit: { dateOfService: '2026-03-21', episode: { onsetDate: '2026-03-01', visitNumber: 2 }, lines: line, note: massage },
      errors: [{ message: /20 days after onset \(2026-03-01\), past this profile's 14-day acute-phase window.*UNCONFIRMED/, noEvidence: true }],
    },
    {
      name: 'negated progress does not count',
      profile: 'medicare',
      visit: { episode: { visitNumber: 14 }, lines: line, note: `${massage} No progress since last visit.` },
      errors: [{ message: /visit 14, past this profile's 10-visit scrutiny point/ }],
    },
    {
      name: 'hypothetical improvement is not progress',
      profile: 'medicare-advantage',
      visit: { episode: { visitNumber: 12 }, lines: line, note: `${massage} Should improve with continued massage.` },
      errors: [{ message: /visit 12, past this profile's 10-visit scrutiny point.*Medicare Advantage/ }],
    },
    {
      name: 'worsening is not progress; goals are not progress',
      visit: { episode: { visitNumber: 6 }, lines: line, note: `${massage} Pain increased from 3 to 6/10.\nGoals: improved sitting tolerance.` },
      errors: [{ message: /visit 6/ }],
    },
    {
      name: 'both thresholds passed; onset and visit read from the note parts',
      // No day limit by default (none is published for most payers): an organisation sets its own.
      options: { ruleOptions: { 'episode-duration': { maxDaysFromOnset: 42 } } },
      visit: {
        note: [
          { id: 'hdr', label: 'Header', text: 'Date of service: 04/20/2026. Date of injury: 01/02/2026. Visit #9 of 12.' },
          { id: 'tx', label: 'Treatment', text: massage },
        ],
      },
      errors: [{ message: /visit 9.* and 108 days after onset \(2026-01-02\), past this profile's 42-day acute-phase window/, evidence: 'Visit #9 of 12', part: 'hdr' }],
    },
  ],
});
