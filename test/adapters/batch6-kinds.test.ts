// @vitest-environment jsdom
// Kinds of markup the fifth blind page batch exposed (issue 10), each in several invented variants
// read end to end (description → classifier → frame merge): decimal units, diagnosis pointers in any
// notation, a payer under a caption, episode facts in header strips and charge-table footers, and
// note sections under headings of their own whatever they hold.
import { afterEach, describe, expect, it } from 'vitest';
import { noteText, readVisit } from './pages';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

const NOTE = `
  <h3>Treatment note</h3>
  <p>Pt reports low back pain 5/10 after prolonged sitting at work.</p>
  <p>Palpable spasm bilateral lumbar paraspinals. Therapeutic massage, effleurage and petrissage, 12 minutes.</p>`;

describe('units written as decimals, in any column form', () => {
  it('"2.00" and "1.00" under a Units header', () => {
    const visit = readVisit(`${NOTE}
      <table><thead><tr><th>CPT</th><th>Mods</th><th>Units</th><th>Fee</th></tr></thead>
      <tbody><tr><td>97110</td><td>GP</td><td>2.00</td><td>77.00</td></tr><tr><td>97124</td><td>GP</td><td>1.00</td><td>33.75</td></tr></tbody></table>`);
    expect(visit.lines?.map((l) => [l.code, l.units])).toEqual([['97110', 2], ['97124', 1]]);
  });

  it('"1.0" under "Qty", "2.0 UN" under "Days/Units", never a fraction', () => {
    const one = readVisit(`${NOTE}<table><tr><th>Code</th><th>Qty</th><th>Modifier</th></tr><tr><td>97124</td><td>1.0</td><td>GP</td></tr></table>`);
    expect(one.lines).toEqual([{ code: '97124', units: 1, modifiers: ['GP'] }]);
    const two = readVisit(`${NOTE}<table><tr><th>Code</th><th>Days/Units</th><th>Mod</th></tr><tr><td>97124</td><td>2.0 UN</td><td>GP</td></tr></table>`);
    expect(two.lines?.[0]?.units).toBe(2);
    const half = readVisit(`${NOTE}<table><tr><th>Code</th><th>Units</th><th>Mod</th></tr><tr><td>97124</td><td>1.5</td><td>GP</td></tr></table>`);
    expect(half.lines?.[0]?.units).toBeUndefined();
  });

  it('a column without a header that holds "2.00", beside a fee column with cents', () => {
    const visit = readVisit(`${NOTE}
      <table><tr><td>97140</td><td>GP</td><td>2.00</td><td>$84.50</td></tr><tr><td>97124</td><td>GP</td><td>1.00</td><td>$33.75</td></tr></table>`);
    expect(visit.lines?.map((l) => [l.code, l.units])).toEqual([['97140', 2], ['97124', 1]]);
  });
});

