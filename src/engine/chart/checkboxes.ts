// Template checkboxes: "[x] kneading [ ] percussion", "☐ calming", "Edema [ ]  Spasm [x]".
// A box is ConText read off the layout: an unchecked box is a pre-negation whose scope is its own
// option, and any box (checked or not) ends the scope of a trigger before it. The marks are data
// (data/checkboxes.json); this file finds them and the option each one ticks.
//
// An option is the words on the box's side, up to the next box, a column gap (a tab or two spaces and
// more), a clause or sentence break, a spaced dash ("-- R upper trap") or the end of the line, and at
// most MAX_OPTION_TOKENS words. Which side: a line whose boxes follow their words ("Edema [ ]  Spasm
// [x]": it ends with a box, and its first box comes right after a word) ticks the words before each
// box; every other line the words after it ("Aim: [x] lower tone [ ] relax").
import data from '../data/checkboxes.json';
import { tokenAtOrAfter, type Tokens } from './tokens';

/** Box marks by their collapsed form ("[  ]" → "[ ]", "[]" → "[ ]"): true when ticked. */
const MARKS = new Map<string, boolean>();
const collapse = (mark: string): string => {
  const open = mark[0];
  if (open !== '[' && open !== '(') return mark;
  const inner = mark.slice(1, -1).trim();
  return `${open}${inner === '' ? ' ' : inner}${mark[mark.length - 1]}`;
};
for (const m of data.unchecked) MARKS.set(collapse(m), false);
for (const m of data.checked) MARKS.set(collapse(m), true);
/** First code points of the single-character marks ("☐", "☑", "✔"), for a quick test per character. */
const GLYPHS = new Set<number>([...MARKS.keys()].filter((k) => k[0] !== '[' && k[0] !== '(').map((k) => k.codePointAt(0)!));

/** The most words one box's option runs over (keeps a runaway line from being one option). */
const MAX_OPTION_TOKENS = 8;
/** The longest bracketed mark: the brackets, a mark and the spaces around it ("[  x  ]"). */
const MAX_BRACKETED = 8;

export interface Box {
  start: number;
  end: number;
  checked: boolean;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 0xa0;

/** The box marks in `text`, in order. */
export function findBoxes(text: string): Box[] {
  const boxes: Box[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 40) {
      const close = c === 91 ? 93 : 41;
      let j = i + 1;
      while (j < text.length && j - i < MAX_BRACKETED && text.charCodeAt(j) !== close && text.charCodeAt(j) !== 10) j++;
      if (text.charCodeAt(j) !== close) continue;
      const checked = MARKS.get(collapse(text.slice(i, j + 1)));
      if (checked !== undefined) {
        boxes.push({ start: i, end: j + 1, checked });
        i = j;
      }
    } else if (c >= 0x2000) {
      const cp = text.codePointAt(i)!;
      if (!GLYPHS.has(cp)) continue;
      const width = cp > 0xffff ? 2 : 1;
      boxes.push({ start: i, end: i + width, checked: MARKS.get(String.fromCodePoint(cp)) === true });
      i += width - 1;
    }
  }
  return boxes;
}

/** The gap between two words ends an option: a line break, a column gap, a clause or sentence mark, a spaced dash. */
function endsOption(text: string, from: number, to: number): boolean {
  let spaces = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 32 || c === 0xa0) {
      if (++spaces >= 2) return true;
      continue;
    }
    spaces = 0;
    // \n \t ! ( ) . : ; ? [ ]
    if (c === 10 || c === 9 || c === 33 || c === 40 || c === 41 || c === 46 || c === 58 || c === 59 || c === 63 || c === 91 || c === 93) return true;
    // A dash with a space before or after it separates ("tone -- R upper trap"); "Re-eval" is one option.
    if ((c === 45 || c === 0x2013 || c === 0x2014) && (isSpace(text.charCodeAt(k - 1)) || isSpace(text.charCodeAt(k + 1)))) return true;
  }
  return false;
}

/** Only spaces (no line break) between `from` and `to`. */
const onlySpaces = (text: string, from: number, to: number): boolean => {
  for (let k = from; k < to; k++) if (!isSpace(text.charCodeAt(k))) return false;
  return true;
};

export interface CheckboxScopes {
  /** Tokens after which a box stands: a scope from before the box ends there. */
  breakAfter: number[];
  /** Token ranges [first, end) of the options of unchecked boxes: not asserted. */
  unchecked: [number, number][];
}

/** The boxes of `text` as scope data over `tokens`. */
export function checkboxScopes(text: string, tokens: Tokens): CheckboxScopes {
  const out: CheckboxScopes = { breakAfter: [], unchecked: [] };
  const boxes = findBoxes(text);
  if (boxes.length === 0) return out;
  // Boxes by line: the layout (words before or after their boxes) is decided per line.
  for (let b = 0; b < boxes.length; ) {
    const lineStart = text.lastIndexOf('\n', boxes[b]!.start - 1) + 1;
    let lineEnd = text.indexOf('\n', boxes[b]!.start);
    if (lineEnd < 0) lineEnd = text.length;
    let e = b;
    while (e < boxes.length && boxes[e]!.start < lineEnd) e++;
    const line = boxes.slice(b, e);
    const first = line[0]!;
    const last = line[line.length - 1]!;
    const wordBeforeFirst = tokenAtOrAfter(tokens, first.start) - 1;
    const trailing =
      onlySpaces(text, last.end, lineEnd) &&
      wordBeforeFirst >= 0 &&
      tokens.ends[wordBeforeFirst]! >= lineStart &&
      onlySpaces(text, tokens.ends[wordBeforeFirst]!, first.start);
    for (let k = 0; k < line.length; k++) {
      const box = line[k]!;
      const after = tokenAtOrAfter(tokens, box.end);
      if (after > 0) out.breakAfter.push(after - 1);
      if (box.checked) continue;
      if (trailing) {
        // Back from the box over its option, to the box, label or gap before it.
        let a = after - 1;
        if (a < 0 || tokens.starts[a]! < lineStart || !onlySpaces(text, tokens.ends[a]!, box.start)) continue;
        const floor = k > 0 ? line[k - 1]!.end : lineStart;
        while (a - 1 >= 0 && tokens.starts[a - 1]! >= floor && after - a < MAX_OPTION_TOKENS && !endsOption(text, tokens.ends[a - 1]!, tokens.starts[a]!)) a--;
        out.unchecked.push([a, after]);
      } else {
        // On from the box over its option, to the next box, gap or break.
        if (after >= tokens.count || tokens.starts[after]! >= lineEnd || !onlySpaces(text, box.end, tokens.starts[after]!)) continue;
        const ceiling = k + 1 < line.length ? line[k + 1]!.start : lineEnd;
        let z = after + 1;
        while (z < tokens.count && tokens.starts[z]! < ceiling && z - after < MAX_OPTION_TOKENS && !endsOption(text, tokens.ends[z - 1]!, tokens.starts[z]!)) z++;
        out.unchecked.push([after, z]);
      }
    }
    b = e;
  }
  return out;
}
