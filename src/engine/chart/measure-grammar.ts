// The measure grammar: objective values and how notes say they changed, as rows (grammar.ts).
// Vocabulary comes from data/grammar/measures.json; the rows say how the words combine.
//
//   values       6/10 | 6 out of 10 | 4+/5 | 52° | -30 deg | 5-108 deg | 58 lb grip | figure-8 48.5 cm
//                TUG 13.1 s | 305 m | 42% | TTP 2/4 | TTP grade 2 | 2+ spasm | MAS 1+ | sitting tolerance 20 min
//   changes      52° (40° at eval) | 160 degrees was 145 at eval | was 6/10, now 3/10 | 3/10 down from 6/10
//                from 50% to 75% | 6/10 -> 3/10 | LEFS 58 -> 72 | flexion up 15 deg | pain down 2 points
//                pain ↓ to 3/10 | +75 m | 5/10, same as last week | 45 deg (45 deg at initial)
import data from '../data/grammar/measures.json';
import { compileLayer, type Element, item, type Item, type ItemIndex, num, opt, type Part, punct, type Rule, runLayer, type TokenElement, where, word } from './grammar';
import { Kind, type Lexed } from './lex';
import type { MeasurementKind } from './types';

const rows = new Map(data.rows.map((r) => [r.id, r.words]));
const words = (id: string): string[] => {
  const list = rows.get(id);
  if (!list) throw new Error(`measures.json has no row "${id}"`);
  return list;
};
const setOf = (id: string) => new Set(words(id));

export const MEASURE_KINDS = new Map(data.kinds.map((k) => [k.kind as MeasurementKind, k]));
export const ATTRIBUTE_BETTER_WHEN: Record<string, string> = data.attributeBetterWhen.values;

const STRENGTH_CONTEXT = setOf('strength-context');
const GIRTH_CONTEXT = setOf('girth-context');
const TOLERANCE_CONTEXT = setOf('tolerance-context');
const SECONDS_MARK_CONTEXT = setOf('seconds-mark-context');
export const EARLIER = setOf('earlier-reference');
const OTHER_SIDE = setOf('other-side');
const UNCHANGED = setOf('unchanged');
const CHANGE_UP = setOf('change-up');
const CHANGE_DOWN = setOf('change-down');
const CHANGE_BETTER = setOf('change-better');
export const ATTRIBUTES = setOf('attribute');
export const SIDES = setOf('side');
/** The pieces of a written speed ("m" "/" "s"), for outcome scores whose unit is one; a time's units ('"': the double prime). */
export const SPEED_PARTS = { distance: setOf('distance-unit'), seconds: setOf('seconds-unit') };
export const TIME_UNITS: ReadonlySet<string> = new Set([...words('seconds-unit'), '"']);

const DEG = word(...words('degree-unit'));
const WEIGHT = word(...words('weight-unit'));
const LENGTH = word(...words('length-unit'));
const SECONDS = word(...words('seconds-unit'));
const DISTANCE = word(...words('distance-unit'));
const SPEED = word(...words('speed-unit'));
const PER: TokenElement = { type: 'token', test: (lx, i) => lx.norm[i] === '/' || lx.norm[i] === 'per' };
const LANDMARK_CONTEXT = setOf('landmark-context');
const LANDMARK_NAMED = setOf('landmark-named');
/** A vertebra's region letter: the level is offset + number, up to count ("T12" = 7 + 12). */
const SPINE = new Map(Object.entries(data.landmarks.spine).map(([letter, [offset, count]]) => [letter, { offset: offset!, count: count! }]));
const NAMED_LEVEL: Record<string, number> = data.landmarks.named;
/** How far back (tokens, same clause) a reach word is looked for: far enough for the earlier level ("to T8 today, was T12"). */
const LANDMARK_REACH = 10;
const TENDER = word(...words('tenderness-word'));
const SPASM = word(...words('spasm-word'));
const CHANGE = word(...words('change-up'), ...words('change-down'));
const ARROW_PIECES = words('arrow');
const ARROW: TokenElement = { ...word(...new Set([...ARROW_PIECES.join('')].concat(ARROW_PIECES))), repeat: true };
const ARROW_UP = word(...words('arrow-up'));
const ARROW_DOWN = word(...words('arrow-down'));
const V = item('measure');
const VALUE = item('number'); // bare numbers (from the time grammar's number layer)

const tokenValue = (lx: Lexed, p: Part | undefined): number => (p ? lx.value[p.first]! : Number.NaN);
const near = (lx: Lexed, from: number, to: number, set: Set<string>): boolean => {
  for (let i = Math.max(0, from); i < Math.min(lx.count, to); i++) {
    if (lx.kind[i] === Kind.Newline || lx.norm[i] === ';') {
      if (i < to - 1 && from < i) return near(lx, i + 1, to, set);
      continue;
    }
    if (set.has(lx.norm[i]!)) return true;
  }
  return false;
};
/** A clause-bounded look back from token `at`: the words before it up to a clause break. */
function lookBack(lx: Lexed, at: number, max: number, set: Set<string>): boolean {
  for (let i = at - 1, k = 0; i >= 0 && k < max; i--, k++) {
    const t = lx.norm[i]!;
    if (lx.kind[i] === Kind.Newline || t === ';' || t === '.' || t === ':') return false;
    if (set.has(t)) return true;
  }
  return false;
}

