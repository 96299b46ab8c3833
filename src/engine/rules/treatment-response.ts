// treatment-response: a massage visit with no documented response or progress. Counts: a measured
// change ("40 → 52°", "from 6/10 to 3/10"), pre and post measurements of the same kind, or response
// wording (data/lexicons/response.json). "Tolerated well" (tolerance-only.json) alone is not a response.
import type { Measurement, Mention } from '../chart';
import { defineRule } from './define';

const counts = (m: Measurement | Mention): boolean => !m.negated && !m.hypothetical && !m.historical && m.section !== 'goals';

/** Measurements are comparable when they are the same kind (and the same instrument for outcome scores). */
const measureKey = (m: Measurement): string => `${m.kind}:${m.instrument ?? ''}`;


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

    const measurements = chart.measurements.filter(counts);
    if (measurements.some((m) => m.change)) return;
    // "Pre: pain 6/10 … Post: pain 3/10": both phases of the same measure.
    const pre = new Set(measurements.filter((m) => m.phase === 'pre').map(measureKey));
    if (measurements.some((m) => m.phase === 'post' && pre.has(measureKey(m)))) return;

    const measuredSentences = new Set(measurements.map((m) => m.sentence));
    for (const m of chart.mentions.response ?? []) {
      if (!counts(m)) continue;
      // "post-treatment" on its own is a heading for the response, not the response: it needs a measure.
      if (m.entry === 'pre-post' && !measuredSentences.has(m.sentence)) continue;
      return;
    }

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
