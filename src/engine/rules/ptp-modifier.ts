// ptp-modifier: two codes of an NCCI-style procedure-to-procedure pair billed on the same date
// (97124 with CMT 98940-98942 or 97140, …) without a distinct-service modifier on the column-2 code.
// The pairs, their modifier indicator and how sure we are of each live in data/code-pairs.json.
import { type CodePair, pairsAmong } from '../data/code-pairs';
import type { FactLine } from '../facts';
import type { RuleContext } from '../types';
import { defineRule } from './define';

const DEFAULT_BYPASS = ['59', 'XE', 'XS', 'XP', 'XU'];

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.map((v) => v.toUpperCase()) : undefined;
}

/** Per-payer indicator overrides by pair id ({"97140-97124": 0}), for a payer that never pays both. */
function indicatorOverrides(value: unknown): Record<string, 0 | 1 | 9> {
  const out: Record<string, 0 | 1 | 9> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [id, v] of Object.entries(value)) if (v === 0 || v === 1 || v === 9) out[id] = v;
  }
  return out;
}

/** Where the note lists this line ("97124-GP x2"), so the finding can point at it. */
function lineSpan(ctx: RuleContext, line: FactLine): { start: number; end: number } | undefined {
  if (line.noteSpan) return line.noteSpan;
  const listed = ctx.chart.noteLines.find((l) => l.code === line.code);
  return listed ? { start: listed.start, end: listed.end } : undefined;
}

export default defineRule({
  meta: {
    id: 'ptp-modifier',
    title: 'Bundled code pair without a distinct-service modifier',
    defaultSeverity: 'error',
    scope: 'claim',
    rationale:
      'Correct Coding Initiative edits pay only one code of a bundled pair on the same date (the column-1 code) unless the column-2 code carries 59 or XE/XS/XP/XU and the record shows the services were distinct. Massage billed with a chiropractic adjustment (98940-98942) or with manual therapy (97140) is the classic 97124 denial.',
    howToFix:
      'If the services were truly distinct (separate region, separate time block or encounter), add the fitting modifier (XS, XE, XU, XP, or 59 when no X modifier fits) to the column-2 code and document the separation. If they were not, bill only the code that describes the service. Pairs with indicator 0 cannot be billed together at all.',
    citations: [
      { title: 'NCCI modifier indicators and where the modifier goes (column 2)', url: 'https://aapc.com/codes/coding-newsletters/my-physical-medicine-rehab-coding-alert/reader-questions-get-confident-with-your-modifier-59-placement-article' },
      { title: 'Chiropractic Economics: NCCI edits on 97112, 97124 and 97140 with CMT 98940-98942', url: 'https://www.chiroeco.com/payment-for-precision-changes-to-the-59-modifier-for-therapeutic-procedure-codes/' },
      { title: 'CMS MLN SE0715: modifier 59 and the NCCI', url: 'http://www.empiremedicare.com/mir_combined/2007-7ab/SE0715.htm' },
      { title: 'Coding Ahead: 97124 with 97140 (sources conflict; UNCONFIRMED)', url: 'https://www.codingahead.com/cpt-code-97124-description-guidelines-reimbursement-modifiers-examples/' },
    ],
  },
  check(ctx) {
    const { facts, options, report } = ctx;
    const bypass = new Set(stringList(options.bypassModifiers) ?? DEFAULT_BYPASS);
    const byCode = new Map<string, FactLine[]>();
    for (const line of facts.lines) {
      const list = byCode.get(line.code);
      if (list) list.push(line);
      else byCode.set(line.code, [line]);
    }
    const bypassOn = (line: FactLine) => line.modifiers.filter((m) => bypass.has(m));
    const bypassNames = [...bypass].join('/');
    const overrides = indicatorOverrides(options.indicators);

    for (const pair of pairsAmong(new Set(byCode.keys()), facts.episode.dateOfService?.value)) {
      const indicator = overrides[pair.id] ?? pair.modifierIndicator;
      if (indicator === 9) continue;
      const col1 = byCode.get(pair.column1)!;
      const col2 = byCode.get(pair.column2)!;
      // Only the unconfirmed pair is reported softer: the data itself says the edit may not exist.
      const severity = pair.confidence === 'unconfirmed' ? 'warning' : undefined;
      const doubt = doubtNote(pair);

      if (indicator === 0) {
        for (const line of col2) {
          const mods = bypassOn(line);
          report({
            message: `${pair.column2} is billed with ${pair.column1} on the same date; they form a pair that no modifier can bypass (indicator 0)${mods.length > 0 ? `, so ${mods.join('/')} on ${pair.column2} does not help` : ''}${doubt}`,
            line: line.index,
            span: lineSpan(ctx, line),
            severity,
            suggestion: `Bill only the code that describes the service (${pair.column1} or ${pair.column2}), not both.`,
          });
        }
        continue;
      }

      // Indicator 1: a distinct-service modifier on the column-2 line (or either line when the column order is unknown).
      const anyOnCol1 = col1.flatMap(bypassOn);
      if (pair.modifierOn === 'either' && anyOnCol1.length > 0) continue;
      for (const line of col2) {
        if (bypassOn(line).length > 0) continue;
        const misplaced = pair.modifierOn === 'column2' && anyOnCol1.length > 0;
        const where = pair.modifierOn === 'either' ? `either line (${pair.column1} or ${pair.column2})` : `${pair.column2}, the column-2 code`;
        report({
          message: misplaced
            ? `${anyOnCol1[0]} is on ${pair.column1} (column 1), but the edit pairing it with ${pair.column2} is bypassed only by a modifier on ${pair.column2}${doubt}`
            : `${pair.column2} is billed with ${pair.column1} on the same date with no ${bypassNames} on ${where}; the ${pair.column2} line is likely to be denied as bundled${doubt}`,
          line: line.index,
          span: lineSpan(ctx, line),
          severity,
          suggestion: suggestionFor(pair, misplaced),
        });
      }
    }
  },
});

/** How sure the data is, in words a biller can weigh (empty when a secondary source agrees). */
function doubtNote(pair: CodePair): string {
  if (pair.confidence !== 'unconfirmed') return '';
  return '. Whether this pair is an NCCI edit at all is UNCONFIRMED (sources conflict: some say never bill both, others only with 59 for separate regions); check the current CMS PTP table or the payer';
}

function suggestionFor(pair: CodePair, misplaced: boolean): string {
  if (misplaced) return `Move the modifier to ${pair.column2}; keep ${pair.column1} without it.`;
  const region = pair.distinctRegionRequired
    ? `only if the note shows ${pair.column2} at a separate body region (XS) or in a separate encounter (XE), with its own minutes`
    : `only if the note shows ${pair.column2} as a distinct service with its own minutes`;
  return `Append XS, XE, XU or XP to ${pair.column2} (59 when no X modifier fits) ${region}; otherwise bill one code.`;
}
