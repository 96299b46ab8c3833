// @vitest-environment jsdom
// Kinds of markup the fifteenth blind page batch exposed (issue 10), each in invented variants read
// end to end (description → classifier → frame merge), with look-alikes that must not match:
// durations written h:mm beside a column of clock times, a footer "Total time" in h:mm; a payer
// column beside claim lines and other spellings of the payer's caption, never a sentence as the
// payer; providers written "Last, First (CREDS)" or as a name with a credentials caption beside it;
// web components drawing a charge list's header as caption elements over rows of their own (nested
// open shadow roots, slots), "12m" minutes and "A C" pointers; day-first dates; a case's start as
// the plan of care's; messaging widgets as page chrome.
import { afterEach, describe, expect, it } from 'vitest';
import { noteText, readVisit } from './pages';
import { datesIn, minutesValue, pageDateOrder, personInReadingOrder, unitsValue, withDateOrder } from '../../src/adapters/classify/values';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

const NOTE = `
  <section class="note"><h3>Daily note</h3>
  <h4>Subjective</h4><p>Reports a stiff left hip 4/10 after gardening at the allotment on Saturday.</p>
  <h4>Treatment</h4><p>Therapeutic exercise 24 min: clamshells 3x12, bridges 3x10. Massage 14 min: kneading to the left gluteus medius.</p></section>`;

describe('durations and totals in h:mm', () => {
  it('reads h:mm durations, time ranges, compact minutes; never a date or a lone time of day', () => {
    expect(minutesValue('0:24')).toBe(24);
    expect(minutesValue('1:05')).toBe(65);
    expect(minutesValue('2:15 PM - 2:39 PM')).toBe(24);
    expect(minutesValue('11:50 AM – 12:04 PM')).toBe(14);
    expect(minutesValue('14m')).toBe(14);
    expect(minutesValue('10/3/2027')).toBeUndefined();
    expect(minutesValue('3:40 PM')).toBeUndefined();
    expect(unitsValue('2.00')).toBe(2);
  });

  const timesheet = (footer: string): string => `<main>${NOTE}</main>
    <table><thead><tr><th>Service date</th><th>Time</th><th>Duration</th><th>Qty</th><th>Procedure</th><th>Mods</th><th>Dx</th></tr></thead>
    <tbody><tr><td>10/3/2027</td><td>2:15 PM - 2:39 PM</td><td>0:24</td><td>2.00</td><td>97110</td><td>GP</td><td>M25.552</td></tr>
    <tr><td>10/3/2027</td><td>2:39 PM - 2:53 PM</td><td>0:14</td><td>1.00</td><td>97124</td><td>GP</td><td>M62.830</td></tr></tbody>
    <tfoot>${footer}</tfoot></table>`;

  for (const footer of ['<tr><td colspan="2"><b>Totals</b></td><td>0:38</td><td>3.00</td><td colspan="3"></td></tr>', '<tr><td colspan="2">Total time</td><td>0:38</td><td></td><td colspan="3"></td></tr>']) {
    it(`takes the Duration column over a Time column of clock times, and the footer "${footer.replace(/<[^>]+>/g, ' ').trim().split(/\s+/)[0]}" as the timed total`, () => {
      const visit = readVisit(timesheet(footer));
      expect(visit.lines.map((l) => [l.code, l.units, l.minutes])).toEqual([['97110', 2, 24], ['97124', 1, 14]]);
      expect(visit.totalTimedMinutes).toBe(38);
      expect(visit.dateOfService).toBe('2027-10-03');
    });
  }

  it('a Time column of clock times alone still gives each line the minutes between them; a date column is never minutes', () => {
    const visit = readVisit(`<main>${NOTE}</main><table><tr><th>Date</th><th>Time</th><th>CPT</th><th>Units</th></tr>
      <tr><td>10/3/2027</td><td>2:15 PM - 2:39 PM</td><td>97110</td><td>2</td></tr><tr><td>10/3/2027</td><td>2:39 PM - 2:53 PM</td><td>97124</td><td>1</td></tr></table>`);
    expect(visit.lines.map((l) => l.minutes)).toEqual([24, 14]);
    const dated = readVisit(`<main>${NOTE}</main><table><tr><th>Time</th><th>CPT</th><th>Units</th></tr><tr><td>9/6/2027</td><td>97124</td><td>1</td></tr></table>`);
    expect(dated.lines[0]?.minutes).toBeUndefined();
  });
});

