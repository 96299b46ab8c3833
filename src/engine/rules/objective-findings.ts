// objective-findings: 97124 billed (or massage documented with no claim lines) but the note asserts no
// objective impairment: no palpable spasm, hypertonicity, guarding, trigger points, tenderness, edema,
// and no measurement (ROM degrees, pain rating, girth, graded tenderness, outcome-measure score).
// Vocabulary: data/lexicons/objective-findings.json; measurements come from the chart.
import { defineRule } from './define';

const MESSAGE_TAIL =
  'no palpable spasm, hypertonicity, guarding, trigger points, tenderness, edema, ROM in degrees, pain rating or outcome-measure score';


export default defineRule({
  meta: {
    id: 'objective-findings',
    title: 'No objective findings for massage',
    defaultSeverity: 'warning',
    scope: 'line',
    rationale:
      'Payers pay 97124 only when the note shows a treatable impairment. Without a measured or palpated finding (spasm, guarding, ROM in degrees, pain rating, girth), a reviewer cannot tell why a skilled massage was needed and denies it as not reasonable and necessary.',
    howToFix:
      'Document what you found before the massage, with a number where one exists: "palpable hypertonicity and guarding R upper trapezius, TTP grade 2; cervical rotation R 40°; pain 6/10; NDI 32%".',
    citations: [
      { title: 'Coding massage therapy 97124 and manual therapy 97140: goals, documented edema, joint motion by degrees, objective measures', url: 'https://deploy.doczz.net/doc/6541919/coding-massage-therapy--97124--and-manual-therapy--97140-' },
      { title: 'Medicare LCD language: conditions that must be present and documented for massage', url: 'http://www.whatismedicalinsurancebilling.org/2010/07/cpt-code-97140-and-97124-massage.html' },
      { title: 'Medicare: improvement is evidenced by successive objective measurements', url: 'https://medicarepaymentandreimbursement.com/2010/09/massage-therapy-billing-cpt-97010-97124.html' },
    ],
  },
  check({ chart, facts, report }) {
    const massageLines = facts.massage.lines;
    if (!facts.massage.inScope) return;

    // Negated ("no palpable spasm"), hypothetical ("will assess for trigger points") and historical
    // ("history of spasm") mentions are not findings today.
    if (chart.asserted('objective-findings').length > 0) return;
    // Only impairment measures count (ROM, pain, tone, girth…): a load carried or a distance walked is function.
    if (chart.measurements.some((m) => m.impairment && !m.negated && !m.hypothetical && !m.historical)) return;

    const suggestion = 'Add the finding the massage treats, e.g. "Palpable hypertonicity and guarding R upper trapezius; cervical rotation R 40°; pain 6/10."';
    if (massageLines.length === 0) {
      report({ message: `Massage is documented but the note records no objective impairment: ${MESSAGE_TAIL}`, suggestion });
      return;
    }
    for (const line of massageLines) {
      report({
        message: `${line.code} is billed (line ${line.index + 1}) but the note records no objective impairment: ${MESSAGE_TAIL}`,
        line: line.index,
        suggestion,
      });
    }
  },
});
