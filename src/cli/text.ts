// Small text helpers shared by the command line's text reports.

/** Whitespace folded to single spaces and cut to `max` characters with an ellipsis. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Padded to `width` (on the left when `right`, for numbers in a table column). */
export function pad(text: string, width: number, right = false): string {
  if (text.length >= width) return text;
  const space = ' '.repeat(width - text.length);
  return right ? space + text : text + space;
}
