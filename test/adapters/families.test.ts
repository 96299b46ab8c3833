// @vitest-environment jsdom
// The kinds of markup the page reader must handle (issue 10, "what fails, by kind"), each as a
// small page read end to end: description (content script) → classifier → frame merge (worker).
import { afterEach, describe, expect, it } from 'vitest';
import { noteText, readVisit, readVisits } from './pages';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

const NOTE = `
  <h3>Daily note</h3>
  <p>Pt reports low back pain 5/10 after prolonged sitting at work.</p>
  <p>Palpable spasm bilateral lumbar paraspinals. Therapeutic massage, effleurage and petrissage, 12 minutes.</p>`;

describe('code cells', () => {
  it('reads codes with a code-system name or label around them, and a <td><b> header row', () => {
    const visit = readVisit(`${NOTE}
      <table>
        <tr><td><b>Service</b></td><td><b>Units</b></td><td><b>Mod</b></td><td><b>Dx</b></td></tr>
        <tr><td>CPT: 97124</td><td>1</td><td>GP</td><td>M62.830</td></tr>
        <tr><td>97110®</td><td>2</td><td>GP</td><td>M54.50</td></tr>
        <tr><td>Proc 97140</td><td>1</td><td>GP 59</td><td>M54.50</td></tr>
      </table>`);
    expect(visit.lines).toEqual([
      { code: '97124', modifiers: ['GP'], units: 1, dx: ['M62.830'] },
      { code: '97110', modifiers: ['GP'], units: 2, dx: ['M54.50'] },
      { code: '97140', modifiers: ['GP', '59'], units: 1, dx: ['M54.50'] },
    ]);
  });

  it('reads a code-type column ("CPT4", "ICD10") and OpenEMR justify values', () => {
    const visit = readVisit(`${NOTE}
      <table>
        <tr><th>Type</th><th>Code</th><th>Modifiers</th><th>Units</th><th>Justify</th></tr>
        <tr><td>ICD10</td><td>M54.2</td><td></td><td></td><td></td></tr>
        <tr><td>CPT4</td><td>97124</td><td>GP</td><td>1</td><td>ICD10|M54.2:</td></tr>
      </table>`);
    expect(visit.lines).toEqual([{ code: '97124', modifiers: ['GP'], units: 1, dx: ['M54.2'] }]);
  });
});

describe('modifiers, units, minutes and diagnoses', () => {
  it('in any column order', () => {
    const visit = readVisit(`${NOTE}
      <table><thead><tr><th>Dx</th><th>Min</th><th>Mod 2</th><th>Code</th><th>Mod 1</th><th>Qty</th></tr></thead>
      <tbody><tr><td>M54.50</td><td>12</td><td>59</td><td>97124</td><td>GP</td><td>1</td></tr></tbody></table>`);
    expect(visit.lines).toEqual([{ code: '97124', modifiers: ['GP', '59'], units: 1, minutes: 12, dx: ['M54.50'] }]);
  });

  it('all in one cell', () => {
    const visit = readVisit(`${NOTE}
      <table><tr><th>Charge</th><th>Amount</th></tr>
      <tr><td>97124-GP x1 (12 min) Dx M62.830</td><td>$35.00</td></tr></table>`);
    expect(visit.lines).toEqual([{ code: '97124', modifiers: ['GP'], units: 1, minutes: 12, dx: ['M62.830'] }]);
  });

  it('on a later line of the same entry', () => {
    const visit = readVisit(`${NOTE}
      <table><tr><th>Code</th><th>Description</th></tr>
      <tr><td>97124</td><td>Massage therapy</td></tr>
      <tr><td></td><td>Modifier GP · 1 unit · 12 min</td></tr></table>`);
    expect(visit.lines).toEqual([{ code: '97124', modifiers: ['GP'], units: 1, minutes: 12 }]);
  });
});

