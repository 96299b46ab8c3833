// @vitest-environment jsdom
// Markup kinds of the describer (issue 10, batches 12 and 13), each in invented variants: note sections
// folded away in a closed <details> or a tab panel not open (the record, one click away), a value printed
// over its caption, a table cell spanning rows under header columns, and a grid drawn in two containers
// joined by its row index. Read end to end (description → classifier → frame merge) where the
// reading is the point, from the description where the description is.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ElementIds, readFrame } from '../../src/adapters/index';
import { settleTitles } from '../../src/adapters/page/titles';
import { at, noteText, readVisit } from '../adapters/pages';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

function describeBody(html: string) {
  document.body.innerHTML = html;
  return settleTitles(readFrame(document, at('https://ehr.example.test/visit/1'), [], new ElementIds(), { top: true }).snapshot.page);
}

const LINES = '<table><tr><th>CPT</th><th>Mod</th><th>Units</th><th>Min</th></tr><tr><td>97124</td><td>GP</td><td>1</td><td>14</td></tr></table>';
const SUBJECTIVE = 'Client reports the left calf cramps at night, 4/10, easing with a walk.';
const OBJECTIVE = 'Kneading and effleurage to the left gastrocnemius in prone for 14 minutes; tone eased.';

describe('note sections folded away by the page (closed <details>, a tab panel not open)', () => {
  // jsdom lays nothing out: as in a browser, a closed <details> shows only its summary, and
  // [hidden] or display:none hides an element with what is inside it.
  const proto = Element.prototype as Element & { checkVisibility?: () => boolean };
  const saved = proto.checkVisibility;
  beforeEach(() => {
    proto.checkVisibility = function (this: Element): boolean {
      const closed = this.closest('details:not([open])');
      if (closed && closed !== this && !this.closest('summary')) return false;
      return !this.closest('[hidden], [style*="none"]');
    };
  });
  afterEach(() => {
    if (saved) proto.checkVisibility = saved;
    else Reflect.deleteProperty(proto, 'checkVisibility');
  });

  it('a closed <details> section is part of the note, headed by its summary', () => {
    const visit = readVisit(`<main><h2>Daily note</h2>
      <details open><summary>Subjective</summary><div><p>${SUBJECTIVE}</p></div></details>
      <details><summary>Objective</summary><div><p>${OBJECTIVE}</p></div></details></main>${LINES}`);
    expect(noteText(visit)).toContain(OBJECTIVE);
    expect(noteText(visit)).toContain(SUBJECTIVE);
  });

  it('hidden ARIA tab panels are part of the note, each headed by its tab', () => {
    const page = describeBody(`<section><h2>Chart</h2><div role="tablist"><button role="tab" id="t1" aria-selected="true">Subjective</button><button role="tab" id="t2" aria-selected="false">Objective</button></div>
      <div role="tabpanel" id="p1" aria-labelledby="t1"><p>${SUBJECTIVE}</p></div>
      <div role="tabpanel" id="p2" aria-labelledby="t2" hidden><p>${OBJECTIVE}</p></div></section>`);
    const block = page.blocks.find((b) => b.text === OBJECTIVE);
    expect(block?.visible).toBe(true);
    expect(page.headings[block?.head ?? -1]?.text).toBe('Objective');
    expect(page.headings[page.blocks.find((b) => b.text === SUBJECTIVE)?.head ?? -1]?.text).toBe('Subjective');
  });

  it('text hidden outside a disclosure stays hidden', () => {
    const page = describeBody(`<main><p>${SUBJECTIVE}</p><div style="display:none"><p>${OBJECTIVE}</p></div></main>`);
    expect(page.blocks.find((b) => b.text === OBJECTIVE)?.visible).toBe(false);
  });
});

describe('a value printed over its caption', () => {
  const variants: [string, string][] = [
    ['<div class="kv"><div class="kv-value">Medicare Part B</div><div class="kv-caption">Coverage</div></div>', 'Coverage'],
    ['<p class="stat"><strong class="stat-val">Aetna Choice POS II</strong><span class="stat_label">Payer</span></p>', 'Payer'],
  ];
  for (const [html, caption] of variants) {
    it(`pairs "${caption}" with the value above it`, () => {
      const page = describeBody(`<section>${html}</section>`);
      const field = page.fields.find((f) => f.label === caption);
      expect(field?.value).toMatch(/Medicare Part B|Aetna Choice POS II/);
      expect(page.fields.some((f) => f.value === caption)).toBe(false);
    });
  }

  it('caption then value, and a value beside a Bootstrap status "label", keep their order', () => {
    const page = describeBody('<section><div class="row"><span class="field-label">Payer</span><span class="field-value">Humana Gold Plus HMO</span></div><div><span class="name">Bright Health</span><span class="label label-success">Active</span></div></section>');
    expect(page.fields.find((f) => f.label === 'Payer')?.value).toBe('Humana Gold Plus HMO');
    expect(page.fields.some((f) => f.label === 'Active')).toBe(false);
  });
});

