// technique-and-region: 97124 without a named massage technique, or without the body region it was
// applied to: two distinct findings. Vocabulary: data/lexicons/massage-technique.json, body-region.json.
import type { Chart, Mention } from '../chart';
import { isMassage } from '../codes';
import { defineRule } from './define';

/** Documentation of what was done today: not negated, hypothetical, historical or the home program. */
const performed = (m: Mention): boolean => !m.negated && !m.hypothetical && !m.historical && !m.home;

/** "97124" typed in the note names the code, not the work; billing sections list codes, not care. */
const describesWork = (m: Mention): boolean => performed(m) && m.section !== 'billing' && !/^\d+$/.test(m.text);

/**
 * With no claim lines, only a massage performed today puts the note in scope: minutes documented for
 * it, or "massage" in a sentence naming a technique. "Better with massage", a plan to refer to a
 * massage therapist or tissue "massaged and closed" in an operative note are not a 97124 service.
 */
function massagePerformedToday(chart: Chart): boolean {
  if (Object.keys(chart.minutesByCode).some(isMassage)) return true;
  const techniqueSentences = new Set((chart.mentions['massage-technique'] ?? []).filter(performed).map((m) => m.sentence));
  return (chart.mentions['massage-service'] ?? []).some((m) => performed(m) && techniqueSentences.has(m.sentence));
}

export default defineRule({
  meta: {
    id: 'technique-and-region',
    title: 'Massage technique or body region not documented',
    defaultSeverity: 'warning',
    scope: 'line',
    rationale:
      '97124 is defined by its techniques (effleurage, petrissage, tapotement: stroking, kneading, compression, percussion) applied to named body areas. Without the technique a reviewer cannot tell massage from manual therapy (97140) or a device; without the region the service cannot be tied to the impairment or separated from other services.',
    howToFix:
      'Write what was done and where: "97124 therapeutic massage 15 min, R upper trapezius and levator scapulae: effleurage, petrissage (kneading) and sustained compression to reduce palpable hypertonicity".',
    citations: [
      { title: 'Coding Ahead: CPT 97124 therapeutic massage (effleurage, petrissage, tapotement)', url: 'https://www.codingahead.com/cpt-97124-therapeutic-massage-1-or-more-areas-15-minutes/' },
      { title: 'Manual therapy documentation elements: technique and anatomical region named specifically', url: 'https://mirahealth.care/reference/cpt/97140' },
      { title: 'SPRY: CPT 97124 therapeutic massage', url: 'https://thesprypt.com/cpt-codes/97124' },
    ],
  },
  check({ chart, facts, report }) {
    const massageLines = facts.lines.filter((l) => isMassage(l.code));
    const services = (chart.mentions['massage-service'] ?? []).filter(performed);
    if (facts.lines.length > 0 ? massageLines.length === 0 : !massagePerformedToday(chart)) return;

    const techniques = (chart.mentions['massage-technique'] ?? []).filter(performed);
    // A region counts where hands-on work is described: that sentence, or a neighbour in the same
    // section ("Massage 15 min with effleurage.\nBilateral lumbar paraspinals.").
    const workSentences = new Set<number>();
    for (const m of [...services.filter(describesWork), ...techniques, ...(chart.mentions['manual-therapy'] ?? []).filter(performed)]) workSentences.add(m.sentence);
    const sameSection = (a: number, b: number) => chart.sentences[a]?.section === chart.sentences[b]?.section;
    const region = (chart.mentions['body-region'] ?? []).some((m) => {
      if (m.negated || m.historical) return false;
      const s = m.sentence;
      return workSentences.has(s) || (workSentences.has(s - 1) && sameSection(s, s - 1)) || (workSentences.has(s + 1) && sameSection(s, s + 1));
    });
    if (techniques.length > 0 && region) return;

    // Point at the massage entry itself: that is where the technique and region belong.
    const entry = services.find(describesWork);
    const targets: { line?: number; label: string }[] =
      massageLines.length > 0 ? massageLines.map((l) => ({ line: l.index, label: `${l.code} is billed (line ${l.index + 1})` })) : [{ label: 'Massage is documented' }];
    for (const target of targets) {
      const where = { ...(entry ? { span: entry } : {}), ...(target.line !== undefined ? { line: target.line } : {}) };
      if (techniques.length === 0) {
        report({
          message: `${target.label} but the note names no massage technique (effleurage/stroking, petrissage/kneading, tapotement/percussion, compression, friction)`,
          suggestion: 'Name the technique, e.g. "effleurage and petrissage (kneading) with sustained compression".',
          ...where,
        });
      }
      if (!region) {
        report({
          message: `${target.label} but the note does not name the body region the massage was applied to`,
          suggestion: 'Name the region and muscles, e.g. "R upper trapezius and levator scapulae" or "bilateral lumbar paraspinals".',
          ...where,
        });
      }
    }
  },
});