describe('claim lines outside tables', () => {
  it('as list items and as cards with labelled values', () => {
    const visit = readVisit(`${NOTE}
      <h4>Charges</h4>
      <ul>
        <li>97110 Therapeutic exercise · GP · 2 units · 25 min</li>
      </ul>
      <div class="card"><div class="t">97124®</div><div><span>Units</span><span>1</span></div><div><span>Modifier</span><span>GP</span></div><div><span>Minutes</span><span>12</span></div></div>`);
    expect(visit.lines).toEqual([
      { code: '97110', modifiers: ['GP'], units: 2, minutes: 25 },
      { code: '97124', modifiers: ['GP'], units: 1, minutes: 12 },
    ]);
  });
});

describe('diagnosis pointers', () => {
  it('resolves letters and numbers through the diagnosis list the page shows', () => {
    const letters = readVisit(`${NOTE}
      <h4>Diagnoses</h4>
      <ol type="A"><li>A. M54.50 Low back pain</li><li>B. M62.830 Muscle spasm</li></ol>
      <table><tr><th>CPT</th><th>Pointer</th><th>Units</th></tr>
      <tr><td>97124</td><td>B</td><td>1</td></tr><tr><td>97110</td><td>A,B</td><td>2</td></tr></table>`);
    expect(letters.lines.map((l) => l.dx)).toEqual([['M62.830'], ['M54.50', 'M62.830']]);

    const numbers = readVisit(`${NOTE}
      <table><tr><th>#</th><th>ICD-10</th></tr><tr><td>1</td><td>M54.2</td></tr><tr><td>2</td><td>S16.1XXA</td></tr></table>
      <table><tr><th>CPT</th><th>Dx ptr</th><th>Units</th></tr><tr><td>97124</td><td>2</td><td>1</td></tr></table>`);
    expect(numbers.lines).toEqual([{ code: '97124', units: 1, dx: ['S16.1XXA'] }]);
  });
});

describe('the note', () => {
  it('takes sections under headings it has never seen, and text split over many elements', () => {
    const visit = readVisit(`
      <nav><a href="#">Schedule</a> <a href="#">Inbox</a> <a href="#">Reports</a></nav>
      <header class="patient-banner">Patient: Test Example · MRN 0042 · DOB 01/01/1970</header>
      <main>
        <h2>How the patient is doing</h2>
        <div><span>Pt reports</span> <span>neck pain</span> <span>4/10,</span> <span>better than last visit.</span></div>
        <h2>What we did today</h2>
        <div>Therapeutic massage to upper trapezius, effleurage and petrissage, 15 minutes, to reduce spasm.</div>
      </main>
      <footer>© 2026 Example Health · Terms · Privacy</footer>`);
    const text = noteText(visit);
    expect(text).toContain('Pt reports neck pain 4/10, better than last visit.');
    expect(text).toContain('Therapeutic massage to upper trapezius');
    for (const chrome of ['Schedule', 'Inbox', 'MRN', '©', 'Privacy']) expect(text).not.toContain(chrome);
    expect(visit.lines).toEqual([]);
  });

  it('reads a contenteditable editor and an ARIA textbox, with their labels', () => {
    const visit = readVisit(`
      <label id="l1">Treatment note</label>
      <div contenteditable="true" aria-labelledby="l1"><p>Palpable spasm R upper trapezius.</p><p>Massage 15 minutes, petrissage, to reduce spasm.</p></div>
      <div role="textbox" aria-multiline="true" aria-label="Plan">Continue plan of care 2x/week for 4 weeks.</div>`);
    expect(visit.note).toEqual([
      expect.objectContaining({ label: 'Treatment note', text: 'Palpable spasm R upper trapezius.\nMassage 15 minutes, petrissage, to reduce spasm.' }),
      expect.objectContaining({ label: 'Plan', text: 'Continue plan of care 2x/week for 4 weeks.' }),
    ]);
  });

  it('reads open shadow roots and custom inputs (spinbutton, listbox chips)', () => {
    document.body.innerHTML = '<visit-note></visit-note><charge-line></charge-line>';
    const note = (document.querySelector('visit-note') as HTMLElement).attachShadow({ mode: 'open' });
    note.innerHTML = '<h3>Objective</h3><p>Palpable spasm lumbar paraspinals. Massage 12 minutes, effleurage, to reduce spasm before exercise.</p>';
    const line = (document.querySelector('charge-line') as HTMLElement).attachShadow({ mode: 'open' });
    line.innerHTML =
      '<div role="row"><span>97124</span> <div role="spinbutton" aria-label="Units" aria-valuenow="1">1</div> <div role="listbox" aria-label="Modifiers"><span role="option" aria-selected="true">GP</span></div></div>';
    const visit = readVisit(null);
    expect(noteText(visit)).toContain('Palpable spasm lumbar paraspinals. Massage 12 minutes');
    expect(visit.lines).toEqual([{ code: '97124', modifiers: ['GP'], units: 1 }]);
  });
});

