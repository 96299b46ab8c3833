// Treatment time: which service each duration or clock range belongs to, and the two totals.
// The grammar (time-grammar.ts) finds the figures; this file ties them to services by layout:
//
//   same clause, service first     "97124 massage - 14 min", "ther ex 16 mins … then massage 14 mins"
//   same clause, time first        "3:10-3:24 pm massage", "25 min massage to the calf"
//   heading above its lines        "Therapeutic massage (97124):\n  - L QL, kneading 10 min"
//   table with a minutes column    "| 97124 | Massage | 15 | 1 |" under "| Code | Service | Min | Units |"
//   bare count after a service     "massage 97124 (14)" = 11 minutes; "97110 (2)" = 2 units
//
// Minutes that are not treatment time are never attributed: home programs, rest, travel,
// documentation, tolerances, tests named by their length ("6-minute walk test"), plans and goals.
// Time-like text that could not be tied to a code is kept as unresolved, so a rule can say
// "could not read" instead of "missing".
import { fullStopEndsNothing } from './abbreviations';
import { type Item, selectLongest } from './grammar';
import { Kind, type Lexed, lexAt, tokensIn } from './lex';
import { lowerBound } from '../search';
import { clockGap, TIME_WORDS, type TimeItems, type TotalKind, totalLabelKind } from './time-grammar';
import { readTables } from './time-table';
import type { CodeMinutes, MentionContext, SectionKind, ServiceTime, TotalTime, UnresolvedTime } from './types';

export interface ServiceMention {
  start: number;
  end: number;
  /** null when the name could mean several codes ("e-stim", "traction"). */
  code: string | null;
  /** Every code it could be (for ambiguous names): times tied to them are not unread. */
  candidates?: readonly string[];
  /** A technique that implies the service ("effleurage, petrissage x 12'"): used only when no service is named. */
  weak?: boolean;
  /** A code number written in the note ("97124"), rather than a service name. */
  isCode?: boolean;
}

export interface TimeFacts {
  serviceTimes: ServiceTime[];
  minutesByCode: Record<string, CodeMinutes>;
  totals: { timed?: TotalTime; treatment?: TotalTime; untimed?: TotalTime };
  unresolved: UnresolvedTime[];
}

/** Sections whose minutes are never today's treatment (goals and plans speak of the future). */
const NO_TREATMENT_TIME = new Set<SectionKind>(['goals', 'history', 'home-program', 'subjective']);
/** How far before and after a figure a not-treatment word is looked for (tokens, same clause). */
const MARKER_BEFORE = 4;
const MARKER_AFTER = 2;
/** How many tokens a length may stand ahead of a clause's only service and still be its time. */
const FAR_AHEAD = 8;
/** A bare "(N)" after a service: minutes from this value up, units below it. */
const PAREN_MINUTES_FROM = 8;

interface Service {
  first: number;
  end: number;
  weak: boolean;
  isCode: boolean;
  /** Took the code written beside it. */
  relabelled?: boolean;
  owner: string;
  code: string | null;
  start: number;
  charEnd: number;
}

interface Figure {
  item: Item;
  start: number;
  end: number;
  minutes: number;
  form: 'minutes' | 'range';
  /** Units written with it ("x2 units, 3:05-3:35 pm"). */
  withUnits?: boolean;
}

interface Segment {
  first: number;
  end: number;
  line: number;
  services: Service[];
  figures: Figure[];
  hasUnits: boolean;
  /** Frequency wording ("2x/wk", "per week"): the segment plans future visits. */
  plansVisits: boolean;
}

const SENTENCE_PUNCT = new Set(['.', '!', '?']);
const FREQUENCY_AFTER_SLASH = new Set(['wk', 'wks', 'week', 'weeks', 'day', 'd', 'mo', 'month', 'visit']);

const lowerCaseNotes = new WeakMap<Lexed, boolean>();
/** Most full stops followed by a word are followed by a lower-case one (dictation, phone typing). */
function writtenInLowerCase(lx: Lexed): boolean {
  let known = lowerCaseNotes.get(lx);
  if (known === undefined) {
    let lower = 0;
    let upper = 0;
    for (let i = 0; i + 1 < lx.count; i++) {
      if (lx.norm[i] !== '.' || lx.spaceBefore[i + 1] === 0 || lx.kind[i + 1] !== Kind.Word) continue;
      const c = lx.text.charCodeAt(lx.start[i + 1]!);
      if (c >= 97 && c <= 122) lower++;
      else if (c >= 65 && c <= 90) upper++;
    }
    known = lower >= 2 && lower >= 3 * upper;
    lowerCaseNotes.set(lx, known);
  }
  return known;
}

function isClauseEnd(lx: Lexed, i: number): boolean {
  const t = lx.norm[i]!;
  if (t === ';') return true;
  if (!SENTENCE_PUNCT.has(t)) return false;
  // A dotted leader ("Aquatic ex 97113 ...... 20 min"), an initial ("K. Dow") or a title ("Dr. Ruiz")
  // does not end the clause (the sentence splitter's own test).
  if (t === '.' && fullStopEndsNothing(lx.text, lx.start[i]!, 'clause')) return false;
  // A full stop ends a sentence when a capital or a figure follows: "12 min. Massage"; in a note typed or
  // dictated in lower case, a lower-case word too: "pain 5/10. massage 12 min" (elsewhere "Ther. ex." is one
  // name). "a.m.", "p.o." have no space after the stop; "e.g. massage" is a letter's stop.
  const next = i + 1;
  if (next >= lx.count || lx.kind[next] === Kind.Newline) return true;
  if (lx.spaceBefore[next] === 0) return false;
  // Only a letter of a dotted chain ("e.g.", "a.m.") is a letter's stop: after a slash the letter is a
  // side ("calves B/L. Ther ex 12 min") and the stop ends the clause.
  if (t === '.' && i > 1 && lx.spaceBefore[i] === 0 && lx.end[i - 1]! - lx.start[i - 1]! === 1 && lx.kind[i - 1] === Kind.Word && lx.norm[i - 2] === '.' && lx.spaceBefore[i - 1] === 0) return false;
  const c = lx.text.charCodeAt(lx.start[next]!);
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 97 && c <= 122 && writtenInLowerCase(lx));
}

// findTimes is split into its passes, each a function of its own: as one 300-line function with
// closures it cost V8's optimizing compiler ~0.3-1 s of CPU per compilation (several per batch, once
// per worker thread), most of a batch's warm-up; the parts compile in a fraction of that.

/** Services as token ranges, with a code written right beside a name given to the name. */
function serviceSpans(lx: Lexed, mentions: readonly ServiceMention[], billed: ReadonlySet<string>): Service[] {
  // Ambiguous names own their time too (it is not unread), but give no code.
  const services: Service[] = mentions
    .map((m) => {
      // A name that could be several codes is the one of them the claim bills, when only one is billed.
      const billedCandidates = m.code === null ? (m.candidates ?? []).filter((c) => billed.has(c)) : [];
      const code = m.code ?? (billedCandidates.length === 1 ? billedCandidates[0]! : null);
      return { first: lexAt(lx, m.start), end: lexAt(lx, m.end), weak: m.weak === true, isCode: m.isCode === true, code, owner: code ?? `?${(m.candidates ?? []).join('/')}`, start: m.start, charEnd: m.end };
    })
    .filter((s) => s.end > s.first && !pointInTime(lx, s))
    .sort((a, b) => a.first - b.first);
  // A name with a code written right beside it is billed as that code: "IASTM (97124)", "97124 - massage",
  // "soft tissue mobilization (IASTM, charged as 97124)". Right to left, so a chain of names follows its code.
  for (let k = services.length - 2; k >= 0; k--) {
    const a = services[k]!;
    const b = services[k + 1]!;
    if (a.weak || b.weak || !beside(lx, a, b)) continue;
    // "STM/massage 97124": the name that already agrees with the written code passes it on along the chain.
    if (a.code === b.code) {
      if (!a.isCode && (b.isCode || b.relabelled)) a.relabelled = true;
      continue;
    }
    // The written code wins; a name next to a name that took a code takes it too.
    if (b.isCode || (b.relabelled && !a.isCode)) {
      if (!a.isCode) {
        a.code = b.code;
        a.owner = b.owner;
        a.relabelled = true;
      }
    } else if (a.isCode) {
      b.code = a.code;
      b.owner = a.owner;
      b.relabelled = true;
    }
  }
  return services;
}

