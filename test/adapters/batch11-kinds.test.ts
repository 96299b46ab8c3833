// @vitest-environment jsdom
// Kinds of markup the eleventh blind page batch exposed (issue 10), each in several invented variants
// read end to end (description → classifier → frame merge): page chrome by its line grammar (a
// caseload or schedule list of other patients, a work queue's count, an alert, an activity feed's
// event, a byline ending in a status, an encounter's "Label: value | Label: value" header line), the
// note's sections in a tab panel not open, a goals table under the note, a visit's number as a bare
// count beside a generic caption, the provider in an encounter header line, and a printed claim
// form's boxes (spanning code/modifier and MM DD YY headers, lettered diagnoses, the carrier block).
import { afterEach, describe, expect, it } from 'vitest';
import { noteText, readVisit } from './pages';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

const NOTE = `
  <h3>Daily note</h3>
  <h4>Subjective</h4><p>Patient reports right shoulder ache 4/10 after painting the porch railing.</p>
  <h4>Objective</h4><p>Taut bands in the right upper trapezius and levator. Soft tissue mobilization and kneading, 15 minutes, to the right upper trapezius.</p>`;
const LINES = `<table><tr><th>CPT</th><th>Mod</th><th>Units</th><th>Min</th></tr><tr><td>97124</td><td>GP</td><td>1</td><td>15</td></tr></table>`;

describe('page chrome by its line grammar stays out of the note', () => {
  const chrome: [string, string, string][] = [
    ['a caseload of other patients', '<div class="roster"><b>Caseload</b><ul><li>Quintero, Marisol</li><li>Abernethy-Cole, Ruth</li></ul></div>', 'Quintero, Marisol'],
    ["a day's schedule with times and states", '<div class="day"><ol><li>07:30 Lindgren, Pavel — Arrived</li><li>08:15 Osei, Kwabena — No show</li></ol></div>', 'Lindgren, Pavel'],
    ["a work queue's count", '<div class="queue"><ul><li>7 charges pending review</li><li>2 visits to sign</li></ul></div>', 'charges pending review'],
    ['an alert about a record', '<div class="strip"><span>Plan of care expires in 4 days for Osei, Kwabena</span></div>', 'expires in 4 days'],
    ["an activity feed's event", '<div class="recent"><p>Claim 88120 for Lindgren, Pavel rejected by the payer</p><p>Lab result for Osei, Kwabena received</p></div>', 'rejected by the payer'],
    ['a byline ending in a status', '<div class="meta">Nadia Petrov, PT, DPT · Daily Note · Pended</div>', 'Pended'],
  ];
  for (const [name, markup, leak] of chrome) {
    it(`${name} is not note text, even right after the note's sections`, () => {
      const visit = readVisit(`<main>${NOTE}${markup}</main>${LINES}`);
      expect(noteText(visit)).toContain('painting the porch railing');
      expect(noteText(visit)).not.toContain(leak);
    });
  }

  it('a note that names its own patient in a sentence keeps it', () => {
    const html = `<main><h3>Daily note</h3><h4>Subjective</h4><p>Patient, a retired welder, reports right shoulder ache 4/10 after painting the porch railing.</p><h4>Plan</h4><p>Continue twice weekly; recheck the authorization before visit 12.</p></main>${LINES}`;
    expect(noteText(readVisit(html))).toContain('recheck the authorization before visit 12');
  });
});

describe("an encounter's header line of label: value runs gives the provider, not note text", () => {
  for (const [line, name, credentials] of [
    ['Rendering provider: Nadia Petrov, PT, DPT | Clinic: Eastside Rehab | Status: Open', 'Nadia Petrov', ['DPT', 'PT']],
    ['Visit provider: Tomas Reyes, LMT · Location: Suite 4 · Visit type: Follow-up', 'Tomas Reyes', ['LMT']],
  ] as const) {
    it(line, () => {
      const visit = readVisit(`<section><div class="hdr">${line}</div>${NOTE}</section>${LINES}`);
      expect(noteText(visit)).not.toContain(line.slice(0, 20));
      expect(visit.provider?.name).toBe(name);
      expect([...(visit.provider?.credentials ?? [])].sort()).toEqual(credentials);
    });
  }
});