/** Motions measured as a length (measures.json lengthMotions): the word before a length, in its clause, names the motion. */
const LENGTH_MOTIONS: Record<string, string> = data.lengthMotions.attributes;
/** How far back (tokens, same clause) the motion is looked for: past a first value to a second ("opening 30 mm to begin, 36 mm after"). */
const LENGTH_MOTION_REACH = 12;
function lengthMotion(lx: Lexed, at: number): string | undefined {
  for (let i = at - 1, k = 0; i >= 0 && k < LENGTH_MOTION_REACH; i--, k++) {
    const t = lx.norm[i]!;
    if (lx.kind[i] === Kind.Newline || t === ';' || t === '.' || t === ':' || t === '(') return undefined;
    const motion = LENGTH_MOTIONS[t];
    if (motion) return motion;
  }
  return undefined;
}

// "R rot 60 -> 70 post", "pain 6 -> 3 after massage", "VSS 8 -> 6 post": two bare figures joined by an
// arrow, right after what they measure (a motion, a pain scale, or a scale by its capitalised abbreviation). The later figure is a value of that kind (the arrow row makes the change).
const BARE_CHANGE_KIND = new Map<string, MeasurementKind>([...words('bare-change-motion').map((w) => [w, 'rom'] as const), ...words('bare-change-pain').map((w) => [w, 'pain'] as const)]);
const BARE_CHANGE_NOT_AFTER = setOf('bare-change-not-after');
const NOT_A_SCALE = new Set([...words('bare-change-not-a-scale'), ...words('phase-treatment-named'), ...words('side'), ...words('degree-unit')]);
/** A scale named only by its capitalised abbreviation ("VSS", "POSAS"): 2-6 capital letters, not a program, unit or treatment name. */
function scaleAbbreviation(lx: Lexed, j: number): boolean {
  if (lx.kind[j] !== Kind.Word || NOT_A_SCALE.has(lx.norm[j]!)) return false;
  return /^[A-Z]{2,6}$/.test(lx.text.slice(lx.start[j]!, lx.end[j]!));
}
function bareChangeKind(lx: Lexed, at: number): MeasurementKind | undefined {
  const next = lx.norm[at + 1];
  // A unit after it: a value another row reads ("55 deg", "3/10") or a count of something else ("3 sets").
  if (next !== undefined && (BARE_CHANGE_NOT_AFTER.has(next) || next === '/' || next === '%' || DEG.test(lx, at + 1) || (next === '.' && lx.kind[at + 2] === Kind.Num))) return undefined;
  let i = at - 1;
  let arrow = '';
  while (i >= 0 && lx.kind[i] === Kind.Punct && arrow.length < 3) arrow = lx.norm[i--] + arrow;
  if (!ARROW_PIECES.includes(arrow) && !/^-{1,2}>$|^=>$/.test(arrow)) return undefined;
  if (i < 0 || lx.kind[i] !== Kind.Num) return undefined;
  // Then what it measures, a side or a colon between: "rot L 60", "pain: 6".
  for (let j = i - 1, k = 0; j >= 0 && k < 3; j--, k++) {
    const t = lx.norm[j]!;
    // "MAS 2 -> 1+": a tone scale's figures are grades (the grade row's).
    if (SPASM_WORDS.has(t)) return undefined;
    const kind = BARE_CHANGE_KIND.get(t) ?? (scaleAbbreviation(lx, j) ? 'score' : undefined);
    if (kind) return kind === 'pain' && (lx.value[i]! > 10 || lx.value[at]! > 10) ? undefined : kind;
    if (!SIDES.has(t) && t !== ':') return undefined;
  }
  return undefined;
}

// A bare grade later in a clause that graded tone: "MAS 2 -> 1+", "Ashworth 1+ post, 2 before tx", "MAS 2 at
// start, 1+ after massage". It is that scale's grade after an arrow from a grade, or when a phase word follows it.
const SPASM_WORDS = setOf('spasm-word');
const GRADE_PHASE_NEXT = setOf('grade-phase-next');
/** How far back (tokens, same clause) the spasm or tone scale of a bare grade is looked for. */
const GRADE_SCALE_REACH = 8;
function arrowFromGrade(lx: Lexed, at: number): boolean {
  let i = at - 1;
  let arrow = '';
  while (i >= 0 && lx.kind[i] === Kind.Punct && lx.norm[i] !== '+' && arrow.length < 3) arrow = lx.norm[i--] + arrow;
  if (!ARROW_PIECES.includes(arrow) && !/^-{1,2}>$|^=>$/.test(arrow)) return false;
  if (lx.norm[i] === '+' || lx.norm[i] === '-') i--;
  if (i < 0 || lx.kind[i] !== Kind.Num || lx.value[i]! > 4) return false;
  // The scale right before the earlier grade: "MAS 2", "Ashworth: 1+", "tone grade 2".
  for (let j = i - 1, k = 0; j >= 0 && k < 3; j--, k++) {
    if (SPASM_WORDS.has(lx.norm[j]!)) return true;
    if (lx.norm[j] !== ':' && lx.norm[j] !== 'grade' && !SIDES.has(lx.norm[j]!)) return false;
  }
  return false;
}
function gradeWithPhase(lx: Lexed, at: number): boolean {
  const last = lx.norm[at + 1] === '+' ? at + 1 : at;
  if (!GRADE_PHASE_NEXT.has(lx.norm[last + 1] ?? '')) return false;
  // The scale earlier in the clause with a grade after it ("MAS 2 at start, …"): "spasm B UT, 2 after" grades nothing.
  let graded = false;
  for (let i = at - 1, k = 0; i >= 0 && k < GRADE_SCALE_REACH; i--, k++) {
    const t = lx.norm[i]!;
    if (lx.kind[i] === Kind.Newline || t === ';' || t === '.' || t === ':') return false;
    if (lx.kind[i] === Kind.Num) graded = lx.value[i]! <= 4;
    else if (SPASM_WORDS.has(t)) return graded;
  }
  return false;
}