const POINT_IN_TIME = new Set(['at', 'since', 'vs', 'versus']);
const POINT_MODIFIERS = new Set(['the', 'initial', 'last', 'previous', 'prior', 'first', 'most', 'recent', 'pt', 'her', 'his', 're', '-']);
/**
 * "grip 30 kg, up from 18 kg at the first evaluation", "since eval": a visit named as a point in time is no
 * service done in the clause (in a note dictated without punctuation it would take the next figure).
 */
function pointInTime(lx: Lexed, s: Service): boolean {
  if (s.isCode) return false;
  for (let i = s.first - 1, k = 0; i >= 0 && k < 3; i--, k++) {
    const w = lx.norm[i]!;
    if (POINT_IN_TIME.has(w)) return true;
    if (!POINT_MODIFIERS.has(w)) return false;
  }
  return false;
}

const BESIDE = new Set(['(', ')', ',', '-', ':', '/', 'billed', 'charged', 'coded', 'as', 'cpt', 'code', 'under', 'using']);
function beside(lx: Lexed, a: Service, b: Service): boolean {
  if (b.first - a.end > 5) return false;
  let comma = false;
  for (let i = a.end; i < b.first; i++) {
    if (!BESIDE.has(lx.norm[i]!)) return false;
    if (lx.norm[i] === ',') comma = true;
  }
  // "adjusted T4-T6 (98940), therapeutic massage 13 min": a code whose bracket closes before a comma
  // labels what came before it; the name after the comma starts the next item of a list.
  return !(a.isCode && comma && lx.norm[a.end] === ')');
}

/** Segments: clauses within lines (a table row is one), each with the services that start in it. */
function clauseSegments(lx: Lexed, rowLines: Tables['rowLines'], unitTokens: Tables['unitTokens'], inService: Uint8Array, services: readonly Service[]): { segments: Segment[]; segmentOf: Int32Array } {
  const segments: Segment[] = [];
  const segmentOf = new Int32Array(lx.count).fill(-1);
  let first = 0;
  const breaksClause = tokensIn(lx, TIME_WORDS.clauseBreak);
  const close = (end: number) => {
    if (end > first) {
      segments.push({ first, end, line: lx.line[first]!, services: [], figures: [], hasUnits: false, plansVisits: false });
      segmentOf.fill(segments.length - 1, first, end);
    }
    first = end;
  };
  for (let i = 0; i < lx.count; i++) {
    const kind = lx.kind[i];
    if (kind === Kind.Newline) {
      close(i);
      first = i + 1;
    } else if (rowLines[lx.line[i]!]) continue; // a table row is one entry
    else if (kind === Kind.Punct && isClauseEnd(lx, i)) close(i + 1);
    // "… then ther ex 16 mins", "followed by 25 minutes of therapeutic exercise": a new clause.
    else if (kind === Kind.Word && !inService[i] && breaksClause[i]) close(i);
  }
  close(lx.count);
  for (let i = 0; i + 2 < lx.count; i++) {
    // "2x/wk", "3x/week", "x/wk", "per week", "weekly", "twice a week": plans future visits.
    const a = lx.norm[i]!;
    const b = lx.norm[i + 1]!;
    const c = lx.norm[i + 2]!;
    const freq = (a === 'x' && b === '/' && FREQUENCY_AFTER_SLASH.has(c)) || (a === 'per' && FREQUENCY_AFTER_SLASH.has(b)) || a === 'weekly' || a === 'monthly' || (a === 'a' && (b === 'week' || b === 'month'));
    if (freq && segmentOf[i]! >= 0) segments[segmentOf[i]!]!.plansVisits = true;
  }
  for (const s of services) {
    const seg = segmentOf[s.first]!;
    if (seg >= 0) segments[seg]!.services.push(s);
  }
  for (const seg of segments) if (seg.services.some((x) => !x.weak)) seg.services = seg.services.filter((x) => !x.weak);
  for (const t of unitTokens) if (segmentOf[t]! >= 0) segments[segmentOf[t]!]!.hasUnits = true;
  return { segments, segmentOf };
}

type Tables = ReturnType<typeof readTables>;

const span = (lx: Lexed, it: Item) => ({ start: lx.start[it.first]!, end: lx.end[it.end - 1]! });

function serviceRightAfter(services: readonly Service[], it: Item): boolean {
  return services.some((s) => s.first >= it.end && s.first <= it.end + 1);
}

function serviceRightBefore(services: readonly Service[], it: Item): Service | undefined {
  for (let k = services.length - 1; k >= 0; k--) {
    const s = services[k]!;
    if (s.end <= it.first) return it.first - s.end <= 2 ? s : undefined;
  }
  return undefined;
}

/**
 * Each chosen reading placed: totals kept, unit counts marked, figures that are treatment time put in
 * their segment (what is hypothetical, historical, planned or in a section without treatment time is not).
 */
