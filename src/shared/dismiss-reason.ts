// A dismissal's reason is one category from a fixed list, so nothing typed beside a chart (PHI)
// can ride along. It travels in `ui:dismiss` as that string; an older popup's
// "<category>: <note>" still decodes, and the worker keeps only its category.
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

export function isDismissCategory(value: string): value is DismissCategory {
  return (DISMISS_CATEGORIES as readonly string[]).includes(value);
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