describe('header facts as label/value pairs anywhere', () => {
  const cases: [string, string][] = [
    ['th/td', '<table><tr><th>Payer</th><td>Medicare Part B</td></tr><tr><th>DOS</th><td>11/20/2026</td></tr><tr><th>Rendering provider</th><td>Jane Doe, PT</td></tr></table>'],
    ['dt/dd', '<dl><dt>Insurance</dt><dd>Medicare Part B</dd><dt>Date of service</dt><dd>2026-11-20</dd><dt>Therapist</dt><dd>Jane Doe, PT</dd></dl>'],
    ['"Label: value" text', '<p>Payer: Medicare Part B</p><p>Visit date: Nov 20, 2026</p><p>Provider: Jane Doe, PT</p>'],
    ['<label for>', '<label for="p">Primary payer</label><input id="p" value="Medicare Part B"><label for="d">Service date</label><input id="d" value="11/20/2026"><label for="r">Clinician</label><select id="r"><option>Jane Doe, PT</option></select>'],
    ['aria-label', '<input aria-label="Payer" value="Medicare Part B"><input aria-label="Date of service" value="2026-11-20"><input aria-label="Provider" value="Jane Doe, PT">'],
    ['spans side by side', '<div><span>Payer</span><span>Medicare Part B</span></div><div><span>DOS</span><span>11/20/2026</span></div><div><span>Provider</span><span>Jane Doe, PT</span></div>'],
  ];
  for (const [how, markup] of cases) {
    it(`reads payer, date of service and provider from ${how}`, () => {
      const visit = readVisit(`${markup}${NOTE}`);
      expect(visit.payer).toBe('Medicare Part B');
      expect(visit.dateOfService).toBe('2026-11-20');
      expect(visit.provider).toEqual({ name: 'Jane Doe', credentials: ['PT'] });
    });
  }

  it('reads the date from the page title or a heading that carries it, never a date of birth', () => {
    const visit = readVisit(`<html><head><title>Encounter 11/20/2026 - Example EHR</title></head><body><p>DOB: 01/02/1970</p>${NOTE}</body></html>`);
    expect(visit.dateOfService).toBe('2026-11-20');
    const heading = readVisit(`<h1>Treatment visit — Nov 19, 2026</h1>${NOTE}`);
    expect(heading.dateOfService).toBe('2026-11-19');
  });

  it('carries the episode facts the page shows: visit number, plan-of-care start, total timed minutes', () => {
    const visit = readVisit(`<table><tr><th>Visit</th><td>5 of 12</td></tr><tr><th>Plan of care</th><td>09/29/2026 - 12/22/2026</td></tr><tr><th>Total timed minutes</th><td>37</td></tr></table>${NOTE}`);
    expect(visit.episode).toMatchObject({ visitNumber: 5, planOfCareStart: '2026-09-29' });
    expect(visit.totalTimedMinutes).toBe(37);
  });
});

describe('no claim lines read means no claim lines', () => {
  it('never reads lines out of the note text', () => {
    const visit = readVisit(`<p>Billed 97124 GP x2 and 97110 GP x1 per protocol; pt tolerated massage well, pain 3/10 after.</p>${NOTE}`);
    expect(visit.lines).toEqual([]);
  });

  it('skips struck, deleted and hidden template rows', () => {
    const visit = readVisit(`${NOTE}
      <table><tr><th>Code</th><th>Mod</th><th>Units</th></tr>
      <tr><td>97124</td><td>GP</td><td>1</td></tr>
      <tr class="deleted"><td>97110</td><td>GP</td><td>2</td></tr>
      <tr><td><s>97140</s></td><td><s>GP</s></td><td><s>1</s></td></tr>
      <tr style="display:none"><td>97530</td><td>GP</td><td>1</td></tr></table>`);
    expect(visit.lines).toEqual([{ code: '97124', modifiers: ['GP'], units: 1 }]);
  });
});

