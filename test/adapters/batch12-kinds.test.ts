// @vitest-environment jsdom
// Kinds of markup the twelfth blind page batch exposed (issue 10), each in invented variants read end
// to end (description → classifier → frame merge): an appointment stated in a sentence with its
// provider and date, the payer in a run-in phrase ("Funded by …", "Covered by …"), a time panel's
// totals footer under other columns' headers, a claim form's diagnosis inputs labelled by their
// pointer letters, an insurer portal's brand that is no payer beside the member's "Plan", and
// credentials in a field of their own beside a name written in capitals.
import { afterEach, describe, expect, it } from 'vitest';
import { readVisit } from './pages';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

const NOTE = `
  <h3>Treatment note</h3>
  <h4>Subjective</h4><p>Client reports a stiff neck 5/10 after a long drive to the coast on Sunday.</p>
  <h4>Treatment</h4><p>Kneading and stripping to the left levator scapulae and upper trapezius, 25 minutes.</p>`;
const LINES = `<table><tr><th>CPT</th><th>Mod</th><th>Units</th><th>Min</th></tr><tr><td>97124</td><td>GP</td><td>2</td><td>25</td></tr></table>`;

describe('an appointment stated in a sentence', () => {
  const sentences: [string, string, string, string[]][] = [
    ['Appointment with Ingrid Halvorsen (PT, DPT) on 14 Sep 2027 at Fjord Street Physio.', '2027-09-14', 'Ingrid Halvorsen', ['PT', 'DPT']],
    ['Session with Marcus Obi, LMT on 09/22/2027 in room 4.', '2027-09-22', 'Marcus Obi', ['LMT']],
    ['Consultation with Priya Raman-Holt (OTR/L) on October 3, 2027.', '2027-10-03', 'Priya Raman-Holt', ['OTR/L']],
  ];
  for (const [sentence, date, name, credentials] of sentences) {
    it(`reads the provider and date of "${sentence.slice(0, 40)}…"`, () => {
      const visit = readVisit(`<main><p>${sentence}</p>${NOTE}</main>${LINES}`);
      expect(visit.dateOfService).toBe(date);
      expect(visit.provider?.name).toBe(name);
      expect(visit.provider?.credentials?.slice().sort()).toEqual(credentials.slice().sort());
    });
  }

  it('a visit "with" someone in the note is not the appointment line', () => {
    const visit = readVisit(`<main><h4>Plan</h4><p>Follow-up visit with Dr Alvarez on 12/01/2027 for imaging review; continue home program.</p>${NOTE}</main>${LINES}`);
    expect(visit.provider?.name ?? '').not.toContain('Alvarez');
  });
});

describe('the payer in a run-in phrase', () => {
  for (const phrase of ['Funded by Cigna Open Access Plus.', 'Covered by Humana Gold Plus HMO', 'Paid by Allstate Auto PIP.']) {
    it(`reads "${phrase}"`, () => {
      const visit = readVisit(`<main><p>${phrase}</p>${NOTE}</main>${LINES}`);
      expect(visit.payer).toBe(phrase.replace(/^\w+ by /, '').replace(/\.$/, ''));
    });
  }
});

describe("a time panel's totals footer", () => {
  for (const [label, header] of [['Total Timed', 'Minutes'], ['Timed minutes', 'Time (min)'], ['Total timed min', 'Mins']]) {
    it(`"${label}" under "Code | ${header}"`, () => {
      const panel = `<section><h4>Time</h4><table><thead><tr><th>Code</th><th>${header}</th></tr></thead><tbody><tr><td>97140</td><td>12</td></tr><tr><td>97124</td><td>25</td></tr></tbody><tfoot><tr><td>${label}</td><td>37</td></tr></tfoot></table></section>`;
      const visit = readVisit(`<main>${NOTE}</main>${LINES}${panel}`);
      expect(visit.totalTimedMinutes).toBe(37);
    });
  }
});

describe('diagnosis inputs labelled by their pointer', () => {
  const slots = (labels: string[], codes: string[]): string =>
    labels.map((l, i) => `<span><label for="d${i}">${l}</label><input id="d${i}" value="${codes[i] ?? ''}"></span>`).join('');
  const claim = `<table><thead><tr><th>Procedure</th><th>Mod 1</th><th>Pointer</th><th>Units</th></tr></thead><tbody>
    <tr><td><input aria-label="Procedure" value="97140"></td><td><input aria-label="Mod 1" value="GP"></td><td><input aria-label="Pointer" value="B"></td><td><input aria-label="Units" value="1"></td></tr>
    <tr><td><input aria-label="Procedure" value="97124"></td><td><input aria-label="Mod 1" value="GP"></td><td><input aria-label="Pointer" value="A,C"></td><td><input aria-label="Units" value="2"></td></tr></tbody></table>`;
  for (const labels of [['A.', 'B.', 'C.', 'D.'], ['Dx A', 'Dx B', 'Dx C', 'Dx D'], ['A', 'B', 'C', 'D']]) {
    it(`resolves pointers through inputs labelled ${labels.join(' ')}`, () => {
      const visit = readVisit(`<main>${NOTE}<fieldset><legend>Diagnoses</legend>${slots(labels, ['M54.2', 'M62.838', 'M79.18'])}</fieldset>${claim}</main>`);
      const massage = visit.lines.find((l) => l.code === '97124');
      expect(massage?.dx).toEqual(['M54.2', 'M79.18']);
      expect(visit.lines.find((l) => l.code === '97140')?.dx).toEqual(['M62.838']);
    });
  }
});