type Made = { value: number; data?: Record<string, unknown>; kind?: string } | null;
const measure = (kind: MeasurementKind, value: number, extra?: Record<string, unknown>): Made => ({ value, data: { kind, ...extra } });

// "-30 deg": a minus written against the number, after a space or a bracket (not "5-30").
const MINUS = opt(where(punct('-'), (lx, i) => lx.spaceBefore[i + 1] === 0 && (i === 0 || lx.spaceBefore[i]! > 0 || lx.norm[i - 1] === '(')));

// Layer 1: values.
const valueRows: Rule[] = [
  {
    name: 'pain: <n>/10',
    kind: 'measure',
    pattern: [num(0, 10), punct('/'), num(10, 10)],
    // "5/10/2026" and "3/5/10" are dates.
    make: (p, lx) => (lx.norm[p[2]!.end] === '/' || (p[0]!.first > 0 && lx.norm[p[0]!.first - 1] === '/') ? null : measure('pain', tokenValue(lx, p[0]))),
  },
  { name: 'pain: <n> out of 10', kind: 'measure', pattern: [num(0, 10), word('out'), word('of'), num(10, 10)], make: (p, lx) => measure('pain', tokenValue(lx, p[0])) },
  {
    name: 'strength grade: <n>[+/-]/5',
    kind: 'measure',
    pattern: [num(0, 5, [1, 1]), opt(punct('+', '-')), punct('/'), num(5, 5)],
    make: (p, lx) => measure('mmt', tokenValue(lx, p[0]) + (p[1] ? (lx.norm[p[1].first] === '+' ? 0.3 : -0.3) : 0)),
  },
  {
    name: 'range of motion: [-]<n> deg',
    kind: 'measure',
    pattern: [MINUS, num(0, 360), DEG],
    // "98.6 degrees F" is a temperature.
    make: (p, lx) => (/^[fc]$/.test(lx.norm[p[2]!.end] ?? '') ? null : measure('rom', (p[0] ? -1 : 1) * tokenValue(lx, p[1]))),
  },
  // Dictated notes spell the figures out ("fifty-two degrees", "six out of ten"): the number items of the
  // time grammar read them whole. Digits are the rows above's.
  {
    name: 'range of motion: <spelled n> deg ("fifty-two degrees")',
    kind: 'measure',
    pattern: [VALUE, DEG],
    make: (p, lx) => (lx.kind[p[0]!.first] === Kind.Word && p[0]!.item!.value <= 360 && !/^[fc]$/.test(lx.norm[p[1]!.end] ?? '') ? measure('rom', p[0]!.item!.value) : null),
  },
  {
    name: 'pain: <spelled n> out of ten ("six out of ten")',
    kind: 'measure',
    pattern: [VALUE, word('out'), word('of'), VALUE],
    make: (p, lx) => {
      const score = p[0]!.item!.value;
      const spelled = lx.kind[p[0]!.first] === Kind.Word || lx.kind[p[3]!.first] === Kind.Word;
      return spelled && p[3]!.item!.value === 10 && score >= 0 && score <= 10 ? measure('pain', score) : null;
    },
  },
  {
    name: 'range of motion arc: <n>-<n> deg',
    kind: 'measure',
    pattern: [num(0, 360), punct('-'), num(0, 360), DEG],
    make: (p, lx) => measure('rom', tokenValue(lx, p[2]), { arc: tokenValue(lx, p[0]) }),
  },
  {
    name: 'strength or load: <n> lb',
    kind: 'measure',
    pattern: [num(0, 2000), WEIGHT],
    // Grip and pinch are measured strength; a weight lifted or carried is a functional load.
    make: (p, lx) => measure(lookBack(lx, p[0]!.first, 6, STRENGTH_CONTEXT) ? 'strength' : 'load', tokenValue(lx, p[0])),
  },
  {
    name: 'range of motion: <n> mm / cm (a motion measured as a length: mouth opening, excursion, fingertip to floor)',
    kind: 'measure',
    pattern: [num(0, 300), LENGTH],
    make: (p, lx) => {
      const motion = lengthMotion(lx, p[0]!.first);
      return motion ? measure('rom', tokenValue(lx, p[0]), { attribute: motion }) : null;
    },
  },
  {
    name: 'girth: <n> cm (where swelling or circumference is talked about)',
    kind: 'measure',
    pattern: [num(0, 200), LENGTH],
    make: (p, lx) => (!lengthMotion(lx, p[0]!.first) && near(lx, p[0]!.first - 8, p[1]!.end + 6, GIRTH_CONTEXT) ? measure('girth', tokenValue(lx, p[0])) : null),
  },
  { name: 'timed test: <n> s', kind: 'measure', pattern: [num(0, 600), SECONDS], make: (p, lx) => measure('seconds', tokenValue(lx, p[0])) },
  {
    // The double prime (folded to '"') is seconds after a timed test's name: "TUG 16″", "SLS L 8\"".
    name: 'timed test: <n>" (a double prime after a timed test: TUG 16″)',
    kind: 'measure',
    pattern: [num(0, 600), where(punct('"'), (lx, i) => lx.spaceBefore[i] === 0)],
    make: (p, lx) => (lookBack(lx, p[0]!.first, 6, SECONDS_MARK_CONTEXT) ? measure('seconds', tokenValue(lx, p[0])) : null),
  },
  {
    name: 'distance: <n> ft / m / blocks',
    kind: 'measure',
    pattern: [num(0, 100000), DISTANCE],
    // "12m" written against a small number is minutes (the time grammar's row), "305 m" is metres.
    make: (p, lx) => (lx.norm[p[1]!.first] === 'm' && lx.spaceBefore[p[1]!.first] === 0 && tokenValue(lx, p[0]) <= 90 ? null : measure('distance', tokenValue(lx, p[0]))),
  },
  // Gait speed: "0.9 m/s", "2.6 ft/sec", "1.1 meters per second", "2 mph".
  {
    name: 'speed: <n> m/s, ft/s, meters per second',
    kind: 'measure',
    pattern: [num(0, 100), DISTANCE, PER, SECONDS],
    make: (p, lx) => measure('speed', tokenValue(lx, p[0])),
  },
  { name: 'speed: <n> mph', kind: 'measure', pattern: [num(0, 100), SPEED], make: (p, lx) => measure('speed', tokenValue(lx, p[0])) },
  // How far up the back a reach goes, as a landmark: "reaching to L3", "IR to T12", "HBB to sacrum".
  // Only after a reach word: "pain at L5" is where, not a measure.
  {
    name: 'level: a vertebra (T12, L3) after a reach word',
    kind: 'measure',
    pattern: [word(...SPINE.keys()), where(num(1, 12), (lx, i) => lx.spaceBefore[i] === 0)],
    make: (p, lx) => {
      const spine = SPINE.get(lx.norm[p[0]!.first]!)!;
      const n = tokenValue(lx, p[1]);
      if (!Number.isInteger(n) || n > spine.count || lx.norm[p[1]!.end] === '-' || !lookBack(lx, p[0]!.first, LANDMARK_REACH, LANDMARK_CONTEXT)) return null;
      return measure('level', spine.offset + n);
    },
  },
  {
    name: 'level: a landmark below the spine (sacrum, buttock) after a reach word',
    kind: 'measure',
    pattern: [word(...LANDMARK_NAMED)],
    make: (p, lx) => (lookBack(lx, p[0]!.first, LANDMARK_REACH, LANDMARK_CONTEXT) ? measure('level', NAMED_LEVEL[lx.norm[p[0]!.first]!]!) : null),
  },
  {
    name: 'range of motion, pain or a score: a bare figure after an arrow, named before it ("R rot 60 -> 70 post", "pain 6 -> 3", "CSS 7 -> 5")',
    kind: 'measure',
    pattern: [num(0, 360)],
    make: (p, lx) => {
      const kind = bareChangeKind(lx, p[0]!.first);
      return kind ? measure(kind, tokenValue(lx, p[0])) : null;
    },
  },
  { name: 'percent: <n>%', kind: 'measure', pattern: [num(0, 100), punct('%')], make: (p, lx) => measure('percent', tokenValue(lx, p[0])) },
  {
    name: 'tenderness: TTP [grade] <n>[+][/4]',
    kind: 'measure',
    pattern: [TENDER, opt(word('grade', 'gr')), opt(punct(':')), num(0, 4, [1, 1]), opt(punct('+')), opt(punct('/')), opt(num(4, 4))],
    make: (p, lx) => (p[5] && !p[6] ? null : measure('tenderness', tokenValue(lx, p[3]))),
  },
  {
    name: 'tone or spasm: spasm grade <n> / MAS <n>[+]',
    kind: 'measure',
    pattern: [SPASM, opt(word('grade', 'gr')), opt(punct(':')), num(0, 4, [1, 1]), opt(punct('+'))],
    make: (p, lx) => measure('spasm-grade', tokenValue(lx, p[3]) + (p[4] ? 0.5 : 0)),
  },
  {
    name: 'tone or spasm: a bare grade <n>[+] after an arrow from a grade, or before a phase word, in a clause that graded tone ("MAS 2 -> 1+", "Ashworth 1+ post, 2 before")',
    kind: 'measure',
    pattern: [num(0, 4, [1, 1]), opt(where(punct('+'), (lx, i) => lx.spaceBefore[i] === 0))],
    make: (p, lx) => {
      const at = p[0]!.first;
      if (!arrowFromGrade(lx, at) && !gradeWithPhase(lx, at)) return null;
      return measure('spasm-grade', tokenValue(lx, p[0]) + (p[1] ? 0.5 : 0));
    },
  },
  {
    name: 'graded finding: <n>[+] tenderness / spasm',
    kind: 'measure',
    pattern: [num(1, 4, [1, 1]), opt(punct('+')), { ...word(...words('tenderness-word'), ...words('spasm-word')) }],
    make: (p, lx) => measure(words('tenderness-word').includes(lx.norm[p[2]!.first]!) ? 'tenderness' : 'spasm-grade', tokenValue(lx, p[0])),
  },
  {
    name: 'graded finding: grade <n> (after a spasm or tenderness word)',
    kind: 'measure',
    pattern: [word('grade'), num(0, 4, [1, 1])],
    make: (p, lx) => {
      if (lookBack(lx, p[0]!.first, 6, new Set(words('tenderness-word')))) return measure('tenderness', tokenValue(lx, p[1]));
      if (lookBack(lx, p[0]!.first, 6, new Set(words('spasm-word')))) return measure('spasm-grade', tokenValue(lx, p[1]));
      return null;
    },
  },
  {
    name: 'tolerance: <duration> (sitting, standing, walking, work)',
    kind: 'measure',
    pattern: [item('duration')],
    make: (p, lx) => (lookBack(lx, p[0]!.first, 7, TOLERANCE_CONTEXT) ? measure('tolerance', p[0]!.item!.value) : null),
  },
];