describe('kinds the first blind batch exposed', () => {
  it('a claim line as a <fieldset> titled by its code, with wrapping labels', () => {
    const visit = readVisit(`${NOTE}<fieldset><legend>97124 Massage therapy</legend><label>Mod <input value="GP"></label> <label>Units <input type="number" value="1"></label> <label>Minutes <input value="12"></label></fieldset>`);
    expect(visit.lines).toEqual([{ code: '97124', modifiers: ['GP'], units: 1, minutes: 12 }]);
  });

  it('claim rows that are tappable buttons, minutes written with a prime', () => {
    const visit = readVisit(`${NOTE}<div role="list"><button type="button">97124 · GP · ×2 · 25′ · M62.830</button></div><button>Save</button>`);
    expect(visit.lines).toEqual([{ code: '97124', modifiers: ['GP'], units: 2, minutes: 25, dx: ['M62.830'] }]);
  });

  it('a table laid on its side (one column per claim line), and a header row over a value row', () => {
    const visit = readVisit(`${NOTE}
      <table><tr><th>Payer</th><th>DOS</th></tr><tr><td>Medicare Part B</td><td>11/20/2026</td></tr></table>
      <table><tr><th>Service</th><td>97110</td><td>97124</td></tr><tr><th>Modifier(s)</th><td>GP</td><td>GP</td></tr><tr><th>Qty</th><td>2</td><td>1</td></tr></table>`);
    expect(visit.lines).toEqual([
      { code: '97110', modifiers: ['GP'], units: 2 },
      { code: '97124', modifiers: ['GP'], units: 1 },
    ]);
    expect([visit.payer, visit.dateOfService]).toEqual(['Medicare Part B', '2026-11-20']);
  });

  it('a printed report: dotted-leader labels and fixed-width charge columns in one <pre>', () => {
    const visit = readVisit(`<pre>PAYER...........: Medicare Part B
DATE OF SERVICE.: 11/20/2026

SUBJECTIVE:
    Pt reports neck pain 5/10, better than last visit.
OBJECTIVE:
    Palpable spasm R upper trapezius. Therapeutic massage 12 minutes, kneading, to reduce spasm.

CPT    MODS    UN  MIN  DX
----------------------------------------
97124  GP      1   12   M62.830
</pre>`);
    expect(visit.lines).toEqual([{ code: '97124', modifiers: ['GP'], units: 1, minutes: 12, dx: ['M62.830'] }]);
    expect([visit.payer, visit.dateOfService]).toEqual(['Medicare Part B', '2026-11-20']);
  });

  it('"Label — value" list items, values labelled only by aria-label, and a short section in a label|text table', () => {
    const visit = readVisit(`<ul><li><strong>Insurance</strong> — Medicare Part B</li></ul><span aria-label="Date of service">20 Nov 2026</span>
      <table><tr><th>Subjective</th><td>Pt reports neck pain 5/10 after work, better than last week, and sleeps through the night now.</td></tr><tr><th>Plan</th><td>Continue twice weekly.</td></tr></table>`);
    expect([visit.payer, visit.dateOfService]).toEqual(['Medicare Part B', '2026-11-20']);
    expect(noteText(visit)).toContain('Continue twice weekly.');
  });

  it('an ARIA grid whose rows are slotted in from other elements\' shadow roots', () => {
    document.body.innerHTML = '<x-grid><x-row code="97110" units="2"></x-row></x-grid><p>Therapeutic exercise 25 minutes, pt tolerated well, pain 3/10 after.</p>';
    const grid = (document.querySelector('x-grid') as HTMLElement).attachShadow({ mode: 'open' });
    grid.innerHTML = '<div role="grid"><div role="row"><span role="columnheader">CPT</span><span role="columnheader">Units</span></div><slot></slot></div>';
    const row = (document.querySelector('x-row') as HTMLElement).attachShadow({ mode: 'open' });
    row.innerHTML = '<div role="row"><span role="gridcell">97110</span><span role="gridcell">2</span></div>';
    expect(readVisit(null).lines).toEqual([{ code: '97110', units: 2 }]);
  });
});

