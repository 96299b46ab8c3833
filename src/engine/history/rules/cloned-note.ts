// cloned-note: this visit's note is near-identical to the same patient's previous note (copied
// forward). Compared per section: the findings sections (Objective, Assessment) carried over
// unchanged, or the whole note. Says which sections did not change and since which visit.
import type { SectionKind } from '../../chart/types';
import { similarity } from '../fingerprint';
import type { Fingerprint } from '../fingerprint';
import type { VisitRecord } from '../record';
import { defineHistoryRule } from './define';
import { listWords, percent, sectionName, visitName } from '../words';

/** Sections that hold this visit's findings: copied forward, they say nothing about this visit. */
const FINDINGS: readonly SectionKind[] = ['objective', 'assessment'];

type Kind = SectionKind | 'note';

function printOf(record: VisitRecord, kind: Kind): Fingerprint | undefined {
  return kind === 'note' ? record.note : record.sections.find((s) => s.kind === kind);
}

export default defineHistoryRule({
  meta: {
    id: 'cloned-note',
    title: 'Note copied forward from an earlier visit',
    defaultSeverity: 'warning',
    scope: 'episode',
    rationale:
      'Documentation worded exactly like or similar to the previous entries for the patient is treated as cloned: it cannot show what was found and done on this date, reads as maintenance care, and MACs deny it for lack of medical necessity and recoup what was paid.',
    howToFix:
      "Write this visit's findings afresh: today's measurements, the response to the last session, what changed since the last visit and why the massage is still needed. Carry forward only history that truly has not changed.",
    citations: [
      { title: 'First Coast Service Options (J11 bulletin copy): cloned documentation does not meet medical necessity requirements', url: 'https://www.leedergroup.com/bulletins/2011-10-medical-record-cloning-misrepresentation' },
      { title: 'Independence Blue Cross: records must show specific differences for each visit; cloned services are not reimbursed', url: 'https://provcomm.ibx.com/archive-ibc/Archive/Pages/9B9CA0B981A1322D852584A500462998.aspx' },
      { title: 'Priority Health: documentation cloning in EMRs', url: 'https://www.priorityhealth.com/provider/manual/standards/records/documentation-cloning-in-emrs' },
    ],
  },
  thresholds: ['cloneSimilarity', 'minShingles'],
  check({ current, earlier, threshold, report }) {
    const previous = earlier[earlier.length - 1];
    const atLeast = threshold('cloneSimilarity');
    if (!previous || atLeast === undefined) return;
    const minSize = threshold('minShingles') ?? 0;
    const comparable = (record: VisitRecord, kind: Kind): Fingerprint | undefined => {
      const print = printOf(record, kind);
      return print && print.size >= minSize ? print : undefined;
    };
    const similarTo = (record: VisitRecord, kind: Kind): number | undefined => {
      const a = comparable(current, kind);
      const b = comparable(record, kind);
      return a && b ? similarity(a.sketch, b.sketch) : undefined;
    };

    const unchanged = current.sections
      .map((s) => ({ kind: s.kind as Kind, share: similarTo(previous, s.kind) }))
      .filter((s): s is { kind: Kind; share: number } => s.share !== undefined && s.share >= atLeast);
    const whole = similarTo(previous, 'note');
    const findingsCompared = FINDINGS.filter((kind) => similarTo(previous, kind) !== undefined);
    const findingsCopied = findingsCompared.length > 0 && findingsCompared.every((kind) => unchanged.some((u) => u.kind === kind));
    const wholeCopied = whole !== undefined && whole >= atLeast;
    if (!findingsCopied && !wholeCopied) return;

    const shown = unchanged.length > 0 ? unchanged : [{ kind: 'note' as Kind, share: whole! }];
    // Since when each section has stayed the same: walk back while the earlier visit matches too.
    const since = shown.map(({ kind }) => {
      let first = earlier.length - 1;
      while (first > 0) {
        const share = similarTo(earlier[first - 1]!, kind);
        if (share === undefined || share < atLeast) break;
        first--;
      }
      return { kind, first };
    });
    const groups = new Map<number, Kind[]>();
    for (const { kind, first } of since) groups.set(first, [...(groups.get(first) ?? []), kind]);
    const runs = [...groups].map(([first, kinds]) => {
      const visits = earlier.length - first + 1;
      const which = groups.size > 1 ? `${listWords(kinds.map(sectionName))} ` : '';
      return `${which}unchanged since ${visitName(earlier[first]!)} (${visits} visits in a row)`;
    });
    const what = unchanged.length > 0 ? `its ${listWords(unchanged.map((u) => sectionName(u.kind)))} ${unchanged.length === 1 ? 'is' : 'are'}` : 'the note is';
    const lowest = Math.min(...shown.map((s) => s.share));
    const shares = whole !== undefined ? `${percent(whole)} of the note's three-word runs shared` : `at least ${percent(lowest)} of each one's three-word runs shared`;
    report({
      message: `This note repeats the previous one: ${what} near-identical to the note of ${visitName(previous)} (${shares}), ${listWords(runs)}`,
      suggestion: "Document this visit's own measurements, response and reasons for continuing; do not copy findings forward.",
    });
  },
});
