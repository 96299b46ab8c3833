// The Reading: what the engine read from a visit, so a biller can see why a finding fired (or did
// not). It is built from the Chart (the note analysed once) and the VisitFacts (claim and note
// reconciled), and is plain JSON: every item says in one line what was read, where it came from
// (the claim, the note or a sum) and the note text it was read from, as evidence spans mapped to
// note parts exactly like findings' evidence.
//
// Adding a fact to the Reading is one small addition here: a section type in `Reading`, a builder
// below, and its entry in `buildReading`. Renderers (the command line's `check --explain`) walk the
// sections in order and need no change, because every section has a title and every item a `says`.
import type { Chart, Mention, MentionContext, Span } from './chart/types';
import { isTimed } from './codes';
import type { Figure, Source, VisitFacts } from './facts';
import type { Evidence, UnitMethod } from './base-types';

/** Items kept per section: a hostile 1 MB note must not produce a 1 MB explanation. */
export const MAX_READING_ITEMS = 100;

export interface ReadItem {
  /** What was read, in one line a biller can follow. */
  says: string;
  /** Where the figure came from: a structured claim field, the note, or a sum of other figures. */
  from?: Source;
  /** The note text it was read from (none for claim fields and sums). */
  evidence: Evidence[];
}

export interface ReadingSection<T extends ReadItem = ReadItem> {
  title: string;
  /** One line about the section as a whole (the unit method, the discipline…), when there is one. */
  summary?: string;
  /** What to say when nothing was read. */
  none: string;
  items: T[];
  /** Items left out beyond MAX_READING_ITEMS. */
  omitted?: number;
}

/** How a statement is qualified where it stands in the note. */
export type ContextFlag = 'negated' | 'hypothetical' | 'historical' | 'home' | 'role' | 'quoted';

export interface TimeItem extends ReadItem {
  code: string;
  /** null: the code is on the claim and no minutes were found for it. */
  minutes: number | null;
  /** How the note wrote the minutes: explicit minutes, a clock range, or units with minutes. */
  forms: ('minutes' | 'range' | 'units')[];
  /** Other values the note gives for the same code, when they disagree. */
  conflicting: number[];
}

export interface TotalItem extends ReadItem {
  total: 'timed' | 'treatment';
  minutes: number | null;
}

export interface UnitItem extends ReadItem {
  code: string;
  timed: boolean;
  minutes: number | null;
  expected: number | null;
  billed: number | null;
}

export interface MeasureItem extends ReadItem {
  kind: string;
  text: string;
  value?: number;
  instrument?: string;
  phase?: 'pre' | 'post';
  change?: { from: number; to: number };
  section: string;
  context: ContextFlag[];
}

export interface WordItem extends ReadItem {
  /** Vocabulary (src/engine/data/lexicons/<lexicon>.json) and the entry that matched. */
  lexicon: string;
  entry: string;
  text: string;
  section: string;
  context: ContextFlag[];
}

export interface UnreadTimeItem extends ReadItem {
  minutes: number;
  text: string;
}

export interface ChangeItem extends ReadItem {
  kind: string;
  attribute?: string;
  before?: number;
  after?: number;
  since: 'session' | 'earlier';
  direction: 'better' | 'worse' | 'same' | 'changed';
  /** The grammar row that read it. */
  how: string;
  context: ContextFlag[];
}

export interface GoalItem extends ReadItem {
  kind: 'functional' | 'impairment' | 'comfort' | 'measure';
  source: 'goal' | 'purpose' | 'limitation';
  text: string;
  context: ContextFlag[];
}

export interface CredentialItem extends ReadItem {
  credential: string;
  /** claim: the structured provider; signature: "J. Smith, PTA"; involvement: "co-treated with PTA". */
  kind: 'claim' | 'signature' | 'involvement';
}

export interface EpisodeItem extends ReadItem {
  fact: 'visitNumber' | 'dateOfService' | 'onsetDate' | 'planOfCareStart';
  value: number | string | null;
}

export interface NoteLineItem extends ReadItem {
  code: string;
  modifiers: string[];
  units?: number;
  minutes?: number;
}