// Round or square brackets around an earlier value ("(35 deg on eval)", "[last visit 12 deg]"); a
// closing bracket must match its opening one (bracketsPair).
const OPEN = punct('(', '[');
const CLOSE = punct(')', ']');
const bracketsPair = (lx: Lexed, open: Part | undefined, close: Part | undefined): boolean =>
  open !== undefined && close !== undefined && (lx.norm[open.first] === '(') === (lx.norm[close.first] === ')');
// A run of tokens up to a closing bracket (the words after a bracketed value: "at eval", "L").
const BRACKET_TAIL: TokenElement = {
  type: 'token',
  test: (lx, i) => lx.norm[i] !== ')' && lx.norm[i] !== '(' && lx.norm[i] !== ']' && lx.norm[i] !== '[' && lx.kind[i] !== Kind.Newline,
  repeat: true,
};
// The words that name when a bracketed value was taken, written before it: "(eval 3/2: 29 mm)",
// "(IE 02/11 – 4/10)", "[last visit 12 deg]", "(at visit 4: 55 deg)". At least one is an earlier
// reference (measures.json earlier-reference); the others link ("at", "on", "the").
const WHEN_LINKS = new Set(['at', 'on', 'of', 'the', 'from', 'dated', 'per', 'in', 'my', 'our']);
const WHEN_HEAD: TokenElement = { type: 'token', test: (lx, i) => lx.kind[i] === Kind.Word && (EARLIER.has(lx.norm[i]!) || WHEN_LINKS.has(lx.norm[i]!)), repeat: true };
const saysEarlier = (lx: Lexed, part: Part): boolean => {
  for (let i = part.first; i < part.end; i++) if (EARLIER.has(lx.norm[i]!)) return true;
  return false;
};
const SHORT_GAP: TokenElement = { type: 'token', test: (lx, i) => lx.kind[i] === Kind.Word && lx.norm[i] !== 'to' && lx.norm[i] !== 'from', repeat: true };
const NOW = opt(word('today', 'now', 'currently', 'this'));
// Words (and "w/o", "pain-free", commas) between a value and its bracketed earlier value: "to", unlike
// in SHORT_GAP, may stand here ("6 laps round the gym (2 laps at eval)"), as no row looks for it next.
const LEAD_GAP: TokenElement = {
  type: 'token',
  test: (lx, i) => lx.kind[i] === Kind.Word || lx.norm[i] === ',' || ((lx.norm[i] === '/' || lx.norm[i] === '-') && lx.spaceBefore[i] === 0),
  repeat: true,
};
const LEAD_GAP_WORDS = 4;
const wordsIn = (lx: Lexed, part: Part): number => {
  let n = 0;
  for (let i = part.first; i < part.end; i++) if (lx.kind[i] === Kind.Word && !(lx.norm[i - 1] === '/' && lx.spaceBefore[i] === 0)) n++;
  return n;
};

