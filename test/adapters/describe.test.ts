// @vitest-environment jsdom
// The content script's page description (readFrame → describePage): what it records about a frame,
// its caps, and that it never fails on any fixture page.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ElementIds, readFrame, updateBlock } from '../../src/adapters/index';
import { settleTitles } from '../../src/adapters/page/titles';
import { elementTextSource } from '../../src/adapters/page/describe';
import { inferLabel } from '../../src/adapters/page/labels';
import { PAGE_LIMITS } from '../../src/shared/page';
import { SnapshotSchema } from '../../src/shared/snapshot';
import { at, parsePage, URLS } from './pages';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

function describeHtml(html: string, url = 'https://ehr.example.test/visit/1') {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const ids = new ElementIds();
  const frame = readFrame(doc, at(url), [], ids, { top: true });
  // As the worker holds it: the title candidates decided (src/adapters/page/titles.ts).
  frame.snapshot.page = settleTitles(frame.snapshot.page);
  return { doc, ids, frame };
}

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'pages');

describe('every fixture page', () => {
  const pages = readdirSync(FIXTURES).filter((f) => f.endsWith('.html'));
  for (const name of pages) {
    it(`${name}: a description the worker accepts`, () => {
      const frame = readFrame(parsePage(name), at(URLS.generic), [], new ElementIds(), { top: true });
      expect(SnapshotSchema.safeParse(frame.snapshot).success).toBe(true);
      expect(frame.snapshot.adapter).toBe('page');
    });
  }

  it('finds nothing to read in frame shells and on a page without text', () => {
    for (const name of ['legacy-frameset.html']) {
      expect(readFrame(parsePage(name), at(URLS.frameset), [], new ElementIds(), { top: true }).empty).toBe(true);
    }
    expect(describeHtml('<html><body><iframe src="x.html"></iframe><script>var x = "97124";</script></body></html>').frame.empty).toBe(true);
  });

  it('reports a page that is still loading even before it shows anything (aria-busy, a progress bar)', () => {
    document.body.innerHTML = '<main aria-busy="true"><h2>Visit</h2><div role="progressbar"></div></main>';
    const frame = readFrame(document, at(URLS.generic), [], new ElementIds(), { top: true });
    expect(frame.snapshot.page.frame.loading).toBe(true);
    expect(frame.empty).toBe(false);
  });
});

describe('text blocks', () => {
  it('records headings, labels opening a block, hints and visibility', () => {
    const { frame } = describeHtml(`
      <nav class="main-menu"><p>Signed in as the front desk today.</p></nav>
      <h2>Treatment</h2>
      <p><b>Subjective:</b> Pt reports pain 4/10.</p>
      <div hidden><p>Never described.</p></div>`);
    const page = frame.snapshot.page;
    expect(page.headings.map((h) => h.text)).toEqual(['Treatment']);
    const block = page.blocks.find((b) => b.text === 'Pt reports pain 4/10.');
    expect(block).toMatchObject({ label: 'Subjective', head: 0, tag: 'p' });
    expect(page.blocks.find((b) => b.text.startsWith('Signed in'))?.hints).toEqual(expect.arrayContaining(['nav', 'menu']));
    expect(JSON.stringify(page)).not.toContain('Never described');
  });

  it('keeps line breaks of <br> and block children, and maps every character back to its Text node', () => {
    const { frame } = describeHtml('<div id="n">Line one<br>Line <i>two</i><p>and line three.</p></div>');
    // A block element inside a block is a block of its own.
    expect([...frame.snapshot.page.blocks].sort((a, b) => a.at - b.at).map((b) => b.text)).toEqual(['Line one\nLine two', 'and line three.']);
    const block = frame.snapshot.page.blocks.find((b) => b.text.startsWith('Line one'));
    const source = frame.sources.get(block?.id ?? '');
    expect(source?.kind).toBe('text');
  });

  it('re-reads one editor without describing the page again (updateBlock)', () => {
    const { doc, ids, frame } = describeHtml('<textarea name="plan">Continue POC.</textarea>');
    const area = doc.querySelector('textarea') as HTMLTextAreaElement;
    const id = ids.of(area);
    expect(frame.editors.get(area)).toBe(id);
    area.value = 'Continue plan of care 2x/week.';
    expect(updateBlock(frame.snapshot, id, area.value)).toBe(true);
    expect(frame.snapshot.page.blocks[0]?.text).toBe('Continue plan of care 2x/week.');
    expect(updateBlock(frame.snapshot, 'e999', 'x')).toBe(false);
  });

  it('treats a one-column table as layout: each cell is a block with its own label', () => {
    const { frame } = describeHtml(`<table><tr><td><span class="bold">Plan: </span><span class="text">Return next week.</span></td></tr>
      <tr><td><span class="bold">Assessment: </span><span class="text">Improving.</span></td></tr></table>`);
    expect(frame.snapshot.page.tables).toEqual([]);
    expect(frame.snapshot.page.blocks.map((b) => [b.label, b.text])).toEqual([
      ['Plan', 'Return next week.'],
      ['Assessment', 'Improving.'],
    ]);
  });
});

