// The time grammar: how notes write durations, clock ranges, units and totals, as rows (grammar.ts).
// Vocabulary comes from data/grammar/time.json; the rows say how the words combine.
//
//   number     12 | twelve | twenty-five | forty five | one hundred and five
//   duration   12 min | 12 mins | 12m | 12' | 12-minute | 1 hr | 1h05m | 1.5 hrs | half an hour | x12' | x 12 min
//   clock      8:05 | 8:05am | 2:00p | 14:00 | 2 pm          hhmm  0915 | 1400
//   range      8:05-8:20 | 0915-0930 | 2:00p-2:15p | 1:30-1:42 pm | from 2 to 2:15
//   units      3 units | 3u | units: 2 | x 2 units             count  x3 | x 3 | (3)
//   total      Total timed minutes: 38 | TTT 45' | Tx time = 45 | Total timed ...... 37 min | Timed: 8:00-8:38
import timeData from '../data/grammar/time.json';
import { compileLayer, type Element, item, type Item, type ItemIndex, many, newIndex, num, opt, type Part, punct, type Rule, runLayer, tight, type TokenElement, where, word } from './grammar';
import { Kind, type Lexed } from './lex';

const rows = new Map(timeData.rows.map((r) => [r.id, r.words]));
const words = (id: string): string[] => {
  const list = rows.get(id);
  if (!list) throw new Error(`time.json has no row "${id}"`);
  return list;
};
export const TIME_WORDS = {
  clauseBreak: new Set(words('clause-break')),
  notTreatment: new Set(words('not-treatment')),
  activity: new Set(words('activity')),
  goalLead: new Set(words('goal-lead')),
  actualTime: words('actual-time').map((w) => w.split('-')),
  struckMarker: new Set(words('struck-marker')),
  struckFiller: new Set(words('struck-filler')),
  correctionLead: words('correction-lead').map((w) => w.split(' ')),
  distance: new Set(words('distance-context')),
  sameServiceLabel: new Set(words('same-service-label')),
};
const SPELLED: Record<string, number> = timeData.spelledNumbers.values;

const MINUTE = word(...words('minute-unit'));
const HOUR = word(...words('hour-unit'));
const UNITS = word(...words('units-word'));
const JOIN = word(...words('range-joiner'));
const MARK = punct("'");
const X = word('x', '×');

const value = (p: Part | undefined): number => (p?.item ? p.item.value : Number.NaN);
const tokenValue = (lx: Lexed, p: Part | undefined): number => (p ? lx.value[p.first]! : Number.NaN);
const numberOf = (lx: Lexed, p: Part | undefined): number => (p?.item ? p.item.value : tokenValue(lx, p));

/** A number token or a spelled number item. */
const NUMBER_ITEM = item('number');

// Layer 1: numbers written as words ("fifteen", "twenty-five", "twenty five").
const SPELLED_WORD = word(...Object.keys(SPELLED));
const numberRows: Rule[] = [
  { name: 'number: digits', kind: 'number', pattern: [num()], make: (p, lx) => ({ value: tokenValue(lx, p[0]) }) },
  {
    name: 'number: spelled tens-ones',
    kind: 'number',
    pattern: [SPELLED_WORD, opt(punct('-')), SPELLED_WORD],
    make: (p, lx) => {
      const tens = SPELLED[lx.norm[p[0]!.first]!]!;
      const ones = SPELLED[lx.norm[p[2]!.first]!]!;
      return tens >= 20 && tens % 10 === 0 && ones < 10 ? { value: tens + ones } : null;
    },
  },
  {
    name: 'number: spelled hundreds ("one hundred and five", "a hundred twenty-five")',
    kind: 'number',
    pattern: [word('a', ...Object.keys(SPELLED).filter((w) => SPELLED[w]! < 10)), word('hundred'), opt(word('and')), opt(SPELLED_WORD), opt(punct('-')), opt(SPELLED_WORD)],
    make: (p, lx) => {
      const spelled = (part: Part | undefined): number => (part ? SPELLED[lx.norm[part.first]!]! : 0);
      const hundreds = lx.norm[p[0]!.first] === 'a' ? 1 : spelled(p[0]);
      const tens = spelled(p[3]);
      const ones = spelled(p[5]);
      // "and" with nothing after it ends the number at the hundreds ("one hundred and ten" needs its ten).
      if (p[2] && !p[3]) return null;
      // Two words after the hundred must be tens then ones ("twenty-five", never "five-twenty").
      if (p[5] && !(tens >= 20 && tens % 10 === 0 && ones < 10)) return null;
      return { value: hundreds * 100 + tens + ones };
    },
  },
  { name: 'number: spelled', kind: 'number', pattern: [SPELLED_WORD], make: (p, lx) => ({ value: SPELLED[lx.norm[p[0]!.first]!]! }) },
];

// A bare "m" is minutes only against its number, up to 90, and not where distances are talked about.
function minutesNotMetres(lx: Lexed, first: number, n: number): boolean {
  if (n > 90) return false;
  for (let i = Math.max(0, first - 6); i < Math.min(lx.count, first + 4); i++) if (TIME_WORDS.distance.has(lx.norm[i]!)) return false;
  return true;
}