describe('diagnosis pointers in any notation', () => {
  const numbered = `<h4>Assessment (ICD-10)</h4><ol><li>Low back pain, unspecified - M54.50</li><li>Muscle spasm of back - M62.830</li><li>Cervicalgia (M54.2)</li></ol>`;
  for (const [written, expected] of [
    ['1,2', ['M54.50', 'M62.830']],
    ['1 3', ['M54.50', 'M54.2']],
    ['2-3', ['M62.830', 'M54.2']],
    ['1/2/3', ['M54.50', 'M62.830', 'M54.2']],
    ['12', ['M54.50', 'M62.830']],
  ] as const) {
    it(`"${written}" into a list numbered by place, the code closing each item`, () => {
      const visit = readVisit(`${NOTE}${numbered}
        <table><tr><th>CPT</th><th>Units</th><th>ICD</th></tr><tr><td>97124</td><td>1</td><td>${written}</td></tr></table>`);
      expect(visit.lines?.[0]?.dx).toEqual(expected);
    });
  }

  it('letters run together ("AB"), comma-separated, or a lone lowercase letter, into a lettered list without punctuation', () => {
    const lettered = `<h4>Diagnoses</h4><ul><li><span>A</span> <span>M54.50</span> <span>Low back pain</span></li><li><span>B</span> <span>M62.830</span> <span>Muscle spasm of back</span></li></ul>`;
    for (const [written, expected] of [
      ['AB', ['M54.50', 'M62.830']],
      ['B, A', ['M62.830', 'M54.50']],
      ['b', ['M62.830']],
    ] as const) {
      const visit = readVisit(`${NOTE}${lettered}
        <table><tr><th>Service</th><th>Units</th><th>Dx pointer</th></tr><tr><td>97124 Massage</td><td>1</td><td>${written}</td></tr></table>`);
      expect(visit.lines?.[0]?.dx).toEqual(expected);
    }
  });

  it('a note sentence that ends with a code does not renumber the list', () => {
    const visit = readVisit(`${NOTE}<p>Massage today for the spasm (M62.830)</p>${numbered}
      <table><tr><th>CPT</th><th>Units</th><th>ICD</th></tr><tr><td>97124</td><td>1</td><td>1</td></tr></table>`);
    expect(visit.lines?.[0]?.dx).toEqual(['M54.50']);
  });

  it('a system name with a number is not a pointer ("ICD-10: M62.830")', () => {
    const visit = readVisit(`${NOTE}<ol><li>Low back pain - M54.50</li></ol>
      <table><tr><th>Code</th><th>Units</th><th>Dx</th></tr><tr><td>97124</td><td>1</td><td>ICD-10: M62.830</td></tr></table>`);
    expect(visit.lines?.[0]?.dx).toEqual(['M62.830']);
  });
});

const LINES = `<table><tr><th>Code</th><th>Mod</th><th>Units</th><th>Min</th></tr><tr><td>97124</td><td>GP</td><td>1</td><td>12</td></tr></table>`;

describe('a payer under a caption', () => {
  it('"Primary" over a link with a network badge, in a billing card', () => {
    const visit = readVisit(`${NOTE}
      <section class="billing"><h3>Billing</h3>
        <div class="coverage"><div class="cap">Primary</div><a href="#">Aetna Choice POS II</a> <span class="badge">In-network</span><div>Member ID 889201</div></div>
        ${LINES}</section>`);
    expect(visit.payer).toBe('Aetna Choice POS II');
  });

  it('"Primary insurance" over a badge, and "Insurance" as a heading over a line', () => {
    const badge = readVisit(`${NOTE}<div><div>Primary insurance</div><div><span class="badge">Cigna Open Access Plus</span> <span>Verified</span></div></div>${LINES}`);
    expect(badge.payer).toBe('Cigna Open Access Plus');
    const heading = readVisit(`${NOTE}<h4>Insurance</h4><p>Blue Cross Blue Shield PPO</p>${LINES}`);
    expect(heading.payer).toBe('Blue Cross Blue Shield PPO');
  });

  it('"Plan" over a plan name in an insurance card', () => {
    const visit = readVisit(`${NOTE}<h3>Insurance</h3><div><div>Plan</div><a href="#">Humana Gold Plus HMO</a><div>Group 4410</div></div>${LINES}`);
    expect(visit.payer).toBe('Humana Gold Plus HMO');
  });

  it('the note\'s own "Plan" section is never the payer', () => {
    const visit = readVisit(`${NOTE}<h3>Plan</h3><p>Continue Plus program twice weekly.</p><h3>Billing</h3>${LINES}`);
    expect(visit.payer).toBeUndefined();
  });
});

