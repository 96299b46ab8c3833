// Objective measures and their changes, read with the measure grammar (measure-grammar.ts).
// Each value gets what it measures (the attribute and side written before it), its phase (pre/post
// treatment: a phase word, or the work it followed named after it) and any change the note states.
// Then pre/post pairs are made: a value after treatment ("Post: rotation L 60°") against the same
// measure taken earlier in the note ("rotation L 50°").
import phaseLexicon from '../data/lexicons/phase.json';
import { type Item, selectLongest } from './grammar';
import { Kind, type Lexed, lexAt } from './lex';
import { ATTRIBUTE_BETTER_WHEN, ATTRIBUTES, MEASURE_KINDS, parseMeasures, SIDES, SPEED_PARTS, TIME_UNITS } from './measure-grammar';
import type { MeasureChange, Measurement, MeasurementKind, Mention, MentionContext } from './types';
import type { ItemIndex } from './grammar';
import { gridRows } from './measure-grid';
import { lowerBound } from '../search';

export interface MeasureFacts {
  measurements: Measurement[];
  changes: MeasureChange[];
}

/** How far back (tokens, same clause) the attribute and side of a value are looked for. */
const ATTRIBUTE_REACH = 6;
const CLAUSE_STOP = new Set([';', '.', ':', ',', '(', ')']);

function attributeOf(lx: Lexed, first: number): { attribute?: string; side?: 'L' | 'R' | 'B' } {
  let attribute: string | undefined;
  let side: 'L' | 'R' | 'B' | undefined;
  for (let i = first - 1, k = 0; i >= 0 && k < ATTRIBUTE_REACH; i--, k++) {
    const t = lx.norm[i]!;
    if (lx.kind[i] === Kind.Newline || CLAUSE_STOP.has(t)) break;
    // "L5" is a vertebra, "L 58 lb" a side: a side letter stands apart from what follows it.
    if (!side && SIDES.has(t) && (lx.kind[i + 1] !== Kind.Num || lx.spaceBefore[i + 1]! > 0)) {
      side = t.startsWith('l') ? 'L' : t.startsWith('r') ? 'R' : 'B';
      if (t === 'l' && lx.norm[i - 1] === '/' && lx.norm[i - 2] === 'b') side = 'B';
    }
    // "pain-free abduction 120°", "abduction pain free to 140°": "<word>-free" qualifies the motion, it is not what is measured.
    const qualifier = lx.norm[i + 1] === 'free' || (lx.norm[i + 1] === '-' && lx.norm[i + 2] === 'free');
    if (!attribute && ATTRIBUTES.has(t) && !qualifier) attribute = normaliseAttribute(t);
    if (attribute && side) break;
  }
  return { attribute, side };
}

const ATTRIBUTE_ALIASES: Record<string, string> = { rot: 'rotation', flex: 'flexion', ext: 'extension', abd: 'abduction', add: 'adduction', figure: 'figure-8', 'side-bend': 'sidebend', sb: 'sidebend', nprs: 'pain', vas: 'pain' };
const normaliseAttribute = (w: string): string => ATTRIBUTE_ALIASES[w] ?? w;

function betterWhen(kind: MeasurementKind, attribute: string | undefined, instrument: string | undefined): string {
  return ATTRIBUTE_BETTER_WHEN[instrument ?? ''] ?? ATTRIBUTE_BETTER_WHEN[attribute ?? ''] ?? MEASURE_KINDS.get(kind)?.betterWhen ?? 'either';
}

function directionOf(kind: MeasurementKind, attribute: string | undefined, instrument: string | undefined, from: number | undefined, to: number | undefined, said?: string): MeasureChange['direction'] {
  if (said === 'same') return 'same';
  const better = betterWhen(kind, attribute, instrument);
  if (said === 'better') return 'better';
  if (said === 'up' || said === 'down') {
    if (better === 'either') return 'changed';
    return (said === 'up') === (better === 'higher') ? 'better' : 'worse';
  }
  if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to)) return 'changed';
  if (from === to) return 'same';
  if (better === 'either') return 'changed';
  return (to > from) === (better === 'higher') ? 'better' : 'worse';
}

/** A performance test by the name it is written with ("TUG", "6MWT"), when that name says which way is better. */
function writtenTest(m: Mention): string | undefined {
  const name = m.text.toLowerCase().replace(/[\s-]+/g, '');
  return m.entry === 'performance' && ATTRIBUTE_BETTER_WHEN[name] ? name : undefined;
}

