// @vitest-environment jsdom
// Kinds of markup the tenth blind page batch exposed (issue 10), each in several invented variants
// read end to end (description → classifier → frame merge): hidden panels of older charges, a rank
// tag after the payer, the open entry's date among collapsed older entries, minutes per line in any
// column order, in a flowsheet keyed by code or in inputs labelled by tooltips, abbreviated timed
// totals, joined modifiers and numbered modifier/pointer columns, pointers into a diagnosis grid or
// an ordered list, "description (code)" diagnoses, and the visit number beside authorisation counts.
import { afterEach, describe, expect, it } from 'vitest';
import { readVisit } from './pages';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

const NOTE = `
  <h3>Treatment note</h3>
  <p>Pt reports low back tightness 5/10 after gardening on the weekend.</p>
  <p>Guarding in the lumbar paraspinals. Therapeutic massage, kneading and stripping, 14 minutes.</p>`;
const LINES = `<table><tr><th>Code</th><th>Mod</th><th>Units</th><th>Min</th></tr><tr><td>97124</td><td>GP</td><td>1</td><td>14</td></tr></table>`;

const summary = (html: string): [string, string[], number | undefined, number | undefined, string[]][] =>
  readVisit(html).lines.map((l) => [l.code, l.modifiers ?? [], l.units, l.minutes, l.dx ?? []]);

describe('a hidden panel of older charges gives no lines beside the shown ones', () => {
  const history = (wrap: (inner: string) => string): string =>
    wrap(`<table><tr><td>03/02/2027</td><td>97140</td><td>22</td><td>2</td><td>GP</td><td>M54.50</td></tr><tr><td>03/02/2027</td><td>97530</td><td>16</td><td>1</td><td>GP</td><td>M54.50</td></tr></table>`);
  const current = `<div role="grid"><div role="row"><span role="columnheader">CPT</span><span role="columnheader">Units</span><span role="columnheader">Modifiers</span><span role="columnheader">Dx</span></div><div role="row"><span role="gridcell">97124</span><span role="gridcell">1</span><span role="gridcell">GP</span><span role="gridcell">M54.50</span></div></div>`;
  for (const [name, wrap] of [
    ['a `hidden` history panel', (inner: string) => `<section class="history" hidden><h4>Charge history</h4>${inner}</section>`],
    ['a display:none drawer', (inner: string) => `<div class="drawer" style="display:none">${inner}</div>`],
    ['an inactive tab panel', (inner: string) => `<div role="tablist"><button role="tab" aria-selected="true">Today</button><button role="tab" aria-selected="false">Earlier</button></div><div role="tabpanel" hidden>${inner}</div>`],
  ] as const) {
    it(name, () => {
      expect(summary(`${NOTE}${current}${history(wrap)}`)).toEqual([['97124', ['GP'], 1, undefined, ['M54.50']]]);
    });
  }

  it('a hidden charge table is still read when nothing shown holds lines (a billing tab not open)', () => {
    const html = `${NOTE}<div role="tabpanel" hidden><table><tr><th>CPT</th><th>Mod</th><th>Units</th></tr><tr><td>97124</td><td>GP</td><td>1</td></tr></table></div>`;
    expect(readVisit(html).lines.map((l) => l.code)).toEqual(['97124']);
  });
});

