// code-selection: the billed code does not match the work the note describes.
//  - 97124 billed, the note describes only 97140 work (joint mobilization, manipulation, manual
//    traction, myofascial release, lymphatic drainage, soft-tissue mobilization) → suggest 97140;
//  - 97140 billed for classic massage strokes with no 97140 technique → suggest 97124.
// Vocabulary: data/lexicons/manual-therapy.json, massage-technique.json, massage-service.json.
import type { Mention } from '../chart';
import { isChiropracticCmt, isManualTherapy, isMassage } from '../codes';
import { defineRule } from './define';

/** Documentation of what was done today: not negated, hypothetical, historical or the home program. */
const performed = (m: Mention): boolean => !m.negated && !m.hypothetical && !m.historical && !m.home;

/** Sections that list codes or say what comes later ("Plan: … then monthly massage"), not today's care. */
const NOT_TODAYS_WORK = new Set(['billing', 'plan', 'goals']);
/** "97124" typed in the note names the code, not the work. */
const describesWork = (m: Mention): boolean => performed(m) && !NOT_TODAYS_WORK.has(m.section) && !/^\d+$/.test(m.text);

export default defineRule({
  meta: {
    id: 'code-selection',
    title: 'Massage (97124) vs manual therapy (97140) code choice',
    defaultSeverity: 'warning',
    scope: 'line',
    rationale:
      'The code must match what was done: 97124 is classic massage (stroking, kneading, percussion, compression) for soft tissue; 97140 is manual therapy (joint mobilization/manipulation, manual traction, myofascial release, manual lymphatic drainage). Billing one for the other is a coding error that reviewers deny or recode, and the two are not interchangeable for payment.',
    howToFix:
      'Bill the code that matches the technique documented, or document the technique actually used. If both massage and manual therapy were done, document each with its own region, purpose and minutes.',
    citations: [
      { title: 'ChiroCode: should I bill massage as 97124 or 97140? (a different code only for a different service)', url: 'https://www.chirocode.com/q-a-should-i-bill-massage-as-97124-or-97140/' },
      { title: 'Dynamic Chiropractic: CPT codes myofascial release under 97140', url: 'https://www.dynamicchiropractic.com/mpacms/dc/article.php?id=52445' },
      { title: 'CPT 97140 manual therapy techniques (mobilization/manipulation, manual lymphatic drainage, manual traction)', url: 'https://immedicaresolutions.com/wiki/97140' },
      { title: 'Coding Ahead: CPT 97124 therapeutic massage (effleurage, petrissage, tapotement)', url: 'https://www.codingahead.com/cpt-97124-therapeutic-massage-1-or-more-areas-15-minutes/' },
    ],
  },
  check({ chart, facts, report }) {
    if (facts.lines.length === 0) return;
    const massageLines = facts.lines.filter((l) => isMassage(l.code));
    const manualLines = facts.lines.filter((l) => isManualTherapy(l.code));
    if (massageLines.length === 0 && manualLines.length === 0) return;

    // Spinal manipulation on a chiropractic claim is the CMT service (98940-98942), not 97140 work.
    const cmtBilled = facts.lines.some((l) => isChiropracticCmt(l.code));
    const manualWork = (chart.mentions['manual-therapy'] ?? []).filter((m) => performed(m) && !(cmtBilled && m.entry === 'manipulation'));
    const techniques = (chart.mentions['massage-technique'] ?? []).filter((m) => performed(m) && !NOT_TODAYS_WORK.has(m.section));
    const massageDocumented = techniques.length > 0 || (chart.mentions['massage-service'] ?? []).some(describesWork);

    // 97124 billed for 97140 work.
    const manualEvidence = manualWork[0];
    if (massageLines.length > 0 && manualEvidence && !massageDocumented) {
      const both = manualLines.length > 0;
      for (const line of massageLines) {
        report({
          message: `${line.code} (massage) is billed (line ${line.index + 1}) but the note describes manual therapy ("${manualEvidence.text}") and no massage technique${both ? '; 97140 is already billed for that work' : ''}`,
          span: manualEvidence,
          line: line.index,
          suggestion: both
            ? `Remove ${line.code}, or document the massage separately (technique, region, purpose and minutes).`
            : `Bill 97140 for "${manualEvidence.text}", or document the massage technique actually used (effleurage, petrissage, tapotement).`,
        });
      }
    }

    // 97140 billed for classic massage strokes. A stroke word counts where hands-on work is described:
    // the treatment section, or a sentence naming massage or a body region ("compression of the nerve
    // root" on an MRI report is not a stroke).
    if (manualLines.length === 0 || massageLines.length > 0 || manualWork.length > 0) return;
    const workSentences = new Set<number>();
    for (const id of ['massage-service', 'body-region']) {
      for (const m of chart.mentions[id] ?? []) if (performed(m)) workSentences.add(m.sentence);
    }
    const stroke = techniques.find((m) => m.section === 'treatment' || workSentences.has(m.sentence));
    if (!stroke) return;
    for (const line of manualLines) {
      report({
        message: `${line.code} (manual therapy) is billed (line ${line.index + 1}) but the note describes classic massage ("${stroke.text}") and no manual therapy technique`,
        span: stroke,
        line: line.index,
        suggestion: `Bill 97124 for the massage, or document the manual therapy technique actually used (joint mobilization, myofascial release, manual traction).`,
      });
    }
  },
});
