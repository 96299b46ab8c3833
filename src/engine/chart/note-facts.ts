// Facts the note states outright: claim lines it lists, who signed it, visit number, dates.
import { caselessRegExp } from './caseless';
import type { CredentialMention, DateFact, MentionContext, NoteClaimLine, NumberFact, ServiceTime } from './types';

// JOIN, an empty lookahead, is always true and consumes nothing: it changes nothing a pattern
// matches. It stands after optional or bounded pieces and before a long one because V8 compiles a
// pattern by tracing its paths and compiles the long piece again for each way through the optional
// pieces before it, up to ten times; at a lookahead the paths join first, so the long piece is
// compiled once (a labelled-date pattern: ~1.2 ms to compile on a cold start without, ~0.2 ms with).
const JOIN = '(?=)';
const MODIFIER = String.raw`(?:GP|GO|GN|CQ|CO|KX|59|XE|XS|XP|XU|25|52|76|77|GA|GY|GZ|AT|GX)`;
// Codes as billed: 97xxx, 98xxx, G-codes; modifiers upper-case only (so "co" or "go" in prose never count).
// "x N" is units unless a length or a frequency follows it ("97110 x 12'", "x 10 min", "x 6 wks").
const CLAIM_CODE = new RegExp(
  String.raw`\b(9[78]\d{3}|G0\d{3})\b((?:[ \t]?[-:,/]?[ \t]?${JOIN}${MODIFIER}\b){0,4})(?:[ \t]{0,2}(?:[x\u00d7X][ \t]?(\d{1,2})\b(?![ \t]?(?:weeks?|wks?|days?|months?|visits?|per|times|\/|['\u2019\u2032]|m(?:in(?:ute)?s?)?\b|h(?:(?:ou)?rs?)?\b))|\(?(\d{1,2})[ \t]?units?\b\)?|units?:?[ \t]?(\d{1,2})\b))?`,
  'g',
);
const MINUTES_NEAR = caselessRegExp(String.raw`^[^\n\d]{0,30}?\(?(\d{1,3})[ \t]?(?:min(?:ute)?s?\b|['\u2019\u2032])`);

// A code named in passing, not as a service of this visit: a reference before it ("cf. 97110",
// "instead of 97140") or, between it and its figure, another visit or a word that it was not billed.
const CODE_REFERENCE_BEFORE = caselessRegExp(String.raw`\b(?:cf|vs|versus|see|instead[ \t]+of|rather[ \t]+than|compared[ \t]+(?:to|with)|in[ \t]+place[ \t]+of|replac\w*|switch\w*[ \t]+from)\.?[ \t]*$`);
const CODE_REFERENCE_AFTER = caselessRegExp(String.raw`^[^\n\d]{0,12}?\b(?:last|previous|prior|next|held|deferred|not[ \t]+(?:billed|charged|done|performed|given|today)|billed[ \t]+as|was|were|would|will)\b`);

/** What the chart already read, for judging a code written mid-line (both optional: the text alone still gives line-initial listings). */
export interface ListingEvidence {
  /** Service times the time grammar tied to codes. */
  serviceTimes: readonly ServiceTime[];
  contextAt: (pos: number) => MentionContext;
}

/** How far after a mid-line code its own minutes may stand ("97124 R forearm flexors, stripping, 12 min"). */
const OWN_MINUTES_REACH = 120;

/**
 * A code written mid-line is a listing when its own minutes follow it ("…rubdown 97124 16 min, 97112 9
 * min", "STM 97124 over the R scalenes where guarding blocks reaching, 16 min"): the time grammar tied a figure
 * after it, before any other code, to it, and nothing says it is a mention: negated, planned or past ("no
 * 97140 today", "97140 not billed", "cf. 97110 last visit 12 min"). Returns that service time.
 */
