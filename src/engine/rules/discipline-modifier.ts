// discipline-modifier: GP/GO on therapy lines — missing where the profile requires it (info where it
// does not), more than one on a line, or not matching the discipline of whoever furnished the service.
import { isChiropracticCmt, isTimed, isUntimed } from '../codes';
import type { Figure } from '../facts';
import { defineRule } from './define';

const THERAPY_MODIFIERS = ['GP', 'GO', 'GN'] as const;
const NAMES: Record<string, string> = { GP: 'physical therapy', GO: 'occupational therapy', GN: 'speech-language pathology' };

/** Therapy codes carry a discipline modifier; chiropractic manipulation does not. */
const isTherapyCode = (code: string) => (isTimed(code) || isUntimed(code)) && !isChiropracticCmt(code);

/** "a PT", "an OTA": credentials are read letter by letter. */
function withArticle(credential: string): string {
  return `${'AEFHILMNORSX'.includes(credential.charAt(0)) ? 'an' : 'a'} ${credential}`;
}

export default defineRule({
  meta: {
    id: 'discipline-modifier',
    title: 'Therapy discipline modifier (GP/GO) missing or wrong',
    defaultSeverity: 'warning',
    scope: 'line',
    rationale:
      'Medicare requires GP (physical therapy plan of care) or GO (occupational therapy plan of care) on outpatient therapy lines; a missing, doubled or mismatched modifier is an administrative denial. Many commercial plans do not require it, but consistent use avoids avoidable rejections.',
    howToFix:
      'Append GP when the massage is furnished under a physical therapy plan of care (PT or PTA), GO under an occupational therapy plan (OT or OTA). Put exactly one discipline modifier on each therapy line.',
    citations: [
      { title: 'WPS (MAC): therapy modifiers GP, GO, GN', url: 'https://www.wpsmedicare.com/j5macpartb/resources/modifiers/therapymodifiers.shtml' },
      { title: "'Always therapy' codes need a therapy modifier whoever furnishes them", url: 'https://www.whatismedicalinsurancebilling.org/2010/07/therapy-cpt-code-list.html' },
    ],
  },
  check({ facts, profile, options, report }) {
    const lines = facts.lines.filter((l) => isTherapyCode(l.code));
    if (lines.length === 0) return;
    const required = profile.requires.disciplineModifier || options.required === true;

    // The discipline of whoever furnished the service; both PT and OT people on one note stays unknown.
    const pt = facts.providerCredentials.filter((f) => f.value === 'PT' || f.value === 'PTA');
    const ot = facts.providerCredentials.filter((f) => f.value === 'OT' || f.value === 'OTA');
    const who: { expected: 'GP' | 'GO'; figure: Figure<string> } | undefined =
      pt.length > 0 && ot.length === 0 ? { expected: 'GP', figure: pt[0]! } : ot.length > 0 && pt.length === 0 ? { expected: 'GO', figure: ot[0]! } : undefined;

    const missing = [];
    for (const line of lines) {
      const present = THERAPY_MODIFIERS.filter((m) => line.modifiers.includes(m));
      if (present.length > 1) {
        report({
          message: `${line.code} carries ${present.join(' and ')}: a line belongs to one therapy plan of care, so only one discipline modifier applies`,
          line: line.index,
          span: line.noteSpan,
          severity: 'error',
          suggestion: who ? `Keep ${who.expected} (the service was furnished by ${withArticle(who.figure.value)}) and remove the other.` : 'Keep the modifier of the plan of care the service was furnished under.',
        });
      } else if (present.length === 0) {
        missing.push(line);
      } else if (who && present[0] !== who.expected) {
        report({
          message: `${line.code} carries ${present[0]} (${NAMES[present[0]!]}) but the service was furnished by ${withArticle(who.figure.value)}, which calls for ${who.expected}`,
          line: line.index,
          span: who.figure.span ?? line.noteSpan,
          severity: 'error',
          suggestion: `Use ${who.expected} on ${line.code}, or correct the provider on the claim if another discipline furnished it.`,
        });
      }
    }
    if (missing.length === 0) return;
    const fix = who ? `Append ${who.expected} (${NAMES[who.expected]} plan of care, furnished by ${withArticle(who.figure.value)}).` : 'Append GP (physical therapy plan of care) or GO (occupational therapy plan of care).';
    if (required) {
      for (const line of missing) {
        report({ message: `${line.code} has no discipline modifier (GP/GO), which this payer requires on therapy lines`, line: line.index, span: line.noteSpan, suggestion: fix });
      }
      return;
    }
    // Not required here: one gentle note for the whole claim rather than one per line.
    report({
      message: `No GP/GO on ${missing.map((l) => l.code).join(', ')}; not required by this payer, but consistent discipline modifiers avoid administrative denials`,
      line: missing[0]!.index,
      span: missing[0]!.noteSpan,
      severity: 'info',
      suggestion: fix,
    });
  },
});