export interface Reading {
  times: ReadingSection<TimeItem>;
  /** Time-like text read but tied to no service: why a code may look as if it had no minutes. */
  unread: ReadingSection<UnreadTimeItem>;
  totals: ReadingSection<TotalItem>;
  units: ReadingSection<UnitItem> & { method: UnitMethod; totalTimedMinutes: number | null; expectedTimedUnits: number | null };
  measures: ReadingSection<MeasureItem>;
  /** Changes of measures: pre/post pairs, changes since an earlier visit, documented lack of change. */
  changes: ReadingSection<ChangeItem>;
  /** Goals and limitations, each classified (functional, impairment, comfort, measure). */
  goalStatements: ReadingSection<GoalItem>;
  goals: ReadingSection<WordItem>;
  signatures: ReadingSection<CredentialItem>;
  episode: ReadingSection<EpisodeItem>;
  noteLines: ReadingSection<NoteLineItem>;
  wording: ReadingSection<WordItem>;
}

/** Maps a global chart span to evidence in note-part offsets (check.ts passes its toEvidence). */
export type EvidenceOf = (span: Span) => Evidence;

interface Input {
  chart: Chart;
  facts: VisitFacts;
  evidenceOf: EvidenceOf;
}

const FROM: Record<Source, string> = { claim: 'from the claim', note: 'from the note', sum: 'sum of the per-code minutes' };
const FORM: Record<TimeItem['forms'][number], string> = { minutes: 'minutes', range: 'clock range', units: 'minutes with units' };
const METHOD: Record<UnitMethod, string> = { cms: 'CMS total time (8-minute rule)', 'per-code': 'per code (substantial portion)' };

const minutesText = (n: number): string => `${n} min`;

function section<T extends ReadItem>(title: string, none: string, items: T[], summary?: string): ReadingSection<T> {
  const out: ReadingSection<T> = { title, none, items: items.slice(0, MAX_READING_ITEMS) };
  if (summary !== undefined) out.summary = summary;
  if (items.length > MAX_READING_ITEMS) out.omitted = items.length - MAX_READING_ITEMS;
  return out;
}

function contextFlags(c: MentionContext): ContextFlag[] {
  const flags: ContextFlag[] = [];
  if (c.negated) flags.push('negated');
  if (c.hypothetical) flags.push('hypothetical');
  if (c.historical) flags.push('historical');
  if (c.home) flags.push('home');
  if (c.role) flags.push('role');
  if (c.quoted) flags.push('quoted');
  return flags;
}

/** " (negated, in goals)": how the statement is qualified, when it is. */
function qualifiers(flags: ContextFlag[], sectionKind: string): string {
  const words: string[] = [...flags];
  if (sectionKind !== 'other') words.push(`in ${sectionKind}`);
  return words.length === 0 ? '' : ` (${words.join(', ')})`;
}

function figureEvidence(figure: Figure<unknown> | undefined, evidenceOf: EvidenceOf): Evidence[] {
  return figure?.span ? [evidenceOf(figure.span)] : [];
}

/** Minutes per code: what the claim says, else what the note documents, with every place the note gives them. */
function readTimes({ facts, evidenceOf }: Input): ReadingSection<TimeItem> {
  const items: TimeItem[] = [];
  const seen = new Set<string>();
  const add = (code: string, minutes: number | null, from: Source | undefined): void => {
    if (seen.has(code)) return;
    seen.add(code);
    const documented = facts.noteMinutes[code];
    const forms = [...new Set((documented?.evidence ?? []).map((t) => t.form))];
    const conflicting = documented?.conflicting ?? [];
    let says = minutes === null ? `${code}: no minutes found` : `${code}: ${minutesText(minutes)} ${from ? FROM[from] : ''}`.trimEnd();
    if (from === 'note' && forms.length > 0) says += ` (${forms.map((f) => FORM[f]).join(', ')})`;
    if (from === 'claim' && documented && documented.minutes !== minutes) says += `; the note gives ${minutesText(documented.minutes)}`;
    if (conflicting.length > 0) says += `; the note also gives ${conflicting.map(minutesText).join(', ')}`;
    const item: TimeItem = { says, code, minutes, forms, conflicting, evidence: (documented?.evidence ?? []).map(evidenceOf) };
    if (from !== undefined) item.from = from;
    items.push(item);
  };
  for (const line of facts.lines) {
    if (line.minutes !== undefined) add(line.code, line.minutes, line.minutesSource);
    else if (isTimed(line.code)) add(line.code, null, undefined);
  }
  // Codes only the note documents still share a CMS total (facts.ts), so they are shown too.
  for (const documented of Object.values(facts.noteMinutes)) add(documented.code, documented.minutes, 'note');
  return section('Minutes per code', 'No minutes were tied to any code.', items);
}

