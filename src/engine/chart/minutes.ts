// Treatment time in the note: minutes per service ("Therapeutic massage -- 15 min", "97124 x2 (25')",
// "8:05-8:35") and the totals ("Total timed minutes: 38"). Minutes that are not treatment time
// (home program, tests, tolerances, plans) are never attributed to a code.
import type { CodeMinutes, MentionContext, ServiceTime, TotalTime } from './types';

export interface ServiceMention {
  start: number;
  end: number;
  /** null when the name could mean several codes ("e-stim", "traction"). */
  code: string | null;
}

interface TimeExpression {
  start: number;
  end: number;
  minutes: number;
  form: 'minutes' | 'range';
}

const MINUTES = /(?<![\d:.,/])(\d{1,3})(?:\s?(min(?:ute)?s?)\b\.?|(['’′])(?![\d\w])|-(min(?:ute)?s?)\b)/gi;
// "8:05-8:20", "8:05 am – 8:35 a.m."; the am/pm marker must be a whole word ("8:20 massage" is not "8:20 m"),
// and a colon after the range is punctuation ("8:20-8:45: lumbar stabilization") unless seconds follow.
const RANGE = /(?<![\d:])(\d{1,2}):([0-5]\d)(?:\s?([ap])(?:\.?m)?\b\.?)?\s{0,2}(?:-|–|—|to)\s{0,2}(\d{1,2}):([0-5]\d)(?:\s?([ap])(?:\.?m)?\b\.?)?(?!\d|:\d)/gi;
const NAMES_A_THING = /^\s{1,3}[a-z]/i; // "6-minute walk test", "15-minute rest": a name, not time spent
// Labels of the two totals a Medicare note must give (BPM ch.15 §220.3). Timed comes first in the
// alternation so "total timed minutes" is never read as a treatment total.
const TIMED_LABEL_WORDS = String.raw`total\s+timed(?:\s+code)?(?:\s+treatment)?(?:\s+(?:minutes|mins|time))?|timed\s+(?:code\s+)?(?:treatment\s+)?(?:minutes|mins|time)|total\s+time[ds]?\s+code\s+(?:minutes|time)`;
const TREATMENT_LABEL_WORDS = String.raw`total\s+(?:treatment\s+|session\s+|visit\s+)?(?:time|minutes|mins)|treatment\s+time|session\s+(?:time|length|duration)|time\s+with\s+(?:the\s+)?patient`;
const TIMED_LABEL = new RegExp(String.raw`^(?:${TIMED_LABEL_WORDS})`, 'i');
// "<label>: 38", "<label> = 38 min", "<label>: 8:00-8:45"; group 1 is the label and its punctuation.
const LABELLED_TOTAL = new RegExp(
  String.raw`((?:${TIMED_LABEL_WORDS}|${TREATMENT_LABEL_WORDS})[ \t]{0,3}(?:[:=\-–][ \t]{0,3})?(?:of[ \t]{1,3})?)(?:(\d{1,2}:[0-5]\d[^\n]{0,20})|(\d{1,3})(?![\d:]))`,
  'gi',
);
const NOT_TREATMENT = /\b(?:tolerances?|tolerat\w*|hold\w*|rest(?:ed|ing)?|breaks?|wait\w*|sec(?:ond)?s?|tests?|testing|sleep\w*|drive|driving)\b/i;
const SERVICE_AFTER_GAP = /^\s{0,3}(?:of|for|on|in|-|–|:)?\s{0,3}(?:the\s)?$/i;
const UNITS_WORDING = /\bunits?\b|\bx\s?\d/i;
// A full stop after a word, then a new capitalised sentence: "Massage to R trap. Pt walked 10 minutes"
// (an initial such as "R." is not a sentence end, so "Massage to R. trap 15 min" still counts).
const SENTENCE_BREAK = /[A-Za-z]{2}[.!?]\s+[A-Z]/;
const CLAUSE_BREAK = /[;,]/;
const MAX_LOOKBACK = 100;

function clockMinutes(h: number, m: number, ampm: string | undefined): number {
  let hour = h % 12;
  if (ampm?.toLowerCase() === 'p') hour += 12;
  else if (!ampm) hour = h;
  return hour * 60 + m;
}

function findTimeExpressions(text: string): TimeExpression[] {
  const out: TimeExpression[] = [];
  for (const m of text.matchAll(RANGE)) {
    const a = clockMinutes(Number(m[1]), Number(m[2]), m[3] ?? m[6]);
    let b = clockMinutes(Number(m[4]), Number(m[5]), m[6] ?? m[3]);
    if (b <= a) b += b + 12 * 60 > a ? 12 * 60 : 24 * 60;
    const minutes = b - a;
    if (minutes > 0 && minutes <= 300) out.push({ start: m.index, end: m.index + m[0].length, minutes, form: 'range' });
  }
  for (const m of text.matchAll(MINUTES)) {
    const end = m.index + m[0].length;
    if (m[4] && NAMES_A_THING.test(text.slice(end, end + 4))) continue;
    const minutes = Number(m[1]);
    if (minutes > 0 && minutes <= 300) out.push({ start: m.index, end, minutes, form: 'minutes' });
  }
  return out.sort((x, y) => x.start - y.start);
}

/** Index of the last item with `start` < offset (binary search over a sorted array). */
function lastBefore<T extends { start: number }>(items: T[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export interface TimeFacts {
  serviceTimes: ServiceTime[];
  minutesByCode: Record<string, CodeMinutes>;
  totals: { timed?: TotalTime; treatment?: TotalTime };
}

export function findTimes(
  text: string,
  lineStarts: number[],
  services: ServiceMention[],
  contextAt: (offset: number) => MentionContext,
): TimeFacts {
  const serviceTimes: (ServiceTime & { section: string })[] = [];
  const totals: TimeFacts['totals'] = {};
  const lineStartOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (lineStarts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lineStarts[lo - 1] ?? 0;
  };

  // Totals first: a labelled figure may be a bare number ("Total timed minutes: 38").
  const totalSpans: [number, number][] = [];
  for (const m of text.matchAll(LABELLED_TOTAL)) {
    const range = m[2] !== undefined ? findTimeExpressions(m[2]).find((x) => x.form === 'range') : undefined;
    const minutes = range ? range.minutes : Number(m[3]);
    if (!(minutes > 0 && minutes <= 600) || contextAt(m.index).home) continue;
    const start = m.index + m[1]!.length;
    const total: TotalTime = { start: m.index, end: m.index + m[0].length, minutes };
    totalSpans.push([start, total.end]);
    if (TIMED_LABEL.test(m[1]!)) totals.timed ??= total;
    else totals.treatment ??= total;
  }
  let nextTotal = 0;

  for (const e of findTimeExpressions(text)) {
    while (nextTotal < totalSpans.length && totalSpans[nextTotal]![1] <= e.start) nextTotal++;
    if (nextTotal < totalSpans.length && totalSpans[nextTotal]![0] <= e.start) continue;
    const ctx = contextAt(e.start);
    if (ctx.home || ctx.section === 'home-program') continue;
    const lineStart = lineStartOf(e.start);
    // Plans and goals talk about future sessions; hypotheticals are not time spent.
    if (ctx.section === 'plan' || ctx.section === 'goals' || ctx.hypothetical) continue;

    let owner: ServiceMention | undefined;
    let ownerGap = '';
    const before = services[lastBefore(services, e.start)];
    const beforeGap = before && before.end <= e.start && before.start >= Math.max(lineStart, e.start - MAX_LOOKBACK) ? text.slice(before.end, e.start) : undefined;
    const next = services[lastBefore(services, e.end) + 1];
    const nextFollows = next !== undefined && next.start >= e.end && next.start - e.end <= 20 && SERVICE_AFTER_GAP.test(text.slice(e.end, next.start));
    // The earlier service owns the time unless a sentence or clause ends between them and another
    // service follows at once: "massage R trap; 8:20-8:45 ther ex" is ther ex time.
    if (before && beforeGap !== undefined && !SENTENCE_BREAK.test(beforeGap) && !(nextFollows && CLAUSE_BREAK.test(beforeGap))) {
      owner = before;
      ownerGap = beforeGap;
    } else if (nextFollows) owner = next;
    if (!owner || owner.code === null || NOT_TREATMENT.test(ownerGap)) continue;
    serviceTimes.push({
      code: owner.code,
      minutes: e.minutes,
      start: e.start,
      end: e.end,
      form: e.form === 'range' ? 'range' : UNITS_WORDING.test(ownerGap) ? 'units' : 'minutes',
      section: ctx.section,
    });
  }

  return { serviceTimes: serviceTimes.map(({ section: _s, ...t }) => t), minutesByCode: groupByCode(serviceTimes), totals };
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
    // A clock range followed by its own minutes ("8:05-8:20 (15 min)") is one statement, not two.
    const prev = group.evidence[group.evidence.length - 1];
    const sameStatement = prev && t.start - prev.end < 12 && prev.minutes === t.minutes;
    if (!sameStatement) group.sum += t.minutes;
    group.evidence.push({ code: t.code, minutes: t.minutes, start: t.start, end: t.end, form: t.form });
    sections.set(t.section, group);
  }
  const out: Record<string, CodeMinutes> = {};
  for (const [code, sections] of byCode) {
    const groups = [...sections.entries()];
    // The treatment section is the record of what was done; otherwise the first section wins.
    const chosen = groups.find(([s]) => s === 'treatment') ?? groups[0]!;
    const conflicting = [...new Set(groups.map(([, g]) => g.sum).filter((m) => m !== chosen[1].sum))];
    out[code] = { code, minutes: chosen[1].sum, evidence: groups.flatMap(([, g]) => g.evidence), conflicting };
  }
  return out;
}