describe("an insurer portal's brand is not the payer", () => {
  it('reads the member\'s plan, not "… Provider Connect" in the site header', () => {
    const visit = readVisit(`<div class="top"><strong>Cigna Provider Portal</strong><span>Claims</span></div><main><section><h2>Member</h2><div><label for="p">Plan</label><input id="p" readonly value="Cigna Open Access Plus"></div></section>${NOTE}</main>${LINES}`);
    expect(visit.payer).toBe('Cigna Open Access Plus');
  });
  it('a plan of a kind that names no known payer ("… Workers Compensation") is read too', () => {
    const visit = readVisit(`<main><section><h2>Member</h2><div><label for="p">Plan</label><input id="p" readonly value="Hartwell Mutual Workers Compensation"></div></section>${NOTE}</main>${LINES}`);
    expect(visit.payer).toBe('Hartwell Mutual Workers Compensation');
  });
});

describe('credentials in a field of their own beside a name in capitals', () => {
  for (const [name, credentials] of [['HALVORSEN, INGRID', 'PT, DPT'], ['OBI, MARCUS', 'LMT'], ['ADEYEMI, TOBIAH', 'DC']] as const) {
    it(`"${name}" + "${credentials}"`, () => {
      const visit = readVisit(`<main><section><h2>Provider</h2><div><label for="n">Rendering Provider Name</label><input id="n" value="${name}"></div><div><label for="c">Credential</label><input id="c" value="${credentials}"></div></section>${NOTE}</main>${LINES}`);
      expect(visit.provider?.credentials?.slice().sort()).toEqual(credentials.split(', ').sort());
    });
  }
});

describe('an appointment banner\'s "with Name, CREDS" line', () => {
  for (const [header, line, name, credentials] of [
    ['<div>Mon, Sep 13, 2027 · 2:00 PM – 2:45 PM</div>', 'with Marit Solberg, LMT', 'Marit Solberg', ['LMT']],
    ['<div>09/14/2027 8:30 am</div>', 'With Teodor Brandt, PT, DPT', 'Teodor Brandt', ['DPT', 'PT']],
    ['<h2>Follow-up session</h2>', 'with Yusra Haddad-Lowe, OTR/L', 'Yusra Haddad-Lowe', ['OTR/L']],
  ] as [string, string, string, string[]][]) {
    it(`"${line}" under ${header.replace(/<[^>]+>/g, '')}`, () => {
      const visit = readVisit(`<div class="appt">${header}<div>${line}</div></div><main>${NOTE}</main>${LINES}`);
      expect(visit.provider?.name).toBe(name);
      expect(visit.provider?.credentials?.slice().sort()).toEqual(credentials);
    });
  }

  it('not away from a date or title, nor under a note section', () => {
    const sidebar = readVisit(`<aside><p>Room 4 booked for the afternoon</p><p>with Ana Ruiz, MD</p></aside><main>${NOTE}</main>${LINES}`);
    expect(sidebar.provider?.name ?? '').not.toContain('Ruiz');
    const plan = readVisit(`<main>${NOTE}<h4>Plan</h4><p>with Ana Ruiz, MD</p></main>${LINES}`);
    expect(plan.provider?.name ?? '').not.toContain('Ruiz');
  });
});

describe("a service card's modifier chip and its diagnosis list", () => {
  const DESCRIPTIONS: Record<string, string> = { '97124': 'Soft tissue work', '98941': 'Spinal adjustment, three regions', '97140': 'Hands-on techniques' };
  const card = (code: string, chips: string[], units: number, minutes: string, dx: string, chipClass = 'chip'): string => `<li class="svc"><div class="head"><span class="code">${code}</span><span class="desc">${DESCRIPTIONS[code] ?? 'Service'}</span></div>
    <div class="mods">${chips.map((c) => `<span class="${chipClass}">${c}</span>`).join('')}</div>
    <div class="row"><div role="group" aria-label="Units"><button type="button" aria-label="Fewer units">−</button><output>${units}</output><button type="button" aria-label="More units">+</button></div><span class="mins">${minutes}</span></div>
    <div class="dx">Dx ${dx}</div></li>`;

  it('a numeric chip ("59") is a modifier, not more units; "Dx A · B" is two diagnoses', () => {
    const visit = readVisit(`<main>${NOTE}</main><div role="dialog" aria-label="Charges"><ul>${card('97124', ['59'], 2, '24 min', 'M54.50 · M62.830')}${card('98941', [], 1, 'Untimed', 'M99.02 · M99.03 · M99.04')}</ul></div>`);
    expect(visit.lines.find((l) => l.code === '97124')).toMatchObject({ modifiers: ['59'], units: 2, minutes: 24, dx: ['M54.50', 'M62.830'] });
    expect(visit.lines.find((l) => l.code === '98941')?.dx).toEqual(['M99.02', 'M99.03', 'M99.04']);
  });

  it('the chip named "pill"; a lettered chip on the next card', () => {
    const visit = readVisit(`<main>${NOTE}</main><div role="dialog" aria-label="Charges"><ul>${card('97140', ['59'], 1, '12 min', 'M54.2', 'pill')}${card('97124', ['GP'], 2, '26 min', 'M62.830', 'pill')}</ul></div>`);
    expect(visit.lines.find((l) => l.code === '97140')).toMatchObject({ modifiers: ['59'], units: 1, minutes: 12 });
    expect(visit.lines.find((l) => l.code === '97124')).toMatchObject({ modifiers: ['GP'], units: 2, minutes: 26 });
  });
});