/** Outcome scores: an instrument from the outcome-measures lexicon, then its number ("ODI 42%", "NDI: 38"). */
function outcomeItems(lx: Lexed, outcomeMentions: readonly Mention[]): Item[] {
  const outcomes: Item[] = [];
  for (const m of outcomeMentions) {
    const first = lexAt(lx, m.start);
    let i = lexAt(lx, m.end);
    // Up to 3 tokens of any kind ("NDI: 38"), or up to 6 words naming the activity a patient-specific
    // scale rates ("PSFS standing at front desk 5/10").
    let words = 0;
    for (let k = 0; k < 7 && i < lx.count && lx.kind[i] !== Kind.Num && lx.kind[i] !== Kind.Newline && lx.norm[i] !== ';'; k++, i++) if (lx.kind[i] === Kind.Word) words++;
    const gap = i - lexAt(lx, m.end);
    if (i >= lx.count || lx.kind[i] !== Kind.Num || (gap > 3 && words < gap)) continue;
    let end = i + 1;
    // "10MWT 0.9 m/s", "gait speed 2.4 ft/s": the score's unit is a speed, better when higher whichever walk
    // test gave it; otherwise the test's written name ("TUG", "6MWT") says which way is better.
    const speed = SPEED_PARTS.distance.has(lx.norm[end]!) && (lx.norm[end + 1] === '/' || lx.norm[end + 1] === 'per') && SPEED_PARTS.seconds.has(lx.norm[end + 2]!);
    const seconds = TIME_UNITS.has(lx.norm[end]!) && !(lx.norm[end] === '"' && lx.spaceBefore[end] !== 0);
    // A walk test better when faster is better when shorter if it is timed in seconds ("10MWT 9.8 s"):
    // the time it took to walk ('walk-time', lower is better).
    const named = writtenTest(m);
    const attribute = speed ? 'speed' : named && seconds && ATTRIBUTE_BETTER_WHEN[named] === 'higher' ? 'walk-time' : named;
    if (lx.norm[end] === '%' || seconds) end++;
    else if (speed) end += 3;
    // "LEFS 42/80": the score out of the scale's maximum.
    else if (lx.norm[end] === '/' && lx.kind[end + 1] === Kind.Num && lx.spaceBefore[end] === 0) end += 2;
    outcomes.push({ kind: 'measure', first, end, rule: 'outcome: <instrument> <score>', value: lx.value[i]!, data: { kind: 'outcome', instrument: m.entry, ...(attribute ? { attribute } : {}) } });
  }
  return outcomes;
}

// findMeasures is split into its passes, each a function of its own, for the reason given in time.ts
// (one long function is far dearer for V8's optimizing compiler than its parts).

export function findMeasures(
  text: string,
  lx: Lexed,
  index: ItemIndex,
  outcomeMentions: readonly Mention[],
  phaseMentions: readonly Mention[],
  goalMentions: readonly Mention[],
  contextAt: (offset: number) => MentionContext,
): MeasureFacts {
  // A duration in a goal ("Goal: drive 30 minutes without pain") is a target, not a measured tolerance.
  const goalSentences = new Set(goalMentions.filter((m) => m.entry === 'goal').map((m) => m.sentence));
  const { values, comparisons, phases } = parseMeasures(lx, index, outcomeItems(lx, outcomeMentions));

  // One value per stretch of text (an outcome score wins over the seconds inside it, an arc over its minus).
  const chosen = selectLongest(values);
  const chosenSet = new Set(chosen);

  // "34 mm after the jaw release": the work a value followed (or preceded), named after it.
  const namedPhase = new Map<Item, 'pre' | 'post'>();
  for (const ph of phases) namedPhase.set(ph.data!.target as Item, ph.data!.phase as 'pre' | 'post');
  const { measurements, byItem } = placeMeasurements(text, lx, chosen, phaseMentions, namedPhase, goalSentences, contextAt);
  const changes = statedChanges(text, lx, comparisons, chosenSet, byItem, contextAt);
  pairChanges(measurements, changes.seen, changes.list);
  gridChanges(text, measurements, changes.seen, changes.list);
  changes.list.sort((a, b) => a.start - b.start);
  return { measurements, changes: changes.list };
}

/** Phase lexicon entries (data/lexicons/phase.json) and the phase each marks; those flagged onlyAfterValue count only trailing a value. */
const PHASE_OF: Record<string, 'pre' | 'post'> = Object.fromEntries(
  phaseLexicon.entries.map((e) => {
    if (e.phase !== 'pre' && e.phase !== 'post') throw new Error(`phase.json entry "${e.id}" marks no phase (pre or post)`);
    return [e.id, e.phase];
  }),
);
const AFTER_VALUE_ONLY = new Set(phaseLexicon.entries.filter((e) => 'onlyAfterValue' in e && e.onlyAfterValue).map((e) => e.id));