describe("the note's sections in a tab panel not open are still the note's", () => {
  const panels = (hide: string): string => `
    <div class="note-tabs ui-widget"><ul role="tablist"><li role="tab" aria-selected="true">S/O</li><li role="tab">A/P</li></ul>
      <div class="soap-note" role="tabpanel"><h4>Subjective</h4><p>Patient reports right shoulder ache 4/10 after painting the porch railing.</p>
        <h4>Objective</h4><p>Taut bands in the right upper trapezius. Soft tissue mobilization and kneading, 15 minutes, to the right upper trapezius.</p></div>
      <div class="soap-note" role="tabpanel" ${hide}><h4>Assessment</h4><p>Reaching overhead easier after treatment; trapezius less guarded on palpation.</p>
        <h4>Plan</h4><p>Twice weekly for two more weeks, progressing overhead reach with light weights.</p></div>
    </div>`;
  for (const [name, hide] of [
    ['display:none', 'style="display:none"'],
    ['the hidden attribute', 'hidden'],
  ] as const) {
    it(name, () => {
      const note = noteText(readVisit(`${panels(hide)}${LINES}`));
      expect(note).toContain('Reaching overhead easier');
      expect(note).toContain('progressing overhead reach');
    });
  }

  it("a hidden billing tab's text is not the note's", () => {
    const html = `${panels('')}<div class="note-tabs" role="tabpanel" style="display:none"><div class="billing note"><h4>Treatment</h4><p>Earlier charges were billed to the secondary plan on the last visit of March.</p></div></div>${LINES}`;
    expect(noteText(readVisit(html))).not.toContain('Earlier charges');
  });
});

describe('a goals table under the note is part of it', () => {
  for (const [name, table] of [
    ['a "Goal" column under a "Goals addressed" heading', '<h4>Goals addressed</h4><table><tr><th>Goal</th><th>Baseline</th><th>Status</th></tr><tr><td>Reach the top kitchen shelf without pain.</td><td>Eval</td><td>Met</td></tr></table>'],
    ['a "Goals" column with no heading', '<table><tr><th>Goals</th><th>Target date</th></tr><tr><td>Reach the top kitchen shelf without pain.</td><td>06/30/2027</td></tr></table>'],
  ] as const) {
    it(name, () => {
      expect(noteText(readVisit(`<main>${NOTE}${table}</main>${LINES}`))).toContain('Reach the top kitchen shelf');
    });
  }
});

describe("a visit's number as a bare count beside a generic caption", () => {
  for (const [markup, expected] of [
    ['<fieldset><legend>Authorization</legend><label for="s">Session</label><input id="s" value="11" readonly></fieldset>', 11],
    ['<fieldset><legend>Episode</legend><label for="a">Appointment</label><input id="a" value="4" readonly></fieldset>', 4],
    ['<fieldset><legend>Times</legend><label for="t">Session</label><input id="t" value="10:30" readonly></fieldset>', undefined],
    ['<fieldset><legend>Times</legend><label for="d">Session</label><input id="d" value="5/4/2027" readonly></fieldset>', undefined],
  ] as const) {
    it(`${markup.slice(0, 60)}… → ${expected}`, () => {
      expect(readVisit(`${markup}<main>${NOTE}</main>${LINES}`).episode?.visitNumber).toBe(expected);
    });
  }
});

