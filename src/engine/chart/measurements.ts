// Objective measurements: ROM in degrees, pain ratings, MMT grades, girth, graded tenderness/spasm,
// outcome-measure scores. Every pattern is anchored on digits with bounded quantifiers (linear).
import type { Measurement, MeasurementKind, Mention, MentionContext } from './types';

type Draft = Omit<Measurement, keyof MentionContext>;

const DEG = String.raw`(?:°|º|˚|\s?deg(?:rees?|s)?\b|\s?degrees?\b)`;
const ROM = new RegExp(String.raw`(?<![\d.])(\d{1,3})${DEG}(?!\s?[FC]\b)`, 'gi');
const ROM_CHANGE = new RegExp(
  String.raw`(?<![\d.])(\d{1,3})${DEG}?\s{0,2}(?:->|→|–>|to)\s{0,2}(\d{1,3})${DEG}`,
  'gi',
);
const PAIN = /(?<![\d/.])(\d{1,2}(?:\.\d)?)\s?(?:\/\s?10|out of 10)(?![\d/])/gi;
const MMT = /(?<![\d/.])([0-5](?:\+|-)?)\s?\/\s?5(?![\d/])/g;
const GIRTH = /(?<![\d.])(\d{1,3}(?:\.\d{1,2})?)\s?(cm|centimeters?|mm|in|inches)\b/gi;
const GIRTH_CONTEXT = /girth|circumferen|edema|oedema|swelling|figure[- ]of[- ]8|figure[- ]8|volumetr/i;
const GRADED = /\b(?:grade\s?([1-4]|i{1,3}|iv)|\+?([1-4])\+?)\s+(tenderness|ttp|spasms?|hypertonicity|guarding)\b|\b(tenderness|ttp|spasms?|hypertonicity|guarding)\s{0,3}(?:grade\s?|of\s)?\(?\+?([1-4])\+?\)?(?![\d/.:]|\s?(?:min|minutes|x|sets|reps|sec))/gi;
const FROM_TO_NUMBERS = /\bfrom\s{1,3}(\d{1,3}(?:\.\d)?)(?:\s?\/\s?10)?\s{1,3}to\s{1,3}(\d{1,3}(?:\.\d)?)/gi;
// "pain 6/10 -> 3/10", "6 → 3/10": an arrow between two numbers is a change too.
const ARROW_NUMBERS = /(?<![\d.\/])(\d{1,3}(?:\.\d)?)(?:\s?\/\s?10)?\s{0,2}(?:-{1,2}>|→|–>|=>)\s{0,2}(\d{1,3}(?:\.\d)?)/g;
const NUMBER_AFTER = /^[^\d\n.;]{0,14}?(\d{1,3}(?:\.\d{1,2})?)\s?(%|\/\s?\d{1,3})?/;

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

export function findMeasurements(text: string, outcomeMentions: Mention[]): Draft[] {
  const out: Draft[] = [];
  const push = (kind: MeasurementKind, start: number, end: number, value?: number, extra?: Partial<Draft>) =>
    out.push({ kind, start, end, text: text.slice(start, end), value, ...extra });

  const changeSpans: [number, number][] = [];
  for (const m of text.matchAll(ROM_CHANGE)) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    push('rom', m.index, m.index + m[0].length, to, { change: { from, to } });
    changeSpans.push([m.index, m.index + m[0].length]);
  }
  // Both lists come in text order, so one moving pointer finds the enclosing change (linear).
  let c = 0;
  for (const m of text.matchAll(ROM)) {
    while (c < changeSpans.length && changeSpans[c]![1] <= m.index) c++;
    if (c < changeSpans.length && changeSpans[c]![0] <= m.index) continue;
    push('rom', m.index, m.index + m[0].length, Number(m[1]));
  }
  for (const m of text.matchAll(PAIN)) push('pain', m.index, m.index + m[0].length, Number(m[1]));
  for (const m of text.matchAll(MMT)) push('mmt', m.index, m.index + m[0].length, Number.parseFloat(m[1]!));
  for (const m of text.matchAll(GIRTH)) {
    // Girth needs its context nearby (a 40-character window either side), else "5 cm scar" counts.
    const around = text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40);
    if (GIRTH_CONTEXT.test(around)) push('girth', m.index, m.index + m[0].length, Number(m[1]));
  }
  for (const m of text.matchAll(GRADED)) {
    const grade = m[1] ?? m[2] ?? m[5];
    const what = (m[3] ?? m[4] ?? '').toLowerCase();
    const value = grade ? (ROMAN[grade.toLowerCase()] ?? Number(grade)) : undefined;
    push(what.startsWith('spasm') || what === 'hypertonicity' || what === 'guarding' ? 'spasm-grade' : 'tenderness', m.index, m.index + m[0].length, value);
  }
  for (const mention of outcomeMentions) {
    const after = text.slice(mention.end, mention.end + 30);
    const m = NUMBER_AFTER.exec(after);
    if (!m) continue;
    const end = mention.end + m.index + m[0].length;
    push('outcome', mention.start, end, Number(m[1]), { instrument: mention.entry });
  }
  // "pain decreased from 6 to 3/10": attach the change to the measurement it ends on.
  const byStart = new Map<number, Draft>();
  for (const x of out) if (!byStart.has(x.start)) byStart.set(x.start, x);
  for (const pattern of [FROM_TO_NUMBERS, ARROW_NUMBERS]) {
    for (const m of text.matchAll(pattern)) {
      const target = byStart.get(m.index + m[0].length - m[2]!.length);
      if (target && !target.change) target.change = { from: Number(m[1]), to: Number(m[2]) };
    }
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out;
}
