// Installs a message source backed by assets/_locales/en/messages.json that follows the
// browser's rules ($NAME$ placeholders whose content is $1…$9), and records unknown keys so a
// test fails when the UI asks for a string that doesn't exist.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach, expect } from 'vitest';
import { setMessageSource } from '../../../src/ui/i18n';

interface LocaleEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

// Resolved by path, not `new URL()`: under jsdom the global URL is jsdom's.
export const MESSAGES_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../assets/_locales/en/messages.json');

export function loadMessages(): Record<string, LocaleEntry> {
  return JSON.parse(readFileSync(MESSAGES_PATH, 'utf8')) as Record<string, LocaleEntry>;
}

export function format(entry: LocaleEntry, substitutions: readonly string[] = []): string {
  const fill = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
  const named = entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) => {
    const placeholder = Object.entries(entry.placeholders ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
    return placeholder ? fill(placeholder[1].content) : whole;
  });
  return named.replace(/\$\$/g, '$');
}

/** Returns the list that collects keys the UI asked for but messages.json lacks. */
export function useEnglish(): string[] {
  const messages = loadMessages();
  const missing: string[] = [];
  setMessageSource((key, substitutions) => {
    const entry = messages[key];
    if (!entry) {
      missing.push(key);
      return '';
    }
    return format(entry, substitutions);
  });
  return missing;
}

/**
 * For a UI test file: real English strings in every test, the rendered tree cleaned up after it,
 * and a failure when the UI asked for a key messages.json lacks.
 */
export function useEnglishInEveryTest(): void {
  let missing: string[] = [];
  beforeEach(() => {
    missing = useEnglish();
  });
  afterEach(() => {
    cleanup();
    expect(missing).toEqual([]);
  });
}
