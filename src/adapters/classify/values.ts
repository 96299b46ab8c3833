// Values as EHR pages print them: procedure and diagnosis codes with the labels and systems around
// them ("CPT: 97124", "97124®", "CPT4", "ICD10|M54.2:"), modifiers, units, minutes, diagnosis
// pointers, dates in the formats US pages use, people with credentials. Pure string functions.
import { DIAGNOSIS_SYSTEMS, KNOWN_MODIFIERS } from './vocab';

/** CPT category I (5 digits), II/III/PLA (4 digits + F/T/U), HCPCS level II (letter + 4 digits). */
const CODE = '(?:\\d{4}[0-9FTU]|[A-V]\\d{4})';
const CODE_RE = new RegExp(`(?<![A-Za-z0-9.$/#:-]|\\d[-/])(${CODE})(?![0-9.]|[A-Za-z]{2}|/\\d|-\\d{2})`, 'g');
/** ICD-10-CM: letter, digit, alphanumeric, then an optional dot and 1–4 more. */
const ICD = /^[A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?$/;
const ICD_ANYWHERE = /(?<![A-Za-z0-9])([A-TV-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4})(?![A-Za-z0-9])/g;

/** A plausible procedure code: CPT I in its published range, CPT II/III/PLA, or HCPCS level II. */
export function isProcedureCode(code: string): boolean {
  if (/^\d{5}$/.test(code)) {
    const n = Number(code);
    return n >= 100 && n <= 99607;
  }
  return /^\d{4}[FTU]$/.test(code) || /^[A-V]\d{4}$/.test(code);
}

export function isDiagnosisCode(token: string): boolean {
  return ICD.test(token) && (token.includes('.') || /^[A-TV-Z]\d{2}$/.test(token) || /[A-Z]$/.test(token));
}

export interface CodeHit {
  code: string;
  start: number;
  end: number;
}

/** Procedure codes in a text (not inside longer numbers, prices, dates or ids). */
export function procedureCodes(text: string): CodeHit[] {
  const out: CodeHit[] = [];
  for (const m of text.toUpperCase().matchAll(CODE_RE)) {
    const code = m[1] as string;
    const start = m.index ?? 0;
    if (!isProcedureCode(code)) continue;
    // "97124-GP" is fine; a phone or ZIP+4 ("97124-1234") and money ("$97124") are not codes.
    if (/^-\d{4}/.test(text.slice(start + code.length))) continue;
    out.push({ code, start, end: start + code.length });
  }
  return out;
}

/** Diagnosis codes written out in a text ("M62.830", "(M54.2)"). */
export function diagnosisCodes(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toUpperCase().matchAll(ICD_ANYWHERE)) if (!out.includes(m[1] as string)) out.push(m[1] as string);
  return out;
}

/** Up to 4 modifiers from a modifier cell: 2-character tokens separated by anything. */
export function modifierTokens(text: string, known = false): string[] {
  const out: string[] = [];
  for (const token of text.toUpperCase().split(/[^A-Z0-9]+/)) {
    if (!/^[A-Z0-9]{2}$/.test(token)) continue;
    if (known && !KNOWN_MODIFIERS.has(token)) continue;
    if (!out.includes(token)) out.push(token);
    if (out.length === 4) break;
  }
  return out;
}

/**
 * Modifiers after their caption in a run of captioned values ("Modifiers GP 59 Units 2 …", "Mod: GO",
 * chips after a "Modifiers" label): the 2-character capitals or numbers right after the caption, up to
 * four. A caption followed by no such token ("Modifiers Units 1") gives none.
 */
