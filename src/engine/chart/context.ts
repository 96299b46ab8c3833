// Sections, sentences and NegEx/ConText-style scopes. All per token, computed once.
import headings from '../data/headings.json';
import { fullStopEndsNothing } from './abbreviations';
import { checkboxScopes } from './checkboxes';
import type { RawMatch } from './lexicon';
import type { Section, SectionKind, Sentence } from './types';
import { isWhite, tokenAtOrAfter, type Tokens } from './tokens';

const HEADING_KINDS = new Map<string, SectionKind>();
for (const [kind, words] of Object.entries(headings.kinds)) {
  for (const word of words) HEADING_KINDS.set(word, kind as SectionKind);
}

// Words that open a statement about the care rather than a heading (headings.json statementStarts).
const STATEMENT_STARTS: ReadonlySet<string> = new Set(headings.statementStarts.words);

/**
 * "- Now independent w/ home exercises", "Continue HEP": a line with no colon that opens with a status or an action is
 * a statement, not a heading, unless the whole label is a known heading. ("Updated HEP: bridges" is a label.)
 */
function isStatement(label: string, matched: string): boolean {
  if (matched.trimEnd().endsWith(':')) return false;
  const first = label.trim().split(/\s+/, 1)[0]!.toLowerCase();
  return STATEMENT_STARTS.has(first) && !HEADING_KINDS.has(headingKey(label));
}

