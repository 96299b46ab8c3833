// assistant-modifier: CQ/CO when a PTA/OTA furnished the service (credentials, signature, "co-treated
// with PTA"); CQ paired with GO or CO with GP; CQ/CO when no assistant took part. The 10% de minimis
// test is not computed (its per-unit algorithm is UNCONFIRMED): findings say when the modifier applies.
import { isChiropracticCmt, isTimed, isUntimed } from '../codes';
import type { Figure } from '../facts';
import type { RuleContext } from '../types';
import { defineRule } from './define';

// Evaluations and re-evaluations are the therapist's own work: an assistant never furnishes them.
const DEFAULT_EXCLUDED = ['97161', '97162', '97163', '97164', '97165', '97166', '97167', '97168'];
const ASSISTANT_MODIFIER = { PTA: 'CQ', OTA: 'CO' } as const;
const DE_MINIMIS = 'CQ/CO apply when the assistant furnished more than 10% of the service (CMS de minimis standard; this check does not split the minutes)';

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.map((v) => v.toUpperCase()) : undefined;
}

type Assistant = Figure<'PTA' | 'OTA'> & { strong: boolean };

/** Assistants who took part today; a signature or the claim is strong, a mention ("co-treated with PTA") weaker. */
function assistantsOf(ctx: RuleContext): Assistant[] {
  const { chart, facts } = ctx;
  const signatures = new Set(chart.credentials.filter((c) => c.kind === 'signature').map((c) => c.start));
  const out: Assistant[] = [];
  for (const f of facts.assistants) {
    if (f.span) {
      const c = chart.contextAt(f.span.start);
      if (c.historical || c.hypothetical || c.home) continue;
    }
    out.push({ ...f, strong: f.source === 'claim' || (f.span !== undefined && signatures.has(f.span.start)) });
  }
  return out.sort((a, b) => Number(b.strong) - Number(a.strong));
}

/** "a PT", "an OTA": credentials are read letter by letter. */
function withArticle(credential: string): string {
  return `${'AEFHILMNORSX'.includes(credential.charAt(0)) ? 'an' : 'a'} ${credential}`;
}

