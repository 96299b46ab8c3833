// standalone-massage: 97124 is the only treatment of the visit: no active therapy (exercise,
// neuromuscular re-education, gait or functional training) billed with it. Evaluations and
// passive/untimed modalities do not count. With no claim lines, the note's own listing and its
// active-therapy vocabulary decide.
import type { Chart, Mention, Span } from '../chart';
import { isActiveTherapy, isMassage } from '../codes';
import type { RuleContext } from '../types';
import { defineRule } from './define';

/** A service named here is a plan, a goal, the past or homework, not something done this visit. */
const NOT_DONE_SECTIONS = new Set(['plan', 'goals', 'home-program', 'history', 'subjective']);

/** Headings under which a named service is one given this visit. */
const GIVEN_SECTIONS = new Set(['treatment', 'billing']);

const doneToday = (m: Mention): boolean => !m.negated && !m.hypothetical && !m.historical && !m.home && !NOT_DONE_SECTIONS.has(m.section);

/** Active therapy the note says was done this visit (vocabulary, or a service name of an active code). */
function activeTherapyInNote(chart: Chart): Mention | undefined {
  const fromLexicon = (chart.mentions['active-therapy'] ?? []).find(doneToday);
  const fromService = (chart.mentions.service ?? []).find((m) => isActiveTherapy(m.entry) && doneToday(m));
  if (!fromLexicon) return fromService;
  if (!fromService) return fromLexicon;
  return fromLexicon.start <= fromService.start ? fromLexicon : fromService;
}

/**
 * Massage named as this visit's service: a 97124 service name ("therapeutic massage", "Swedish
 * massage") that the massage-service vocabulary also accepts (it excepts fundal, carotid and other
 * non-therapeutic massage). Verbs such as "skin massaged and closed" are not service names.
 */
function massageServices(chart: Chart): Mention[] {
  const accepted = chart.mentions['massage-service'] ?? [];
  const out: Mention[] = [];
  let a = 0;
  for (const m of chart.mentions.service ?? []) {
    if (m.entry !== '97124' || !doneToday(m)) continue;
    while (a < accepted.length && accepted[a]!.end <= m.start) a++;
    if (a < accepted.length && accepted[a]!.start < m.end) out.push(m);
  }
  return out;
}

const spanOf = (m: { start: number; end: number }): Span => ({ start: m.start, end: m.end });

export default defineRule({
  meta: {
    id: 'standalone-massage',
    title: 'Massage as the only treatment',
    defaultSeverity: 'warning',
    scope: 'claim',
    rationale:
      'Medicare LCD language and most commercial policies (Cigna, BCBS, Aetna) cover 97124 as an adjunct to another therapeutic procedure on the same day, such as exercise or functional training. A visit billed as massage alone reads as a stand-alone massage service, which those policies exclude.',
    howToFix:
      'If active therapy (therapeutic exercise 97110, neuromuscular re-education 97112, gait training 97116, therapeutic activities 97530, self-care training 97535) was performed, document it with its minutes and bill it. If massage really was the whole session, the note must say why it alone was the skilled, necessary service and how it prepares for active therapy; some payers will still not cover it.',
    citations: [
      { title: 'Medicare LCD language: 97124 as adjunctive treatment to another therapeutic procedure the same day', url: 'http://www.whatismedicalinsurancebilling.org/2010/07/cpt-code-97140-and-97124-massage.html' },
      { title: 'Cigna: stand-alone massage therapy not covered (summary)', url: 'https://justsimplywell.com/health-insights/health-insurance/does-insurance-cover-massage/does-cigna-cover-massage-therapy' },
      { title: 'BCBS: therapeutic massage only as an adjunctive component of a PT plan', url: 'https://legalclarity.org/does-blue-cross-blue-shield-cover-massage-plans-appeals-hsa/' },
    ],
  },
  check(ctx: RuleContext) {
    const { chart, facts, report } = ctx;
    const billed = facts.lines.filter((l) => l.units !== 0);
    const massageLine = billed.find((l) => isMassage(l.code));

    // Claim lines (or lines the note lists as billed) decide what was billed.
    if (facts.lines.length > 0) {
      if (!massageLine) return;
      if (billed.some((l) => isActiveTherapy(l.code))) return;
      const others = [...new Set(billed.filter((l) => !isMassage(l.code)).map((l) => l.code))];
      const active = activeTherapyInNote(chart);
      // With lines read from the note, active therapy the note describes counts even if not listed.
      if (facts.linesFromNote && active) return;
      const withWhat = others.length > 0 ? ` with only ${others.join(', ')}, none of which is active therapy` : ' on its own';
      const notBilled = active ? ` The note describes "${active.text}" but no active-therapy code is billed.` : '';
      report({
        message: `${massageLine.code} is billed${withWhat}.${notBilled}`,
        span: active ? spanOf(active) : (massageLine.noteSpan ?? massageServices(chart).map(spanOf)[0]),
        line: massageLine.index,
        suggestion: active
          ? `If "${active.text}" was performed this visit, bill it with its minutes (e.g. 97110 therapeutic exercise).`
          : 'Document and bill the active therapy the massage prepares for (e.g. therapeutic exercise 97110 or therapeutic activities 97530), or explain why massage alone was necessary.',
      });
      return;
    }

    // No lines anywhere: a narrative note. Only massage clearly given this visit is in scope (timed,
    // or named under a treatment/billing heading): histories mention massage the patient tried.
    const timed = chart.minutesByCode['97124']?.evidence[0];
    const timedSentence = timed ? chart.sentenceAt(timed.start) : -1;
    const given = massageServices(chart).find((m) => GIVEN_SECTIONS.has(m.section) || m.sentence === timedSentence);
    const massage = given ? spanOf(given) : undefined;
    if (!massage || activeTherapyInNote(chart)) return;
    report({
      message: 'The note documents massage but no active therapy (exercise, neuromuscular re-education, gait or functional training) in the same visit',
      span: massage,
      suggestion: 'Document the active therapy the massage prepares for, or explain why massage alone was necessary.',
    });
  },
});
