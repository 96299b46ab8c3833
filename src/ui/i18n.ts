// Every visible English string goes through t(). In the extension the source is
// browser.i18n.getMessage (installed by each entry point); with no source — unit tests that
// don't install one — t() returns the key itself, so a missing string is visible, never blank.

/** Same contract as browser.i18n.getMessage: returns "" for an unknown key. */
export type MessageSource = (key: string, substitutions?: string[]) => string;

let source: MessageSource | null = null;

export function setMessageSource(next: MessageSource | null): void {
  source = next;
}

export type Substitution = string | number;

export function t(key: string, substitutions?: Substitution | readonly Substitution[]): string {
  const subs =
    substitutions === undefined
      ? undefined
      : (Array.isArray(substitutions) ? substitutions : [substitutions]).map((s: Substitution) => String(s));
  const text = source === null ? '' : source(key, subs);
  return text === '' ? key : text;
}