function midLineListing(text: string, codeStart: number, end: number, code: string, evidence: ListingEvidence): ServiceTime | undefined {
  const own = firstTimeWithin(evidence.serviceTimes, code, end, end + OWN_MINUTES_REACH);
  if (!own) return undefined;
  const gap = text.slice(end, own.start);
  // The time grammar decided the figure is this code's (across a semicolon or under a heading too); only
  // another code or a word that the code was not done today stands against it.
  if (CODE_REFERENCE_AFTER.test(gap.slice(0, 30)) || /\b(?:9[78]\d{3}|G0\d{3})\b/.test(gap)) return undefined;
  const lineBefore = text.slice(Math.max(0, codeStart - 40), codeStart);
  const clauseBefore = lineBefore.slice(Math.max(lineBefore.lastIndexOf('\n'), lineBefore.lastIndexOf(';'), lineBefore.lastIndexOf(',')) + 1);
  if (CODE_REFERENCE_BEFORE.test(clauseBefore)) return undefined;
  const c = evidence.contextAt(codeStart);
  if (c.negated || c.hypothetical || c.historical || c.home || c.section === 'plan' || c.section === 'goals' || c.section === 'history') return undefined;
  return own;
}

/** Per list of service times: each code's times in list order, and whether their starts ascend. */
const timesByCode = new WeakMap<readonly ServiceTime[], Map<string, { times: ServiceTime[]; ascending: boolean }>>();

/**
 * The first of `code`'s service times, in list order, that starts in [from, to]. A long note lists a
 * code hundreds of times and names it mid-line as often: a binary search when the code's times are in
 * text order (the first in list order is then the first at or after `from`), else a scan.
 */
function firstTimeWithin(all: readonly ServiceTime[], code: string, from: number, to: number): ServiceTime | undefined {
  let index = timesByCode.get(all);
  if (!index) {
    index = new Map();
    for (const t of all) {
      const entry = index.get(t.code);
      if (!entry) index.set(t.code, { times: [t], ascending: true });
      else {
        if (t.start < entry.times[entry.times.length - 1]!.start) entry.ascending = false;
        entry.times.push(t);
      }
    }
    timesByCode.set(all, index);
  }
  const entry = index.get(code);
  if (!entry) return undefined;
  const { times } = entry;
  if (!entry.ascending) return times.find((t) => t.start >= from && t.start <= to);
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  const t = times[lo];
  return t && t.start <= to ? t : undefined;
}

export function findNoteClaimLines(text: string, lineStarts: number[], evidence?: ListingEvidence): NoteClaimLine[] {
  const seen = new Map<string, NoteClaimLine>();
  const lineStartSet = new Set(lineStarts);
  for (const m of text.matchAll(CLAIM_CODE)) {
    const code = m[1]!;
    const modifiers = (m[2] ?? '').match(new RegExp(MODIFIER, 'g')) ?? [];
    const unitsText = m[3] ?? m[4] ?? m[5];
    const units = unitsText === undefined ? undefined : Number(unitsText);
    // A code in running prose ("consider 97140 next time") is a mention; a listing starts the line
    // or carries modifiers or units.
    let lineStart = m.index;
    while (lineStart > 0 && lineStart > m.index - 12 && /[ \t\-*\u2022\d.)]/.test(text[lineStart - 1]!) && text[lineStart - 1] !== '\n') lineStart--;
    const startsLine = lineStartSet.has(lineStart) || m.index === 0;
    const end = m.index + m[0].length;
    const minutesMatch = MINUTES_NEAR.exec(text.slice(end, end + 40));
    let ownTime: ServiceTime | undefined;
    if (!startsLine && modifiers.length === 0 && units === undefined) {
      ownTime = evidence && midLineListing(text, m.index, end, code, evidence);
      if (!ownTime) continue;
    }
    const line: NoteClaimLine = {
      code,
      modifiers,
      units,
      minutes: minutesMatch ? Number(minutesMatch[1]) : ownTime?.minutes,
      start: m.index,
      end,
    };
    const prior = seen.get(code);
    // The first listing of a code wins; a later one only fills what the first left out.
    if (!prior) seen.set(code, line);
    else {
      if (prior.units === undefined && line.units !== undefined) prior.units = line.units;
      if (prior.modifiers.length === 0 && line.modifiers.length > 0) prior.modifiers = line.modifiers;
      if (prior.minutes === undefined && line.minutes !== undefined) prior.minutes = line.minutes;
    }
  }
  return [...seen.values()];
}

