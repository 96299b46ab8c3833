// @vitest-environment jsdom
// Kinds of markup the eighth blind page batch exposed (issue 10), each in several invented variants
// read end to end (description → classifier → frame merge): status chips beside a payer or bill
// caption, summary lines of label-then-value runs, feeds of older entries under the open visit,
// claim-table totals rows, credentials in a field of their own, display fields and rich text as
// note sections, bill items written one value a line.
import { afterEach, describe, expect, it } from 'vitest';
import { leadingLabel } from '../../src/adapters/classify/facts';
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

describe('a status chip is never the payer', () => {
  for (const chip of ['Ready to bill', 'Signed', 'Draft', 'Pending review', 'Billed', 'Not billed', 'On hold', 'Submitted']) {
    it(`"Bill ${chip}" beside an insurance field leaves the insurance as the payer`, () => {
      const visit = readVisit(`${NOTE}<dl><dt>Insurance</dt><dd>Aetna Choice POS II</dd></dl><div class="bill"><b>Bill</b> <span class="pill">${chip}</span></div>${LINES}`);
      expect(visit.payer).toBe('Aetna Choice POS II');
    });
    it(`"Bill ${chip}" with no payer anywhere gives no payer`, () => {
      expect(readVisit(`${NOTE}<div class="bill"><b>Bill</b> <span class="pill">${chip}</span></div>${LINES}`).payer).toBeUndefined();
    });
  }

  it('a plan whose name holds a status-like word keeps it', () => {
    expect(readVisit(`${NOTE}<dl><dt>Insurance</dt><dd>Open Access Plus PPO</dd></dl>${LINES}`).payer).toBe('Open Access Plus PPO');
  });
});

describe('the payer under an insurance heading past a rank caption', () => {
  for (const [rank, plan] of [
    ['Primary', 'TRICARE East Prime'],
    ['Primary', 'Texas Medicaid'],
    ['Plan', 'Oscar Bronze Classic'],
  ] as const) {
    it(`Insurance / ${rank} / ${plan}`, () => {
      const visit = readVisit(`<aside><h3>Insurance</h3><div class="ins"><div class="rank">${rank}</div><div class="name">${plan}</div><div>Member ID QX7730001</div></div></aside>${NOTE}${LINES}`);
      expect(visit.payer).toBe(plan);
    });
  }
});

describe('facts written label then value without a colon', () => {
  const valid: [string, ReturnType<typeof leadingLabel>][] = [
    ['Visit 7', { label: 'Visit', value: '7', fact: 'visitNumber' }],
    ['Total timed 38 min', { label: 'Total timed', value: '38 min', fact: 'totalTimedMinutes' }],
    ['Timed minutes 53', { label: 'Timed minutes', value: '53', fact: 'totalTimedMinutes' }],
    ['Plan of care since Feb 8, 2027', { label: 'Plan of care', value: 'Feb 8, 2027', fact: 'planOfCareStart' }],
    ['POC from 02/08/2027', { label: 'POC', value: '02/08/2027', fact: 'planOfCareStart' }],
  ];
  for (const [run, read] of valid) it(`"${run}" is a labelled fact`, () => expect(leadingLabel(run)).toEqual(read));
  // Not facts: prose, a label with no value that fits it, a status chip after a "Bill" caption, a colon pair.
  for (const run of ['Visit went well today', 'Total timed', 'Bill Ready to bill', 'Visit: 7', 'Timed minutes were not recorded', 'Massage 13 min']) {
    it(`"${run}" is not`, () => expect(leadingLabel(run)).toBeUndefined());
  }

  for (const sep of [' · ', ' • ', ' | ']) {
    it(`a summary line joined by "${sep.trim()}" gives each fact, and its plan-of-care date is not the visit's`, () => {
      const visit = readVisit(`<article><header><span>Mon, Mar 1, 2027</span> <span>Office Visit</span></header><div class="meta">${['Visit 7', 'Plan of care since Feb 8, 2027', 'Total timed 38 min'].join(sep)}</div>${NOTE}</article>${LINES}`);
      expect(visit.episode?.visitNumber).toBe(7);
      expect(visit.episode?.planOfCareStart).toBe('2027-02-08');
      expect(visit.totalTimedMinutes).toBe(38);
      expect(visit.dateOfService).toBe('2027-03-01');
    });
  }
});

