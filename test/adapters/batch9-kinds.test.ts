// @vitest-environment jsdom
// Kinds of markup the ninth blind page batch exposed (issue 10), each in invented variants read end
// to end (description → classifier → frame merge), with the grammar pieces as valid/invalid tables:
// captioned values run together in one cell ("Modifiers GO 59 Units 2 Minutes 23"), modifier chips,
// diagnosis matrices (a tick-box column per diagnosis), chips in a multi-select beside an empty
// typing box, payer / date / visit-number label synonyms, a label given only by an icon's tooltip,
// and a totals row under the lines.
import { afterEach, describe, expect, it } from 'vitest';
import { factOf } from '../../src/adapters/classify/facts';
import { captionedModifiers, diagnosisValues, inlineQuantities } from '../../src/adapters/classify/values';
import { readVisit, readVisits } from './pages';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

const NOTE = `
  <h3>Daily note</h3>
  <p>Pt reports low back ache 3/10 after yard work on Saturday.</p>
  <p>Guarding in the lumbar paraspinals. Therapeutic massage, stroking and kneading, 14 minutes.</p>`;
const LINES = `<table><tr><th>Code</th><th>Mod</th><th>Units</th><th>Min</th></tr><tr><td>97124</td><td>GP</td><td>1</td><td>14</td></tr></table>`;

const lineOf = (visit: ReturnType<typeof readVisit>, code: string) => {
  const line = visit.lines.find((l) => l.code === code);
  return line ? [line.modifiers ?? [], line.units, line.minutes, line.dx ?? []] : undefined;
};

describe('captioned values run together in one cell', () => {
  const quantities: [string, ReturnType<typeof inlineQuantities>][] = [
    ['Units 2 Minutes 23', { units: 2, minutes: 23 }],
    ['Minutes 23 Units 2', { units: 2, minutes: 23 }],
    ['Qty: 3 Minutes 40', { units: 3, minutes: 40 }],
    ['Units 1 Minutes', { units: 1 }],
    ['Quantity 1 Minutes 8', { units: 1, minutes: 8 }],
    // A figure written before its unit still counts when no units caption owns it.
    ['2 units, 25 minutes', { units: 2, minutes: 25 }],
  ];
  for (const [text, read] of quantities) it(`"${text}" → ${JSON.stringify(read)}`, () => expect(inlineQuantities(text)).toEqual(read));

  const modifiers: [string, string[]][] = [
    ['Modifiers GP Units 2', ['GP']],
    ['Modifiers 59 GO Units 1', ['59', 'GO']],
    ['Mod: KX, GP · Qty 1', ['KX', 'GP']],
    ['MODIFIERS CQ', ['CQ']],
    ['Modifier(s) XS', ['XS']],
  ];
  for (const [text, mods] of modifiers) it(`"${text}" → modifiers ${mods.join(',')}`, () => expect(captionedModifiers(text)).toEqual(mods));
  // A caption with nothing after it, a caption followed by a word, no caption at all.
  for (const text of ['Modifiers Units 1 Minutes 15', 'Modifiers Units', 'Modified program GP', 'Units 2 Minutes 23', 'Modality Ultrasound']) {
    it(`"${text}" → no modifiers`, () => expect(captionedModifiers(text)).toEqual([]));
  }

  for (const [name, chips] of [
    ['chip spans', (mods: string[]) => mods.map((m) => `<span class="chip">${m}</span>`).join('')],
    ['chip rows with a remove button', (mods: string[]) => mods.map((m) => `<div role="row" class="chip-row"><span>${m}</span><button aria-label="remove ${m}">x</button></div>`).join('')],
    ['tags in a list', (mods: string[]) => `<ul class="tags">${mods.map((m) => `<li>${m}</li>`).join('')}</ul>`],
  ] as const) {
    it(`a charge panel of captioned fields with modifier ${name}`, () => {
      const panel = (code: string, mods: string[], units: number, minutes: string, dx: string): string =>
        `<section class="charge"><header class="charge-head">${code} · Service $40.00</header><div class="charge-body"><div class="f"><label>Modifiers</label>${chips(mods)}</div><div class="f"><label>Units</label><input type="number" value="${units}"></div><div class="f"><label>Minutes</label><input type="number" value="${minutes}"></div><div class="f"><span>Diagnoses</span> <span>${dx}</span></div></div></section>`;
      const html = `${NOTE}<div class="charges">${panel('97124', ['GO', '59'], 2, '26', 'M54.50')}${panel('97010', [], 1, '', 'M54.50')}</div>`;
      const visit = readVisit(html);
      expect(lineOf(visit, '97124')).toEqual([['GO', '59'], 2, 26, ['M54.50']]);
      expect(lineOf(visit, '97010')).toEqual([[], 1, undefined, ['M54.50']]);
    });
  }
});

