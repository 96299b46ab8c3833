import { SETTINGS_LIMITS } from '../shared/limits';
import { findJsonSyntaxError, type JsonProblem } from './json-syntax';

// Custom selector adapters are typed as JSON: a list of adapter configs (one bare object is taken
// as a list of one). Parse it ourselves, so a syntax error can say where, then hand each config
// to the adapters' own validator. Nothing here touches storage: the caller saves only a 'valid'
// result, so a bad edit never replaces a good config.

/** The adapters' validator: src/adapters/selector.ts validateSelectorConfig. */
export type ValidateSelectorConfig = (json: unknown) => { ok: true; config: unknown } | { ok: false; errors: string[] };

export interface AdapterError {
  /** 1-based position of the adapter in the list; null for errors about the whole text. */
  adapter: number | null;
  message: string;
}

export type AdapterCheck =
  | { state: 'empty' }
  | { state: 'valid'; configs: unknown[] }
  /** `problem` null: our scanner accepted what JSON.parse refused; `message` is the browser's. */
  | { state: 'syntax'; problem: JsonProblem | null; message: string; line: number | null; column: number | null }
  | { state: 'invalid'; errors: AdapterError[] };

/** The worker's policy reader accepts the same number (src/shared/limits.ts). */
export const MAX_ADAPTERS = SETTINGS_LIMITS.adapters;

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function nameOf(config: unknown): string | null {
  if (typeof config !== 'object' || config === null || !('name' in config)) return null;
  return typeof config.name === 'string' ? config.name : null;
}

export function checkAdapterText(text: string, validate: ValidateSelectorConfig): AdapterCheck {
  if (text.trim() === '') return { state: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const found = findJsonSyntaxError(text);
    if (found === null) return { state: 'syntax', problem: null, message, line: null, column: null };
    return { state: 'syntax', problem: found.problem, message, ...lineColumn(text, found.offset) };
  }
  const list: unknown[] = Array.isArray(value) ? value : [value];
  if (list.length > MAX_ADAPTERS) {
    return { state: 'invalid', errors: [{ adapter: null, message: `at most ${MAX_ADAPTERS} adapters` }] };
  }

  const errors: AdapterError[] = [];
  const configs: unknown[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, index) => {
    const result = validate(item);
    if (!result.ok) {
      for (const message of result.errors) errors.push({ adapter: index + 1, message });
      return;
    }
    // The adapter id is "selector:<name>", so names must be unique.
    const name = nameOf(result.config);
    if (name !== null) {
      const first = seen.get(name);
      if (first !== undefined) errors.push({ adapter: index + 1, message: `name: "${name}" is already used by adapter ${first}` });
      else seen.set(name, index + 1);
    }
    configs.push(result.config);
  });
  return errors.length > 0 ? { state: 'invalid', errors } : { state: 'valid', configs };
}

/** How a stored config is shown for editing. */
export function adapterTextOf(config: unknown): string {
  return config === null || config === undefined ? '' : JSON.stringify(config, null, 2);
}
