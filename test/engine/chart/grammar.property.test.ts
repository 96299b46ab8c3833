// Generated notes: every time notation × every order of service and time × every layout, for a few
// services at once. Whatever the writer's style, the chart must read the same minutes per code.
// Same for measures: every before/after notation must read as a change in the right direction.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeChart } from '../../../src/engine/chart';

const SERVICES: readonly { code: string; names: readonly string[] }[] = [
  { code: '97124', names: ['Therapeutic massage', 'massage', 'Ther massage', 'Retrograde massage'] },
  { code: '97110', names: ['Therapeutic exercise', 'Ther ex', 'TherEx'] },
  { code: '97530', names: ['Therapeutic activities', 'Ther act', 'Ther activity'] },
  { code: '97112', names: ['Neuromuscular re-education', 'NMR', 'Neuro re-ed'] },
];

const SPELLED = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty'];
const spelled = (n: number): string => (n < 20 ? SPELLED[n]! : `${TENS[Math.floor(n / 10)]}${n % 10 ? `-${SPELLED[n % 10]}` : ''}`);

const pad = (n: number) => String(n).padStart(2, '0');
/** A clock range of `minutes` starting at `start` minutes after midnight, in one of several notations. */
function clockRange(start: number, minutes: number, style: number): string {
  const end = start + minutes;
  const h12 = (t: number) => (Math.floor(t / 60) % 12 || 12);
  const ampm = (t: number) => (t >= 720 ? 'p' : 'a');
  switch (style) {
    case 0:
      return `${pad(Math.floor(start / 60))}${pad(start % 60)}-${pad(Math.floor(end / 60))}${pad(end % 60)}`; // 0915-0930
    case 1:
      return `${Math.floor(start / 60)}:${pad(start % 60)}\u2013${Math.floor(end / 60)}:${pad(end % 60)}`; // 9:15–9:30
    case 2:
      return `${h12(start)}:${pad(start % 60)}${ampm(start)}-${h12(end)}:${pad(end % 60)}${ampm(end)}`; // 2:00p-2:15p
    default:
      return `${h12(start)}:${pad(start % 60)} to ${h12(end)}:${pad(end % 60)} ${ampm(end)}m`; // 2:00 to 2:15 pm
  }
}

const DURATIONS: readonly ((m: number) => string)[] = [
  (m) => `${m} min`,
  (m) => `${m} mins`,
  (m) => `${m} minutes`,
  (m) => `${m}m`,
  (m) => `${m}'`,
  (m) => `x${m}'`,
  (m) => `x ${m} min`,
  (m) => `${spelled(m)} minutes`,
  (m) => `${m}\u2032`,
];

interface Entry {
  service: (typeof SERVICES)[number];
  name: string;
  minutes: number;
  time: string;
}

const entries = fc
  .shuffledSubarray(SERVICES as (typeof SERVICES)[number][], { minLength: 1, maxLength: 3 })
  .chain((services) =>
    fc.tuple(
      ...services.map((service) =>
        fc.record({
          service: fc.constant(service),
          name: fc.constantFrom(...service.names),
          minutes: fc.integer({ min: 8, max: 45 }),
          notation: fc.integer({ min: 0, max: DURATIONS.length + 3 }),
        }),
      ),
    ),
  )
  .map((list) => {
    let clock = 8 * 60 + 5;
    return list.map(({ service, name, minutes, notation }): Entry => {
      const time = notation < DURATIONS.length ? DURATIONS[notation]!(minutes) : clockRange(clock, minutes, notation - DURATIONS.length);
      clock += minutes;
      return { service, name, minutes, time };
    });
  });

type Layout = (list: Entry[], order: number) => string;
const line = (e: Entry, order: number): string => {
  switch (order) {
    case 0:
      return `${e.name} ${e.time}: to the R upper trapezius`; // service first
    case 1:
      return `${e.time} ${e.name}, R upper trapezius`; // time first
    case 2:
      return `${e.service.code}-GP ${e.name} ${e.time}`; // code and modifier before the activity
    default:
      return `${e.name} (${e.service.code}) - ${e.time} - R upper trapezius`;
  }
};
const LAYOUTS: readonly [string, Layout][] = [
  ['bullets', (list, order) => `Tx:\n${list.map((e) => ` - ${line(e, order)}`).join('\n')}`],
  ['one line, semicolons', (list, order) => `Treatment: ${list.map((e) => line(e, order)).join('; ')}.`],
  ['numbered', (list, order) => `Interventions\n${list.map((e, i) => `${i + 1}. ${line(e, order)}`).join('\n')}`],
  ['sentences', (list, order) => list.map((e) => `${line(e, order)}.`).join(' ')],
  ['heading above each', (list) => list.map((e) => `${e.name} (${e.service.code}):\n   - R upper trapezius, ${e.time}`).join('\n')],
  ['pipe table', (list) => `| Code | Service | Min |\n|---|---|---|\n${list.map((e) => `| ${e.service.code} | ${e.name} | ${e.minutes} |`).join('\n')}`],
];

