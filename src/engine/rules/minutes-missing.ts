// minutes-missing: timed codes billed without the minutes that support their units.
// Which minutes are required is profile data: per code (`requires.perCodeMinutes`, most commercial
// plans) and/or the visit's total timed minutes (`requires.totalTimedMinutes`, Medicare BPM ch.15
// §220.3, where per-code minutes are voluntary and must never be demanded).
import type { Chart, Span } from '../chart';
import { codeDescription, isTimed, isUntimed } from '../codes';
import type { FactLine } from '../facts';
import type { Report, RuleContext } from '../types';
import { defineRule } from './define';

// A service named in a plan, goal, history or home program is not the entry that lacks today's minutes.
const SKIPPED_SECTIONS = new Set(['plan', 'goals', 'home-program', 'history', 'subjective']);

/** Where the note talks about a code's service (so the biller sees which entry lacks its minutes). */
function serviceSpan(chart: Chart, line: FactLine): Span | undefined {
  if (line.noteSpan) return line.noteSpan;
  for (const m of chart.mentions.service ?? []) {
    if (m.entry !== line.code || m.negated || m.hypothetical || m.historical || m.home || SKIPPED_SECTIONS.has(m.section)) continue;
    return { start: m.start, end: m.end };
  }
  return undefined;
}

function flag(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

export default defineRule({
  meta: {
    id: 'minutes-missing',
    title: 'Timed code billed without documented minutes',
    defaultSeverity: 'error',
    scope: 'claim',
    rationale:
      '97124 and the other 15-minute codes are paid by time, so the note must show the minutes behind every unit billed. Missing time documentation is one of the most common reasons auditors find "timed units billed did not match the number of timed units documented". Medicare asks for total timed minutes and total treatment time in every note; most commercial plans count units code by code and need each code\'s minutes.',
    howToFix:
      'Record the minutes of each timed service ("Therapeutic massage 97124: 15 min") and, for Medicare, the total timed code minutes and the total treatment time ("Total timed minutes: 38; total treatment time: 48 min").',
    citations: [
      { title: 'CMS Benefit Policy Manual ch.15 §220.3: total timed code minutes and total treatment time in each note', url: 'https://old.bansdoc.gov.bd/eBook/42/files/basic-html/page206.html' },
      { title: 'First Coast (MAC): timed codes and the 8-minute rule', url: 'https://medicare.fcso.com/Rehabilitation_services/0508065.asp' },
      { title: 'Premera: billing for time (units per code by the midpoint rule)', url: 'https://www.premera.com/wa/provider/news/reminders-updates/billing-for-time/' },
    ],
  },
  check(ctx: RuleContext) {
    const { chart, facts, profile, options, report } = ctx;
    // A line billed with 0 units claims no time.
    const timed = facts.lines.filter((l) => isTimed(l.code) && l.units !== 0);
    if (timed.length === 0) return;

    const perCode = flag(options.perCodeMinutes, profile.requires.perCodeMinutes);
    const totalTimed = flag(options.totalTimedMinutes, profile.requires.totalTimedMinutes);
    // Medicare's §220.3 asks for both figures in the same sentence; other payers can opt in.
    const totalTreatment = flag(options.totalTreatmentMinutes, profile.requires.totalTimedMinutes);
    const timedCodes = new Set(timed.map((l) => l.code));
    const total = facts.totalTimedMinutes;

    if (perCode) {
      const reported = new Set<string>();
      for (const line of timed) {
        if (line.minutes !== undefined || reported.has(line.code)) continue;
        if (timed.some((l) => l.code === line.code && l.minutes !== undefined)) continue;
        // One timed code and a documented total: the total is that code's time.
        if (timedCodes.size === 1 && total && total.source !== 'sum') continue;
        reported.add(line.code);
        const name = codeDescription(line.code)?.replace(/, each 15 minutes$/, '') ?? 'timed service';
        const units = line.units !== undefined ? ` for ${line.units} unit${line.units === 1 ? '' : 's'}` : '';
        // An unread fact is not a missing one: time the reader found but could not tie to a code.
        const unread = chart.unresolvedTimes[0];
        if (unread) {
          report({
            message: `${line.code} (${name}) is billed${units}, and the note has time this checker could not tie to a code: "${unread.text}" near "${unread.near}"; if that is ${line.code}'s time, name the service beside it`,
            span: unread,
            line: line.index,
            severity: 'info',
            suggestion: `Write the service with its minutes, e.g. "${name} (${line.code}): ${unread.minutes} min", so the units can be checked code by code.`,
          });
          continue;
        }
        report({
          message: `${line.code} (${name}) is billed${units} but the note documents no minutes for it`,
          span: serviceSpan(chart, line),
          line: line.index,
          suggestion: `Record the minutes spent on ${line.code}, e.g. "${name} (${line.code}): 15 min", so the units can be checked code by code.`,
        });
      }
    }

    if (totalTimed && (!total || total.source === 'sum')) {
      const codes = [...timedCodes].join(', ');
      const treatment = facts.totalTreatmentMinutes;
      const untimedBilled = facts.lines.some((l) => isUntimed(l.code) && l.units !== 0);
      let r: Report;
      if (total) {
        r = {
          message: `The note gives minutes per code (${total.value} in all) but no total timed code treatment minutes`,
          suggestion: `Add "Total timed minutes: ${total.value}" to the note.`,
          severity: 'warning',
        };
      } else if (treatment && !untimedBilled) {
        // Only timed services billed: the session total is very likely the timed total, but say so.
        r = {
          message: `The note states a total treatment time (${treatment.value} min) but not the total timed code minutes`,
          span: treatment.span,
          suggestion: `If every minute was timed treatment, add "Total timed minutes: ${treatment.value}".`,
          severity: 'warning',
        };
      } else {
        r = {
          message: `Timed code${timedCodes.size === 1 ? '' : 's'} ${codes} billed but the note documents no total timed minutes, so the units cannot be checked`,
          suggestion: 'Add the total timed code treatment minutes (e.g. "Total timed minutes: 38") and, optionally, the minutes per code.',
        };
      }
      report(r);
    }

    if (totalTreatment && !facts.totalTreatmentMinutes) {
      report({
        message: 'The note does not state the total treatment time (timed plus untimed minutes)',
        suggestion: 'Add "Total treatment time: N min" (timed and untimed services, not rest periods).',
        severity: 'warning',
      });
    }
  },
});
