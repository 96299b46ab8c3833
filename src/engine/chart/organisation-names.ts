// Organisation names: a ConText-style role for words inside the proper name of a practice, clinic or
// other place ("Cedar Ortho & Wellness" in a letterhead, "referred from Relax-Well Physio"). Such a
// word describes the organisation, not the care, so its mention takes the `role` scope.
//
// A name is a run of capitalised words on one line, joined by spaces, "&", "+", hyphens, an apostrophe
// ("Women's") or the small connectors of names ("of", "and", "the"), with two capitalised words at
// least, not a heading (no colon after it) and not a purpose ("for Wellness & Relaxation"). It names an
// organisation when one of these holds (data/organisation-names.json):
//   - a head word practices are named with ("… Wellness Center", "Relax-Well Physio", "Bayside Day Spa");
//   - "&" or "+" after a word that is neither comfort nor service wording ("Cedar Ortho & Wellness");
//   - an opener right before it, in lower case ("seen at Bayside Wellness", "referred by Coastal Wellness");
//   - it is a cell of a block's first line, with no service word in it (a letterhead: "Bayside Wellness").
// Every run also needs a word that is neither comfort nor service wording: "Relaxation Massage" and
// "Stress Relief & Wellness" describe the care, whatever their capitals. Words written in capitals
// throughout (an ALL-CAPS note) count only in a letterhead line or beside a head word.
import data from '../data/organisation-names.json';
import type { RawMatch } from './lexicon';
import type { Tokens } from './tokens';

const HEADS = new Set(data.heads);
const PLACE_PAIRS = data.placePairs.map(([a, b]) => [a!, b!] as const);
const OPENERS = new Set(data.openers);
const CONNECTORS = new Set(data.connectors);
const PURPOSE_BEFORE = new Set(data.purposeBefore);
/** The most words a name runs over either side of the word it was found from (keeps this linear). */
const MAX_NAME_TOKENS = 8;

const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
const isLower = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();

type Case = 'title' | 'caps' | 'lower';

export interface OrganisationWords {
  /** Comfort wording (the anchors: names are looked for around these). */
  anchors: readonly RawMatch[];
  /** Words that name the service or its strokes ("massage", "Swedish"): a run of them describes the care. */
  service: readonly RawMatch[];
}