describe('the payer by other spellings, and never a sentence', () => {
  it('reads a payer column beside the claim lines ("Payor")', () => {
    const visit = readVisit(`<main>${NOTE}</main><table><tr><th>DOS</th><th>Payor</th><th>Code</th><th>Units</th><th>Minutes</th></tr>
      <tr><td>10/3/2027</td><td>Keystone Health Plan East</td><td>97124</td><td>1</td><td>14</td></tr></table>`);
    expect(visit.payer).toBe('Keystone Health Plan East');
  });

  for (const caption of ['Third Party Payer', 'Third-party payor', 'Primary Insurance']) {
    it(`reads "${caption}" in a definition list`, () => {
      const visit = readVisit(`<dl><dt>${caption}</dt><dd>Harbourline Mutual Indemnity</dd></dl><main>${NOTE}</main>`);
      expect(visit.payer).toBe('Harbourline Mutual Indemnity');
    });
  }

  it('reads a drawer whose captions are gathered apart from their values ("Insurance payer" over a plan)', () => {
    const visit = readVisit(`<style>.overline{display:block}</style><main>${NOTE}</main><aside class="drawer-paper"><h2>Claim</h2><span class="overline">Insurance payer</span><p>Lakeshore Mutual Auto PIP</p>
      <span class="overline">Member ID ZX-44120</span><span class="overline">Services</span><ul><li><span>97124 · Massage therapy</span><p>Units 1 · 14 mins · Modifiers GP</p></li></ul></aside>`);
    expect(visit.payer).toBe('Lakeshore Mutual Auto PIP');
    expect(noteText(visit)).not.toMatch(/Member ID/);
  });

  it('a sentence is no payer, even under a plan caption; a plan\'s name there still is', () => {
    const sentence = readVisit(`<main>${NOTE}</main><div class="field"><label>Plan</label><div>Continue per plan of care set by the referring surgeon, then discharge to gym.</div></div>`);
    expect(sentence.payer).toBeUndefined();
    const plan = readVisit(`<main>${NOTE}</main><dl><dt>Plan</dt><dd>Riverbend Health Plan of Ohio</dd></dl>`);
    expect(plan.payer).toBe('Riverbend Health Plan of Ohio');
  });
});

describe('providers written surname first with bracketed credentials, or beside a credentials caption', () => {
  it('puts "Last, First (CREDS)" in reading order', () => {
    expect(personInReadingOrder('Okafor-Lund, Maren (PT, DPT)')).toBe('Maren Okafor-Lund, PT, DPT');
    expect(personInReadingOrder('Brisbane Physio (Northside)')).toBe('Brisbane Physio (Northside)');
  });

  it('reads an avatar chip: initials, the name, and the credentials in a caption under it', () => {
    const visit = readVisit(`<main><div class="stack"><div class="avatar">TV</div><div><p>Tamsin Vale-Okoro</p><span class="caption">OTR/L, CHT</span></div></div>${NOTE}</main>`);
    expect(visit.provider?.name).toBe('Tamsin Vale-Okoro');
    expect(visit.provider?.credentials?.slice().sort()).toEqual(['CHT', 'OTR/L']);
  });

  it('a patient name beside a status chip is no provider', () => {
    const visit = readVisit(`<main><div class="stack"><div class="avatar">JP</div><div><p>Jonah Pell-Ruiz</p><span class="caption">NEW</span></div></div>${NOTE}</main>`);
    expect(visit.provider).toBeUndefined();
  });
});

