// The demo single-page EHR: a patient list, and a visit view (note in a contenteditable editor,
// charges in a table) that is rebuilt in place when another patient is opened. The URL follows
// with history.pushState, so nothing navigates. Every string is set with textContent.
const PATIENTS = [
  {
    id: 'okafor',
    name: 'Okafor, Ada',
    summary: 'Medicare · seen by an assistant',
    payer: 'Medicare Part B',
    date: '2026-11-19',
    therapist: 'Ben Ortiz, PTA',
    note: [
      ['Subjective', 'Pt reports L shoulder pain 5/10 limiting reaching overhead to put away dishes.'],
      ['Objective', 'Tenderness and palpable guarding L upper trapezius and rhomboids. Shoulder flexion L 120 degrees.'],
      ['Treatment', 'Therapeutic massage -- 15 min, petrissage and effleurage to L upper trapezius and rhomboids. Therapeutic exercise -- 25 min, scapular stabilization 3x10.'],
      ['Total timed minutes', '45.'],
      ['Assessment', 'Flexion improved to 132 degrees after massage; pain 3/10 post. Progressing toward goal of reaching the top shelf.'],
      ['Plan', 'Continue per plan of care certified 2026-10-30, visit 6 of 12.'],
      ['Signed', 'Ben Ortiz, PTA'],
    ],
    // Furnished by an assistant, but no CQ modifier on the claim.
    lines: [
      { code: '97124', text: 'Therapeutic massage', mods: 'GP', units: 1, dx: 'M62.838' },
      { code: '97110', text: 'Therapeutic exercise', mods: 'GP', units: 2, dx: 'M25.512' },
    ],
  },
  {
    id: 'lindqvist',
    name: 'Lindqvist, Eva',
    summary: 'UnitedHealthcare · massage only',
    payer: 'UnitedHealthcare Choice Plus',
    date: '2026-11-18',
    therapist: 'Maya Brooks, PT',
    note: [
      ['Subjective', 'Pt reports neck stiffness, unable to turn head to check blind spot when driving.'],
      ['Objective', 'Palpable hypertonicity R levator scapulae; cervical rotation R 45 degrees. NDI 30%.'],
      ['Treatment', 'Therapeutic massage -- 25 min, kneading and sustained compression to R levator scapulae and upper trapezius.'],
      ['Assessment', 'Rotation R 55 degrees after massage.'],
      ['Plan', '2x/week for 4 weeks per plan of care; goal: drive 30 min checking blind spot without pain.'],
      ['Signed', 'Maya Brooks, PT'],
    ],
    // Massage billed with no active therapy the same day.
    lines: [{ code: '97124', text: 'Therapeutic massage', mods: 'GP', units: 2, dx: 'M62.838' }],
  },
  {
    id: 'haddad',
    name: 'Haddad, Omar',
    summary: 'Medicare · clean visit',
    payer: 'Medicare Part B',
    date: '2026-11-19',
    therapist: 'Omar Said, PT',
    note: [
      ['Subjective', 'Pt reports R neck pain 6/10 limiting head turning for driving and sleep. Visit 4 of 12 under the plan of care certified 2026-10-12.'],
      ['Objective', 'Palpable hypertonicity and guarding R upper trapezius/levator scapulae. Cervical rotation R 40 degrees. NDI 34%.'],
      ['Treatment', '97124 Therapeutic massage -- 15 min: R upper trapezius/levator scapulae. Gliding strokes and kneading/compression to reduce palpable hypertonicity and guarding limiting cervical rotation. Pre: pain 6/10; rotation 40 degrees. Post: pain 3/10; rotation 52 degrees.'],
      ['', '97110 Therapeutic exercise -- 23 min: cervical stabilization and scapular retraction, 3x10.'],
      ['', 'Total timed minutes: 38. Total treatment time: 38 min.'],
      ['Assessment', 'Rotation improved 12 degrees after massage, allowing progression to active stabilization. Progressing toward goal of checking blind spot while driving.'],
      ['Plan', 'Continue per plan of care; taper massage as active exercise tolerance improves.'],
      ['Signed', 'Omar Said, PT'],
    ],
    lines: [
      { code: '97124', text: 'Therapeutic massage', mods: 'GP', units: 1, dx: 'M62.838, M54.2' },
      { code: '97110', text: 'Therapeutic exercise', mods: 'GP', units: 2, dx: 'M54.2' },
    ],
  },
];

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

function currentId() {
  return new URLSearchParams(location.search).get('patient');
}

function renderList(selected) {
  const list = document.getElementById('patient-list');
  list.replaceChildren(
    ...PATIENTS.map((p) =>
      el(
        'li',
        {},
        el(
          'button',
          { type: 'button', 'data-patient': p.id, 'aria-current': String(p.id === selected), on: { click: () => open(p.id) } },
          p.name,
          el('small', { text: p.summary }),
        ),
      ),
    ),
  );
}

function renderVisit(patient) {
  const main = document.getElementById('visit');
  if (!patient) {
    main.replaceChildren(el('p', { class: 'empty', text: 'Select a patient to open today\u2019s visit.' }));
    return;
  }
  const facts = el(
    'dl',
    { class: 'visit-facts' },
    el('dt', { text: 'Payer' }), el('dd', { text: patient.payer }),
    el('dt', { text: 'Date of service' }), el('dd', { text: patient.date }),
    el('dt', { text: 'Therapist' }), el('dd', { text: patient.therapist }),
  );
  const editor = el(
    'div',
    { class: 'editor', contenteditable: 'true', role: 'textbox', 'aria-multiline': 'true', 'aria-labelledby': 'editor-label', spellcheck: 'false' },
    ...patient.note.map(([heading, text]) => (heading ? el('p', {}, el('strong', { text: `${heading}:` }), ` ${text}`) : el('p', { text }))),
  );
  const rows = patient.lines.map((line) =>
    el('tr', {}, el('td', { text: line.code }), el('td', { text: line.text }), el('td', { text: line.mods }), el('td', { text: String(line.units) }), el('td', { text: line.dx })),
  );
  const table = el(
    'table',
    { class: 'table table-sm', id: 'charges' },
    el('thead', {}, el('tr', {}, ...['CPT', 'Description', 'Modifiers', 'Units', 'Dx'].map((h) => el('th', { text: h })))),
    el('tbody', {}, ...rows),
  );
  main.replaceChildren(
    el('h2', { text: patient.name }),
    facts,
    el('h3', { id: 'editor-label', text: 'Visit documentation' }),
    editor,
    el('h3', { text: 'Charges' }),
    table,
  );
  document.title = `${patient.name} - Acme Rehab EHR (demo)`;
}

function render() {
  const id = currentId();
  const patient = PATIENTS.find((p) => p.id === id);
  renderList(patient?.id ?? null);
  renderVisit(patient);
}

function open(id) {
  if (id === currentId()) return;
  history.pushState(null, '', `?patient=${encodeURIComponent(id)}`);
  render();
}

addEventListener('popstate', render);
render();
