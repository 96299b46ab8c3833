// functional-goal: a massage visit whose note names no functional limitation or goal the massage
// serves (driving, lifting, reaching, sleep, work tasks, gait, ADLs…).
// Vocabulary: data/lexicons/functional.json and goal-language.json.
import type { Mention } from '../chart';
import { defineRule } from './define';

/** Functional outcome measures document an activity limitation; a pain scale does not. */
const PAIN_ONLY_INSTRUMENTS = new Set(['pain-scale']);


export default defineRule({
  meta: {
    id: 'functional-goal',
    title: 'No functional limitation or goal',
    defaultSeverity: 'warning',
    scope: 'visit',
    rationale:
      'Payers cover massage when it restores function within a plan of care. A note that never says which activity is limited (driving, lifting, sleep, work tasks, walking, self-care) or which functional goal the massage serves reads as comfort or maintenance care and is denied.',
    howToFix:
      'Name the activity the impairment limits and the goal it serves: "hypertonicity limits R cervical rotation needed for driving; goal: check blind spot without pain within 4 weeks". A functional outcome measure (NDI, ODI, LEFS, PSFS) also documents the limitation.',
    citations: [
      { title: 'Palmetto GBA (MAC): a disabling condition with activity limitations and participation restrictions', url: 'https://www.palmettogba.com/palmetto/jja.nsf/DID/B8RRCY2785' },
      { title: 'PT Management: Cigna requires long- and short-term goals in the plan of care', url: 'https://pt-management.com/billing/cigna-updates-its-pt-coverage-policy/' },
      { title: 'Manual therapy documentation elements: functional limitation and functional activity outcomes', url: 'https://mirahealth.care/reference/cpt/97140' },
    ],
  },
  check({ chart, facts, report }) {
    const massageMentions = chart.asserted('massage-service');
    if (!facts.massage.inScope) return;

    // Goals are future by nature ("will drive 30 minutes"), so hypothetical mentions count. A negated
    // activity ("denies difficulty with driving") does not, unless the negation is the limitation
    // itself ("not able to reach overhead").
    const negationTriggers = chart.mentions['negation-pre'] ?? [];
    let n = 0;
    const negationInside = (m: Mention): boolean => {
      while (n < negationTriggers.length && negationTriggers[n]!.end <= m.start) n++;
      const trigger = negationTriggers[n];
      return trigger !== undefined && trigger.start >= m.start && trigger.end <= m.end;
    };
    const functional = (chart.mentions.functional ?? []).some((m) => !m.historical && (!m.negated || (m.entry === 'limitation-words' && negationInside(m))));
    if (functional) return;
    const functionalMeasure = chart.measurements.some(
      (m) => m.kind === 'outcome' && !m.negated && !m.hypothetical && !m.historical && !PAIN_ONLY_INSTRUMENTS.has(m.instrument ?? ''),
    );
    if (functionalMeasure) return;

    // Point at the stated purpose or goal when there is one: it is where the activity is missing.
    const massageSentences = new Set<number>();
    for (const m of [...massageMentions, ...chart.asserted('massage-technique')]) massageSentences.add(m.sentence);
    const goals = (chart.mentions['goal-language'] ?? []).filter((m) => !m.negated && !m.historical);
    const goal = goals.find((m) => massageSentences.has(m.sentence)) ?? goals.find((m) => m.section === 'goals' || m.entry === 'goal');

    const suggestion =
      'Name the limited activity and the goal, e.g. "R cervical rotation limited by hypertonicity, unable to check blind spot when driving; goal: drive 30 min without pain in 4 weeks".';
    if (goal) {
      const sentence = chart.sentences[goal.sentence];
      const span = sentence && sentence.end - sentence.start <= 160 ? sentence : goal;
      report({
        message: `The stated purpose or goal ("${chart.text.slice(span.start, span.end)}") names no functional activity, and the note documents no functional limitation the massage serves`,
        span,
        suggestion,
      });
      return;
    }
    report({
      message: 'The note documents no functional limitation or functional goal the massage serves (driving, lifting, reaching, sleep, work tasks, walking, self-care)',
      suggestion,
    });
  },
});
