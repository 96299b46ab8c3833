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
    if (!facts.massage.inScope) return;

    // A functional goal or limitation the grammar read (goals.ts): "sit through a 4-hr shift",
    // "limits typing to 15 min", "increase ROM to allow overhead reach". Goals are future by nature,
    // so hypothetical ones count; negated ("denies difficulty driving") and past ones do not.
    const stated = chart.goals.filter((g) => !g.negated && !g.historical);
    if (stated.some((g) => g.kind === 'functional')) return;
    // Activity words the vocabulary knows (driving, lifting, sleep…) anywhere the note asserts them.
    // A negated activity does not count, unless the negation is the limitation ("not able to reach").
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

    // Point at the stated purpose of the massage, else the goal: it is where the activity is missing.
    const massageSentences = new Set([...chart.asserted('massage-service'), ...chart.asserted('massage-technique')].map((m) => m.sentence));
    const missing = stated.filter((g) => g.kind === 'impairment' || g.kind === 'comfort');
    const goal = missing.find((g) => g.source === 'purpose' && massageSentences.has(g.sentence)) ?? missing.find((g) => g.source === 'goal');
    const suggestion =
      'Name the limited activity and the goal, e.g. "R cervical rotation limited by hypertonicity, unable to check blind spot when driving; goal: drive 30 min without pain in 4 weeks".';
    if (goal) {
      const what = goal.kind === 'comfort' ? 'comfort, not an activity' : 'an impairment, not an activity';
      const sentence = chart.sentences[goal.sentence];
      report({
        message: `The stated ${goal.source === 'purpose' ? 'purpose' : 'goal'} ("${goal.text}") names ${what}, and the note documents no functional limitation the massage serves`,
        span: sentence && sentence.end - sentence.start <= 160 ? sentence : goal,
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