describe('a feed of older entries below the open note', () => {
  const older: [string, string, string][] = [
    ['Tue, Feb 23, 2027', 'Office Visit', 'Prior visit: tolerated the program, less stiffness on waking, continue plan.'],
    ['Feb 11, 2027', 'Lab Report', 'Complete blood count: all values within reference range.'],
    ['Jan 30, 2027', 'Patient Letter', 'Reminder of the upcoming appointment sent by portal.'],
  ];
  const feed = (withTime: boolean): string =>
    `<main class="feed"><article class="feed-item open"><div class="vn-header"><span>${withTime ? '<time datetime="2027-03-01">Mon, Mar 1, 2027</time>' : 'Mon, Mar 1, 2027'}</span> <span>Office Visit</span></div>${NOTE}</article>` +
    older.map(([date, kind, text]) => `<article class="feed-item collapsed"><div class="vn-header"><span>${withTime ? `<time>${date}</time>` : date}</span> <span>${kind}</span></div><div class="preview">${text}</div></article>`).join('') +
    `</main>${LINES}`;
  for (const withTime of [false, true]) {
    it(`older notes, labs and letters are not this visit's note${withTime ? ' (time elements)' : ' (dates as text)'}`, () => {
      const visit = readVisit(feed(withTime));
      const note = noteText(visit);
      expect(note).toContain('Tender upper trapezius bilaterally');
      for (const [, , text] of older) expect(note).not.toContain(text.slice(0, 30));
      expect(visit.dateOfService).toBe('2027-03-01');
    });
  }

  it('one dated article alone is the note, whole', () => {
    const note = noteText(readVisit(`<article><header><span>Mon, Mar 1, 2027</span></header>${NOTE}</article>${LINES}`));
    expect(note).toContain('Pt reports neck stiffness');
    expect(note).toContain('Tender upper trapezius');
  });
});

describe("a claim table's totals row", () => {
  for (const [head, total] of [
    ['Timed Min', '38'],
    ['Minutes', '38'],
    ['Time', '38 min'],
  ] as const) {
    it(`"Totals" under "${head}" is the timed total`, () => {
      const table = `<table><tr><th>CPT Code</th><th>Modifier(s)</th><th>${head}</th><th>Units</th></tr><tr><td>97110</td><td>GP</td><td>25</td><td>2</td></tr><tr><td>97124</td><td>GP</td><td>13</td><td>1</td></tr><tr><td>Totals</td><td></td><td>${total}</td><td>3</td></tr></table>`;
      const visit = readVisit(`${NOTE}${table}`);
      expect(visit.totalTimedMinutes).toBe(38);
      expect(visit.lines.map((l) => l.code)).toEqual(['97110', '97124']);
    });
  }

  it('a totals row of fees only gives no timed total', () => {
    const table = `<table><tr><th>CPT Code</th><th>Units</th><th>Fee</th></tr><tr><td>97124</td><td>1</td><td>33.75</td></tr><tr><td>Total</td><td>1</td><td>33.75</td></tr></table>`;
    expect(readVisit(`${NOTE}${table}`).totalTimedMinutes).toBeUndefined();
  });
});

