// @vitest-environment jsdom
// How the describer reads values that component libraries draw as widgets (issue 10, batch 7's
// families): toggle groups (only the pressed/checked/selected choice is a value), pickers whose
// button shows the value, custom selects over a hidden native control, grids drawn as a header
// table and a body table, lettered diagnosis lists, text cut short with its whole in a title.
// Each kind in invented markup, with the variants that must NOT be read that way.
import { afterEach, describe, expect, it } from 'vitest';
import { ElementIds, readFrame } from '../../src/adapters/index';
import { settleTitles } from '../../src/adapters/page/titles';
import type { PageDescription } from '../../src/shared/page';
import { at, readVisit } from './pages';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

function describeHtml(html: string): PageDescription {
  const doc = new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
  return settleTitles(readFrame(doc, at('https://ehr.example.test/visit/1'), [], new ElementIds(), { top: true }).snapshot.page);
}

const field = (page: PageDescription, label: string) => page.fields.find((f) => f.label === label)?.value;

const NOTE = `
  <h3>Treatment note</h3>
  <p>Pt reports low back stiffness 5/10 after gardening over the weekend.</p>
  <p>Lumbar paraspinals hypertonic L2 to L5. Therapeutic massage, effleurage and kneading, 12 minutes, to reduce tone before exercise.</p>`;

/** A claim grid whose modifiers cell is `mods`. */
const grid = (mods: string, units = '1') => `<table><thead><tr><th>Code</th><th>Modifiers</th><th>Units</th><th>Minutes</th></tr></thead>
  <tbody><tr><td>97124</td><td>${mods}</td><td>${units}</td><td>12</td></tr></tbody></table>`;

describe('toggle groups: only the choice taken is a value', () => {
  for (const [kind, markup] of [
    ['aria-pressed buttons', '<div role="group" aria-label="Modifiers"><button type="button" aria-pressed="true">GP</button><button type="button" aria-pressed="false">GO</button><button type="button" aria-pressed="false">59</button><button type="button" aria-pressed="true">KX</button></div>'],
    ['chip options in a listbox', '<div role="listbox" aria-multiselectable="true"><span role="option" aria-selected="true">GP</span><span role="option" aria-selected="false">GO</span><span role="option" aria-selected="true">KX</span><span role="option" aria-selected="false">59</span></div>'],
    ['ARIA check boxes', '<span role="checkbox" aria-checked="true">GP</span> <span role="checkbox" aria-checked="false">GO</span> <span role="checkbox" aria-checked="true">KX</span>'],
    ['btn-check inputs drawn by their labels', '<input type="checkbox" class="btn-check" id="m1" checked><label for="m1">GP</label><input type="checkbox" class="btn-check" id="m2"><label for="m2">GO</label><input type="checkbox" class="btn-check" id="m3" checked><label for="m3">KX</label>'],
  ] as const) {
    it(`${kind}: the pressed modifiers, none of the others`, () => {
      const line = readVisit(`${NOTE}${grid(markup)}`).lines[0];
      expect(line?.code).toBe('97124');
      expect([...(line?.modifiers ?? [])].sort()).toEqual(['GP', 'KX']);
    });
  }

  it('a group with nothing pressed gives no modifier (not every option)', () => {
    const none = '<div role="listbox" aria-multiselectable="true"><span role="option" aria-selected="false">GP</span><span role="option" aria-selected="false">59</span></div>';
    expect(readVisit(`${NOTE}${grid(none)}`).lines[0]?.modifiers ?? []).toEqual([]);
    const buttons = '<button type="button" aria-pressed="false">GP</button><button type="button" aria-pressed="false">59</button>';
    expect(readVisit(`${NOTE}${grid(buttons)}`).lines[0]?.modifiers ?? []).toEqual([]);
  });

  it('an unticked radio beside its label is not a value of the page; the ticked one is', () => {
    const page = describeHtml('<div><h4>Bill to</h4><label><input type="radio" name="to" value="self"> Self-pay account</label> <label><input type="radio" name="to" checked> Insurance on file</label></div>');
    const text = [...page.blocks, ...page.headings].map((b) => b.text).join(' ');
    expect(text).not.toContain('Self-pay');
    expect(text).toContain('Insurance on file');
  });
});