const headingKey = (label: string): string => label.toLowerCase().replace(/[^a-z0-9/' ]+/g, ' ').replace(/\s+/g, ' ').trim();

// Labels whose inline form ("Plan of care: 2x/wk x 6 wks") states one fact on its own line.
const INLINE_LINE_LABELS: readonly string[] = headings.inlineLine.labels;
function holdsOnlyItsLine(label: string, kind: SectionKind): boolean {
  if (kind === 'history') return true;
  const key = headingKey(label.replace(/\([^)]*\)/g, ' '));
  return INLINE_LINE_LABELS.some((l) => key === l || key.startsWith(`${l} `));
}

// Kinds whose inline heading ("Goal: …", "STG (3 wks): …") holds its line and the list that runs on under it.
const INLINE_LIST_KINDS: ReadonlySet<string> = new Set(headings.inlineList.kinds);
// What starts afresh after an inline list heading: a heading-like label, a billing code, a clock time.
const STARTS_AFRESH = /^[ \t]*(?:[A-Za-z][A-Za-z /()'-]{0,30}:|\d{1,2}:\d{2}|\d{4}[ \t]*[-\u2013]|.*\b9[78]\d{3}\b)/;
// A sentence on an inline list heading's own line that names a billing code ("Goal: … in 4 wks. 97124 L QL 15'").
const SENTENCE_WITH_CODE = /[.;][ \t]+(?=[^.;\n]*\b9[78]\d{3}\b)/;

// A line that opens (bullets aside) with a billing code and its time: a service entry, never a goal.
const SERVICE_ENTRY_LINE = /^[ \t>*\u2022-]*9[78]\d{3}\b[^\n]{0,12}?\d/;
// Heading words whose line, written without a colon ("Plan 2x/wk x 4 wks", "Assessment tolerating well"),
// still says what follows is not a goal: plan and assessment (headings.json), two letters or more.
const AFTER_GOALS_KINDS: ReadonlySet<SectionKind> = new Set<SectionKind>(['plan', 'assessment']);
const OPENING_WORDS = /^[ \t>*\u2022-]*([A-Za-z][A-Za-z/']+)(?:[ \t]+([A-Za-z][A-Za-z/']*))?(?=[ \t]+[A-Za-z0-9(])/;

/** The section kind a line opens when it ends a goals list, else undefined. */
function goalsListEnd(line: string): SectionKind | undefined {
  if (SERVICE_ENTRY_LINE.test(line)) return 'treatment';
  const m = OPENING_WORDS.exec(line);
  if (!m) return undefined;
  const first = m[1]!.toLowerCase();
  const two = m[2] ? `${first} ${m[2].toLowerCase()}` : undefined;
  const kind = (two ? HEADING_KINDS.get(two) : undefined) ?? HEADING_KINDS.get(first);
  return kind && AFTER_GOALS_KINDS.has(kind) ? kind : undefined;
}

export function headingKind(label: string | undefined): SectionKind | undefined {
  if (!label) return undefined;
  const key = headingKey(label);
  const known = HEADING_KINDS.get(key);
  if (known) return known;
  // A qualifier in brackets says how, not what: "O (per video)", "Interventions (stopwatch)".
  const bare = label.replace(/\([^)]*\)/g, ' ').trim();
  if (bare !== label.trim() && bare !== '') return headingKind(bare);
  // An unseen heading of a few words is usually a known one with a word added ("Billing summary",
  // "Daily interventions", "Goals per POC"): its first word, else its last, decides. Single letters
  // ("S", "O") only count on their own.
  // A hyphenated word stays whole: a heading ending in "re-education" is not an "education" heading.
  const words = label.toLowerCase().replace(/[^a-z0-9/' -]+/g, ' ').replace(/\s+/g, ' ').trim().split(' ');
  if (words.length < 2 || words.length > 4) return undefined;
  const first = words[0]!;
  const last = words[words.length - 1]!;
  const one = (first.length > 1 ? HEADING_KINDS.get(first) : undefined) ?? (last.length > 1 ? HEADING_KINDS.get(last) : undefined);
  if (one || words.length < 3) return one;
  // Else its first or last two words ("Final session today", "Session today per POC").
  return HEADING_KINDS.get(words.slice(0, 2).join(' ')) ?? HEADING_KINDS.get(words.slice(-2).join(' '));
}

// A heading: at the start of a line, up to 6 words, then a colon (or "-") or the end of the line.
// Hyphenated words may be part of it ("Care after re-exam:", "Follow-up plan:").
// A bracketed qualifier may hold commas ("O (land, pre):").
const HEADING_LINE = /^[ \t>*#\u2022\-]*([A-Za-z][A-Za-z0-9/'&() ]{0,48}?(?:-[A-Za-z][A-Za-z0-9/'&() ]{0,30}?|\([A-Za-z0-9/' ,]{0,30}\))*)[ \t]*(?::|[ \t]-[ \t]|$)/;

/**
 * Sections from headings in the text; a part with a known label opens a section of its kind.
 * `partStarts` lists the global start of each part with the section kind its label gives.
 */
export function findSections(text: string, partStarts: { start: number; end: number; kind?: SectionKind }[]): Section[] {
  const sections: Section[] = [];
  const open = (start: number, kind: SectionKind, heading?: string) => {
    const last = sections[sections.length - 1];
    if (last) last.end = start;
    sections.push({ start, end: text.length, kind, heading });
  };
  // The same few labels head line after line of a long note: each is read once.
  const kinds = new Map<string, SectionKind | undefined>();
  const kindOf = (label: string): SectionKind | undefined => {
    if (kinds.has(label)) return kinds.get(label);
    const kind = headingKind(label);
    kinds.set(label, kind);
    return kind;
  };
  for (const part of partStarts) {
    open(part.start, part.kind ?? 'other');
    let lineStart = part.start;
    // An inline history field ("PMH: fracture 2019, healed.") or plan-of-care line ("Plan of care: 2x/wk
    // x 6 wks", headings.json inlineLine) holds its own line and the indented or lower-case lines that
    // continue it; the next line that starts afresh is back in the section before it.
    let resume: { kind: SectionKind; heading?: string | undefined } | null = null;
    // The inline heading holding lines is a list kind (goals): its list items and lines run on until one starts afresh.
    let listHeld = false;
    while (lineStart < part.end) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0 || lineEnd > part.end) lineEnd = part.end;
      // Only the first 80 characters of a line can hold a heading: keeps this linear on long lines.
      const m = HEADING_LINE.exec(text.slice(lineStart, Math.min(lineEnd, lineStart + 80)));
      const kind = m && !isStatement(m[1]!, m[0]) ? kindOf(m[1]!) : undefined;
      // Single-letter SOAP headings ("S:", "O:") need the colon to count.
      if (m && kind && (m[1]!.length > 1 || m[0].trimEnd().endsWith(':'))) {
        const rest = text.slice(lineStart + m[0].length, lineEnd);
        const inlineForm = m[0].trimEnd().endsWith(':') && rest.trim() !== '';
        const list = inlineForm && INLINE_LIST_KINDS.has(kind);
        const inline = list || (holdsOnlyItsLine(m[1]!, kind) && inlineForm);
        const before = sections[sections.length - 1];
        resume = inline ? (resume ?? (before ? { kind: before.kind, heading: before.heading } : null)) : null;
        listHeld = list;
        open(lineStart, kind, m[1]);
        // "Goal: … in 4 wks. 97124 L paraspinals 15'": the sentence naming a code is back in the section before.
        const coded = list && resume ? SENTENCE_WITH_CODE.exec(rest) : null;
        if (coded && resume) {
          open(lineStart + m[0].length + coded.index + coded[0].length, resume.kind, resume.heading);
          resume = null;
        }
      } else if (sections[sections.length - 1]!.kind === 'goals' && goalsListEnd(text.slice(lineStart, Math.min(lineEnd, lineStart + 40)))) {
        // A goals list (under "Goals:" or its inline form) ends at a line that is plainly no goal.
        open(lineStart, goalsListEnd(text.slice(lineStart, Math.min(lineEnd, lineStart + 40)))!);
        resume = null;
        listHeld = false;
      } else if (resume && (listHeld ? STARTS_AFRESH.test(text.slice(lineStart, lineEnd)) : /^[A-Z0-9]/.test(text.slice(lineStart, lineEnd)))) {
        open(lineStart, resume.kind, resume.heading);
        resume = null;
      }
      lineStart = lineEnd + 1;
    }
  }
  return sections;
}

// A full stop after an initial ("J. Ortiz"), a title ("Dr.", "Pt.") or in a dotted leader does not end
// the sentence: fullStopEndsNothing (./abbreviations.ts), shared with the clause splitter of time.ts.
const SENTENCE_END = new RegExp(
  `[.!?](?=[\\s"')\\]]|$)|\\n[ \\t]*\\n|\\n(?=[ \\t]*(?:[-*•▪◦]|\\d{1,2}[.)][ \\t]|[A-Z0-9]))|[:;]\\s*\\n|\\n(?=[ \\t]*[A-Za-z][A-Za-z /]{0,30}:)`,
  'g',
);

/** Sentences: split at sentence punctuation, blank lines, list items and capitalised new lines. */
export function findSentences(text: string, sections: Section[]): Sentence[] {
  const sentences: Sentence[] = [];
  for (const section of sections) {
    let start = section.start;
    const body = text.slice(section.start, section.end);
    SENTENCE_END.lastIndex = 0;
    const push = (end: number) => {
      // Trim whitespace so spans point at words.
      let s = start;
      let e = end;
      while (s < e && isWhite(text.charCodeAt(s))) s++;
      while (e > s && isWhite(text.charCodeAt(e - 1))) e--;
      if (e > s) sentences.push({ start: s, end: e, index: sentences.length, section: section.kind });
    };
    // test() and lastIndex, not exec(): only where each match ends is needed (no match array per sentence).
    let last = 0;
    while (SENTENCE_END.test(body)) {
      const end = section.start + SENTENCE_END.lastIndex;
      if (fullStopEndsNothing(text, end - 1, 'sentence')) continue;
      push(end);
      start = end;
      if (SENTENCE_END.lastIndex === last) SENTENCE_END.lastIndex++;
      last = SENTENCE_END.lastIndex;
    }
    push(section.end);
  }
  return sentences;
}

export interface TokenScopes {
  negated: Uint8Array;
  hypothetical: Uint8Array;
  historical: Uint8Array;
  home: Uint8Array;
  role: Uint8Array;
  quoted: Uint8Array;
  /** The patient's own account per token: 0 none, else REPORT_SAYS, REPORT_WANTS or REPORT_ABOUT_SERVICE (markReported). */
  reported: Uint8Array;
  /** Sentence index per token. */
  sentence: Int32Array;
}

const AND = new Set(['and']);
const AUXILIARY = new Set(['is', 'was', 'will', 'has', 'had', 'have', 'being', 'been', 'can', 'should', 'would']);
const NEGATION_WINDOW = 5;
/** How far back a trailing history/plan trigger reaches within its clause. */
const CONTEXT_WINDOW = 8;
/** A clause break between two words: ; : ( ) [ or ] anywhere in the gap. */
function hasClauseBreak(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 59 || c === 58 || c === 40 || c === 41 || c === 91 || c === 93) return true;
  }
  return false;
}
/** How far a role opener ("Occupation:", "works as") reaches, and how far back a job noun reaches. */
const ROLE_WINDOW = 8;
const ROLE_POST_WINDOW = 3;
/** The longest quotation read as one (longer runs are unmatched quote marks, not speech). */
const MAX_QUOTE = 400;

/**
 * Tokens inside quotation marks. Double quotes pair up within a paragraph; a single quote opens only
 * after a space or bracket and closes before a space or punctuation (so "it's" and "12'" are not quotes).
 */
function markQuoted(text: string, tokens: Tokens, quoted: Uint8Array): void {
  const spans: [number, number][] = [];
  let open = -1;
  let single = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Only line breaks and quote marks matter: everything else is passed over by its code.
    if (code !== 10 && code !== 34 && code !== 39) continue;
    const c = text[i]!;
    if (c === '\n' && text[i + 1] === '\n') {
      open = -1;
      single = -1;
    } else if (c === '"') {
      // Right after a figure it is a unit (the double prime of seconds or inches: "TUG 16″", "5'10\""), not a quote.
      const b = i > 0 ? text.charCodeAt(i - 1) : 0;
      if (b >= 48 && b <= 57) continue;
      if (open < 0) open = i;
      else {
        if (i - open <= MAX_QUOTE) spans.push([open, i]);
        open = -1;
      }
    } else if (c === "'") {
      const before = i === 0 ? ' ' : text[i - 1]!;
      const after = i + 1 < text.length ? text[i + 1]! : ' ';
      if (single < 0 && /[\s(\[]/.test(before) && /[A-Za-z]/.test(after)) single = i;
      else if (single >= 0 && /[A-Za-z.!?]/.test(before) && /[\s.,;:!?)\]]/.test(after)) {
        if (i - single <= MAX_QUOTE) spans.push([single, i]);
        single = -1;
      }
    }
  }
  for (const [a, b] of spans) quoted.fill(1, tokenAtOrAfter(tokens, a), tokenAtOrAfter(tokens, b));
}

