// episode-duration: massage beyond the payer's acute-phase window (days from onset to the date of
// service) or visit count, without documented progress. Both thresholds are profile data
// (`maxDaysFromOnset`, `maxVisits`): configurable scrutiny points, not published limits.
import type { Chart, Span } from '../chart';
import { defineRule, unchangedSentences } from './define';

// When a profile sets nothing: the HNS scrutiny point for visits, and no day limit (none is published
// for most payers; a profile that has one, such as Aetna's reported 2 weeks, sets maxDaysFromOnset).
const DEFAULT_MAX_VISITS = 3;
const DEFAULT_MAX_DAYS: number | undefined = undefined;
const PROGRESS_ENTRIES = new Set(['change', 'progress']);

function positiveNumber(value: unknown, fallback: number | undefined): number | undefined {
  if (value === null || value === false) return undefined; // a profile may switch one threshold off
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function daysBetween(from: string, to: string): number | undefined {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Number.isFinite(a) && Number.isFinite(b) ? Math.round((b - a) / 86_400_000) : undefined;
}

/** Progress the note documents: progress/change wording, or a measure that got better (chart.changes). */
function documentsProgress(chart: Chart): boolean {
  const planning = (section: string) => section === 'goals' || section === 'plan';
  // "ROM 40 deg, no different than last week": the comparison words frame a documented lack of change.
  const unchanged = unchangedSentences(chart);
  const wording = (chart.mentions.response ?? []).some(
    (m) => PROGRESS_ENTRIES.has(m.entry) && !m.negated && !m.hypothetical && !planning(m.section) && !(m.entry === 'progress' && unchanged.has(m.sentence)),
  );
  if (wording) return true;
  return chart.changes.some((c) => !c.negated && !c.hypothetical && !planning(c.section) && c.direction === 'better');
}

export default defineRule({
  meta: {
    id: 'episode-duration',
    title: 'Massage beyond the acute phase without documented progress',
    defaultSeverity: 'warning',
    scope: 'episode',
    rationale:
      'Payers treat massage as a short-term, early-phase intervention. Massage that continues past the acute window or past a few visits without measurable progress reads as maintenance or comfort care and is denied as not medically necessary.',
    howToFix:
      'When massage continues, document the change since the last visit or the evaluation (e.g. "cervical rotation 40° → 55° over 3 visits; pain 6/10 → 3/10"), why massage is still needed, and the plan to taper it toward active therapy and a home program.',
    citations: [
      { title: 'Medicare: improvement is evidenced by successive objective measurements', url: 'https://medicarepaymentandreimbursement.com/2010/09/massage-therapy-billing-cpt-97010-97124.html' },
      { title: 'Health Network Solutions: massage scrutinized when billed for more than 3 visits', url: 'https://healthnetworksolutions.net/index.php/massage-therapy-97124' },
      { title: 'Aetna massage coverage limited to the acute phase (initial 2-week period, UNCONFIRMED in the CPB text)', url: 'https://www.cgaa.org/article/does-aetna-insurance-cover-massage-therapy' },
    ],
  },
  check({ chart, facts, options, report }) {
    if (!facts.massage.inScope) return;

    const maxVisits = positiveNumber(options.maxVisits, DEFAULT_MAX_VISITS);
    const maxDays = positiveNumber(options.maxDaysFromOnset, DEFAULT_MAX_DAYS);
    const { visitNumber, onsetDate, dateOfService } = facts.episode;
    const days = onsetDate && dateOfService ? daysBetween(onsetDate.value, dateOfService.value) : undefined;

    const reasons: string[] = [];
    let span: Span | undefined;
    if (maxVisits !== undefined && visitNumber && visitNumber.value > maxVisits) {
      reasons.push(`visit ${visitNumber.value}, past this profile's ${maxVisits}-visit scrutiny point`);
      span = visitNumber.span;
    }
    // A negative gap is a data error (onset after the visit), not a short episode: leave it alone.
    if (maxDays !== undefined && days !== undefined && days > maxDays) {
      reasons.push(`${days} days after onset (${onsetDate!.value}), past this profile's ${maxDays}-day acute-phase window`);
      span ??= onsetDate!.span ?? dateOfService!.span;
    }
    if (reasons.length === 0 || documentsProgress(chart)) return;
    report({
      message: `Massage billed on ${reasons.join(' and ')}, with no documented progress (no change since earlier visits and no improved measurement); the thresholds are configurable profile data, not published limits`,
      span,
      suggestion: 'Document measurable change since the last visit or the evaluation, why massage is still needed, and the plan to taper it toward active therapy.',
    });
  },
});