/** Each chosen value as a measurement, with its attribute, side, phase and context. */
function placeMeasurements(
  text: string,
  lx: Lexed,
  chosen: readonly Item[],
  phaseMentions: readonly Mention[],
  namedPhase: ReadonlyMap<Item, 'pre' | 'post'>,
  goalSentences: ReadonlySet<number>,
  contextAt: (offset: number) => MentionContext,
): { measurements: Measurement[]; byItem: Map<Item, Measurement> } {
  const phases = [...phaseMentions].sort((a, b) => a.start - b.start);
  // For each phase, the nearest one at or before it that counts before a value (not onlyAfterValue),
  // or -1: found once here, not by walking back over every "after" from each value (quadratic on a
  // long note that says "after" often).
  const leadingAt = new Int32Array(phases.length);
  for (let k = 0; k < phases.length; k++) leadingAt[k] = AFTER_VALUE_ONLY.has(phases[k]!.entry) ? (k > 0 ? leadingAt[k - 1]! : -1) : k;
  const measurements: Measurement[] = [];
  const byItem = new Map<Item, Measurement>();
  let p = -1;
  for (const it of chosen) {
    const start = lx.start[it.first]!;
    const end = lx.end[it.end - 1]!;
    const ctx = contextAt(start);
    const kind = it.data!.kind as MeasurementKind;
    if (kind === 'tolerance' && (ctx.section === 'goals' || goalSentences.has(ctx.sentence))) continue;
    const read = attributeOf(lx, it.first);
    const attribute = (it.data?.attribute as string | undefined) ?? read.attribute;
    const side = read.side;
    // Phase: a phase word right after the value ("52° post") wins, else the nearest one before it in
    // the sentence ("Post: rotation 60°"), else the section (a "Response:" or "Post:" heading).
    while (p + 1 < phases.length && phases[p + 1]!.start < start) p++;
    const next = phases[p + 1];
    let trailing = next && next.sentence === ctx.sentence && next.start >= end && /^[\s,(]{0,3}$/.test(text.slice(end, next.start).slice(0, 4)) ? next : undefined;
    // "before"/"after" alone are a phase only right after the value and closing its clause ("4/10 after.").
    if (trailing && AFTER_VALUE_ONLY.has(trailing.entry) && !/^\s*(?:[,.;)\n]|$)/.test(text.slice(trailing.end, trailing.end + 3))) trailing = undefined;
    const k = p >= 0 ? leadingAt[p]! : -1;
    const leading = k >= 0 && phases[k]!.sentence === ctx.sentence ? phases[k] : undefined;
    const phase = namedPhase.get(it) ?? ((trailing ? PHASE_OF[trailing.entry] : leading ? PHASE_OF[leading.entry] : undefined) ?? (ctx.section === 'response' ? 'post' : undefined));
    const m: Measurement = {
      kind,
      start,
      end,
      text: text.slice(start, end),
      negated: ctx.negated,
      hypothetical: ctx.hypothetical,
      historical: ctx.historical,
      home: ctx.home,
      role: ctx.role,
      quoted: ctx.quoted,
      reported: ctx.reported,
      section: ctx.section,
      sentence: ctx.sentence,
      value: it.value,
      impairment: isImpairment(kind, attribute),
    };
    if (it.data?.instrument) m.instrument = it.data.instrument as string;
    if (attribute) m.attribute = attribute;
    else if (m.instrument) m.attribute = m.instrument;
    if (side) m.side = side;
    if (phase) m.phase = phase;
    measurements.push(m);
    byItem.set(it, m);
  }
  return { measurements, byItem };
}