describe('a diagnosis matrix: one tick-box column per diagnosis', () => {
  const box = (on: boolean): string => `<td class="c"><input type="checkbox"${on ? ' checked' : ''}></td>`;
  const matrix = (heads: string[], rows: [string, boolean[]][], before = ''): string =>
    `${before}<table><tr><th>Service</th><th>Modifier</th><th>Units</th>${heads.map((h) => `<th>${h}</th>`).join('')}</tr>${rows
      .map(([code, ticks]) => `<tr><td>${code}</td><td>GP</td><td>1</td>${ticks.map(box).join('')}</tr>`)
      .join('')}</table>`;
  const ROWS: [string, boolean[]][] = [
    ['97124', [false, true, false]],
    ['97110', [true, true, false]],
    ['97010', [false, false, false]],
  ];
  const DX_LIST = `<ol type="A"><li>M54.50 Low back pain</li><li>M62.830 Muscle spasm of back</li><li>M79.18 Myalgia, other site</li></ol>`;
  for (const [name, heads, before] of [
    ['headed by the codes', ['M54.50', 'M62.830', 'M79.18'], ''],
    ['headed by code and description', ['M54.50 Low back pain', 'M62.830 Spasm', 'M79.18 Myalgia'], ''],
    ['headed by pointer letters under a lettered list', ['A', 'B', 'C'], DX_LIST],
    ['headed by "Dx 1" … "Dx 3" under a numbered list', ['Dx 1', 'Dx 2', 'Dx 3'], DX_LIST.replace(' type="A"', '')],
  ] as const) {
    it(`${name}: a ticked box links its diagnosis, a line with none ticked is still a line`, () => {
      const visit = readVisit(`${NOTE}${matrix([...heads], ROWS, before)}`);
      expect(lineOf(visit, '97124')).toEqual([['GP'], 1, undefined, ['M62.830']]);
      expect(lineOf(visit, '97110')).toEqual([['GP'], 1, undefined, ['M54.50', 'M62.830']]);
      expect(lineOf(visit, '97010')).toEqual([['GP'], 1, undefined, []]);
    });
  }

  it('a superbill tick column with no diagnosis header still says which rows are billed', () => {
    const html = `${NOTE}<table><tr><th>Bill</th><th>CPT</th><th>Units</th></tr><tr><td><input type="checkbox" checked></td><td>97124</td><td>1</td></tr><tr><td><input type="checkbox"></td><td>97140</td><td>1</td></tr></table>`;
    expect(readVisit(html).lines.map((l) => l.code)).toEqual(['97124']);
  });
});

