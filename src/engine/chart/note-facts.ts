// Facts the note states outright: claim lines it lists, who signed it, visit number, dates.
import type { CredentialMention, DateFact, NoteClaimLine, NumberFact } from './types';

const MODIFIER = String.raw`(?:GP|GO|GN|CQ|CO|KX|59|XE|XS|XP|XU|25|52|76|77|GA|GY|GZ|AT|GX)`;
// Codes as billed: 97xxx, 98xxx, G-codes; modifiers upper-case only (so "co" or "go" in prose never count).
const CLAIM_CODE = new RegExp(
  String.raw`\b(9[78]\d{3}|G0\d{3})\b((?:[ \t]?[-:,/]?[ \t]?${MODIFIER}\b){0,4})(?:[ \t]{0,2}(?:[x×X][ \t]?(\d{1,2})\b(?![ \t]?(?:weeks?|wks?|days?|months?|visits?|per|times|\/))|\(?(\d{1,2})[ \t]?units?\b\)?|units?:?[ \t]?(\d{1,2})\b))?`,
  'g',
);
const MINUTES_NEAR = /^[^\n\d]{0,30}?\(?(\d{1,3})[ \t]?(?:min(?:ute)?s?\b|['’′])/i;

export function findNoteClaimLines(text: string, lineStarts: number[]): NoteClaimLine[] {
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
    while (lineStart > 0 && lineStart > m.index - 12 && /[ \t\-*•\d.)]/.test(text[lineStart - 1]!) && text[lineStart - 1] !== '\n') lineStart--;
    const startsLine = lineStartSet.has(lineStart) || m.index === 0;
    if (!startsLine && modifiers.length === 0 && units === undefined) continue;
    const end = m.index + m[0].length;
    const minutesMatch = MINUTES_NEAR.exec(text.slice(end, end + 40));
    const line: NoteClaimLine = {
      code,
      modifiers,
      units,
      minutes: minutesMatch ? Number(minutesMatch[1]) : undefined,
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

const CREDENTIAL = String.raw`(?:DPT|MSPT|MPT|PTA|PT|OTR\/L|OTR|OT\/L|OTD|OT|COTA\/L|COTA|OTA|LMT|LMBT|CMT|DC|MD|DO|ATC|SLP|CCC-SLP|NP|PA-C|RN)`;
const NAME = String.raw`[A-Z][A-Za-z'’.\-]{0,30}(?:[ \t]+[A-Z][A-Za-z'’.\-]{0,30}){0,3}`;
const SIGNATURE = new RegExp(
  String.raw`(${NAME}),[ \t]{0,3}(${CREDENTIAL}(?:[ \t]{0,2}[,/][ \t]{0,2}(?:${CREDENTIAL}|[A-Z]{2,5}))*)(?![A-Za-z])`,
  'g',
);
const SIGNED_BY = new RegExp(
  String.raw`(?:signed(?:[ \t]+by)?|signature|therapist|treating[ \t]+(?:therapist|clinician)|rendering[ \t]+provider|provider|clinician)[ \t]{0,3}:?[ \t]{0,3}(${NAME})[ \t]{1,3}(${CREDENTIAL})(?![A-Za-z])`,
  'gi',
);

const NORMALISED: Record<string, string> = {
  DPT: 'PT', MSPT: 'PT', MPT: 'PT', PT: 'PT', PTA: 'PTA',
  'OTR/L': 'OT', OTR: 'OT', 'OT/L': 'OT', OTD: 'OT', OT: 'OT', 'COTA/L': 'OTA', COTA: 'OTA', OTA: 'OTA',
  LMT: 'LMT', LMBT: 'LMT', CMT: 'LMT', DC: 'DC', MD: 'MD', DO: 'MD', ATC: 'ATC', SLP: 'SLP', 'CCC-SLP': 'SLP',
  NP: 'NPP', 'PA-C': 'NPP', RN: 'RN',
};

export function normaliseCredential(written: string): string | undefined {
  return NORMALISED[written.trim().toUpperCase()];
}

/** Signatures: "J. Smith, PTA", "(by Jane Doe, PT)", "Signed by: Ann Lee DPT". */
export function findSignatures(text: string): CredentialMention[] {
  const out: CredentialMention[] = [];
  const add = (start: number, end: number, creds: string) => {
    for (const c of creds.split(/[ \t]*[,/][ \t]*/)) {
      const credential = normaliseCredential(c);
      if (credential) out.push({ credential, kind: 'signature', start, end, text: text.slice(start, end) });
    }
  };
  for (const m of text.matchAll(SIGNATURE)) add(m.index, m.index + m[0].length, m[2]!);
  for (const m of text.matchAll(SIGNED_BY)) {
    if (!/^[A-Z]/.test(m[2]!)) continue; // the credential must be written in capitals
    add(m.index, m.index + m[0].length, m[2]!);
  }
  return out.sort((a, b) => a.start - b.start);
}

const DATE = String.raw`(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?[ \t]\d{1,2},?[ \t]\d{4})`;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function parseDate(written: string): string | undefined {
  let y: number;
  let mo: number;
  let d: number;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(written);
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})$/.exec(written))) {
    [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (y < 100) y += 2000;
  } else if ((m = /^([a-z]{3})[a-z]*\.?\s(\d{1,2}),?\s(\d{4})$/i.exec(written))) {
    mo = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
    [d, y] = [Number(m[2]), Number(m[3])];
  } else return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (mo < 1 || mo > 12 || date.getUTCDate() !== d || y < 1900 || y > 2200) return undefined;
  return date.toISOString().slice(0, 10);
}

const LABELLED_DATE = (label: string) => new RegExp(String.raw`\b(?:${label})[ \t]{0,3}(?:date|dated|on|of|from|start(?:ed)?|began|period)?[ \t]{0,3}[:\-]?[ \t]{0,3}(?:on[ \t])?${DATE}`, 'gi');
const ONSET = LABELLED_DATE(String.raw`onset|date of injury|doi|injury date|date of onset|injured on|symptoms began|injured|date of surgery|dos\s*\(surgery\)`);
const POC_START = LABELLED_DATE(String.raw`plan of care|poc|certification|cert(?:ification)? period|initial evaluation|initial eval|evaluation|eval|start of care|soc`);
const SERVICE_DATE = LABELLED_DATE(String.raw`date of service|dos|service date|visit date|date of visit|treatment date|encounter date`);
const VISIT_NUMBER = /\bvisit[ \t]{0,2}(?:#|no\.?|number)?[ \t]{0,2}:?[ \t]{0,2}(\d{1,3})(?![\d/\-.:]|[ \t]?(?:min|'|’|units?\b|x\b|days?\b|weeks?\b|hours?\b))(?:[ \t]{0,2}(?:of|\/)[ \t]{0,2}\d{1,3})?|\b(?:session|treatment|tx)[ \t]{0,2}(?:#|no\.|number)[ \t]{0,2}:?[ \t]{0,2}(\d{1,3})\b|\b(\d{1,3})(?:st|nd|rd|th)[ \t]+(?:visit|session|treatment)\b/gi;

function firstDate(text: string, re: RegExp): DateFact | undefined {
  for (const m of text.matchAll(re)) {
    const value = parseDate(m[1]!);
    if (value) return { value, start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

export function findEpisodeFacts(text: string): {
  visitNumber?: NumberFact;
  planOfCareStart?: DateFact;
  onsetDate?: DateFact;
  dateOfService?: DateFact;
} {
  let visitNumber: NumberFact | undefined;
  for (const m of text.matchAll(VISIT_NUMBER)) {
    const value = Number(m[1] ?? m[2] ?? m[3]);
    if (value >= 1 && value <= 400) {
      visitNumber = { value, start: m.index, end: m.index + m[0].length };
      break;
    }
  }
  return {
    visitNumber,
    planOfCareStart: firstDate(text, POC_START),
    onsetDate: firstDate(text, ONSET),
    dateOfService: firstDate(text, SERVICE_DATE),
  };
}
