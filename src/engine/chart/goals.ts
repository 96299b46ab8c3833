// Goals and functional limitations, read as small phrases rather than matched against a list of
// activities. A goal item ("stand through a 6-hr retail shift", "reduce pain to 3/10") is
// classified by its head word and what follows it:
//
//   impairment verb + impairment words      "reduce pain and tone; improve cervical ROM"   → impairment
//   impairment verb + purpose               "increase ROM to allow overhead reach"          → functional
//   impairment verb + other words           "improve sitting tolerance for cooking"          → functional
//   comfort words                           "stress relief and relaxation"                  → comfort
//   outcome instrument                      "LEFS 58 -> 72", "NDI < 20%"                     → measure
//   any other head with a target or time    "knit 1 hr daily", "return to full duty next week" → functional
//
// Limitations are the same phrase after a trigger: "limits typing to 15 min", "difficulty with zippers".
import data from '../data/grammar/goals.json';
import measureData from '../data/grammar/measures.json';
import { Kind, type Lexed, lexAt, tokensIn } from './lex';
import type { GoalStatement, Mention, MentionContext, Sentence } from './types';

const rows = new Map(data.rows.map((r) => [r.id, new Set(r.words)]));
const row = (id: string): Set<string> => {
  const set = rows.get(id);
  if (!set) throw new Error(`goals.json has no row "${id}"`);
  return set;
};
const IMPAIRMENT_VERB = row('impairment-verb');
/**
 * Impairment words: the goals row, and every motion and pain scale the measure grammar reads before a
 * value (measures.json "bare-change-motion", "bare-change-pain": SLR, sidebend, NPRS …), so a goal that
 * only raises a measured motion ("improve SLR to 80 deg") names no activity.
 */
const measuredWords = (id: string): string[] => measureData.rows.find((r) => r.id === id)?.words ?? [];
const IMPAIRMENT_NOUN = new Set([...row('impairment-noun'), ...measuredWords('bare-change-motion'), ...measuredWords('bare-change-pain')]);
const COMFORT = row('comfort-word');
const VAGUE = row('vague');
const CLINICAL = row('clinical');
const NOT_A_GOAL = row('not-a-goal');
const FILLER = row('goal-filler');
const ACTIVITY_VERB = row('activity-verb');
const PURPOSE = row('purpose');
const TRIGGER = row('limitation-trigger');
const TIMEFRAME = row('timeframe');
const TARGET = row('target');
const QUALIFIER = row('qualifier');
const COMPARATOR = row('comparator');
const WHEN = row('when');
const NOT_THE_PATIENT = row('not-the-patient');
/** Hyphenated words the rows list whole: the lexer splits them at the hyphen. */
const KNOWN_COMPOUNDS = new Set([...data.rows.flatMap((r) => r.words)].filter((w) => w.includes('-')));
/** Words skipped after a limitation trigger before its object ("difficulty with the", "unable to"). */
const LINKING = new Set(['to', 'with', 'the', 'a', 'an', 'her', 'his', 'their', 'by', 'in', 'on', 'at', 'for', 'of', 'and', 'or', 'be', 'is', 'are', 'due', 'still', 'now', 'fully', 'as', 'into']);
/** Marks that open a list item. */
const BULLET = new Set(['-', '*', '•', '·']);
const ITEM_BREAK = new Set([';', '.', '!', '?', ',']);
/** Goal lists also break at a colon: "Goals: STG 1: sit 45 min; LTG: return to work". */
const GOAL_ITEM_BREAK = new Set([...ITEM_BREAK, ':']);

export interface GoalInputs {
  lx: Lexed;
  text: string;
  sentences: readonly Sentence[];
  goalMentions: readonly Mention[];
  functionalMentions: readonly Mention[];
  instrumentMentions: readonly Mention[];
  /** Body regions are where, not what: "improve lumbar extension" names no activity. */
  regionMentions: readonly Mention[];
  contextAt(offset: number): MentionContext;
}

type Klass = GoalStatement['kind'];

interface Phrase {
  first: number;
  end: number;
}

/** The index of the first word token in [from, end), or -1. */
function nextWord(lx: Lexed, from: number, end: number): number {
  for (let k = from; k < end; k++) if (lx.kind[k] === Kind.Word) return k;
  return -1;
}

/** Classify the words of one goal item or limitation object. */
const SIDE = row('side');