function placeFigures(lx: Lexed, layout: readonly LineLayout[], chosen: readonly Item[], segments: Segment[], segmentOf: Int32Array, services: readonly Service[], contextAt: (offset: number) => MentionContext): TimeFacts['totals'] {
  const totals: TimeFacts['totals'] = {};
  let lastRangeEnd: Item | undefined;
  let lastRepeated: { line: number; minutes: number } | undefined;
  // Per line: how many bare bracketed figures, and how many stated times, the line holds.
  const parensOnLine = new Map<number, number>();
  const timesOnLine = new Set<number>();
  for (const it of chosen) {
    const line = lx.line[it.first]!;
    if (it.kind === 'paren') parensOnLine.set(line, (parensOnLine.get(line) ?? 0) + 1);
    else if (it.kind === 'duration' || it.kind === 'range' || it.kind === 'total') timesOnLine.add(line);
  }
  // "Ther ex: bridges, side-stepping (25) → 97110 1u": a line's only bare bracketed figure, with no
  // other time on the line, closing a clause that names a service (before it, or right after an arrow).
  const parenClosesServiceClause = (it: Item, seg: Segment): boolean => {
    const line = lx.line[it.first]!;
    if (seg.services.length === 0 || parensOnLine.get(line) !== 1 || timesOnLine.has(line)) return false;
    const next = lx.norm[it.end];
    const arrow = next === '→' || next === '=' || (next === '-' && lx.norm[it.end + 1] === '>');
    return it.end >= seg.end || lx.kind[it.end] === Kind.Newline || arrow || serviceRightAfter(services, it);
  };

  for (const it of chosen) {
    const segIndex = segmentOf[it.first]!;
    if (segIndex < 0) continue;
    const seg = segments[segIndex]!;
    const { start, end } = span(lx, it);
    const ctx = contextAt(start);
    if (it.kind === 'units') {
      seg.hasUnits = true;
      continue;
    }
    if (it.kind === 'times') continue;
    if (it.kind === 'range') lastRangeEnd = it.data?.endClock as Item | undefined;
    if (it.kind === 'until') {
      // "… until 2:40" after "from 2 to 2:15": a range from where the last one ended.
      const minutes = lastRangeEnd ? clockGap(lastRangeEnd, it.data!.clock as Item) : null;
      lastRangeEnd = it.data!.clock as Item;
      if (minutes === null || ctx.hypothetical || ctx.historical || NO_TREATMENT_TIME.has(ctx.section)) continue;
      seg.figures.push({ item: it, start, end, minutes, form: 'range' });
      continue;
    }
    // (Home-program wording is judged next to the figure, not for the whole sentence: "18 min …; HEP issued".)
    // ("ther ex time should read 23 min": a correction's "should" is no plan.)
    if ((ctx.hypothetical && !statesCorrection(lx, it.first)) || ctx.historical) continue;
    // "38 min -- error", "charted in error as 40 minutes": a struck figure is no time at all.
    if (struckFigure(lx, it.first, it.end)) continue;

    if (it.kind === 'total') {
      const kind = it.data!.total as TotalKind;
      // "massage for a total of 25 minutes": a lead word alone after a service is that service's time.
      // So is "massage 25 total minutes" (the label after the figure), when the clause has no other figure yet.
      const leadOnly = (lx.norm[it.first] === 'total' && (it.data!.valueFirst as number) - it.first <= 2) || (it.data!.labelAfter === true && seg.figures.length === 0);
      if (leadOnly && kind === 'treatment' && seg.services.some((s) => s.end <= it.first)) {
        seg.figures.push({ item: it, start, end, minutes: it.value, form: 'minutes' });
        continue;
      }
      // (A goals section rarely states visit totals, but a totals line often follows the goals unheaded.)
      // A total inside a home-program section is the program's, unless it opens a line of its own below
      // the program ("Home program: chin tucks, handout given." then "Total tx time 22 min."): that is
      // the visit's summary line, which notes write after whatever section came last.
      if (ctx.section === 'home-program' && !(kind === 'treatment' && opensLine(lx, it.first))) continue;
      const total: TotalTime = { start, end, minutes: it.value };
      totals[kind] ??= total;
      continue;
    }

    if (it.kind === 'entryfig') {
      // "Tx (min): ther ex 97110 — 18 | … massage 97124 R TFL — 8": the entry's figure, in its label's minutes.
      const at = it.data!.valueFirst as number;
      seg.figures.push({ item: { ...it, first: at }, start: lx.start[at]!, end, minutes: it.value, form: 'minutes' });
      continue;
    }
    if (it.kind === 'paren' || it.kind === 'codefig') {
      // "massage 97124 (14)", "97124 15": a bare figure right after a service or its code.
      // On a line that states a time, a bracketed figure a word or two after the service counts sets or
      // repetitions ("lunges (10), step-ups (12), 18 min"); only one right against the service is its time.
      const before = it.kind === 'paren' ? serviceRightBefore(services, it) : undefined;
      const against = before !== undefined && (!timesOnLine.has(lx.line[it.first]!) || before.end === it.first);
      if (it.kind === 'paren' && !against && !parenClosesServiceClause(it, seg)) continue;
      // Under a minutes label a code's dashed figure is minutes however small ("Minutes: 97140-6").
      if (it.value >= PAREN_MINUTES_FROM || it.data?.dashed) {
        const at = it.kind === 'codefig' ? (it.data!.valueFirst as number) : it.first;
        const figureItem: Item = { ...it, first: at };
        seg.figures.push({ item: figureItem, start: lx.start[at]!, end, minutes: it.value, form: 'minutes' });
      } else seg.hasUnits = true;
      continue;
    }

    // Durations and ranges.
    // "6-minute walk test", "15-min rest": a length that names a thing, unless the thing is a service
    // ("15-minute massage") or nothing follows ("Massage: 15-min").
    if (it.kind === 'duration' && it.data?.adjectival && lx.kind[it.end] === Kind.Word && !serviceRightAfter(services, it)) continue;
    if (!(it.value > 0 && it.value <= 300)) continue;
    // "q4h", "q.6h", "q3-4h", "every 2 hours": how often (a dose, a home routine), never how long.
    if (it.kind === 'duration' && isFrequency(lx, it.first)) continue;
    // "Massage 20 min x3/wk", "15 min 2x per week": a planned session length, not today's time.
    if (it.kind === 'duration' && frequencyFollows(lx, it.end)) continue;
    // A treatment table is treatment time wherever the note's headings put it; so is a line that opens
    // with a service and its time under an unclosed "Subjective:" ("Subjective: …\nTher ex 25 min: …").
    if (NO_TREATMENT_TIME.has(ctx.section) && !it.rule.startsWith('table:') && !(ctx.section === 'subjective' && entryLine(lx, layout, services, it))) continue;
    // "10 minutes x3 (neck; then both forearms) = 30 min": a repeated length restated on its line, not more time.
    if (lx.norm[it.first - 1] === '=' && lastRepeated !== undefined && lastRepeated.line === lx.line[it.first] && lastRepeated.minutes === it.value) continue;
    if (it.data?.repeated) lastRepeated = { line: lx.line[it.first]!, minutes: it.value };
    // "97124 16 min, 97110 22 min = 38 min": a sum of the figures before it, not a service's own time.
    if (lx.norm[it.first - 1] === '=' && seg.figures.length >= 2) {
      const labelWords: string[] = [];
      for (let i = seg.first; i < Math.min(seg.end, seg.first + 4) && lx.kind[i] === Kind.Word; i++) labelWords.push(lx.norm[i]!);
      const kind = totalLabelKind(labelWords);
      if (kind) totals[kind] ??= { start, end, minutes: it.value };
      continue;
    }
    if ((ctx.section === 'plan' || ctx.section === 'goals') && seg.plansVisits) continue;
    if (goalClause(lx, seg, it.first)) continue;
    seg.figures.push({ item: it, start, end, minutes: it.value, form: it.kind === 'range' ? 'range' : 'minutes' });
  }
  return totals;
}

/** The figure's line opens with a service name (bullets aside) and the figure follows it within a word or two (or a bracketed qualifier). */
function entryLine(lx: Lexed, layout: readonly LineLayout[], services: readonly Service[], it: Item): boolean {
  let first = layout[lx.line[it.first]!]!.first;
  while (first < it.first && (lx.norm[first] === '-' || lx.norm[first] === '*' || lx.norm[first] === '•')) first++;
  // Services are in token order: the one starting at the line's first word, by binary search.
  const lo = lowerBound(services.length, (i) => services[i]!.first < first);
  let opening: Service | undefined;
  for (let k = lo; k < services.length && services[k]!.first === first; k++) if (!services[k]!.weak) opening = services[k];
  if (opening === undefined || it.first < opening.end) return false;
  // A bracketed qualifier may stand between: "Massage (seated) 1310-1322".
  let at = opening.end;
  if (lx.norm[at] === '(') {
    let close = at + 1;
    while (close < it.first && close - at <= 6 && lx.norm[close] !== ')') close++;
    if (lx.norm[close] === ')') at = close + 1;
  }
  return it.first - at <= 2;
}

const GOAL_LOOKBACK = 10;
/**
 * "…, goal lift and carry child 15 min without pain": the figure's clause (back to a ',' or ';', at
 * most GOAL_LOOKBACK tokens, so a long clause of figures stays linear) opens with a goal word.
 */
function goalClause(lx: Lexed, seg: Segment, first: number): boolean {
  const from = Math.max(seg.first, first - GOAL_LOOKBACK);
  for (let i = first - 1; i >= from; i--) {
    if (TIME_WORDS.goalLead.has(lx.norm[i]!)) return i === seg.first || lx.norm[i - 1] === ',' || lx.norm[i - 1] === ';';
    if (lx.norm[i] === ',' || lx.norm[i] === ';') return false;
  }
  return false;
}

/** A frequency right after a length: "x2/wk", "2x/week", "3 per week" (the length is a planned session's). */
function frequencyFollows(lx: Lexed, at: number): boolean {
  let i = at;
  if (lx.norm[i] === 'x') i++;
  if (lx.kind[i] !== Kind.Num) return false;
  i++;
  if (lx.norm[i] === 'x') i++;
  return (lx.norm[i] === '/' && FREQUENCY_AFTER_SLASH.has(lx.norm[i + 1]!)) || (lx.norm[i] === 'per' && FREQUENCY_AFTER_SLASH.has(lx.norm[i + 1]!));
}

/** A duration written as a frequency: after "q" / "q." / "every" / "times", or the upper end of "q3-4h". */
function isFrequency(lx: Lexed, first: number): boolean {
  let i = first - 1;
  if (lx.norm[i] === '-' && lx.kind[i - 1] === Kind.Num) i -= 2;
  if (lx.norm[i] === '.') i--;
  return lx.norm[i] === 'q' || lx.norm[i] === 'every' || lx.norm[i] === 'times';
}

