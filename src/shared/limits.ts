// Size caps, in a zod-free file so the content script (40 KB budget) can use the very same numbers
// the worker's schemas enforce without bundling the schema library. The page description's caps
// are PAGE_LIMITS (src/shared/page.ts), built on these.
/** Characters of one text block of a page (a note part is at most one block's text). */
export const MAX_PART_CHARS = 200_000;
/** Note selectors of a selector configuration. */
export const MAX_PARTS = 40;
