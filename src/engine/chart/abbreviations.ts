// Words whose full stop does not end a sentence ("Dr. Ruiz", "approx. 12 min"): one table for the
// sentence splitter (context.ts, which sees case) and the clause splitter of treatment time
// (time.ts, on lower-cased tokens). Single capital letters (initials, "J. Ortiz") are handled beside
// each.
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