function readUnread({ chart, evidenceOf }: Input): ReadingSection<UnreadTimeItem> {
  const items = chart.unresolvedTimes.map(
    (u): UnreadTimeItem => ({ says: `"${u.text}" near "${u.near}": time, but no service is named beside it`, minutes: u.minutes, text: u.text, from: 'note', evidence: [evidenceOf(u)] }),
  );
  return section('Time not tied to a code', 'Every treatment time read was tied to a service.', items);
}

const SINCE: Record<ChangeItem['since'], string> = { session: 'within the session', earlier: 'since an earlier visit' };

function readChanges({ chart, evidenceOf }: Input): ReadingSection<ChangeItem> {
  const items = chart.changes.map((c): ChangeItem => {
    const context = contextFlags(c);
    const what = `${c.kind}${c.attribute && c.attribute !== c.kind ? ` (${c.attribute})` : ''}`;
    const values = c.from !== undefined && c.to !== undefined ? ` ${c.from} → ${c.to}` : c.to !== undefined ? ` to ${c.to}` : '';
    const says = `${what}${values}: ${c.direction === 'same' ? 'no change' : c.direction}, ${SINCE[c.since]}${qualifiers(context, c.section)}`;
    const item: ChangeItem = { says, kind: c.kind, since: c.since, direction: c.direction, how: c.how, context, from: 'note', evidence: [evidenceOf(c)] };
    if (c.attribute !== undefined) item.attribute = c.attribute;
    if (c.from !== undefined) item.before = c.from;
    if (c.to !== undefined) item.after = c.to;
    return item;
  });
  return section('Changes in measures', 'No change (or lack of change) of any measure was read.', items);
}

const GOAL_KIND: Record<GoalItem['kind'], string> = {
  functional: 'names an activity',
  impairment: 'names only an impairment',
  comfort: 'names comfort',
  measure: 'is an outcome-measure target',
};
const GOAL_SOURCE: Record<GoalItem['source'], string> = { goal: 'goal', purpose: 'stated purpose', limitation: 'limitation' };

function readGoalStatements({ chart, evidenceOf }: Input): ReadingSection<GoalItem> {
  const items = chart.goals.map((g): GoalItem => {
    const context = contextFlags(g);
    return { says: `${GOAL_SOURCE[g.source]} "${g.text}" ${GOAL_KIND[g.kind]}${qualifiers(context, g.section)}`, kind: g.kind, source: g.source, text: g.text, context, from: 'note', evidence: [evidenceOf(g)] };
  });
  return section('Goals and limitations', 'No goal or limitation was read.', items);
}

function readTotals({ chart, facts, evidenceOf }: Input): ReadingSection<TotalItem> {
  const total = (kind: TotalItem['total'], label: string, figure: Figure<number> | undefined, read: Span & { minutes: number } | undefined): TotalItem => {
    if (!figure) return { total: kind, says: `${label}: not documented`, minutes: null, evidence: [] };
    let says = `${label}: ${minutesText(figure.value)} ${FROM[figure.source]}`;
    const evidence = figureEvidence(figure, evidenceOf);
    // The claim's figure wins; a different figure in the note is still worth seeing.
    if (figure.source !== 'note' && read && read.minutes !== figure.value) {
      says += `; the note says ${minutesText(read.minutes)}`;
      evidence.push(evidenceOf(read));
    }
    return { total: kind, says, minutes: figure.value, from: figure.source, evidence };
  };
  return section('Totals', 'No totals.', [
    total('timed', 'Total timed minutes', facts.totalTimedMinutes, chart.totals.timed),
    total('treatment', 'Total treatment minutes', facts.totalTreatmentMinutes, chart.totals.treatment),
  ]);
}

