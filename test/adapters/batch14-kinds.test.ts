// @vitest-environment jsdom
// Kinds of markup the fourteenth blind page batch exposed (issue 10), each in invented variants read
// end to end (description → classifier → frame merge): a session dialog whose only date is its
// header's time slot, a clinician picked in a "Staff" select, placeholder choices that are never a
// value ("(select …)", "-- Select --", "Choose…"), an insurance list whose chosen plan sits in a
// "Plan" column beside its rank, lettered diagnosis boxes laid out as a grid (A. [ ] B. [ ] …) behind
// one pointer box per letter, several modifier boxes under one spanning header, floating labels
// drawn inside custom selects, and a value printed over its caption.
import { afterEach, describe, expect, it } from 'vitest';
import { readVisit } from './pages';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

const NOTE = `
  <h3>Daily note</h3>
  <h4>Subjective</h4><p>Client reports a stiff neck 4/10 after two long shifts at the bakery this week.</p>
  <h4>Treatment</h4><p>Kneading and stripping to the right levator scapulae and upper trapezius, 25 minutes.</p>`;
const LINES = `<table><tr><th>CPT</th><th>Mod</th><th>Units</th><th>Min</th></tr><tr><td>97124</td><td>GP</td><td>2</td><td>25</td></tr></table>`;

describe('a session dialog whose date is its header time slot', () => {
  for (const [header, date] of [
    ['<div class="dlg-head"><h4>Session: Quarrie, Anselm</h4><div>Tue 03/14/2028 9:00 AM - 9:45 AM</div></div>', '2028-03-14'],
    ['<header><h3>Appointment details</h3><p>Thursday, March 16, 2028 · 2:00 pm to 2:50 pm</p></header>', '2028-03-16'],
    ['<h4>Fri 2028-03-17 · 07:30–08:15</h4>', '2028-03-17'],
  ] as [string, string][]) {
    it(`"${header.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()}" gives the date of service`, () => {
      const visit = readVisit(`<div role="dialog">${header}<main>${NOTE}</main>${LINES}</div>`);
      expect(visit.dateOfService).toBe(date);
    });
  }

  it('a calendar line of another client (a time, no date) gives no date', () => {
    const visit = readVisit(`<div class="calendar"><div>9:00 AM - 9:45 AM Lindahl, Rune</div></div><main>${NOTE}</main>${LINES}`);
    expect(visit.dateOfService).toBeUndefined();
  });
});

describe('the clinician picked in a staff select', () => {
  const select = (label: string, options: [string, boolean][]): string =>
    `<div><label for="who">${label}</label><select id="who" disabled>${options.map(([text, chosen], i) => `<option value="${i ? 40 + i : ''}"${chosen ? ' selected' : ''}>${text}</option>`).join('')}</select></div>`;

  for (const label of ['Staff Member', 'Assigned staff', 'Staff']) {
    it(`"${label}" with "Name, CREDS" chosen is the provider`, () => {
      const visit = readVisit(`${select(label, [['Select staff', false], ['Ilse Marchetti, PT, DPT', true], ['Reception (scheduler)', false]])}<main>${NOTE}</main>${LINES}`);
      expect(visit.provider).toEqual({ name: 'Ilse Marchetti', credentials: ['PT', 'DPT'] });
    });
  }

  it('a staff select left on its placeholder gives no provider', () => {
    const visit = readVisit(`${select('Staff Member', [['Select staff', true], ['Ilse Marchetti, PT, DPT', false]])}<main>${NOTE}</main>${LINES}`);
    expect(visit.provider).toBeUndefined();
  });
});

describe('placeholder choices and an insurance list', () => {
  for (const placeholder of ['(select the payer for this claim)', '-- Select --', 'Choose…', '[choose a plan]']) {
    it(`"${placeholder}" is never the payer`, () => {
      const visit = readVisit(`<div><label for="pay">Insurance</label><select id="pay"><option value="" selected>${placeholder}</option><option value="3">Cigna Open Access Plus</option></select></div><main>${NOTE}</main>${LINES}`);
      expect(visit.payer).toBeUndefined();
    });
  }

  it('a section titled "Insurance (select …)" over a ranked list: the chosen plan of the primary row', () => {
    const row = (id: number, plan: string, rank: string, member: string, checked: boolean): string =>
      `<tr><td><input type="radio" name="ins" id="ins${id}"${checked ? ' checked' : ''} disabled></td><td><label for="ins${id}">${plan}</label></td><td>${rank}</td><td>${member}</td></tr>`;
    const list = `<div class="box"><div class="box-title">Insurance (select the payer for this claim)</div><table><tr><th></th><th>Plan</th><th>Rank</th><th>Member ID</th></tr>${row(0, 'Cigna Open Access Plus', 'Primary', 'U55120934', true)}${row(1, 'Oscar Bronze Classic (ended 01/31/2027)', 'Secondary', 'OSC7781', false)}${row(2, 'Self pay', '', '', false)}</table></div>`;
    const visit = readVisit(`${list}<main>${NOTE}</main>${LINES}`);
    expect(visit.payer).toBe('Cigna Open Access Plus');
  });
});