/** Stated changes, attached to the value they end on. */
function statedChanges(
  text: string,
  lx: Lexed,
  comparisons: Item[],
  chosenSet: ReadonlySet<Item>,
  byItem: ReadonlyMap<Item, Measurement>,
  contextAt: (offset: number) => MentionContext,
): { list: MeasureChange[]; seen: Set<Measurement> } {
  const changes: MeasureChange[] = [];
  const seen = new Set<Measurement>();
  const stated: Item[] = [];
  // The measurement each value starts at, by token: a change whose latest value names nothing takes what
  // it measures from its earlier value ("5xSTS 18 sec at IE, today 14 sec").
  const measuredAt = new Map<number, Measurement>();
  for (const [it, m] of byItem) measuredAt.set(it.first, m);
  const namedWithin = (first: number, end: number): Measurement | undefined => {
    for (let i = first; i < end; i++) {
      const m = measuredAt.get(i);
      if (m && (m.attribute || m.instrument)) return m;
    }
    return undefined;
  };
  for (const c of selectLongest(comparisons)) {
    stated.push(c);
    // "R 120 deg / L 150 deg (105/150 at eval)": the pair's first value changed too, over the same text.
    const pair = c.data!.pair as { target: Item; from: number } | undefined;
    if (pair) stated.push({ ...c, data: { ...c.data, target: pair.target, from: pair.from, pair: undefined } });
  }
  // Measurements in text order, for a change that names only its earlier value ("up from 48° at IE").
  const inOrder = [...byItem.values()].sort((a, b) => a.start - b.start);
  for (const c of stated) {
    const earlierValue = c.data!.earlierValue as Item | undefined;
    if (earlierValue) {
      const change = changeFromEarlierOnly(text, lx, c, byItem.get(earlierValue), inOrder);
      if (change) {
        changes.push({ ...change, ...contextAt(change.start) });
        seen.add(change.latest);
      }
      continue;
    }
    const target = c.data!.target as Item | undefined;
    const start = lx.start[c.first]!;
    const end = lx.end[c.end - 1]!;
    const ctx = contextAt(start);
    const m = target ? (byItem.get(target) ?? (chosenSet.has(target) ? undefined : undefined)) : undefined;
    const kind = m?.kind ?? ((target?.data?.kind as MeasurementKind | undefined) ?? 'pain');
    const from = c.data!.from as number | undefined;
    const to = (c.data!.to as number | undefined) ?? m?.value ?? target?.value;
    const said = c.data!.direction as string | undefined;
    const delta = c.data!.delta as number | undefined;
    const named = m?.attribute || m?.instrument ? m : namedWithin(c.first, c.end);
    const attribute = m?.attribute ?? named?.attribute;
    const direction = directionOf(kind, attribute, m?.instrument ?? named?.instrument, from, delta !== undefined && from === undefined ? undefined : to, said);
    if (m && from !== undefined && to !== undefined && !m.change) m.change = { from, to };
    if (m) seen.add(m);
    changes.push({
      kind,
      attribute,
      from,
      to: delta !== undefined && from === undefined ? undefined : to,
      since: (c.data!.since as 'earlier' | 'session' | undefined) ?? (m?.phase === 'post' ? 'session' : 'earlier'),
      direction,
      how: c.rule,
      start,
      end,
      text: text.slice(start, end),
      ...ctx,
    });
  }
  return { list: changes, seen };
}

/** How many sentences back the latest value of a change that names only its earlier value may stand. */
const LATEST_VALUE_REACH = 1;
/** And how many values back it is looked for (keeps a note of one endless sentence linear). */
const LATEST_VALUE_LOOKBACK = 32;

/**
 * "C-spine rot L 64°." then "rot L up from 48° at IE": the change from the earlier value here to the
 * latest value of the same measure (kind, attribute and side agree) stated just before, in this sentence
 * or the one before it.
 */
function changeFromEarlierOnly(
  text: string,
  lx: Lexed,
  c: Item,
  earlier: Measurement | undefined,
  inOrder: readonly Measurement[],
): (Omit<MeasureChange, keyof MentionContext> & { latest: Measurement }) | undefined {
  if (!earlier || earlier.value === undefined) return undefined;
  const start = lx.start[c.first]!;
  let latest: Measurement | undefined;
  // From the last value before the change back (a binary search: a long note may hold many such changes).
  const from = lowerBound(inOrder.length, (i) => inOrder[i]!.start < start) - 1;
  for (let k = from; k >= 0 && from - k < LATEST_VALUE_LOOKBACK; k--) {
    const m = inOrder[k]!;
    if (m.sentence < earlier.sentence - LATEST_VALUE_REACH) break;
    // Attribute and side must both be said and agree: the earlier value names what it measures.
    if (m.value !== undefined && m.kind === earlier.kind && m.attribute === earlier.attribute && m.side === earlier.side) {
      latest = m;
      break;
    }
  }
  if (!latest || earlier.attribute === undefined) return undefined;
  const end = lx.end[c.end - 1]!;
  latest.change ??= { from: earlier.value, to: latest.value! };
  return {
    kind: latest.kind,
    attribute: latest.attribute,
    from: earlier.value,
    to: latest.value,
    since: 'earlier',
    // The two values decide which way it went (the change word only says that it did).
    direction: directionOf(latest.kind, latest.attribute, latest.instrument, earlier.value, latest.value),
    how: c.rule,
    start,
    end,
    text: text.slice(start, end),
    latest,
  };
}