describe('diagnosis chips in a multi-select beside its empty typing box', () => {
  const DX = `<ol><li>M54.50 Low back pain</li><li>M62.830 Muscle spasm of back</li></ol>`;
  for (const [name, chips] of [
    ['chips with a remove glyph, pointer and code', `<li class="choice"><span>×</span>1 - M54.50</li><li class="choice"><span>×</span>2 - M62.830</li>`],
    ['chips of codes only, run together', `<span class="tag">M54.50</span><span class="tag">✕</span><span class="tag">M62.830</span>`],
  ] as const) {
    it(`${name}`, () => {
      const cell = `<div role="combobox" aria-haspopup="listbox" class="multi"><ul class="chosen">${chips}</ul><input type="search" value=""></div>`;
      const html = `${NOTE}${DX}<table><tr><th>CPT</th><th>Mod</th><th>Units</th><th>Diagnosis pointers</th></tr><tr><td><input value="97124"></td><td><input value="GP"></td><td><input value="1"></td><td>${cell}</td></tr></table>`;
      expect(lineOf(readVisit(html), '97124')).toEqual([['GP'], 1, undefined, ['M54.50', 'M62.830']]);
    });
  }

  it('a combobox whose typing box holds text shows that text', () => {
    const html = `${NOTE}<label for="p">Payer</label><div role="combobox" id="pc"><input id="p" value="Aetna Choice POS II"><span class="hint">Type to search</span></div>${LINES}`;
    expect(readVisit(html).payer).toBe('Aetna Choice POS II');
  });

  const values: [string, string[]][] = [
    ['×1 - M54.50×2 - M62.830', ['M54.50', 'M62.830']],
    ['M54.50 ✕ M62.830 ✕', ['M54.50', 'M62.830']],
    ['M54.50 · M62.830', ['M54.50', 'M62.830']],
  ];
  for (const [text, codes] of values) it(`"${text}" → ${codes.join(', ')}`, () => expect(diagnosisValues(text, new Map())).toEqual(codes));
});

describe('label synonyms (vocabulary rows)', () => {
  const valid: [string, string][] = [
    ['Funding Source', 'payer'],
    ['Funder', 'payer'],
    ['Payment source', 'payer'],
    ['Primary funding source', 'payer'],
    ['Scheduled Time', 'dateOfService'],
    ['Scheduled date', 'dateOfService'],
    ['Appointment time', 'dateOfService'],
    ['Appt start', 'dateOfService'],
  ];
  for (const [label, fact] of valid) it(`"${label}" names the ${fact}`, () => expect(factOf(label)?.fact).toBe(fact));
  // Look-alikes: another plan, another appointment, a record's own time stamps.
  for (const label of ['Secondary funding source', 'Next scheduled date', 'Last appointment time', 'Funding source ID', 'Created date']) {
    it(`"${label}" names neither the payer nor the date of service`, () => expect(['payer', 'dateOfService']).not.toContain(factOf(label)?.fact));
  }

  it('"Funding Source" in a header table of th labels is the payer, and a scheduled time dates the visit', () => {
    const html = `<table class="hdr"><tr><th>Client:</th><td>Okonkwo, Pia</td><th>Funding Source:</th><td>Regence BlueShield Uniform Medical Plan</td></tr></table><form><label for="t">Scheduled Time</label><input id="t" value="03/09/2027 02:15 PM"></form>${NOTE}${LINES}`;
    const visit = readVisit(html);
    expect(visit.payer).toBe('Regence BlueShield Uniform Medical Plan');
    expect(visit.dateOfService).toBe('2027-03-09');
  });
});

describe('a label given only by an icon tooltip', () => {
  for (const [tag, title] of [
    ['i', 'Practitioner'],
    ['span', 'Rendering provider'],
    ['em', 'Therapist'],
  ] as const) {
    it(`<${tag} title="${title}"> before "Name, CREDS" names the provider`, () => {
      const html = `<div class="summary"><div class="row"><${tag} class="ico" title="${title}" aria-hidden="true"></${tag}><span class="txt">Imani Castellanos, PTA</span></div></div>${NOTE}${LINES}`;
      const visit = readVisit(html);
      expect(visit.provider?.name).toBe('Imani Castellanos');
      expect(visit.provider?.credentials).toEqual(['PTA']);
    });
  }

  it('an icon titled for something else gives no provider', () => {
    const html = `<div class="summary"><div class="row"><i class="ico" title="Referred by"></i><span class="txt">Harold Benn, MD</span></div></div>${NOTE}${LINES}`;
    expect(readVisit(html).provider).toBeUndefined();
  });
});

