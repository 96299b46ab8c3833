// time-totals: the time figures of one visit contradict each other: per-code minutes vs the total
// timed minutes, the total timed minutes vs the total treatment time, one code given two different
// times, the claim's figures vs the note's. Any of these leaves a reviewer unable to tell which
// figure the units rest on.
import type { Span } from '../chart';
import { isTimed, isUntimed } from '../codes';
import type { Report, RuleContext } from '../types';
import { defineRule } from './define';

/** Sections that describe plans, goals or the past: a service named there was not done today. */
const NOT_DONE_SECTIONS = new Set(['plan', 'goals', 'home-program', 'history', 'subjective']);

const spanOf = (s: Span | undefined): Span | undefined => (s ? { start: s.start, end: s.end } : undefined);

export default defineRule({
  meta: {
    id: 'time-totals',
    title: 'Time totals disagree',
    defaultSeverity: 'warning',
    scope: 'visit',
    rationale:
      'Medicare requires that "the billing and the total timed code treatment minutes must be consistent", and reviewers recount units from whichever figure they trust least. Per-code minutes that do not add up to the stated total, or a timed total larger than the whole session, make every unit on the claim look unsupported.',
    howToFix:
      'Make the figures agree: the minutes per timed code add up to the total timed minutes; the total treatment time is the timed minutes plus the untimed services (never less than the timed total); each code is given one time; untimed services (hot packs, unattended e-stim, evaluations) stay out of the timed total.',
    citations: [
      { title: 'CMS Benefit Policy Manual ch.15 §220.3: documentation of treatment time', url: 'https://old.bansdoc.gov.bd/eBook/42/files/basic-html/page206.html' },
      { title: 'AAPC: 35 min timed + 20 min untimed → timed 35, total 55', url: 'https://aapc.com/codes/coding-newsletters/my-physical-medicine-rehab-coding-alert/reader-questions-get-a-refresher-on-treatment-note-documentation-article' },
      { title: 'WebPT: untimed minutes never count toward the timed total', url: 'https://www.webpt.com/8-minute-rule' },
    ],
  },
  check(ctx: RuleContext) {
    const { chart, facts, visit, options, report } = ctx;
    const tolerance = typeof options.toleranceMinutes === 'number' && options.toleranceMinutes >= 0 ? options.toleranceMinutes : 0;
    const differ = (a: number, b: number) => Math.abs(a - b) > tolerance;

    // 1. One code, two different times in the note (a treatment entry vs a billing summary).
    for (const [code, cm] of Object.entries(facts.noteMinutes)) {
      if (cm.conflicting.length === 0) continue;
      const other = cm.evidence.find((e) => cm.conflicting.includes(e.minutes)) ?? cm.evidence[cm.evidence.length - 1]!;
      report({
        message: `${code} is documented as ${cm.minutes} minutes in one place and ${cm.conflicting.join(' / ')} in another`,
        span: spanOf(other),
        suggestion: `Give ${code} one time throughout the note, the time actually spent.`,
      });
    }

    // 2. The claim line's minutes vs the note's minutes for the same code.
    const claimMinutes = new Map<string, number>();
    for (const l of facts.lines) {
      if (l.minutesSource === 'claim' && l.minutes !== undefined) claimMinutes.set(l.code, (claimMinutes.get(l.code) ?? 0) + l.minutes);
    }
    for (const [code, minutes] of claimMinutes) {
      const noted = facts.noteMinutes[code];
      if (!noted || !differ(noted.minutes, minutes)) continue;
      report({
        message: `${code}: the claim line gives ${minutes} minutes but the note documents ${noted.minutes}`,
        span: spanOf(noted.evidence[0]),
        line: facts.lines.find((l) => l.code === code)?.index,
        suggestion: `Use the note's time on the claim, or correct the note if it is wrong.`,
      });
    }

    // 3. The claim's totals vs the note's totals.
    const pairs: [string, number | undefined, Span | undefined, number | undefined][] = [
      ['total timed minutes', visit.totalTimedMinutes, chart.totals.timed, chart.totals.timed?.minutes],
      ['total treatment time', visit.totalTreatmentMinutes, chart.totals.treatment, chart.totals.treatment?.minutes],
    ];
    for (const [what, claimed, span, noted] of pairs) {
      if (claimed === undefined || noted === undefined || !differ(claimed, noted)) continue;
      report({
        message: `The ${what} sent with the claim (${claimed}) differs from the note's ${noted}`,
        span: spanOf(span),
        suggestion: `Send the note's ${what}, or correct the note.`,
      });
    }

    // 4. Per-code timed minutes vs the documented total timed minutes.
    const total = facts.totalTimedMinutes;
    const totalSpan = total?.span ? spanOf(total.span) : undefined;
    const timedMinutes = new Map<string, number>();
    const untimedMinutes = new Map<string, number>();
    // In note order (object keys that look like numbers would come out sorted).
    const noted = Object.values(facts.noteMinutes).sort((a, b) => (a.evidence[0]?.start ?? 0) - (b.evidence[0]?.start ?? 0));
    for (const cm of noted) {
      if (isTimed(cm.code)) timedMinutes.set(cm.code, cm.minutes);
      else if (isUntimed(cm.code)) untimedMinutes.set(cm.code, cm.minutes);
    }
    for (const l of facts.lines) {
      if (l.minutes === undefined || l.minutesSource !== 'claim') continue;
      if (isTimed(l.code) && !timedMinutes.has(l.code)) timedMinutes.set(l.code, claimMinutes.get(l.code)!);
      if (isUntimed(l.code) && !untimedMinutes.has(l.code)) untimedMinutes.set(l.code, l.minutes);
    }
    // Only a complete set of per-code minutes can be added up: every timed line needs its minutes.
    const complete = facts.lines.every((l) => !isTimed(l.code) || timedMinutes.has(l.code));
    // A timed service the note says was done, with no minutes given, may hold the missing time.
    const undocumented = (chart.mentions.service ?? []).some(
      (m) => isTimed(m.entry) && !timedMinutes.has(m.entry) && !m.negated && !m.hypothetical && !m.historical && !m.home && !NOT_DONE_SECTIONS.has(m.section),
    );
    const sum = [...timedMinutes.values()].reduce((a, b) => a + b, 0);
    const untimedSum = [...untimedMinutes.values()].reduce((a, b) => a + b, 0);
    const list = (m: Map<string, number>) => [...m].map(([c, n]) => `${c} ${n} min`).join(', ');
    if (total && total.source !== 'sum' && timedMinutes.size > 0 && complete && differ(sum, total.value) && !(undocumented && sum < total.value)) {
      const countsUntimed = untimedMinutes.size > 0 && !differ(sum + untimedSum, total.value);
      const r: Report = countsUntimed
        ? {
            message: `The total timed minutes (${total.value}) include untimed services: timed ${list(timedMinutes)} add up to ${sum}, plus ${list(untimedMinutes)} untimed`,
            span: totalSpan,
            suggestion: `Untimed services are 1 unit each and never count toward the timed total: total timed minutes ${sum}; put the ${sum + untimedSum} in the total treatment time.`,
          }
        : {
            message: `The minutes per timed code (${list(timedMinutes)}) add up to ${sum}, but the total timed minutes are ${total.value}`,
            span: totalSpan,
            suggestion: 'Correct whichever figure is wrong so the per-code minutes add up to the total timed minutes.',
          };
      report(r);
    }

    // 5. The timed total (plus documented untimed services) cannot exceed the whole session.
    const treatment = facts.totalTreatmentMinutes;
    const timedTotal = total && total.source !== 'sum' ? total.value : complete && timedMinutes.size > 0 ? sum : undefined;
    if (treatment && timedTotal !== undefined) {
      const treatmentSpan = treatment.span ? spanOf(treatment.span) : undefined;
      if (timedTotal > treatment.value + tolerance) {
        report({
          message: `The timed minutes (${timedTotal}) exceed the total treatment time (${treatment.value})`,
          span: totalSpan ?? treatmentSpan,
          suggestion: 'The total treatment time is the timed minutes plus any untimed services; correct whichever figure is wrong.',
        });
      } else if (untimedSum > 0 && timedTotal + untimedSum > treatment.value + tolerance) {
        report({
          message: `Timed ${timedTotal} min plus untimed ${list(untimedMinutes)} come to ${timedTotal + untimedSum}, more than the total treatment time (${treatment.value})`,
          span: treatmentSpan ?? totalSpan,
          suggestion: 'The total treatment time includes timed and untimed services; correct whichever figure is wrong.',
        });
      }
    }
  },
});
