// The formats `check --format` writes, by name.
import { csvFormat } from './csv';
import type { Format } from './format';
import { htmlFormat } from './html';
import { jsonFormat } from './json';
import { ndjsonFormat } from './ndjson';
import { sarifFormat } from './sarif';
import { textFormat } from './text';

export const FORMATS = {
  text: textFormat,
  json: jsonFormat,
  ndjson: ndjsonFormat,
  csv: csvFormat,
  sarif: sarifFormat,
  html: htmlFormat,
} as const satisfies Record<string, Format>;

export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];
/** Formats that can carry the engine's reading (--explain). */
export const EXPLAIN_FORMATS: readonly FormatName[] = ['text', 'json', 'ndjson'];