type Direction = 'up' | 'down' | 'better' | 'same';
const change = (target: Part | undefined, from: number | undefined, extra: { direction?: Direction; since?: 'earlier' | 'session'; delta?: number; to?: number } = {}): Made =>
  target?.item ? { value: extra.to ?? target.item.value, data: { target: target.item, from, ...extra } } : null;
const fromValue = (lx: Lexed, p: Part | undefined): number | undefined => (p?.item ? p.item.value : p ? lx.value[p.first] : undefined);

function tailSays(lx: Lexed, tail: Part | undefined): 'earlier' | 'same' | 'other' | undefined {
  if (!tail) return undefined;
  let earlier = false;
  let same = false;
  let other = false;
  for (let i = tail.first; i < tail.end; i++) {
    const t = lx.norm[i]!;
    if (UNCHANGED.has(t)) same = true;
    else if (EARLIER.has(t)) earlier = true;
    else if (OTHER_SIDE.has(t)) other = true;
    // A date ("on 04/07", "3/5/26") is an earlier time too.
    else if (lx.kind[i] === Kind.Num && lx.norm[i + 1] === '/' && lx.kind[i + 2] === Kind.Num) earlier = true;
  }
  if (same) return 'same';
  if (earlier) return 'earlier';
  return other ? 'other' : undefined;
}

// "step training with 5 lb up 6 stairs", "walked down 2 flights": "up"/"down" is where the patient went, not a change.
const MOVED_ALONG = new Set(['stairs', 'stair', 'steps', 'step', 'flights', 'flight', 'curb', 'curbs', 'ramp', 'ramps', 'hill', 'hills', 'ladder', 'rungs']);
function movedAlong(lx: Lexed, changeWord: number, valueEnd: number): boolean {
  const w = lx.norm[changeWord];
  if (w !== 'up' && w !== 'down') return false;
  for (let i = valueEnd - 1; i <= valueEnd; i++) if (MOVED_ALONG.has(lx.norm[i] ?? '')) return true;
  return false;
}

function changeWordDirection(w: string): Direction {
  if (CHANGE_BETTER.has(w)) return 'better';
  if (CHANGE_UP.has(w)) return 'up';
  return CHANGE_DOWN.has(w) ? 'down' : 'better';
}