export function captionedModifiers(text: string): string[] {
  const m = /\b(?:[Mm]od(?:ifier)?s?|MOD(?:IFIER)?S?)(?:\s*\(s\))?\s*[:#]?\s*((?:[A-Z0-9]{2}(?![A-Za-z0-9])[\s,;/·|]*){1,4})/.exec(text);
  return m ? modifierTokens(m[1] as string) : [];
}

/** Modifiers written right after a code: "97124-GP-59", "97124:GP", "97124 GP 59". */
export function trailingModifiers(rest: string): string[] {
  const out: string[] = [];
  const tail = /^[\s:\-–,/]+([A-Z0-9]{2})(?![A-Za-z0-9])/;
  let remaining = rest;
  for (let m = tail.exec(remaining); m && out.length < 4; m = tail.exec(remaining)) {
    const token = m[1] as string;
    // "97124-GP Dx: M62.838": a caption after the modifiers ends them.
    if (remaining[m[0].length] === ':') break;
    // "x2" after a code is a quantity; a 2-digit number is a modifier only when it is a known one.
    if (/^X\d$/i.test(token) || (/^\d\d$/.test(token) && !KNOWN_MODIFIERS.has(token))) break;
    if (!/[A-Z]/.test(token) && !KNOWN_MODIFIERS.has(token)) break;
    if (!out.includes(token)) out.push(token);
    remaining = remaining.slice(m[0].length);
  }
  return out;
}

/** A whole number from a units cell ("2", "Units:2", "x2", "2 u", "2.00", "2.0 UN"); never a fraction ("1.5"). */
export function unitsValue(text: string): number | undefined {
  const m = /(?:^|[^\d.])(\d{1,3})(?:[.,]0{1,3})?(?![\d.,])/.exec(text.replace(/×/g, 'x'));
  if (!m) return undefined;
  const value = Number(m[1]);
  return value <= 999 ? value : undefined;
}

/** A time of day ("9:00 AM", "14:30 –"), or a range of them ("9:00 AM - 9:28 AM", "9:00–9:28"). */
const TIME_OF_DAY = /\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\b\.?)|\b\d{1,2}:\d{2}\s*[-–—]\s*\d{1,2}:\d{2}\b/i;
const TIME_RANGE = /^\s*(\d{1,2}):(\d{2})\s*([ap])?\.?m?\.?\s*[-–—]\s*(\d{1,2}):(\d{2})\s*([ap])?\.?m?\.?\s*$/i;

/** Whether a cell holds a time of day or a range of them (a schedule's "Time" column), not a duration. */
export function isTimeOfDay(text: string): boolean {
  return TIME_OF_DAY.test(text);
}

/**
 * Minutes from a minutes cell ("25", "25 min", "23.5", "12m", a duration "0:25" or "1:05" as h:mm, a
 * range of times of day "9:00 AM - 9:28 AM" as the time between them). A date ("9/6/2027") or a lone
 * time of day ("9:00 AM") is no number of minutes.
 */
export function minutesValue(text: string): number | undefined {
  const clock = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const range = TIME_RANGE.exec(text);
  if (range) {
    const at = (h: string, m: string, half: string | undefined, other: string | undefined): number => ((Number(h) % 12) + ((half ?? other)?.toLowerCase() === 'p' ? 12 : 0)) * 60 + Number(m);
    const [from, to] = [at(range[1] as string, range[2] as string, range[3], range[6]), at(range[4] as string, range[5] as string, range[6], range[3])];
    // (Without am/pm, "9:00-9:28" is read on one 12-hour dial.)
    const span = range[3] || range[6] ? to - from : ((Number(range[4]) % 12) * 60 + Number(range[5])) - ((Number(range[1]) % 12) * 60 + Number(range[2]));
    return span > 0 && span <= 720 ? span : undefined;
  }
  if (TIME_OF_DAY.test(text) || datesIn(text).length > 0 || /\d[/.-]\d{1,2}[/.-]\d/.test(text)) return undefined;
  const m = /(\d{1,4}(?:\.\d+)?)/.exec(text);
  if (!m) return undefined;
  const value = Number(m[1]);
  return value <= 1440 ? value : undefined;
}