describe('episode facts in header strips and charge-table footers', () => {
  it('"Visit 6 of 20 · POC: 1/18/27–3/31/27 · Total timed: 53 min" in one strip, left out of the note', () => {
    const visit = readVisit(`${NOTE}<div class="strip">Visit 6 of 20 · POC: 1/18/27–3/31/27 · Total timed: 53 min</div>${LINES}`);
    expect(visit.episode).toEqual({ visitNumber: 6, planOfCareStart: '2027-01-18' });
    expect(visit.totalTimedMinutes).toBe(53);
    expect(noteText(visit)).not.toContain('Visit 6 of 20');
  });

  it('"Auth Visit 4 of 20 authorized · Plan of care start 01/18/2027" right after the note sections', () => {
    const visit = readVisit(`${NOTE}<h3>Billing</h3><div>Auth Visit 4 of 20 authorized · Plan of care start 01/18/2027</div>${LINES}`);
    expect(visit.episode).toEqual({ visitNumber: 4, planOfCareStart: '2027-01-18' });
    expect(noteText(visit)).not.toContain('authorized');
  });

  it('"Visit #: 3 | Cert period: 12/22/2026 - 03/31/2027" with pipes', () => {
    const visit = readVisit(`${NOTE}<p>Visit #: 3 | Cert period: 12/22/2026 - 03/31/2027 | Location: Main clinic</p>${LINES}`);
    expect(visit.episode).toEqual({ visitNumber: 3, planOfCareStart: '2026-12-22' });
  });

  it('total timed minutes in the footer row of the charge table, its value under the minutes column', () => {
    const visit = readVisit(`${NOTE}
      <table><thead><tr><th>Procedure</th><th>Modifiers</th><th>Units</th><th>Min</th></tr></thead>
      <tbody><tr><td>97124</td><td>GP</td><td>1</td><td>12</td></tr><tr><td>97110</td><td>GP</td><td>2</td><td>28</td></tr></tbody>
      <tfoot><tr><td>Total timed minutes</td><td></td><td></td><td>40</td></tr></tfoot></table>`);
    expect(visit.totalTimedMinutes).toBe(40);
    expect(visit.lines).toHaveLength(2);
  });
});

describe('note sections under headings of their own, whatever they hold', () => {
  const section = (title: string, body: string): string => `<div class="sec"><h2>${title}</h2><div class="body">${body}</div></div>`;

  it('a "Diagnosis" section of code lines before the first narrative section, a "Time" section after the last', () => {
    const visit = readVisit(`<div class="note">
      ${section('Diagnosis', '<p>M54.2 Cervicalgia</p><p>M62.838 Other muscle spasm</p>')}
      ${section('Subjective', '<p>Neck pain 4/10 with headaches at the end of the workday.</p>')}
      ${section('Objective', '<p>Upper trapezius tender and hypertonic. Massage 10 minutes, kneading to the left upper trapezius.</p>')}
      ${section('Time', '<p>Timed code treatment minutes: 10</p>')}</div>
      <p class="sig">Electronically signed by Ingrid Castellanos, PT</p>${LINES}`);
    const text = noteText(visit);
    expect(text).toContain('M54.2 Cervicalgia');
    expect(text).toContain('M62.838 Other muscle spasm');
    expect(text).toContain('Timed code treatment minutes: 10');
    expect(visit.totalTimedMinutes).toBe(10);
  });

  it('a section labelled "Patient Report" (a look-alike of a header label) is note text', () => {
    const visit = readVisit(`<div class="note"><p><b>Patient Report:</b> Works at a desk; neck pain 4/10 with headaches toward evening.</p>
      <p><b>Findings:</b> Left upper trapezius tender and hypertonic. Massage 10 minutes.</p></div>${LINES}`);
    expect(noteText(visit)).toContain('Works at a desk');
  });

  it('header facts above the sections stay out of the note', () => {
    const visit = readVisit(`<div class="note"><div class="hdr"><div><b>Visit #:</b> 4</div><div><b>Location:</b> Northgate clinic</div></div>
      ${section('Subjective', '<p>Neck pain 4/10 with headaches at the end of the workday.</p>')}
      ${section('Objective', '<p>Upper trapezius tender and hypertonic. Massage 10 minutes, kneading to the left upper trapezius.</p>')}</div>${LINES}`);
    expect(noteText(visit)).not.toContain('Northgate');
    expect(visit.episode?.visitNumber).toBe(4);
  });
});
