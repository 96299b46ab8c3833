// Types for batch-corpus.mjs (imported by the batch tests).
export function writeBatch(dir: string, count: number, options?: { seed?: number; textShare?: number; patients?: number }): { json: number; txt: number; bytes: number; templates: number };