describe('time grammar: generated notes', () => {
  it('reads the minutes of every service, whatever the notation, order and layout', () => {
    fc.assert(
      fc.property(entries, fc.integer({ min: 0, max: 3 }), fc.constantFrom(...LAYOUTS), (list, order, [, layout]) => {
        const note = `S: LBP 5/10.\nO: Palpable spasm R upper trapezius.\n${layout(list, order)}\nPlan: continue 2x/wk.`;
        const chart = analyzeChart(note);
        const read = Object.fromEntries(Object.values(chart.minutesByCode).map((c) => [c.code, c.minutes]));
        expect(read, note).toEqual(Object.fromEntries(list.map((e) => [e.service.code, e.minutes])));
      }),
      { numRuns: 400 },
    );
  });

  it('reads a total under any label and notation', () => {
    const labels = ['Total timed minutes:', 'Total timed:', 'Ttl timed', 'Timed code minutes =', 'Total timed code treatment minutes'];
    fc.assert(
      fc.property(fc.constantFrom(...labels), fc.integer({ min: 8, max: 120 }), fc.constantFrom(...DURATIONS.slice(0, 5)), (label, minutes, notation) => {
        const chart = analyzeChart(`Massage 10 min.\n${label} ${notation(minutes)}`);
        expect(chart.totals.timed?.minutes).toBe(minutes);
      }),
      { numRuns: 200 },
    );
  });
});

const BEFORE_AFTER: readonly ((kind: 'pain' | 'rom', a: number, b: number) => string)[] = [
  (k, a, b) => (k === 'pain' ? `Pre: pain ${a}/10. Post: pain ${b}/10.` : `Pre: rotation ${a} deg. Post: rotation ${b} deg.`),
  (k, a, b) => (k === 'pain' ? `Pain ${a}/10 -> ${b}/10 after massage.` : `Rotation ${a} -> ${b} deg after massage.`),
  (k, a, b) => (k === 'pain' ? `Pain ${b}/10 (${a}/10 at eval).` : `Cervical rotation ${b}° (${a}° at eval).`),
  (k, a, b) => (k === 'pain' ? `Pain improved from ${a}/10 to ${b}/10.` : `Rotation improved from ${a} to ${b} degrees.`),
  (k, a, b) => (k === 'pain' ? `O: pain ${a}/10.\nPost: pain ${b}/10.` : `O: cervical rotation ${a} deg.\nPost: cervical rotation ${b} deg.`),
  (k, a, b) => (k === 'pain' ? `Pain was ${a}/10, now ${b}/10.` : `Rotation was ${a} deg, now ${b} deg.`),
];

describe('measure grammar: generated before/after notations', () => {
  it('reads a change, in the right direction, from any notation', () => {
    fc.assert(
      fc.property(fc.constantFrom('pain' as const, 'rom' as const), fc.constantFrom(...BEFORE_AFTER), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 5 }), (kind, write, base, step) => {
        const [a, b] = kind === 'pain' ? [Math.min(10, base + step), base] : [base * 10, base * 10 + step * 5];
        const chart = analyzeChart(write(kind, a, b));
        const change = chart.changes.find((c) => c.kind === kind);
        expect(change, write(kind, a, b)).toBeDefined();
        expect(change!.direction).toBe('better');
      }),
      { numRuns: 300 },
    );
  });

  it('reads a documented lack of change as no change', () => {
    for (const note of ['Pain 5/10, same as last week.', 'Flexion 45 deg (45 deg at initial).', 'Pain 4/10, unchanged.', 'LBP 5/10, no change since the initial visit.']) {
      const chart = analyzeChart(note);
      expect(chart.changes.length, note).toBeGreaterThan(0);
      expect(chart.changes.every((c) => c.direction === 'same'), note).toBe(true);
    }
  });
});
