// Case-insensitive patterns without the 'i' flag. V8 compiles a pattern on its first use, and the
// 'i' flag makes that several times dearer: each of the labelled-date patterns took ~5 ms to compile
// with it and ~1 ms without, most of a cold command line's first check. Matching is as fast either way.
//
// Without the 'u' flag, 'i' folds an ASCII letter to its other case only (ECMAScript's Canonicalize
// never maps a character outside ASCII into it, nor the reverse), so writing each ASCII letter as
// [xX], and giving each letter range in a class its other case, matches exactly the same text. Only
// patterns whose letters are all ASCII can be rewritten; anything else throws, at module load.

const otherCase = (c: string): string | undefined => {
  const code = c.charCodeAt(0);
  if (code >= 97 && code <= 122) return String.fromCharCode(code - 32);
  if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
  return undefined;
};

/** A character with a case outside ASCII would need folding this does not do. */
function assertCaseless(c: string, source: string): void {
  if (c.charCodeAt(0) >= 128 && (c.toLowerCase() !== c || c.toUpperCase() !== c)) throw new Error(`caseless: "${c}" in /${source}/ has a case outside ASCII`);
}

/** The source of a pattern written for the 'i' flag (and no 'u'), rewritten to need no 'i'. */
export function caseless(source: string): string {
  let out = '';
  let inClass = false;
  let classStart = -1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      // A \u escape of a character with no case (a curly quote, a prime) stands for itself under
      // 'i' too: copied as written, so patterns can name such characters in ASCII.
      const escaped = next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6)) ? String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16)) : '';
      if (escaped >= '\u0080' && escaped.toLowerCase() === escaped && escaped.toUpperCase() === escaped) {
        out += source.slice(i, i + 6);
        i += 5;
        continue;
      }
      // \x41 and \u0061 are letters in disguise, and a backreference under 'i' matches its group's
      // text in either case: neither is rewritten.
      if ('xukcpP123456789'.includes(next) || next === '') throw new Error(`caseless: \\${next} in /${source}/ is not supported`);
      out += c + next;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        out += c;
      } else if (c === '-' && i !== classStart && source[i + 1] !== ']') {
        // A range from an escape ("[\--z]"): its letters are not worth working out.
        throw new Error(`caseless: a range starting with an escape in /${source}/ is not supported`);
      } else if (source[i + 1] === '-' && source[i + 2] !== undefined && source[i + 2] !== ']') {
        const to = source[i + 2]!;
        if (to === '\\') throw new Error(`caseless: a range ending in an escape in /${source}/ is not supported`);
        const [low, high] = [otherCase(c), otherCase(to)];
        // Only a range of lower-case or of upper-case letters maps onto one range of the other case.
        const sameCase = low !== undefined && high !== undefined && (c < 'a') === (to < 'a');
        if ((low !== undefined || high !== undefined) && !sameCase) throw new Error(`caseless: range ${c}-${to} in /${source}/ is not supported`);
        assertCaseless(c, source);
        assertCaseless(to, source);
        out += `${c}-${to}${sameCase ? `${low}-${high}` : ''}`;
        i += 2;
      } else {
        assertCaseless(c, source);
        out += c + (otherCase(c) ?? '');
      }
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (source[i + 1] === '^') {
        out += '^';
        i++;
      }
      classStart = i + 1;
      continue;
    }
    if (c === '(' && source.startsWith('?<', i + 1) && /[A-Za-z]/.test(source[i + 3] ?? '')) throw new Error(`caseless: named groups in /${source}/ are not supported`);
    if (c === '{') {
      // A quantifier ({2}, {0,3}) has no letters; copy it whole.
      const close = source.indexOf('}', i);
      if (close > i && /^\{\d+(,\d*)?\}$/.test(source.slice(i, close + 1))) {
        out += source.slice(i, close + 1);
        i = close;
        continue;
      }
    }
    assertCaseless(c, source);
    const other = otherCase(c);
    out += other === undefined ? c : `[${c}${other}]`;
  }
  return out;
}

/** new RegExp(source, flags + 'i'), compiled without the 'i' flag (flags must not hold 'u' or 'v'). */
export function caselessRegExp(source: string, flags = ''): RegExp {
  if (/[iuv]/.test(flags)) throw new Error(`caselessRegExp: flags "${flags}" (give them without i, u or v)`);
  return new RegExp(caseless(source), flags);
}