export default defineRule({
  meta: {
    id: 'assistant-modifier',
    title: 'Assistant modifier (CQ/CO) missing, mismatched or unsupported',
    defaultSeverity: 'warning',
    scope: 'line',
    rationale:
      'Medicare requires CQ (PTA) or CO (OTA) when an assistant furnishes a therapy service in whole or in part, and pays those lines at 85%. CQ belongs with GP and CO with GO; a missing modifier is an overpayment, and a modifier with no assistant involved underpays and misstates who treated.',
    howToFix:
      'Record who furnished the massage and for how many minutes. When a PTA (OTA) furnished more than 10% of the service on their own, append CQ with GP (CO with GO). When the therapist furnished it, or PT and PTA treated jointly for the whole service, leave CQ/CO off.',
    citations: [
      { title: 'CMS: billing examples using CQ/CO modifiers for services furnished by PTAs and OTAs', url: 'https://cms.gov/medicare/coding-billing/therapy-services/billing-examples-using-cq/co-modifiers-services-furnished-whole-or-part-ptas-and-otas' },
      { title: 'Quick guide to the PTA modifier (CQ with GP, CO with GO; 10% de minimis)', url: 'https://mediclaimservices.com/our-coding-blog/quick-guide-to-pta-modifier' },
    ],
  },
  check(ctx) {
    const { facts, profile, options, report } = ctx;
    const excluded = new Set(stringList(options.excludeCodes) ?? DEFAULT_EXCLUDED);
    const lines = facts.lines.filter((l) => (isTimed(l.code) || isUntimed(l.code)) && !isChiropracticCmt(l.code) && !excluded.has(l.code));
    if (lines.length === 0) return;
    const required = profile.requires.assistantModifier || options.required === true;
    const assistants = assistantsOf(ctx);
    const pta = assistants.find((a) => a.value === 'PTA');
    const ota = assistants.find((a) => a.value === 'OTA');
    // Who signed or billed, when known: a therapist without any assistant means CQ/CO has no basis.
    const therapist = facts.providerCredentials.find((f) => f.value === 'PT' || f.value === 'OT');

    for (const line of lines) {
      const has = (m: string) => line.modifiers.includes(m);
      const cq = has('CQ');
      const co = has('CO');
      if (cq && co) {
        report({ message: `${line.code} carries both CQ and CO; a line is furnished under one plan of care`, line: line.index, span: line.noteSpan, severity: 'error', suggestion: 'Keep CQ with GP (PTA) or CO with GO (OTA).' });
      }
      if (cq && (has('GO') || has('GN'))) {
        report({ message: `${line.code} pairs CQ (physical therapist assistant) with ${has('GO') ? 'GO' : 'GN'}; CQ goes with GP`, line: line.index, span: line.noteSpan, severity: 'error', suggestion: 'Use CQ with GP for a PTA, or CO with GO for an OTA.' });
      }
      if (co && (has('GP') || has('GN'))) {
        report({ message: `${line.code} pairs CO (occupational therapy assistant) with ${has('GP') ? 'GP' : 'GN'}; CO goes with GO`, line: line.index, span: line.noteSpan, severity: 'error', suggestion: 'Use CO with GO for an OTA, or CQ with GP for a PTA.' });
      }

      // A PT-plan line (GP or no discipline modifier) with a PTA involved needs CQ; an OT-plan line with an OTA, CO.
      const ptPlan = !has('GO') && !has('GN');
      const otPlan = !has('GP') && !has('GN');
      const who = cq || co ? undefined : pta && ptPlan ? pta : ota && otPlan ? ota : undefined;
      if (who) {
        const modifier = ASSISTANT_MODIFIER[who.value];
        const evidence = who.span ? `"${ctx.chart.text.slice(who.span.start, who.span.end)}"` : `the claim's provider (${who.value})`;
        report({
          message: who.strong
            ? `${line.code} has no ${modifier} although ${evidence} shows ${withArticle(who.value)} furnished the visit; ${DE_MINIMIS}`
            : `${line.code} has no ${modifier} although the note says ${withArticle(who.value)} took part (${evidence}); ${DE_MINIMIS}`,
          line: line.index,
          span: who.span,
          // A mention is weaker than a signature (joint PT+PTA treatment for the whole service needs no CQ),
          // and a payer that does not require assistant modifiers gets a note, not a warning.
          severity: !required ? 'info' : who.strong ? undefined : 'warning',
          suggestion: `If the ${who.value} furnished more than 10% of ${line.code} independently, append ${modifier}; document each clinician's minutes either way.`,
        });
      }

      for (const [modifier, own, other] of [['CQ', pta, ota], ['CO', ota, pta]] as const) {
        if (!has(modifier) || own) continue;
        if (other) {
          // The other kind of assistant took part: a PTA on a CO line, an OTA on a CQ line.
          report({
            message: `${line.code} carries ${modifier}, but the assistant in the note is ${withArticle(other.value)}, whose modifier is ${ASSISTANT_MODIFIER[other.value]}`,
            line: line.index,
            span: other.span ?? line.noteSpan,
            severity: 'error',
            suggestion: `Use ${ASSISTANT_MODIFIER[other.value]} with ${other.value === 'PTA' ? 'GP' : 'GO'}.`,
          });
        } else if (therapist) {
          report({
            message: `${line.code} carries ${modifier}, but the note names no ${modifier === 'CQ' ? 'PTA' : 'OTA'}; it is signed by ${withArticle(therapist.value)}`,
            line: line.index,
            span: therapist.span ?? line.noteSpan,
            suggestion: `Remove ${modifier} if the ${therapist.value} furnished the service, or name the assistant and their minutes in the note.`,
          });
        }
      }
    }
  },
});
