// analyzeChart: one pass over the note that builds everything rules ask about.
import { codeSets, lookupServiceName } from '../codes';
import type { Visit } from '../visit';
import { computeScopes, findSections, findSentences, headingKind } from './context';
import { matchLexicons, type RawMatch } from './lexicon';
import { COMPILED, LEXICON_IDS, SLIP_SOURCE } from './lexicon-tables';
import { findGoals } from './goals';
import { markOrganisationNames } from './organisation-names';
import { findMeasures } from './measures';
import { lex } from './lex';
import { normalizeText } from './normalize';
import { firstAtLeast, lowerBound } from '../search';
import { findTimes, type ServiceMention } from './time';
import { parseTimes } from './time-grammar';
import { findEpisodeFacts, findNoteClaimLines, findSignatures } from './note-facts';
import { buildSlipIndex, matchSlips } from './spelling-slips';
import { tokenAtOrAfter, tokenize } from './tokens';
import { WordTable } from './words';
import {
  type Chart,
  type ChartPart,
  type CredentialMention,
  type Mention,
  type MentionContext,
  PART_SEPARATOR,
  type Reported,
  type SectionKind,
} from './types';

export { PART_SEPARATOR } from './types';
export { LEXICON_IDS } from './lexicon-tables';
export type * from './types';

/** Work vocabularies that imply a service when no service is named beside a time. */
const WEAK_SERVICE_LEXICONS: readonly (readonly [string, string])[] = [
  ['massage-technique', '97124'],
  ['manual-therapy', '97140'],
];

const SLIPS = buildSlipIndex(SLIP_SOURCE);

/** Technique and region words misspelt in the sentences that name massage (./spelling-slips.ts), added to `raw`. */
function addSpellingSlips(tokens: Tokens, sentences: Chart['sentences'], raw: Map<string, RawMatch[]>): void {
  const massage = [...(raw.get('massage-service') ?? []), ...(raw.get('service') ?? []).filter((m) => m.entry === '97124')];
  if (massage.length === 0) return;
  const ranges: [number, number][] = [];
  const seen = new Set<number>();
  for (const m of massage) {
    const at = tokens.starts[m.firstToken]!;
    const candidate = sentences[lastStartingAtOrBefore(sentences, at)];
    const sentence = candidate && at < candidate.end ? candidate : undefined;
    if (!sentence || seen.has(sentence.index)) continue;
    seen.add(sentence.index);
    let first = m.firstToken;
    while (first > 0 && tokens.starts[first - 1]! >= sentence.start) first--;
    let end = m.firstToken;
    while (end < tokens.count && tokens.starts[end]! < sentence.end) end++;
    ranges.push([first, end]);
  }
  for (const [lexicon, found] of matchSlips(tokens, SLIPS, ranges, raw)) {
    raw.set(lexicon, [...(raw.get(lexicon) ?? []), ...found].sort((a, b) => a.firstToken - b.firstToken));
  }
}

const CODE_NUMBER = /\b(9[78]\d{3}|G0\d{3})\b/g;
const BY_SOMEONE = /\b(?:performed|provided|done|administered|delivered|rendered|furnished|given|completed|treated)\s+by\s*$/i;
const INVOLVEMENT_VERB = /\b(?:by|performed|provided|furnished|administered|delivered|rendered|with|treated)\b/i;

/**
 * The key each note part's evidence names (`evidence.part`): its id, else its label, else its
 * position. A key already taken by an earlier part (two parts with the same id or label) gets its
 * position after a '#', so every finding points at exactly one part.
 */
export function notePartKeys(note: Visit['note']): string[] {
  if (typeof note === 'string') return [''];
  const seen = new Set<string>();
  return note.map((p, i) => {
    let key = p.id ?? p.label ?? String(i);
    if (seen.has(key)) key = `${key}#${i}`;
    seen.add(key);
    return key;
  });
}

function noteParts(note: Visit['note']): { key: string; label?: string; text: string }[] {
  if (typeof note === 'string') return [{ key: '', text: note }];
  const keys = notePartKeys(note);
  return note.map((p, i) => ({ key: keys[i]!, label: p.label, text: p.text }));
}