/**
 * A number in a list of figures that end in one minutes word: "12 and 25 min", "12/25 min", "10, 8
 * and 12 minutes", "12 & 25'". The list is joined by "and", "&" or "/" (a comma only before a later
 * "and"), every figure is a plain number up to 90, and nothing before the first says it is something
 * else (a count "x10", a score "6/10", a reading "120/80").
 */
const LIST_JOIN = new Set(['and', '&', '/', ',']);
function sharesMinuteWord(lx: Lexed, first: number): boolean {
  const previous = lx.norm[first - 1];
  if (previous === '/' || previous === 'x' || previous === '×' || previous === '-' || previous === '.' || lx.kind[first - 1] === Kind.Num) return false;
  let i = first + 1;
  let anded = false;
  let commas = false;
  for (let figures = 1; figures <= 6; figures++) {
    const join = lx.norm[i];
    if (join === undefined || !LIST_JOIN.has(join) || lx.kind[i] === Kind.Newline) return false;
    if (join === ',') commas = true;
    else anded = true;
    // ", and" is one joiner.
    if (join === ',' && lx.norm[i + 1] === 'and') i++;
    const n = i + 1;
    if (lx.kind[n] !== Kind.Num || !(lx.value[n]! >= 1 && lx.value[n]! <= 90) || lx.norm[n]!.length > 2) return false;
    const after = n + 1;
    if (MINUTE.test(lx, after) || (lx.norm[after] === "'" && lx.spaceBefore[after] === 0)) {
      // "12/25 min" reads as a pair only when written as one ("12/25" with no spaces around the slash).
      if (join === '/' && (lx.spaceBefore[i] !== 0 || lx.spaceBefore[n] !== 0)) return false;
      return anded && (!commas || join !== ',');
    }
    // A slash pairs two figures only ("12/25 min"): "6/10 and 25 min" is a score, then a time.
    if (join === '/') return false;
    i = after;
  }
  return false;
}

// After "x2" in a repeated length: a frequency ("x2/wk", "x 2 wks", "x2 daily") is how often, not more time.
const FREQUENCY_AFTER = new Set(['/', 'wk', 'wks', 'week', 'weeks', 'day', 'days', 'daily', 'month', 'months', 'mo', 'per', 'a', 'weekly', 'sets', 'set', 'reps', 'rep']);
const repeatEnds = (lx: Lexed, after: number): boolean => !FREQUENCY_AFTER.has(lx.norm[after] ?? '');

const meridiem = (lx: Lexed, p: Part | undefined): string | undefined => (p ? lx.norm[p.first]!.charAt(0) : undefined);
const AMPM = word(...words('meridiem'));
// "a"/"p" alone are meridiem only written against the time ("2:00p") or followed by ".m" ("2:00 p.m.").
const ampmAt = (lx: Lexed, i: number): boolean => {
  const w = lx.norm[i]!;
  if (lx.kind[i] !== Kind.Word) return false;
  if (w === 'am' || w === 'pm') return true;
  if (w !== 'a' && w !== 'p') return false;
  const against = lx.spaceBefore[i] === 0 && i > 0 && lx.end[i - 1] === lx.start[i];
  const dotM = lx.norm[i + 1] === '.' && lx.norm[i + 2] === 'm';
  return against || dotM;
};
const MERIDIEM: TokenElement = { ...AMPM, test: ampmAt };
const DOT_M = opt(where(punct('.'), (lx, i) => lx.norm[i + 1] === 'm'));
const M_WORD = opt(word('m'));
const DOT = opt(punct('.'));

function clock(h: number, m: number, ap: string | undefined): { value: number; data: Record<string, unknown> } {
  return { value: h * 60 + m, data: { hour: h, minute: m, meridiem: ap } };
}

/** A length written as a limit (time.json limit-more-than, limit-less-than): ServiceTime.bound. */
export type TimeBound = 'more-than' | 'at-least' | 'less-than' | 'at-most';
const LIMIT_MORE = words('limit-more-than');
const LIMIT_LESS = words('limit-less-than');
const LIMIT = word(...LIMIT_MORE, ...LIMIT_LESS);
/** The bound a limit word (and an "=" after it: ">= 10 min") gives. */
function boundOf(lx: Lexed, limit: Part, orEqual: boolean): TimeBound {
  const w = lx.norm[limit.first]!;
  const more = LIMIT_MORE.includes(w);
  const inclusive = orEqual || w === '\u2265' || w === '\u2264';
  return more ? (inclusive ? 'at-least' : 'more-than') : inclusive ? 'at-most' : 'less-than';
}

