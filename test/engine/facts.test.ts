// VisitFacts.noteMinutes: the note's minutes per code as the claim's codes see them. Hands-on time
// written under another name than the billed one (the claim bills massage, the note times soft-tissue
// mobilisation) is filed under the billed code once, so no rule counts it twice or calls it missing.
import { describe, expect, it } from 'vitest';
import { analyzeChart } from '../../src/engine/chart';
import { buildFacts } from '../../src/engine/facts';
import type { Visit } from '../../src/engine';

const factsOf = (visit: Visit) => buildFacts(visit, analyzeChart(visit.note, { billedCodes: visit.lines.map((l) => l.code) }), 'cms');

describe('noteMinutes', () => {
  const renamed: { name: string; visit: Visit; noteCode: string; lineCode: string; minutes: number }[] = [
    {
      name: 'massage billed, soft-tissue mobilisation timed',
      visit: { note: 'Soft tissue mobilization to L levator scapulae 13 min.\nTher ex 18 min: chin tucks, rows.', lines: [{ code: '97124', units: 1 }, { code: '97110', units: 1 }] },
      noteCode: '97140',
      lineCode: '97124',
      minutes: 13,
    },
    {
      name: 'manual therapy billed, massage timed',
      visit: { note: 'Therapeutic massage R calf 10 min.\nGait training 16 min.', lines: [{ code: '97140', units: 1 }, { code: '97116', units: 1 }] },
      noteCode: '97124',
      lineCode: '97140',
      minutes: 10,
    },
  ];
  for (const c of renamed) {
    it(`files renamed time under the billed code: ${c.name}`, () => {
      const facts = factsOf(c.visit);
      expect(facts.renamedTime).toEqual({ noteCode: c.noteCode, lineCode: c.lineCode });
      expect(facts.noteMinutes[c.lineCode]?.minutes).toBe(c.minutes);
      expect(facts.noteMinutes[c.noteCode]).toBeUndefined();
      expect(facts.lines.find((l) => l.code === c.lineCode)?.minutes).toBe(c.minutes);
      // Counted once: the renamed code takes no share of the units as an unbilled service.
      expect(Object.keys(facts.units.minutesByCode)).not.toContain(c.noteCode);
    });
  }

  const notRenamed: { name: string; visit: Visit }[] = [
    {
      name: 'both hands-on codes billed, each with its time',
      visit: { note: 'Massage to R upper trap 10 min. Joint mobs C5-6 grade III 9 min.', lines: [{ code: '97124', units: 1 }, { code: '97140', units: 1 }] },
    },
    {
      name: 'the billed hands-on code has time of its own',
      visit: { note: 'Effleurage and petrissage bilateral lumbar paraspinals 15 min. IASTM R ITB 8 min.', lines: [{ code: '97124', units: 1 }] },
    },
    {
      name: 'the timed code is not hands-on',
      visit: { note: 'Ther ex 24 min: clamshells, bridges.', lines: [{ code: '97124', units: 1 }] },
    },
  ];
  for (const c of notRenamed) {
    it(`keeps the chart's minutes when nothing is renamed: ${c.name}`, () => {
      const visit = c.visit;
      const chart = analyzeChart(visit.note, { billedCodes: visit.lines.map((l) => l.code) });
      const facts = buildFacts(visit, chart, 'cms');
      expect(facts.renamedTime).toBeUndefined();
      expect(facts.noteMinutes).toEqual(chart.minutesByCode);
    });
  }

  it('a billed timed code the note says was not given has no minutes to support its units', () => {
    const visit: Visit = {
      payer: 'Medicare',
      note: 'Massage 12 min to L calf, kneading.\nGait training deferred, pt dizzy.\nTotal timed minutes: 12.',
      lines: [{ code: '97124', units: 1 }, { code: '97116', units: 1 }],
    };
    const facts = factsOf(visit);
    expect(facts.units.minutesByCode).toEqual({ '97124': 12, '97116': 0 });
    expect(facts.units.expected).toEqual({ '97124': 1, '97116': 0 });
  });
});
