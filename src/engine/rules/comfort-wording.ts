// comfort-wording: relaxation / stress relief / wellness wording in a massage context.
// Vocabulary and its exceptions live in data/lexicons/comfort.json (a compliance lead edits them).
import { isMassage } from '../codes';
import { defineRule } from './define';

/** Sections where any comfort word describes the care, even without "massage" in the sentence. */
const CARE_SECTIONS = new Set(['treatment', 'assessment', 'plan', 'goals']);

export default defineRule({
  meta: {
    id: 'comfort-wording',
    title: 'Comfort or relaxation wording',
    defaultSeverity: 'error',
    scope: 'visit',
    rationale:
      'Payers pay 97124 as a skilled intervention for a medical problem, not a comfort service. Massage documented for relaxation, stress relief or well-being is the most frequent reason it is denied as not reasonable and necessary.',
    howToFix:
      'Describe the impairment the massage treats (spasm, hypertonicity, guarding, edema, restricted tissue) and the function it restores. "Relaxation in preparation for therapeutic exercise" is an accepted indication; say so explicitly if that is the purpose.',
    citations: [
      { title: 'Health Network Solutions: massage therapy 97124 (relaxation, stress relief not billable)', url: 'https://healthnetworksolutions.net/index.php/massage-therapy-97124' },
      { title: 'Coding massage therapy 97124 and manual therapy 97140', url: 'https://deploy.doczz.net/doc/6541919/coding-massage-therapy--97124--and-manual-therapy--97140-' },
      { title: 'Medicare LCD language: relaxation in preparation for exercise is an accepted indication', url: 'http://www.whatismedicalinsurancebilling.org/2010/07/cpt-code-97140-and-97124-massage.html' },
    ],
  },
  check({ chart, facts, report }) {
    const massageBilled = facts.lines.some((l) => isMassage(l.code));
    const massageDocumented = (chart.mentions['massage-service'] ?? []).length > 0;
    // Only a massage claim (or, with no claim lines, a note about massage) is in scope.
    if (facts.lines.length > 0 ? !massageBilled : !massageDocumented) return;

    const massageSentences = new Set<number>();
    for (const id of ['massage-service', 'massage-technique']) {
      for (const m of chart.mentions[id] ?? []) if (!m.negated) massageSentences.add(m.sentence);
    }
    // A sentence naming today's session as a whole ("this visit was aimed at …") states its purpose.
    const sessionSentences = new Set<number>();
    for (const m of chart.mentions['session-reference'] ?? []) if (!m.negated) sessionSentences.add(m.sentence);
    for (const m of chart.mentions.comfort ?? []) {
      // A job or workplace ("spa receptionist") does not present this massage as comfort care, nor does
      // the patient's own account (the chart's reported scope): a wish ("wants a massage to unwind") or a
      // report of something else ("pt states relaxation is her favourite part"). The patient's words about
      // the service itself ("says it is so soothing": reported 'about-service') record the session and count.
      if (m.negated || m.historical || m.role || m.reported === 'wants' || m.reported === 'says') continue;
      const nearMassage = massageSentences.has(m.sentence) || massageSentences.has(m.sentence - 1) || massageSentences.has(m.sentence + 1);
      if (!nearMassage && !sessionSentences.has(m.sentence) && !CARE_SECTIONS.has(m.section)) continue;
      report({
        message: `"${m.text}" presents the massage as comfort care rather than skilled treatment of an impairment`,
        span: m,
        suggestion: 'Replace with the impairment and goal, e.g. "to reduce palpable hypertonicity limiting cervical rotation needed for driving".',
      });
    }
  },
});