function classify(lx: Lexed, phrase: Phrase, inputs: { functional: Uint8Array; instrument: Uint8Array; region: Uint8Array }, source: GoalStatement['source']): Klass | null {
  const limitation = source === 'limitation';
  let i = phrase.first;
  let activityVerb = false;
  // Skip fillers and bullets to the head word.
  for (; i < phrase.end; i++) {
    const t = lx.norm[i]!;
    if (lx.kind[i] !== Kind.Word) continue;
    if (ACTIVITY_VERB.has(t)) activityVerb = true;
    if (FILLER.has(t) || (limitation && (LINKING.has(t) || TRIGGER.has(t))) || (source === 'purpose' && (PURPOSE.has(t) || LINKING.has(t) || t === 'that' || t === 'prepare' || t === 'preparation'))) continue;
    // A region or side before the head says where ("low back ache 3/10", "R hip IR 35 deg"):
    // the word after it is the head.
    if ((inputs.region[i] || SIDE.has(t) || QUALIFIER.has(t)) && nextWord(lx, i + 1, phrase.end) !== -1) continue;
    break;
  }
  if (i >= phrase.end) return null;
  for (let k = phrase.first; k < phrase.end; k++) if (inputs.functional[k]) return 'functional';
  const head = lx.norm[i]!;
  if (inputs.instrument[i]) return 'measure';
  // "needs the expertise of a clinician": what the service needs, not what the patient cannot do.
  if (limitation && NOT_THE_PATIENT.has(head)) return null;
  if (NOT_A_GOAL.has(head) && !activityVerb) return null;
  if (COMFORT.has(head)) return 'comfort';

  let hasTarget = false;
  let hasTime = false;
  let comfort = false;
  let other = false;
  let purpose = false;
  const headIsVerb = IMPAIRMENT_VERB.has(head);
  for (let k = i; k < phrase.end; k++) {
    let t = lx.norm[k]!;
    if (lx.kind[k] === Kind.Num) {
      hasTarget = true;
      continue;
    }
    if (lx.kind[k] !== Kind.Word) continue;
    // A hyphenated word the rows list whole ("well-being", "pain-free") is read as one word.
    const compound = k + 2 < phrase.end && lx.norm[k + 1] === '-' && lx.spaceBefore[k + 1] === 0 && lx.spaceBefore[k + 2] === 0 ? `${t}-${lx.norm[k + 2]}` : null;
    if (compound !== null && KNOWN_COMPOUNDS.has(compound)) {
      t = compound;
      k += 2;
    }
    if (TIMEFRAME.has(t)) hasTime = true;
    if (TARGET.has(t) || COMPARATOR.has(t)) hasTarget = true;
    if (COMFORT.has(t)) comfort = true;
    // "… to allow", "so that", "in order to", "for cooking", "to open jars": a purpose names the activity.
    // ("to cervical musculature", "to R calf": a body region or side after "to" is where, not a purpose.)
    if (PURPOSE.has(t) || (t === 'to' && lx.kind[k + 1] === Kind.Word && !IMPAIRMENT_NOUN.has(lx.norm[k + 1]!) && !FILLER.has(lx.norm[k + 1]!) && !IMPAIRMENT_VERB.has(lx.norm[k + 1]!) && !inputs.region[k + 1] && !SIDE.has(lx.norm[k + 1]!))) {
      const next = lx.norm[k + 1];
      if (next && !TIMEFRAME.has(next) && !TARGET.has(next) && lx.kind[k + 1] === Kind.Word) purpose = true;
    }
    if (k === i && headIsVerb) continue;
    if (!IMPAIRMENT_NOUN.has(t) && !IMPAIRMENT_VERB.has(t) && !COMFORT.has(t) && !VAGUE.has(t) && !FILLER.has(t) && !LINKING.has(t) && !TIMEFRAME.has(t) && !TARGET.has(t) && !PURPOSE.has(t) && !inputs.instrument[k] && !inputs.region[k] && !SIDE.has(t) && !CLINICAL.has(t) && !QUALIFIER.has(t) && !COMPARATOR.has(t) && !WHEN.has(t)) {
      other = true;
    }
  }
  if (activityVerb && (other || hasTarget || hasTime)) return 'functional';
  if (purpose && other) return 'functional';
  if (headIsVerb || IMPAIRMENT_NOUN.has(head)) {
    if (comfort && !other) return 'comfort';
    // "pain 2/10 while lifting the baby": a noun head with a target and other words names the activity
    // the target is for; "pain in the elbow region" with no target stays an impairment.
    return other && (headIsVerb || hasTarget || hasTime) ? 'functional' : 'impairment';
  }
  if (comfort) return 'comfort';
  if (VAGUE.has(head)) return 'impairment';
  // Any other head: an activity, when the phrase is more than a word or says how much or by when.
  return other && (hasTarget || hasTime || limitation || phrase.end - i >= 3) ? 'functional' : null;
}