describe('fields: labels found the way autofill finds them', () => {
  it('in InferLabelForElement order: <label for>, aria, previous text, column header, row header, dl, li', () => {
    const { doc } = describeHtml(`
      <label for="a">Payer</label><input id="a" value="x">
      <span id="lb">Date of service</span><input aria-labelledby="lb" value="x">
      <input aria-label="Provider" value="x">
      <div>Visit # <input id="prev" value="x"></div>
      <table><tr><th>Units</th></tr><tr><td><input id="col" value="1"></td></tr></table>
      <table><tr><td>Therapist</td><td><input id="row" value="x"></td></tr><tr><td>Other</td><td>y</td></tr></table>
      <dl><dt>Insurance</dt><dd><input id="dl" value="x"></dd></dl>
      <ul><li>Minutes <input id="li" value="12"></li></ul>`);
    const inputs = Array.from(doc.querySelectorAll('input'));
    expect(inputs.map((el) => inferLabel(el))).toEqual([
      { text: 'Payer', via: 'for' },
      { text: 'Date of service', via: 'aria' },
      { text: 'Provider', via: 'aria' },
      { text: 'Visit #', via: 'prev' },
      { text: 'Units', via: 'col' },
      { text: 'Therapist', via: 'prev' },
      { text: 'Insurance', via: 'prev' }, // the <dt> is the text right before
      { text: 'Minutes', via: 'prev' },
    ]);
  });

  it('turns label/value element pairs, key/value table rows and definition lists into fields', () => {
    const { frame } = describeHtml(`
      <div class="x9f"><span class="a1">Payer</span><span class="b2">Medicare Part B</span></div>
      <table><tr><th>DOS</th><td>11/20/2026</td></tr><tr><td><b>Provider</b></td><td>Jane Doe, PT</td></tr></table>
      <dl><dt>Visit</dt><dd>5 of 12</dd></dl>`);
    const fields = frame.snapshot.page.fields.map((f) => [f.label, f.value, f.via]);
    expect(fields).toEqual(
      expect.arrayContaining([
        ['Payer', 'Medicare Part B', 'prev'],
        ['DOS', '11/20/2026', 'row'],
        ['Provider', 'Jane Doe, PT', 'row'],
        ['Visit', '5 of 12', 'dl'],
      ]),
    );
  });
});

