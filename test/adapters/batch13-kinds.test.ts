// @vitest-environment jsdom
// Kinds of markup the thirteenth blind page batch exposed (issue 10), each in invented variants read
// end to end (description → classifier → frame merge): an 8-minute calculator listing every timed
// code (rows left at 0 units are not lines; ticked untimed codes bill one unit), modifiers applied to
// every line beside a line's own, a provider whose name and credentials sit in separate elements or
// whose signature line carries a status, a supervising therapist and a billing provider beside the
// treating one, a payer caption beside its value with a generic word in it, an "Appointment:" date
// beside a list of upcoming ones, visit logistics and status lines that are not the note, minutes
// written in a line-note column, and section titles written as elements of their own.
import { afterEach, describe, expect, it } from 'vitest';
import { noteText, readVisit, readVisits } from './pages';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

const NOTE = `
  <h3>Treatment note</h3>
  <h4>Subjective</h4><p>Client reports a stiff neck 5/10 after a long drive to the coast on Sunday.</p>
  <h4>Treatment</h4><p>Kneading and stripping to the left levator scapulae and upper trapezius, 25 minutes.</p>`;
const LINES = `<table><tr><th>CPT</th><th>Mod</th><th>Units</th><th>Min</th></tr><tr><td>97124</td><td>GP</td><td>2</td><td>25</td></tr></table>`;

/** A minutes calculator: every timed code a row of inputs, only some filled in. */
function calculator(rows: [string, string, string, string][], strip = ''): string {
  const body = rows.map(([code, minutes, units, mod], i) => `<tr><td>${code}</td><td>Service ${i}</td><td><input name="t[${i}].min" value="${minutes}"></td><td><input name="t[${i}].units" value="${units}"></td><td><input name="t[${i}].mod" value="${mod}"></td></tr>`).join('');
  return `<section class="charges"><h3>Charges</h3>${strip}<table><thead><tr><th>Code</th><th>Description</th><th>Minutes</th><th>Units</th><th>Extra modifier</th></tr></thead><tbody>${body}</tbody></table></section>`;
}

describe('an 8-minute calculator listing every timed code', () => {
  it('bills only rows with units or minutes; rows left at 0 units are not lines', () => {
    const visit = readVisit(`<main>${NOTE}</main>${calculator([['97110', '', '0', ''], ['97140', '23', '2', ''], ['97124', '10', '1', ''], ['97530', '', '0', ''], ['97112', '', '0', '']])}`);
    expect(visit.lines.map((l) => l.code).sort()).toEqual(['97124', '97140']);
    expect(visit.lines.find((l) => l.code === '97140')).toMatchObject({ units: 2, minutes: 23 });
  });

  it('ticked untimed codes are lines of one unit, unticked ones are not', () => {
    const dx = (name: string, chosen: boolean): string => `<select name="${name}"><option value="">—</option><option value="M54.2"${chosen ? ' selected' : ''}>M54.2 – Cervicalgia</option></select>`;
    const untimed = `<h4>Untimed modalities</h4><div class="row"><div><label><input type="checkbox" checked> 97010 Hot or cold packs</label></div><div>${dx('U[0].Dx', true)}</div></div>
      <div class="row"><div><label><input type="checkbox"> G0283 Electrical stimulation, unattended</label></div><div>${dx('U[1].Dx', false)}</div></div>`;
    const visit = readVisit(`<main>${NOTE}</main>${calculator([['97124', '25', '2', ''], ['97110', '', '0', '']])}${untimed}`);
    expect(visit.lines.map((l) => l.code).sort()).toEqual(['97010', '97124']);
    expect(visit.lines.find((l) => l.code === '97010')?.units).toBe(1);
  });
});

describe('modifiers applied to every line', () => {
  for (const [strip, shared] of [
    ['<p>Modifiers for all lines: GO</p>', ['GO']],
    ['<div><label for="gm">Apply to all lines</label><input id="gm" value="GP CQ"></div>', ['GP', 'CQ']],
    ['<p>Claim-level modifiers: GN</p>', ['GN']],
  ] as [string, string[]][]) {
    it(`"${strip.replace(/<[^>]+>/g, ' ').trim()}" adds to each line's own modifier`, () => {
      const visit = readVisit(`<main>${NOTE}</main>${calculator([['97124', '25', '2', '59'], ['97140', '8', '1', '']], strip)}`);
      expect(visit.lines.find((l) => l.code === '97124')?.modifiers?.slice().sort()).toEqual([...shared, '59'].sort());
      expect(visit.lines.find((l) => l.code === '97140')?.modifiers?.slice().sort()).toEqual(shared.slice().sort());
      expect(noteText(visit)).not.toMatch(/all lines|claim-level/i);
    });
  }

  it('"None" for all lines adds nothing', () => {
    const visit = readVisit(`<main>${NOTE}</main>${calculator([['97124', '25', '2', 'GP']], '<p>Modifiers applied to all lines: None</p>')}`);
    expect(visit.lines[0]?.modifiers).toEqual(['GP']);
  });
});