const CREDENTIAL = String.raw`(?:DPT|MSPT|MPT|LPT|RPT|LPTA|PTA|PT|OTR\/L|OTR|OT\/L|OTD|OT|COTA\/L|COTA|OTA|LMT|LMBT|LMP|RMT|CMT|DC|MD|DO|ATC|LAT|SLP|CCC-SLP|NP|PA-C|RN)`;
const NAME = String.raw`[A-Z][A-Za-z'\u2019.\-]{0,30}${JOIN}(?:[ \t]+[A-Z][A-Za-z'\u2019.\-]{0,30}${JOIN}){0,3}`;
const SIGNATURE = new RegExp(
  String.raw`(${NAME})${JOIN},[ \t]{0,3}${JOIN}(${CREDENTIAL}(?:[ \t]{0,2}[,/][ \t]{0,2}(?:${CREDENTIAL}|[A-Z]{2,5}))*)(?![A-Za-z])`,
  'g',
);
// Cheap necessary conditions for the costly patterns (each took ~1-2 ms to compile on a cold command
// line): a labelled pattern cannot match without one of its label words, so a note that has none of
// them is not searched with it. Each list holds a piece of every label of the pattern it guards, looked
// for in the lower-cased note (the patterns fold ASCII case only, so nothing they match is missed).
const hasAny = (lower: string, words: readonly string[]): boolean => words.some((w) => lower.includes(w));
// The guarded patterns are also built only when first needed: building one (its caseless rewrite and
// parse) is load time a cold check spends even on notes that never search with it.
const onFirstUse = (build: () => RegExp): (() => RegExp) => {
  let built: RegExp | undefined;
  return () => (built ??= build());
};
const SIGNED_BY_NEEDS = ['signed', 'signature', 'therapist', 'treating', 'provider', 'clinician'];
// (Case-insensitive patterns here are compiled without the 'i' flag: see caseless.ts.)
const SIGNED_BY = onFirstUse(() =>
  caselessRegExp(
    String.raw`(?:signed(?:[ \t]+by)?|signature|therapist|treating[ \t]+(?:therapist|clinician)|rendering[ \t]+provider|provider|clinician)[ \t]{0,3}:?[ \t]{0,3}${JOIN}(${NAME})[ \t]{1,3}${JOIN}(${CREDENTIAL})(?![A-Za-z])`,
    'g',
  ),
);

const NORMALISED: Record<string, string> = {
  DPT: 'PT', MSPT: 'PT', MPT: 'PT', LPT: 'PT', RPT: 'PT', PT: 'PT', PTA: 'PTA', LPTA: 'PTA',
  'OTR/L': 'OT', OTR: 'OT', 'OT/L': 'OT', OTD: 'OT', OT: 'OT', 'COTA/L': 'OTA', COTA: 'OTA', OTA: 'OTA',
  LMT: 'LMT', LMBT: 'LMT', LMP: 'LMT', RMT: 'LMT', CMT: 'LMT', DC: 'DC', MD: 'MD', DO: 'MD', ATC: 'ATC', LAT: 'ATC',
  SLP: 'SLP', 'CCC-SLP': 'SLP', NP: 'NPP', 'PA-C': 'NPP', RN: 'RN',
};

export function normaliseCredential(written: string): string | undefined {
  // "PT, DPT" or "cota/l" as typed: upper-case, inner spaces dropped ("OTR / L" = "OTR/L").
  return NORMALISED[written.trim().toUpperCase().replace(/\s*\/\s*/g, '/')];
}