// Layer 2: durations, clocks, counts.
const atomRows: Rule[] = [
  { name: 'duration: <n> <minute word>', kind: 'duration', pattern: [NUMBER_ITEM, MINUTE], make: (p) => ({ value: value(p[0]) }) },
  {
    name: "duration: <n>+ <minute word> (at least: '10+ min')",
    kind: 'duration',
    pattern: [NUMBER_ITEM, tight(punct('+')), MINUTE],
    make: (p) => ({ value: value(p[0]), data: { bound: 'at-least' satisfies TimeBound } }),
  },
  {
    name: "duration: <n>-minute (names a thing: '6-minute walk test')",
    kind: 'duration',
    pattern: [NUMBER_ITEM, tight(punct('-')), tight(MINUTE)],
    make: (p) => ({ value: value(p[0]), data: { adjectival: true } }),
  },
  { name: "duration: <n>' (minute mark)", kind: 'duration', pattern: [num(1, 600), tight(MARK)], make: (p, lx) => ({ value: tokenValue(lx, p[0]) }) },
  {
    name: 'duration: <n>m (written against the number)',
    kind: 'duration',
    pattern: [num(1, 600), tight(word('m'))],
    // Lower-case only: "46M" is an age and sex, "15m" is minutes.
    make: (p, lx) => (lx.text[lx.start[p[1]!.first]!] === 'm' && minutesNotMetres(lx, p[0]!.first, tokenValue(lx, p[0])) ? { value: tokenValue(lx, p[0]) } : null),
  },
  {
    name: 'duration: <n> m (spaced, in a treatment line, never near distances)',
    kind: 'duration',
    pattern: [num(1, 90), word('m')],
    make: (p, lx) =>
      lx.spaceBefore[p[1]!.first]! > 0 && lx.text[lx.start[p[1]!.first]!] === 'm' && lx.kind[p[1]!.end] !== Kind.Word && minutesNotMetres(lx, p[0]!.first, tokenValue(lx, p[0]))
        ? { value: tokenValue(lx, p[0]) }
        : null,
  },
  {
    name: "duration: <n> sharing the minutes word of a figure after it ('12 and 25 min', '12/25 min', '10, 8 and 12 minutes')",
    kind: 'duration',
    pattern: [num(1, 90, [1, 2])],
    make: (p, lx) => (sharesMinuteWord(lx, p[0]!.first) ? { value: tokenValue(lx, p[0]), data: { sharedUnit: true } } : null),
  },
  {
    name: 'duration: <n> hr',
    kind: 'duration',
    pattern: [NUMBER_ITEM, HOUR],
    // The minutes of a clock time ("14:05 hrs") are no hours.
    make: (p, lx) => (lx.norm[p[0]!.first - 1] === ':' && lx.spaceBefore[p[0]!.first] === 0 ? null : { value: Math.round(value(p[0]) * 60), data: { hours: true } }),
  },
  {
    // Stopwatch and EHR timer fields: "00:23:00", "0:15:00", "01:05:30". Hours up to 2, so a clock
    // time with seconds ("14:23:05", a signature stamp) is never a length.
    name: 'duration: hh:mm:ss timer (00:23:00)',
    kind: 'duration',
    pattern: [num(0, 2, [1, 2]), tight(punct(':')), tight(num(0, 59, [2, 2])), tight(punct(':')), tight(num(0, 59, [2, 2]))],
    make: (p, lx) => {
      // Whole minutes: seconds never make up a minute of treatment time.
      const minutes = tokenValue(lx, p[0]) * 60 + tokenValue(lx, p[2]);
      return minutes > 0 ? { value: minutes, data: { timer: true } } : null;
    },
  },
  {
    name: 'duration: a fraction of an hour (1/2 hr, 1/4 hour, 3/4 hr)',
    kind: 'duration',
    pattern: [num(1, 3, [1, 1]), tight(punct('/')), tight(num(2, 4, [1, 1])), HOUR],
    make: (p, lx) => {
      const a = tokenValue(lx, p[0]);
      const b = tokenValue(lx, p[2]);
      return a < b ? { value: Math.round((a / b) * 60), data: { hours: true } } : null;
    },
  },
  { name: 'duration: quarter hour / three quarters of an hour', kind: 'duration', pattern: [opt(word('three')), word('quarter', 'quarters'), opt(word('of')), opt(word('an', 'a')), opt(punct('-')), HOUR], make: (p) => ({ value: p[0] ? 45 : 15 }) },
  { name: 'duration: half an hour', kind: 'duration', pattern: [word('half'), opt(word('an', 'a')), HOUR], make: () => ({ value: 30 }) },
  { name: 'duration: a half hour / an hour', kind: 'duration', pattern: [word('a', 'an'), opt(word('half')), HOUR], make: (p) => ({ value: p[1] ? 30 : 60 }) },
  {
    name: 'clock: h:mm',
    kind: 'clock',
    pattern: [num(0, 23, [1, 2]), tight(punct(':')), tight(num(0, 59, [2, 2]))],
    make: (p, lx) => clock(tokenValue(lx, p[0]), tokenValue(lx, p[2]), undefined),
  },
  {
    name: 'clock: h:mm am/pm (8:18am, 2:00p, 1:42 p.m.)',
    kind: 'clock',
    pattern: [num(0, 23, [1, 2]), tight(punct(':')), tight(num(0, 59, [2, 2])), MERIDIEM, DOT_M, M_WORD, DOT],
    make: (p, lx) => clock(tokenValue(lx, p[0]), tokenValue(lx, p[2]), meridiem(lx, p[3])),
  },
  {
    // Military style writes "hrs" after a clock time: "14:05 hrs - 14:31 hrs" is a range, not five hours.
    name: 'clock: h:mm hrs (24-hour with "hrs")',
    kind: 'clock',
    pattern: [num(0, 23, [1, 2]), tight(punct(':')), tight(num(0, 59, [2, 2])), word('hrs', 'hr', 'h')],
    make: (p, lx) => clock(tokenValue(lx, p[0]), tokenValue(lx, p[2]), undefined),
  },
  {
    name: 'clock: hhmm (24-hour, in a range only)',
    kind: 'hhmm',
    pattern: [where(num(0, 2359, [3, 4]), (lx, i) => /^\d+$/.test(lx.norm[i]!)), opt(word('hrs', 'hr', 'h'))],
    make: (p, lx) => {
      const v = tokenValue(lx, p[0]);
      return v % 100 < 60 ? clock(Math.floor(v / 100), v % 100, undefined) : null;
    },
  },
  {
    name: 'clock: h.mm (a full stop for the colon, in a range only)',
    kind: 'dotclock',
    pattern: [where(num(0, 23.59), (lx, i) => /^\d{1,2}\.[0-5]\d$/.test(lx.norm[i]!))],
    make: (p, lx) => {
      const [h, m] = lx.norm[p[0]!.first]!.split('.').map(Number) as [number, number];
      return clock(h, m, undefined);
    },
  },
  { name: 'clock: h am/pm', kind: 'clock', pattern: [num(1, 12, [1, 2]), MERIDIEM, DOT_M, M_WORD, DOT], make: (p, lx) => clock(tokenValue(lx, p[0]), 0, meridiem(lx, p[1])) },
  // "97124 Units: 1" is a code and a field label, not 97124 units.
  { name: 'units: <n> units', kind: 'units', pattern: [NUMBER_ITEM, UNITS], make: (p) => (value(p[0]) <= 20 ? { value: value(p[0]) } : null) },
  {
    name: 'duration: Minutes: <n> (a field label before the figure; "Duration (min): 15")',
    kind: 'duration',
    pattern: [word('minutes', 'mins', 'min', 'duration'), opt(punct('(')), opt(MINUTE), opt(punct(')')), punct(':', '=', '-'), NUMBER_ITEM],
    // "Time: 10:00" is a clock; a figure with a unit after it is read by its own row.
    make: (p, lx) => {
      if (Boolean(p[1]) !== Boolean(p[3]) || (p[1] && !p[2])) return null; // a bracket holds the unit, whole
      // "Minutes: 97124 14 | 97110 24": a code after the label heads its own figure (the code row's).
      if (!(value(p[5]) <= 600)) return null;
      return lx.norm[p[5]!.end] === ':' || UNITS.test(lx, p[5]!.end) ? null : { value: value(p[5]) };
    },
  },
  { name: 'units: units: <n>', kind: 'units', pattern: [word('units', 'unit'), opt(punct(':', '=', '-', '#')), opt(X), num(0, 20)], make: (p, lx) => ({ value: tokenValue(lx, p[3]) }) },
  { name: 'count: (<n>)', kind: 'paren', pattern: [punct('('), num(0, 300), punct(')')], make: (p, lx) => ({ value: tokenValue(lx, p[1]) }) },
  {
    // Minutes only where the line's label says its figures are minutes ("Tx (min): ther ex — 18 | gait — 10"): time.ts decides.
    name: 'figure: a bare number closing an entry after a dash or colon ("… — 18 |", "…: 12" at the end of the line)',
    kind: 'entryfig',
    pattern: [punct('-', ':', '='), num(1, 180, [1, 3])],
    make: (p, lx) => {
      const next = p[1]!.end;
      if (!(next >= lx.count || lx.kind[next] === Kind.Newline || lx.norm[next] === '|' || lx.norm[next] === ';')) return null;
      return { value: tokenValue(lx, p[1]), data: { valueFirst: p[1]!.first } };
    },
  },
];