describe('a printed claim form (box layout)', () => {
  const row = (n: number, date: string[], code: string, mods: string[], ptr: string, units: string): string =>
    `<tr><td>${n}</td>${date.map((d) => `<td>${d}</td>`).join('')}${date.map((d) => `<td>${d}</td>`).join('')}<td>11</td><td></td><td>${code}</td>${[0, 1, 2, 3].map((i) => `<td>${mods[i] ?? ''}</td>`).join('')}<td>${ptr}</td><td>40</td><td>00</td><td>${units}</td></tr>`;
  const form = (rows: string, carrier: string): string => `
    <div class="form"><div class="title"><b>HEALTH INSURANCE CLAIM FORM</b> <span>Approved by the forms committee 02/12</span></div>
      <div class="carrier"><span class="lbl">CARRIER</span><div>${carrier}</div><div>PO BOX 97124</div><div>SPRINGFIELD IL 62701-0001</div></div>
      <div class="box21"><span>21. Diagnosis or nature of illness or injury</span><div>A. M25.511</div><div>B. M62.838</div><div>C. M54.2</div></div>
      <div class="box31">Nadia Petrov, PT, DPT<br>DATE 05/20/2027</div>
      <table><thead><tr><th></th><th colspan="3">24. A. Date(s) of service From MM DD YY</th><th colspan="3">To MM DD YY</th><th>B. Place of service</th><th>C. EMG</th>
        <th colspan="5">D. Procedures, services, or supplies CPT/HCPCS Modifier</th><th>E. Diagnosis pointer</th><th colspan="2">F. $ Charges</th><th>G. Days or units</th></tr></thead>
      <tbody>${rows}</tbody></table></div>`;
  const read = (html: string) => readVisit(`<aside class="note-pane">${NOTE}</aside>${html}`);

  it('reads box 24 lines: code and modifier boxes, pointers run together, units', () => {
    const visit = read(form(row(1, ['05', '18', '27'], '97124', ['GP', '59'], 'AB', '2') + row(2, ['05', '18', '27'], '97140', ['GP'], 'C', '1') + row(3, ['', '', ''], '', [], '', ''), 'Prairie State Medicaid'));
    expect(visit.lines.map((l) => [l.code, l.modifiers ?? [], l.units, l.dx ?? []])).toEqual([
      ['97124', ['GP', '59'], 2, ['M25.511', 'M62.838']],
      ['97140', ['GP'], 1, ['M54.2']],
    ]);
  });

  it("takes 24A's MM DD YY boxes as the date of service, not the signing date", () => {
    expect(read(form(row(1, ['05', '18', '27'], '97124', ['GP'], 'A', '1'), 'Prairie State Medicaid')).dateOfService).toBe('2027-05-18');
  });

  it("takes the carrier block's plan as the payer, not the form's title line, and no address number as a code", () => {
    const visit = read(form(row(1, ['05', '18', '27'], '97124', ['GP'], 'A', '1'), 'Lakeshore Health Alliance PPO'));
    expect(visit.payer).toBe('Lakeshore Health Alliance PPO');
    expect(visit.lines.map((l) => l.code)).toEqual(['97124']);
  });
});

describe("an ARIA radio or check box with its caption beside it: a choice not taken is not note text", () => {
  const question = (role: string, item: string, wrap: string) => `<h4>${item} trend</h4><${wrap} class="choices">${[
    ['true', 'Better since last visit'],
    ['false', 'Unchanged since last visit'],
    ['false', 'Worse since last visit'],
  ]
    .map(([checked, text]) => `<${wrap === 'ul' ? 'li' : 'div'} class="choice"><span class="box" role="${role}" aria-checked="${checked}"></span> ${text}</${wrap === 'ul' ? 'li' : 'div'}>`)
    .join('')}</${wrap}>`;
  for (const [role, wrap] of [
    ['radio', 'ul'],
    ['checkbox', 'div'],
  ] as const) {
    it(`role=${role} in a ${wrap}`, () => {
      const note = noteText(readVisit(`<main>${NOTE}${question(role, 'Pain', wrap)}</main>${LINES}`));
      expect(note).toContain('Better since last visit');
      expect(note).not.toContain('Unchanged since last visit');
      expect(note).not.toContain('Worse since last visit');
    });
  }
});
