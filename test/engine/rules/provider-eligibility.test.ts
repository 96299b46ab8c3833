import { ruleTester } from './tester';

const massage = 'Therapeutic massage 15 min to L QL with kneading to reduce palpable spasm.';
const line = [{ code: '97124', modifiers: ['GP'], units: 1 }];

ruleTester('provider-eligibility', {
  valid: [
    {
      name: 'PT signs the massage note (Medicare)',
      profile: 'medicare',
      visit: { lines: line, note: `${massage}\nJane Roe, DPT` },
    },
    {
      name: 'a dual-credentialed PT and LMT is a PT',
      profile: 'medicare',
      visit: { lines: line, note: `${massage}\nJane Roe, PT, LMT` },
    },
    {
      name: 'chiropractor signs a massage note for a commercial plan that pays DCs',
      profile: 'cigna',
      visit: { lines: line, note: `${massage}\nJohn Roe, DC` },
    },
    {
      name: 'referred by a chiropractor: the referral source is not who furnished the massage',
      profile: 'medicare',
      visit: { lines: line, note: `Referred by John Roe, DC for low back pain.\n${massage}\nJane Roe, PT` },
    },
    {
      name: 'patient sees a massage therapist outside the clinic',
      profile: 'aetna',
      visit: { lines: line, note: `Patient sees a massage therapist monthly for massage at a spa.\n${massage}\nJane Roe, PT` },
    },
    {
      name: 'no massage billed',
      profile: 'medicare',
      visit: { lines: [{ code: '97110', modifiers: ['GP'], units: 2 }], note: 'Exercise 30 min.\nAnn Lee, LMT' },
    },
    {
      name: 'hypothetical: may refer to a massage therapist',
      profile: 'medicare',
      visit: { lines: line, note: `${massage} May consider massage by a massage therapist after discharge.\nJane Roe, PT` },
    },
    {
      name: 'a dual-credentialed PT and LMT named in the massage entry is a PT',
      profile: 'aetna',
      visit: { lines: line, note: `Massage 14 min (Kim Ortiz, PT, LMT) - kneading to L QL for palpable spasm.\nKim Ortiz, PT, LMT` },
    },
    {
      name: 'a massage therapist doing another service, after a semicolon',
      visit: { lines: line, note: `Massage 14 min to R QL with kneading for palpable spasm; ther ex 20 min supervised by Kim Lee, LMT.\nJane Roe, PT` },
    },
  ],
  invalid: [
    {
      name: 'the massage entry runs on to who did it, far from the word massage',
      profile: 'aetna',
      visit: { lines: line, note: `Massage to L upper trapezius, L rhomboids and mid-thoracic paraspinals, 18 min, completed by Tess Arden, LMT.\nJane Roe, PT` },
      errors: [{ evidence: 'Tess Arden, LMT', line: 0 }],
    },
    {
      name: 'a massage therapist named in the massage entry under a PT signature',
      visit: { lines: line, note: `Massage 12 min (R. Diaz, LMT) - effleurage to L lumbar paraspinals for palpable spasm.\nJane Roe, PT` },
      errors: [{ message: /The note has a licensed massage therapist \("R. Diaz, LMT"\) furnishing the massage/, evidence: 'R. Diaz, LMT', line: 0 }],
    },
    {
      name: 'licensed massage therapist signs a Medicare massage note',
      profile: 'medicare',
      visit: { lines: line, note: `${massage}\nAnn Lee, LMT` },
      errors: [{ message: /The note is signed by a licensed massage therapist \("Ann Lee, LMT"\); this payer does not pay that provider type for therapeutic massage \(97124\).*Medicare Part B/, evidence: 'Ann Lee, LMT', severity: 'error', line: 0, suggestion: /massage therapist's time cannot be billed as therapy/ }],
    },
    {
      name: 'Aetna: massage therapist on the claim',
      profile: 'aetna',
      visit: { provider: { credentials: ['LMT'] }, lines: line, note: massage },
      errors: [{ message: /The claim's rendering provider is a licensed massage therapist \(LMT\).*Aetna: Aetna does not recognize massage therapists/, noEvidence: true, line: 0 }],
    },
    {
      name: 'Medicare: a chiropractor billing massage',
      profile: 'medicare',
      visit: { lines: [{ code: '98940' }, { code: '97124', modifiers: ['59'], units: 1 }], note: `CMT lumbar. ${massage}\nJohn Roe, DC` },
      errors: [{ message: /signed by a chiropractor/, evidence: 'John Roe, DC', line: 1, suggestion: /only for manual manipulation of the spine/ }],
    },
    {
      name: 'the note has an LMT doing the massage under a PT signature',
      profile: 'medicare',
      visit: { lines: line, note: `Therapeutic massage performed by the LMT 15 min to L QL.\nJane Roe, PT` },
      errors: [{ message: /The note has a licensed massage therapist \("LMT"\) furnishing the massage/, evidence: 'LMT', line: 0 }],
    },
    {
      name: 'commercial default: an athletic trainer is paid there, an LMT is not',
      visit: { lines: line, note: `${massage}\nAnn Lee, LMT` },
      errors: [{ message: /licensed massage therapist/, severity: 'error', line: 0 }],
    },
    {
      name: 'a note with no claim lines that documents massage by an LMT',
      profile: 'medicare',
      visit: { note: [{ id: 'tx', label: 'Treatment', text: massage }, { id: 'sig', label: 'Signature', text: 'Ann Lee, LMT' }] },
      errors: [{ evidence: 'Ann Lee, LMT', part: 'sig' }],
    },
  ],
});