export interface ChartOptions {
  /**
   * The codes the claim bills. A time tied to a name that could be several codes ("exercise x 25
   * min") is that code's when exactly one of them is billed.
   */
  billedCodes?: readonly string[];
}

// analyzeChart is kept short by giving its steps functions of their own: V8's optimizing compiler
// takes far longer over one long function than over its parts (see time.ts), and a batch worker
// compiles it again in every thread.

/** One text with part offsets (evidence maps back to parts later), folded for reading. */
function joinParts(note: Visit['note']): { parts: ChartPart[]; original: string; folded: ReturnType<typeof normalizeText> } {
  const parts: ChartPart[] = [];
  const pieces: string[] = [];
  let offset = 0;
  for (const [i, p] of noteParts(note).entries()) {
    if (i > 0) offset += PART_SEPARATOR.length;
    parts.push({ key: p.key, label: p.label, start: offset, end: offset + p.text.length, originalStart: offset, originalEnd: offset + p.text.length });
    pieces.push(p.text);
    offset += p.text.length;
  }
  const original = pieces.join(PART_SEPARATOR);
  const folded = normalizeText(original);
  if (!folded.identity) {
    for (const part of parts) {
      part.start = folded.fromOriginal(part.originalStart);
      part.end = folded.fromOriginal(part.originalEnd);
    }
  }
  return { parts, original, folded };
}

type Scopes = ReturnType<typeof computeScopes>;
type Tokens = ReturnType<typeof tokenize>;

/** Index of the last span (in text order) that starts at or before `pos`; -1 when none does. */
function lastStartingAtOrBefore(spans: readonly { start: number }[], pos: number): number {
  return lowerBound(spans.length, (i) => spans[i]!.start <= pos) - 1;
}

/** The scope bits of contextReaders' per-token byte (in the order of its `marks`). */
const NEGATED = 1;
const HYPOTHETICAL = 2;
const HISTORICAL = 4;
const HOME = 8;
const ROLE = 16;
const QUOTED = 32;
/** The patient's own account (context.ts markReported), one bit per kind. */
const SAYS = 64;
const WANTS = 128;
const ABOUT_SERVICE = 256;
const REPORT_BIT = [0, SAYS, WANTS, ABOUT_SERVICE] as const;
/** A mention's account from its tokens' bits: a wish in it decides, then words about the service, then a report. */
const reportedOf = (f: number): Reported => ((f & WANTS) !== 0 ? 'wants' : (f & ABOUT_SERVICE) !== 0 ? 'about-service' : (f & SAYS) !== 0 ? 'says' : 'no');