// Someone named in passing, not the signer: "referred by John Roe, MD", "under the care of Dr. Abcd, DC".
const NOT_THE_SIGNER = caselessRegExp(/\b(?:referr\w*|referral|pcp|primary[ \t]+care|cc|copy[ \t]+to|care[ \t]+of|seen[ \t]+by|see|sees|saw|seeing|followed[ \t]+by|per|ordered[ \t]+by|consult\w*|physician|surgeon|contact\w*|call\w*|discussed[ \t]+with|spoke[ \t]+with|letter[ \t]+to|dear)\b[^\n]*$/.source);
// Credentials that are also everyday abbreviations ("DC" = discontinue, "DO" = the verb): a lone
// capitalised word before them ("Continue, DC") is not a name.
const AMBIGUOUS_CREDENTIAL = new Set(['DC', 'DO', 'PT', 'OT']);
const CREDENTIAL_WORD = new RegExp(String.raw`^${CREDENTIAL}$`);

function looksLikeSigner(text: string, start: number, name: string, firstCredential: string): boolean {
  const words = name.split(/[ \t]+/);
  // Every word of a name is capitalised (the SIGNED_BY pattern is case-insensitive for its label).
  if (!words.every((w) => /^[A-Z]/.test(w))) return false;
  // "Continue PT, OT": a credential inside the "name" means a list of services, not a person.
  if (words.some((w) => CREDENTIAL_WORD.test(w.replace(/\.$/, '')))) return false;
  if (AMBIGUOUS_CREDENTIAL.has(firstCredential.toUpperCase()) && words.length < 2) return false;
  // Only the same line, at most 60 characters back (a bounded window keeps this linear on one-line notes).
  const window = text.slice(Math.max(0, start - 60), start);
  const before = window.slice(window.lastIndexOf('\n') + 1);
  return !NOT_THE_SIGNER.test(`${before}${name}`);
}

/** Signatures: "J. Smith, PTA", "(by Jane Doe, PT)", "Signed by: Ann Lee DPT". */
export function findSignatures(text: string, lower = text.toLowerCase()): CredentialMention[] {
  const out: CredentialMention[] = [];
  const add = (start: number, end: number, creds: string) => {
    for (const c of creds.split(/[ \t]*[,/][ \t]*/)) {
      const credential = normaliseCredential(c);
      if (credential) out.push({ credential, kind: 'signature', start, end, text: text.slice(start, end) });
    }
  };
  for (const m of text.matchAll(SIGNATURE)) {
    const first = m[2]!.split(/[ \t]*[,/][ \t]*/)[0]!;
    if (looksLikeSigner(text, m.index, m[1]!, first)) add(m.index, m.index + m[0].length, m[2]!);
  }
  for (const m of hasAny(lower, SIGNED_BY_NEEDS) ? text.matchAll(SIGNED_BY()) : []) {
    if (!/^[A-Z]/.test(m[2]!)) continue; // the credential must be written in capitals
    const nameStart = m.index + m[0].indexOf(m[1]!);
    if (!looksLikeSigner(text, nameStart, m[1]!, m[2]!)) continue;
    add(m.index, m.index + m[0].length, m[2]!);
  }
  return out.sort((a, b) => a.start - b.start);
}

const DATE = String.raw`(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}|\d{1,2}-\d{1,2}-\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?[ \t]\d{1,2}(?:st|nd|rd|th)?,?[ \t]\d{4})`;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A date as notes write it ("2026-03-05", "3/5/26", "03-05-2026", "March 5th, 2026") → YYYY-MM-DD. */
export function parseDate(written: string): string | undefined {
  let y: number;
  let mo: number;
  let d: number;
  const w = written.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(w);
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2,4})$/.exec(w))) {
    [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[3]!.length === 3) return undefined;
    if (y < 100) y += 2000;
  } else if ((m = /^([a-z]{3})[a-z]*\.?\s(\d{1,2})(?:st|nd|rd|th)?,?\s(\d{4})$/i.exec(w))) {
    mo = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
    [d, y] = [Number(m[2]), Number(m[3])];
  } else return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || mo > 12 || date.getUTCDate() !== d || y < 1900 || y > 2200) return undefined;
  return date.toISOString().slice(0, 10);
}