/** Units and minutes written in free text: "2 units", "x2", "Units: 2", "(25 min)", "12 minutes". */
export function inlineQuantities(text: string): { units?: number; minutes?: number } {
  const out: { units?: number; minutes?: number } = {};
  const units =
    /\b(?:units?|qty|quantity|uos)\s*[:=#]?\s*(\d{1,3})(?!\d)/i.exec(text) ??
    /(?<![\dA-Za-z.])(\d{1,3})(?:\.0{1,3})?\s*(?:units?|u)\b/i.exec(text) ??
    /(?<![A-Za-z])[x×]\s?(\d{1,2})(?!\d)/i.exec(text);
  if (units) out.units = Number(units[1]);
  // (A figure captioned as units is not minutes: "Units 2 Minutes 23" is 2 units and 23 minutes, not 2 minutes.)
  const minutes = /(?<![\d.]|\b(?:units?|qty|quantity|uos)\s*[:=#]?\s*)(\d{1,3})\s*(?:minutes?|mins?\b|min\b|['′])/i.exec(text) ?? /\b(?:minutes|mins?|time)\s*[:=]?\s*(\d{1,3})(?!\d)/i.exec(text);
  if (minutes && Number(minutes[1]) <= 1440) out.minutes = Number(minutes[1]);
  return out;
}

/**
 * A label without what forms print around it: a required mark ("Payer *"), "(optional)",
 * "(required)", an info glyph ("Insurance ⓘ").
 */
export function undecorate(text: string): string {
  return text.replace(/\s*(?:\((?:optional|required)\)|[*ⓘℹ🛈])/gi, '');
}

export type PointerMap = Map<string, string>;

/**
 * Diagnoses from a dx cell: codes ("M62.830:", "ICD10|M54.2", "(M54.50)"), or pointers resolved
 * through `pointers`, in any notation: "1,2", "1 2", "1-2", "1/2", "A,B", "AB", "12" (the twelfth
 * when the page lists twelve, else 1 and 2), a lone "a". Code-system names alone are never a
 * diagnosis. `unresolved` collects pointers the map does not know.
 */
export function diagnosisValues(text: string, pointers: PointerMap, unresolved: string[] = []): string[] {
  const out: string[] = [];
  const add = (code: string): void => {
    if (!out.includes(code) && out.length < 12) out.push(code);
  };
  const resolve = (key: string): void => {
    const code = pointers.get(key);
    if (code) add(code);
    else unresolved.push(key);
  };
  // A system name with a number ("ICD-10", "ICD 9") is not pointer 10 or 9.
  const cleaned = text.replace(/\bICD[-\s]?(?:10|9)(?:-?CM)?\b/gi, ' ');
  // (Chips run together with their remove glyphs, "×1 - M99.01×2 - M99.02", split at the glyph.)
  for (const written of cleaned.split(/[\s,;:()[\]/&+\-–×✕✖⨯·•]+/)) {
    if (!written) continue;
    const raw = written.toUpperCase();
    // "ICD10|M54.2": the code is after the system.
    const token = raw.includes('|') ? (raw.split('|').pop() ?? '') : raw;
    if (!token || DIAGNOSIS_SYSTEMS.test(token)) continue;
    if (ICD.test(token)) {
      add(token);
      continue;
    }
    // Letters: "A", "AB" (run together). Capitals only, or one lowercase letter alone
    // ("back" in a description is not B, A, C, K).
    if (/^[A-L]{1,4}$/.test(token) && (written === raw || written.length === 1)) {
      for (const letter of token) resolve(letter);
      continue;
    }
    if (/^\d{1,4}$/.test(token)) {
      const n = Number(token);
      // "12": pointer 12 when the page lists that many, else 1 and 2 run together ("1234" on old claim forms).
      if (token.length <= 2 && n >= 1 && n <= 12 && pointers.has(token)) resolve(token);
      else if (token.length >= 2 && /^[1-9]+$/.test(token) && [...token].every((d) => pointers.has(d))) for (const d of token) resolve(d);
      else if (token.length <= 2 && n >= 1 && n <= 12) resolve(token);
    }
  }
  return out;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// ---- day-first dates ----------------------------------------------------------------------------
// US pages write mm/dd/yyyy; Australian and UK products write dd/mm/yyyy. A date is read day first
// when it can only be ("31/08/2027"), when the weekday shown before it says so ("Mon 06/09/2027" is
// a Monday only as 6 September), or when the page it is on writes its dates day first
// (`withDateOrder`, decided once per page by `pageDateOrder`).

let dayFirstPage = false;

/** Run `read` with the page's date order: day first, or month first (the default). */
export function withDateOrder<T>(dayFirst: boolean, read: () => T): T {
  const before = dayFirstPage;
  dayFirstPage = dayFirst;
  try {
    return read();
  } finally {
    dayFirstPage = before;
  }
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** A weekday name right before a date ("Mon 06/09/2027", "Tuesday, 07/09/2027"). */
const WEEKDAY_BEFORE_DATE = /\b(sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?,?\s*$/i;

function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** How a numeric date "a/b/y" reads: 'day' (only day first fits), 'month' (only month first fits), or undefined (either). */
function numericOrder(text: string, index: number, y: number, a: number, b: number): 'day' | 'month' | undefined {
  const monthFirst = iso(y, a, b);
  const dayFirst = iso(y, b, a);
  if (!monthFirst || !dayFirst) return dayFirst ? 'day' : monthFirst ? 'month' : undefined;
  if (a === b) return undefined;
  const weekday = WEEKDAY_BEFORE_DATE.exec(text.slice(Math.max(0, index - 12), index));
  if (!weekday) return undefined;
  const shown = WEEKDAYS.indexOf((weekday[1] as string).toLowerCase());
  const [fitsMonth, fitsDay] = [weekdayOf(monthFirst) === shown, weekdayOf(dayFirst) === shown];
  return fitsDay && !fitsMonth ? 'day' : fitsMonth && !fitsDay ? 'month' : undefined;
}

function numericDate(text: string, index: number, y: number, a: number, b: number): string | undefined {
  const order = numericOrder(text, index, y, a, b) ?? (dayFirstPage ? 'day' : 'month');
  return order === 'day' ? (iso(y, b, a) ?? iso(y, a, b)) : (iso(y, a, b) ?? iso(y, b, a));
}

/**
 * Whether a page's texts write numeric dates day first: some date can only be read day first (or
 * its weekday says so) and none can only be read month first.
 */
export function pageDateOrder(texts: Iterable<string>): boolean {
  let day = 0;
  let month = 0;
  for (const text of texts) {
    for (const m of text.matchAll(/(?<![\d/])(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?![\d/])/g)) {
      const y = (m[3] as string).length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
      const order = numericOrder(text, m.index ?? 0, y, Number(m[1]), Number(m[2]));
      if (order === 'day') day++;
      else if (order === 'month') month++;
    }
    if (day + month >= 40) break;
  }
  return day > 0 && month === 0;
}

export interface DateHit {
  date: string;
  index: number;
}

/** Dates in a text, in order: ISO, US (11/20/2026, 11-20-2026), "Nov 20, 2026", "20 Nov 2026", "20-NOV-2026". */
export function datesIn(text: string): DateHit[] {
  const out: DateHit[] = [];
  const push = (date: string | undefined, index: number): void => {
    if (date && !out.some((d) => d.index === index)) out.push({ date, index });
  };
  for (const m of text.matchAll(/(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/g)) push(iso(Number(m[1]), Number(m[2]), Number(m[3])), m.index ?? 0);
  for (const m of text.matchAll(/(?<!\d)(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?!\d)/g)) push(numericDate(text, m.index ?? 0, Number(m[3]), Number(m[1]), Number(m[2])), m.index ?? 0);
  // "12/14/26": a two-digit year only with slashes, and never inside a longer run ("1/2/26/4").
  for (const m of text.matchAll(/(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{2})(?![\d/])/g)) push(numericDate(text, m.index ?? 0, 2000 + Number(m[3]), Number(m[1]), Number(m[2])), m.index ?? 0);
  for (const m of text.matchAll(/\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/g)) {
    const month = MONTHS[(m[1] as string).toLowerCase().slice(0, 4)] ?? MONTHS[(m[1] as string).toLowerCase().slice(0, 3)];
    if (month) push(iso(Number(m[3]), month, Number(m[2])), m.index ?? 0);
  }
  // "14 Dec 2026", "14-DEC-2026", "14.Dec.2026", "14/Dec/26" (day, month name, year: legacy and UK-style pages).
  for (const m of text.matchAll(/\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})|([-/.])([A-Za-z]{3,9})\4(\d{4}|\d{2}))\b/g)) {
    const name = ((m[2] ?? m[5]) as string).toLowerCase();
    const month = MONTHS[name.slice(0, 4)] ?? MONTHS[name.slice(0, 3)];
    const y = (m[3] ?? m[6]) as string;
    const year = y.length === 2 ? 2000 + Number(y) : Number(y);
    if (month) push(iso(year, month, Number(m[1])), m.index ?? 0);
  }
  return out.sort((a, b) => a.index - b.index);
}

export function firstDate(text: string): string | undefined {
  return datesIn(text)[0]?.date;
}

// A credential as pages print it after or inside a name: capitals, maybe with a slash or hyphen
// ("PT", "DPT", "OTR/L", "PA-C", "CCC-SLP"), or "PhD". A name written in mixed case never matches.
const CREDENTIAL = String.raw`(?:[A-Z]{2,6}(?:[/-][A-Z]{1,4})?|Ph\.?D\.?)`;
const CREDENTIALS = String.raw`${CREDENTIAL}(?:\s*,\s*${CREDENTIAL}|\s+${CREDENTIAL})*`;
const SURNAME = String.raw`[A-Z][a-z'A-Z]*[a-z][a-z'A-Z]*(?:[- ][A-Z][a-z'A-Z]*[a-z][a-z'A-Z]*)?`;
const GIVEN = String.raw`[A-Z][a-z'-]+(?:\s+[A-Z](?:\.|[a-z'-]+))?`;
// "Lindqvist PT, DPT, Tove" (surname, credentials, then given name: Cerner-style provider lists).
const SURNAME_CREDS_GIVEN = new RegExp(String.raw`^(${SURNAME})\s*,?\s+(${CREDENTIALS})\s*,\s*(${GIVEN})$`);
// "Lindqvist, Tove PT, DPT" and "Lindqvist, Tove, OTR/L" (surname first, credentials last).
const SURNAME_GIVEN_CREDS = new RegExp(String.raw`^(${SURNAME}),\s*(${GIVEN})\s*,?\s+(${CREDENTIALS})$`);

/**
 * A provider written surname first with credentials, put in reading order: "Lindqvist PT, DPT, Tove"
 * and "Lindqvist, Tove PT, DPT" → "Tove Lindqvist, PT, DPT". Anything else comes back as it was.
 */
export function personInReadingOrder(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const tidy = (creds: string): string => creds.split(/\s*,\s*|\s+/).filter(Boolean).join(', ');
  const a = SURNAME_CREDS_GIVEN.exec(t);
  if (a) return `${a[3]} ${a[1]}, ${tidy(a[2] as string)}`;
  // "Castellanos-Roe, Ingrid (PT, DPT)": credentials in brackets after a surname-first name (a timesheet's provider cell).
  const bracketed = /^([^()]+?)\s*\(([A-Z][A-Za-z/ ,-]{1,40})\)$/.exec(t);
  if (bracketed && SURNAME_GIVEN_CREDS.test(`${bracketed[1]} ${bracketed[2]}`)) return personInReadingOrder(`${bracketed[1]} ${bracketed[2]}`);
  const b = SURNAME_GIVEN_CREDS.exec(t);
  if (b) return `${b[2]} ${b[1]}, ${tidy(b[3] as string)}`;
  return t;
}

/** A person as a page prints one: "Jane Doe, PT, DPT", "Doe, Jane", "Dr. Sam Lee". */
export function personLike(text: string): boolean {
  const t = text.trim();
  if (t.length < 3 || t.length > 120 || /\d{3}/.test(t) || /^[-–—\s]*(?:select|choose|none|n\/a|default|unassigned|please)/i.test(t)) return false;
  const words = t.replace(/[,.()]/g, ' ').split(/\s+/).filter(Boolean);
  return words.length >= 2 && words.length <= 10 && words.filter((w) => /^[A-Z]/.test(w)).length >= 2;
}
