// Snapshot size caps, in a zod-free file so the content script (40 KB budget) can use the very
// same numbers the worker's SnapshotSchema enforces without bundling the schema library.
export const MAX_PART_CHARS = 200_000;
export const MAX_PARTS = 40;
export const MAX_LINES = 60;
/** Field caps: ids and labels 200, payer and provider text 300, adapter id 100. */
export const MAX_ID = 200;
export const MAX_LABEL = 200;
export const MAX_FIELD = 300;
export const MAX_ADAPTER_ID = 100;