describe('pickers and custom selects: the value the user sees', () => {
  it('a date-picker button named by aria-labelledby is a date field', () => {
    const page = describeHtml('<span id="dl">Date of service</span><button type="button" class="picker" aria-labelledby="dl">Feb 3, 2027</button>');
    expect(field(page, 'Date of service')).toBe('Feb 3, 2027');
  });

  it('a plain button (no popup, named by its own text) is not a field', () => {
    const page = describeHtml('<span>Date of service</span><button type="button">Save</button>');
    expect(page.fields).toEqual([]);
  });

  it('a combobox trigger wins over the aria-hidden native select that disagrees with it', () => {
    const page = describeHtml(`<div><span id="pl">Rendering provider</span>
      <button type="button" role="combobox" aria-labelledby="pl"><span aria-hidden="true">IS</span><span>Ilona Szabo · PT, DPT</span></button>
      <select aria-hidden="true" tabindex="-1"><option value="st41" selected>Staff 41</option></select></div>`);
    expect(field(page, 'Rendering provider')).toBe('Ilona Szabo · PT, DPT');
    expect(page.fields.map((f) => f.value)).not.toContain('Staff 41');
  });

  it('the combobox shown as "Name · CREDS" reads as the provider and credentials', () => {
    const visit = readVisit(`${NOTE}<div><span id="pl">Rendering provider</span><button type="button" role="combobox" aria-labelledby="pl">Ilona Szabo · PT, DPT</button><select aria-hidden="true"><option selected>Szabo</option></select></div>${grid('GP')}`);
    expect(visit.provider).toEqual({ name: 'Ilona Szabo', credentials: ['PT', 'DPT'] });
  });

  it('a dropdown span over a display:none input its <label for> names reads the shown text, not the id', () => {
    const page = describeHtml(`<div><label for="Therapist">Therapist</label><span role="listbox" aria-haspopup="true"><span class="k-input">Szabo, Ilona PT</span><input id="Therapist" type="text" style="display:none" value="1044"></span></div>`);
    expect(field(page, 'Therapist')).toBe('Szabo, Ilona PT');
    expect(page.fields.map((f) => f.value)).not.toContain('1044');
  });

  it('a hidden native select with no widget beside it is still read', () => {
    const page = describeHtml('<label for="p">Payer</label><select id="p" aria-hidden="true"><option selected>Aetna Choice POS II</option></select>');
    expect(field(page, 'Payer')).toBe('Aetna Choice POS II');
  });
});