// "<label> [date|on|…] [:] <date>"; a label must not be the tail of a longer word or of "re-eval".
const LABELLED_DATE = (label: string) => onFirstUse(() =>
  caselessRegExp(String.raw`(?<![A-Za-z-])(?:${label})[ \t]{0,3}(?:date|dated|on|of|from|start(?:ed)?|began|period)?[ \t]{0,3}[:\-]?[ \t]{0,3}(?:on[ \t])?${JOIN}${DATE}`, 'g'));
const ONSET_NEEDS = ['onset', 'injur', 'doi', 'symptoms began', 'date of surgery', 'dos'];
const ONSET = LABELLED_DATE(String.raw`onset|date of injury|doi|injury date|date of onset|injured on|symptoms began|injured|date of surgery|dos\s*\(surgery\)`);
const POC_START_NEEDS = ['plan of care', 'poc', 'cert', 'eval', 'start of care', 'soc'];
const POC_START = LABELLED_DATE(String.raw`plan of care|poc|certification|cert(?:ification)? period|initial evaluation|initial eval|evaluation|eval|start of care|soc`);
const SERVICE_DATE_NEEDS = ['date of service', 'dos', 'service date', 'visit date', 'date of visit', 'treatment date', 'encounter date'];
const SERVICE_DATE = LABELLED_DATE(String.raw`date of service|dos|service date|visit date|date of visit|treatment date|encounter date`);
const VISIT_NUMBER_NEEDS = ['visit', 'session', 'treatment', 'tx'];
const VISIT_NUMBER = onFirstUse(() => caselessRegExp(/\bvisit[ \t]{0,2}(?:#|no\.?|number)?[ \t]{0,2}:?[ \t]{0,2}(\d{1,3})(?![\d/\-:]|\.\d|[ \t]?(?:min|'|\u2019|units?\b|x\b|days?\b|weeks?\b|hours?\b))(?:[ \t]{0,2}(?:of|\/)[ \t]{0,2}\d{1,3})?|\b(?:session|treatment|tx)[ \t]{0,2}(?:#|no\.|number)[ \t]{0,2}:?[ \t]{0,2}(\d{1,3})\b|\b(\d{1,3})(?:st|nd|rd|th)[ \t]+(?:visit|session|treatment)\b/.source, 'g'));
// A date that is due, planned or next is not when the plan started ("re-eval due 4/1/2026").
const NOT_A_START = onFirstUse(() => caselessRegExp(/\b(?:next|due|upcoming|scheduled|planned|follow[ -]?up|expires?|expiring|ends?|through|thru|until)\b[^\n]{0,30}$/.source));

function firstDate(text: string, lower: string, needs: readonly string[], re: () => RegExp, reject?: () => RegExp): DateFact | undefined {
  if (!hasAny(lower, needs)) return undefined;
  for (const m of text.matchAll(re())) {
    if (reject && reject().test(text.slice(Math.max(0, m.index - 20), m.index + m[0].length - m[1]!.length))) continue;
    const value = parseDate(m[1]!);
    if (value) return { value, start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

export function findEpisodeFacts(text: string, lower = text.toLowerCase()): {
  visitNumber?: NumberFact;
  planOfCareStart?: DateFact;
  onsetDate?: DateFact;
  dateOfService?: DateFact;
} {
  let visitNumber: NumberFact | undefined;
  for (const m of hasAny(lower, VISIT_NUMBER_NEEDS) ? text.matchAll(VISIT_NUMBER()) : []) {
    const value = Number(m[1] ?? m[2] ?? m[3]);
    // "next visit 3" or "visit 2 of 12 planned" in a plan is not this visit's number.
    if (value >= 1 && value <= 400 && !/\bnext[ \t]+$/i.test(text.slice(Math.max(0, m.index - 6), m.index))) {
      visitNumber = { value, start: m.index, end: m.index + m[0].length };
      break;
    }
  }
  return {
    visitNumber,
    planOfCareStart: firstDate(text, lower, POC_START_NEEDS, POC_START, NOT_A_START),
    onsetDate: firstDate(text, lower, ONSET_NEEDS, ONSET),
    dateOfService: firstDate(text, lower, SERVICE_DATE_NEEDS, SERVICE_DATE),
  };
}