describe("a rank tag after the payer's name", () => {
  for (const [markup, payer] of [
    [`<h6>Insurance Policy</h6><div class="policy">Oscar Bronze Classic <span class="tag">Primary</span></div>`, 'Oscar Bronze Classic'],
    [`<dl><dt>Insurance</dt><dd>Cigna Open Access Plus · Primary</dd></dl>`, 'Cigna Open Access Plus'],
    [`<div><label>Coverage</label> <span>Humana Gold Plus HMO</span> <b class="badge">PRIMARY</b></div>`, 'Humana Gold Plus HMO'],
  ] as const) {
    it(`"${payer}" keeps its name without the tag`, () => {
      expect(readVisit(`${markup}${NOTE}${LINES}`).payer).toBe(payer);
    });
  }

  it('a plan tagged secondary is not the payer, the one tagged primary is', () => {
    const html = `<dl><dt>Insurance</dt><dd>Aetna Choice POS II <span>Secondary</span></dd></dl>${NOTE}${LINES}`;
    expect(readVisit(html).payer).toBeUndefined();
    const both = `<dl><dt>Insurance</dt><dd>Aetna Choice POS II <span>Secondary</span></dd><dt>Insurance</dt><dd>Texas Medicaid <span>Primary</span></dd></dl>${NOTE}${LINES}`;
    expect(readVisit(both).payer).toBe('Texas Medicaid');
  });

  it('a plan named for primary care keeps its name', () => {
    expect(readVisit(`<dl><dt>Insurance</dt><dd>Primary Health Plus</dd></dl>${NOTE}${LINES}`).payer).toBe('Primary Health Plus');
  });
});

describe("the open entry's date among collapsed older entries", () => {
  const entry = (title: string, date: string, open: boolean, body: string): string =>
    `<article class="entry"><div class="entry-head" aria-expanded="${open}"><span class="title">${title}</span><span class="when">${date}</span><span class="badge">Signed</span></div><div class="entry-body"${open ? '' : ' hidden'}>${body}</div></article>`;
  const older = [
    entry('Daily Note', 'Tuesday, February 23, 2027', false, '<p>Earlier session: home program done, stiffness unchanged.</p>'),
    entry('Intake Questionnaire', 'Feb 2, 2027', false, '<p>Answers on file.</p>'),
  ];
  for (const [date, iso] of [
    ['Tuesday, March 2, 2027', '2027-03-02'],
    ['Tue 2 Mar 2027, 9:00 am', '2027-03-02'],
    ['Mar 2, 2027', '2027-03-02'],
  ] as const) {
    it(`newest first, the open entry dated "${date}"`, () => {
      const visit = readVisit(`<main>${entry('Daily Note', date, true, NOTE)}${older.join('')}</main>${LINES}`);
      expect(visit.dateOfService).toBe(iso);
    });
    it(`oldest first, the open entry dated "${date}" last`, () => {
      const visit = readVisit(`<main>${[...older].reverse().join('')}${entry('Daily Note', date, true, NOTE)}</main>${LINES}`);
      expect(visit.dateOfService).toBe(iso);
    });
  }

  it('a note opening with its appointment line takes that line\'s date', () => {
    const html = `<aside class="sidebar"><h4>Upcoming</h4><div>Thu 11 Mar 2027, 9:00 am</div></aside><main><h1>Treatment note</h1><div class="note-meta">Tue 2 Mar 2027, 9:00 am – 9:45 am · Ines Aldana PT, DPT · Eastside Clinic</div>${NOTE}</main>${LINES}`;
    expect(readVisit(html).dateOfService).toBe('2027-03-02');
  });
});

