// Full stops that end nothing, for both splitters: the sentence splitter (context.ts, which sees case)
// and the clause splitter of treatment time (time.ts, on lower-cased tokens) ask fullStopEndsNothing.
// Words whose full stop does not end a sentence ("Dr. Ruiz", "approx. 12 min") are one table; initials
// ("J. Ortiz") and dotted leaders ("Massage ........ 15 min") are read the same way by both.
//
// `clause: false`: the clause splitter still ends a clause there. "Pt." opens a sentence ("Pt.
// reports…") as often as "pt." closes one ("HEP reviewed with pt. Massage 97124 15 min"); the
// sentence splitter skips only a capitalised "Pt.", but lower-cased tokens cannot tell the two
// apart, and a clause run on past "pt." ties the next service's minutes to the one before.
const ABBREVIATIONS: readonly { word: string; clause: boolean }[] = [
  { word: 'Dr', clause: true },
  { word: 'Mr', clause: true },
  { word: 'Mrs', clause: true },
  { word: 'Ms', clause: true },
  { word: 'Pt', clause: false },
  { word: 'St', clause: true },
  { word: 'vs', clause: true },
  { word: 'approx', clause: true },
  { word: 'incl', clause: true },
  { word: 'Jr', clause: true },
  { word: 'Sr', clause: true },
];

/** As written, case-sensitive: a full stop after one of these does not end a sentence. */
export const SENTENCE_ABBREVIATIONS: readonly string[] = ABBREVIATIONS.map((a) => a.word);

/** Lower-cased tokens: a full stop after one of these does not end a clause. */
export const CLAUSE_ABBREVIATIONS: ReadonlySet<string> = new Set(ABBREVIATIONS.filter((a) => a.clause).map((a) => a.word.toLowerCase()));

const SENTENCE_WORDS: ReadonlySet<string> = new Set(SENTENCE_ABBREVIATIONS);

// "Massage to calves R. Ther ex 12 min": a side letter after what it qualifies ends the sentence; "per
// Dr. R. Smith", "by L. Chen", "PTA B. Ruiz" are initials. A side letter is an initial after a title, a
// word that leads a name, a credential or another initial, or at the start of a line.
const SIDE_LETTERS: ReadonlySet<string> = new Set(['R', 'L', 'B']);
const NAME_LEADS: ReadonlySet<string> = new Set(['by', 'per', 'with', 'signed', 'sign', 'cc', 'attn', 'from', 'to', 'and', 'of', 'for', 'saw', 'seen', 'called', 'via', 'therapist', 'provider', 'dr', 'mr', 'mrs', 'ms']);
const CREDENTIALS: ReadonlySet<string> = new Set(['PT', 'PTA', 'DPT', 'OT', 'OTR', 'OTA', 'COTA', 'DC', 'LMT', 'CMT', 'MD', 'DO', 'NP', 'PA', 'RN', 'ATC', 'MPT', 'MSPT', 'CHT']);
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** A run of this many full stops is a dotted leader whatever follows it; a shorter run ("...") only before a figure. */
const LEADER_DOTS = 4;

/**
 * Whether the full stop at `dot` in `text` ends nothing: one of a dotted leader ("NMR 97112 ...... 18",
 * "Massage .. 12 min"; an ellipsis before a word, "tolerated well... Next", still ends), or closing an
 * initial ("J. Ortiz", "K. Dow") or an abbreviation of the table standing as a word of its own. The
 * sentence splitter matches the table as written ("Pt." but not "pt."); the clause splitter, on
 * lower-cased words, skips the words marked `clause: false`.
 */
export function fullStopEndsNothing(text: string, dot: number, splitter: 'sentence' | 'clause'): boolean {
  if (text.charCodeAt(dot) !== 46) return false;
  let a = dot;
  let b = dot + 1;
  while (a > 0 && text.charCodeAt(a - 1) === 46) a--;
  while (b < text.length && text.charCodeAt(b) === 46) b++;
  if (b - a > 1) {
    if (b - a >= LEADER_DOTS) return true;
    let k = b;
    while (k < text.length && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    const c = text.charCodeAt(k);
    return c >= 48 && c <= 57;
  }
  let s = dot;
  while (s > 0 && isLetter(text.charCodeAt(s - 1))) s--;
  if (s === dot) return false;
  // A word of its own: at the start, or after a space or an opening bracket ("2U." is no initial).
  if (s > 0 && !/[\s(\[]/.test(text[s - 1]!)) return false;
  const word = text.slice(s, dot);
  if (word.length === 1) return text.charCodeAt(s) >= 65 && text.charCodeAt(s) <= 90 && !(SIDE_LETTERS.has(word) && qualifiesWordBefore(text, s));
  return splitter === 'sentence' ? SENTENCE_WORDS.has(word) : CLAUSE_ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * The word before the letter at `at` is something a side qualifies ("calves R.", "UT L.", "60° R."), not
 * what leads a name: on the same line, not a title, name lead, credential or initial.
 */
function qualifiesWordBefore(text: string, at: number): boolean {
  let e = at;
  while (e > 0 && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
  if (e === at || e === 0) return false;
  const last = text.charCodeAt(e - 1);
  // A figure or a degree sign before it: "rot 60° R."
  if ((last >= 48 && last <= 57) || last === 0xb0) return true;
  if (!isLetter(last)) return false;
  let b = e;
  while (b > 0 && isLetter(text.charCodeAt(b - 1))) b--;
  const word = text.slice(b, e);
  // An initial before it ("J. R. Smith" has a full stop after J): a one-letter word is no region.
  if (word.length === 1 || NAME_LEADS.has(word.toLowerCase()) || CREDENTIALS.has(word)) return false;
  return true;
}