// Layer 3: what combines atoms.
const CLOCKISH = ['clock', 'hhmm', 'dotclock'];
function rangeMinutes(a: Item, b: Item): number | null {
  const ap = (a.data?.meridiem as string | undefined) ?? (b.data?.meridiem as string | undefined);
  const bp = (b.data?.meridiem as string | undefined) ?? ap;
  const h24 = (h: number, m: string | undefined) => (m === 'p' && h < 12 ? h + 12 : m === 'a' && h === 12 ? 0 : h);
  const ah = h24(a.data!.hour as number, ap);
  const bh = h24(b.data!.hour as number, bp);
  const start = ah * 60 + (a.data!.minute as number);
  let end = bh * 60 + (b.data!.minute as number);
  // 12-hour times without a marker: "12:50-1:10" crosses noon.
  if (end <= start && !bp && bh <= 12) end += 12 * 60;
  if (end <= start) end += 24 * 60;
  const minutes = end - start;
  return minutes > 0 && minutes <= 300 ? minutes : null;
}

/** Minutes from a clock item's time to another clock item's (12-hour aware), for chained ranges. */
export function clockGap(from: Item, to: Item): number | null {
  return rangeMinutes(from, to);
}
// A number followed by one of these is not a time range ("flexion 120-135 deg", "lift 1000-1200 lb").
const NOT_TIME_AFTER = new Set(['deg', 'degree', 'degrees', '°', 'lb', 'lbs', 'kg', 'cm', 'mm', 'in', 'ft', '%', 'reps', 'sets', 'm', 'x', 'mmhg', 'bpm']);
const rangeRows: Rule[] = [];
for (const left of CLOCKISH) {
  for (const right of CLOCKISH) {
    rangeRows.push({
      name: `range: <${left}> - <${right}>`,
      kind: 'range',
      pattern: [item(left), JOIN, item(right)],
      make: (p, lx) => {
        const a = p[0]!.item!;
        const b = p[2]!.item!;
        // Decimal clocks pair only with each other ("8.05-8.20"), never with a plain number ("44.5-46 cm").
        if ((a.kind === 'dotclock') !== (b.kind === 'dotclock')) return null;
        if (a.kind === 'hhmm' || b.kind === 'hhmm' || a.kind === 'dotclock') {
          // 24-hour figures could be other numbers: no unit after them, and the end is later the same day.
          if (NOT_TIME_AFTER.has(lx.norm[b.end] ?? '')) return null;
          if (a.kind === b.kind && a.value >= b.value) return null;
        }
        const minutes = rangeMinutes(a, b);
        return minutes === null ? null : { value: minutes, data: { endClock: b } };
      },
    });
  }
}
rangeRows.push({
  name: 'range: from <h|clock> to <clock|h>',
  kind: 'range',
  pattern: [word('from'), opt(NUMBER_ITEM), opt(item('clock')), JOIN, opt(item('clock')), opt(num(1, 12, [1, 2]))],
  make: (p, lx) => {
    const a = p[2]?.item ?? (p[1] ? { data: { hour: numberOf(lx, p[1]), minute: 0 } } : undefined);
    const b = p[4]?.item ?? (p[5] ? { data: { hour: tokenValue(lx, p[5]), minute: 0 } } : undefined);
    if (!a || !b || (!p[2] && !p[4])) return null; // at least one side must be a real clock time
    if ((a.data!.hour as number) > 23) return null;
    const minutes = rangeMinutes(a as Item, b as Item);
    return minutes === null ? null : { value: minutes, data: { endClock: b } };
  },
});
// "Start 9:00 … End 9:15", "Time in: 0900  Time out: 0945": a range written as two labelled clocks.
const CLOCK_ITEM = ['clock', 'hhmm', 'dotclock'];
const END_WORDS = ['end', 'ended', 'stop', 'stopped', 'finish', 'finished', 'out', 'done'];
const BETWEEN: TokenElement = { type: 'token', test: (lx, i) => lx.kind[i] !== Kind.Newline && lx.kind[i] !== Kind.Num && !END_WORDS.includes(lx.norm[i]!), repeat: true };
for (const a of CLOCK_ITEM) {
  for (const b of CLOCK_ITEM) {
    rangeRows.push({
      name: `range: start <${a}> … end <${b}>`,
      kind: 'range',
      pattern: [word('start', 'started', 'begin', 'began', 'in'), opt(punct(':', '-', '=')), item(a), opt(BETWEEN), word(...END_WORDS), opt(punct(':', '-', '=')), item(b)],
      make: (p, lx) => {
        if (p[3] && p[3].end - p[3].first > 6) return null;
        const minutes = rangeMinutes(p[2]!.item!, p[6]!.item!);
        // "Time in … time out" is the visit's own span: a treatment total.
        const visit = lx.norm[p[0]!.first] === 'in' && lx.norm[p[0]!.first - 1] === 'time';
        return minutes === null ? null : { value: minutes, kind: visit ? 'total' : 'range', data: visit ? { total: 'treatment', valueFirst: p[2]!.first } : undefined };
      },
    });
  }
}
const composeRows: Rule[] = [
  ...rangeRows,
  ...CLOCK_ITEM.map<Rule>((kind) => ({
    name: `range end: until <${kind}> (chained after a range: "from 2 to 2:15 … then ther ex until 2:40")`,
    kind: 'until',
    pattern: [word('until', 'till', 'til', 'thru'), item(kind)],
    make: (p) => ({ value: 0, data: { clock: p[1]!.item } }),
  })),
  {
    name: 'figure: a number right after a code ("97124 15", "97110: 23")',
    kind: 'codefig',
    pattern: [num(97000, 98999, [5, 5]), opt(punct(':', '=', '-')), num(1, 180, [1, 3])],
    make: (p, lx) => {
      // "97124-59" written against its code is a modifier, and "97124-12" looks the same: such a figure is
      // minutes only on a line whose label declares minutes ("Minutes: 97124-12 / 97110-23"; time.ts keeps it
      // there and drops it elsewhere). "97124 15 min" is read by the duration rows; "97110 2 units" by the units rows.
      const dashed = p[1] !== undefined && lx.norm[p[1].first] === '-' && lx.spaceBefore[p[1].first] === 0;
      const next = lx.norm[p[2]!.end] ?? '';
      // Only a bare figure: one with a unit or word after it ("15 min", "2 units", "12 deg") is another row's.
      // A slash before the next code lists codes ("97124-12 / 97110-23"), not a score or a date.
      const listsCodes = next === '/' && lx.kind[p[2]!.end + 1] === Kind.Num && lx.value[p[2]!.end + 1]! >= 97000 && lx.value[p[2]!.end + 1]! <= 98999;
      // "97124 10+ min": a length with its bound, the duration rows'.
      if (next === '+' && lx.kind[p[2]!.end + 1] === Kind.Word) return null;
      if (next === ':' || (next === '/' && !listsCodes) || next === '%' || next === "'" || lx.kind[p[2]!.end] === Kind.Word || lx.kind[p[2]!.end] === Kind.Num) return null;
      // "97140-59-GP": a chain of modifiers.
      if (dashed && next === '-' && lx.spaceBefore[p[2]!.end] === 0) return null;
      return { value: tokenValue(lx, p[2]), data: dashed ? { valueFirst: p[2]!.first, dashed: true } : { valueFirst: p[2]!.first } };
    },
  },
  {
    name: 'duration: <n> hr <n> min (1h05m, 1 hr 15 min)',
    kind: 'duration',
    pattern: [item('duration'), num(0, 59), opt(MINUTE), opt(word('m')), opt(MARK)],
    make: (p, lx) => (p[0]!.item!.data?.hours && (p[2] || p[3] || p[4]) ? { value: value(p[0]) + tokenValue(lx, p[1]) } : null),
  },
  { name: "duration: x <duration> ('x12'', 'x 15 min')", kind: 'duration', pattern: [X, item('duration')], make: (p) => ({ value: value(p[1]) }) },
  {
    // The minutes are the bound; the kind of bound is kept ("Massage 97124 >10 min": more than 10).
    name: "duration: a limit before it ('>10 min', '< 8 min', '>= 10 min', 'over 10 min')",
    kind: 'duration',
    pattern: [LIMIT, opt(tight(punct('='))), item('duration')],
    make: (p, lx) => ({ value: value(p[2]), data: { ...p[2]!.item!.data, bound: boundOf(lx, p[0]!, p[1] !== undefined) } }),
  },
  {
    // The same length done again: "15 minutes x2", "15' x 2", "15 min x 2 bouts" (never "x2/wk", "x 2 wks").
    name: 'duration: <duration> x <n> (repeated)',
    kind: 'duration',
    pattern: [item('duration'), X, num(2, 4, [1, 1])],
    make: (p, lx) => (repeatEnds(lx, p[2]!.end) ? { value: value(p[0]) * tokenValue(lx, p[2]), data: { repeated: tokenValue(lx, p[2]) } } : null),
  },
  {
    name: 'duration: <n> x <duration> (repeated: "2 x 15 min", "2x10\'")',
    kind: 'duration',
    pattern: [num(2, 4, [1, 1]), X, item('duration')],
    make: (p, lx) => (lx.norm[p[0]!.first - 1] !== '/' && lx.kind[p[0]!.first - 1] !== Kind.Num ? { value: value(p[2]) * tokenValue(lx, p[0]), data: { repeated: tokenValue(lx, p[0]) } } : null),
  },
  { name: 'units: x <units>', kind: 'units', pattern: [X, item('units')], make: (p) => ({ value: value(p[1]) }) },
  { name: 'count: x <n>', kind: 'times', pattern: [X, num(1, 20)], make: (p, lx) => ({ value: tokenValue(lx, p[1]) }) },
  { name: 'count: <n>x', kind: 'times', pattern: [num(1, 20), tight(X)], make: (p, lx) => ({ value: tokenValue(lx, p[0]) }) },
];

