// massage-trend: massage keeps being billed in an episode past the payer's window (visits or days)
// while the objective measures the notes record (pain, range of motion, tolerances…) have not
// improved from the episode's first massage visit: suggest moving to active care.
import type { MeasurementKind } from '../../chart/types';
import type { SeriesMeasure, VisitRecord } from '../record';
import type { ThresholdName } from '../thresholds';
import { defineHistoryRule } from './define';
import { daysBetween, listWords, visitName } from '../words';

const KIND_LABEL: Partial<Record<MeasurementKind, string>> = { rom: 'ROM', pain: 'pain', mmt: 'manual muscle test', outcome: 'outcome score', tolerance: 'tolerance' };
const UNIT: Partial<Record<MeasurementKind, string>> = { rom: '°', pain: '/10', tolerance: ' min', percent: '%' };

interface Trend {
  kind: MeasurementKind;
  from: number;
  to: number;
  improved: boolean;
}

/** How much better a measure must get to count: points of pain, degrees of motion, else a share of the first value. */
function improvement(kind: MeasurementKind, from: number, threshold: (name: ThresholdName) => number | undefined): number {
  if (kind === 'pain') return threshold('painImprovement') ?? 0;
  if (kind === 'rom') return threshold('romImprovement') ?? 0;
  return Math.abs(from) * (threshold('otherImprovement') ?? 0);
}

/** Each measure recorded at two or more visits: its first and latest value, and whether it improved enough. */
function trends(visits: readonly VisitRecord[], threshold: (name: ThresholdName) => number | undefined): Trend[] {
  const first = new Map<number, SeriesMeasure>();
  const last = new Map<number, SeriesMeasure>();
  const counted = new Map<number, number>();
  for (const visit of visits) {
    for (const m of visit.measures) {
      if (!first.has(m.key)) first.set(m.key, m);
      last.set(m.key, m);
      counted.set(m.key, (counted.get(m.key) ?? 0) + 1);
    }
  }
  const out: Trend[] = [];
  for (const [key, a] of first) {
    if ((counted.get(key) ?? 0) < 2) continue;
    const b = last.get(key)!;
    const gain = a.better === 'higher' ? b.value - a.value : a.value - b.value;
    const needed = improvement(a.kind, a.value, threshold);
    out.push({ kind: a.kind, from: a.value, to: b.value, improved: gain > 0 && gain >= needed });
  }
  return out;
}

const shown = (t: Trend): string => {
  const unit = UNIT[t.kind] ?? '';
  return `${KIND_LABEL[t.kind] ?? t.kind} ${t.from}${unit} → ${t.to}${unit}`;
};

export default defineHistoryRule({
  meta: {
    id: 'massage-trend',
    title: 'Massage continuing without measured improvement',
    defaultSeverity: 'warning',
    scope: 'episode',
    rationale:
      'Payers cover massage as a short, early-phase treatment that must show measurable progress over successive visits. Sessions that continue past the window with the same pain, motion and tolerances read as maintenance or comfort care and are denied as not medically necessary.',
    howToFix:
      'Show the change over time with the same measures each visit (e.g. rotation 40° to 55° over 3 visits), or move the plan toward active care (therapeutic exercise, neuromuscular re-education, a home program) and say why massage is still needed while that happens.',
    citations: [
      { title: 'Medicare: improvement is evidenced by successive objective measurements', url: 'https://medicarepaymentandreimbursement.com/2010/09/massage-therapy-billing-cpt-97010-97124.html' },
      { title: 'Health Network Solutions: massage scrutinized when billed for more than 3 visits', url: 'https://healthnetworksolutions.net/index.php/massage-therapy-97124' },
      { title: 'BCBS Kansas: ongoing treatment after a clinical plateau is maintenance care, not payable', url: 'https://abcdocz.com/doc/299852/c-h-i' },
    ],
  },
  thresholds: ['massageVisits', 'massageDays', 'painImprovement', 'romImprovement', 'otherImprovement'],
  check({ current, earlier, threshold, report }) {
    if (!current.massage) return;
    const episode = [...earlier.filter((r) => r.episode === current.episode), current];
    const massage = episode.filter((r) => r.massage);
    const start = massage[0]!;
    const maxVisits = threshold('massageVisits');
    const maxDays = threshold('massageDays');
    const days = start.date && current.date ? daysBetween(start.date, current.date) : undefined;
    const reasons: string[] = [];
    if (maxVisits !== undefined && massage.length > maxVisits) reasons.push(`past this profile's ${maxVisits}-visit window`);
    if (maxDays !== undefined && days !== undefined && days > maxDays) reasons.push(`past this profile's ${maxDays}-day window`);
    if (reasons.length === 0) return;

    const measured = trends(massage, threshold);
    if (measured.some((t) => t.improved)) return;
    // A note that itself documents a measure improving since an earlier visit counts as progress.
    if (massage.slice(1).some((r) => r.progress)) return;

    const units = massage.map((r) => r.massageUnits).join(', ');
    const span = days !== undefined ? `, ${days} days` : '';
    const measures =
      measured.length > 0
        ? `no measure improved enough to count (${listWords(measured.slice(0, 4).map(shown))})`
        : 'no objective measure was recorded at two of these visits to show a change';
    report({
      message: `Massage billed at ${massage.length} visits of this episode since ${visitName(start)}${span} (97124 units ${units}), ${listWords(reasons)}, and ${measures}`,
      suggestion: 'Move toward active care (therapeutic exercise 97110, neuromuscular re-education 97112, a home program), or record the same measures each visit and why massage is still needed.',
    });
  },
});
