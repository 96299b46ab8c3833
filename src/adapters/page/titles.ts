// Short titles standing alone ("Reminders", "Clinical findings"): headings of level 7. Decided in
// the worker, not in the content script (40 KB budget): the describer sends every short block it
// could not rule out twice, as the block and as a heading of level 0 (same anchor id and `at`), and
// settleTitles keeps exactly one of the two. Item `head` indices are remapped, so the settled
// description is the one the describer made when it decided this itself.
//
// Every consumer of a content script's description settles it first: the worker on arrival
// (src/background/frames.ts frameSnapshot), tests and scripts that describe a page themselves.
// Settling is pure and idempotent (no level-0 heading is left).
import type { PageDescription, PageHeading } from '../../shared/page';
import { squash } from '../dom';

/** Level of a heading the worker has still to decide (a real heading is never level 0). */
export const TITLE_CANDIDATE = 0;

/** A title standing alone: short, no digits or sentence punctuation, capitalised like a heading. */
export function titleLike(text: string): boolean {
  const t = text.trim();
  if (t.length > 40 || t.includes('\n') || /\d|,|:./.test(t) || /[.;!?]$/.test(t)) return false;
  const words = t.replace(/:$/, '').split(/\s+/);
  if (words.length > 5 || !/^[A-Z]/.test(t)) return false;
  return words.length <= 2 || t === t.toUpperCase() || words.every((w) => /^[A-Z&]/.test(w) || /^(?:of|and|or|the|to|for|in|on|by)$/.test(w));
}

/** The description with every title candidate decided (a new object; `page` is left as it is). */
export function settleTitles(page: PageDescription): PageDescription {
  if (!page.headings.some((h) => h.level === TITLE_CANDIDATE)) return page;
  const blockAt = new Map(page.blocks.map((b) => [`${b.id}@${b.at}`, b]));
  const dropped = new Set<object>();
  const headings: PageHeading[] = [];
  // Old heading index → new one; a candidate that stays a block maps to the heading before it.
  const moved: (number | undefined)[] = [];
  for (const heading of page.headings) {
    if (heading.level !== TITLE_CANDIDATE) headings.push(heading);
    else if (titleLike(heading.text)) {
      headings.push({ ...heading, level: 7, text: squash(heading.text).replace(/:$/, '') });
      const block = blockAt.get(`${heading.id}@${heading.at}`);
      if (block) dropped.add(block);
    }
    moved.push(headings.length > 0 ? headings.length - 1 : undefined);
  }
  const remap = <T extends { head?: number }>(item: T): T => {
    if (item.head === undefined || moved[item.head] === item.head) return item;
    const { head, ...rest } = item;
    const to = moved[head];
    return (to === undefined ? rest : { ...rest, head: to }) as T;
  };
  return {
    ...page,
    headings,
    blocks: page.blocks.filter((b) => !dropped.has(b)).map(remap),
    fields: page.fields.map(remap),
    tables: page.tables.map(remap),
    records: page.records.map(remap),
  };
}