describe('kinds the second blind batch exposed', () => {
  it('a superbill: every code listed with a tick box, only the ticked ones billed; letters into a lettered list', () => {
    const visit = readVisit(`${NOTE}<p><b>Diagnoses</b><br>A. M54.50 Low back pain<br>B. M62.830 Muscle spasm</p>
      <table><tr><td><b>Bill</b></td><td><b>Code</b></td><td><b>Units</b></td><td><b>Dx</b></td></tr>
      <tr><td><input type="checkbox" checked></td><td>97124</td><td><input value="1"></td><td><input value="B"></td></tr>
      <tr><td><input type="checkbox"></td><td>97110</td><td><input value=""></td><td><input value=""></td></tr>
      <tr><td><input type="checkbox"></td><td>97140</td><td><input value=""></td><td><input value=""></td></tr></table>`);
    expect(visit.lines).toEqual([{ code: '97124', units: 1, dx: ['M62.830'] }]);
  });

  it('responsive div tables whose cells carry data-label, and facts labelled the same way', () => {
    const visit = readVisit(`<div class="facts"><div class="td" data-label="Insurance">Medicare Part B</div></div>${NOTE}
      <div class="grid"><div class="tr"><div class="td" data-label="CPT">97124</div><div class="td" data-label="Units">1</div><div class="td" data-label="Minutes">12</div></div></div>`);
    expect(visit.lines).toEqual([{ code: '97124', units: 1, minutes: 12 }]);
    expect(visit.payer).toBe('Medicare Part B');
  });

  it('lowercase "key: value" front matter, and label cells styled by a class', () => {
    const visit = readVisit(`<pre class="meta">payer: Medicare Part B
date of service: 2026-11-20</pre><table><tr><td class="lbl">Therapist</td><td>Jane Doe, PT</td></tr></table>${NOTE}`);
    expect([visit.payer, visit.dateOfService, visit.provider?.name]).toEqual(['Medicare Part B', '2026-11-20', 'Jane Doe']);
  });
});

describe('note sections', () => {
  it('run-in section names with no colon, a section|text table, a closing signature line', () => {
    const runIn = readVisit('<div contenteditable="true"><p><b>Subjective</b> Pt reports neck pain 5/10 at work.</p><p><b>Plan</b> Continue twice weekly for 4 weeks.</p></div>');
    expect(typeof runIn.note === 'string' ? [] : runIn.note.map((p) => p.label)).toEqual(['Subjective', 'Plan']);
    const table = readVisit('<table><tr><th>Objective</th><td>Palpable spasm R upper trapezius; massage 12 minutes, kneading, to reduce spasm before exercise.</td></tr></table>');
    expect(typeof table.note === 'string' ? [] : table.note.map((p) => p.label)).toEqual(['Objective']);
    const signed = readVisit('<h3>Plan</h3><p>Continue per plan of care, progress exercise next visit.</p><p>Jordan Pike, PTA</p>');
    expect(noteText(signed)).toContain('Jordan Pike, PTA');
  });

  it('keeps a charge table printed under the note out of the note text', () => {
    const visit = readVisit('<pre>SUBJECTIVE:\n    Pt reports low back pain 5/10, better after last visit.\n\nCPT    MODS  UN\n97124  GP    1\n</pre>');
    expect(visit.lines).toEqual([{ code: '97124', modifiers: ['GP'], units: 1 }]);
    expect(noteText(visit)).not.toContain('97124');
  });
});


