// maintenance-language: maintenance, plateau, MMI, prn and preventive wording in a massage visit.
// Vocabulary and exceptions live in data/lexicons/maintenance.json and skilled-need.json.
// The weight depends on the payer: Medicare covers skilled maintenance (Jimmo), commercial plans don't.
import type { Mention } from '../chart';
import type { Severity } from '../types';
import { defineRule } from './define';

/** Hypothetical triggers that announce the plan ("will continue maintenance massage"), not a condition. */
const DEFAULT_PLANNED_TRIGGERS = ['will', 'plan to', 'next visit', 'next session', 'at next visit', 'future'];

/** How each kind of wording reads to a reviewer (keyed by the maintenance.json entry id). */
const WHAT: Record<string, string> = {
  maintenance: 'presents the massage as maintenance care',
  plateau: 'says the patient has stopped improving, so continued massage reads as maintenance care',
  mmi: 'records maximum medical improvement, so continued massage reads as maintenance care',
  prn: 'schedules the massage "as needed" rather than toward a goal, which reads as maintenance care',
  preventive: 'presents the massage as preventive care',
  'open-ended': 'leaves the massage open-ended, with no progression or discharge in the plan, which reads as maintenance care',
};

const stringList = (value: unknown, fallback: string[]): string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : fallback;


export default defineRule({
  meta: {
    id: 'maintenance-language',
    title: 'Maintenance or preventive wording',
    defaultSeverity: 'warning',
    scope: 'visit',
    rationale:
      'Massage documented as maintenance, after a plateau or maximum medical improvement, "as needed" or for prevention reads as care that no longer improves the patient. Most commercial plans do not pay for it; Medicare pays for maintenance therapy only when the note shows it needs a therapist\'s skill.',
    howToFix:
      'If the patient is still improving, document the measurable change and the functional goal instead of "maintenance". If the patient has plateaued, taper the massage and discharge to an independent home program. For Medicare maintenance therapy, state why the service requires the skills of a therapist (e.g. risk of decline, complexity of the condition).',
    citations: [
      { title: 'BCBS Kansas: maintenance care, clinical plateau and maximum medical improvement not payable', url: 'https://abcdocz.com/doc/299852/c-h-i' },
      { title: 'eviCore massage therapy guideline: preventive/maintenance care excluded', url: 'https://verity.backworkai.com/policy/EVICORE-MASSAGE-THERAPY' },
      { title: 'Center for Medicare Advocacy: Medicare manuals revised after Jimmo (skilled maintenance covered)', url: 'https://medicareadvocacy.org/medicare-policy-manuals-revised-as-required-by-jimmo-settlement/' },
      { title: 'Medicare Benefit Policy Manual ch.15 §220.2 D: maintenance programs', url: 'https://old.bansdoc.gov.bd/eBook/42/files/basic-html/page189.html' },
    ],
  },
  check({ chart, facts, profile, options, report }) {
    const massageMentions = chart.asserted('massage-service');
    if (!facts.massage.inScope) return;

    const covers = typeof options.skilledMaintenanceCovered === 'boolean' ? options.skilledMaintenanceCovered : profile.chain.includes('medicare');
    const planned = new Set(stringList(options.plannedTriggers, DEFAULT_PLANNED_TRIGGERS).map((t) => t.toLowerCase()));

    // Sentences that talk about the massage: "prn"/"as needed" only counts there (not "Tylenol prn").
    // A planned massage ("we will go on with soft tissue work prn") talks about it too: the prn wording
    // itself must still be the plan, not a condition (plannedFuture below).
    const massageSentences = new Set<number>();
    for (const m of [...massageMentions, ...chart.asserted('massage-technique')]) massageSentences.add(m.sentence);
    for (const m of [...(chart.mentions['massage-service'] ?? []), ...(chart.mentions['massage-technique'] ?? [])]) {
      if (m.hypothetical && !m.negated && !m.historical && !m.role && !m.home) massageSentences.add(m.sentence);
    }

    // "Will continue maintenance massage" is the plan; "if progress plateaus" is a condition.
    const triggers = chart.mentions.hypothetical ?? [];
    let t = 0;
    const plannedFuture = (m: Mention): boolean => {
      while (t < triggers.length && triggers[t]!.start < m.start) t++;
      const last = triggers[t - 1];
      const sentence = chart.sentences[m.sentence];
      const question = sentence !== undefined && chart.text[sentence.end - 1] === '?';
      return !question && last !== undefined && last.sentence === m.sentence && planned.has(last.text.toLowerCase());
    };

    const skilled = chart.asserted('skilled-need').find((m) => !m.home);
    const reported = new Set<number>();
    for (const m of chart.mentions.maintenance ?? []) {
      // A job ("building maintenance technician") is not the plan of care.
      if (m.negated || m.historical || m.home || m.role) continue;
      if (m.hypothetical && !plannedFuture(m)) continue;
      if (m.entry === 'prn' && !massageSentences.has(m.sentence)) continue;
      // One finding per sentence: "maintenance massage … for maintenance" is one problem.
      if (reported.has(m.sentence)) continue;
      reported.add(m.sentence);

      const what = WHAT[m.entry] ?? WHAT.maintenance!;
      let message: string;
      let severity: Severity | undefined;
      let suggestion: string;
      if (!covers) {
        message = `"${m.text}" ${what}, which this plan does not cover`;
        suggestion =
          'Document the measurable change and the functional goal the massage still serves, or taper and discharge to an independent home program.';
      } else if (skilled) {
        message = `"${m.text}" ${what}; this plan covers skilled maintenance and the note documents skilled need ("${skilled.text}"): make sure it says why this massage needs a therapist`;
        severity = 'info';
        suggestion = 'Keep the skilled-need statement specific to the massage: what a non-therapist could not safely do, and the decline it prevents.';
      } else {
        message = `"${m.text}" ${what}, and the note does not document why the massage needs a therapist's skill`;
        suggestion =
          'Add the skilled need, e.g. "requires the skills of a therapist to grade pressure over the healing incision and prevent decline in shoulder ROM", or document the progress the massage still produces.';
      }
      report({ message, span: m, suggestion, ...(severity ? { severity } : {}) });
    }
  },
});