describe('web components: a charge list drawn in nested open shadow roots', () => {
  it('reads lines whose header row is caption elements, "12m" minutes, letter pointers set apart by spaces, the timed total and slotted note text', () => {
    document.body.innerHTML = `<x-visit><x-soap heading="Subjective"><p>Reports a stiff left hip 4/10 after gardening at the allotment on Saturday.</p></x-soap>
      <x-soap heading="Treatment"><p>Therapeutic exercise 24 min: clamshells 3x12, bridges 3x10. Massage 14 min: kneading to the left gluteus medius.</p></x-soap>
      <x-dx></x-dx><x-charges total="38"><x-charge code="97110" units="2" min="24" ptr="A C"></x-charge><x-charge code="97124" units="1" min="14" ptr="B"></x-charge><x-charge code="97010" units="1" ptr="A"></x-charge></x-charges></x-visit>`;
    const el = (tag: string, text?: string): HTMLElement => {
      const e = document.createElement(tag);
      if (text !== undefined) e.textContent = text;
      return e;
    };
    for (const host of Array.from(document.querySelectorAll('x-soap'))) {
      const root = host.attachShadow({ mode: 'open' });
      root.append(el('h3', host.getAttribute('heading') ?? ''), el('slot'));
    }
    const dx = (document.querySelector('x-dx') as HTMLElement).attachShadow({ mode: 'open' });
    const ol = el('ol');
    ol.setAttribute('type', 'A');
    for (const code of ['M25.552 Pain in left hip', 'M62.830 Muscle spasm of back', 'M25.652 Stiffness of left hip']) ol.append(el('li', code));
    dx.append(el('h3', 'Diagnoses'), ol);
    const charges = document.querySelector('x-charges') as HTMLElement;
    const table = charges.attachShadow({ mode: 'open' });
    const head = el('div');
    for (const caption of ['Code', 'Modifiers', 'Units', 'Time', 'Dx']) head.append(el('div', caption));
    table.append(el('h3', 'Charges'), head, el('slot'), el('div', `Timed total ${charges.getAttribute('total')} min`));
    for (const row of Array.from(document.querySelectorAll('x-charge'))) {
      // Each row draws its cells in a shadow root of its own, the modifier as a nested component.
      const root = row.attachShadow({ mode: 'open' });
      const line = el('div');
      const mod = el('x-pill');
      mod.attachShadow({ mode: 'open' }).append(el('span', 'GP'));
      line.append(el('div', row.getAttribute('code') ?? ''), mod, el('div', row.getAttribute('units') ?? ''), el('div', row.getAttribute('min') ? `${row.getAttribute('min')}m` : ''), el('div', row.getAttribute('ptr') ?? ''));
      root.append(line);
    }
    const visit = readVisit(null);
    const byCode = Object.fromEntries(visit.lines.map((l) => [l.code, l]));
    expect(byCode['97110']).toMatchObject({ units: 2, minutes: 24, dx: ['M25.552', 'M25.652'], modifiers: ['GP'] });
    expect(byCode['97124']).toMatchObject({ units: 1, minutes: 14, dx: ['M62.830'] });
    expect(byCode['97010']?.minutes).toBeUndefined();
    expect(byCode['97010']?.dx).toEqual(['M25.552']);
    expect(visit.totalTimedMinutes).toBe(38);
    expect(noteText(visit)).toContain('kneading to the left gluteus medius');
  });
});

describe('day-first dates', () => {
  it('a weekday shown before a numeric date decides its order', () => {
    // 10 September 2027 is a Friday; 9 October 2027 a Saturday.
    expect(datesIn('Fri 10/09/2027 8:30am')[0]?.date).toBe('2027-09-10');
    expect(datesIn('Sat 10/09/2027')[0]?.date).toBe('2027-10-09');
    expect(datesIn('10/09/2027')[0]?.date).toBe('2027-10-09');
    expect(datesIn('24/08/2027')[0]?.date).toBe('2027-08-24');
  });

  it('a page whose other dates can only be day first is read day first throughout; a US page is not', () => {
    expect(pageDateOrder(['Seen 03/04/2027', 'Previous 19/03/2027'])).toBe(true);
    expect(pageDateOrder(['Seen 03/04/2027', 'Previous 03/19/2027'])).toBe(false);
    expect(pageDateOrder(['Seen 03/04/2027'])).toBe(false);
    expect(withDateOrder(true, () => datesIn('03/04/2027')[0]?.date)).toBe('2027-04-03');
    expect(datesIn('03/04/2027')[0]?.date).toBe('2027-03-04');
  });

  it('reads the visit date and a case\'s start day first on such a page', () => {
    const visit = readVisit(`<div class="case"><dl><dt>Case opened</dt><dd>17/08/2027</dd></dl></div>
      <div class="appt"><b>Appointment:</b> 03/09/2027 9:00am – 9:45am</div><main>${NOTE}</main>`);
    expect(visit.dateOfService).toBe('2027-09-03');
    expect(visit.episode?.planOfCareStart).toBe('2027-08-17');
  });
});

describe('messaging widgets are page chrome', () => {
  it('leaves reminders and texts sent to the patient out of the note, whatever the panel is called', () => {
    for (const panel of [
      '<div class="panel"><div class="panel-heading">Text messages</div><p>Appointment reminder delivered 02/10/2027 9:00am: "See you tomorrow at the clinic for your hip session."</p></div>',
      '<div class="side"><p>Confirmation e-mail sent to the patient about the next session and parking at the clinic, 4 days ahead.</p><p>"Hi, your physio session is booked for Tuesday afternoon. Reply C to confirm or R to reschedule."</p></div>',
    ]) {
      const visit = readVisit(`<main>${NOTE}</main>${panel}`);
      expect(noteText(visit)).not.toMatch(/reminder delivered|Reply C|e-mail sent/i);
      expect(noteText(visit)).toContain('clamshells');
    }
  });

  it('a note that speaks of reminding the patient stays the note', () => {
    const visit = readVisit(`<main>${NOTE}<h4>Plan</h4><p>Reminder given to ice the hip twice daily; patient to reply to the clinic with pain scores.</p></main>`);
    expect(noteText(visit)).toContain('Reminder given to ice the hip');
  });
});
