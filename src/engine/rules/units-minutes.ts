// units-minutes: billed units that the documented minutes do not support, under the profile's unit
// method (CMS total-time 8-minute rule, or the per-code "substantial portion" method). Over- and
// under-billing are both findings; every message names the units the minutes support.
import type { Span } from '../chart';
import { isTimed, isUntimed } from '../codes';
import type { FactLine } from '../facts';
import type { Report, RuleContext, UnitMethod } from '../types';
import { unitMinuteRange, unitsForMinutes } from '../units';
import { defineRule } from './define';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const METHOD: Record<UnitMethod, string> = {
  cms: 'the CMS 8-minute rule',
  'per-code': 'the per-code (substantial portion) method',
};

/** A whole allocation written out: "97112 ×2 + 97110 ×1". */
function allocationText(allocation: Record<string, number>, codes: readonly string[]): string {
  return codes.map((c) => `${c} ×${allocation[c] ?? 0}`).join(' + ');
}

export default defineRule({
  meta: {
    id: 'units-minutes',
    title: 'Billed units do not match the documented minutes',
    defaultSeverity: 'error',
    scope: 'claim',
    rationale:
      'Timed units must be supported by the minutes in the note. "Timed units billed did not match the number of timed units documented" is one of the top errors in the OIG\'s national audit of outpatient therapy claims; over-billing leads to recoupment, under-billing loses payment the visit earned.',
    howToFix:
      'Recount the units from the documented minutes with the payer\'s method (Medicare: total timed minutes, 8–22 = 1 unit, 23–37 = 2 …, allocated to the services with the most time; most commercial plans: the same table code by code). Correct the claim, or correct the note if it understates the time actually spent.',
    citations: [
      { title: 'First Coast (MAC): timed codes and the 8-minute rule (unit table)', url: 'https://medicare.fcso.com/Rehabilitation_services/0508065.asp' },
      { title: 'CMS Pub. 100-04 ch.5 §20.2 worked examples (FindACode transcription)', url: 'https://www.findacode.com/articles/documentation-requirements-for-therapy-services-26634.html' },
      { title: 'Premera: billing for time (midpoint rule per code)', url: 'https://www.premera.com/wa/provider/news/reminders-updates/billing-for-time/' },
      { title: 'OIG audit: timed units billed did not match the units documented', url: 'https://www.lexology.com/library/detail.aspx?g=4a6881c3-dae7-475f-9f70-3a3591d7947c' },
    ],
  },
  check(ctx: RuleContext) {
    const { facts, report } = ctx;
    const { units } = facts;
    const method = units.method;
    const firstLine = (code: string): FactLine | undefined => facts.lines.find((l) => l.code === code && l.units !== undefined);
    /** The note's statement of a code's minutes, when the minutes came from the note. */
    const minutesSpan = (code: string): Span | undefined => {
      const line = facts.lines.find((l) => l.code === code && l.minutesSource === 'note' && l.minutesSpan);
      return line?.minutesSpan;
    };
    const total = facts.totalTimedMinutes;
    const totalSpan = total?.span;

    // 1. Untimed (service-based) codes are one unit per visit whatever the minutes.
    for (const [code, billed] of Object.entries(units.billed)) {
      if (!isUntimed(code) || billed <= 1) continue;
      report({
        message: `${code} is an untimed (service-based) code: ${plural(billed, 'unit')} billed, but it is billed as 1 unit per visit whatever the minutes`,
        line: firstLine(code)?.index,
        suggestion: `Bill ${code} × 1.`,
      });
    }

    const billedTimed = Object.keys(units.billed).filter((c) => isTimed(c));
    if (billedTimed.length === 0) return;
    const timedCodes = [...new Set(facts.lines.filter((l) => isTimed(l.code)).map((l) => l.code))];

    const compare = (code: string, expected: number, minutes: number, span: Span | undefined, context: string, tie: string): void => {
      const billed = units.billed[code]!;
      if (billed === expected) return;
      const over = billed > expected;
      const why =
        expected === 0 && minutes < 8 && context === ''
          ? `${minutes} documented minutes is under 8 minutes, which cannot be billed as a unit`
          : `${minutes} documented minutes${context} support ${expected}`;
      const fix = expected === 0 ? `Do not bill ${code}` : `Bill ${code} × ${expected}`;
      const range = unitMinuteRange(billed);
      // With one code the time needed for the billed units is simple to state; with several it depends on the allocation.
      const more = context === '' ? `, or, if more time was spent, document it (${plural(billed, 'unit')} need${billed === 1 ? 's' : ''} ${range.min}–${range.max} minutes)` : '';
      const r: Report = {
        message: `${code}: ${plural(billed, 'unit')} billed, ${why} under ${METHOD[method]}${tie}`,
        span,
        line: firstLine(code)?.index,
        suggestion: over ? `${fix}${more}.` : `${fix}: the documented minutes support it (or correct the note if less time was spent).`,
      };
      if (!over) r.severity = 'warning';
      report(r);
    };

    const oneCodeTotal = timedCodes.length === 1 && total && total.source !== 'sum' ? total.value : undefined;
    if (method === 'per-code') {
      // Each code on its own: whatever minutes are known can be checked.
      for (const code of billedTimed) {
        const minutes = units.minutesByCode[code];
        if (minutes !== undefined) compare(code, unitsForMinutes(minutes), minutes, minutesSpan(code), '', '');
        else if (oneCodeTotal !== undefined) compare(code, unitsForMinutes(oneCodeTotal), oneCodeTotal, totalSpan, '', '');
      }
      return;
    }

    // CMS, every timed line's minutes known: allocate.
    if (timedCodes.every((c) => units.minutesByCode[c] !== undefined)) {
      // facts.units allocates over every timed service performed, billed or only documented.
      const codes = units.timedOrder.filter((c) => units.minutesByCode[c] !== undefined);
      const minutesAll = codes.reduce((s, c) => s + units.minutesByCode[c]!, 0);
      const timedUnits = codes.reduce((s, c) => s + (units.expected[c] ?? 0), 0);
      // Any equally correct allocation (ties) is fine; compare against the closest one.
      const allocations = [units.expected, ...units.alternatives];
      const misses = (a: Record<string, number>) => billedTimed.filter((c) => (a[c] ?? 0) !== units.billed[c]).length;
      const best = allocations.reduce((b, a) => (misses(a) < misses(b) ? a : b));
      const context = codes.length > 1 ? ` (of ${minutesAll} total timed minutes = ${plural(timedUnits, 'unit')} across ${codes.join(', ')})` : '';
      const tie =
        units.alternatives.length > 0
          ? `; equally correct allocations: ${allocations.slice(0, 4).map((a) => allocationText(a, codes)).join(', or ')}`
          : '';
      for (const code of billedTimed) compare(code, best[code] ?? 0, units.minutesByCode[code]!, minutesSpan(code), context, tie);
      // A documented total below the per-code sum caps the units (time-totals reports the mismatch).
      const billedSum = billedTimed.reduce((s, c) => s + units.billed[c]!, 0);
      const cap = total && total.source !== 'sum' && total.value < minutesAll ? unitsForMinutes(total.value) : undefined;
      if (misses(best) === 0 && total && cap !== undefined && billedSum > cap) {
        report({
          message: `${plural(billedSum, 'timed unit')} billed, but the documented total of ${total.value} timed minutes supports ${cap} under ${METHOD[method]}`,
          span: totalSpan,
          suggestion: `Bill ${plural(cap, 'timed unit')} in all, or correct whichever figure is wrong: the per-code minutes add up to ${minutesAll}.`,
        });
      }
      return;
    }

    // CMS, only the total timed minutes known.
    if (!total || total.source === 'sum') return;
    if (oneCodeTotal !== undefined) {
      const code = timedCodes[0]!;
      if (units.billed[code] !== undefined) compare(code, unitsForMinutes(oneCodeTotal), oneCodeTotal, totalSpan, '', '');
      return;
    }
    if (units.expectedTimedUnits === null) return;
    const expected = units.expectedTimedUnits;
    const billedSum = billedTimed.reduce((s, c) => s + units.billed[c]!, 0);
    // A timed line without units leaves the billed sum incomplete: only over-billing is certain.
    const complete = facts.lines.every((l) => !isTimed(l.code) || l.units !== undefined);
    if (billedSum === expected || (!complete && billedSum < expected)) return;
    const over = billedSum > expected;
    const r: Report = {
      message: `${plural(billedSum, 'timed unit')} billed (${billedTimed.map((c) => `${c} ×${units.billed[c]}`).join(', ')}), but ${total.value} documented total timed minutes support ${expected} under ${METHOD[method]}`,
      span: totalSpan,
      suggestion: over
        ? `Bill ${plural(expected, 'timed unit')} in all, given to the services with the most minutes; document minutes per code to show the allocation.`
        : `${plural(expected, 'timed unit')} can be billed for ${total.value} minutes; document minutes per code to show the allocation.`,
    };
    if (!over) r.severity = 'warning';
    report(r);
  },
});