// Layer 2: how notes say a value changed (or did not).
const comparisonRows: Rule[] = [
  ...[V, VALUE, item('duration')].map<Rule>((earlier) => ({
    name: `change: <value> (<${earlier.type === 'item' ? earlier.kind : 'n'}> at eval) — bracketed earlier value`,
    kind: 'comparison',
    // A few words may stand before the bracket ("40 min at the bench (20 min at IE)") and "was" inside it
    // ("(was 20 min at IE)").
    // How the activity went may stand there too ("3 km Sunday, no soreness (was 1 km at IE)").
    pattern: [V, NOW, opt(LEAD_GAP), OPEN, opt(word('was', 'previously', 'prev', 'vs', 'versus')), earlier, opt(BRACKET_TAIL), CLOSE],
    make: (p, lx) => {
      if ((p[2] && wordsIn(lx, p[2]) > LEAD_GAP_WORDS) || !bracketsPair(lx, p[3], p[7])) return null;
      // "(40/62 at visit 3)" after "R 40 deg / L 62 deg": the earlier pair, read by the pair row.
      const second = lx.norm[p[0]!.first - 1] === '/' || lx.norm[p[0]!.first - 2] === '/';
      if (second && p[6] && lx.norm[p[6].first] === '/' && lx.kind[p[6].first + 1] === Kind.Num) return null;
      const says = tailSays(lx, p[6]);
      if (says === 'same') return change(p[0], fromValue(lx, p[5]), { since: 'earlier', direction: 'same' });
      // "(was 1 km)": "was" alone says the bracketed value is an earlier one; "vs" alone may be the other side.
      const was = p[4] !== undefined && lx.norm[p[4].first] !== 'vs' && lx.norm[p[4].first] !== 'versus';
      return says === 'earlier' || (was && says === undefined) ? change(p[0], fromValue(lx, p[5]), { since: 'earlier' }) : null;
    },
  })),
  ...[V, VALUE, item('duration')].map<Rule>((earlier) => ({
    name: `change: <value> (eval 3/2: <${earlier.type === 'item' ? earlier.kind : 'n'}>) — bracketed earlier value after when it was taken`,
    kind: 'comparison',
    // When comes first inside the bracket, with a date or a visit number and a colon or dash after it:
    // "58 deg (eval 3/2: 41 deg)", "2/10 (IE 02/11 – 6/10)", "62 deg [last visit 50 deg]", "(visit 4: 55)".
    pattern: [
      V, NOW, opt(LEAD_GAP), OPEN, WHEN_HEAD,
      opt(num(0, 31)), opt(punct('/', '.')), opt(num(0, 31)), opt(punct('/', '.')), opt(num(0, 2100)),
      opt(punct(':', '-', ',', '=')), earlier, opt(BRACKET_TAIL), CLOSE,
    ],
    make: (p, lx) => {
      if ((p[2] && wordsIn(lx, p[2]) > LEAD_GAP_WORDS) || !bracketsPair(lx, p[3], p[13]) || !saysEarlier(lx, p[4]!)) return null;
      // A date is written whole ("3/2", "02/11/26"): a number and a slash with nothing after is no date.
      if ((p[6] && !p[7]) || (p[8] && !p[9])) return null;
      // A bare figure needs a mark between it and when ("visit 4: 55"): "(visit 4 55)" says nothing plain.
      if (earlier === VALUE && !p[10]) return null;
      return tailSays(lx, p[12]) === 'other' ? null : change(p[0], fromValue(lx, p[11]), { since: 'earlier' });
    },
  })),
  // "R 120 deg / L 150 deg (105/150 at eval)", "R/L 55°/58° (48°/50° last visit)": two values, then their
  // earlier values in the same order (bare or with their unit).
  ...[VALUE, V].map<Rule>((earlier) => ({
    name: `change: <value> / <value> (<${earlier.type === 'item' ? earlier.kind : 'n'}>/<${earlier.type === 'item' ? earlier.kind : 'n'}> at eval) — a pair and its bracketed earlier pair`,
    kind: 'comparison',
    pattern: [V, opt(SHORT_GAP), punct('/'), opt(SHORT_GAP), V, NOW, OPEN, opt(word('was', 'previously', 'prev', 'vs', 'versus')), earlier, punct('/'), earlier, opt(BRACKET_TAIL), CLOSE],
    make: (p, lx) => {
      if ((p[1] && p[1].end - p[1].first > 2) || (p[3] && p[3].end - p[3].first > 2) || !bracketsPair(lx, p[6], p[12])) return null;
      const says = tailSays(lx, p[11]);
      if (says !== 'earlier' && says !== 'same') return null;
      const first = p[0]!.item!;
      const second = change(p[4], fromValue(lx, p[10]), { since: 'earlier' });
      return second && { ...second, data: { ...second.data, pair: { target: first, from: fromValue(lx, p[8]) } } };
    },
  })),
  {
    name: 'change: <value> (stable vs last month) — bracketed no change',
    kind: 'comparison',
    pattern: [V, NOW, OPEN, BRACKET_TAIL, CLOSE],
    make: (p, lx) => (bracketsPair(lx, p[2], p[4]) && tailSays(lx, p[3]) === 'same' ? change(p[0], undefined, { since: 'earlier', direction: 'same' }) : null),
  },
  ...[V, VALUE].map<Rule>((earlier) => ({
    name: `change: <value> was <${earlier.type === 'item' ? earlier.kind : 'n'}> at eval`,
    kind: 'comparison',
    pattern: [V, opt(punct(',')), word('was', 'previously', 'prev'), earlier],
    make: (p, lx) => change(p[0], fromValue(lx, p[3]), { since: 'earlier' }),
  })),
  {
    name: 'change: was <value>, now <value>',
    kind: 'comparison',
    pattern: [word('was'), V, opt(punct(',', ';')), opt(word('and')), word('now', 'today', 'currently'), V],
    make: (p, lx) => change(p[5], fromValue(lx, p[1]), { since: 'earlier' }),
  },
  ...[V, VALUE].map<Rule>((earlier) => ({
    name: `change: <value> down from <${earlier.type === 'item' ? earlier.kind : 'n'}> ("125 deg, which is up from 100")`,
    kind: 'comparison',
    pattern: [V, NOW, opt(punct(',')), opt(word('which', 'that')), opt(word('is', 'was', 'has', 'have')), CHANGE, word('from'), earlier],
    make: (p, lx) => change(p[0], fromValue(lx, p[7]), { since: 'earlier', direction: changeWordDirection(lx.norm[p[5]!.first]!) }),
  })),
  {
    // "C-spine rot L 64°." then "rot L up from 48° at IE": the latest value was stated before (on the line
    // above); only the earlier one is here. measures.ts pairs it with the latest value of the same measure.
    name: 'change: <measure> up / down from <value> [at eval] — the latest value stated before',
    kind: 'comparison',
    pattern: [{ ...word(...words('change-up'), ...words('change-down'), ...words('change-better')) }, word('from'), V],
    make: (p, lx) => {
      const at = p[0]!.first;
      // "+"/"-" as a change word is a sign; right after a value the change row above reads the pair.
      if (lx.kind[at] !== Kind.Word || lx.kind[at - 1] === Kind.Num || lx.norm[at - 1] === '°') return null;
      // "improved from 2/10 to 1/10": the latest value follows, the from-to row's.
      const next = p[2]!.end;
      if (lx.norm[next] === 'to' || (lx.kind[next] === Kind.Punct && ARROW_PIECES.includes(lx.norm[next]!))) return null;
      return { value: p[2]!.item!.value, data: { earlierValue: p[2]!.item, direction: changeWordDirection(lx.norm[at]!) } };
    },
  },
  ...[V, VALUE].map<Rule>((earlier) => ({
    // "1.05 m/s today, 0.91 m/s at eval": the earlier value after a comma, named by when it was.
    name: `change: <value> today, <${earlier.type === 'item' ? earlier.kind : 'n'}> at eval`,
    kind: 'comparison',
    pattern: [V, NOW, punct(',', ';'), opt(word('vs', 'versus', 'compared', 'was', 'previously')), earlier, opt(SHORT_GAP)],
    make: (p, lx) => {
      if (!p[5] || p[5].end - p[5].first > 4 || tailSays(lx, p[5]) !== 'earlier') return null;
      return change(p[0], fromValue(lx, p[4]), { since: 'earlier' });
    },
  })),
  {
    // The other order: "5xSTS 18 sec at IE, today 14 sec", "pain 7/10 last week; now 4/10".
    name: 'change: <value> at eval, today <value>',
    kind: 'comparison',
    pattern: [V, SHORT_GAP, punct(',', ';'), opt(word('and', 'but')), word('today', 'now', 'currently'), opt(punct(':', '-')), V],
    make: (p, lx) => (p[1]!.end - p[1]!.first > 4 || tailSays(lx, p[1]) !== 'earlier' ? null : change(p[6], fromValue(lx, p[0]), { since: 'earlier' })),
  },
  {
    // "IR to T12 from L5", "gait 1.0 m/s from 0.8 m/s": the earlier value after "from", of the same kind.
    name: 'change: <value> from <value> (to T12 from L5)',
    kind: 'comparison',
    pattern: [V, opt(punct(',')), word('from'), V],
    make: (p) => (p[0]!.item!.data?.kind === p[3]!.item!.data?.kind ? change(p[0], p[3]!.item!.value, { since: 'earlier' }) : null),
  },
  ...[V, VALUE].map<Rule>((earlier) => ({
    name: `change: from <${earlier.type === 'item' ? earlier.kind : 'n'}> [at eval] to <value>`,
    kind: 'comparison',
    pattern: [word('from'), earlier, opt(SHORT_GAP), word('to'), V],
    make: (p, lx) => change(p[4], fromValue(lx, p[1])),
  })),
  ...[V, VALUE].map<Rule>((earlier) => ({
    name: `change: <${earlier.type === 'item' ? earlier.kind : 'n'}> -> <value>`,
    kind: 'comparison',
    pattern: [earlier, ARROW, V],
    make: (p, lx) => (isArrow(lx, p[1]!) ? change(p[2], fromValue(lx, p[0])) : null),
  })),
  {
    // "Pain (NPRS): 7/10 (eval 1/14) -> 4/10 today", "62 deg [IE] → 75 deg": the earlier value says when it
    // was taken in brackets, then the arrow leads to the latest.
    name: 'change: <value> (eval 1/14) -> <value> — the earlier value with when in brackets, then an arrow',
    kind: 'comparison',
    pattern: [V, OPEN, WHEN_HEAD, opt(num(0, 31)), opt(punct('/', '.')), opt(num(0, 31)), opt(punct('/', '.')), opt(num(0, 2100)), CLOSE, ARROW, V],
    make: (p, lx) => {
      if (!bracketsPair(lx, p[1], p[8]) || !saysEarlier(lx, p[2]!) || !isArrow(lx, p[9]!)) return null;
      if ((p[4] && !p[5]) || (p[6] && !p[7])) return null;
      return change(p[10], fromValue(lx, p[0]), { since: 'earlier' });
    },
  },
  {
    name: 'change: <value> -> <n> (LEFS 58 -> 72)',
    kind: 'comparison',
    pattern: [V, ARROW, VALUE],
    // A grade goes no higher than its scale ("MAS 2 -> 12" is no grade).
    make: (p, lx) => (isArrow(lx, p[1]!) && !(p[0]!.item!.data?.kind === 'spasm-grade' && p[2]!.item!.value > 4) ? change(p[0], p[0]!.item!.value, { to: p[2]!.item!.value }) : null),
  },
  {
    name: 'change: up / improved <value> (flexion up 15 deg, +75 m)',
    kind: 'comparison',
    pattern: [CHANGE, opt(word('by')), V],
    make: (p, lx) => (movedAlong(lx, p[0]!.first, p[2]!.end) ? null : change(p[2], undefined, { direction: changeWordDirection(lx.norm[p[0]!.first]!), delta: p[2]!.item!.value })),
  },
  {
    name: 'change: down <n> points',
    kind: 'comparison',
    pattern: [CHANGE, opt(word('by')), num(0, 100), word('points', 'point', 'pts', 'pt')],
    make: (p, lx) => ({ value: tokenValue(lx, p[2]), data: { points: true, from: undefined, direction: changeWordDirection(lx.norm[p[0]!.first]!), delta: tokenValue(lx, p[2]) } }),
  },
  {
    name: 'change: decreased to <value> / ↓ to <value>',
    kind: 'comparison',
    pattern: [{ ...word(...words('change-up'), ...words('change-down'), ...words('arrow-up'), ...words('arrow-down')) }, opt(word('to')), V],
    make: (p, lx) => {
      const w = lx.norm[p[0]!.first]!;
      if (!p[1] && !words('arrow-up').includes(w) && !words('arrow-down').includes(w)) return null; // "increased 10 deg" is the delta row
      const direction: Direction = words('arrow-up').includes(w) ? 'up' : words('arrow-down').includes(w) ? 'down' : changeWordDirection(w);
      return change(p[2], undefined, { direction });
    },
  },
  {
    name: 'change: <value>, same / unchanged',
    kind: 'comparison',
    pattern: [V, NOW, opt(punct(',', ';', '-')), opt(word('is', 'was', 'remains', 'remained', 'still')), { ...word(...words('unchanged')) }],
    make: (p) => change(p[0], undefined, { direction: 'same', since: 'earlier' }),
  },
  {
    name: 'change: <value>, no change',
    kind: 'comparison',
    pattern: [V, NOW, opt(punct(',', ';', '-')), word('no'), word('change', 'improvement', 'progress')],
    make: (p) => change(p[0], undefined, { direction: 'same', since: 'earlier' }),
  },
];
void ARROW_UP;
void ARROW_DOWN;

