// @vitest-environment jsdom
// Short titles decided in the worker (src/adapters/page/titles.ts): the content script sends a short
// block both as a block and as a title candidate; settling keeps one of the two and remaps `head`.
import { describe, expect, it } from 'vitest';
import { ElementIds, readFrame } from '../../src/adapters/index';
import { TITLE_CANDIDATE, settleTitles, titleLike } from '../../src/adapters/page/titles';
import { SnapshotSchema } from '../../src/shared/snapshot';
import { at } from './pages';

function raw(html: string) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return readFrame(doc, at('https://ehr.example.test/visit/1'), [], new ElementIds(), { top: true }).snapshot;
}

describe('title candidates', () => {
  it('the describer sends a short line as a block and a candidate; the worker keeps the heading', () => {
    const snapshot = raw('<section><div>Clinical Findings</div><p>Tender over the upper trapezius, massage 12 minutes.</p><p>Spasm eased after treatment.</p></section>');
    expect(SnapshotSchema.safeParse(snapshot).success).toBe(true);
    const page = snapshot.page;
    // (Every short line is a candidate: the second paragraph too.)
    expect(page.headings.map((h) => [h.level, h.text])).toEqual([[TITLE_CANDIDATE, 'Clinical Findings'], [TITLE_CANDIDATE, 'Spasm eased after treatment.']]);
    expect(page.blocks.map((b) => b.text)).toContain('Clinical Findings');
    const settled = settleTitles(page);
    expect(settled.headings.map((h) => [h.level, h.text])).toEqual([[7, 'Clinical Findings']]);
    expect(settled.blocks.map((b) => b.text)).toEqual(['Tender over the upper trapezius, massage 12 minutes.', 'Spasm eased after treatment.']);
    expect(settled.blocks.map((b) => b.head)).toEqual([0, 0]);
    // The description as sent is left as it was.
    expect(page.headings[0]?.level).toBe(TITLE_CANDIDATE);
  });

  it('a candidate that is no title stays a block, and what follows keeps the heading before it', () => {
    const page = settleTitles(raw('<h2>Visit</h2><div>Pain 4 of 10 today</div><p>Patient tolerated treatment well overall today.</p><div>Plan Of Care</div><p>Continue twice weekly for four weeks as planned.</p>').page);
    expect(page.headings.map((h) => [h.level, h.text])).toEqual([[2, 'Visit'], [7, 'Plan Of Care']]);
    const head = (text: string) => page.headings[page.blocks.find((b) => b.text.startsWith(text))?.head ?? -1]?.text;
    expect(page.blocks.map((b) => b.text)).toContain('Pain 4 of 10 today');
    expect(head('Pain 4')).toBe('Visit');
    expect(head('Patient tolerated')).toBe('Visit');
    expect(head('Continue twice')).toBe('Plan Of Care');
  });

  it('an item after a first candidate that is no title has no heading; settling twice changes nothing', () => {
    const page = settleTitles(raw('<main><div>pain went down</div><p>Payer: <span>Aetna</span> <input value="Aetna PPO" aria-label="Plan"></p></main>').page);
    expect(page.headings).toEqual([]);
    expect(page.fields[0]?.head).toBeUndefined();
    const again = JSON.stringify(page);
    expect(JSON.stringify(settleTitles(page))).toBe(again);
  });

  it('list items, cells, labelled and edited text are never candidates', () => {
    const page = raw('<ul><li>Home Program</li></ul><dl><dt>Plan</dt><dd>Next Visit</dd></dl><div contenteditable="true">Soft Tissue</div><p><b>Goals:</b> Reach Overhead</p>').page;
    expect(page.headings.filter((h) => h.level === TITLE_CANDIDATE)).toEqual([]);
  });

  it('titleLike: short, capitalised like a heading, no digits or sentence punctuation', () => {
    expect(titleLike('Reminders')).toBe(true);
    expect(titleLike('PLAN OF CARE')).toBe(true);
    expect(titleLike('Range of Motion')).toBe(true);
    expect(titleLike('Pain 4 of 10')).toBe(false);
    expect(titleLike('Patient improved.')).toBe(false);
    expect(titleLike('tolerated well')).toBe(false);
    expect(titleLike('Patient tolerated the session well')).toBe(false);
  });
});
