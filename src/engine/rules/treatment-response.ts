// treatment-response: a massage visit with no documented response or progress. Counts: a change the
// chart read (chart.changes: pre/post pairs, "40 → 52°", "52° (40° at eval)", "from 6/10 to 3/10"),
// or response wording (data/lexicons/response.json), or a function the patient performed written under
// the response ("Post: …"). A documented lack of change ("5/10, same as last
// week", "45° (45° at initial)") and "tolerated well" (tolerance-only.json) are not a response.
import type { MeasureChange, Mention } from '../chart';
import { defineRule, unchangedSentences } from './define';

/** Progress wording that only names what is compared with ("since last visit", "compared to initial", "from baseline"). */
const COMPARISON_FRAME = /^(?:since|compared|from|vs)\b/i;

const counts = (m: MeasureChange | Mention): boolean => !m.negated && !m.hypothetical && !m.historical && m.section !== 'goals' && m.section !== 'plan';


export default defineRule({
  meta: {
    id: 'treatment-response',
    title: 'No documented response to massage',
    defaultSeverity: 'warning',
    scope: 'visit',
    rationale:
      'Payers keep paying for massage only while it produces measurable change. A note without a response (pre/post measures, change since the last visit, progress toward goals) looks like maintenance care, and "tolerated well" says only that the patient put up with it.',
    howToFix:
      'Record the same measure before and after the massage, or the change since the last visit: "Pre: pain 6/10, rotation 40°. Post: pain 3/10, rotation 52°" or "cervical rotation improved from 40° to 55° over 3 visits, now able to check blind spot".',
    citations: [
      { title: 'Medicare: improvement is evidenced by successive objective measurements', url: 'https://medicarepaymentandreimbursement.com/2010/09/massage-therapy-billing-cpt-97010-97124.html' },
      { title: 'eviCore massage therapy guideline: baseline functional limits and objective progress', url: 'https://verity.backworkai.com/policy/EVICORE-MASSAGE-THERAPY' },
      { title: 'PT Management: Cigna requires documented functional improvement and progress reports', url: 'https://pt-management.com/billing/cigna-updates-its-pt-coverage-policy/' },
    ],
  },
  check({ chart, facts, report }) {
    if (!facts.massage.inScope) return;

    if (chart.changes.some((c) => counts(c) && c.direction !== 'same')) return;

    const measuredSentences = new Set(chart.measurements.filter((m) => !m.negated).map((m) => m.sentence));
    // "No improvement since last session", "stiffness 6/10, same as Tuesday": the comparison words frame a
    // documented lack of change, not progress.
    const unchanged = unchangedSentences(chart);
    for (const m of chart.mentions.response ?? []) {
      if (!counts(m) || m.entry === 'no-change') continue;
      if (m.entry === 'progress' && unchanged.has(m.sentence) && COMPARISON_FRAME.test(m.text)) continue;
      // "post-treatment" on its own is a heading for the response, not the response: it needs a measure.
      if (m.entry === 'pre-post' && !measuredSentences.has(m.sentence)) continue;
      return;
    }

    // What the patient could do after the treatment, written as the response ("Post: fastened her bra
    // independently", "Post: stood 10 min at the counter"), is a documented response.
    if ((chart.mentions.functional ?? []).some((m) => counts(m) && m.section === 'response')) return;

    const tolerance = (chart.mentions['tolerance-only'] ?? []).find((m) => !m.hypothetical && !m.historical);
    // The first visit has no earlier visit to compare with: ask for a within-session response, softly.
    const firstVisit = facts.episode.visitNumber?.value === 1;
    const suggestion =
      'Record a measure before and after the massage (e.g. "Pre: pain 6/10, R rotation 40°. Post: pain 3/10, R rotation 52°") or the change since the last visit.';
    if (tolerance) {
      report({
        message: `"${tolerance.text}" is the only response documented: tolerating the massage is not a response to it, and no pre/post measure or progress is recorded`,
        span: tolerance,
        suggestion,
        ...(firstVisit ? { severity: 'info' as const } : {}),
      });
      return;
    }
    report({
      message: 'The note documents no response to the massage: no pre/post measure, no change since the last visit and no progress toward goals',
      suggestion,
      ...(firstVisit ? { severity: 'info' as const } : {}),
    });
  },
});