// A not-treatment word ("rest", "travel", "at home") rules out the figure nearest to it, within a
// few tokens either way: "Massage 15 min after waiting 10 min" rules out the 10 minutes only.
function excludeNearMarkers(lx: Lexed, inService: Uint8Array, afterCode: Uint8Array, seg: Segment): void {
  if (seg.figures.length === 0) return;
  const out = new Set<Figure>();
  for (let i = seg.first; i < seg.end; i++) {
    if (inService[i] || !TIME_WORDS.notTreatment.has(lx.norm[i]!)) continue;
    let best: Figure | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const f of seg.figures) {
      // "97530 15 min standing tolerance on foam": a figure written right after a code is that code's time.
      if (codeRightBefore(lx, afterCode, f.item)) continue;
      const before = f.item.first - i; // marker before the figure
      const after = i - (f.item.end - 1); // marker after the figure
      const distance =
        before > 0 ? (before <= MARKER_BEFORE || labelHolds(lx, inService, i, f.item.first) ? before : Number.POSITIVE_INFINITY) : after <= MARKER_AFTER ? after + 0.5 : Number.POSITIVE_INFINITY;
      // "Ther ex 20 min - HEP review and progression": a figure right after its service's name, with the
      // marker past a dash, colon or bracket, is that service's time; what follows says what was done.
      if (distance < bestDistance && before <= 0 && describedAfter(lx, seg, f.item, i)) continue;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = f;
      }
    }
    if (best) out.add(best);
  }
  if (out.size === 0) return;
  // "Sitting tolerance 50 min (was 25 min at IE)", "… 50 min, was 25 min": the earlier value written
  // right after a figure that is no treatment time is what that figure is, no treatment time either.
  // (By where each ruled-out figure ends: one look per figure, however many figures the clause holds.)
  const outEnds = new Set<number>();
  for (const g of out) outEnds.add(g.item.end);
  for (const f of seg.figures) {
    if (out.has(f)) continue;
    for (let at = f.item.first - 1; at >= f.item.first - EARLIER_VALUE_GAP; at--) {
      if (outEnds.has(at) && earlierValueOf(lx, at, f.item.first)) {
        out.add(f);
        break;
      }
    }
  }
  seg.figures = seg.figures.filter((f) => !out.has(f));
}

/** The most tokens a field label ("Charting/HEP handout print:") runs over before its figure. */
const LABEL_TOKENS = 8;
/**
 * The marker at `marker` is in the label of the figure at `figure`: only words and the joiners of a label
 * ("/", "-", "&") between, no service and no other figure, and a colon, dash or "=" right before the figure
 * ("Charting/HEP handout print: 7 min").
 */
function labelHolds(lx: Lexed, inService: Uint8Array, marker: number, figure: number): boolean {
  if (figure - marker > LABEL_TOKENS) return false;
  const mark = lx.norm[figure - 1];
  if (mark !== ':' && mark !== '=' && mark !== '-') return false;
  for (let k = marker + 1; k < figure - 1; k++) {
    if (inService[k] || lx.kind[k] === Kind.Num || lx.kind[k] === Kind.Newline) return false;
    if (lx.kind[k] !== Kind.Word && lx.norm[k] !== '/' && lx.norm[k] !== '-' && lx.norm[k] !== '&') return false;
  }
  return true;
}

/** Words that lead an earlier value written after a later one: "(was 20 min", ", previously 20 min", "(vs 20 min". */
const EARLIER_VALUE_LEAD = new Set(['was', 'previously', 'prev', 'vs', 'versus', 'from', 'up', 'down', 'compared', 'to', 'with']);
/** The tokens [from, to) open a bracket or follow a comma, then at most three leading words: what follows is an earlier value. */
const EARLIER_VALUE_GAP = 4;
function earlierValueOf(lx: Lexed, from: number, to: number): boolean {
  if (to <= from || to - from > EARLIER_VALUE_GAP) return false;
  const opener = lx.norm[from];
  if (opener !== '(' && opener !== '[' && opener !== ',') return false;
  for (let i = from + 1; i < to; i++) if (!EARLIER_VALUE_LEAD.has(lx.norm[i]!)) return false;
  // After a comma a leading word must say it ("45 min, 20 min" is a list).
  return opener !== ',' || to - from > 1;
}

/** Token `at` is the first token of its line (a bullet or dash before it aside). */
function opensLine(lx: Lexed, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && lx.kind[i] !== Kind.Newline && lx.line[i] === lx.line[at] && (lx.norm[i] === '-' || lx.norm[i] === '*' || lx.norm[i] === '•')) i--;
  return i < 0 || lx.kind[i] === Kind.Newline || lx.line[i] !== lx.line[at];
}

/** Words after a service's figure that say what the time was spent on: "Ther ex 18 min per HEP handout", "… from the home program". */
const DESCRIBED_BY = new Set(['per', 'from', 'using', 'following', 'off', 'via']);

/**
 * The figure follows a service name (at most one ':' or '-' between) and a '-', ':' or '(' stands between it and token
 * `marker` ("Ther ex 19 min (home program check, …)"), or a word that says what was done ("Ther ex 18 min per HEP handout").
 */
function describedAfter(lx: Lexed, seg: Segment, it: Item, marker: number): boolean {
  const named = seg.services.some((s) => s.end <= it.first && (s.end === it.first || (it.first - s.end === 1 && (lx.norm[s.end] === ':' || lx.norm[s.end] === '-'))));
  if (!named) return false;
  for (let k = it.end; k < marker; k++) {
    const w = lx.norm[k]!;
    if (w === '-' || w === ':' || w === '\u2013' || w === '(' || DESCRIBED_BY.has(w)) return true;
    // "Ther ex 16 min reviewing HEP form and reps": a word in -ing right after the figure says what the time was spent on.
    if (k === it.end && lx.kind[k] === Kind.Word && w.length > 5 && w.endsWith('ing')) return true;
  }
  return false;
}

/** Tokens right after a written code (the code's time starts there or one ':'/'-' later). */
function tokensAfterCodes(lx: Lexed, services: readonly Service[]): Uint8Array {
  const afterCode = new Uint8Array(lx.count + 1);
  for (const sv of services) if (sv.isCode) afterCode[sv.end] = 1;
  return afterCode;
}

function codeRightBefore(lx: Lexed, afterCode: Uint8Array, it: Item): boolean {
  return afterCode[it.first] === 1 || (it.first > 0 && afterCode[it.first - 1] === 1 && (lx.norm[it.first - 1] === ':' || lx.norm[it.first - 1] === '-'));
}

function activityNear(lx: Lexed, seg: Segment, it: Item): boolean {
  // "walking tolerance went from 5 min to 20 min": the far end of a change is what its near end is.
  let from = it.first;
  if (lx.norm[from - 1] === 'to') for (let i = from - 2; i >= Math.max(seg.first, from - 6); i--) if (lx.norm[i] === 'from') from = i;
  for (let i = Math.max(seg.first, from - MARKER_BEFORE); i < Math.min(seg.end, it.end + MARKER_AFTER); i++) {
    if (TIME_WORDS.activity.has(lx.norm[i]!) || TIME_WORDS.notTreatment.has(lx.norm[i]!)) return true;
  }
  return false;
}

type Orphan = { seg: Segment; figure: Figure; ctx: MentionContext };

/** Words that leave a phrase open at a line's end, or carry one on at the next line's start. */
const OPEN_ENDED = new Set([',', '-', '&', '+', 'and', 'or', 'to', 'of', 'with', 'for', 'the', 'at', 'in', 'on', 'from', 'into', 'including', 'limiting', 'via', 'w']);

/**
 * The figure's line plainly finishes the entry above it, not a new activity written in lower case: a dotted
 * leader stands before the figure, or the line before ends on an open word (",", "and", "to" …), or this
 * line starts with one ("to reduce spasm … - 11 min").
 */
function closesWrappedEntry(lx: Lexed, layout: readonly LineLayout[], seg: Segment): boolean {
  const first = seg.figures[0]!.item.first;
  for (let i = Math.max(seg.first, first - 4); i + 2 < first; i++) if (lx.norm[i] === '.' && lx.norm[i + 1] === '.' && lx.norm[i + 2] === '.') return true;
  const before = layout[seg.line - 1]!;
  return OPEN_ENDED.has(lx.norm[before.end - 1]!) || OPEN_ENDED.has(lx.norm[seg.first]!);
}

/**
 * Line `line` carries on the line before it: that line has words and ends with no full stop, colon or semicolon,
 * and this one opens in lower case or with a dotted leader (a wrapped export, not a new entry).
 */