describe('tables and records', () => {
  it('resolves header rows (thead, th, or a <td><b> row) into column names, and marks removed rows', () => {
    const { frame } = describeHtml(`<table>
      <tr><td><b>Code</b></td><td><font><b>Units</b></font></td><td><b>Del</b></td></tr>
      <tr><td>97124</td><td>1</td><td><input type="checkbox" name="bill[1][del]"></td></tr>
      <tr><td>97110</td><td>2</td><td><input type="checkbox" name="bill[2][del]" checked></td></tr></table>`);
    const table = frame.snapshot.page.tables[0];
    expect(table?.columns).toEqual(['Code', 'Units', 'Del']);
    expect(table?.rows.map((r) => [r.cells[0]?.text, r.removed === true])).toEqual([
      ['97124', false],
      ['97110', true],
    ]);
  });

  it('groups the rows a rowspan cell heads (a claim list showing several encounters)', () => {
    const { frame } = describeHtml(`<table>
      <tr><td rowspan="2">Doe, Jane (Enc 12) <select name="payer"><option selected>primary: Aetna</option></select></td><td>97124</td><td>1</td></tr>
      <tr><td>97140</td><td>1</td></tr>
      <tr><td rowspan="2">Roe, Sam (Enc 14)</td><td>97110</td><td>2</td></tr><tr><td>97530</td><td>1</td></tr></table>`);
    const table = frame.snapshot.page.tables[0];
    expect(table?.groups?.length).toBe(2);
    expect(table?.rows.map((r) => r.group)).toEqual([0, 0, 1, 1]);
    expect(frame.snapshot.page.fields.find((f) => f.value === 'primary: Aetna')).toMatchObject({ group: 0 });
  });

  it('describes the record around a code outside tables: a list item or a card, part by part', () => {
    const { frame } = describeHtml(`<ul><li>97124 Massage · <span class="mods">GP</span> · <input class="units" value="2"></li></ul>
      <p>Long prose that mentions 97124 in passing does not make a record of the paragraph, because a claim line is short and this text goes on and on about the visit, the weather, the drive, the parking, the waiting room, the forms, the questions, the answers, the plan, the follow-up, the billing office, the insurance, the copay, the receipt, and more and more and more words until it is far too long to be a claim line record of any kind at all, even a generous one with many values beside the code, which is the point of the rule that stops at six hundred characters of text in one element, so here are a few more words to be sure of it.</p>`);
    const records = frame.snapshot.page.records;
    expect(records).toHaveLength(1);
    expect(records[0]?.tag).toBe('li');
    expect(records[0]?.parts).toEqual(
      expect.arrayContaining([expect.objectContaining({ text: 'GP', name: 'mods' }), expect.objectContaining({ text: '2', name: 'units' })]),
    );
  });

  it('reads open shadow roots and reports them for observation', () => {
    document.body.innerHTML = '<x-note></x-note>';
    const root = (document.querySelector('x-note') as HTMLElement).attachShadow({ mode: 'open' });
    root.innerHTML = '<p>Palpable spasm, massage 12 minutes.</p>';
    const frame = readFrame(document, at(URLS.generic), [], new ElementIds(), { top: true });
    expect(frame.snapshot.page.blocks.map((b) => b.text)).toContain('Palpable spasm, massage 12 minutes.');
    expect(frame.shadows).toEqual([root]);
  });
});

describe('caps: a huge page stays bounded and says it was cut', () => {
  it('cuts an oversized textarea at the block cap', () => {
    const { doc } = describeHtml('<textarea name="plan"></textarea>');
    (doc.querySelector('textarea') as HTMLTextAreaElement).value = 'Continue plan of care. '.repeat(10_000);
    const frame = readFrame(doc, at(URLS.generic), [], new ElementIds(), { top: true });
    expect(frame.snapshot.page.blocks[0]?.text.length).toBe(PAGE_LIMITS.blockChars);
    expect(frame.snapshot.page.cut).toContain('text');
    expect(SnapshotSchema.safeParse(frame.snapshot).success).toBe(true);
  });

  it('stops a table at the row cap and the page at the table cap', () => {
    const rows = Array.from({ length: PAGE_LIMITS.rows + 50 }, (_, i) => `<tr><td>97124</td><td>${i % 4}</td></tr>`).join('');
    const tables = Array.from({ length: PAGE_LIMITS.tables + 5 }, () => '<table><tr><th>CPT</th><th>Units</th></tr><tr><td>97110</td><td>1</td></tr></table>').join('');
    const { frame } = describeHtml(`<table><tr><th>CPT</th><th>Units</th></tr>${rows}</table>${tables}`);
    expect(frame.snapshot.page.tables[0]?.rows).toHaveLength(PAGE_LIMITS.rows);
    expect(frame.snapshot.page.tables[0]?.total).toBe(PAGE_LIMITS.rows + 51);
    expect(frame.snapshot.page.tables).toHaveLength(PAGE_LIMITS.tables);
    expect(frame.snapshot.page.cut).toEqual(expect.arrayContaining(['tables', `table rows (${PAGE_LIMITS.rows + 51})`]));
    expect(SnapshotSchema.safeParse(frame.snapshot).success).toBe(true);
  });
});

describe('elementTextSource (show a claim line in the page)', () => {
  it('gives the text and source map of an element, null once it left the page', () => {
    document.body.innerHTML = '<table><tr id="r"><td>97124</td><td>GP</td><td>1</td></tr></table>';
    const row = document.getElementById('r') as Element;
    const read = elementTextSource(row);
    expect(read?.text).toBe('97124 GP 1'.replace(/ /g, '')); // cells run together: a row is one range to mark
    row.remove();
    expect(elementTextSource(row)).toBeNull();
  });
});