// Layer 4: totals. The label is a run of label words in any order ("total timed code minutes",
// "Tx time", "TTT"); the value follows after punctuation or a dotted leader, and after linking words
// ("was", "spent with the patient") with punctuation before or after them.
const LABEL_ROWS = ['total-lead', 'total-timed', 'total-untimed', 'total-treatment', 'total-noun', 'total-abbreviation-timed', 'total-abbreviation-treatment'] as const;
const labelKind = new Map<string, (typeof LABEL_ROWS)[number]>();
for (const id of LABEL_ROWS) for (const w of words(id)) if (!labelKind.has(w)) labelKind.set(w, id);
// A hyphenated label the rows list whole ("face-to-face", "non-timed"): the lexer splits it at its hyphens.
const HYPHENATED_LABELS = [...labelKind.keys()].filter((w) => w.includes('-')).map((w) => w.split('-'));
function inHyphenatedLabel(lx: Lexed, i: number): boolean {
  if (lx.norm[i] !== '-' && lx.norm[i - 1] !== '-' && lx.norm[i + 1] !== '-') return false;
  for (const parts of HYPHENATED_LABELS) {
    const n = parts.length * 2 - 1;
    for (let first = Math.max(0, i - n + 1); first <= i; first++) {
      let whole = first + n <= lx.count;
      for (let k = 0; whole && k < n; k++) {
        const t = first + k;
        whole = k % 2 === 0 ? lx.norm[t] === parts[k / 2] : lx.norm[t] === '-' && lx.spaceBefore[t] === 0 && lx.spaceBefore[t + 1] === 0;
      }
      if (whole) return true;
    }
  }
  return false;
}
const isLabelWord = (lx: Lexed, i: number): boolean => (lx.kind[i] === Kind.Word && labelKind.has(lx.norm[i]!)) || inHyphenatedLabel(lx, i);
const QUALIFIER_JOINERS = new Set(['+', '&', 'and', '/', 'plus']);
/**
 * Token i is inside (or a bracket of) a qualifier in brackets after a label word that holds only label words and
 * joiners: "TTT (untimed + timed) 52'", "Total (timed and untimed): 52".
 */