describe('lettered diagnosis boxes and one box per pointer and modifier', () => {
  const box = (name: string, value: string): string => `<td><input name="${name}" value="${value}" size="3" readonly></td>`;
  const grid = (codes: string[]): string => {
    const letters = 'ABCDEFGHIJKL'.split('');
    const rows = [0, 1, 2].map((r) => `<tr>${letters.slice(r * 4, r * 4 + 4).map((l, i) => `<td class="k">${l}.</td>${box(`icd${r * 4 + i}`, codes[r * 4 + i] ?? '')}`).join('')}</tr>`);
    return `<div><b>21. Diagnosis or nature of illness</b><table>${rows.join('')}</table></div>`;
  };
  const service = (code: string, mods: string[], pointers: string[], units: string, minutes: string, n: number): string =>
    `<tr><td>${n}</td>${box(`proc${n}`, code)}${[0, 1, 2, 3].map((i) => box(`m${n}${i}`, mods[i] ?? '')).join('')}${[0, 1, 2, 3].map((i) => box(`p${n}${i}`, pointers[i] ?? '')).join('')}${box(`u${n}`, units)}${box(`t${n}`, minutes)}</tr>`;
  const services = (rows: string): string =>
    `<table><tr><th>#</th><th>Procedure</th><th colspan="4">Modifier</th><th colspan="4">Diagnosis pointer</th><th>Units</th><th>Minutes</th></tr>${rows}</table>`;

  it('each line resolves all its pointer boxes through the grid, and keeps every modifier box in order', () => {
    const page = `${grid(['M25.511', 'M62.838', 'G89.29'])}${services(service('97110', ['GP', 'CQ'], ['A', 'C'], '2', '28', 1) + service('97124', ['CQ', 'GP'], ['B'], '1', '10', 2))}<main>${NOTE}</main>`;
    const visit = readVisit(page);
    expect(visit.lines.find((l) => l.code === '97110')).toMatchObject({ modifiers: ['GP', 'CQ'], units: 2, minutes: 28, dx: ['M25.511', 'G89.29'] });
    expect(visit.lines.find((l) => l.code === '97124')).toMatchObject({ modifiers: ['CQ', 'GP'], units: 1, minutes: 10, dx: ['M62.838'] });
  });

  it('a later grid box after its letter is labelled by it even when earlier boxes are empty', () => {
    const page = `${grid(['S39.012A', '', '', '', 'M54.50'])}${services(service('97124', ['GP'], ['E', 'A'], '1', '12', 1))}<main>${NOTE}</main>`;
    expect(readVisit(page).lines[0]?.dx).toEqual(['M54.50', 'S39.012A']);
  });
});

describe('floating labels inside custom selects, and a value over its caption', () => {
  const quasar = (label: string, value: string, role = ' role="combobox"'): string =>
    `<label class="q-field q-field--filled q-field--float"${role}><div class="q-field__control"><div class="q-field__native"><span>${value}</span></div><div class="q-field__label">${label}</div></div></label>`;
  const vuetify = (label: string, value: string): string =>
    `<div class="v-select v-input" role="combobox" aria-expanded="false"><div class="v-field"><label class="v-label v-field-label">${label}</label><div class="v-field__input"><div class="v-select__selection">${value}</div></div></div></div>`;

  it('a Quasar select labelled "Provider" inside it gives the provider, name and credentials', () => {
    const visit = readVisit(`<div class="row">${quasar('Provider', 'Hartwig Oduya, OTR/L')}${quasar('Date of service', '2028/04/03', '')}</div><main>${NOTE}</main>${LINES}`);
    expect(visit.provider).toEqual({ name: 'Hartwig Oduya', credentials: ['OTR/L'] });
    expect(visit.dateOfService).toBe('2028-04-03');
  });

  it('a Vuetify-style select with its label drawn inside gives the payer and the clinician', () => {
    const visit = readVisit(`${vuetify('Payer', 'Wellmark Blue PPO')}${vuetify('Treating therapist', 'Saoirse Blackwood, PTA')}<main>${NOTE}</main>${LINES}`);
    expect(visit.payer).toBe('Wellmark Blue PPO');
    expect(visit.provider).toEqual({ name: 'Saoirse Blackwood', credentials: ['PTA'] });
  });

  it("a plan's name over its 'Primary payer' caption (two label lines of a list item) is the payer", () => {
    const item = `<div class="q-item" role="listitem"><div class="q-item__section"><div class="q-item__label">Humana Choice PPO</div><div class="q-item__label q-item__label--caption">Primary payer</div></div></div>`;
    expect(readVisit(`${item}<main>${NOTE}</main>${LINES}`).payer).toBe('Humana Choice PPO');
  });

  it('a caption over an ordinary value is read the usual way round', () => {
    const pair = `<div class="kv"><div class="kv-key">Coverage</div><div class="kv-val">Tufts Health Direct</div></div>`;
    expect(readVisit(`${pair}<main>${NOTE}</main>${LINES}`).payer).toBe('Tufts Health Direct');
  });
});

describe('a label whose text sits in a span classed like a floating label', () => {
  it('still labels its control with that text', () => {
    const visit = readVisit(`<main>${NOTE}</main><div class="row"><input id="ins" readonly value="Harvard Pilgrim HMO"><label for="ins"><span class="form-field-label">Payer</span></label></div>${LINES}`);
    expect(visit.payer).toBe('Harvard Pilgrim HMO');
  });
});