describe('the visit number as a badge', () => {
  for (const [shown, n] of [
    ['<div class="plan-line">Session 6</div>', 6],
    ['<div class="plan-line">Visit #4</div>', 4],
    ['<p class="case"><span class="label">Case</span>Visit 9 · POC start 02/01/2027</p>', 9],
    ['<div class="meta">Tx 3 · Plan of care since Jan 4, 2027</div>', 3],
  ] as const) {
    it(`${shown.replace(/<[^>]+>/g, ' ').trim()} → visit ${n}`, () => expect(readVisit(`${shown}${NOTE}${LINES}`).episode?.visitNumber).toBe(n));
  }
  for (const shown of ['<div class="side">Next session 3</div>', '<div class="side">Missed visit 2</div>', '<div class="side">Group session 2</div>']) {
    it(`${shown.replace(/<[^>]+>/g, '')} is not this visit's number`, () => expect(readVisit(`${shown}${NOTE}${LINES}`).episode?.visitNumber).toBeUndefined());
  }
});

describe('a totals row under the lines is no later line of the last one', () => {
  for (const label of ['Total timed minutes', 'Totals', 'Grand total']) {
    it(`"${label}" with a figure in the minutes column leaves the last line's minutes empty`, () => {
      const html = `${NOTE}<table><tr><th>Procedure</th><th>Mod</th><th>Units</th><th>Minutes</th></tr><tr><td><input value="97124"></td><td><input value="GP"></td><td><input value="1"></td><td><input value="14"></td></tr><tr><td><input value="97010"></td><td><input value="GP"></td><td><input value="1"></td><td><input value=""></td></tr><tr><td>${label}</td><td></td><td></td><td><input value="14"></td></tr></table>`;
      const visit = readVisit(html);
      expect(lineOf(visit, '97010')).toEqual([['GP'], 1, undefined, []]);
      expect(lineOf(visit, '97124')).toEqual([['GP'], 1, 14, []]);
    });
  }
});

describe('a ticked box under a delete column strikes its line (read by the worker from the tick mark)', () => {
  for (const head of ['Delete', 'Del', 'Void', 'Remove']) {
    it(`"${head}" column: the ticked line is left out, the others stay, and the column says nothing of billing`, () => {
      const row = (code: string, on: boolean): string => `<tr><td>${code}</td><td>GP</td><td>1</td><td><input type="checkbox"${on ? ' checked' : ''}></td></tr>`;
      const html = `${NOTE}<table><tr><th>CPT</th><th>Mod</th><th>Units</th><th>${head}</th></tr>${row('97124', false)}${row('97140', true)}${row('97110', false)}</table>`;
      const { reading, visits } = readVisits(html);
      expect(visits[0]?.lines.map((l) => l.code)).toEqual(['97124', '97110']);
      expect(reading.skipped.find((s) => s.text === '97140')?.reason).toMatch(/deletion/);
    });
  }

  it('a tick column headed by anything else is no delete column', () => {
    const html = `${NOTE}<table><tr><th>CPT</th><th>Mod</th><th>Units</th><th>Reviewed</th></tr><tr><td>97124</td><td>GP</td><td>1</td><td><input type="checkbox" checked></td></tr><tr><td>97110</td><td>GP</td><td>1</td><td><input type="checkbox" checked></td></tr></table>`;
    expect(readVisit(html).lines.map((l) => l.code)).toEqual(['97124', '97110']);
  });
});

describe('a diagnosis matrix of ARIA check boxes', () => {
  it('role="checkbox" cells: aria-checked="true" links the column\'s diagnosis, "false" does not', () => {
    const box = (on: boolean): string => `<td><div role="checkbox" aria-checked="${on}" tabindex="0" class="tick"></div></td>`;
    const html = `${NOTE}<table><tr><th>Code</th><th>Units</th><th>Minutes</th><th>M25.561</th><th>M62.81</th></tr><tr><td>97124</td><td>1</td><td>14</td>${box(false)}${box(true)}</tr><tr><td>97110</td><td>2</td><td>28</td>${box(true)}${box(true)}</tr></table>`;
    const visit = readVisit(html);
    expect(lineOf(visit, '97124')).toEqual([[], 1, 14, ['M62.81']]);
    expect(lineOf(visit, '97110')).toEqual([[], 2, 28, ['M25.561', 'M62.81']]);
  });
});
