// templated-note: this note's findings (or the whole note) are the same text as other patients'
// notes. Patients do not share findings word for word; a template filled in without change does.
import type { SectionKind } from '../../chart/types';
import { defineHistoryRule, type TemplateMatch } from './define';
import { listWords, percent, sectionName, visitName } from '../words';

/** What is compared across patients: findings, and the whole note. Shared headings or plan wording alone are normal. */
export const COMPARED_ACROSS_PATIENTS: readonly (SectionKind | 'note')[] = ['note', 'subjective', 'objective', 'assessment'];

export default defineHistoryRule({
  meta: {
    id: 'templated-note',
    title: 'Same note text as other patients',
    defaultSeverity: 'warning',
    scope: 'visit',
    rationale:
      'Documentation exactly the same from patient to patient is considered cloned: it lacks the patient-specific information that supports the service, and payers deny it for lack of medical necessity. A template whose findings are never changed is the usual cause.',
    howToFix:
      "Replace the template's findings with this patient's own: the measurements taken today, where the spasm or restriction is, what limits this patient's function and how the massage addressed it.",
    citations: [
      { title: 'First Coast Service Options (J11 bulletin copy): documentation exactly the same from patient to patient is considered cloned', url: 'https://www.leedergroup.com/bulletins/2011-10-medical-record-cloning-misrepresentation' },
      { title: 'Independence Blue Cross: macros and templates as a source of cloned notes', url: 'https://provcomm.ibx.com/archive-ibc/Archive/Pages/9B9CA0B981A1322D852584A500462998.aspx' },
    ],
  },
  thresholds: ['templateSimilarity', 'minShingles'],
  check({ current, others, threshold, report }) {
    const atLeast = threshold('templateSimilarity');
    if (atLeast === undefined) return;
    const minSize = threshold('minShingles') ?? 0;
    const matched: { kind: SectionKind | 'note'; matches: TemplateMatch[] }[] = [];
    for (const kind of COMPARED_ACROSS_PATIENTS) {
      const print = kind === 'note' ? current.note : current.sections.find((s) => s.kind === kind);
      if (!print || print.size < minSize) continue;
      const matches = others.similar(current.patient, kind, print.sketch, atLeast);
      if (matches.length > 0) matched.push({ kind, matches });
    }
    if (matched.length === 0) return;
    // The whole note matching says it all; otherwise name the sections that match.
    const named = matched.some((m) => m.kind === 'note') ? matched.filter((m) => m.kind === 'note') : matched;
    const all = matched.flatMap((m) => m.matches);
    const patients = new Set(all.map((m) => m.other)).size;
    const first = [...all].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'))[0]!;
    const parts = named.map(({ kind, matches }) => `${kind === 'note' ? 'the whole note' : `its ${sectionName(kind)}`} (up to ${percent(Math.max(...matches.map((m) => m.similarity)))} shared)`);
    report({
      message: `This note's text is the same as other patients' notes: ${listWords(parts)} near-identical to the notes of ${patients} other patient${patients === 1 ? '' : 's'}, e.g. ${visitName(first)}`,
      suggestion: "Write this patient's own findings; a template's defaults must be changed to what was found today.",
    });
  },
});