describe('minutes per line wherever the page gives them', () => {
  it('a minutes column before the units column', () => {
    const table = `<table><tr><th>CPT</th><th>Description</th><th>Time</th><th>Units</th><th>Mods</th></tr><tr><td>97110</td><td>Therapeutic exercise</td><td>24</td><td>2</td><td>GP</td></tr><tr><td>97124</td><td>Massage</td><td>14</td><td>1</td><td>GP</td></tr></table>`;
    expect(summary(`${NOTE}${table}`)).toEqual([
      ['97110', ['GP'], 2, 24, []],
      ['97124', ['GP'], 1, 14, []],
    ]);
  });

  const flowsheet = (dates: string[], minutes: Record<string, string[]>): string =>
    `<table><tr><th></th>${dates.map((d) => `<th>${d}</th>`).join('')}</tr>${Object.entries(minutes)
      .map(([label, values]) => `<tr><td>${label}</td>${values.map((v) => `<td>${v}</td>`).join('')}</tr>`)
      .join('')}</table>`;
  const charges = `<table><tr><th>Service Date</th><th>CPT</th><th>Modifier</th><th>Qty</th><th>Diagnosis</th></tr><tr><td>03/02/2027</td><td>97110</td><td>GP</td><td>2</td><td>M54.50</td></tr><tr><td>03/02/2027</td><td>97124</td><td>GP</td><td>1</td><td>M62.830</td></tr></table>`;
  for (const order of ['newest first', 'oldest first'] as const) {
    it(`a flowsheet of minutes keyed by code, dated columns ${order}, fills the charges' minutes`, () => {
      const dates = ['03/02/2027 09:40', '02/23/2027 10:10', '02/16/2027 10:00'];
      const rows: Record<string, string[]> = { 'Ther ex (97110)': ['24 min', '30 min', '28 min'], 'Massage (97124)': ['14 min', '10 min', '12 min'] };
      const html = order === 'newest first' ? flowsheet(dates, rows) : flowsheet([...dates].reverse(), Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, [...v].reverse()])));
      expect(summary(`${NOTE}${html}${charges}`)).toEqual([
        ['97110', ['GP'], 2, 24, ['M54.50']],
        ['97124', ['GP'], 1, 14, ['M62.830']],
      ]);
    });
  }

  for (const order of ['newest first', 'oldest first'] as const) {
    it(`a flowsheet's timed total, dated columns ${order}, is the newest column's`, () => {
      const dates = ['03/02/2027 09:40', '02/23/2027 10:10'];
      const rows: Record<string, string[]> = { 'Massage (97124)': ['14 min', '10 min'], 'Total Timed Minutes': ['38 min', '40 min'], 'Total Treatment Minutes': ['52 min', '50 min'] };
      const html = order === 'newest first' ? flowsheet(dates, rows) : flowsheet([...dates].reverse(), Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, [...v].reverse()])));
      expect(readVisit(`${NOTE}${html}${charges}`).totalTimedMinutes).toBe(38);
    });
  }

  for (const attribute of ['aria-label', 'title', 'placeholder'] as const) {
    it(`inputs with no column header, labelled by ${attribute}`, () => {
      const input = (label: string, value: string): string => `<td><input ${attribute}="${label}" value="${value}"></td>`;
      const table = `<table><tr><th>Procedure</th><th></th><th></th><th></th></tr><tr><td>97124</td>${input('Modifier', 'GP')}${input('Minutes', '14')}${input('Units', '1')}</tr></table>`;
      expect(summary(`${NOTE}${table}`)).toEqual([['97124', ['GP'], 1, 14, []]]);
    });
  }
});

describe('total timed minutes beside a total treatment time that differs', () => {
  for (const [label, value] of [
    ['Tot Timed', '38'],
    ['Total Timed Minutes', '38 min'],
    ['Tot. Timed Min', '38'],
  ] as const) {
    it(`"${label}" is the timed total, "Total Treatment Minutes" is not`, () => {
      const html = `${NOTE}${LINES}<div class="totals"><span class="lbl">Total Treatment Minutes</span> <span>52</span><br><span class="lbl">${label}</span> <span>${value}</span></div>`;
      expect(readVisit(html).totalTimedMinutes).toBe(38);
    });
  }
  it('a treatment total alone is no timed total', () => {
    expect(readVisit(`${NOTE}${LINES}<div><span>Total Treatment Minutes</span> <span>52</span></div>`).totalTimedMinutes).toBeUndefined();
  });
});