function isArrow(lx: Lexed, part: Part): boolean {
  let s = '';
  for (let i = part.first; i < part.end; i++) s += lx.norm[i];
  return ARROW_PIECES.includes(s) || /^-{1,2}>$|^=>$/.test(s);
}

// Layer 3: the phase of the visit a value was taken in, written after it as the work it followed or
// preceded ("34 mm after the jaw release", "62 deg following STM", "5/10 prior to the release").
// A bare "after"/"before" closing the clause, and fixed phrases ("post-tx"), are phase.json's.
const TREATMENT_NAMED = setOf('phase-treatment-named');
const PHASE_HEAD_POST = words('phase-after-work');
const PHASE_HEAD_PRE = words('phase-before-work');
/** Up to this many words between the phase word and the work it names ("after [gentle intraoral] release"). */
const PHASE_GAP_WORDS = 4;
const PHASE_GAP: TokenElement = { type: 'token', test: (lx, i) => lx.kind[i] === Kind.Word && !TREATMENT_NAMED.has(lx.norm[i]!), repeat: true };
const phaseRows: Rule[] = [
  {
    name: 'phase: <value> after / following / prior to <the work named> ("34 mm after the jaw release")',
    kind: 'phase',
    pattern: [V, opt(punct(',')), word(...PHASE_HEAD_POST, ...PHASE_HEAD_PRE), opt(PHASE_GAP), word(...TREATMENT_NAMED)],
    make: (p, lx) => {
      if (p[3] && p[3].end - p[3].first > PHASE_GAP_WORDS) return null;
      const head = lx.norm[p[2]!.first]!;
      return { value: p[0]!.item!.value, data: { target: p[0]!.item, phase: PHASE_HEAD_PRE.includes(head) ? 'pre' : 'post' } };
    },
  },
];

const LAYERS = [valueRows, comparisonRows, phaseRows].map(compileLayer);
export const MEASURE_RULE_NAMES: readonly string[] = [...valueRows, ...comparisonRows, ...phaseRows].map((r) => r.name);

/** Runs the measure rows on an index that already holds the time grammar's items (numbers, durations). */
export function parseMeasures(lx: Lexed, index: ItemIndex, extra: Item[]): { values: Item[]; comparisons: Item[]; phases: Item[] } {
  // Outcome scores found by the caller (instrument + number) join the values before comparisons run.
  const values = runLayer(lx, index, LAYERS[0]!);
  for (const it of extra) {
    const list = index.at[it.first];
    if (list) list.push(it);
    else index.at[it.first] = [it];
    index.all.push(it);
    values.push(it);
  }
  const comparisons = runLayer(lx, index, LAYERS[1]!);
  const phases = runLayer(lx, index, LAYERS[2]!);
  return { values, comparisons, phases };
}

export type { Element };
