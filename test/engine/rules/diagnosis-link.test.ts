import { ruleTester } from './tester';

const note = 'Therapeutic massage 15 min to L QL with kneading to reduce palpable spasm.';
const massage = (dx: string[] | undefined) => [{ code: '97124', modifiers: ['GP'], units: 1, ...(dx ? { dx } : {}) }];

ruleTester('diagnosis-link', {
  valid: [
    { name: 'specific spasm diagnosis', visit: { lines: massage(['M62.830']), note } },
    { name: 'written without the decimal point and in lower case', visit: { lines: massage(['m62830']), note } },
    { name: 'a non-specific code beside a specific one', visit: { lines: massage(['R52', 'M54.2']), note } },
    { name: 'M54.5 before it was deleted (date of service in FY2021)', visit: { dateOfService: '2021-09-30', lines: massage(['M54.5']), note } },
    { name: 'seven-character injury code', visit: { lines: massage(['S39.012A']), note } },
    { name: 'other lines without a diagnosis are not this rule’s concern', visit: { lines: [...massage(['M62.830']), { code: '97110', units: 2 }], note } },
    { name: 'lines read from a note carry no diagnosis pointers', visit: { note: `${note}\n97124-GP x1` } },
  ],
  invalid: [
    {
      name: 'no diagnosis on the massage line',
      visit: { lines: massage(undefined), note },
      errors: [{ message: /97124 has no diagnosis/, severity: 'error', line: 0, noEvidence: true, suggestion: /M62\.830/ }],
    },
    {
      name: 'only unspecified pain (R52)',
      profile: 'medicare',
      visit: { lines: massage(['R52']), note },
      errors: [{ message: /97124 points only to non-specific diagnoses: R52 \(Pain, unspecified/, severity: 'warning', line: 0, suggestion: /Instead of R52/ }],
    },
    {
      name: 'M54.5 after October 1, 2021',
      visit: { dateOfService: '2026-03-02', lines: massage(['M54.5']), note },
      errors: [{ message: /97124 points to M54\.5 \(Low back pain\), which is not a billable code for dates of service from 2021-10-01; it was subdivided into M54\.50, M54\.51, M54\.59/, severity: 'error', line: 0 }],
    },
    {
      name: 'a subcategory missing its sixth character, beside a non-specific code',
      visit: { lines: massage(['M62.83', 'M54.9']), note },
      errors: [
        { message: /M62\.83 \(Muscle spasm \(subcategory\)\), which is not a billable code; it was subdivided into M62\.830, M62\.831, M62\.838/, severity: 'error' },
        { message: /only to non-specific diagnoses: M54\.9 \(Dorsalgia, unspecified/, severity: 'warning' },
      ],
    },
    {
      name: 'an ICD-9 code and a CPT code in the diagnosis field',
      profile: 'aetna',
      visit: { lines: massage(['724.2', '97124']), note },
      errors: [
        { message: /points to "724\.2", which is not a valid ICD-10-CM code/, line: 0 },
        { message: /points to "97124", which is not a valid ICD-10-CM code/, line: 0 },
      ],
    },
    {
      name: 'a deleted code is reported even beside a valid one, on the right line',
      visit: { lines: [{ code: '97110', units: 2 }, ...massage(['M62.830', 'm545'])], note },
      errors: [{ message: /points to M545 \(Low back pain\)/, line: 1 }],
    },
  ],
});