describe('the provider', () => {
  it('a signature line with a status after the credentials ("· signed …")', () => {
    const visit = readVisit(`<main>${NOTE}<p>Provider: Tomasz Wierzbicki, PT, DPT · signed 08/03/2027 4:10 PM</p></main>${LINES}`);
    expect(visit.provider).toEqual({ name: 'Tomasz Wierzbicki', credentials: ['PT', 'DPT'] });
  });

  it('a treating PTA beside the supervising PT: the PTA is the provider', () => {
    const visit = readVisit(`<main>${NOTE}<p>Provider: Odile Fanshawe, PTA · signed 08/03/2027</p><p>Supervising PT: Benedikt Aro, PT, DPT</p></main>${LINES}`);
    expect(visit.provider).toEqual({ name: 'Odile Fanshawe', credentials: ['PTA'] });
  });

  it('rendering beside referring and billing providers: the rendering one', () => {
    const fields = ['Billing Provider|Harbourview Therapy Group', 'Referring Provider|Celestine Moreau, MD', 'Rendering Provider|Idris Okonkwo-Bell, OTR/L'];
    const form = fields.map((f, i) => `<div><label for="p${i}">${f.split('|')[0]}</label><input id="p${i}" readonly value="${f.split('|')[1]}"></div>`).join('');
    const visit = readVisit(`<form>${form}</form><main>${NOTE}</main>${LINES}`);
    expect(visit.provider).toEqual({ name: 'Idris Okonkwo-Bell', credentials: ['OTR/L'] });
  });

  it('a caption over the name and the credentials as separate elements', () => {
    const visit = readVisit(`<header><h1>Home visit</h1><div class="clinician"><div class="caption">Clinician</div><div class="name">Sunniva Haldorsen</div><p class="creds">PT, DPT</p></div></header><main>${NOTE}</main>${LINES}`);
    expect(visit.provider).toEqual({ name: 'Sunniva Haldorsen', credentials: ['PT', 'DPT'] });
  });

  it('"Charted by" with an avatar\'s initials before the name', () => {
    const visit = readVisit(`<div class="byline"><span>Charted by</span><br><span class="avatar">MV</span><br><span>Mireille Vasquez-Tran LMT</span></div><main>${NOTE}</main>${LINES}`);
    expect(visit.provider).toEqual({ name: 'Mireille Vasquez-Tran', credentials: ['LMT'] });
  });

  it('"Dr. Name, D.C." with periods in the credentials', () => {
    const visit = readVisit(`<table><tr><td>Treating Doctor:</td><td>Dr. Anselm Graves, D.C.</td></tr></table><main>${NOTE}</main>${LINES}`);
    expect(visit.provider?.credentials).toEqual(['DC']);
    expect(visit.provider?.name).toContain('Anselm Graves');
  });
});

describe('the payer', () => {
  it('a caption with a generic word ("Primary insurance plan") beside the plan it captions', () => {
    for (const order of ['caption first', 'value first']) {
      const caption = '<div class="cap">Primary insurance plan</div>';
      const value = '<div class="val">Wellmark Blue PPO</div>';
      const visit = readVisit(`<aside><h3>Billing</h3>${order === 'caption first' ? caption + value : value + caption}</aside><main>${NOTE}</main>${LINES}`);
      expect(visit.payer).toBe('Wellmark Blue PPO');
    }
  });
});

describe('dates', () => {
  it('"Appointment: …" with an ordinal day, beside a list of upcoming appointments', () => {
    const upcoming = '<section><h4>Upcoming appointments</h4><ul><li>Aug 30, 2027 · Follow-up · with Noor Haddad</li><li>Sep 6, 2027 · Follow-up</li></ul></section>';
    const visit = readVisit(`${upcoming}<main><p>Appointment: Thursday, August 26th, 2027 at 9:00 AM EDT · Lakeside Clinic and Rehabilitation Center</p>${NOTE}</main>${LINES}`);
    expect(visit.dateOfService).toBe('2027-08-26');
  });
});