describe('kinds the third blind batch exposed', () => {
  it('tab panels hidden with `hidden` that hold the charges and the facts belong to the visit', () => {
    const visit = readVisit(`<div role="tablist"><button role="tab" aria-selected="true">Note</button><button role="tab">Charges</button></div>
      <div role="tabpanel">${NOTE}</div>
      <div role="tabpanel" hidden><table><thead><tr><th>Procedure</th><th>Modifier</th><th>Units</th></tr></thead><tbody><tr><td>97124</td><td>GP</td><td>1</td></tr></tbody></table></div>
      <div role="tabpanel" hidden><p><label for="o1">Payer</label><output id="o1">Aetna Choice POS II</output></p></div>
      <template><p>Pt reports a template that never shows.</p></template>
      <div hidden><table><tr><th>Code</th><th>Units</th></tr><tr><td>97110</td><td>2</td></tr></table></div>`);
    expect(visit.lines).toEqual([{ code: '97124', modifiers: ['GP'], units: 1 }]);
    expect(visit.payer).toBe('Aetna Choice POS II');
  });

  it('facts as caption and value divs alternating in one grid, with labels no phrase names', () => {
    const visit = readVisit(`<div class="grid2"><div class="cap">Coverage</div><div class="val">Cigna Open Access Plus</div><div class="cap">Visit date</div><div class="val">Dec 15, 2026</div>
      <div class="cap">Therapist</div><div class="val">Omari Wells, PTA</div><div class="cap">Plan of care began</div><div class="val">Nov 20, 2026</div></div>${NOTE}`);
    expect([visit.payer, visit.dateOfService, visit.provider?.name, visit.episode?.planOfCareStart]).toEqual(['Cigna Open Access Plus', '2026-12-15', 'Omari Wells', '2026-11-20']);
  });

  it('a letter: facts and claim lines stated in sentences, bold run-in sections ending in a period', () => {
    const visit = readVisit(`<p>Seen on December 14, 2026 by Hannah Brooks, PT. Coverage: Medicare Part B. This was visit 5 of the plan of care that began on November 24, 2026. Total timed minutes: 39.</p>
      <p><b>Subjective.</b> Pt reports low back pain 5/10 after prolonged sitting at work.</p>
      <p><b>Plan.</b> Continue per plan of care.</p>
      <p>Billed services: 97110 with modifier GP, 2 units (30 minutes), for M54.12; 97124 with modifiers CQ and GP, 1 unit (9 minutes), for M62.830.</p>`);
    expect(visit.lines).toEqual([
      { code: '97110', modifiers: ['GP'], units: 2, minutes: 30, dx: ['M54.12'] },
      { code: '97124', modifiers: ['CQ', 'GP'], units: 1, minutes: 9, dx: ['M62.830'] },
    ]);
    expect([visit.payer, visit.dateOfService, visit.provider?.name, visit.episode?.visitNumber, visit.episode?.planOfCareStart, visit.totalTimedMinutes]).toEqual(['Medicare Part B', '2026-12-14', 'Hannah Brooks', 5, '2026-11-24', 39]);
    expect(typeof visit.note === 'string' ? [] : visit.note.map((p) => p.label)).toEqual(['Subjective', 'Plan']);
    expect(noteText(visit)).not.toContain('Coverage');
  });

  it('a grid of custom elements or divs (rows of small cells, a label row over them), even with one line', () => {
    const visit = readVisit(`${NOTE}<mat-table><mat-header-row><mat-header-cell>CPT</mat-header-cell><mat-header-cell>Modifiers</mat-header-cell><mat-header-cell>Units</mat-header-cell><mat-header-cell>Minutes</mat-header-cell><mat-header-cell>Diagnoses</mat-header-cell></mat-header-row>
      <mat-row><mat-cell>97124</mat-cell><mat-cell></mat-cell><mat-cell>4</mat-cell><mat-cell>60</mat-cell><mat-cell>M79.1</mat-cell></mat-row></mat-table>
      <div class="addr"><div><em>Insurer</em><address><strong>Aetna Choice POS II</strong><br>151 Main St<br>Hartford CT, 06156</address></div><div><em>Subscriber</em><address><strong>Self</strong></address></div></div>`);
    expect(visit.lines).toEqual([{ code: '97124', units: 4, minutes: 60, dx: ['M79.1'] }]);
  });

  it('a code mentioned in prose twice is not a claim line', () => {
    const { visits } = readVisits(`${NOTE}<p>Discussed with the patient why 97124 and 97140 are not billed together on the same region today.</p>`);
    expect(visits[0]?.lines).toEqual([]);
  });

  it('DD-MON-YYYY dates in capital label cells', () => {
    const visit = readVisit(`<table><tr><td><b>SERVICE DATE&nbsp;&nbsp;</b></td><td>14-DEC-2026</td></tr><tr><td><b>POC START&nbsp;</b></td><td>24-NOV-2026</td></tr></table>${NOTE}`);
    expect([visit.dateOfService, visit.episode?.planOfCareStart]).toEqual(['2026-12-14', '2026-11-24']);
  });

  it('older timeline entries on the same screen are not the visit\'s note', () => {
    const visit = readVisit(`<main class="timeline">
      <article><time datetime="2026-12-14">Dec 14, 2026</time><h3>Treatment visit</h3>
        <p><strong>Subjective:</strong> Pt reports low back pain 5/10 after prolonged sitting at work.</p>
        <p><strong>Objective:</strong> Palpable spasm bilateral lumbar paraspinals; therapeutic massage 12 minutes.</p></article>
      <article><time>Earlier</time><p>Previous visit summary: home exercise program reviewed, patient reported doing exercises three times a week.</p></article>
    </main>`);
    expect(noteText(visit)).toContain('Palpable spasm');
    expect(noteText(visit)).not.toContain('Previous visit summary');
  });

  it('dashboard widgets after a short note ("My tasks", "Weather") and a letter\'s closing are not note', () => {
    const visit = readVisit(`<div class="card"><h5>Subjective</h5><p>Neck pain 2/10; back at work full time.</p></div>
      <div class="card"><h5>Plan</h5><p>Discharge; call if symptoms return.</p></div>
      <div class="card"><h5>My tasks</h5><ul><li>Sign 3 notes</li><li>Call back the referring office</li></ul></div>
      <div class="card"><h5>Weather</h5><p>Light rain, 8°C this afternoon.</p></div>
      <p>This summary was generated for the patient's records. Please call with any questions.</p>`);
    expect(noteText(visit)).toContain('Discharge; call if symptoms return.');
    for (const chrome of ['Sign 3 notes', 'Call back', 'Light rain', 'generated for']) expect(noteText(visit)).not.toContain(chrome);
  });

  it('a superbill nobody ticked lists codes, not lines; a short section under its own heading is note', () => {
    const visit = readVisit(`<h3>Subjective</h3><p>Neck pain 2/10; back at work full time.</p><h3>Assessment</h3><p>Goals met.</p>
      <table><tr><td><b>Bill</b></td><td><b>Code</b></td><td><b>Units</b></td></tr>
      <tr><td><input type="checkbox"></td><td>97110</td><td><input value=""></td></tr><tr><td><input type="checkbox"></td><td>97124</td><td><input value=""></td></tr></table>`);
    expect(visit.lines).toEqual([]);
    expect(noteText(visit)).toContain('Goals met.');
  });
});

