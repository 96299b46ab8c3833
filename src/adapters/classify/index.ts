// The classifier: one frame's page description → note parts, claim lines grouped by encounter, and
// header facts, each with a confidence and its reason. Runs in the worker (pure: no DOM).
import type { PageDescription } from '../../shared/page';
import { readFacts } from './facts';
import { readLines } from './lines';
import { readNotes } from './notes';
import { patientField } from './patient';
import { pageDateOrder, withDateOrder } from './values';
import type { FrameReading } from './types';

export type { FrameReading, NotePiece, ReadFact, ReadFacts, ReadGroup, ReadLine, ReadNotePart, Skipped } from './types';

/** Every text of a page description, for deciding how the page writes its dates. */
function* pageTexts(page: PageDescription): Generator<string> {
  yield page.frame.title ?? '';
  for (const h of page.headings) yield h.text;
  for (const b of page.blocks) yield b.text;
  for (const f of page.fields) yield `${f.label} ${f.value}`;
  for (const t of page.tables) for (const r of t.rows) for (const c of r.cells) yield c.text;
  for (const r of page.records) for (const p of r.parts) yield p.text;
}

export function classifyFrame(page: PageDescription): FrameReading {
  // A page that writes its dates day first (dd/mm/yyyy) is read so throughout.
  return withDateOrder(pageDateOrder(pageTexts(page)), () => classifyDescribed(page));
}

function classifyDescribed(page: PageDescription): FrameReading {
  const lines = readLines(page);
  const notes = readNotes(page, lines.claimTables, lines.claimRecords, lines.textTableAt, new Set(lines.groups.flatMap((g) => g.lines.map((l) => l.line.code))));
  const noteBlocks = new Set(notes.parts.flatMap((p) => p.pieces.map((piece) => piece.block)));
  const facts = readFacts(page, noteBlocks, lines.claimTables);
  return {
    notes: notes.parts,
    groups: lines.groups,
    facts,
    skipped: [...lines.skipped, ...notes.skipped].slice(0, 30),
    unresolved: lines.unresolved,
    visible: page.frame.visible,
    loading: page.frame.loading,
    cut: page.cut ?? [],
    ...patientField(page),
  };
}