describe('page lines that are not the note', () => {
  for (const line of ['Time on site: 48 min', 'Drive time 22 min', 'Mileage today: 9.6 mi', 'HEP handout printed 08/02/2027 · 5 exercises', 'Consent form e-mailed Aug 2, 2027']) {
    it(`"${line}"`, () => {
      const visit = readVisit(`<main><h2>Home visit</h2><p>${line}</p>${NOTE}</main>${LINES}`);
      expect(noteText(visit)).not.toContain(line.slice(0, 12));
      expect(visit.totalTimedMinutes).toBeUndefined();
    });
  }
});

describe('minutes written only in a line-note column', () => {
  it('reads "Minutes: N" from the note cell of a line', () => {
    const grid = `<table><thead><tr><th>Procedure</th><th>M1</th><th>Units</th><th>Line Note</th></tr></thead><tbody>
      <tr><td>97124</td><td>GP</td><td>2</td><td>Minutes: 26</td></tr><tr><td>97010</td><td>GP</td><td>1</td><td></td></tr></tbody></table>`;
    const visit = readVisit(`<main>${NOTE}</main>${grid}`);
    expect(visit.lines.find((l) => l.code === '97124')).toMatchObject({ units: 2, minutes: 26 });
    expect(visit.lines.find((l) => l.code === '97010')?.minutes).toBeUndefined();
  });
});

describe('one date cell spanning every charge', () => {
  it('is one visit, not an encounter of its own beside the page', () => {
    const charges = `<table><thead><tr><th>DOS</th><th>Code</th><th>Mod</th><th>Units</th></tr></thead><tbody>
      <tr><td rowspan="2">08/26/2027</td><td>97124</td><td>GP</td><td>2</td></tr><tr><td>97140</td><td>GP</td><td>1</td></tr></tbody></table>`;
    const { visits } = readVisits(`<div>Insurance: Medicare Part B</div><main>${NOTE}</main>${charges}`);
    expect(visits).toHaveLength(1);
    expect(visits[0]?.payer).toBe('Medicare Part B');
  });
});

describe('section titles written as elements of their own', () => {
  it('a title cell before each paragraph labels it', () => {
    const visit = readVisit(`<main><table><tr><td>Intake Notes</td></tr><tr><td><p>Client reports a stiff neck 5/10 after a long drive to the coast on Sunday.</p></td></tr>
      <tr><td>Outcome</td></tr><tr><td><p>Neck rotation eased and the ache settled to 2/10 by the end of the session.</p></td></tr></table></main>${LINES}`);
    const labels = Array.isArray(visit.note) ? visit.note.map((p) => p.label) : [];
    expect(labels).toEqual(expect.arrayContaining(['Intake Notes', 'Outcome']));
  });
});

describe('minutes captioned in a remarks column of a claim grid with numbered modifier columns', () => {
  it('"Time: 18 min" in "Remarks" is the line\'s minutes; a remark without a time gives none', () => {
    const grid = `<table><thead><tr><th>#</th><th>DOS</th><th>CPT</th><th>Mod 1</th><th>Mod 2</th><th>Ptr</th><th>Qty</th><th>Amount</th><th>Remarks</th></tr></thead><tbody>
      <tr><td>1</td><td>10/04/2027</td><td>97140</td><td>GP</td><td></td><td>1</td><td>2</td><td>$61.10</td><td>Time: 18 min</td></tr>
      <tr><td>2</td><td>10/04/2027</td><td>97124</td><td>GP</td><td>59</td><td>1</td><td>1</td><td>$30.40</td><td>Recheck at next visit</td></tr></tbody></table>`;
    const visit = readVisit(`<main>${NOTE}<h4>Diagnoses</h4><ol><li>M54.2 Cervicalgia</li></ol></main>${grid}`);
    expect(visit.lines.find((l) => l.code === '97140')).toMatchObject({ units: 2, minutes: 18 });
    expect(visit.lines.find((l) => l.code === '97124')?.minutes).toBeUndefined();
    expect(visit.lines.find((l) => l.code === '97124')?.modifiers?.slice().sort()).toEqual(['59', 'GP']);
  });
});