function continuesLine(lx: Lexed, layout: readonly LineLayout[], line: number): boolean {
  const before = layout[line - 1];
  const here = layout[line]!;
  if (!before || before.end === before.first || here.end === here.first || here.bulleted) return false;
  const last = lx.norm[before.end - 1]!;
  if (last === '.' || last === ':' || last === ';' || last === '!' || last === '?') return false;
  const first = here.first;
  if (lx.norm[first] === '.' && lx.norm[first + 1] === '.' && lx.norm[first + 2] === '.') return true;
  const c = lx.text.charCodeAt(lx.start[first]!);
  return lx.kind[first] === Kind.Word && c >= 97 && c <= 122;
}

/** `s` names the same service as `heading`: the same code, or a name that could be it ("exercises" under 97110). */
function sameService(s: Service, heading: Service): boolean {
  if (s.owner === heading.owner) return true;
  return s.code === null && heading.code !== null && s.owner.startsWith('?') && s.owner.slice(1).split('/').includes(heading.code);
}

/** Figures tied to services, segment by segment; figures with no service are returned as orphans. */
function tieFigures(
  lx: Lexed,
  layout: readonly LineLayout[],
  segments: readonly Segment[],
  contextAt: (offset: number) => MentionContext,
  attached: (ServiceTime & { section: SectionKind })[],
  orphans: Orphan[],
  rowLines: Uint8Array,
  partWords: Uint8Array,
): void {
  // A table header that names a service ("Exercise | Sets | Min") heads its rows like a heading heads a list.
  let heading: { service: Service; line: number; indent: number; bulleted: boolean; colon: boolean; section: SectionKind; table?: boolean } | undefined;
  let previous: Segment | undefined;
  // The last clause that named a service and gave no figure, while the clauses after it are joined to it by semicolons.
  let lastNamed: Segment | undefined;
  // A service's entry wrapped over lines ("97124 Massage: kneading to R gastroc and\nsoleus for calf tightness
  // ......... 16 min"): the services of its first line, carried while the lines continue it.
  let wrapped: Service[] | undefined;
  for (const seg of segments) {
    const continues = seg.first === layout[seg.line]!.first && wrapped !== undefined && continuesLine(lx, layout, seg.line);
    if (!continues) wrapped = undefined;
    else if (seg.services.length === 0 && seg.figures.length > 0 && closesWrappedEntry(lx, layout, seg)) seg.services = wrapped!;
    if (seg.services.length > 0 && seg.figures.length === 0 && seg.end >= layout[seg.line]!.end) wrapped = seg.services;
    else if (seg.figures.length > 0 || seg.services.length > 0 || seg.end < layout[seg.line]!.end) wrapped = undefined;
    if (seg.services.length > 0 && seg.figures.length === 0) lastNamed = seg;
    else if (seg.figures.length === 0 && lx.norm[seg.first - 1] !== ';') lastNamed = undefined;
    // Most clauses name no service and give no figure: with no heading open, nothing here concerns them.
    if (!heading && seg.services.length === 0 && seg.figures.length === 0) {
      previous = seg;
      continue;
    }
    const section = contextAt(lx.start[seg.first]!).section;
    const owners = new Set(seg.services.map((s) => s.owner));
    const named = seg.services.some((s) => !s.weak);
    const line = layout[seg.line]!;
    // A heading's block is the lines under it that are indented or bulleted more than it, in its section;
    // a line naming a service of its own ends it (a stroke named under the heading does not).
    // A heading that ends in a colon ("Soft tissue work, 97124:") also holds the unindented lines right under
    // it, up to the first blank line.
    const underColon = (h: NonNullable<typeof heading>): boolean => h.colon && !layout.slice(h.line + 1, seg.line).some((l) => l.end === l.first);
    const underTable = (h: NonNullable<typeof heading>): boolean => h.table === true && rowLines[seg.line] === 1;
    // A line under the heading that names the heading's own service again, or a word that could be it
    // ("Therapeutic Exercise (97110): Yes" then "Exercises: chin tucks …" then "Min: 24"), stays in its block.
    const namedOther = heading !== undefined && seg.services.some((s) => !s.weak && !sameService(s, heading!.service));
    if (heading && seg.line !== heading.line && !underTable(heading) && (heading.section !== section || namedOther || !(line.indent > heading.indent || (line.bulleted && !heading.bulleted) || underColon(heading)))) heading = undefined;
    if (heading && !namedOther && seg.line !== heading.line && !(heading.table && seg.services.length > 0)) {
      seg.services = [];
      owners.clear();
    }
    if (seg.figures.length === 0) {
      const wholeLine = seg.first === line.first && seg.end >= line.end - 1;
      const next = layout[seg.line + 1];
      const opensBlock = line.endsWithColon || (next !== undefined && (next.indent > line.indent || (next.bulleted && !line.bulleted)));
      const headsTable = rowLines[seg.line] !== 1 && rowLines[seg.line + 1] === 1;
      if (owners.size === 1 && wholeLine && ((named && opensBlock) || headsTable)) heading = { service: seg.services[0]!, line: seg.line, indent: line.indent, bulleted: line.bulleted, colon: line.endsWithColon, section, table: headsTable };
      previous = seg;
      continue;
    }
    // "97124 not for relaxation, but for guarding that stops her reaching. 12 min.": a clause
    // after a semicolon that names nothing and gives no figure carries on the sentence of the service before it.
    const before = previous && previous.services.length === 0 && previous.figures.length === 0 && lastNamed && lastNamed.line === previous.line && lx.norm[previous.first - 1] === ';' ? lastNamed : previous;
    tieSegment(lx, seg, owners, before, heading?.service, section, contextAt, attached, orphans, partWords);
    previous = seg;
    lastNamed = undefined;
  }
}

/** The figures of one segment that has some, each to its service (or to the orphans). */
function tieSegment(
  lx: Lexed,
  seg: Segment,
  owners: ReadonlySet<string>,
  previous: Segment | undefined,
  headingService: Service | undefined,
  section: SectionKind,
  contextAt: (offset: number) => MentionContext,
  attached: (ServiceTime & { section: SectionKind })[],
  orphans: Orphan[],
  partWords: Uint8Array,
): void {
  // "… says she can garden for 2 hrs now before her back tightens and the hip aches, then massage 12 min …": a
  // length far ahead of every service of a run-on clause is something else's (time first is written
  // against the service: "25 min massage to the calf").
  const farAhead = (figure: Figure): boolean => seg.services.length > 0 && figure.form === 'minutes' && seg.services[0]!.first - figure.item.end > FAR_AHEAD;
  while (seg.figures.length > 0 && farAhead(seg.figures[0]!)) {
    const figure = seg.figures.shift()!;
    orphans.push({ seg, figure, ctx: contextAt(figure.start) });
  }
  if (seg.figures.length === 0) return;
  dropDescriptionDosing(lx, seg, owners);
  const timeFirst = seg.services.length > 0 && seg.figures[0]!.item.first < seg.services[0]!.first;
  // Several services in one clause: figures pair with services in order. Service first ("Massage …
  // same area as the mobilization …, 25 min; ther ex 15 min"), each figure goes to the earliest service
  // before it that has none yet, else to the last one that had one; time first ("9:00-9:15 massage,
  // 9:15-9:40 ther ex"), to the next service after it.
  const waiting: Service[] = [];
  let lastOwner: Service | undefined;
  let nextService = 0;
  const distinct = seg.services.filter((x, k) => k === 0 || x.owner !== seg.services[k - 1]!.owner);
  // "Ther ex 30 min: quad sets, step-ups, bike 6 min": a time followed by a colon heads a list of
  // what it covers; figures in that list for the same service are parts of it, not more time.
  let listHead: string | undefined;
  for (let f = 0; f < seg.figures.length; f++) {
    const figure = seg.figures[f]!;
    let owner: Service | undefined;
    if (owners.size === 1) {
      // "Massage 12 min, TE 25 min", "…, bike 8 min": a later figure under a label of its own is another
      // activity's time (kept as unread), not more of the one service; "R trap 8 min, L 7 min" is not.
      // ("30 min, corrected to 13 min": a correction is the same service's time restated.)
      owner = f > 0 && !statesCorrection(lx, figure.item.first) && labelledApart(lx, seg, seg.figures[f - 1]!, figure, partWords) ? undefined : seg.services[0];
    } else if (owners.size > 1 && figure.item.rule.startsWith('table:')) {
      // A table row belongs to the service in its first cells (the code column), not to one named later in it.
      owner = seg.services[0];
    } else if (owners.size > 1) {
      if (timeFirst) {
        while (nextService < distinct.length && distinct[nextService]!.first < figure.item.end) nextService++;
        owner = distinct[nextService] ?? distinct[distinct.length - 1];
        nextService++;
      } else {
        // Services named since the last figure replace any left over from before it (those were
        // mentions in passing); with none new, the left-overs pair on ("massage and ther ex, 12 and 25 min").
        const fresh: Service[] = [];
        while (nextService < distinct.length && distinct[nextService]!.end <= figure.item.first) {
          if (!fresh.some((w) => w.owner === distinct[nextService]!.owner)) fresh.push(distinct[nextService]!);
          nextService++;
        }
        if (fresh.length > 0) waiting.splice(0, waiting.length, ...fresh);
        // "adjusted T4-T6 (98940), massage 13 min …, ther ex 12 min": a figure written right after a
        // name is that name's, when a service is named again before the next figure; the names before it
        // were listed without time. (Figures in a row with no name between pair on: "massage, ther ex 12 and 25 min".)
        const right = fresh.length > 1 ? distinct[nextService - 1] : undefined;
        if (right && figure.item.first - right.end <= 2 && nameBeforeNextFigure(distinct, nextService, figure, seg.figures[f + 1])) {
          const at = waiting.findIndex((w) => w.owner === right.owner);
          if (at > 0 && listedApart(lx, waiting[at - 1]!, waiting[at]!)) waiting.splice(0, at);
        }
        owner = waiting.shift() ?? lastOwner ?? distinct[nextService];
        lastOwner = owner;
      }
    } else if (previous && previous.line === seg.line && new Set(previous.services.map((s) => s.owner)).size === 1 && seg.end - seg.first <= 6 && !activityNear(lx, seg, figure.item)) {
      // "Massage to R upper trap. 12 min.": the figure finishes the clause before it.
      owner = previous.services[0];
    } else if (headingService) owner = headingService;
    if (!owner) {
      orphans.push({ seg, figure, ctx: contextAt(figure.start) });
      continue;
    }
    if (owner.code === null) continue; // ambiguous service: its time is read, but gives no code
    if (listHead === owner.owner) continue;
    if (lx.norm[figure.item.end] === ':') listHead = owner.owner;
    const time: ServiceTime & { section: SectionKind } = { code: owner.code, minutes: figure.minutes, start: figure.start, end: figure.end, form: seg.hasUnits && figure.form === 'minutes' ? 'units' : figure.form, section };
    const bound = figure.item.data?.bound as ServiceTime['bound'];
    if (bound) time.bound = bound;
    if (statesCorrection(lx, figure.item.first)) time.corrected = true;
    attached.push(time);
  }
}