function inLabelQualifier(lx: Lexed, i: number): boolean {
  let open = i;
  while (open >= 0 && i - open <= 6 && lx.norm[open] !== '(') open--;
  if (open < 1 || lx.norm[open] !== '(' || !isLabelWord(lx, open - 1)) return false;
  let close = open + 1;
  while (close < lx.count && close - open <= 7 && lx.norm[close] !== ')') close++;
  if (lx.norm[close] !== ')' || close < i || close - open < 3) return false;
  for (let k = open + 1; k < close; k++) if (!isLabelWord(lx, k) && !QUALIFIER_JOINERS.has(lx.norm[k]!)) return false;
  return true;
}
// A label word may be followed by its abbreviation in brackets: "Total treatment time (TTT) 45 min".
const LABEL_WORD: TokenElement = {
  type: 'token',
  words: [...labelKind.keys(), ...HYPHENATED_LABELS.map((parts) => parts[0]!)],
  test: (lx, i) =>
    isLabelWord(lx, i) ||
    (lx.norm[i] === '(' && isLabelWord(lx, i - 1) && isLabelWord(lx, i + 1) && lx.norm[i + 2] === ')') ||
    (lx.norm[i] === ')' && isLabelWord(lx, i - 1) && lx.norm[i - 2] === '(' && isLabelWord(lx, i - 3)) ||
    inLabelQualifier(lx, i),
  repeat: true,
};
const SEPARATOR: Element = opt(many(punct(':', '=', '-', '.', '…', '_', '~')));
const LINKING = opt(many(word(...words('total-linking'))));

