// Synthetic TabStates: no real patient data, shaped like the background's replies.
import type { TabFinding, TabResult, TabState } from '../../../src/ui/tab-state';

export const HOSTILE_EVIDENCE = 'Pt reports <script>alert("x")</script> & <b>relaxation</b> massage';

export const findings: TabFinding[] = [
  {
    ruleId: 'relaxation-wording',
    title: 'Massage documented for relaxation',
    severity: 'error',
    message: 'The note gives relaxation as the reason for 97124.',
    evidence: { part: 'soap:plan', start: 4, end: 60, text: HOSTILE_EVIDENCE },
    line: 0,
    citations: [
      { title: 'Medicare Benefit Policy Manual, Ch. 15 §220', url: 'https://www.cms.gov/manual-ch15' },
      { title: 'Unsafe link', url: 'javascript:alert(1)' },
    ],
    suggestion: 'Name the functional goal the massage serves.',
    profile: 'aetna',
  },
  {
    ruleId: 'relaxation-wording',
    title: 'Massage documented for relaxation',
    severity: 'error',
    message: 'The note also says the massage feels good.',
    evidence: { part: 'soap:plan', start: 80, end: 90, text: 'feels good' },
    citations: [{ title: 'Medicare Benefit Policy Manual, Ch. 15 §220', url: 'https://www.cms.gov/manual-ch15' }],
    profile: 'aetna',
  },
  {
    ruleId: 'units-exceed-minutes',
    title: 'Billed units exceed documented minutes',
    severity: 'warning',
    message: '97124 billed 3 units, but 38 timed minutes support 3 units in total.',
    citations: [],
    profile: 'aetna',
  },
  {
    ruleId: 'missing-gp',
    title: 'GP modifier missing',
    severity: 'warning',
    message: 'Line 1 has no GP modifier.',
    line: 1,
    citations: [],
    profile: 'commercial',
  },
  {
    ruleId: 'maintenance-pattern',
    title: 'Maintenance pattern',
    severity: 'info',
    message: 'Same wording as the last visits.',
    evidence: { start: 0, end: 12, text: 'tolerated well' },
    citations: [],
    profile: 'aetna',
  },
];

export const result: TabResult = {
  findings,
  units: {
    method: 'cms',
    totalTimedMinutes: 38,
    expected: { '97110': 1, '97124': 2, '97010': 1 },
    expectedTimedUnits: 3,
    billed: { '97110': 1, '97124': 3, '97010': 1 },
    alternatives: [],
    minutesByCode: { '97110': 18, '97124': 20 },
  },
  profile: { id: 'aetna', name: 'Aetna', matchedBy: 'payer-name', payerText: 'Aetna Choice POS II' },
  dataVersion: { version: '2026.11', asOf: '2026-11-27' },
};

export const keys = ['k-relax', 'k-relax2', 'k-units', 'k-gp', 'k-maint'];

export function okState(overrides: Partial<TabState> = {}): TabState {
  return {
    status: 'ok',
    origin: 'https://ehr.example.test',
    result,
    rules: {
      'relaxation-wording': {
        title: 'Massage documented for relaxation',
        rationale: 'Payers deny 97124 when the documented purpose is relaxation or comfort.',
        howToFix: 'Document the functional limitation and the measurable goal.',
      },
      'units-exceed-minutes': {
        title: 'Billed units exceed documented minutes',
        rationale: 'Units beyond the minutes are overbilling.',
        howToFix: 'Bill the units the minutes support or document the missing time.',
      },
    },
    dismissed: [],
    findingKeys: keys,
    profiles: [
      { id: 'commercial', name: 'Commercial (base)' },
      { id: 'aetna', name: 'Aetna' },
      { id: 'medicare', name: 'Medicare' },
    ],
    profileOverride: null,
    truncated: false,
    frames: 3,
    lines: [
      { code: '97124', modifiers: ['GP'], units: 3 },
      { code: '97140', modifiers: [], units: 1 },
    ],
    locked: [],
    rejectedPolicy: [],
    ...overrides,
  };
}

export function statusState(status: TabState['status'], overrides: Partial<TabState> = {}): TabState {
  const { result: _omit, ...rest } = okState();
  return { ...rest, status, findingKeys: [], ...overrides };
}