/**
 * An entry whose service has its time from a table's minutes column, a clock range or a length heading a list
 * ("| 97110 | bridges 3x1 min, planks | 20 |", "97110 1410-1435 UBE 6 min, rows", "Ther ex 22 min: rows, UBE 5 min"):
 * lengths inside its description are dosing
 * (sets × a length, an activity's own length), not more time. In a table row every other length gives way
 * to the column; beside a range (one service in the clause), a repeated length or one written right after
 * an activity's name does ("Massage 1300-1312, 12 min" restates the range and is left to be compared).
 * Minutes stated as the actual time ("11 min of actual hands-on time") keep replacing the range.
 */
function dropDescriptionDosing(lx: Lexed, seg: Segment, owners: ReadonlySet<string>): void {
  if (seg.figures.length < 2) return;
  const table = seg.figures.some((f) => f.item.rule.startsWith('table:') && f.form === 'minutes');
  const range = seg.figures.some((f) => f.form === 'range');
  // "TE 24 min: bridges, bike 5 min, …": a length before a colon heads the list of what it covers.
  const head = seg.figures.find((f) => f.form === 'minutes' && lx.norm[f.item.end] === ':');
  if (!table && !((range || head) && owners.size === 1)) return;
  const dosing = (f: Figure): boolean => {
    if (f === head || (!range && !table && f.item.first < head!.item.end)) return false;
    if (f.form !== 'minutes' || f.item.rule.startsWith('table:') || f.item.kind !== 'duration') return false;
    if (statesActualTime(lx, f.item.first, f.item.end)) return false;
    if (table || f.item.data?.repeated) return true;
    const before = f.item.first - 1;
    return lx.kind[before] === Kind.Word && !seg.services.some((s) => before >= s.first && before < s.end);
  };
  keepOnly(seg.figures, (f) => !dosing(f));
}

/**
 * Between two figures of a one-service clause, a list break (',' or ';') and then a label with a word
 * that names no body region, stroke or technique (./data/grammar/time.json: same-service-label lists
 * the sides, positions and joiners that may stand there) and is not the service itself.
 */
function labelledApart(lx: Lexed, seg: Segment, before: Figure, figure: Figure, partWords: Uint8Array): boolean {
  let broke = false;
  let foreign = false;
  for (let i = before.item.end; i < figure.item.first; i++) {
    const w = lx.norm[i]!;
    if (w === ',' || w === ';') {
      broke = true;
      continue;
    }
    if (!broke || lx.kind[i] !== Kind.Word || partWords[i] === 1 || TIME_WORDS.sameServiceLabel.has(w)) continue;
    if (seg.services.some((s) => i >= s.first && i < s.end)) return false;
    foreign = true;
  }
  return broke && foreign;
}

/** A service (from distinct[from] on) starts after the figure and before the next one (or there is no next one). */
function nameBeforeNextFigure(distinct: readonly Service[], from: number, figure: Figure, next: Figure | undefined): boolean {
  if (!next) return true;
  for (let k = from; k < distinct.length && distinct[k]!.first < next.item.first; k++) if (distinct[k]!.first >= figure.item.end) return true;
  return false;
}

/**
 * A ',', ';' or ':' between two names: separate items of a list (or a label and its entry: "Treatment
 * after re-exam: gait training 9 min"), not one name inside or beside another.
 */
function listedApart(lx: Lexed, a: Service, b: Service): boolean {
  for (let i = a.end; i < b.first; i++) if (lx.norm[i] === ',' || lx.norm[i] === ';' || lx.norm[i] === ':') return true;
  return false;
}

/**
 * Up to 40 characters either side of a figure, on its own line. The newline search stays inside that
 * window: searching the whole text for the line's ends made a one-line note of many clock ranges
 * quadratic (1 MB took minutes).
 */
function nearWindow(text: string, start: number, end: number): [number, number] {
  const lo = Math.max(0, start - 40);
  const hi = Math.min(text.length, end + 40);
  let from = lo;
  for (let i = start - 1; i >= lo; i--) if (text.charCodeAt(i) === 10) { from = i + 1; break; }
  let to = hi;
  for (let i = end; i < hi; i++) if (text.charCodeAt(i) === 10) { to = i; break; }
  return [from, to];
}

/** Figures with no service: outcomes and tests are not unread time; the rest is. */
function unreadTimes(lx: Lexed, text: string, orphans: readonly Orphan[], totals: TimeFacts['totals']): UnresolvedTime[] {
  const unresolved: UnresolvedTime[] = [];
  for (const { seg, figure, ctx } of orphans) {
    if (activityNear(lx, seg, figure.item)) continue;
    if (ctx.section === 'plan' || ctx.section === 'assessment' || ctx.section === 'objective') continue;
    // A clock range that restates a total beside it ("Session: 45 min (2:00-2:45)") is the total.
    if (Object.values(totals).some((t) => t && t.minutes === figure.minutes && Math.abs(t.end - figure.start) < 4)) continue;
    const near = text.slice(...nearWindow(text, figure.start, figure.end)).trim();
    unresolved.push({ start: figure.start, end: figure.end, minutes: figure.minutes, text: text.slice(figure.start, figure.end), near });
  }
  return unresolved;
}

