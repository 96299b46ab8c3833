// The demo's OpenEMR data: encounters, their SOAP or Clinical Notes text and fee sheet lines, as an
// OpenEMR database would hold them. Invented (no patient data). generate.mjs renders them through
// templates.mjs, which follows OpenEMR 7.0.x's own templates element by element.

/** Providers as users rows: genProviderOptionList() prints "lname, fname". */
export const PROVIDERS = {
  7: { fname: 'Kim', lname: 'Lee', valedictory: 'PTA' },
  8: { fname: 'Ruth', lname: 'Adler', valedictory: 'PT, DPT' },
  9: { fname: 'Omar', lname: 'Haddad', valedictory: 'PT' },
};

export const FACILITY = 'Riverbend Physical Therapy';

/**
 * `justify` is what the billing table stores ("ICD10|M54.50:"); the fee sheet shows it with the
 * colons turned into commas and the last one cut, the Billing Manager splits it at the colons.
 */
export const ENCOUNTERS = {
  12: {
    pid: 4,
    pubpid: 'RB-1042',
    patient: { fname: 'Sam', lname: 'Rivera', dob: '1981-04-09' },
    date: '2026-11-20',
    category: 'Office Visit',
    reason: 'Low back and shoulder tightness',
    provider: 7,
    author: 7,
    form: 'soap',
    soap: {
      subjective:
        'Pt reports tightness in the low back and both shoulders after long shifts at a desk. Asks for massage for relaxation and stress relief; states it feels good afterwards. Visit 9 since onset on 2026-07-06.',
      objective: 'Treatment: therapeutic massage -- 20 min to low back and shoulders. Manual therapy -- 10 min to lumbar spine. Pt tolerated treatment well, no acute distress.',
      assessment: 'Pt continues to enjoy massage. Continue weekly massage for maintenance to prevent flare-ups.',
      plan: 'Return next week for more massage.\nSigned: Kim Lee, PTA',
    },
    billing: [
      { code_type: 'ICD10', code: 'M54.50', code_text: 'Low back pain, unspecified' },
      { code_type: 'CPT4', code: '97124', code_text: 'MASSAGE THERAPY', modifier: '', units: 3, fee: 105.0, justify: 'ICD10|M54.50:' },
      { code_type: 'CPT4', code: '97140', code_text: 'MANUAL THERAPY 1/> REGIONS', modifier: 'GP', units: 1, fee: 32.0, justify: 'ICD10|M54.50:' },
    ],
    billed: false,
    payer: { type: 'primary', name: 'Aetna Choice POS II' },
  },
  14: {
    pid: 6,
    pubpid: 'RB-1077',
    patient: { fname: 'Wei', lname: 'Chen', dob: '1967-02-23' },
    date: '2026-11-20',
    category: 'Office Visit',
    reason: 'Neck pain after whiplash',
    provider: 8,
    author: 8,
    form: 'soap',
    soap: {
      subjective: 'Neck pain 5/10, down from 7/10 at evaluation. Difficulty turning head to check blind spot while driving. Visit 4 of 12 under the plan of care certified 2026-10-30.',
      objective:
        'Cervical rotation R 48 degrees, L 55 degrees. Palpable spasm and trigger points R upper trapezius and levator scapulae.\nTherapeutic massage to R upper trapezius and levator scapulae, effleurage and petrissage, 15 minutes, to reduce muscle spasm before exercise. Post: rotation R 58 degrees, pain 3/10.\nTherapeutic exercise 30 minutes: deep neck flexor training, scapular retraction 3x10, cervical AROM.\nTotal timed minutes: 45. Total treatment time: 45 minutes.',
      assessment: 'Reduced spasm and improved cervical rotation after massage. Progressing toward goal of turning head 70 degrees to drive safely.',
      plan: 'Continue plan of care 2x/week for 4 weeks; progress stabilization exercise.\nRuth Adler, PT, DPT',
    },
    billing: [
      { code_type: 'ICD10', code: 'M54.2', code_text: 'Cervicalgia' },
      { code_type: 'ICD10', code: 'M62.830', code_text: 'Muscle spasm of back' },
      { code_type: 'CPT4', code: '97124', code_text: 'MASSAGE THERAPY', modifier: 'GP', units: 1, fee: 35.0, justify: 'ICD10|M62.830:' },
      { code_type: 'CPT4', code: '97110', code_text: 'THERAPEUTIC EXERCISES', modifier: 'GP', units: 2, fee: 80.0, justify: 'ICD10|M54.2:ICD10|M62.830:' },
    ],
    billed: true,
    payer: { type: 'primary', name: 'Medicare Part B' },
  },
  15: {
    pid: 9,
    pubpid: 'RB-1103',
    patient: { fname: 'Lena', lname: 'Okafor', dob: '1990-08-14' },
    date: '2026-11-21',
    category: 'Office Visit',
    reason: 'Calf strain',
    provider: 9,
    author: 9,
    form: 'clinical_notes',
    clinicalNotes: [
      {
        date: '2026-11-21',
        type: 'Progress Note',
        category: 'Physical Therapy',
        text:
          'Left calf strain two weeks ago while running; pain 4/10 with stairs.\nPalpable spasm and tenderness of the left medial gastrocnemius.\nMassage to the left gastrocnemius 12 minutes, stripping and kneading, to reduce spasm; ankle dorsiflexion improved from 5 to 10 degrees.\nTherapeutic exercise 25 minutes: eccentric heel drops 3x12, calf stretching.\nGoal: return to running 3 miles without pain. Per the plan of care certified 2026-11-14, visit 2 of 8.\nOmar Haddad, PT',
      },
    ],
    billing: [
      { code_type: 'ICD10', code: 'S86.112A', code_text: 'Strain of other muscle(s) and tendon(s) of posterior muscle group at lower leg level, left leg, initial encounter' },
      { code_type: 'CPT4', code: '97124', code_text: 'MASSAGE THERAPY', modifier: 'GP', units: 1, fee: 35.0, justify: 'ICD10|S86.112A:' },
      { code_type: 'CPT4', code: '97110', code_text: 'THERAPEUTIC EXERCISES', modifier: 'GP', units: 2, fee: 80.0, justify: 'ICD10|S86.112A:' },
    ],
    billed: false,
    payer: { type: 'primary', name: 'UnitedHealthcare Choice Plus' },
  },
};
