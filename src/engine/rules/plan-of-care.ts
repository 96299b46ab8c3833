// plan-of-care: massage billed with no reference to a plan of care or its certification, where the
// payer needs one (profile `requires.planOfCare`, or the profile sets this rule's level). Vocabulary:
// data/lexicons/plan-of-care.json; a plan-of-care start date (claim or note) also counts.
import { defineRule } from './define';

const DEFAULT_ACCEPTED = ['plan-of-care', 'certification'];

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

export default defineRule({
  meta: {
    id: 'plan-of-care',
    title: 'No plan of care referenced',
    defaultSeverity: 'warning',
    scope: 'visit',
    rationale:
      'Medicare pays outpatient therapy only when it is furnished under a plan of care that a physician or NPP certifies; services outside a plan are not payable therapy services. Several plans cover massage only as part of a formal, sometimes authorized, treatment plan, and vague or unsigned plans are a top audit finding.',
    howToFix:
      'Reference the plan of care the massage belongs to in the note (its start date and certification, e.g. "Treatment per POC dated 03/02/2026, certified by Dr. Lee through 05/31/2026"), and make sure massage is one of the interventions the plan lists.',
    citations: [
      { title: 'CMS BPM ch.15: services not provided under a therapy plan of care are not payable therapy services', url: 'https://old.bansdoc.gov.bd/eBook/42/files/basic-html/page186.html' },
      { title: 'OIG audit of outpatient PT claims: vague or unsigned plans of care', url: 'https://www.lexology.com/library/detail.aspx?g=4a6881c3-dae7-475f-9f70-3a3591d7947c' },
      { title: 'UHC: massage as part of an authorized, multi-modality treatment plan', url: 'https://docslib.org/doc/12762864/medical-rehabilitation-ot-pt-and-st-including-cognitive-rehabilitation' },
    ],
  },
  check({ chart, facts, profile, options, report }) {
    // Only where the payer needs a plan: the profile requires it or weighs this rule explicitly.
    const needed = profile.requires.planOfCare || profile.rules['plan-of-care']?.level !== undefined || options.required === true;
    if (!needed) return;
    if (!facts.massage.inScope) return;

    const accepted = new Set(stringList(options.accept) ?? DEFAULT_ACCEPTED);
    const mentions = (chart.mentions['plan-of-care'] ?? []).filter((m) => accepted.has(m.entry));
    const referenced = mentions.filter((m) => !m.negated && !m.hypothetical);
    const start = facts.episode.planOfCareStart;
    const dos = facts.episode.dateOfService;

    if (referenced.length === 0 && !start) {
      // "No plan of care on file" is the strongest evidence there is: point at it.
      const denied = mentions.find((m) => m.negated);
      const sentence = denied ? chart.sentences[denied.sentence] : undefined;
      const quoted = sentence ? chart.text.slice(sentence.start, sentence.end) : '';
      const what = facts.lines.length > 0 ? 'billed' : 'documented';
      report({
        message: sentence
          ? `The note says "${quoted.length > 120 ? `${quoted.slice(0, 117)}...` : quoted}": the massage is ${what} without a plan of care`
          : `The note does not reference a plan of care or its certification for the massage ${what}`,
        span: sentence ? { start: sentence.start, end: sentence.end } : undefined,
        suggestion: 'Add the plan of care the massage is part of, e.g. "Treatment per POC dated 03/02/2026 (certified by Dr. Lee through 05/31/2026)".',
      });
      return;
    }
    // A plan that starts after the date of service cannot cover it.
    if (start && dos && start.value > dos.value) {
      report({
        message: `The plan of care starts ${start.value}, after this date of service (${dos.value}), so it does not cover the massage billed`,
        span: start.span ?? dos.span,
        suggestion: 'Check the plan-of-care start date and the date of service; services before the plan was established need their own evaluation or plan.',
      });
    }
  },
});