function readUnits({ facts }: Input): Reading['units'] {
  const u = facts.units;
  const codes = [...new Set([...u.timedOrder, ...Object.keys(u.expected), ...Object.keys(u.billed)])];
  const items: UnitItem[] = codes.map((code) => {
    const timed = isTimed(code);
    const minutes = u.minutesByCode[code] ?? null;
    const expected = u.expected[code] ?? null;
    const billed = u.billed[code] ?? null;
    const parts = [
      timed ? (minutes === null ? 'minutes unknown' : minutesText(minutes)) : 'untimed',
      expected === null ? 'expected units unknown' : `${expected} expected`,
      billed === null ? 'not billed' : `${billed} billed`,
    ];
    return { says: `${code}: ${parts.join(', ')}`, code, timed, minutes, expected, billed, evidence: [] };
  });
  const total = u.totalTimedMinutes === null ? 'timed minutes unknown' : `${minutesText(u.totalTimedMinutes)} timed`;
  const timedUnits = u.expectedTimedUnits === null ? '' : `, ${u.expectedTimedUnits} timed unit${u.expectedTimedUnits === 1 ? '' : 's'} supported`;
  return {
    ...section('Units', 'No billed or documented codes.', items, `${METHOD[u.method]}: ${total}${timedUnits}`),
    method: u.method,
    totalTimedMinutes: u.totalTimedMinutes,
    expectedTimedUnits: u.expectedTimedUnits,
  };
}

function readMeasures({ chart, evidenceOf }: Input): ReadingSection<MeasureItem> {
  const items = chart.measurements.map((m): MeasureItem => {
    const context = contextFlags(m);
    let says = `${m.kind}${m.instrument ? ` ${m.instrument}` : ''} "${m.text}"`;
    if (m.phase) says += `, ${m.phase}-treatment`;
    if (m.change) says += `, changed from ${m.change.from} to ${m.change.to}`;
    says += qualifiers(context, m.section);
    const item: MeasureItem = { says, kind: m.kind, text: m.text, section: m.section, context, from: 'note', evidence: [evidenceOf(m)] };
    if (m.value !== undefined) item.value = m.value;
    if (m.instrument !== undefined) item.instrument = m.instrument;
    if (m.phase !== undefined) item.phase = m.phase;
    if (m.change !== undefined) item.change = m.change;
    return item;
  });
  return section('Measures', 'No measures (ROM, pain, strength, girth, outcome scores) were read.', items);
}

/** Entries of a lexicon that mean something other than its name says ("unchanged" is in the response lexicon as its opposite). */
const ENTRY_LABELS: Readonly<Record<string, string>> = { 'response/no-change': 'documented lack of change' };

function wordItems(chart: Chart, evidenceOf: EvidenceOf, lexicons: Record<string, string>): WordItem[] {
  const mentions: Mention[] = Object.keys(lexicons).flatMap((id) => chart.mentions[id] ?? []);
  mentions.sort((a, b) => a.start - b.start);
  return mentions.map((m) => {
    const context = contextFlags(m);
    return {
      says: `${ENTRY_LABELS[`${m.lexicon}/${m.entry}`] ?? lexicons[m.lexicon]}: "${m.text}"${qualifiers(context, m.section)}`,
      lexicon: m.lexicon,
      entry: m.entry,
      text: m.text,
      section: m.section,
      context,
      from: 'note',
      evidence: [evidenceOf(m)],
    };
  });
}

/** Goal wording and the functional activities a limitation or goal names. */
export const GOAL_LEXICONS: Readonly<Record<string, string>> = {
  'goal-language': 'goal',
  functional: 'functional activity',
};

function readGoals({ chart, evidenceOf }: Input): ReadingSection<WordItem> {
  return section('Goals and function', 'No goal wording and no functional activity were read.', wordItems(chart, evidenceOf, GOAL_LEXICONS));
}