export type TotalKind = 'timed' | 'untimed' | 'treatment';
/** The kind of total a label names, or null when the words are not a total ("Tx:" alone is a heading). */
export function totalLabelKind(labelWords: readonly string[]): TotalKind | null {
  const kinds = new Set(labelWords.map((w) => labelKind.get(w)));
  // "TTT (untimed + timed)": timed and untimed together are the whole treatment time.
  if (kinds.has('total-untimed') && (kinds.has('total-timed') || kinds.has('total-abbreviation-treatment')) && labelWords.some((w) => QUALIFIER_JOINERS.has(w))) return 'treatment';
  if (kinds.has('total-untimed')) return 'untimed';
  if (kinds.has('total-timed') || kinds.has('total-abbreviation-timed')) return 'timed';
  if (kinds.has('total-abbreviation-treatment')) return 'treatment';
  const lead = kinds.has('total-lead');
  const noun = kinds.has('total-noun');
  const treatment = kinds.has('total-treatment');
  // "Total: 48", "Total treatment time", "Tx time", "Session length" — but not "treatment" or "time" alone.
  if (lead || (treatment && noun)) return 'treatment';
  return null;
}

/** "38 min timed", "45 min total": a kind word written after the figure instead of in the label. */
const POSTFIX_KIND: ReadonlyMap<string, TotalKind> = new Map([
  ...words('total-timed').map((w) => [w, 'timed'] as const),
  ...words('total-untimed').map((w) => [w, 'untimed'] as const),
  ...words('total-lead').map((w) => [w, 'treatment'] as const),
]);

/**
 * "Treatment 9:02-9:40", "Tx 0902-0940", "Session: 1400-1445": a clock range under a session word alone,
 * opening its line or sentence and closing its clause, is the session's span: the treatment total. (A duration there is not:
 * "Tx 15 min" is a service's time.)
 */
function sessionClock(lx: Lexed, label: Part, v: Part): TotalKind | null {
  if (v.item?.kind !== 'range') return null;
  for (let i = label.first; i < label.end; i++) if (labelKind.get(lx.norm[i]!) !== 'total-treatment') return null;
  // The range closes its clause: "Tx 1402-1417 97124 massage; 1417-1440 ther ex" is a list of services by time.
  const after = v.end;
  // (A range may end in its own full stop: "2:10-2:55 p.m." or "pm.")
  if (after < lx.count && lx.kind[after] !== Kind.Newline && !['.', ';', ','].includes(lx.norm[after]!) && lx.norm[after - 1] !== '.') return null;
  const before = label.first - 1;
  return before < 0 || lx.kind[before] === Kind.Newline || lx.norm[before] === '.' || lx.norm[before] === ';' ? 'treatment' : null;
}

