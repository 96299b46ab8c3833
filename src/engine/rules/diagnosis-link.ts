// diagnosis-link: a 97124 line with no diagnosis, or only non-specific or invalid ones (R52, a deleted
// or subdivided code such as M54.5, a malformed code). The lists live in data/diagnoses.json.
import { isMassage } from '../codes';
import { classifyDiagnosis, type DxVerdict } from '../data/diagnoses';
import { defineRule } from './define';

export default defineRule({
  meta: {
    id: 'diagnosis-link',
    title: 'Massage line without a specific, valid diagnosis',
    defaultSeverity: 'error',
    scope: 'line',
    rationale:
      'A 97124 line must point to a diagnosis that explains why skilled massage is needed. A line with no diagnosis, a code that no longer exists (M54.5 since October 2021) or a malformed code is rejected; an unspecified pain code alone (R52) is weak support for medical necessity.',
    howToFix:
      'Point the massage line to the specific condition it treats (e.g. M62.830 muscle spasm of back, M54.2 cervicalgia), coded to its full length, and replace deleted codes with their current subdivisions.',
    citations: [
      { title: 'Coding massage therapy 97124: specific diagnosis codes linked to the massage procedure', url: 'https://deploy.doczz.net/doc/6541919/coding-massage-therapy--97124--and-manual-therapy--97140-' },
      { title: 'MedPayIQ: CPT 97124 (specific codes fare better than unspecified pain)', url: 'https://medpayiq.com/cpt/97124' },
      { title: 'Muscle spasm of back, M62.830 (specific spasm codes)', url: 'https://pabau.com/diagnostic-codes/icd-10-code-m62830-muscle-spasm-of-back' },
    ],
  },
  check({ facts, report }) {
    const dos = facts.episode.dateOfService?.value;
    for (const line of facts.lines) {
      // Lines read from a note carry no diagnosis pointers: nothing to judge there.
      if (!isMassage(line.code) || line.fromNote) continue;
      if (line.dx.length === 0) {
        report({
          message: `${line.code} has no diagnosis; a massage line must point to the condition it treats`,
          line: line.index,
          suggestion: 'Add the specific ICD-10-CM code the massage treats, e.g. M62.830 (muscle spasm of back).',
        });
        continue;
      }
      const verdicts = line.dx.map((code) => ({ code, verdict: classifyDiagnosis(code, dos) }));
      const invalid = verdicts.filter((v) => v.verdict.kind === 'malformed' || v.verdict.kind === 'not-billable');
      const vague = verdicts.filter((v) => v.verdict.kind === 'non-specific');
      const usable = verdicts.length - invalid.length - vague.length;
      // Invalid codes are reported even beside a good one: the payer rejects the line or the code.
      for (const { code, verdict } of invalid) {
        report({ message: describe(line.code, code, verdict), line: line.index, suggestion: fixFor(code, verdict) });
      }
      if (usable === 0 && vague.length > 0) {
        const what = vague.map(({ code, verdict }) => (verdict.kind === 'non-specific' ? `${code} (${verdict.entry.description}: ${verdict.entry.why})` : code));
        report({
          message: `${line.code} points only to non-specific diagnoses: ${what.join('; ')}`,
          line: line.index,
          severity: 'warning',
          suggestion: vague.map(({ code, verdict }) => (verdict.kind === 'non-specific' ? `Instead of ${code}, use ${verdict.entry.suggestion}.` : '')).join(' '),
        });
      }
    }
  },
});

function describe(lineCode: string, code: string, verdict: DxVerdict): string {
  if (verdict.kind === 'not-billable') {
    const when = verdict.entry.since ? ` for dates of service from ${verdict.entry.since}` : '';
    return `${lineCode} points to ${code} (${verdict.entry.description}), which is not a billable code${when}; it was subdivided into ${verdict.entry.replacedBy.join(', ')}`;
  }
  return `${lineCode} points to "${code}", which is not a valid ICD-10-CM code (a letter, a digit, a letter or digit, then up to four more characters; CPT or ICD-9 codes are not diagnoses)`;
}

function fixFor(code: string, verdict: DxVerdict): string {
  if (verdict.kind === 'not-billable') return `Replace ${code} with the subdivision the note supports (${verdict.entry.replacedBy.join(', ')}).`;
  return `Correct "${code}" to the full ICD-10-CM code, e.g. M62.830.`;
}