function readSignatures({ chart, facts, evidenceOf }: Input): ReadingSection<CredentialItem> {
  const items: CredentialItem[] = [];
  for (const figure of facts.providerCredentials) {
    if (figure.source === 'claim') items.push({ says: `${figure.value}: the claim's provider`, credential: figure.value, kind: 'claim', from: 'claim', evidence: [] });
  }
  for (const c of chart.credentials) {
    const says = c.kind === 'signature' ? `${c.credential}: signed "${c.text}"` : `${c.credential}: named as taking part ("${c.text}")`;
    items.push({ says, credential: c.credential, kind: c.kind, from: 'note', evidence: [evidenceOf(c)] });
  }
  const assistants = [...new Set(facts.assistants.map((a) => a.value))];
  const summary = [
    facts.discipline ? `Discipline: ${facts.discipline}` : 'Discipline: not shown by any credential',
    assistants.length > 0 ? `assistant named: ${assistants.join(', ')}` : 'no assistant named',
  ].join('; ');
  return section('Credentials and signatures', 'No credentials on the claim and no signature in the note.', items, summary);
}

const EPISODE_FACTS: readonly [EpisodeItem['fact'], string][] = [
  ['visitNumber', 'Visit number'],
  ['dateOfService', 'Date of service'],
  ['onsetDate', 'Onset date'],
  ['planOfCareStart', 'Plan of care start'],
];

function readEpisode({ facts, evidenceOf }: Input): ReadingSection<EpisodeItem> {
  const items = EPISODE_FACTS.map(([fact, label]): EpisodeItem => {
    const figure: Figure<number | string> | undefined = facts.episode[fact];
    if (!figure) return { says: `${label}: not documented`, fact, value: null, evidence: [] };
    return { says: `${label}: ${figure.value} ${FROM[figure.source]}`, fact, value: figure.value, from: figure.source, evidence: figureEvidence(figure, evidenceOf) };
  });
  return section('Episode', 'No episode facts.', items);
}

function readNoteLines({ chart, facts, evidenceOf }: Input): ReadingSection<NoteLineItem> {
  const items = chart.noteLines.map((l): NoteLineItem => {
    const parts = [l.modifiers.length > 0 ? `${l.code}-${l.modifiers.join('-')}` : l.code];
    if (l.units !== undefined) parts.push(`${l.units} unit${l.units === 1 ? '' : 's'}`);
    if (l.minutes !== undefined) parts.push(minutesText(l.minutes));
    const item: NoteLineItem = { says: parts.join(', '), code: l.code, modifiers: l.modifiers, from: 'note', evidence: [evidenceOf(l)] };
    if (l.units !== undefined) item.units = l.units;
    if (l.minutes !== undefined) item.minutes = l.minutes;
    return item;
  });
  const summary = facts.linesFromNote ? 'The visit has no claim lines: these are checked as the claim.' : undefined;
  return section('Claim lines written in the note', 'No claim lines written in the note.', items, summary);
}

/**
 * Vocabulary the rules weigh, with a short name each. Context triggers (negation, history, phase
 * words…) are not listed: they show up as the qualifiers of what they qualify. A test checks that
 * every lexicon is either listed here, in GOAL_LEXICONS, or in CONTEXT_LEXICONS.
 */
export const WORDING_LEXICONS: Readonly<Record<string, string>> = {
  comfort: 'comfort wording',
  maintenance: 'maintenance wording',
  'skilled-need': 'skilled need',
  'objective-findings': 'objective finding',
  response: 'response to treatment',
  'tolerance-only': 'tolerance only',
  'massage-service': 'massage',
  'massage-technique': 'massage technique',
  'body-region': 'body region',
  'region-reference': 'region by reference (same area, as above)',
  'session-reference': "today's session named (its stated purpose counts as the session's)",
  'manual-therapy': 'manual therapy (97140) work',
  'active-therapy': 'active therapy',
  'distinct-service': 'distinct service (59/X)',
  'plan-of-care': 'plan of care',
};

/** Lexicons that qualify other words or feed other sections, so they are not listed as wording. */
export const CONTEXT_LEXICONS: readonly string[] = [
  'negation-pre',
  'negation-post',
  'scope-terminator',
  'hypothetical',
  'hypothetical-post',
  'historical',
  'historical-post',
  'home',
  'role-pre', // mark words as an occupation or workplace
  'role-post',
  'reported-speech', // marks the patient's own words and wishes
  'phase', // shown as a measure's pre/post
  'outcome-measures', // shown as measures
  'assistant', // shown as credentials
  'non-therapy-provider', // shown as credentials
  'service', // shown as minutes per code
  'service-ambiguous',
];