/** Values of TokenScopes.reported. */
export const REPORT_SAYS = 1;
export const REPORT_WANTS = 2;
export const REPORT_ABOUT_SERVICE = 3;
/** The reported-speech.json entry that is no trigger but, inside a report, names the service itself. */
const THE_SERVICE_ENTRY = 'the-service';
/** The reported-speech.json entry whose scope marks only quoted words: the patient's words after a request verb. */
const REQUEST_ENTRY = 'requests';

/**
 * The patient's own account (ConText's experiencer). A report trigger ("states", "per pt") or a wish
 * ("wants", "hoping") colours the words after it to the end of its sentence, a semicolon, a scope
 * terminator ("but") or the next trigger, which takes over ("tells me the rubdown eased things and hopes
 * to unwind more" ends in a wish). Inside a report, from a word naming the service itself on ("it", "massage",
 * "session": entry the-service) the patient speaks about the care, which records the session.
 * A request ("asked for", "requested": entry requests) marks only the quoted words in its scope as a wish;
 * unquoted, what the patient asked the session to be is the session's purpose.
 */
function markReported(
  text: string,
  tokens: Tokens,
  matches: readonly RawMatch[],
  terminator: Uint8Array,
  quoted: Uint8Array,
  sentence: Int32Array,
  sentenceEndTok: Int32Array,
): Uint8Array {
  const n = tokens.count;
  const reported = new Uint8Array(n);
  const triggers = matches.filter((t) => t.entry !== THE_SERVICE_ENTRY).sort((a, b) => a.firstToken - b.firstToken);
  const semicolonBefore = (i: number): boolean => i > 0 && text.slice(tokens.ends[i - 1]!, tokens.starts[i]!).includes(';');
  for (let k = 0; k < triggers.length; k++) {
    const t = triggers[k]!;
    const s = sentence[t.firstToken]!;
    if (s < 0) continue;
    const next = triggers[k + 1]?.firstToken ?? n;
    const end = Math.min(sentenceEndTok[s]!, next);
    const request = t.entry === REQUEST_ENTRY;
    const kind = t.entry === 'wishes' || request ? REPORT_WANTS : REPORT_SAYS;
    // Each token is visited by one trigger's scope at most (scopes end where the next trigger starts): linear.
    for (let i = t.endToken; i < end; i++) {
      if (terminator[i] || semicolonBefore(i)) break;
      if (request && !quoted[i]) continue;
      reported[i] = kind;
    }
  }
  for (const t of matches) {
    if (t.entry !== THE_SERVICE_ENTRY || reported[t.firstToken] !== REPORT_SAYS) continue;
    // Once turned, a token is no longer REPORT_SAYS: every token turns once at most.
    for (let i = t.firstToken; i < n && reported[i] === REPORT_SAYS; i++) reported[i] = REPORT_ABOUT_SERVICE;
  }
  return reported;
}

