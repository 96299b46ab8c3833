import { ruleTester } from './tester';

const massageLine = [{ code: '97124', modifiers: ['GP'], units: 1, minutes: 15 }];

ruleTester('technique-and-region', {
  valid: [
    {
      name: 'the treated region beside the positioning still counts',
      visit: { lines: massageLine, note: 'Massage to R popliteal fossa and posterior knee, effleurage 10 min; prone with bolster under the ankles.' },
    },
    {
      name: 'massage of the face itself',
      visit: { lines: massageLine, note: 'Massage to the face and jaw (masseter, temporalis) with gentle effleurage, 10 min.' },
    },
    {
      name: 'technique and region in the massage entry (seed example)',
      visit: {
        lines: massageLine,
        note: '97124 Therapeutic massage -- 15 min: Right upper trapezius/levator scapulae. Gliding strokes and kneading/compression to reduce palpable hypertonicity.',
      },
    },
    {
      name: 'region on the line after the massage heading',
      visit: { lines: massageLine, note: 'Treatment:\nTherapeutic massage 15 min with effleurage and petrissage.\nBilateral lumbar paraspinals and QL.' },
    },
    {
      name: 'deep tissue massage names the technique',
      visit: { lines: massageLine, note: 'Deep tissue massage to L gastrocnemius 15 min.' },
    },
    // An earlier visit's region restated in the entry, or on the lines that continue it, is named.
    {
      name: 'same region as last visit, with the region written out',
      visit: { lines: massageLine, note: 'Neck stiff on waking.\nMassage to same region as last visit (R upper trap, levator), kneading 12 min.' },
    },
    {
      name: 'same areas as before, listed on the lines after it',
      visit: { lines: massageLine, note: 'Knee sore after stairs.\nMassage, stroking plus kneading, same areas as before:\n- L vastus lateralis\n- L ITB' },
    },
    {
      name: 'same pressure as last session says how, not where',
      visit: { lines: massageLine, note: 'L QL and glute med hypertonic, TTP 2.\nMassage kneading 12 min, same pressure as last session.' },
    },
    // A region given by reference names the region of what it points back at: the nearest service
    // entry before it, or what the examination found.
    {
      name: 'same area as the mobilisation entry just above',
      visit: { lines: massageLine, note: 'Joint mob grade II lumbar spine L4-5, 8 min.\nTherapeutic massage, same area: gliding strokes, 14 min.' },
    },
    {
      name: 'same muscles as the soft-tissue entry, code first',
      visit: { lines: massageLine, note: '97140 MFR R piriformis and glut med 9 min\n97124 petrissage to same muscles 11 min' },
    },
    {
      name: 'same segments as the 97140 glides',
      visit: { lines: massageLine, note: '97140 upper thoracic T4-T7 PA glides.\nMassage: stroking and kneading, same segments, 10 min.' },
    },
    {
      name: 'as above, after an entry that names the region',
      visit: { lines: massageLine, note: 'IASTM to L lateral calf 6 min.\nSwedish massage as above 12 min.' },
    },
    {
      name: 'ditto under an exercise entry that names its region',
      visit: { lines: massageLine, note: 'Ther ex 8 min: B hamstring stretches\nMassage: ditto, effleurage 10 min' },
    },
    {
      name: 'areas above point at the examination findings',
      visit: { lines: massageLine, note: 'Objective: taut R rhomboids and mid trap, TTP 2.\n\nTreatment: massage to areas above, kneading and compression, 15 min.' },
    },
    {
      name: 'same region, written with a heading and a short form',
      visit: { lines: massageLine, note: 'A: R lev scap trigger point, taut band.\n\nTx: STM/massage to same region, effleurage 13 min.' },
    },
    {
      name: 'no massage billed: out of scope',
      visit: { lines: [{ code: '97110', units: 2 }], note: 'Therapeutic exercise 30 min.' },
    },
    {
      name: 'no claim lines and massage not performed today',
      visit: { note: 'Patient asks about massage for her neck.' },
    },
  ],
  invalid: [
    // Another service's entry names its own region, not the massage's.
    {
      name: 'the joint named for a mobilisation is not the region of the massage under it',
      visit: { lines: massageLine, note: 'Joint mob: inf glides R GH joint 10 min.\nMassage: kneading and effleurage 12 min.' },
      errors: [{ evidence: 'Massage', message: /does not name the body region/ }],
    },
    {
      name: 'the region of an exercise entry just above is not the massage region',
      visit: { lines: massageLine, note: 'Ther ex 20 min: R hip abduction, bridges.\nMassage 12 min, stripping and kneading.' },
      errors: [{ evidence: 'Massage', message: /does not name the body region/ }],
    },
    {
      name: 'soft tissue work with no stroke still gives its region (only the technique is missing)',
      visit: { lines: massageLine, note: 'Massage 97124: STM and MFR to R UT 15 min.' },
      errors: [{ message: /names no massage technique/ }],
    },
    // Positioning and table equipment name where the patient rests, not the region treated.
    {
      name: 'prone in the face cradle is not the face',
      visit: { lines: massageLine, note: "S: neck stiffness.\n\nTreatment:\nMassage: effleurage, kneading x 15'. Pt prone in face cradle." },
      errors: [{ evidence: 'Massage', message: /does not name the body region/ }],
    },
    {
      name: 'a pillow under the knees is not the knee',
      visit: { lines: massageLine, note: 'Therapeutic massage with petrissage and stripping 12 min, supine with pillow under knees.' },
      errors: [{ evidence: 'Therapeutic massage', message: /does not name the body region/ }],
    },
    {
      name: 'sidelying with a pillow between the knees and a head rest',
      visit: { lines: massageLine, note: 'Massage 15 min, effleurage and compression; sidelying, pillow between the knees, head rest.' },
      errors: [{ evidence: 'Massage', message: /does not name the body region/ }],
    },
    {
      name: 'face down with a bolster under the ankles',
      visit: { lines: massageLine, note: 'Massage 14 min with kneading; pt face down on the table, bolster under the ankles.' },
      errors: [{ evidence: 'Massage', message: /does not name the body region/ }],
    },
    // A reference with nothing before it that names a region names none.
    {
      name: 'same area with no earlier entry naming a region',
      visit: { lines: massageLine, note: 'Bike and bridges 15 min.\nMassage to the same area, effleurage 12 min.' },
      errors: [{ evidence: 'Massage', message: /does not name the body region/ }],
    },
    {
      name: 'as above when above is only the complaint',
      visit: { lines: massageLine, note: 'Subjective: sore neck since Monday.\n\nTreatment: massage as above, kneading 15 min.' },
      errors: [{ evidence: 'massage', message: /does not name the body region/ }],
    },
    {
      name: 'same area as the last visit points at no entry of this note',
      visit: { lines: massageLine, note: 'Massage: kneading and stroking 15 min, same area as last visit.' },
      errors: [{ evidence: 'Massage', message: /does not name the body region/ }],
    },
    // A reference to an earlier visit names no region of this note, and it is the region the entry gives:
    // a region in the sentence before it (the patient's report) is not the massage's.
    {
      name: 'same areas as before, after a report that names a region',
      visit: { lines: massageLine, note: 'Pt says her low back loosened up over the weekend.\nMassage to same areas as before, kneading and effleurage 13 min.' },
      errors: [{ evidence: 'Massage', message: /does not name the body region/ }],
    },
    {
      name: 'the usual spots',
      visit: { lines: massageLine, note: 'Hip aches after long drives.\nSTM/massage usual spots, petrissage 12 min.' },
      errors: [{ evidence: 'massage', message: /does not name the body region/ }],
    },
    {
      name: 'as previous tx',
      visit: { lines: massageLine, note: 'Calf cramps at night, L worse than R.\nMassage as previous tx, stroking and compression 11 min.' },
      errors: [{ evidence: 'Massage', message: /does not name the body region/ }],
    },
    {
      name: 'regions as prior session',
      visit: { lines: massageLine, note: 'Neck stiff on waking.\nTherapeutic massage, regions as prior session, kneading 14 min.' },
      errors: [{ evidence: 'Therapeutic massage', message: /does not name the body region/ }],
    },
    {
      name: 'the nearest entry above names no region, an older one does',
      visit: { lines: massageLine, note: 'Joint mob R ankle talocrural 8 min.\nTher ex 10 min: balance board.\nMassage ditto, effleurage 10 min.' },
      errors: [{ evidence: 'Massage', message: /does not name the body region/ }],
    },
    {
      name: 'no technique: evidence is the massage entry',
      visit: { lines: massageLine, note: 'Therapeutic massage 15 min to R upper trapezius for palpable hypertonicity.' },
      errors: [{ evidence: 'Therapeutic massage', line: 0, message: /names no massage technique/ }],
    },
    {
      name: 'no region: the only region is far from the massage',
      visit: {
        lines: massageLine,
        note: 'Subjective: neck pain for 3 weeks.\n\nObjective: palpable spasm.\n\nAssessment: improving.\n\nTreatment: massage 15 min with effleurage and kneading.',
      },
      errors: [{ evidence: 'massage', line: 0, message: /does not name the body region/ }],
    },
    {
      name: 'neither technique nor region: two distinct findings',
      visit: { lines: massageLine, note: 'Massage 15 min. Tolerated well.' },
      errors: [{ evidence: 'Massage', message: /technique/ }, { evidence: 'Massage', message: /body region/ }],
    },
    {
      name: 'negated and hypothetical techniques do not count',
      visit: { lines: massageLine, note: 'Massage to lumbar paraspinals 15 min, no tapotement. Will add kneading next visit.' },
      errors: [{ evidence: 'Massage', message: /technique/ }],
    },
    {
      name: 'exam percussion and a compression fracture are not massage techniques',
      visit: { lines: massageLine, note: 'Lungs clear to percussion and auscultation. L1 compression fracture. Massage 15 min to thoracic paraspinals.' },
      errors: [{ evidence: 'Massage', message: /technique/ }],
    },
    {
      name: 'the claim code typed in the note is not the massage entry: no evidence',
      visit: { lines: massageLine, note: 'Billing: 97124 x1.\n\nLumbar spasm noted.' },
      errors: [{ noEvidence: true, message: /technique/ }, { noEvidence: true, message: /body region/ }],
    },
    {
      name: 'lines read from the note (no claim lines)',
      visit: { note: '97124 x1 (15 min): massage with kneading.' },
      errors: [{ evidence: 'massage', line: 0, message: /97124 is billed \(line 1\) but the note does not name the body region/ }],
    },
    {
      name: 'no claim lines, massage performed today, evidence in its part',
      visit: {
        note: [
          { id: 's', label: 'Subjective', text: 'Low back pain.' },
          { id: 'tx', label: 'Treatment', text: 'Massage 15 minutes with effleurage.' },
        ],
      },
      errors: [{ evidence: 'Massage', part: 'tx', message: /Massage is documented but the note does not name the body region/ }],
    },
  ],
});