function readWording({ chart, evidenceOf }: Input): ReadingSection<WordItem> {
  return section('Wording the rules weigh', 'None of the vocabulary the rules weigh was found.', wordItems(chart, evidenceOf, WORDING_LEXICONS));
}

/** What the engine read from one visit. Pure: same chart and facts, same reading. */
export function buildReading(chart: Chart, facts: VisitFacts, evidenceOf: EvidenceOf): Reading {
  const input: Input = { chart, facts, evidenceOf };
  return {
    times: readTimes(input),
    unread: readUnread(input),
    totals: readTotals(input),
    units: readUnits(input),
    measures: readMeasures(input),
    changes: readChanges(input),
    goalStatements: readGoalStatements(input),
    goals: readGoals(input),
    signatures: readSignatures(input),
    episode: readEpisode(input),
    noteLines: readNoteLines(input),
    wording: readWording(input),
  };
}

/** The sections in display order, for renderers that show every section the same way. */
export function readingSections(reading: Reading): ReadingSection[] {
  return Object.values(reading) as ReadingSection[];
}

/** Which parts of the reading explain each rule's findings (what the popup shows in an expanded row). */
export const RULE_READING: Readonly<Record<string, readonly (keyof Reading)[]>> = {
  'comfort-wording': ['wording'],
  'maintenance-language': ['wording', 'changes'],
  'objective-findings': ['measures', 'wording'],
  'functional-goal': ['goalStatements', 'goals'],
  'treatment-response': ['changes', 'measures'],
  'technique-and-region': ['wording'],
  'code-selection': ['wording'],
  'minutes-missing': ['times', 'unread', 'totals'],
  'units-minutes': ['times', 'totals', 'units'],
  'time-totals': ['times', 'totals'],
  'ptp-modifier': ['noteLines'],
  'modifier-59-support': ['times', 'wording'],
  'discipline-modifier': ['signatures'],
  'assistant-modifier': ['signatures'],
  'standalone-massage': ['times', 'noteLines'],
  'provider-eligibility': ['signatures'],
  'plan-of-care': ['episode'],
  'episode-duration': ['episode', 'changes'],
  'massage-units': ['units'],
  'diagnosis-link': [],
};

export interface FindingExplanation {
  title: string;
  lines: string[];
}

/** Lines per section in a per-rule explanation: enough to see why, short enough for a popup row. */
const EXPLAIN_LINES = 6;
const EXPLAIN_LINE_CHARS = 300;
const clip = (line: string): string => (line.length <= EXPLAIN_LINE_CHARS ? line : `${line.slice(0, EXPLAIN_LINE_CHARS - 1)}…`);

/**
 * What the engine read that bears on each rule: the sections RULE_READING names, as short lines.
 * Wording sections keep only the vocabulary the rule itself weighs (comfort for comfort-wording…).
 */
export function explainRules(reading: Reading, ruleIds: Iterable<string>): Record<string, FindingExplanation[]> {
  const out: Record<string, FindingExplanation[]> = {};
  for (const ruleId of new Set(ruleIds)) {
    const parts: FindingExplanation[] = [];
    for (const key of RULE_READING[ruleId] ?? []) {
      const part = reading[key] as ReadingSection;
      let items = part.items;
      if (key === 'wording') {
        const lexicons = WORDING_FOR_RULE[ruleId];
        if (lexicons) items = items.filter((item) => lexicons.includes((item as WordItem).lexicon));
      }
      const lines = items.length === 0 ? [part.none] : items.slice(0, EXPLAIN_LINES).map((item) => clip(item.says));
      if (items.length > EXPLAIN_LINES) lines.push(`… and ${items.length - EXPLAIN_LINES} more`);
      parts.push({ title: part.summary ? `${part.title}: ${part.summary}` : part.title, lines });
    }
    if (parts.length > 0) out[ruleId] = parts;
  }
  return out;
}

const WORDING_FOR_RULE: Readonly<Record<string, readonly string[]>> = {
  'comfort-wording': ['comfort', 'session-reference'],
  'maintenance-language': ['maintenance', 'skilled-need'],
  'objective-findings': ['objective-findings'],
  'technique-and-region': ['massage-technique', 'body-region', 'region-reference', 'massage-service'],
  'code-selection': ['massage-technique', 'manual-therapy'],
  'modifier-59-support': ['distinct-service', 'body-region'],
};
