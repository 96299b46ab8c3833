// A dismissal's reason travels in `ui:dismiss` as one string: "<category>" or
// "<category>: <note>". The category is one of a fixed list, so the background can log it
// without PHI; the free-text note may quote the chart, so it stays with the visit only
// (shown back in the popup) and is never logged.
export const DISMISS_CATEGORIES = [
  'documented-elsewhere',
  'payer-exception',
  'not-applicable',
  'false-positive',
  'other',
] as const;

export type DismissCategory = (typeof DISMISS_CATEGORIES)[number];

/** Locale keys for the categories' labels. */
export const DISMISS_CATEGORY_LABEL_KEYS: Record<DismissCategory, string> = {
  'documented-elsewhere': 'dismissReasonDocumentedElsewhere',
  'payer-exception': 'dismissReasonPayerException',
  'not-applicable': 'dismissReasonNotApplicable',
  'false-positive': 'dismissReasonFalsePositive',
  other: 'dismissReasonOther',
};

/** The message schema caps `reason` at 500 characters. */
export const MAX_REASON_LENGTH = 500;

export function isDismissCategory(value: string): value is DismissCategory {
  return (DISMISS_CATEGORIES as readonly string[]).includes(value);
}

export function encodeDismissReason(category: DismissCategory, note: string): string {
  const trimmed = note.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return category;
  return `${category}: ${trimmed}`.slice(0, MAX_REASON_LENGTH);
}

/** Unknown categories decode as "other" with the whole text as the note (never dropped). */
export function decodeDismissReason(reason: string): { category: DismissCategory; note: string } {
  const colon = reason.indexOf(':');
  const head = colon === -1 ? reason : reason.slice(0, colon);
  if (isDismissCategory(head)) {
    return { category: head, note: colon === -1 ? '' : reason.slice(colon + 1).trim() };
  }
  return { category: 'other', note: reason };
}