describe('grids drawn as a header table and a body table', () => {
  const header = (heads: string[]) => `<div class="grid-header"><table><colgroup>${heads.map(() => '<col>').join('')}</colgroup><thead><tr>${heads.map((h) => `<th>${h}</th>`).join('')}</tr></thead></table></div>`;
  const body = (rows: string[][]) => `<div class="grid-content"><table><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
  const ROWS = [['97124', 'GP', '1', '12'], ['97110', 'GP KX', '2', '26']];

  it('the body takes the header table\'s columns when the column counts agree', () => {
    const page = describeHtml(`<div class="grid">${header(['Code', 'Mod', 'Units', 'Min'])}${body(ROWS)}</div>`);
    const bodyTable = page.tables.find((t) => t.rows.length === 2);
    expect(bodyTable?.columns).toEqual(['Code', 'Mod', 'Units', 'Min']);
    expect(readVisit(`${NOTE}<div class="grid">${header(['Code', 'Mod', 'Units', 'Min'])}${body(ROWS)}</div>`).lines).toContainEqual({ code: '97110', modifiers: ['GP', 'KX'], units: 2, minutes: 26 });
  });

  it('inside a role=grid shell whose tables hold the rows', () => {
    const html = `<div role="grid" class="k-grid">${header(['Code', 'Mod', 'Units', 'Min']).replace(/<table>/g, '<table role="grid">')}${body(ROWS).replace(/<table>/g, '<table role="grid">')}</div>`;
    expect(describeHtml(html).tables.find((t) => t.rows.length === 2)?.columns).toEqual(['Code', 'Mod', 'Units', 'Min']);
  });

  it('a header whose column count disagrees with the body is not joined', () => {
    const page = describeHtml(`<div class="grid">${header(['Code', 'Mod', 'Units'])}${body(ROWS)}</div>`);
    expect(page.tables.find((t) => t.rows.length === 2)?.columns).toEqual([]);
  });

  it('a header table of another part of the page is not joined', () => {
    const page = describeHtml(`<section><div><div>${header(['Code', 'Mod', 'Units', 'Min'])}</div></div></section><section><p>Other</p>${body(ROWS)}</section>`);
    expect(page.tables.find((t) => t.rows.length === 2)?.columns).toEqual([]);
  });
});

describe('diagnosis pointers into a list that draws its own letters', () => {
  const superbill = (list: string, pointers: string) => `${NOTE}<h5>Diagnoses</h5>${list}<h5>Procedures</h5>
    <div class="proc"><strong>97124</strong> <span>Massage</span> <label>Units <input value="1"></label>
    <div role="group" aria-label="Diagnosis pointers">${pointers}</div></div>`;
  const DX = '<li><strong>M54.50</strong> Low back pain</li><li><strong>M62.830</strong> Muscle spasm of back</li>';
  const pressed = (on: string[], all = ['A', 'B']) => all.map((x) => `<button type="button" aria-pressed="${on.includes(x)}">${x}</button>`).join('');

  it('<ol type="A">: pressed "B" is the second diagnosis', () => {
    expect(readVisit(superbill(`<ol type="A">${DX}</ol>`, pressed(['B']))).lines[0]?.dx).toEqual(['M62.830']);
  });

  it('an alpha list-style-type letters the list too', () => {
    expect(readVisit(superbill(`<ol style="list-style-type: upper-alpha">${DX}</ol>`, pressed(['B']))).lines[0]?.dx).toEqual(['M62.830']);
  });

  it('a numbered list starting at 3 numbers from 3', () => {
    const page = describeHtml(`<ol start="3">${DX}</ol>`);
    expect(page.blocks.filter((b) => b.tag === 'li').map((b) => b.marker)).toEqual(['3', '4']);
  });

  it('an unordered list draws no marker', () => {
    expect(describeHtml(`<ul>${DX}</ul>`).blocks.some((b) => b.marker !== undefined)).toBe(false);
  });
});

describe('values cut short and values named by a tooltip', () => {
  it('an ellipsis whose whole text is in the title reads as the whole text', () => {
    const page = describeHtml('<div><span>Payer</span><span class="trunc" title="Anthem Blue Cross Blue Shield PPO">Anthem Blue Cross…</span></div>');
    expect(field(page, 'Payer')).toBe('Anthem Blue Cross Blue Shield PPO');
  });

  it('a title that is not the whole of the cut text is left alone', () => {
    const page = describeHtml('<div><span>Payer</span><span class="trunc" title="Click to edit">Anthem Blue Cross…</span></div>');
    expect(field(page, 'Payer')).toBe('Anthem Blue Cross…');
  });

  it('a figure named only by its title is a field; a word with a title is not', () => {
    const page = describeHtml('<table><tr><td>Totals</td><td><span title="Total Timed Minutes">38</span></td></tr></table><span title="Status">Verified</span>');
    expect(field(page, 'Total Timed Minutes')).toBe('38');
    expect(field(page, 'Status')).toBeUndefined();
  });
});