describe('provider credentials in a field of their own', () => {
  for (const [label, written, credentials] of [
    ['Provider Credentials', 'PT, DPT', ['PT', 'DPT']],
    ['Credentials', 'PTA', ['PTA']],
    ['License Type', 'OTR/L', ['OTR/L']],
    ['Rendering Credential', 'LMT', ['LMT']],
  ] as const) {
    it(`"${label}: ${written}" beside the name`, () => {
      const visit = readVisit(`${NOTE}<dl><dt>Rendering Provider</dt><dd>Keisha Ortiz-Bell</dd><dt>${label}</dt><dd>${written}</dd></dl>${LINES}`);
      expect(visit.provider?.name).toBe('Keisha Ortiz-Bell');
      expect(visit.provider?.credentials).toEqual([...credentials]);
    });
  }

  it('a name that carries credentials keeps its own, and a discipline in words is not a credential', () => {
    expect(readVisit(`${NOTE}<dl><dt>Provider</dt><dd>Keisha Ortiz-Bell, PTA</dd><dt>Credentials</dt><dd>PT</dd></dl>${LINES}`).provider?.credentials).toEqual(['PTA']);
    expect(readVisit(`${NOTE}<dl><dt>Provider</dt><dd>Keisha Ortiz-Bell</dd><dt>Discipline</dt><dd>Physical Therapy</dd></dl>${LINES}`).provider?.credentials ?? []).toEqual([]);
  });
});

describe('note sections shown as display fields or rich text', () => {
  it('read-only display fields with the caption above each, captions that join or are no section names', () => {
    const field = (caption: string, text: string): string =>
      `<div class="x-field"><label for="${caption}-in"><span>${caption}</span></label><div id="${caption}-in" role="textbox" aria-readonly="true">${text}</div></div>`;
    const html = `<div class="x-panel"><div class="x-title">Progress Note (Signed)</div>${field('Intake', 'Client reports mid back ache between the shoulder blades by the end of each shift, 5/10.')}${field('Measurements', 'Wrist extension 38 degrees, flexion 42 degrees. Grip left 24 lb.')}${field('Assessment and Plan', 'Acute flare, improving after treatment; continue twice weekly.')}</div>${LINES}`;
    const note = noteText(readVisit(html));
    expect(note).toContain('mid back ache between the shoulder blades');
    expect(note).toContain('Wrist extension 38 degrees');
    expect(note).toContain('Acute flare, improving');
  });

  it('a container caption over its fields and a short status field are not note sections', () => {
    const html = `${NOTE}<div><label>Claim Status</label><div>Ready for Submission</div></div><div><label>Facility</label><div>Bramblewood Physical Therapy</div></div>${LINES}`;
    const note = noteText(readVisit(html));
    expect(note).not.toContain('Ready for Submission');
    expect(note).not.toContain('Bramblewood');
  });

  it('rich text with bold paragraph headings inside a tab panel keeps every paragraph', () => {
    const html = `<div class="tabs"><div role="tablist"><button role="tab" aria-selected="true">Details</button></div><div role="tabpanel" class="tabs__content"><div class="rich-text editor">
      <p><b>Objective</b></p><p>AROM R shoulder flexion 142, abduction 128 degrees.</p>
      <p><b>Interventions</b></p><p>Manual therapy 10 min: posterior glides grade III to the R glenohumeral joint.</p><p>Massage 11 min: kneading to R pectoralis minor and upper trapezius to ease scapular tipping.</p></div></div></div>${LINES}`;
    const note = noteText(readVisit(html));
    expect(note).toContain('Manual therapy 10 min: posterior glides');
    expect(note).toContain('Massage 11 min: kneading');
  });

  it("a diagnosis list's descriptions under their codes are not note text", () => {
    const html = `${NOTE}<div class="dx-card"><h4>Diagnoses</h4><div role="list"><div role="listitem"><span>A</span><div>R26.2</div><div>Difficulty in walking, not elsewhere classified</div></div><div role="listitem"><span>B</span><div>M62.81</div><div>Muscle weakness (generalized)</div></div></div></div>${LINES}`;
    const note = noteText(readVisit(html));
    expect(note).not.toContain('Difficulty in walking');
    expect(note).not.toContain('Muscle weakness');
  });
});