/** Scopes from trigger matches, bounded by clause breaks, terminators and sentence ends. */
export function computeScopes(
  text: string,
  tokens: Tokens,
  sentences: Sentence[],
  triggers: {
    negPre: RawMatch[];
    negPost: RawMatch[];
    terminators: RawMatch[];
    hypothetical: RawMatch[];
    hypotheticalPost: RawMatch[];
    historical: RawMatch[];
    historicalPost: RawMatch[];
    home: RawMatch[];
    rolePre: RawMatch[];
    rolePost: RawMatch[];
    reported: RawMatch[];
  },
): TokenScopes {
  const n = tokens.count;
  const negated = new Uint8Array(n);
  const hypothetical = new Uint8Array(n);
  const historical = new Uint8Array(n);
  const home = new Uint8Array(n);
  const role = new Uint8Array(n);
  const quoted = new Uint8Array(n);
  const sentence = new Int32Array(n).fill(-1);
  const sentenceStartTok = new Int32Array(sentences.length);
  const sentenceEndTok = new Int32Array(sentences.length);
  // Sentences come in text order: the first token at or after each bound is found by walking on from
  // the last one (a binary search only if a bound were ever to go back).
  let walked = 0;
  const firstTokenFrom = (offset: number): number => {
    if (walked > 0 && tokens.starts[walked - 1]! >= offset) walked = tokenAtOrAfter(tokens, offset);
    while (walked < n && tokens.starts[walked]! < offset) walked++;
    return walked;
  };
  for (const s of sentences) {
    const a = firstTokenFrom(s.start);
    const b = firstTokenFrom(s.end);
    sentenceStartTok[s.index] = a;
    sentenceEndTok[s.index] = b;
    sentence.fill(s.index, a, b);
  }
  // Clause boundaries: a token after which a clause break or terminator ends a scope.
  const breakAfter = new Uint8Array(n);
  for (let i = 0; i + 1 < n; i++) {
    if (!tokens.joinable[i] && hasClauseBreak(text, tokens.ends[i]!, tokens.starts[i + 1]!)) breakAfter[i] = 1;
  }
  // Template boxes (./checkboxes.ts): every box ends a scope; an unchecked box's option is not asserted (below).
  const boxes = checkboxScopes(text, tokens);
  for (const t of boxes.breakAfter) breakAfter[t] = 1;
  const terminator = new Uint8Array(n);
  for (const t of triggers.terminators) terminator.fill(1, t.firstToken, t.endToken);

  const forward = (marks: Uint8Array, from: number, limit: number) => {
    const s = sentence[from - 1] ?? sentence[from];
    const end = s !== undefined && s >= 0 ? sentenceEndTok[s]! : n;
    for (let i = from, k = 0; i < end && k < limit; i++, k++) {
      // Already marked: an earlier trigger's scope runs to the same stop, so we are done (keeps this linear).
      if (terminator[i] || marks[i]) break;
      marks[i] = 1;
      if (breakAfter[i]) break;
    }
  };
  const backward = (marks: Uint8Array, from: number, limit: number) => {
    const s = sentence[from];
    const start = s !== undefined && s >= 0 ? sentenceStartTok[s]! : 0;
    for (let i = from - 1, k = 0; i >= start && k < limit; i--, k++) {
      if (terminator[i] || breakAfter[i]) break;
      marks[i] = 1;
    }
    // (bounded by `limit`, so repeated triggers stay linear)
  };
  for (const t of triggers.negPre) forward(negated, t.endToken, NEGATION_WINDOW);
  for (const t of triggers.negPost) backward(negated, t.firstToken, NEGATION_WINDOW);
  for (const [a, b] of boxes.unchecked) negated.fill(1, a, b);
  for (const t of triggers.hypothetical) forward(hypothetical, t.endToken, n);
  // A question asserts nothing: "Has the claimant reached maximum medical improvement?"
  for (const s of sentences) {
    if (text[s.end - 1] === '?') hypothetical.fill(1, sentenceStartTok[s.index]!, sentenceEndTok[s.index]!);
  }
  for (const t of triggers.historical) forward(historical, t.endToken, n);
  // Triggers that look back over their clause: "tried massage in the past", "ther ex next visit".
  for (const t of triggers.historicalPost) backward(historical, t.firstToken, CONTEXT_WINDOW);
  for (const t of triggers.hypotheticalPost) backward(hypothetical, t.firstToken, CONTEXT_WINDOW);
  // "Client is at MMI and was discharged to her home program": "and" with a verb of its own starts another
  // clause (token `i` is the verb), which the home program does not colour back across.
  const tokenIs = (i: number, words: ReadonlySet<string>): boolean => i >= 0 && i < n && words.has(text.slice(tokens.starts[i]!, tokens.ends[i]!).toLowerCase());
  const newPredicate = (i: number): boolean => tokenIs(i - 1, AND) && tokenIs(i, AUXILIARY);
  // Home/own-time markers colour their whole clause: "ice 15 minutes at home", "HEP: stretches daily";
  // "… kneading, effleurage; ther ex with HEP update" leaves the massage clause alone.
  for (const t of triggers.home) {
    const s = sentence[t.firstToken];
    if (s === undefined || s < 0 || home[t.firstToken]) continue;
    let a = t.firstToken;
    while (a > sentenceStartTok[s]! && !breakAfter[a - 1] && !newPredicate(a)) a--;
    let b = t.endToken - 1;
    // "HEP: self-massage with ball as needed": a label and its colon open what follows.
    const labelled = /^\s*:/.test(text.slice(tokens.ends[b]!, tokens.starts[b + 1] ?? text.length));
    if (labelled) b = sentenceEndTok[s]! - 1;
    while (b + 1 < sentenceEndTok[s]! && !breakAfter[b] && !newPredicate(b + 1)) b++;
    home.fill(1, a, b + 1);
  }
  // Roles: "Occupation: building maintenance technician", "works as a spa receptionist" (to the end of
  // the clause), and the few words before a job or workplace noun ("maintenance worker", "fitness studio").
  for (const t of triggers.rolePre) forward(role, t.endToken, ROLE_WINDOW);
  for (const t of triggers.rolePost) backward(role, t.firstToken, ROLE_POST_WINDOW);
  markQuoted(text, tokens, quoted);
  const reported = markReported(text, tokens, triggers.reported, terminator, quoted, sentence, sentenceEndTok);
  return { negated, hypothetical, historical, home, role, quoted, reported, sentence };
}
