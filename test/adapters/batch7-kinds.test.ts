// @vitest-environment jsdom
// Kinds of markup the seventh blind page batch exposed (issue 10), each in several invented variants
// read end to end (description → classifier → frame merge): providers written surname first with
// their credentials.
import { afterEach, describe, expect, it } from 'vitest';
import { noteText, readVisit } from './pages';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

const NOTE = `
  <h3>Treatment note</h3>
  <p>Pt reports neck stiffness 4/10 after a long drive on the weekend.</p>
  <p>Tender upper trapezius bilaterally. Therapeutic massage, kneading and stroking, 13 minutes.</p>`;
const LINES = `<table><tr><th>Code</th><th>Mod</th><th>Units</th><th>Min</th></tr><tr><td>97124</td><td>GP</td><td>1</td><td>13</td></tr></table>`;

describe('providers written surname first with credentials', () => {
  for (const [written, name, credentials] of [
    ['Szabo PT, DPT, Ilona', 'Ilona Szabo', ['PT', 'DPT']],
    ['Lindqvist OTR/L, Tove', 'Tove Lindqvist', ['OTR/L']],
    ['Baptiste-Moreau LMT, Celine', 'Celine Baptiste-Moreau', ['LMT']],
    ['Szabo, Ilona PT, DPT', 'Ilona Szabo', ['PT', 'DPT']],
    ['Lindqvist, Tove, OTR/L', 'Tove Lindqvist', ['OTR/L']],
  ] as const) {
    it(`"${written}" in a provider cell reads as ${name}`, () => {
      const visit = readVisit(`${NOTE}<table><tr><th>Performed By</th><td>${written}</td></tr></table>${LINES}`);
      expect(visit.provider?.name).toBe(name);
      expect(visit.provider?.credentials).toEqual([...credentials]);
    });
  }

  it('a plain "Surname, Given" stays one person, and a name without credentials is left as written', () => {
    expect(readVisit(`${NOTE}<dl><dt>Rendering provider</dt><dd>Szabo, Ilona</dd></dl>${LINES}`).provider?.name).toBe('Ilona Szabo');
    expect(readVisit(`${NOTE}<dl><dt>Rendering provider</dt><dd>Ilona Szabo, PT</dd></dl>${LINES}`).provider).toEqual({ name: 'Ilona Szabo', credentials: ['PT'] });
  });
});

describe('a payer value that carries its rank as a prefix', () => {
  for (const [markup, payer] of [
    ['<div><h4>Insurance</h4><div>Primary Humana Gold Plus HMO</div></div>', 'Humana Gold Plus HMO'],
    ['<table><tr><th>Payer</th><td>Secondary: Tricare East</td></tr></table>', 'Tricare East'],
    ['<dl><dt>Coverage</dt><dd>PRIMARY Blue Shield of California PPO</dd></dl>', 'Blue Shield of California PPO'],
    ['<table><tr><th>Payer</th><td>Tertiary Insurance Oscar Bronze EPO</td></tr></table>', 'Oscar Bronze EPO'],
  ] as const) {
    it(`"${markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()}" reads as ${payer}`, () => {
      expect(readVisit(`${NOTE}${markup}${LINES}`).payer).toBe(payer);
    });
  }

  it('a payer named for primary care keeps its whole name', () => {
    expect(readVisit(`${NOTE}<table><tr><th>Payer</th><td>Primary Health Partners PPO</td></tr></table>${LINES}`).payer).toBe('Primary Health Partners PPO');
  });
});

describe('the date of service on a calendar tile, never a plan-of-care badge', () => {
  const badge = '<div class="badges"><span>Visit 7</span><br><span>POC 2/2/27 – 4/30/27</span></div>';
  for (const [tile, date] of [
    ['<div class="date-tile"><span>MAR</span><br><span>9</span><br><span>2027</span></div>', '2027-03-09'],
    ['<div class="date-picker"><span>Tue</span><br><span>9</span><br><span>Mar</span><br><span>2027</span></div>', '2027-03-09'],
    ['<div class="cal"><b>9</b><br><span>March</span><br><small>2027</small></div>', '2027-03-09'],
  ] as const) {
    it(`${tile.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()} beside a visit badge and a plan-of-care range`, () => {
      const visit = readVisit(`<header>${tile}${badge}</header>${NOTE}${LINES}`);
      expect(visit.dateOfService).toBe(date);
      expect(visit.episode?.visitNumber).toBe(7);
      expect(visit.episode?.planOfCareStart).toBe('2027-02-02');
    });
  }

  it('a plan-of-care or authorisation line alone gives no date of service', () => {
    const visit = readVisit(`<header><div><span>Visit #4</span><br><span>Auth thru 5/31/27</span></div></header>${NOTE}${LINES}`);
    expect(visit.dateOfService).toBeUndefined();
    expect(visit.episode?.visitNumber).toBe(4);
  });
});

describe('an empty section\'s placeholder is page chrome, not note', () => {
  const objective = '<h4>Objective</h4><div>Tender upper trapezius bilaterally, guarding with cervical rotation. Therapeutic massage, kneading and stroking, 13 minutes.</div>';
  for (const placeholder of ['Nothing recorded', 'No data entered.', 'Not documented', '(Click to add subjective)', 'No notes yet']) {
    it(`"${placeholder}" under a section heading`, () => {
      const visit = readVisit(`<h4>Subjective</h4><div class="section-body empty">${placeholder}</div>${objective}<h4>Plan</h4><div>${placeholder}</div>${LINES}`);
      const note = noteText(visit);
      expect(note).toContain('Tender upper trapezius');
      expect(note).not.toContain(placeholder);
    });
  }

  it('a short clinical statement in a section stays note text', () => {
    const visit = readVisit(`<h4>Subjective</h4><div>No complaints of pain today, sleeping better.</div>${objective}${LINES}`);
    expect(noteText(visit)).toContain('No complaints of pain today');
  });
});

describe('SOAP sections titled by their initials', () => {
  const subjective = 'No falls this week. Walked to the corner store twice with a cane.';
  const objective = 'Berg 44/56. Tandem stance 8 sec each side.';
  const assessment = 'Balance steady compared with last week.';
  const plan = 'Continue twice weekly, add foam stance next time.';
  for (const [name, markup] of [
    ['letters in bold before each section', `<p><b>S:</b> ${subjective}</p><p><b>O:</b> ${objective}</p><p><b>A:</b> ${assessment}</p><p><b>P:</b> ${plan}</p>`],
    ['letters in a label column', `<table class="note"><tr><td><label>S</label></td><td><span>${subjective}</span></td></tr><tr><td><label>O</label></td><td><span>${objective}</span></td></tr><tr><td><label>A</label></td><td><span>${assessment}</span></td></tr></table>`],
    ['three of the four letters, mixed forms', `<p><b>S:</b> ${subjective}</p><div><strong>O</strong></div><div>${objective}</div><p><b>P:</b> ${plan}</p>`],
  ] as const) {
    it(`${name}: the short sections are note text`, () => {
      const note = noteText(readVisit(`<h3>PT Daily Note</h3>${markup}${LINES}`));
      expect(note).toContain(subjective);
      expect(note).toContain(objective);
    });
  }

  it('one or two lone letters are no section titles', () => {
    const visit = readVisit(`<h3>Visit</h3><p><b>A:</b> Balance steady today.</p><div><b>P</b></div><div>Grade 2</div>${LINES}`);
    expect(noteText(visit)).not.toContain('Grade 2');
  });
});