describe('bill items written one value a line inside the note', () => {
  const item = (code: string, lines: string[], dx: string): string =>
    `<div class="bill-item"><div class="row"><a href="#">${code}</a>${lines.map((l) => `<span>${l}</span>`).join('')}</div><div class="bill-dx">ICD-10: ${dx}</div></div>`;
  it('items with and without modifiers, each with its diagnosis line', () => {
    const html = `<article>${NOTE}<div class="bill"><b>Bill</b> <span class="pill">Ready to bill</span>${item('97124', ['Massage therapy', '× 3', '45 min'], 'M54.6 , M62.838')}${item('97010', ['Hot or cold packs', '× 1'], 'M54.6')}</div></article>`;
    const visit = readVisit(html);
    const lines = visit.lines.map((l) => [l.code, l.modifiers ?? [], l.units, l.minutes, l.dx]);
    expect(lines).toContainEqual(['97124', [], 3, 45, ['M54.6', 'M62.838']]);
    expect(lines).toContainEqual(['97010', [], 1, undefined, ['M54.6']]);
    expect(visit.payer).toBeUndefined();
    expect(noteText(visit)).not.toContain('Hot or cold packs');
  });

  it('a code alone on a line of a note with one figure after it is not a bill item', () => {
    const visit = readVisit(`<h3>Treatment</h3><div>97124\nTherapeutic massage to the upper trapezius was performed today without complaint.</div>${LINES}`);
    expect(visit.lines.map((l) => l.code)).toEqual(['97124']);
  });
});

describe("a dropdown's shown payer with a hidden id behind it", () => {
  const select = (caption: string, plan: string): string =>
    `<div class="v-select"><div role="button" aria-haspopup="listbox" class="v-input__slot"><label class="v-label">${caption}</label><div class="v-select__selections"><div class="v-select__selection">${plan}</div><input readonly type="text"></div><input type="hidden" name="insuranceId" value="INS-044-1"></div></div>`;
  for (const plan of ['TRICARE East Prime', 'Texas Medicaid', 'Humana Medicare Advantage PPO', 'Blue Shield of California PPO']) {
    it(`"${plan}" is the payer`, () => {
      expect(readVisit(`<div class="v-card"><div class="v-card__title">Clinic Cloud</div>${select('Billing Insurance', plan)}</div>${NOTE}${LINES}`).payer).toBe(plan);
    });
  }
  it('a shown value that names no plan is not taken for the payer', () => {
    expect(readVisit(`<div class="v-card"><div class="v-card__title">Clinic Cloud</div>${select('Room', 'Bay 3 East')}</div>${NOTE}${LINES}`).payer).toBeUndefined();
  });
});

describe('diagnosis pointer columns numbered D1–D4 resolve against a numbered diagnosis grid', () => {
  const DX = `<table><tr><th>#</th><th>ICD-10</th><th>Description</th></tr><tr><td>1</td><td>M54.2</td><td>Cervicalgia</td></tr><tr><td>2</td><td>M62.838</td><td>Other muscle spasm</td></tr></table>`;
  for (const [heads, cells] of [
    [['D1', 'D2'], ['2', '']],
    [['Dx1', 'Dx2'], ['2', '1']],
    [['Dx 1', 'Dx 2'], ['1', '2']],
  ] as const) {
    it(`${heads.join(', ')} → codes`, () => {
      const lines = `<table><tr><th>Proc</th><th>M1</th><th>Units</th><th>Min</th>${heads.map((h) => `<th>${h}</th>`).join('')}</tr><tr><td>97124</td><td>GP</td><td>1</td><td>13</td>${cells.map((c) => `<td>${c}</td>`).join('')}</tr></table>`;
      const visit = readVisit(`${NOTE}${DX}${lines}`);
      const codes = cells.filter((c) => c !== '').map((c) => (c === '1' ? 'M54.2' : 'M62.838'));
      expect(visit.lines[0]?.dx).toEqual(codes);
    });
  }
});