export function findTimes(
  text: string,
  lx: Lexed,
  parsed: TimeItems,
  mentions: readonly ServiceMention[],
  contextAt: (offset: number) => MentionContext,
  billed: ReadonlySet<string> = new Set(),
  treatedParts: readonly { start: number; end: number }[] = [],
): TimeFacts {
  const services = serviceSpans(lx, mentions, billed);
  const inService = new Uint8Array(lx.count);
  for (const s of services) if (!s.weak) inService.fill(1, s.first, s.end);

  // One reading per stretch of text: totals, ranges, durations, counts; leftmost-longest wins.
  const tables = readTables(lx, parsed.index);
  const minuteLines = linesDeclaringMinutes(lx);
  const entryFigures = parsed.entryFigures.filter((it) => minuteLines.has(lx.line[it.first]!));
  // "97124-12" is minutes only where the label says so; elsewhere the figure is a modifier ("97140-59").
  // The label comes before the code: "97124-59 - 14 min: petrissage" is an entry, its "59" a modifier.
  const parens = parsed.parens.filter((it) => !it.data?.dashed || (minuteLines.get(lx.line[it.first]!) ?? lx.count) < it.first);
  const columns = columnFigures(lx, services, tables.rowLines);
  const chosen = selectLongest([...parsed.totals, ...parsed.ranges, ...parsed.durations, ...tables.minutes, ...parsed.units, ...parsed.counts, ...parens, ...entryFigures, ...parsed.untils, ...columns]);

  // Segments: clauses within lines. Figures and services are placed in the segment they start in.
  const { segments, segmentOf } = clauseSegments(lx, tables.rowLines, tables.unitTokens, inService, services);
  // Each line's first token, indent and bullet, once per text (placing and tying figures both ask).
  const layout = lineLayout(lx);
  const totals = placeFigures(lx, layout, chosen, segments, segmentOf, services, contextAt);
  const afterCode = tokensAfterCodes(lx, services);
  for (const seg of segments) excludeNearMarkers(lx, inService, afterCode, seg);

  // Tie figures to services, segment by segment.
  const attached: (ServiceTime & { section: SectionKind })[] = [];
  const orphans: Orphan[] = [];
  // Tokens that name what a service treats or how (regions, strokes, techniques): a label made of them
  // between two figures keeps both with the clause's service.
  const partWords = new Uint8Array(lx.count);
  for (const m of treatedParts) partWords.fill(1, lexAt(lx, m.start), lexAt(lx, m.end));
  tieFigures(lx, layout, segments, contextAt, attached, orphans, tables.rowLines, partWords);
  actualTimeWins(lx, attached, orphans);
  const unresolved = unreadTimes(lx, text, orphans, totals);
  // A flowsheet row and a narrative sentence about the same service are two statements of its time
  // (compared, like two sections), not two parts of it.
  const placed = attached.map((t) => (tables.rowLines[lx.line[lexAt(lx, t.start)]!] ? { ...t, section: `${t.section} table` } : t));
  return { serviceTimes: attached.map(({ section: _s, ...t }) => t), minutesByCode: groupByCode(placed), totals, unresolved };
}

/** How many tokens may stand between a service and its figure in the next column ("Massage R UT    12"). */
const COLUMN_REACH = 8;
const COLUMN_BETWEEN = new Set(['(', ')', '[', ']', ',', '/', '-', '&', '+']);

/**
 * A grid without a header row: a service, then after a column gap (a tab, two spaces or more, or a dotted
 * leader) a bare number that ends the line or its cell ("Massage\t12", "Aquatic ex 97113 ...... 20",
 * "97124   massage R UT      12"). Read like a bare figure after a code: minutes from 8 up, units below.
 */
function columnFigures(lx: Lexed, services: readonly Service[], rowLines: Uint8Array): Item[] {
  const out: Item[] = [];
  let lastEnd = -1;
  for (const sv of services) {
    if (sv.weak || sv.end <= lastEnd || rowLines[lx.line[sv.first]!]) continue;
    let i = sv.end;
    let leader = 0;
    // A dotted leader of any length is one gap: its dots do not count towards the reach.
    for (let k = 0; i < lx.count && k < COLUMN_REACH; i++) {
      const kind = lx.kind[i];
      if (kind === Kind.Newline || kind === Kind.Num) break;
      if (lx.norm[i] === '.') {
        leader++;
        continue;
      }
      k++;
      if (kind === Kind.Punct && !COLUMN_BETWEEN.has(lx.norm[i]!)) break;
    }
    lastEnd = i;
    if (i >= lx.count || lx.kind[i] !== Kind.Num) continue;
    // A code beside the name ("Massage 97124    12") is the same service: its own figure follows it.
    if (lx.value[i]! >= 97000 && lx.value[i]! <= 98999) continue;
    const gap = leader >= 3 || lx.tabBefore[i] === 1 || lx.spaceBefore[i]! >= 2;
    const next = i + 1;
    const closes = next >= lx.count || lx.kind[next] === Kind.Newline || lx.tabBefore[next] === 1 || lx.spaceBefore[next]! >= 2 || lx.norm[next] === '|';
    const v = lx.value[i]!;
    if (gap && closes && Number.isInteger(v) && v >= 1 && v <= 180 && !lx.norm[i]!.includes('.')) {
      out.push({ kind: 'codefig', first: i, end: i + 1, rule: 'figure: a bare number in the column after a service', value: v, data: { valueFirst: i } });
    }
  }
  return out;
}

/** How far a struck mark or a correction lead may stand from its figure (tokens): a look-around, capped. */
const STRUCK_REACH = 5;
const CORRECTION_REACH = 9;

/**
 * "STM 38 min -- error", "17 min (void)", "charted in error as 40 minutes": a mark on the
 * figure's own line, after it or before it, with only punctuation and linking words (struck-filler)
 * between. "error-free" is no mark, nor is an error named in a clause of its own.
 */
function struckFigure(lx: Lexed, first: number, end: number): boolean {
  const isMark = (i: number) => TIME_WORDS.struckMarker.has(lx.norm[i]!) && lx.norm[i + 1] !== '-';
  const passable = (i: number) => lx.kind[i] === Kind.Punct ? lx.norm[i] !== '.' && lx.norm[i] !== ';' : lx.kind[i] === Kind.Word && TIME_WORDS.struckFiller.has(lx.norm[i]!);
  for (let i = end, k = 0; i < lx.count && k < STRUCK_REACH && lx.kind[i] !== Kind.Newline; i++, k++) {
    if (isMark(i)) return true;
    if (!passable(i)) break;
  }
  for (let i = first - 1, k = 0; i >= 0 && k < STRUCK_REACH && lx.kind[i] !== Kind.Newline; i--, k++) {
    if (isMark(i)) return true;
    if (!passable(i)) break;
  }
  return false;
}

/**
 * "corrected to 12 min", "correct STM time for 3/9 is 11 min": a correction lead before the
 * figure in its clause (same line, no full stop or semicolon between). "correct" counts only with its
 * noun (correction-lead rows), and a few words (a service, a date, "was") may stand between noun and figure.
 */
function statesCorrection(lx: Lexed, first: number): boolean {
  for (let i = first - 1, k = 0; i >= 0 && k < CORRECTION_REACH; i--, k++) {
    if (lx.kind[i] === Kind.Newline || lx.norm[i] === '.' || lx.norm[i] === ';') return false;
    for (const lead of TIME_WORDS.correctionLead) {
      // The lead's last word is at i; "correct … time": up to three words may stand inside a two-word noun lead.
      if (lx.norm[i] !== lead[lead.length - 1]) continue;
      if (lead.length === 1) return true;
      const head = lead[0]!;
      const inside = lead[1] === 'to' || lead[1] === 'read' ? 0 : 3;
      for (let j = i - 1, g = 0; j >= 0 && g <= inside && lx.kind[j] !== Kind.Newline; j--, g++) {
        if (lx.norm[j] === head) return true;
      }
    }
  }
  return false;
}

const ACTUAL_BEFORE = 3;
const ACTUAL_AFTER = 5;
/** "15 min of actual hands-on time", "actual time 15 min", "net 15 min": a figure stated as a service's actual minutes. */
function statesActualTime(lx: Lexed, first: number, end: number): boolean {
  const from = Math.max(0, first - ACTUAL_BEFORE);
  const to = Math.min(lx.count, end + ACTUAL_AFTER);
  for (let i = from; i < to; i++) {
    if (i >= first && i < end) continue;
    if (lx.kind[i] === Kind.Newline) {
      if (i >= end) break;
      continue;
    }
    for (const phrase of TIME_WORDS.actualTime) {
      // "hands-on" is three tokens: hands, '-', on (or two, written "hands on").
      let k = i;
      let ok = true;
      for (let n = 0; n < phrase.length; n++) {
        if (n > 0 && lx.norm[k] === '-') k++;
        if (lx.norm[k] !== phrase[n]) {
          ok = false;
          break;
        }
        k++;
      }
      if (ok) return true;
    }
  }
  return false;
}

