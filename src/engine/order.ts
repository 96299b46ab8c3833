// String order as String.prototype.localeCompare gives it, without waking the collator for plain
// strings: its first use costs milliseconds of a cold command line, and sorting names and rule ids
// needs only the root collation, which orders letters, digits, spaces and "-./" like their lower-cased
// code units (space < - < . < / < digits < letters). Any other pair, or one that differs only by case,
// is left to localeCompare.

const PLAIN = /^[A-Za-z0-9 \-./]*$/;

export function localeOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (PLAIN.test(a) && PLAIN.test(b)) {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.localeCompare(b);
}