describe('kinds the fourth blind batch exposed', () => {
  it('a two-level charge header: a merged "Modifiers" cell over numbered columns, rowspan cells beside it', () => {
    const visit = readVisit(`${NOTE}<table><tr><th rowspan="2">Service</th><th colspan="2">Modifiers</th><th rowspan="2">Qty</th><th rowspan="2">Time</th><th rowspan="2">Associated Dx</th></tr>
      <tr><th>1</th><th>2</th></tr>
      <tr><td>97140 - MANUAL THERAPY</td><td>GP</td><td>59</td><td>1</td><td>10 min</td><td>M76.31 Iliotibial band syndrome</td></tr></table>`);
    expect(visit.lines).toEqual([{ code: '97140', modifiers: ['GP', '59'], units: 1, minutes: 10, dx: ['M76.31'] }]);
  });

  it('modifier check boxes: only the ticked ones apply', () => {
    const visit = readVisit(`${NOTE}<div class="billing-row"><select name="cpt[0]"><option>97110 - Therapeutic exercise</option><option selected>97124 - Massage therapy</option></select>
      <label>Units <input type="number" name="units[0]" value="1"></label><label>Minutes <input type="number" name="minutes[0]" value="15"></label>
      <span class="mods"><label><input type="checkbox" checked> GP</label> <label><input type="checkbox"> CQ</label> <label><input type="checkbox" checked> 59</label> <label><input type="checkbox"> KX</label></span>
      <select name="dx[0]"><option>M54.50 - Low back pain</option><option selected>M62.830 - Muscle spasm of back</option></select></div>`);
    expect(visit.lines).toEqual([{ code: '97124', modifiers: ['GP', '59'], units: 1, minutes: 15, dx: ['M62.830'] }]);
  });

  it('numeric pointers into a numbered list of "code - description" items; a plain label cell before its value', () => {
    const visit = readVisit(`${NOTE}<ol><li>S13.4XXA - Sprain of ligaments of cervical spine</li><li>M62.830 - Muscle spasm of back</li></ol>
      <table><tr><td>Total Timed Minutes</td><td><input type="number" value="40"></td></tr></table>
      <div role="treegrid"><div role="row"><div role="columnheader">CPT</div><div role="columnheader">Units</div><div role="columnheader">Dx Ptr</div></div>
      <div role="row" aria-level="2"><div role="gridcell">97124</div><div role="gridcell">1</div><div role="gridcell">2</div></div></div>`);
    expect(visit.lines).toEqual([{ code: '97124', units: 1, dx: ['M62.830'] }]);
    expect(visit.totalTimedMinutes).toBe(40);
  });

  it('an appointment header: a lone date beside the times, and the provider after "with"', () => {
    const visit = readVisit(`<div><div>Tue, Jan 5, 2027 · 10:00 AM – 10:45 AM</div><div>Treatment with Teresa Lindgren, PT, DPT</div></div>${NOTE}`);
    expect([visit.dateOfService, visit.provider?.name, visit.provider?.credentials]).toEqual(['2027-01-05', 'Teresa Lindgren', ['PT', 'DPT']]);
  });

  it('a PDF text layer: runs placed on one printed line are read as one line, a printed charge table, no page furniture', () => {
    const run = (left: number, top: number, text: string): string => `<span style="position:absolute;display:block;left:${left}px;top:${top}px">${text}</span>`;
    const visit = readVisit(`<div class="textLayer">${[
      run(72, 60, 'DAILY TREATMENT NOTE'),
      run(72, 80, 'Date of Service:'), run(190, 80, '01/05/2027'), run(400, 80, 'Insurance:'), run(500, 80, 'Blue Cross Blue Shield PPO'),
      run(72, 100, 'SUBJECTIVE'),
      run(72, 120, 'Pt reports low back pain 5/10 after prolonged sitting at work, better'), run(72, 136, 'after the home program.'),
      run(72, 160, 'OBJECTIVE'),
      run(72, 180, 'Palpable spasm bilateral lumbar paraspinals. Therapeutic massage 12 minutes.'),
      run(72, 200, 'CPT'), run(140, 200, 'Modifiers'), run(230, 200, 'Units'), run(290, 200, 'Minutes'), run(350, 200, 'Diagnosis'),
      run(72, 216, '97124'), run(140, 216, ''), run(230, 216, '1'), run(290, 216, '12'), run(350, 216, 'M54.50'),
      run(72, 240, 'Page 1 of 1'),
    ].join('')}</div>`);
    expect(visit.lines).toEqual([{ code: '97124', units: 1, minutes: 12, dx: ['M54.50'] }]);
    expect([visit.payer, visit.dateOfService]).toEqual(['Blue Cross Blue Shield PPO', '2027-01-05']);
    expect(noteText(visit).replace(/\s+/g, ' ')).toContain('better after the home program.');
    expect(noteText(visit)).not.toContain('Page 1 of 1');
  });
});