/**
 * "1010-1030 effleurage …; 15 min of actual hands-on time (paused 5 min …)": minutes stated as the actual
 * time of a service, on the line of its clock range, replace the range (which only says when it started
 * and ended). The figure may be tied to the range's service or to none (a clause that names no service).
 */
function actualTimeWins(lx: Lexed, attached: (ServiceTime & { section: SectionKind })[], orphans: Orphan[]): void {
  const lineOf = (offset: number) => lx.line[lexAt(lx, offset)]!;
  // attached is in text order: the range, if any, is the nearest earlier entry on the figure's line.
  const rangeBefore = (from: number, start: number, code: string | null): number => {
    const line = lineOf(start);
    for (let k = from; k >= 0; k--) {
      const t = attached[k]!;
      if (t.start >= start) continue;
      if (lineOf(t.start) !== line) return -1;
      return t.form === 'range' && (code === null || t.code === code) ? k : -1;
    }
    return -1;
  };
  /** The last attached entry starting before `start` (binary search). */
  const lastBefore = (start: number): number => lowerBound(attached.length, (i) => attached[i]!.start < start) - 1;
  const usedOrphans = new Set<Orphan>();
  for (const orphan of orphans) {
    const { figure } = orphan;
    if (figure.form !== 'minutes' || !statesActualTime(lx, figure.item.first, figure.item.end)) continue;
    const k = rangeBefore(lastBefore(figure.start), figure.start, null);
    if (k < 0) continue;
    attached[k] = { ...attached[k]!, minutes: figure.minutes, start: figure.start, end: figure.end, form: 'minutes' };
    const bound = figure.item.data?.bound as ServiceTime['bound'];
    if (bound) attached[k]!.bound = bound;
    usedOrphans.add(orphan);
  }
  const replaced = new Set<number>();
  for (let a = 0; a < attached.length; a++) {
    const t = attached[a]!;
    if (t.form !== 'minutes') continue;
    const first = lexAt(lx, t.start);
    let end = first + 1;
    while (end < lx.count && lx.start[end]! < t.end) end++;
    if (!statesActualTime(lx, first, end)) continue;
    const k = rangeBefore(a - 1, t.start, t.code);
    if (k < 0 || replaced.has(k)) continue;
    attached[k] = { ...attached[k]!, minutes: t.minutes, start: t.start, end: t.end, form: 'minutes' };
    if (t.bound) attached[k]!.bound = t.bound;
    replaced.add(a);
  }
  // (Filtered in place without spreading: a hostile note can hold more entries than a call takes arguments.)
  if (usedOrphans.size > 0) keepOnly(orphans, (o) => !usedOrphans.has(o));
  if (replaced.size > 0) keepOnly(attached, (_, k) => !replaced.has(k));
}

function keepOnly<T>(list: T[], keep: (item: T, index: number) => boolean): void {
  let n = 0;
  for (let k = 0; k < list.length; k++) if (keep(list[k]!, k)) list[n++] = list[k]!;
  list.length = n;
}

/** Words that name minutes in a label ("Tx (min):", "Minutes:"). */
const MINUTE_WORDS = new Set(['min', 'mins', 'minutes', 'minute']);

/**
 * Lines whose label declares that their figures are minutes: the words before the line's first colon
 * (at most 6) end in a minutes word, or hold one in brackets ("Tx (min): …", "Treatment minutes: …").
 * Each such line maps to its label's colon token.
 */
function linesDeclaringMinutes(lx: Lexed): Map<number, number> {
  const out = new Map<number, number>();
  let lineFirst = 0;
  for (let i = 0; i <= lx.count; i++) {
    if (i < lx.count && lx.kind[i] !== Kind.Newline) continue;
    for (let k = lineFirst; k < Math.min(i, lineFirst + 8); k++) {
      if (lx.norm[k] !== ':') continue;
      const before = lx.norm[k - 1] === ')' ? k - 2 : k - 1;
      if (k > lineFirst && MINUTE_WORDS.has(lx.norm[before] ?? '') && (before === k - 1 || lx.norm[before - 1] === '(')) out.set(lx.line[lineFirst]!, k);
      break;
    }
    lineFirst = i + 1;
  }
  return out;
}

interface LineLayout {
  first: number;
  end: number;
  indent: number;
  bulleted: boolean;
  endsWithColon: boolean;
}

const BULLETS = new Set(['-', '*', '•', '▪', '◦', '·', '>', '+', '‣', '–']);

/** Per line: its tokens, indentation, whether it starts with a bullet or number, whether it ends in a colon. */
function lineLayout(lx: Lexed): LineLayout[] {
  const out: LineLayout[] = [];
  let first = 0;
  const push = (end: number) => {
    const head = lx.norm[first];
    const numbered = lx.kind[first] === Kind.Num && (lx.norm[first + 1] === '.' || lx.norm[first + 1] === ')') && lx.value[first]! < 50;
    out.push({
      first,
      end,
      indent: end > first ? lx.spaceBefore[first]! : 0,
      bulleted: end > first && (BULLETS.has(head ?? '') || numbered),
      endsWithColon: end > first && lx.norm[end - 1] === ':',
    });
  };
  for (let i = 0; i < lx.count; i++) {
    if (lx.kind[i] === Kind.Newline) {
      push(i);
      first = i + 1;
    }
  }
  push(lx.count);
  return out;
}

/**
 * One figure per code. Within a section, separate entries add up ("cervical 10 min … lumbar 10 min");
 * the same figure repeated in another section (a billing summary) is the same time, and different
 * figures across sections are kept as a conflict for the time-totals rule.
 */
function groupByCode(times: (ServiceTime & { section: string })[]): Record<string, CodeMinutes> {
  const byCode = new Map<string, Map<string, { sum: number; evidence: ServiceTime[] }>>();
  for (const t of times) {
    let sections = byCode.get(t.code);
    if (!sections) byCode.set(t.code, (sections = new Map()));
    const group = sections.get(t.section) ?? { sum: 0, evidence: [] };
    // A clock range followed by its own minutes ("8:05-8:20 (15 min)") is one statement, not two; so is
    // the same figure written another way in the same section (a table row and a clock range).
    // A summary that restates the sum so far in another form ("Timed: 97124 16 min" after two clock
    // rows of 9 and 7 minutes) is the same time too.
    const prev = group.evidence[group.evidence.length - 1];
    const sameStatement =
      (prev && t.start - prev.end < 12 && prev.minutes === t.minutes) ||
      group.evidence.some((e) => e.minutes === t.minutes && e.form !== t.form) ||
      (group.evidence.length > 1 && group.sum === t.minutes && group.evidence.some((e) => e.form !== t.form));
    if (!sameStatement) group.sum += t.minutes;
    const kept: ServiceTime = { code: t.code, minutes: t.minutes, start: t.start, end: t.end, form: t.form };
    if (t.bound) kept.bound = t.bound;
    if (t.corrected) kept.corrected = true;
    group.evidence.push(kept);
    sections.set(t.section, group);
  }
  const out: Record<string, CodeMinutes> = {};
  for (const [code, sections] of byCode) {
    const groups = [...sections.entries()];
    // A correction (a late entry's addendum, "corrected to 12 min") replaces every other figure for the code.
    const corrections = groups.flatMap(([, g]) => g.evidence.filter((e) => e.corrected));
    if (corrections.length > 0) {
      out[code] = { code, minutes: corrections.reduce((sum, e) => sum + e.minutes, 0), evidence: corrections, conflicting: [] };
      continue;
    }
    // The treatment section is the record of what was done; otherwise the first section wins.
    const chosen = groups.find(([s]) => s === 'treatment') ?? groups[0]!;
    const conflicting = [...new Set(groups.map(([, g]) => g.sum).filter((m) => m !== chosen[1].sum))];
    out[code] = { code, minutes: chosen[1].sum, evidence: groups.flatMap(([, g]) => g.evidence), conflicting };
  }
  return out;
}