describe('modifiers joined to the code or each other, and numbered modifier and pointer columns', () => {
  it('"97124-GP-KX" in an invoice item cell with its name and diagnosis stacked', () => {
    const item = (name: string, code: string, dx: string, qty: string, mins: string): string =>
      `<tr><td><div>${name}</div><div class="muted">${code}</div><div class="muted">Dx: ${dx}</div></td><td>${qty}</td><td>${mins}</td><td>$40.00</td></tr>`;
    const table = `<table><thead><tr><th>Item</th><th>Qty</th><th>Mins</th><th>Amount</th></tr></thead><tbody>${item('Therapeutic exercise', '97110-GP-KX', 'M54.50', '2', '24')}${item('Massage therapy', '97124-GP-KX', 'M62.830, M54.50', '1', '14')}</tbody><tfoot><tr><td>Total</td><td></td><td></td><td>$80.00</td></tr></tfoot></table>`;
    expect(summary(`${NOTE}${table}`)).toEqual([
      ['97110', ['GP', 'KX'], 2, 24, ['M54.50']],
      ['97124', ['GP', 'KX'], 1, 14, ['M62.830', 'M54.50']],
    ]);
  });

  it('an invoice item without modifiers keeps none ("Dx" is no modifier)', () => {
    const table = `<table><tr><th>Item</th><th>Qty</th></tr><tr><td>Massage therapy 97124 Dx: M62.830</td><td>2</td></tr></table>`;
    expect(summary(`${NOTE}${table}`)).toEqual([['97124', [], 2, undefined, ['M62.830']]]);
  });

  for (const joined of ['GP-KX', 'GP KX', 'GP, KX', 'GP/KX']) {
    it(`a modifier cell "${joined}"`, () => {
      const table = `<table><tr><th>CPT</th><th>Modifier</th><th>Qty</th></tr><tr><td>97124</td><td>${joined}</td><td>1</td></tr></table>`;
      expect(summary(`${NOTE}${table}`)).toEqual([['97124', ['GP', 'KX'], 1, undefined, []]]);
    });
  }

  it('M1–M4 and P1–P4 columns resolve against a numbered diagnosis grid', () => {
    const dx = `<table><caption>Case Diagnoses</caption><tr><th>#</th><th>ICD-10</th><th>Description</th></tr><tr><td>1</td><td>M54.50</td><td>Low back pain, unspecified</td></tr><tr><td>2</td><td>M62.830</td><td>Muscle spasm of back</td></tr></table>`;
    const cell = (v: string): string => `<td><input value="${v}"></td>`;
    const row = (code: string, mods: string[], ptrs: string[], units: string, mins: string): string => `<tr><td>${code}</td>${mods.map(cell).join('')}${ptrs.map(cell).join('')}${cell(units)}${cell(mins)}</tr>`;
    const lines = `<table><tr><th>CPT</th><th>M1</th><th>M2</th><th>M3</th><th>M4</th><th>P1</th><th>P2</th><th>P3</th><th>P4</th><th>Unt</th><th>Min</th></tr>${row('97110', ['GP', '', '', ''], ['1', '', '', ''], '2', '24')}${row('97124', ['GP', 'KX', '', ''], ['2', '1', '', ''], '1', '14')}</table>`;
    expect(summary(`${NOTE}${lines}${dx}`)).toEqual([
      ['97110', ['GP'], 2, 24, ['M54.50']],
      ['97124', ['GP', 'KX'], 1, 14, ['M62.830', 'M54.50']],
    ]);
  });
});

describe('diagnosis pointers and written diagnoses', () => {
  it('letters point into an unlettered ordered list by position', () => {
    const html = `${NOTE}<h4>Diagnoses</h4><ol><li>M54.50 Low back pain, unspecified</li><li>M62.830 Muscle spasm of back</li></ol><table><tr><th>Code</th><th>Mods</th><th>Qty</th><th>Dx Ptr</th></tr><tr><td>97110</td><td>GP</td><td>2</td><td>A</td></tr><tr><td>97124</td><td>GP</td><td>1</td><td>B,A</td></tr></table>`;
    expect(readVisit(html).lines.map((l) => l.dx)).toEqual([['M54.50'], ['M62.830', 'M54.50']]);
  });

  it('"description (code)" in the diagnosis column', () => {
    const table = `<table><tr><th>CPT</th><th>Modifier</th><th>Qty</th><th>Diagnosis</th></tr><tr><td>97124</td><td>GP</td><td>1</td><td>Muscle spasm of back (M62.830)</td></tr><tr><td>97110</td><td>GP</td><td>2</td><td>Low back pain, unspecified (M54.50); Muscle spasm of back (M62.830)</td></tr></table>`;
    expect(readVisit(`${NOTE}${table}`).lines.map((l) => l.dx)).toEqual([['M62.830'], ['M54.50', 'M62.830']]);
  });
});