export function findGoals(inputs: GoalInputs): GoalStatement[] {
  const { lx, text, sentences } = inputs;
  const functional = new Uint8Array(lx.count);
  const instrument = new Uint8Array(lx.count);
  const region = new Uint8Array(lx.count);
  for (const m of inputs.regionMentions) region.fill(1, lexAt(lx, m.start), lexAt(lx, m.end));
  for (const m of inputs.functionalMentions) if (m.entry !== 'limitation-words') functional.fill(1, lexAt(lx, m.start), lexAt(lx, m.end));
  for (const m of inputs.instrumentMentions) instrument.fill(1, lexAt(lx, m.start), lexAt(lx, m.end));
  const marks = { functional, instrument, region };
  const out: GoalStatement[] = [];
  const push = (phrase: Phrase, source: GoalStatement['source']) => {
    // A bullet or the dash after a heading ("Goals- MIO 38 mm", "- sit 1 hr") opens the item; it is not part of
    // it. A sign written against its number ("-5 deg") stays.
    while (phrase.first < phrase.end - 1 && BULLET.has(lx.norm[phrase.first]!) && lx.spaceBefore[phrase.first + 1] !== 0) phrase = { ...phrase, first: phrase.first + 1 };
    const kind = classify(lx, phrase, marks, source);
    if (!kind) return;
    const start = lx.start[phrase.first]!;
    const end = lx.end[phrase.end - 1]!;
    const ctx = inputs.contextAt(start);
    out.push({ kind, source, start, end, text: text.slice(start, end), ...ctx });
  };
  /** Split [first, end) into items at ; , . and bullets, and classify each. */
  const items = (first: number, end: number, source: GoalStatement['source']) => {
    let a = first;
    for (let i = first; i <= end; i++) {
      const brk = i === end || GOAL_ITEM_BREAK.has(lx.norm[i]!) || lx.kind[i] === Kind.Newline;
      if (!brk) continue;
      if (i > a) push({ first: a, end: i }, source);
      a = i + 1;
    }
  };

  // 1. The goals section, sentence by sentence.
  const taken = new Set<number>();
  for (const s of sentences) {
    if (s.section !== 'goals') continue;
    taken.add(s.index);
    items(lexAt(lx, s.start), lexAt(lx, s.end), 'goal');
  }
  // 2. "Goal: …" or "(goal 2 hrs)" elsewhere: what follows the word, to the end of its sentence.
  for (const m of inputs.goalMentions) {
    if (m.entry !== 'goal' || taken.has(m.sentence)) continue;
    const s = sentences[m.sentence];
    if (!s) continue;
    let end = lexAt(lx, s.end);
    const first = lexAt(lx, m.end);
    // Inside brackets the goal ends at the bracket: "(goal 2 hrs)".
    for (let i = first; i < end; i++) if (lx.norm[i] === ')') end = i;
    items(first, end, 'goal');
  }
  // 3. The purpose stated with the treatment ("… to improve circulation", "… to allow overhead reach").
  for (const m of inputs.goalMentions) {
    if (m.entry !== 'purpose') continue;
    const first = lexAt(lx, m.start);
    let end = first + 1;
    while (end < lx.count && end - first <= 14 && lx.kind[end] !== Kind.Newline && !ITEM_BREAK.has(lx.norm[end]!) && lx.norm[end] !== '(') end++;
    push({ first, end }, 'purpose');
  }
  // 4. Limitations: the phrase after a trigger word, to the end of its clause.
  const trigger = tokensIn(lx, TRIGGER);
  for (let i = 0; i < lx.count; i++) {
    if (lx.kind[i] !== Kind.Word) continue;
    // "can't" and "won't" are three tokens (can ' t); "not able to" is two words.
    const contracted = (lx.norm[i] === 'can' || lx.norm[i] === 'couldn') && lx.norm[i + 1] === "'" && lx.norm[i + 2] === 't';
    const notAble = lx.norm[i] === 'not' && lx.norm[i + 1] === 'able';
    if (!trigger[i] && !contracted && !notAble) continue;
    let end = i + 1;
    while (end < lx.count && end - i <= 10 && lx.kind[end] !== Kind.Newline && !ITEM_BREAK.has(lx.norm[end]!) && lx.norm[end] !== '(') end++;
    // "dropped to 2/10", "reduced to MAS 1": a change word with its new value is a measure that
    // changed, not a limitation ("decreased tolerance for knitting" still is one).
    const changedTo = IMPAIRMENT_VERB.has(lx.norm[i]!) && lx.norm[i + 1] === 'to' && (lx.kind[i + 2] === Kind.Num || lx.kind[i + 3] === Kind.Num);
    if (end > i + 1 && !changedTo) push({ first: i, end }, 'limitation');
  }
  return out.sort((a, b) => a.start - b.start);
}