/** The context a change takes from the value it ends on (a measurement carries its mention context). */
function contextOf(m: Measurement): MentionContext {
  return { negated: m.negated, hypothetical: m.hypothetical, historical: m.historical, home: m.home, role: m.role, quoted: m.quoted, reported: m.reported, section: m.section, sentence: m.sentence };
}

/** How many values after a value after treatment its value before treatment is looked for ("1+ post, 3 before tx"). */
const PRE_AFTER_POST_LOOKAHEAD = 8;

/** Pre/post pairs: each value after treatment against the latest earlier value of the same measure. */
function pairChanges(measurements: readonly Measurement[], seen: ReadonlySet<Measurement>, changes: MeasureChange[]): void {
  for (let i = 0; i < measurements.length; i++) {
    const post = measurements[i]!;
    if (post.phase !== 'post' || seen.has(post) || post.value === undefined) continue;
    let before: Measurement | undefined;
    for (let j = i - 1; j >= 0; j--) {
      const m = measurements[j]!;
      if (m.phase === 'post' || m.value === undefined || !comparable(m, post)) continue;
      before = m;
      break;
    }
    // "MAS 1+ post, 2 before tx": the value before treatment may be written after, in the same sentence.
    for (let j = i + 1; !before && j < measurements.length && j - i <= PRE_AFTER_POST_LOOKAHEAD && measurements[j]!.sentence === post.sentence; j++) {
      const m = measurements[j]!;
      if (m.phase === 'pre' && m.value !== undefined && comparable(m, post)) before = m;
    }
    if (!before) continue;
    post.change ??= { from: before.value!, to: post.value };
    changes.push({
      kind: post.kind,
      attribute: post.attribute ?? before.attribute,
      from: before.value,
      to: post.value,
      since: 'session',
      direction: directionOf(post.kind, post.attribute ?? before.attribute, post.instrument, before.value, post.value),
      how: 'pair: a value after treatment and the same measure before it',
      start: post.start,
      end: post.end,
      text: post.text,
      ...contextOf(post),
    });
  }
}

/** Grid rows ("NDI  38%  16%" under "Initial  D/C"): the earliest column's value against the latest's. */
function gridChanges(text: string, measurements: readonly Measurement[], seen: ReadonlySet<Measurement>, changes: MeasureChange[]): void {
  const inOrder = [...measurements].sort((a, b) => a.start - b.start);
  for (const { values, latest } of gridRows(text, inOrder)) {
    const first = values[0]!;
    // A bare latest figure after an outcome score is that instrument's latest score.
    const last = latest && first.instrument ? { ...first, ...latest } : values[values.length - 1]!;
    if (seen.has(last) || first.value === undefined || last.value === undefined || last === first) continue;
    // An outcome score and the bare percentages after it in its row are one instrument's ("NDI  38%  16%").
    const instrument = first.instrument ?? last.instrument;
    if (first.kind !== last.kind && !(instrument && (first.kind === 'outcome' || last.kind === 'outcome'))) continue;
    const attribute = first.attribute ?? last.attribute;
    const kind = instrument ? 'outcome' : last.kind;
    last.change ??= { from: first.value, to: last.value };
    const start = Math.min(first.start, last.start);
    const end = Math.max(first.end, last.end);
    changes.push({
      kind,
      attribute,
      from: first.value,
      to: last.value,
      since: 'earlier',
      direction: directionOf(kind, attribute, instrument, first.value, last.value),
      how: 'grid: a measure row under columns for earlier and later times',
      start,
      end,
      text: text.slice(start, end),
      ...contextOf(last),
    });
  }
}

/** Two values measure the same thing: same kind and instrument, and attribute and side agree where both say. */
function comparable(a: Measurement, b: Measurement): boolean {
  if (a.kind !== b.kind || (a.instrument ?? '') !== (b.instrument ?? '')) return false;
  if (a.attribute && b.attribute && a.attribute !== b.attribute) return false;
  if (a.side && b.side && a.side !== b.side) return false;
  return true;
}

function isImpairment(kind: MeasurementKind, attribute: string | undefined): boolean {
  if (kind === 'percent') return attribute !== undefined && ATTRIBUTES.has(attribute) && !['odi', 'ndi', 'lefs', 'psfs', 'dash', 'quickdash', 'uefi', 'prwe', 'foto'].includes(attribute) ? true : false;
  return MEASURE_KINDS.get(kind)?.impairment ?? false;
}
