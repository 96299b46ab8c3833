// massage-units: more units of massage (97124) on one date than the profile's scrutiny threshold.
// The threshold is profile data (`options.maxUnits`), not the CMS MUE for 97124, which is
// UNCONFIRMED (domain.md §2.3); messages say so, so nobody mistakes it for a hard limit.
import type { Span } from '../chart';
import { isMassage } from '../codes';
import type { RuleContext } from '../types';
import { defineRule } from './define';

const DEFAULT_MAX_UNITS = 4;

export default defineRule({
  meta: {
    id: 'massage-units',
    title: 'Massage units above the scrutiny threshold',
    defaultSeverity: 'warning',
    scope: 'line',
    rationale:
      'Payers "highly scrutinize" massage when more than one unit is billed on a date, and some cover at most a 60-minute session per visit. Several units of 97124 in one visit invite a records request unless the note shows why that much hands-on time was needed.',
    howToFix:
      'Check that the units match the documented massage minutes and that the note explains why the time was needed (several regions, the impairment in each, the function it restores). If the time was not needed, bill fewer units. The threshold is a configurable review point, not a published payer limit.',
    citations: [
      { title: 'Health Network Solutions: massage highly scrutinized above one unit per date', url: 'https://healthnetworksolutions.net/index.php/massage-therapy-97124' },
      { title: 'eviCore massage guideline: up to a 60-minute session per visit', url: 'https://verity.backworkai.com/policy/EVICORE-MASSAGE-THERAPY' },
      { title: 'First Coast (MAC): what medically unlikely edits (MUEs) are', url: 'https://medicare.fcso.com/coding/medically-unlikely-edits-avoid-denials-and-appeals-properly-coding-first' },
    ],
  },
  check(ctx: RuleContext) {
    const { facts, options, report } = ctx;
    const raw = options.maxUnits;
    const max = typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? Math.floor(raw) : DEFAULT_MAX_UNITS;

    // One visit is one date of service: units of the same code add up across its lines.
    const byCode = new Map<string, { units: number; line: number; span?: Span; lines: number }>();
    for (const l of facts.lines) {
      if (!isMassage(l.code) || l.units === undefined) continue;
      const entry = byCode.get(l.code);
      const span = l.minutesSource === 'note' ? l.minutesSpan : l.noteSpan;
      if (entry) {
        entry.units += l.units;
        entry.lines++;
        entry.span ??= span;
      } else byCode.set(l.code, { units: l.units, line: l.index, span, lines: 1 });
    }
    for (const [code, { units, line, span, lines }] of byCode) {
      if (units <= max) continue;
      const minutes = facts.units.minutesByCode[code];
      const time = minutes !== undefined ? ` for ${minutes} documented minutes` : '';
      const split = lines > 1 ? ` over ${lines} claim lines` : '';
      report({
        message: `${code}: ${units} units${time}${split} on one date, above this profile's review threshold of ${max} unit${max === 1 ? '' : 's'} (a configurable scrutiny point; the CMS MUE for ${code} is unconfirmed)`,
        span,
        line,
        suggestion: `Make sure the note justifies ${units} units of massage: the regions treated, the impairment in each and why that much hands-on time was needed${lines > 1 ? `; report all ${code} units for the date on one line` : ''}.`,
      });
    }
  },
});