describe('the visit number beside authorisation counts', () => {
  for (const [markup, visit] of [
    [`<div><label>Auth Visits</label><input value="12"></div><div><label>Visit #</label><input value="7"></div>`, 7],
    [`<dl><dt>Visit #</dt><dd>7</dd><dt>Authorized Visits</dt><dd>20</dd><dt>Visits Remaining</dt><dd>13</dd></dl>`, 7],
    [`<div class="case-line">Visit 7 · Plan of care from Feb 8, 2027</div><div>Auth visits 12</div>`, 7],
  ] as const) {
    it(`${markup.slice(0, 60)}… → ${visit}`, () => {
      expect(readVisit(`${markup}${NOTE}${LINES}`).episode?.visitNumber).toBe(visit);
    });
  }
  it('an authorisation count alone gives no visit number, nor does a dated earlier visit', () => {
    expect(readVisit(`<div><label>Auth Visits</label><input value="12"></div>${NOTE}${LINES}`).episode?.visitNumber).toBeUndefined();
    expect(readVisit(`${NOTE}<p>Previous visit 02/23/2027: tolerated treatment, continue plan.</p>${LINES}`).episode?.visitNumber).toBeUndefined();
  });
});

describe('a practice sidebar and a registration banner: who is invoiced, the plan beside its class, the practitioner card, the appointment in its case', () => {
  for (const label of ['Invoice to', 'Billed to']) {
    it(`"${label}" names the payer`, () => {
      expect(readVisit(`<aside><dl><dt>Date of birth</dt><dd>4 Jun 1961</dd><dt>${label}</dt><dd>Oscar Bronze Classic</dd></dl></aside>${NOTE}${LINES}`).payer).toBe('Oscar Bronze Classic');
    });
  }

  for (const klass of ['Fin Class', 'Financial Class', 'Payer Type']) {
    it(`"Plan" beside "${klass}" is the payer, not the class`, () => {
      const banner = `<table class="banner"><tr><td>Acct #</td><td>QX-2207</td><td>${klass}</td><td>COMMERCIAL</td><td>Plan</td><td>Cigna Open Access Plus</td></tr></table>`;
      expect(readVisit(`${banner}${NOTE}${LINES}`).payer).toBe('Cigna Open Access Plus');
    });
  }
  it('"Plan" with no payer class beside it is no payer (a note has a plan too)', () => {
    expect(readVisit(`<table><tr><td>Room</td><td>Gym 2</td><td>Plan</td><td>Continue twice weekly</td></tr></table>${NOTE}${LINES}`).payer).toBeUndefined();
  });

  for (const [name, credentials, want] of [
    ['Ines Aldana', 'PT, DPT', ['PT', 'DPT']],
    ['Marco Quill', 'LMT', ['LMT']],
    ['Dana Whitfield', 'OTR/L', ['OTR/L']],
  ] as const) {
    it(`a practitioner card "${name}" "${credentials}"`, () => {
      const card = `<div class="practitioner"><svg aria-hidden="true"></svg><span class="name">${name}</span> <span class="designation">${credentials}</span></div>`;
      const visit = readVisit(`<main><h1>Treatment note</h1>${card}${NOTE}</main>${LINES}`);
      expect(visit.provider?.name).toBe(name);
      expect(visit.provider?.credentials).toEqual([...want]);
    });
  }
  it("a patient's name beside a record id is no practitioner", () => {
    expect(readVisit(`<div class="patient"><span class="name">Harriet Voss</span> <span>MRN</span></div>${NOTE}${LINES}`).provider).toBeUndefined();
  });

  for (const [run, n] of [
    ['Appointment 6 in this case', 6],
    ['Visit 4 of this episode', 4],
    ['Session 9 in the plan of care', 9],
  ] as const) {
    it(`"${run}" on a case line`, () => {
      expect(readVisit(`<main><div class="case">Case: Low back pain · ${run}</div>${NOTE}</main>${LINES}`).episode?.visitNumber).toBe(n);
    });
  }
});
