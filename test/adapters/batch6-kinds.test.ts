// @vitest-environment jsdom
// Kinds of markup the fifth blind page batch exposed (issue 10), each in several invented variants
// read end to end (description → classifier → frame merge): decimal units, diagnosis pointers in any
// notation, a payer under a caption, episode facts in header strips and charge-table footers, and
// note sections under headings of their own whatever they hold.
import { afterEach, describe, expect, it } from 'vitest';
import { readVisit } from './pages';

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

  it('a system name with a number is not a pointer ("ICD-10: M62.830")', () => {
    const visit = readVisit(`${NOTE}<ol><li>Low back pain - M54.50</li></ol>
      <table><tr><th>Code</th><th>Units</th><th>Dx</th></tr><tr><td>97124</td><td>1</td><td>ICD-10: M62.830</td></tr></table>`);
    expect(visit.lines?.[0]?.dx).toEqual(['M62.830']);
  });
});