/** Marks, in `role`, the organisation names that hold an anchor word. */
export function markOrganisationNames(text: string, tokens: Tokens, words: OrganisationWords, role: Uint8Array): void {
  if (words.anchors.length === 0) return;
  const comfort = new Uint8Array(tokens.count);
  const service = new Uint8Array(tokens.count);
  for (const m of words.anchors) comfort.fill(1, m.firstToken, m.endToken);
  for (const m of words.service) service.fill(1, m.firstToken, m.endToken);

  const caseOf = (t: number): Case => {
    const first = text[tokens.starts[t]!]!;
    if (!isUpper(first)) return 'lower';
    const word = text.slice(tokens.starts[t]!, tokens.ends[t]!);
    // Short all-capital words are acronyms in a name ("PT", "LLC"); longer ones are shouting.
    for (const c of word) if (isLower(c)) return 'title';
    return word.length <= 4 ? 'title' : 'caps';
  };
  const gap = (t: number): string => text.slice(tokens.ends[t]!, tokens.starts[t + 1]!);
  /** The gap after token t joins two words of one name: spaces, "&", "+", a hyphen or an apostrophe. */
  const nameGap = (t: number): 'space' | 'amp' | 'join' | null => {
    const g = gap(t);
    // A tab separates cells ("SUMMIT WELLNESS\tVisit note"); one or two spaces join the words of a name.
    if (/^ {1,2}$/.test(g)) return 'space';
    if (/^[ \t]*[&+][ \t]*$/.test(g)) return 'amp';
    if (/^[-'\u2019]$/.test(g)) return 'join';
    return null;
  };
  const inName = (t: number): boolean => caseOf(t) !== 'lower' || (t > 0 && /^['\u2019]$/.test(gap(t - 1)) && tokens.norms[t] === 's');

  for (const anchor of words.anchors) {
    const at = anchor.firstToken;
    if (role[at] || caseOf(at) === 'lower') continue;
    // The run: out from the anchor while the words are capitalised and joined as a name.
    let first = at;
    for (let k = 0; k < MAX_NAME_TOKENS && first > 0; k++) {
      const g = nameGap(first - 1);
      if (g === null) break;
      if (inName(first - 1)) first--;
      else if (g === 'space' && CONNECTORS.has(tokens.norms[first - 1]!) && first > 1 && nameGap(first - 2) === 'space' && caseOf(first - 2) !== 'lower') first -= 2;
      else break;
    }
    let last = anchor.endToken - 1;
    for (let k = 0; k < MAX_NAME_TOKENS && last + 1 < tokens.count; k++) {
      const g = nameGap(last);
      if (g === null) break;
      if (inName(last + 1)) last++;
      else if (g === 'space' && CONNECTORS.has(tokens.norms[last + 1]!) && last + 2 < tokens.count && nameGap(last + 1) === 'space' && caseOf(last + 2) !== 'lower') last += 2;
      else break;
    }
    if (isOrganisation(first, last)) role.fill(1, first, last + 1);
  }

  function isOrganisation(first: number, last: number): boolean {
    let capitalised = 0;
    let shouting = false;
    let nameWord = false;
    let hasService = false;
    let head = false;
    let amp = false;
    for (let t = first; t <= last; t++) {
      const c = caseOf(t);
      if (c === 'lower') continue;
      capitalised++;
      if (c === 'caps') shouting = true;
      if (service[t]) hasService = true;
      else if (!comfort[t]) nameWord = true;
      const norm = tokens.norms[t]!;
      if (HEADS.has(norm) || (t > first && PLACE_PAIRS.some(([a, b]) => tokens.norms[t - 1] === a && norm === b))) head = true;
      // "Cedar Ortho & Wellness": the word before "&" is a name's own word, not comfort or service wording.
      if (t < last && nameGap(t) === 'amp' && !comfort[t] && !service[t]) amp = true;
    }
    if (capitalised < 2 || !nameWord) return false;
    const before = first > 0 && !/\n/.test(gap(first - 1)) ? first - 1 : -1;
    const after = text.slice(tokens.ends[last]!, tokens.ends[last]! + 3);
    // "Wellness Plan:" is a heading; "for Wellness & Relaxation" a purpose.
    if (/^[ \t]*:/.test(after)) return false;
    if (before >= 0 && PURPOSE_BEFORE.has(tokens.norms[before]!)) return false;
    if (head) return true;
    const letterhead = letterheadCell(first, last, shouting);
    if (shouting && !letterhead) return false;
    if (amp) return true;
    if (before >= 0 && OPENERS.has(tokens.norms[before]!) && caseOf(before) === 'lower') return true;
    return letterhead && !hasService;
  }

  /**
   * The run is a cell of a block's first line: alone on it, or set off by a dash, bar, slash, comma, middle
   * dot, asterisks, a bracket, a tab or a wide space ("SUMMIT WELLNESS      Tel 555-0199"). A name in capitals
   * throughout may stand a line or two lower, under short title lines ("Visit Note" then "SUMMIT WELLNESS").
   */
  function letterheadCell(first: number, last: number, shouting: boolean): boolean {
    const start = tokens.starts[first]!;
    const end = tokens.ends[last]!;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    let lineEnd = text.indexOf('\n', end);
    if (lineEnd < 0) lineEnd = text.length;
    // A block's first line: the text's first, or the first after a blank line.
    const blockStart = text.lastIndexOf('\n\n', lineStart);
    const above = text.slice(blockStart < 0 ? 0 : blockStart, lineStart).trim();
    if (above !== '' && !(shouting && titleLinesOnly(above))) return false;
    const lead = text.slice(lineStart, start);
    const tail = text.slice(end, lineEnd);
    return /(?:^|[-\u2013\u2014|/,\u00b7*(]|\t|  )[ \t]*$/.test(lead) && /^(?:[ \t]*(?:$|[-\u2013\u2014|/,\u00b7*.()])|\t|  )/.test(tail);
  }
}

/** Lines a letterhead in capitals may stand under: at most two, short, with no label (no colon). */
const LETTERHEAD_TITLE_LINES = 2;
const LETTERHEAD_TITLE_LENGTH = 48;
function titleLinesOnly(above: string): boolean {
  const lines = above.split('\n');
  return lines.length <= LETTERHEAD_TITLE_LINES && lines.every((l) => l.length <= LETTERHEAD_TITLE_LENGTH && !l.includes(':'));
}