describe('a table cell spanning rows under header columns', () => {
  it('a date-of-service cell spanning every line (a totals row after them): later rows still resolve by header', () => {
    const visit = readVisit(`<main><h2>Visit notes</h2><p>${OBJECTIVE}</p></main>
      <table><thead><tr><th>DOS</th><th>Code</th><th>Mod</th><th>Dx</th><th>Units</th><th>Min</th></tr></thead><tbody>
      <tr><td rowspan="2">07/12/2027</td><td>97110</td><td>GP</td><td>M54.50</td><td>2</td><td>24</td></tr>
      <tr><td>97124</td><td>GP</td><td>M62.830</td><td>1</td><td>14</td></tr></tbody>
      <tfoot><tr><td colspan="5"><b>Total timed minutes</b></td><td>38</td></tr></tfoot></table>`);
    expect(visit.lines.map((l) => [l.code, l.units, l.minutes, l.dx])).toEqual([
      ['97110', 2, 24, ['M54.50']],
      ['97124', 1, 14, ['M62.830']],
    ]);
  });

  it('a spanning cell in a middle column (a diagnosis shared by two lines)', () => {
    const page = describeBody(`<table><thead><tr><th>Code</th><th>Dx</th><th>Units</th></tr></thead><tbody>
      <tr><td>97110</td><td rowspan="2">M54.50</td><td>2</td></tr><tr><td>97124</td><td>1</td></tr></tbody></table>`);
    expect(page.tables[0]?.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['97110', 'M54.50', '2'],
      ['97124', 'M54.50', '1'],
    ]);
  });
});

describe('a grid drawn in two containers (pinned-left and centre viewports)', () => {
  const cell = (col: number, text: string) => `<div role="gridcell" aria-colindex="${col}">${text}</div>`;
  const header = (col: number, text: string) => `<div role="columnheader" aria-colindex="${col}">${text}</div>`;
  for (const key of ['row-index', 'aria-rowindex', 'row-id']) {
    it(`joins the halves of each row by ${key}, in any order`, () => {
      const row = (n: number, cells: string) => `<div role="row" ${key}="${key === 'aria-rowindex' ? n + 2 : n}">${cells}</div>`;
      const page = describeBody(`<div role="grid">
        <div role="rowgroup"><div role="row" aria-rowindex="1">${header(1, 'Procedure')}</div><div role="row" aria-rowindex="1">${header(2, 'Modifier')}${header(3, 'Units')}${header(4, 'Dx Ptr')}</div></div>
        <div role="rowgroup"><div class="pinned">${row(0, cell(1, '97110'))}${row(1, cell(1, '97124'))}</div>
        <div class="center">${row(1, cell(2, 'GP') + cell(3, '1') + cell(4, '3'))}${row(0, cell(2, 'GP') + cell(3, '2') + cell(4, '1,2'))}</div></div></div>`);
      const table = page.tables[0];
      expect(table?.columns).toEqual(['Procedure', 'Modifier', 'Units', 'Dx Ptr']);
      expect(table?.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
        ['97110', 'GP', '2', '1,2'],
        ['97124', 'GP', '1', '3'],
      ]);
    });
  }
});

describe('a read-only textbox showing prose (a display field around a note section)', () => {
  const LONG = `${OBJECTIVE} Stripping along the soleus 3 passes, then sustained pressure to two trigger points in the medial gastrocnemius until release. Calf stretch in standing 3x30 s taught for home, and the client repeated it back without cues. Tone in the calf was visibly lower after the session.`;
  it('keeps its line breaks and all its text, labelled by the label before it', () => {
    const page = describeBody(`<div class="x-field"><label for="d1">Objective</label><div><div id="d1" role="textbox" aria-readonly="true">${SUBJECTIVE}<br>${OBJECTIVE}</div></div></div>
      <div class="x-field"><label for="d2">Assessment</label><div><div id="d2" role="textbox" aria-readonly="true">${LONG}</div></div></div>`);
    expect(page.blocks.find((b) => b.label === 'Objective')?.text).toBe(`${SUBJECTIVE}\n${OBJECTIVE}`);
    expect(page.blocks.find((b) => b.label === 'Assessment')?.text).toBe(LONG);
    expect(page.fields.filter((f) => f.label === 'Objective' || f.label === 'Assessment')).toEqual([]);
  });

  it('a short one-line textbox is still a field', () => {
    const page = describeBody('<label for="p">Payer</label><div id="p" role="textbox" aria-readonly="true">Medicare Part B</div>');
    expect(page.fields.find((f) => f.label === 'Payer')?.value).toBe('Medicare Part B');
  });
});