function totalMake(p: readonly (Part | undefined)[], lx: Lexed): { value: number; data: Record<string, unknown> } | null {
  const label = p[0]!;
  const labelWords: string[] = [];
  for (let i = label.first; i < label.end; i++) labelWords.push(lx.norm[i]!);
  const v = p[p.length - 1]!;
  let kind = totalLabelKind(labelWords) ?? sessionClock(lx, label, v);
  if (!kind) return null;
  // "Total: 35 min timed / 41 min total": a label that only says "total" takes the kind written after its figure.
  const postfix = POSTFIX_KIND.get(lx.norm[v.end] ?? '');
  if (postfix && postfix !== 'treatment' && labelWords.every((w) => labelKind.get(w) === 'total-lead' || labelKind.get(w) === 'total-noun' || !labelKind.has(w))) kind = postfix;
  const minutes = v.item ? v.item.value : tokenValue(lx, v);
  if (!(minutes > 0 && minutes <= 600)) return null;
  return { value: minutes, data: { total: kind, valueFirst: v.first } };
}
const totalRows: Rule[] = [
  // "Timed total (52)": a figure in brackets under a total's label is that total's minutes.
  ...['duration', 'range', 'paren'].map<Rule>((kind) => ({
    name: `total: <label> <${kind}>`,
    kind: 'total',
    pattern: [LABEL_WORD, SEPARATOR, LINKING, SEPARATOR, item(kind)],
    make: totalMake,
  })),
  {
    name: 'total: <label> <n> (a bare number, digits or spelled: "Total timed minutes: 38", "… : forty")',
    kind: 'total',
    pattern: [LABEL_WORD, SEPARATOR, LINKING, SEPARATOR, item('number')],
    make: (p, lx) => {
      const after = p[4]!.end;
      // "Total: 8:05-8:45" is the range row's; "Total 3 units", "a total of 5 mL" are not time (a
      // figure with minutes after it is the duration row's).
      if (lx.norm[after] === ':' || lx.norm[after] === '%' || (lx.norm[after] === '/' && lx.kind[after + 1] === Kind.Num)) return null;
      // Under a total's label a bare "m" is minutes whatever the figure ("Total timed: 95m"); a word after
      // a wide gap or tab starts the next field ("Timed minutes: 41      Treatment time: …").
      // So does the next total's label in a note dictated without punctuation ("… timed minutes 37 total treatment …").
      const nextField = lx.spaceBefore[after]! >= 2 || lx.tabBefore[after] === 1 || (lx.kind[after] === Kind.Word && labelKind.get(lx.norm[after]!) === 'total-lead');
      if (lx.kind[after] === Kind.Word && !(lx.norm[after] === 'm' && lx.spaceBefore[after] === 0) && !nextField) return null;
      return totalMake(p, lx);
    },
  },
  {
    // "for a total of 37 timed minutes", "45 total treatment minutes": the label between the figure and its minutes word.
    name: 'total: <n> <label> <minute word> ("37 timed minutes", "45 total minutes")',
    kind: 'total',
    pattern: [NUMBER_ITEM, { ...LABEL_WORD, test: (lx, i) => LABEL_WORD.test(lx, i) && !MINUTE.test(lx, i) }, MINUTE],
    make: (p, lx) => {
      const labelWords: string[] = [];
      for (let i = p[1]!.first; i < p[2]!.end; i++) labelWords.push(lx.norm[i]!);
      const kind = totalLabelKind(labelWords);
      const minutes = value(p[0]);
      // "neuro re-ed times three timed minutes fifty-two": a count of units before the next label, not a total.
      const before = lx.norm[p[0]!.first - 1];
      if (before === 'times' || before === 'x' || before === '\u00d7' || lx.kind[p[0]!.first - 1] === Kind.Num) return null;
      return kind && minutes > 0 && minutes <= 600 ? { value: minutes, data: { total: kind, valueFirst: p[0]!.first, labelAfter: true } } : null;
    },
  },
  {
    // "Total: 35 min timed / 41 min total": a second figure after a slash or comma, its kind written
    // after it, on a line that a total's label opens.
    name: 'total: / <duration> <kind word> (a second total on a totals line: "… / 45 min total")',
    kind: 'total',
    pattern: [punct('/', ',', ';', '|'), opt(word('and')), item('duration'), { ...word(...POSTFIX_KIND.keys()) }],
    make: (p, lx) => {
      const kind = POSTFIX_KIND.get(lx.norm[p[3]!.first]!)!;
      let lineFirst = p[0]!.first;
      while (lineFirst > 0 && lx.kind[lineFirst - 1] !== Kind.Newline) lineFirst--;
      let labelled = false;
      for (let i = lineFirst; i < Math.min(p[0]!.first, lineFirst + 4) && !labelled; i++) labelled = labelKind.get(lx.norm[i]!) === 'total-lead';
      const minutes = value(p[2]);
      return labelled && minutes > 0 && minutes <= 600 ? { value: minutes, data: { total: kind, valueFirst: p[2]!.first } } : null;
    },
  },
];

const LAYERS = [numberRows, atomRows, composeRows, totalRows].map(compileLayer);

/** Every row, for docs and tests. */
export const TIME_RULE_NAMES: readonly string[] = [numberRows, atomRows, composeRows, totalRows].flat().map((r) => r.name);

export interface TimeItems {
  index: ItemIndex;
  durations: Item[];
  ranges: Item[];
  units: Item[];
  counts: Item[];
  parens: Item[];
  /** Bare figures closing an entry: minutes only under a label that declares minutes. */
  entryFigures: Item[];
  totals: Item[];
  /** "until 2:40": the end of a range that starts where the previous one ended. */
  untils: Item[];
}

export function parseTimes(lx: Lexed): TimeItems {
  const index = newIndex(lx.count);
  for (const layer of LAYERS) runLayer(lx, index, layer);
  // The items by kind, in one pass (each list in the order the items were found).
  const byKind = new Map<string, Item[]>();
  for (const it of index.all) {
    const list = byKind.get(it.kind);
    if (list) list.push(it);
    else byKind.set(it.kind, [it]);
  }
  const of = (kind: string): Item[] => byKind.get(kind) ?? [];
  return { index, durations: of('duration'), ranges: of('range'), units: of('units'), counts: of('times'), parens: [...of('paren'), ...of('codefig')], entryFigures: of('entryfig'), totals: of('total'), untils: of('until') };
}