/** Where a position or a run of tokens is: section, sentence, and which scopes cover it. */
function contextReaders(tokens: Tokens, scopes: Scopes, sentences: Chart['sentences'], sections: Chart['sections']) {
  // Starts as number columns: rules ask for the sentence of every anchor and figure (a search each).
  const startsOf = (spans: readonly { start: number }[]) => {
    const starts = new Int32Array(spans.length);
    for (let k = 0; k < spans.length; k++) starts[k] = spans[k]!.start;
    return starts;
  };
  const sectionStarts = startsOf(sections);
  const sentenceStarts = startsOf(sentences);
  /** Index of the last start at or before `pos` (-1: none), as lastStartingAtOrBefore. */
  const lastAtOrBefore = (starts: Int32Array, pos: number) => firstAtLeast(starts, starts.length, Math.floor(pos) + 1) - 1;
  const sectionAt = (pos: number): SectionKind => sections[lastAtOrBefore(sectionStarts, pos)]?.kind ?? 'other';
  const sentenceAt = (pos: number): number => Math.max(0, lastAtOrBefore(sentenceStarts, pos));
  // A mention is negated (hypothetical, …) when any of its tokens is in scope: "No palpable spasm".
  // The scopes as bits of one number per token, so a mention's tokens are read once, not once per scope.
  const flags = new Uint16Array(tokens.count);
  const marks = [scopes.negated, scopes.hypothetical, scopes.historical, scopes.home, scopes.role, scopes.quoted];
  for (let b = 0; b < marks.length; b++) {
    const column = marks[b]!;
    for (let t = 0; t < tokens.count; t++) if (column[t]) flags[t] = flags[t]! | (1 << b);
  }
  for (let t = 0; t < tokens.count; t++) if (scopes.reported[t]) flags[t] = flags[t]! | REPORT_BIT[scopes.reported[t]!]!;
  /** The scope bits of any of the tokens [from, to). */
  const flagsIn = (from: number, to: number): number => {
    let f = 0;
    for (let t = Math.max(0, from); t < Math.min(to, tokens.count); t++) f |= flags[t]!;
    return f;
  };
  // The sentence (and so the section) of a token is known per token: no search needed.
  const sentenceOfTokens = (from: number, pos: number): number => {
    const known = from >= 0 && from < tokens.count ? scopes.sentence[from]! : -1;
    return known >= 0 ? known : sentenceAt(pos);
  };
  const sectionOfTokens = (from: number, pos: number): SectionKind => {
    const known = from >= 0 && from < tokens.count ? scopes.sentence[from]! : -1;
    return known >= 0 ? sentences[known]!.section : sectionAt(pos);
  };
  const contextOfTokens = (from: number, to: number, pos: number): MentionContext => {
    const section = sectionOfTokens(from, pos);
    const f = flagsIn(from, to);
    return {
      negated: (f & NEGATED) !== 0,
      hypothetical: (f & HYPOTHETICAL) !== 0,
      historical: section === 'history' || (f & HISTORICAL) !== 0,
      home: section === 'home-program' || (f & HOME) !== 0,
      role: (f & ROLE) !== 0,
      quoted: (f & QUOTED) !== 0,
      reported: reportedOf(f),
      section,
      sentence: sentenceOfTokens(from, pos),
    };
  };
  const contextAt = (pos: number): MentionContext => {
    const t = tokenAtOrAfter(tokens, pos + 1) - 1;
    const token = t >= 0 && tokens.ends[t]! > pos ? t : tokenAtOrAfter(tokens, pos);
    return contextOfTokens(token, token + 1, pos);
  };
  /** A lexicon match as a mention, its context written straight into it (no context object in between). */
  const mentionOf = (text: string, lexicon: string, m: RawMatch): Mention => {
    const from = m.firstToken;
    const to = m.endToken;
    const start = tokens.starts[from]!;
    const end = tokens.ends[to - 1]!;
    const section = sectionOfTokens(from, start);
    const f = flagsIn(from, to);
    // One object shape for every mention (no spread): cheaper to build and to read in rules.
    return {
      lexicon,
      entry: m.entry,
      start,
      end,
      text: text.slice(start, end),
      negated: (f & NEGATED) !== 0,
      hypothetical: (f & HYPOTHETICAL) !== 0,
      historical: section === 'history' || (f & HISTORICAL) !== 0,
      home: section === 'home-program' || (f & HOME) !== 0,
      role: (f & ROLE) !== 0,
      quoted: (f & QUOTED) !== 0,
      reported: reportedOf(f),
      section,
      sentence: sentenceOfTokens(from, start),
    };
  };
  return { sentenceAt, contextAt, mentionOf };
}

/** Every lexicon's matches as mentions, with their context. */
function mentionsOf(text: string, raw: Map<string, RawMatch[]>, mentionOf: (text: string, lexicon: string, m: RawMatch) => Mention): Record<string, Mention[]> {
  const mentions: Record<string, Mention[]> = {};
  for (const id of LEXICON_IDS) {
    const found = raw.get(id) ?? [];
    const list = new Array<Mention>(found.length);
    for (let k = 0; k < found.length; k++) list[k] = mentionOf(text, id, found[k]!);
    mentions[id] = list;
  }
  return mentions;
}

/**
 * Whether [start, end) overlaps any of `spans`, answered by a binary search (a long note has
 * thousands of named services and of work words: testing each pair would be quadratic).
 */
function overlapTest(spans: readonly { start: number; end: number }[]): (start: number, end: number) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  // maxEnd[k]: the furthest end among the first k + 1 spans by start.
  const maxEnd = new Float64Array(sorted.length);
  let furthest = -Infinity;
  sorted.forEach((span, k) => (maxEnd[k] = furthest = Math.max(furthest, span.end)));
  return (start, end) => {
    // The spans starting before `end` are sorted[0 … lo - 1]; one overlaps when it ends after `start`.
    const lo = lowerBound(sorted.length, (i) => sorted[i]!.start < end);
    return lo > 0 && maxEnd[lo - 1]! > start;
  };
}

/** Service mentions for time: names from the code data plus code numbers written in the note. */
function serviceMentions(text: string, mentions: Record<string, Mention[]>): ServiceMention[] {
  // The same few names recur all through a long note: each is looked up once.
  const candidatesOf = new Map<string, readonly string[]>();
  const candidates = (written: string): readonly string[] => {
    let known = candidatesOf.get(written);
    if (!known) candidatesOf.set(written, (known = lookupServiceName(written).candidates));
    return known;
  };
  const services: ServiceMention[] = [
    ...(mentions.service ?? []).map((m) => ({ start: m.start, end: m.end, code: m.entry })),
    ...(mentions['service-ambiguous'] ?? []).map((m) => ({ start: m.start, end: m.end, code: null, candidates: candidates(m.text) })),
  ];
  // A massage stroke named on its own ("Effleurage, petrissage and stripping x 12'") implies massage,
  // but only where no service is named (time.ts drops weak services beside a named one).
  // So does manual-therapy work named on its own ("Jt mob R GH grade III glides - 10 min"): 97140.
  for (const [lexicon, code] of WEAK_SERVICE_LEXICONS) {
    for (const m of mentions[lexicon] ?? []) {
      if (!m.negated && !m.hypothetical && !m.historical) services.push({ start: m.start, end: m.end, code, weak: true });
    }
  }
  for (const m of text.matchAll(CODE_NUMBER)) {
    if (codeSets.timed.has(m[1]!) || codeSets.untimed.has(m[1]!)) services.push({ start: m.index, end: m.index + m[0].length, code: m[1]!, isCode: true });
  }
  // A work word that is also (part of) a service's name ("IASTM", "myofascial release") is that service;
  // so is an ambiguous word inside a specific name ("exercise" in "therapeutic exercise").
  const overlapsNamed = overlapTest(services.filter((s) => !s.weak));
  const overlapsSpecific = overlapTest(services.filter((s) => !s.weak && s.code !== null && !s.isCode));
  const kept = services.filter((s) => (!s.weak || !overlapsNamed(s.start, s.end)) && !(s.code === null && !s.weak && overlapsSpecific(s.start, s.end)));
  kept.sort((a, b) => a.start - b.start);
  return kept;
}

/** Who furnished it: signatures, and assistants or non-therapists named as doing the work. */
function credentialsOf(text: string, lower: string, sentences: Chart['sentences'], mentions: Record<string, Mention[]>): CredentialMention[] {
  const credentials: CredentialMention[] = findSignatures(text, lower);
  // "performed by Sam Ruiz, LMT": a name with credentials after "by" is who did the work, wherever it is.
  for (const c of [...credentials]) {
    if (c.kind !== 'signature') continue;
    const before = text.slice(Math.max(0, c.start - 40), c.start);
    if (BY_SOMEONE.test(before.slice(before.lastIndexOf('\n') + 1))) credentials.push({ ...c, kind: 'involvement' });
  }
  for (const m of mentions.assistant ?? []) {
    if (m.negated || m.hypothetical) continue;
    credentials.push({ credential: m.entry === 'ota' ? 'OTA' : 'PTA', kind: 'involvement', start: m.start, end: m.end, text: m.text });
  }
  // Tested once per sentence: many mentions in one long sentence must not rescan it each time.
  const involvementSentence = new Map<number, boolean>();
  const saysInvolved = (index: number): boolean => {
    let known = involvementSentence.get(index);
    if (known === undefined) {
      const sentence = sentences[index];
      known = sentence !== undefined && INVOLVEMENT_VERB.test(text.slice(sentence.start, sentence.end));
      involvementSentence.set(index, known);
    }
    return known;
  };
  for (const m of mentions['non-therapy-provider'] ?? []) {
    if (m.negated || m.hypothetical || m.historical) continue;
    if (!saysInvolved(m.sentence)) continue;
    const credential = m.entry === 'massage-therapist' ? 'LMT' : m.entry === 'chiropractor' ? 'DC' : 'ATC';
    credentials.push({ credential, kind: 'involvement', start: m.start, end: m.end, text: m.text });
  }
  credentials.sort((a, b) => a.start - b.start);
  return credentials;
}

export function analyzeChart(note: Visit['note'], options: ChartOptions = {}): Chart {
  // 1. One text with part offsets, folded for reading.
  const { parts, original, folded } = joinParts(note);
  const text = folded.text;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);

  // 2. Tokens, structure, vocabulary.
  const words = new WordTable(text.length);
  const tokens = tokenize(text, words);
  const sections = findSections(
    text,
    parts.map((p) => ({ start: p.start, end: p.end, kind: headingKind(p.label) })),
  );
  const sentences = findSentences(text, sections);
  const raw = matchLexicons(tokens, COMPILED);
  addSpellingSlips(tokens, sentences, raw);
  const get = (id: string): RawMatch[] => raw.get(id) ?? [];
  const scopes = computeScopes(text, tokens, sentences, {
    negPre: get('negation-pre'),
    negPost: get('negation-post'),
    terminators: get('scope-terminator'),
    hypothetical: get('hypothetical'),
    hypotheticalPost: get('hypothetical-post'),
    historical: get('historical'),
    historicalPost: get('historical-post'),
    home: get('home'),
    rolePre: get('role-pre'),
    rolePost: get('role-post'),
    reported: get('reported-speech'),
  });
  // Comfort words inside a practice's or place's name ("… Ortho & Wellness" in a letterhead) are a name.
  markOrganisationNames(text, tokens, { anchors: get('comfort'), service: [...get('massage-service'), ...get('massage-technique')] }, scopes.role);

  const { sentenceAt, contextAt, mentionOf } = contextReaders(tokens, scopes, sentences, sections);
  const mentions = mentionsOf(text, raw, mentionOf);

  // 4. Time.
  const services = serviceMentions(text, mentions);
  const lx = lex(text, words, tokens);
  const timeItems = parseTimes(lx);
  const treatedParts = [...(mentions['body-region'] ?? []), ...(mentions['massage-technique'] ?? []), ...(mentions['manual-therapy'] ?? [])];
  const times = findTimes(text, lx, timeItems, services, contextAt, new Set(options.billedCodes ?? []), treatedParts);

  // 5. Measures and their changes (the measure rows build on the time grammar's numbers and durations).
  const { measurements, changes } = findMeasures(text, lx, timeItems.index, mentions['outcome-measures'] ?? [], mentions.phase ?? [], mentions['goal-language'] ?? [], contextAt);

  // 6. Goals and limitations: what activity the treatment serves.
  const goals = findGoals({
    lx,
    text,
    sentences,
    goalMentions: mentions['goal-language'] ?? [],
    functionalMentions: mentions.functional ?? [],
    instrumentMentions: mentions['outcome-measures'] ?? [],
    regionMentions: mentions['body-region'] ?? [],
    contextAt,
  });

  // 7. Who furnished it. One lower-cased copy for the label checks of the note-fact patterns.
  const lower = text.toLowerCase();
  const credentials = credentialsOf(text, lower, sentences, mentions);

  return {
    text,
    original,
    toOriginal: folded.toOriginal,
    parts,
    sections,
    sentences,
    mentions,
    measurements,
    changes,
    goals,
    serviceTimes: times.serviceTimes,
    minutesByCode: times.minutesByCode,
    totals: times.totals,
    unresolvedTimes: times.unresolved,
    noteLines: findNoteClaimLines(text, lineStarts, { serviceTimes: times.serviceTimes, contextAt }),
    credentials,
    episode: findEpisodeFacts(text, lower),
    contextAt,
    sentenceAt,
    asserted: (lexicon) => (mentions[lexicon] ?? []).filter((m) => !m.negated && !m.hypothetical && !m.historical && !m.role),
  };
}
