// Header facts (payer, date of service, provider, visit number, plan-of-care start, total timed
// minutes, onset) from label/value pairs wherever the page puts them: fields (label for, aria,
// the text before, th|td, dt|dd), "Label: value" text, a bold label opening a line, "Seen by …",
// and the page title or a heading that carries the date. Each candidate is scored by how the label
// was found and how sure the label match is; the best one per fact wins.
import type { PageCell, PageDescription } from '../../shared/page';
import type { ReadFact, ReadFacts } from './types';
import { datesIn, firstDate, personInReadingOrder, personLike, procedureCodes, undecorate } from './values';
import { namePatternMatch, payerWords, PROFILE_DATA } from '../../engine/payers/index';
import { FACT_PATTERNS, FACT_RULES, INSURANCE_CAPTION, INSURANCE_CONTEXT, INSURANCE_TABLE_HEADING, NOTE_HEADINGS, NOT_THE_PAYER_CAPTION, OTHER_QUALIFIER, PAYER_BADGE, PAYER_CLASS_LABEL, PAYER_RANK_TAG, PLAN_WORDS, PORTAL_NAME, STATUS_CHIP, VISIT_COUNT_LABEL, WEAK_PAYER_CAPTION, type Fact } from './vocab';
import { namesClinicianCredential } from '../../shared/credentials';

interface PhraseRule {
  fact: Fact | null;
  phrase: string;
}

const PHRASES: PhraseRule[] = FACT_RULES.flatMap((r) => r.phrases.map((phrase) => ({ fact: r.fact, phrase }))).sort((a, b) => b.phrase.length - a.phrase.length);

/** A printed form's box number opening a caption ("11c. Insurance plan name", "24. A.", "21."). */
const FORM_BOX_NUMBER = /^\s*\d{1,2}[a-z]?\.\s+(?:[A-L]\.\s+)?/;

function key(text: string): string {
  return undecorate(text).replace(FORM_BOX_NUMBER, '').toLowerCase().replace(/[#.]/g, (c) => (c === '#' ? ' #' : '')).replace(/[^a-z0-9# ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The fact a label names (longest phrase first), null for look-alikes, undefined for none. */
export function factOf(label: string): { fact: Fact | null; exact: boolean } | undefined {
  const k = key(label);
  if (!k) return undefined;
  for (const { fact, phrase } of PHRASES) {
    if (k === phrase) return { fact, exact: true };
  }
  for (const { fact, phrase } of PHRASES) {
    if (!k.startsWith(`${phrase} `) && !k.endsWith(` ${phrase}`)) continue;
    // A qualified phrase ("Secondary coverage", "Next scheduled date", "Payer ID") is the fact unless
    // its few other words make it another one (a label run into its value is not judged by the value).
    const rest = (k.startsWith(`${phrase} `) ? k.slice(phrase.length) : k.slice(0, -phrase.length)).trim();
    return { fact: fact && rest.split(' ').length <= 3 && OTHER_QUALIFIER.test(rest) ? null : fact, exact: false };
  }
  if (k.split(' ').length <= 6) for (const rule of FACT_PATTERNS) if (rule.pattern.test(k) && !rule.not?.test(k)) return { fact: rule.fact, exact: false };
  return undefined;
}

const VIA_CONFIDENCE: Record<string, number> = { config: 1, for: 0.92, aria: 0.9, dl: 0.9, row: 0.88, prev: 0.82, colon: 0.8, col: 0.7, name: 0.6, heading: 0.55, title: 0.5, line: 0.45, pattern: 0.75 };

/** A caption's own word where a payer's name should be ("Primary insurance plan" read as label "Primary insurance", value "plan"). */
const GENERIC_PAYER_WORD = /^(?:plan|plans|policy|insurance|coverage|carrier|payer|payor|primary|secondary|name|type|id|details|info|member|subscriber|group)$/i;

const PLACEHOLDER = /^(?:[-–—\s([<]*(?:select|choose|please|none|n\/a|na|unknown|unassigned|default|not on file|none on file|pending|checking)\b.*|[-–—_.\s]*)$/i;

/**
 * Whether block `index` sits right under the visit's header: the element just before it is a short
 * dated line ("Thu, Jun 3, 2027 · 10:00 AM – 11:00 AM") or a heading, with nothing between them.
 */
function underVisitHeader(page: PageDescription, index: number): boolean {
  const block = page.blocks[index];
  if (!block) return false;
  const previous = page.blocks[index - 1];
  const heading = block.head !== undefined ? page.headings[block.head] : undefined;
  // (A note section's heading, "Plan", is no visit title.)
  if (heading && heading.at === block.at - 1) return !NOTE_HEADINGS.includes(undecorate(heading.text).replace(/[:：]\s*$/, '').trim().toLowerCase());
  if (!previous || block.at - previous.at > 2 || (heading && heading.at > previous.at)) return false;
  const line = previous.text.trim();
  return line.length <= 80 && !line.includes('\n') && datesIn(line).length > 0;
}

/** Small words a plan's name may carry in lower case ("Blue Cross Blue Shield of Michigan", "Plan de Salud"). */
const NAME_CONNECTORS: ReadonlySet<string> = new Set(['of', 'and', 'the', 'for', 'de', 'del', 'la', 'y', 'du', 'et', 'a', 'in', 'on']);

/**
 * A sentence, not a name: three or more lower-case words other than a name's small connectors
 * ("Keep going as outlined by the treating therapist", "patient to call insurer"). A payer's name is capitalised.
 */
function sentenceLike(value: string): boolean {
  const lower = value.split(/[\s,;()]+/).filter((w) => /^[a-z]/.test(w) && !NAME_CONNECTORS.has(w.replace(/[^a-z]/g, '')));
  return lower.length >= 3;
}

/** A value read as the fact it is labelled with; undefined when it does not fit. */
function valueFor(fact: Fact, raw: string): string | number | undefined {
  const value = raw.replace(/\s+/g, ' ').trim();
  if (!value || PLACEHOLDER.test(value)) return undefined;
  switch (fact) {
    case 'payer': {
      // "primary: Aetna …" (a claim's payer select); an insurer's address after its name is not the payer.
      const cleaned = value
        .replace(/^(?:primary|secondary|tertiary)\s*[:\-]\s*/i, '')
        // The rank as a plain prefix ("Primary Acme Silver Plus HMO", "Secondary Insurance Aetna PPO"); a
        // payer named for primary care ("Primary Care Network", "Primary Health …") keeps its name.
        .replace(/^(?:Primary|Secondary|Tertiary|PRIMARY|SECONDARY|TERTIARY)(?:\s+(?:[Ii]nsurance|[Pp]ayer|[Cc]overage|[Pp]lan))?\s+(?!(?:Care|Health|CARE|HEALTH)\b)(?=[A-Z0-9])/, '')
        // The payer's rank and the member's id beside its name ("Aetna PPO (Primary)", "Aetna PPO · ID W123456789").
        .replace(/\s*[([](?:primary|secondary|tertiary|pri|sec)[)\]]/i, '')
        .replace(/\s*(?:[·•|,;]|\s[-–—])\s*(?:member\s*|subscriber\s*|policy\s*|group\s*|grp\s*)?(?:id|#|no\.?|number)\b.*$/i, '')
        .replace(/\s+(?:member\s+)?id\s*[:#]?\s*[A-Z0-9-]*\d[A-Z0-9-]{4,}.*$/i, '')
        // In prose the value ends with its sentence ("Coverage: Medicare Part B. This was visit 5 …").
        .replace(/\.\s+(?=[A-Z][a-z]+\s+[a-z]).*$/, '')
        .replace(/(?<![A-Z]\.[A-Z]|\b(?:Inc|Co|Corp|Ltd))\.$/, '')
        .replace(PAYER_BADGE, '')
        .replace(PAYER_RANK_TAG, (tag, rank: string) => (/^primary$/i.test(rank) ? '' : tag))
        .replace(/\s+(?:P\.?\s?O\.?\s+Box\b|\d{1,6}(?:\s+[A-Z][A-Za-z.]*){1,3}\s+(?:Ave|Avenue|St|Street|Rd|Road|Blvd|Boulevard|Dr|Drive|Way|Ln|Lane|Pkwy|Parkway|Plaza|Suite|Ste)\b).*$/, '')
        .trim();
      if (PAYER_RANK_TAG.test(cleaned) || GENERIC_PAYER_WORD.test(cleaned) || sentenceLike(cleaned)) return undefined;
      // A status chip beside a "Bill" caption ("Ready to bill", "Signed") is the claim's state, not its payer.
      return /[A-Za-z]{2}/.test(cleaned) && cleaned.length <= 120 && !PLACEHOLDER.test(cleaned) && !STATUS_CHIP.test(cleaned) ? cleaned : undefined;
    }
    case 'dateOfService':
    case 'onsetDate':
      return firstDate(value);
    case 'planOfCareStart':
      return firstDate(value);
    case 'provider': {
      // "… on 12/01/2026" (a signature's date), "(NPI 1234567890)" and other ids after the person.
      // "Lindqvist PT, DPT, Tove" (surname, credentials, given name) reads as "Tove Lindqvist, PT, DPT".
      // "Dana Voss · PT, DPT" (a select showing the name, a middle dot, the credentials) reads as "Dana Voss, PT, DPT".
      // "Name, PT, DPT · signed 07/12/2027 5:42 PM": a signature's status after the person ends it.
      const runs = value.split(/\s+[·•|]\s+/);
      const end = runs.findIndex((run, i) => i > 0 && (/^[a-z]|\d/.test(run) || /^(?:e-?)?signed\b|^(?:locked|pending|draft|co-?signed)\b/i.test(run)));
      const own = (end > 0 ? runs.slice(0, end) : runs).join(' · ');
      const person = personInReadingOrder(own.replace(/\s+[·•]\s+(?=[A-Z])/g, ', ').replace(/\s+on\s+\d.*$/i, '').replace(/[\s,]*[([]?\s*(?:npi|id|provider id|license|lic)\b[\s:#.]*\d[\d-]*\s*[)\]]?/gi, '').trim());
      return personLike(person) ? person.slice(0, 120) : undefined;
    }
    case 'visitNumber': {
      // (Never a date, a clock time or a duration: "Session: 5/4/2027", "10:00", "45 min".)
      const m = /^(?:#\s*)?(\d{1,3})(?:\s*(?:of|\/)\s*\d{1,3})?\b(?![/:.-]\d|\s*(?:min|h(?:ou)?rs?|am|pm)\b)/i.exec(value);
      const n = m ? Number(m[1]) : NaN;
      return n >= 1 && n <= 300 ? n : undefined;
    }
    case 'totalTimedMinutes': {
      const m = /^(\d{1,3})(?:\s*(?:min|mins|minutes))?\b/i.exec(value);
      const n = m ? Number(m[1]) : NaN;
      return n >= 0 && n <= 600 ? n : undefined;
    }
  }
}

/** A person's name words: not credentials (written in capitals), not a title. */
function personWords(text: string): string[] {
  return text
    .split(/[\s,;()]+/)
    .filter((w) => /[a-z]/.test(w) && !/^(?:dr|mr|mrs|ms|miss|prof)\.?$/i.test(w))
    .map((w) => w.toLowerCase().replace(/[^a-z'-]/g, ''));
}

/** A person's name alone: two to four capitalised words, a middle initial allowed ("Ines M. Aldana-Ruiz"). */
const NAME_ONLY = /^[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2}$/;
/** Capitals beside a name that are no credentials (record ids and times). */
const NOT_CREDENTIALS = /\b(?:MRN|DOB|ID|SSN|NPI|AM|PM|EST|CST|MST|PST|EDT|CDT|MDT|PDT|UTC)\b/;
/** A field that gives the provider's credentials apart from the name ("Provider Credentials | PT, DPT"). */
const CREDENTIALS_LABEL = /^(?:(?:provider|rendering|treating|therapist|clinician|practitioner)\s+)?(?:credentials?|creds?|licen[sc]e\s+type|professional\s+(?:title|designation)|designation|degrees?)$/i;
const CREDENTIAL_LIST = /^[A-Z]{2,6}(?:[/-][A-Z]{1,4})?(?:\s*[,;/]?\s+[A-Z]{2,6}(?:[/-][A-Z]{1,4})?|\s*[,;]\s*[A-Z]{2,6}(?:[/-][A-Z]{1,4})?)*$/;

class Facts {
  readonly out: ReadFacts = {};
  /** The provider's credentials read from a field of their own (joined to the name at the end). */
  credentials?: { value: string; confidence: number };

  offer(fact: Fact, value: string | number | undefined, shown: string, confidence: number, reason: string, anchor?: string): void {
    if (value === undefined) return;
    const current = this.out[fact] as ReadFact | undefined;
    if (current && typeof current.value === 'string' && typeof value === 'string' && fact === 'provider') {
      // "Omar Haddad" (Author) and "Omar Haddad, PT" or "Haddad, Omar PT" (the signature): one
      // person; the surer reading's place, the text that carries the credentials.
      const [short, long] = current.value.length < value.length ? [current.value, value] : [value, current.value];
      const a = personWords(short);
      const b = personWords(long);
      if (a.length > 0 && a.length === b.length && a.every((w) => b.includes(w))) {
        if (confidence > current.confidence) {
          current.confidence = Math.round(confidence * 100) / 100;
          current.reason = reason;
          if (anchor) current.anchor = anchor;
        }
        current.value = long;
        current.shown = long.slice(0, 300);
        return;
      }
    }
    if (current && current.confidence >= confidence) return;
    const read: ReadFact = { value, shown: shown.slice(0, 300), confidence: Math.round(confidence * 100) / 100, reason };
    if (anchor) read.anchor = anchor;
    (this.out as Record<Fact, ReadFact>)[fact] = read;
  }

  /** A label and its value: the label says which fact, the value must fit it. */
  labelled(label: string, value: string, via: string, anchor: string | undefined, visible: boolean, weight = 1): void {
    const credentials = value.replace(/\s+/g, ' ').trim();
    if (CREDENTIALS_LABEL.test(key(label)) && CREDENTIAL_LIST.test(credentials)) {
      const confidence = (VIA_CONFIDENCE[via] ?? 0.7) * weight * (visible ? 1 : 0.9);
      if (!this.credentials || this.credentials.confidence < confidence) this.credentials = { value: credentials.split(/\s*[,;/]?\s+|\s*[,;]\s*/).join(', '), confidence };
      return;
    }
    const match = factOf(label);
    // A name captioning credentials ("<span>Ines Aldana</span> <span>PT, DPT</span>": a practitioner's card).
    if (!match && NAME_ONLY.test(label.trim()) && CREDENTIAL_LIST.test(credentials) && !NOT_CREDENTIALS.test(credentials)) {
      const person = `${label.trim()}, ${credentials.split(/\s*[,;/]?\s+|\s*[,;]\s*/).join(', ')}`;
      this.offer('provider', person, person, 0.6 * (VIA_CONFIDENCE[via] ?? 0.7) * (visible ? 1 : 0.9), `"${label}" beside the credentials "${credentials}"`, anchor);
      return;
    }
    if (!match || match.fact === null) return;
    const read = valueFor(match.fact, value);
    const base = (VIA_CONFIDENCE[via] ?? 0.7) * (match.exact ? 1 : 0.9) * (visible ? 1 : 0.9) * weight;
    // "Date" alone could be any date: weaker than "Date of service".
    const generic = match.fact === 'dateOfService' && key(label) === 'date' ? 0.75 : 1;
    this.offer(match.fact, read, value, base * generic, `"${label}" (${via === 'colon' ? 'label: value text' : via === 'row' ? 'label cell' : via === 'dl' ? 'definition list' : via === 'for' ? '<label for>' : via === 'aria' ? 'aria-label' : via === 'prev' ? 'label before it' : via})`, anchor);
  }
}

/** Labels that may share one line ("Patient: X   DOB: Y   Insurance: Z"): split before each. */
function splitLabelled(text: string): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const re = /(?:^|\s{2,}|[|·•;]\s*|\s(?=[A-Z][A-Za-z .#/]{1,30}:\s))([A-Z][A-Za-z .#/()]{1,40}?):\s*/g;
  const marks: { label: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(re)) marks.push({ label: m[1] as string, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  marks.forEach((m, i) => {
    const next = marks[i + 1];
    const value = text.slice(m.end, next ? next.start : undefined).trim();
    if (value) out.push({ label: m.label.trim(), value });
  });
  return out;
}

/**
 * A fact written as its label then its value with no colon ("Visit 7", "Total timed 41 min", "Plan of
 * care since Feb 8, 2027"): the longest run of opening words (up to four) that is a fact's label and
 * leaves a value that fits it. A run of a "·"-separated summary line is one such segment.
 */
export function leadingLabel(segment: string): { label: string; value: string; fact: Fact } | undefined {
  const words = segment.trim().split(/\s+/);
  if (segment.includes(':') || words.length < 2 || segment.length > 60) return undefined;
  for (let n = Math.min(4, words.length - 1); n >= 1; n--) {
    const label = words.slice(0, n).join(' ');
    const match = factOf(label);
    if (!match?.fact || !match.exact) continue;
    const value = words.slice(n).join(' ');
    if (valueFor(match.fact, value.replace(/^(?:since|from|started|starting|began|of|on|is|=)\s+/i, '')) !== undefined) return { label, value: value.replace(/^(?:since|from|started|starting|began|of|on|is|=)\s+/i, ''), fact: match.fact };
  }
  return undefined;
}

/** A line that states a header fact ("Coverage Medicare Part B", "Seen by …", "Visit 11/12", "DOB: …"). */
export function isFactLine(line: string): boolean {
  // A header strip: "Auth Visit 4 of 20 · Plan of care start 01/18/2027 · Total timed 53 min".
  const segments = line.length > 60 ? line.split(/\s+[·•|]\s+/) : [];
  if (segments.length >= 2) return segments.filter((s) => s.length <= 60 && isFactLine(s.trim())).length >= Math.max(2, segments.length / 2);
  // (Longer lines are prose unless they carry a date: "Plan of care Tuesday, September 29, 2026 – …".)
  if (line.length > 90 || (line.length > 60 && datesIn(line).length === 0) || /^(?:electronically\s+)?signed\s*:/i.test(line)) return false; // a signature closes a note
  // "Seen by …" opening the line is a fact; "Per plan of care. Signed: …" closes a note section.
  if (SIGNED.exec(line)?.index === 0 || WITH_PERSON.test(line) || VISIT_OF.test(line) || /^visit\s+\d{1,3}\s*\/\s*\d{1,3}$/i.test(line)) return true;
  const colon = /^([^:]{2,40}):/.exec(line);
  if (colon) return factOf(colon[1] as string) !== undefined;
  const words = line.split(/\s+/);
  for (let n = 3; n >= 1; n--) {
    const match = factOf(words.slice(0, n).join(' '));
    if (match?.exact && match.fact !== null && words.length > n) return true;
  }
  return /\b(?:mrn|acct|dob)\b|·\s*mr-?\d|\d{1,2}\/\d{1,2}\/\d{4}/i.test(line) && line.length < 45;
}

/** The label cell of a claim table's totals row, and a minutes column's header. */
const TOTALS_CELL = /^(?:grand\s+|visit\s+)?totals?(?:\s+(?:time|units|minutes|mins|duration))?\s*:?$/i;
const MINUTES_COLUMN = /^(?:total\s+|timed\s+|treatment\s+)*(?:min|mins|minutes|time|duration)(?:\s*\((?:min|mins|h:mm|hh:mm)\))?$/i;
/** A total's figure under a minutes column: "38", "38 min", or a duration written h:mm ("0:38", "1:05"). */
function totalFigure(text: string): number | undefined {
  const t = text.trim();
  const clock = /^(\d{1,2}):(\d{2})$/.exec(t);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const m = /^(\d{1,3})(?:\s*min\w*)?$/i.exec(t);
  return m ? Number(m[1]) : undefined;
}

/** Facts stated in sentences ("Seen on December 14, 2026 by Hannah Brooks, PT."; "This was visit 5 of the plan of care that began on …"). */
const SEEN_ON = /\b(?:[Ss]een|[Tt]reated|[Ee]valuated|[Vv]isited|[Ss]ervices?\s+(?:were\s+|was\s+)?(?:provided|rendered)|[Tt]reatment\s+(?:was\s+)?(?:provided|given))\s+(?:on|dated)\s+([^.;]{0,30}?(?:\d{4}|\d{1,2}\/\d{1,2}\/\d{2}))\b/;
const SEEN_BY = /\b(?:[Ss]een|[Tt]reated|[Ee]valuated|[Pp]rovided|[Rr]endered)\b[^.;]{0,50}?\bby\s+([A-Z][A-Za-z'.-]+(?:\s+[A-Z][A-Za-z'.-]*){0,3}(?:\s*,\s*[A-Z]{2,5}(?:[-/][A-Z]{1,3})?)*)/;
/**
 * An appointment stated in a sentence, with its provider and date: "Appointment with Name (CREDS) on
 * 1 Jun 2027 at …", "Session with Name, CREDS on 06/01/2027".
 */
const APPOINTMENT_WITH = /\b(?:[Aa]ppointment|[Aa]ppt\.?|[Vv]isit|[Ss]ession|[Tt]reatment|[Cc]onsult(?:ation)?)\s+with\s+([A-Z][A-Za-z'.-]+(?:\s+[A-Z][A-Za-z'.-]*){1,3}(?:\s*\([A-Z][A-Za-z/]{1,6}(?:\s*,\s*[A-Z][A-Za-z/]{1,6})*\)|(?:\s*,\s*[A-Z]{2,5}(?:[-/][A-Z]{1,3})?)*))\s+on\s+([^.;]{0,30}?(?:\d{4}|\d{1,2}\/\d{1,2}\/\d{2}))\b/;
const VISIT_OF_PLAN = /\b(?:visit|session|treatment)\s*(?:#|no\.?|number)?\s*(\d{1,3})\s+(?:of|in|under)\s+(?:the|this|her|his|their|a|an)?\s*(?:current\s+)?(?:plan of care|poc|episode|certification|authori[sz]ation)\b/i;

/** A visit's number in its case or episode, as a whole run ("Appointment 7 in this case", "Visit 4 of this episode"). */
const VISIT_IN_CASE = /^(?:visit|session|appointment|appt|treatment)\s*#?\s*(\d{1,3})\s+(?:of|in)\s+(?:this|the)\s+(?:case|episode|plan of care|poc)$/i;

/** A sentence that states a header fact (not clinical prose): the note classifier leaves such blocks to the facts. */
export function isFactSentence(sentence: string): boolean {
  const s = sentence.trim();
  if (!s || s.length > 160) return false;
  if (SEEN_ON.test(s) || VISIT_OF_PLAN.test(s)) return true;
  const label = /^([A-Za-z][A-Za-z .#/()]{1,40}?)\s*:\s*\S/.exec(s);
  const fact = label ? factOf(label[1] as string) : undefined;
  return fact !== undefined && fact.fact !== null;
}

/** "Treatment with Teresa Lindgren, PT, DPT" (an appointment header): a person with credentials after "with". */
const WITH_PERSON = /^[A-Z][A-Za-z ]{0,30}\bwith\s+([A-Z][a-z'-]+(?:\s+[A-Z][A-Za-z'.-]+){1,3}\s*,\s*[A-Z]{2,5}(?:[-/][A-Z]{1,3})?(?:\s*,\s*[A-Z]{2,5})*)\s*$/;
/**
 * "with Marit Solberg, LMT" as a line of its own: an appointment banner's second line, under the
 * visit's date or title. Only in that header position (the line right after a dated line or a
 * heading); a plan's "follow-up with Dr …" is prose, never this.
 */
const BARE_WITH_PERSON = /^[Ww]ith\s+([A-Z][a-z'-]+(?:\s+[A-Z][A-Za-z'.-]+){1,3}\s*,\s*[A-Z]{2,5}(?:[-/][A-Z]{1,3})?(?:\s*,\s*[A-Z]{2,5}(?:[-/][A-Z]{1,3})?)*)\.?\s*$/;
/** A line that is only who the visit is with ("with Marit Solberg, LMT", "Treatment with …, PT"): a byline, never note text. */
export const isWithByline = (line: string): boolean => BARE_WITH_PERSON.test(line.trim()) || WITH_PERSON.test(line.trim());
const SIGNED = /\b(?:[Ee]lectronically\s+)?(?:[Ss]igned\s*:\s*|(?:[Ss]igned|[Ss]een|[Tt]reated|[Pp]erformed)\s+by[:\s]+)([A-Z][^\n;|]{2,80}?)(?:\s+on\s+[\d(]|\s*$|\s*[|·•;\n])/;
// One line of a calendar tile: a weekday, a month name, a day of the month or a year.
const CALENDAR_PART = /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|\d{1,2}|\d{4})$/i;
// A line about the episode or its authorisation rather than the visit: its dates are never the date of service.
const EPISODE_LINE = /\b(?:poc|plan\s+of\s+care|cert(?:ification|\.)?|cert\s+period|auth(?:ori[sz]ation|ori[sz]ed)?|episode|valid|thru|through|onset|re-?eval\w*|due|next)\b/i;
// (Never a date: "Previous visit 04/12/2027" is not visit 4 of 12.)
const VISIT_OF = /\bvisit\s*(?:#|no\.?|number)?\s*:?\s*(\d{1,3})\s*(?:of|\/)\s*\d{1,3}\b(?![/-]\d)/i;
/** A whole line "Label: value", "Label — value" or "LABEL .....: value". */
const LINE_LABEL = /^([A-Za-z][A-Za-z .#/()]{1,40}?)\s*(?:\.{2,}\s*)?(?::|\s[—–]\s)\s*(\S.*)$/;
export const SIGNATURE_LINE = /^[A-Z][a-z'-]+(?:\s+[A-Z]\.?)?\s+[A-Z][A-Za-z'-]+\s*,\s*[A-Z]{2,5}(?:[-/][A-Z]{1,3})?(?:\s*,\s*[A-Z]{2,5}(?:[-/][A-Z]{1,3})?)*\.?$/;
/** Hints of page chrome where unlabelled values are not the visit's (menus, footers). */
const UNLABELLED_SKIP: ReadonlySet<string> = new Set(['nav', 'navbar', 'navigation', 'menu', 'menubar', 'sidebar', 'footer', 'toolbar', 'search', 'breadcrumb', 'dropdown', 'contentinfo']);
const PAYER_PATTERNS: string[] = PROFILE_DATA.flatMap((p) => p.namePatterns);
const payerNamed = (text: string): boolean => {
  const words = payerWords(text);
  return PAYER_PATTERNS.some((pattern) => namePatternMatch(pattern, words) > 0);
};
/** "Visit 5", "Session #12", "Tx 3", "Case Visit 6": a visit's number as a badge (one caption word before it at most). */
const VISIT_BADGE = /^(?:(?!(?:next|last|prior|previous|missed|cancell?ed|no-?show|follow|total|group|upcoming)\b)[A-Za-z]+\s+)?(?:visit|session|treatment|tx)\s*#?\s*(\d{1,3})$/i;
const VISIT_WORD = /\b(?:encounter|visit|service|session|appointment|treatment|note|dos)\b/i;
const POC_RANGE = /\b(?:plan of care|poc|cert(?:ification)?\.? period)\b[^\d]{0,20}/i;

/**
 * A payer under a caption: "Primary" or "Insurance" on a line of its own (a heading or a caption
 * div) and the plan in the next element (a link, a badge, a line), which the describer gives as the
 * next heading or a block under the caption. A weak caption ("Primary", "Plan") counts only
 * under a billing or insurance heading and with a value that reads as a plan.
 */
function captionedPayer(page: PageDescription, facts: Facts, noteBlocks: Set<string>): void {
  page.headings.forEach((heading, i) => {
    const caption = undecorate(heading.text).replace(/[:：]\s*$/, '').trim();
    // A payer caption, or an insurance heading of a few words ("Insurance information", "Coverage")
    // that is not about a secondary plan, eligibility, an authorisation or a balance.
    const insuranceHeading = caption.split(/\s+/).length <= 4 && INSURANCE_CAPTION.test(caption) && !NOT_THE_PAYER_CAPTION.test(caption);
    const strong = (factOf(caption)?.fact === 'payer' && factOf(caption)?.exact === true) || insuranceHeading;
    if (!strong && !WEAK_PAYER_CAPTION.test(caption)) return;
    const above = page.headings.slice(0, i).reverse().find((h) => h.level < heading.level);
    const context = INSURANCE_CONTEXT.test(above?.text ?? '') || page.blocks.some((b) => b.head === i && b.hints?.some((h) => h === 'billing' || h === 'claim'));
    const under = page.blocks.filter((b) => b.head === i && !b.edit && !noteBlocks.has(b.id)).map((b) => ({ text: b.text, id: b.id, at: b.at }));
    // The next heading only when it is a short line of its own (level 7), not a section title; in page
    // order. Past a rank caption ("Insurance" / "Primary" / the plan): the line after it.
    const next = page.headings.slice(i + 1, i + 3).filter((h, k, all) => h.level === 7 && (k === 0 || WEAK_PAYER_CAPTION.test(undecorate(all[0]?.text ?? '').trim())));
    const candidates = [...under, ...next.map((h) => ({ text: h.text, id: h.id, at: h.at }))].sort((a, b) => a.at - b.at);
    for (const candidate of candidates.slice(0, 4)) {
      const line = (candidate.text.split('\n')[0] ?? '').trim();
      if (!line || line.length > 80 || isFactLine(line) || factOf(line) !== undefined || WEAK_PAYER_CAPTION.test(line) || /[.;!?]\s|\d{1,2}\/\d{1,2}\//.test(line)) continue;
      const value = valueFor('payer', line);
      if (typeof value !== 'string') continue;
      if (!strong && !(context && (payerNamed(value) || PLAN_WORDS.test(value)))) break;
      facts.offer('payer', value, line, strong ? 0.6 : 0.55, `"${caption}" above it`, candidate.id);
      break;
    }
  });
}

/**
 * A payer caption on a line of its own beside its value, the block right after it or, failing that,
 * right before it ("Primary insurance plan" over a select's shown value "Blue Cross PPO", or a card's
 * caption under its figure): the short line beside the caption, when it reads as a plan.
 */
function payerBesideCaption(page: PageDescription, facts: Facts, noteBlocks: Set<string>): void {
  const ordered = page.blocks.filter((b) => !b.edit && !noteBlocks.has(b.id)).sort((a, b) => a.at - b.at);
  ordered.forEach((block, i) => {
    // A container's captions gathered into one block ("Insurance payer / Member ID … / Diagnoses /
    // Services": overline captions whose values are elements of their own): the first caption's value
    // is the block drawn right after the container opens.
    const stacked = captionStack(block.text);
    const caption = undecorate(stacked ?? block.text).replace(/[:：]\s*$/, '').trim();
    if (caption.length > 40 || caption.includes('\n') || factOf(caption)?.fact !== 'payer' || NOT_THE_PAYER_CAPTION.test(caption)) return;
    // (After a container's captions, the next element may be a short title line: a level-7 heading.)
    const title = stacked ? page.headings.find((h) => h.level === 7 && h.at > block.at) : undefined;
    const after = ordered[i + 1];
    const first = title && (!after || title.at < after.at) ? { text: title.text, id: title.id, head: block.head, visible: block.visible } : after;
    for (const beside of stacked ? [first] : [ordered[i + 1], ordered[i - 1]]) {
      const line = beside?.text.trim() ?? '';
      if (!beside || beside.head !== block.head || line.includes('\n') || line.length > 80 || factOf(line) !== undefined || isFactLine(line)) continue;
      const value = valueFor('payer', line);
      if (typeof value !== 'string' || !(payerNamed(value) || PLAN_WORDS.test(value) || (stacked && PAYER_KIND.test(value)))) continue;
      facts.offer('payer', value, line, (stacked ? 0.5 : 0.58) * (beside.visible ? 1 : 0.9), `"${caption}" beside it${stacked ? ' (a caption of its container)' : ''}`, beside.id);
      return;
    }
  });
}

/** The first line of a block made only of a few short caption lines (2–6 lines of at most 40 characters, no sentence), else undefined. */
function captionStack(text: string): string | undefined {
  const lines = text.split('\n').map((l) => l.trim());
  return lines.length >= 2 && lines.length <= 6 && lines.every((l) => l.length > 0 && l.length <= 40 && !/[.;!?]$/.test(l)) ? lines[0] : undefined;
}

/** A column only an insurance list has ("Member ID", "Policy #", "Subscriber"). */
const INSURED_COLUMN = /\b(?:member|subscriber|policy|insured)\b/i;

/** Headings of lists of other visits and appointments (their dates and names are not this visit's). */
const OTHER_DATES_HEADING = /\b(?:upcoming|future|previous|prior|past|recent|earlier|history|travel\s+card|calendar)\b/i;

/** Initials on an avatar beside a name ("KL"): one to three capitals on a line of their own. */
const AVATAR_INITIALS = /^[A-Z]{1,3}$/;

/**
 * A provider caption on a line of its own with the person on the lines after it: "Therapist" /
 * "Anouk Pemberton-Sayre" / "LMT" (name and credentials as separate elements), "Charted by" / "KL"
 * (an avatar's initials) / "Keziah Lindgren-Obi OTR/L". From a block's lines or from short
 * caption lines (level-7 headings) in a row.
 */
function captionedProvider(page: PageDescription, facts: Facts, noteBlocks: Set<string>): void {
  const read = (lines: string[], anchor: string, visible: boolean, via: string): void => {
    const caption = undecorate(lines[0] ?? '').replace(/[:：]\s*$/, '').trim();
    const named = factOf(caption);
    if (named?.fact !== 'provider' || !named.exact) return;
    let rest = lines.slice(1).map((l) => l.trim()).filter(Boolean);
    const initials = rest[0] ?? '';
    if (AVATAR_INITIALS.test(initials) && rest.length >= 2 && !CREDENTIAL_LIST.test(initials.length >= 2 ? initials : '-')) rest = rest.slice(1);
    else if (AVATAR_INITIALS.test(initials) && rest.length >= 2) {
      // "KL" before "Keziah Lindgren-Obi": the person's initials, not a credential.
      const words = (rest[1] ?? '').split(/[\s-]+/).filter((w) => /^[A-Z][a-z]/.test(w)).map((w) => w[0]).join('');
      if (words.startsWith(initials) || initials === words.slice(0, 1) + words.slice(-1)) rest = rest.slice(1);
    }
    const [name, credentials] = rest;
    if (!name || name.length > 80 || !personLike(name) && !NAME_ONLY.test(name)) return;
    const joined = credentials && CREDENTIAL_LIST.test(credentials) && !NOT_CREDENTIALS.test(credentials) ? `${name}, ${credentials.split(/\s*[,;/]?\s+|\s*[,;]\s*/).join(', ')}` : name;
    const value = valueFor('provider', joined);
    if (typeof value === 'string') facts.offer('provider', value, rest.slice(0, 2).join(' '), 0.62 * (visible ? 1 : 0.9), `"${caption}" over the person (${via})`, anchor);
  };
  for (const block of page.blocks) {
    if (noteBlocks.has(block.id) || block.edit || block.text.length > 160) continue;
    const lines = block.text.split('\n');
    if (lines.length >= 2 && lines.length <= 5) read(lines, block.id, block.visible, 'lines of one element');
  }
  page.headings.forEach((heading, i) => {
    if (heading.level !== 7) return;
    const after = page.headings.slice(i + 1, i + 4).filter((h, k, all) => h.level === 7 && all.slice(0, k).every((x) => x.level === 7));
    // (Credentials written with a comma, "PT, DPT", are a text block under the name's line.)
    const last = after.length > 0 ? page.headings.indexOf(after[after.length - 1] as (typeof after)[number]) : -1;
    const credentials = page.blocks.find((b) => b.head === last && last > i)?.text.trim() ?? '';
    read([heading.text, ...after.map((h) => h.text), ...(CREDENTIAL_LIST.test(credentials) ? [credentials] : [])], heading.id, true, 'caption lines');
  });
}

/** A name alone in reading order, hyphenated surnames included ("Ingrid Castellanos-Roe", "Ruth A. Adler"). */
const PLAIN_NAME = /^[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*){1,2}$/;

/**
 * A person shown as a name with the credentials in a caption element of their own beside or below it
 * (an avatar chip: "RN" initials, "Rafferty Nakagawa-Holm", "PT, DPT, OCS" under it), with no
 * "Provider" caption: the describer gives the credentials as the name's label, or the initials as the
 * label of "name + credentials". Only clinicians carry credentials, so this names the provider (a weak
 * reading: any captioned provider outranks it).
 */
function nameWithCredentialCaption(page: PageDescription, facts: Facts, noteBlocks: Set<string>): void {
  const pairs = [
    ...page.fields.filter((f) => f.group === undefined).map((f) => ({ label: f.label, value: f.value, id: f.id, visible: f.visible })),
    ...page.blocks.filter((b) => b.label && !noteBlocks.has(b.id) && !b.edit).map((b) => ({ label: b.label as string, value: b.text, id: b.id, visible: b.visible })),
  ];
  for (const { label, value, id, visible } of pairs) {
    const [caption, name] = [label.trim(), value.replace(/\s+/g, ' ').trim()];
    let person: string | undefined;
    // "PT, DPT, OCS" over "Rafferty Nakagawa-Holm".
    if (CREDENTIAL_LIST.test(caption) && namesClinicianCredential(caption) && !NOT_CREDENTIALS.test(caption) && PLAIN_NAME.test(name)) person = `${name}, ${caption.split(/\s*[,;]\s*|\s+/).join(', ')}`;
    // "RN" (an avatar's initials) before "Rafferty Nakagawa-Holm PT, DPT, OCS".
    const split = /^(.*?[a-z'’])\s*,?\s+([A-Z]{2,6}(?:[/-][A-Z]{1,4})?(?:\s*,\s*[A-Z]{2,6}(?:[/-][A-Z]{1,4})?)*)$/.exec(name);
    if (!person && AVATAR_INITIALS.test(caption) && split && PLAIN_NAME.test(split[1] as string) && namesClinicianCredential(split[2] as string)) {
      const initials = (split[1] as string).split(/[\s-]+/).map((w) => w[0]).join('');
      if (initials.startsWith(caption) || caption === `${initials[0]}${initials[initials.length - 1]}`) person = `${split[1]}, ${split[2]}`;
    }
    const read = person ? valueFor('provider', person) : undefined;
    if (typeof read === 'string') facts.offer('provider', read, value, 0.4 * (visible ? 1 : 0.9), `"${name}" with credentials in a caption beside it (no caption names the provider)`, id);
  }
}

/** A time range ("10:00 AM – 10:45 AM", "9:30-10:15", "2:00 pm to 2:50 pm"): an appointment's slot beside its date. */
const TIME_RANGE = /\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[-–—]|to)\s*\d{1,2}:\d{2}\b/i;

const WEEKDAY_BEFORE = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+/i;
const TIME_AFTER = /,?\s+(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?$/i;

/**
 * A date standing alone as a value ("Apr 19, 2027", "2027-04-19"); a weekday before it and a time
 * after it are the same date ("Monday, April 19, 2027", "Fri 23 Apr 2027, 2:00 pm"). Anything
 * longer or wordier is not a lone date.
 */
function loneDate(segment: string): string | undefined {
  const bare = segment.trim().replace(WEEKDAY_BEFORE, '').replace(TIME_AFTER, '');
  return bare.length <= 20 && !/[a-z]{5}/i.test(bare.replace(/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/gi, '')) ? datesIn(bare)[0]?.date : undefined;
}

/**
 * The few shown blocks right above the note's first block (the open entry's header, its case line),
 * by distance (0 = the nearest; the note's first block itself is -1): a date there is the note's.
 * Empty when no note was read.
 */
function blocksAboveNote(page: PageDescription, noteBlocks: Set<string>): Map<string, number> {
  const ordered = page.blocks.filter((b) => b.visible).sort((a, b) => a.at - b.at);
  const first = ordered.findIndex((b) => noteBlocks.has(b.id));
  const out = new Map<string, number>();
  if (first < 0) return out;
  out.set((ordered[first] as { id: string }).id, -1);
  ordered.slice(Math.max(0, first - 3), first).reverse().forEach((b, i) => out.set(b.id, i));
  return out;
}

/**
 * "Plan | Medicare Part B" beside "Fin Class | MEDICARE" (a registration banner's label/value
 * pairs): the plan names the payer more closely than its class, so it outranks the class's reading.
 */
/** Words that name a kind of coverage in a plan's name ("Liberty Mutual Workers Compensation", "… Auto PIP"). */
const PAYER_KIND = /\b(?:workers'?\s+comp\w*|mutual|casualty|indemnity|assurance|pip|no-fault)\b/i;

function planBesideClass(facts: Facts, pairs: { label: string; value: string; via: string; id: string; visible: boolean }[]): void {
  pairs.forEach((pair, i) => {
    if (!WEAK_PAYER_CAPTION.test(undecorate(pair.label).trim())) return;
    const near = pairs.slice(Math.max(0, i - 3), i + 4).some((p) => p !== pair && PAYER_CLASS_LABEL.test(undecorate(p.label).trim()));
    const value = valueFor('payer', pair.value);
    if (typeof value !== 'string' || !/[a-z]/.test(value)) return;
    if (near) facts.offer('payer', value, pair.value, (VIA_CONFIDENCE[pair.via] ?? 0.7) * (pair.visible ? 1 : 0.9) + 0.02, `"${pair.label}" beside the payer's class`, pair.id);
    // "Plan | Medicare Part B" alone (a member's plan on a claim form): a plan's name in its value, above a value without a label.
    else if (payerNamed(value) || PLAN_WORDS.test(value) || PAYER_KIND.test(value)) facts.offer('payer', value, pair.value, 0.5 * (pair.visible ? 1 : 0.9), `"${pair.label}" with a plan's name`, pair.id);
  });
}

/** Facts of one frame. `skipText(id)` hides blocks the note classifier took (a note is not a banner). */
export function readFacts(page: PageDescription, noteBlocks: Set<string>, claimTables: Set<number> = new Set()): ReadFacts {
  const facts = new Facts();
  for (const field of page.fields) {
    if (field.group !== undefined) continue; // a claim list's encounter: its group reads it
    facts.labelled(field.label, field.value, field.via, field.id, field.visible);
    // A value drawn over its caption ("Harbor Health PPO" over "Primary payer", a list item's caption
    // line under its label line): the caption names the fact, the "label" is the value.
    if (factOf(field.label) === undefined && field.value.length <= 40 && factOf(field.value)?.exact) facts.labelled(field.value, field.label, field.via, field.id, field.visible, 0.9);
    if (VISIT_COUNT_LABEL.test(undecorate(field.label).trim()) && /^\d{1,3}$/.test(field.value.trim())) facts.offer('visitNumber', Number(field.value), field.value, 0.6 * (field.visible ? 1 : 0.9), `"${field.label}" with a bare count`, field.id);
  }
  // A record opening with a caption alone ("CARRIER" over the plan's name and address lines, a
  // claim form's block): the part after it is its value.
  for (const record of page.records) {
    const [caption, value] = record.parts;
    const named = caption && value && caption.text.length <= 40 ? factOf(caption.text) : undefined;
    if (named?.fact && !caption?.label && !value?.label) facts.labelled((caption as PageCell).text, (value as PageCell).text, 'prev', record.id, record.visible, 0.95);
  }
  planBesideClass(facts, page.fields.filter((f) => f.group === undefined).map((f) => ({ label: f.label, value: f.value, via: f.via, id: f.id, visible: f.visible })));
  const aboveNote = blocksAboveNote(page, noteBlocks);
  const firstNoteBlock = [...aboveNote].find(([, distance]) => distance === -1)?.[0];
  for (const block of page.blocks) {
    const text = block.text.trim();
    const inNote = noteBlocks.has(block.id);
    // The visit's number stated as a run of its own ("Case: Low back pain · Appointment 7 in this case"), in the note or not.
    for (const segment of text.split('\n', 10).flatMap((l) => l.split(/\s+[·•|]\s+/))) {
      const ordinal = VISIT_IN_CASE.exec(segment.trim());
      if (ordinal) facts.offer('visitNumber', Number(ordinal[1]), segment, 0.6 * (block.visible ? 1 : 0.9), `"${segment.trim()}"`, block.id);
    }
    if (inNote) {
      // Inside a note only a signature names the provider: "Signed: …", "Seen by …", or a closing
      // "Ruth Adler, PT, DPT" line.
      const signed = SIGNED.exec(text);
      const last = text.split('\n').pop()?.trim() ?? '';
      if (signed) facts.offer('provider', personLike(signed[1] as string) ? (signed[1] as string).trim() : undefined, signed[0], 0.6, 'signature in the note', block.id);
      else if (SIGNATURE_LINE.test(last)) facts.offer('provider', last, last, 0.55, 'signature line closing the note', block.id);
      // A printed report's header lines inside the same block ("PAYER ......: Medicare Part B"). The
      // figures the engine reads from note text itself (timed minutes, visit number, …) stay in the
      // note, where its findings can quote them, and are also read as facts when a whole line
      // states one ("Timed code treatment minutes: 53"), below any header's.
      for (const line of text.split('\n', 60).map(undecorate)) {
        const m = LINE_LABEL.exec(line.trim());
        const fact = m ? factOf(m[1] as string)?.fact : undefined;
        if (m && line.length <= 90 && (fact === 'payer' || fact === 'dateOfService' || fact === 'provider' || /\.{2,}\s*:/.test(line))) facts.labelled(m[1] as string, m[2] as string, 'colon', block.id, block.visible, 0.9);
        else if (m && line.length <= 90 && (fact === 'totalTimedMinutes' || fact === 'visitNumber' || fact === 'planOfCareStart')) facts.labelled(m[1] as string, m[2] as string, 'colon', block.id, block.visible, 0.75);
        // A printed header line: "Label: value" runs set apart by wide gaps (a PDF's text layer joins them with tabs).
        const pairs = line.includes('\t') || /\S\s{3,}[A-Z][A-Za-z .#/]{1,30}:/.test(line) ? splitLabelled(line) : [];
        if (pairs.length >= (line.includes('\t') ? 1 : 2)) for (const pair of pairs) facts.labelled(pair.label, pair.value, 'colon', block.id, block.visible, 0.9);
        // A figure on a short line of its own, label then value ("Total timed 45 min"), below any header's.
        const run = line.trim().length <= 40 ? leadingLabel(line) : undefined;
        if (run && (run.fact === 'totalTimedMinutes' || run.fact === 'visitNumber')) facts.labelled(run.label, run.value, 'colon', block.id, block.visible, 0.75);
      }
      // The note opening with its appointment line ("Tue 4 May 2027, 9:00 am – 9:45 am · Room 2"): its date is the visit's.
      const opening = firstNoteBlock === block.id ? (text.split('\n')[0] ?? '').split(/\s+[·•|]\s+/) : [];
      const dated = opening.length >= 2 && (opening[0] as string).length <= 60 ? loneDate((opening[0] as string).split(/\s[-–—]\s/)[0] as string) : undefined;
      if (dated) facts.offer('dateOfService', dated, opening[0] as string, 0.45, `"${opening[0]}": the date opening the note`, block.id);
      // A note opening with its appointment sentence ("Appointment with … on …"), not a plan's "follow-up visit with …".
      const appointment = APPOINTMENT_WITH.exec(text.split('\n')[0] ?? '');
      if (appointment?.index === 0) {
        facts.offer('provider', valueFor('provider', appointment[1] as string), appointment[0], 0.6, `"${appointment[0].slice(0, 50)}" opening the note`, block.id);
        facts.offer('dateOfService', firstDate(appointment[2] as string), appointment[0], 0.6, `"${appointment[0].slice(0, 50)}" opening the note`, block.id);
      }
      if (!block.label) continue;
    }
    if (text.length > 400) continue;
    if (block.label && !noteBlocks.has(block.id)) facts.labelled(block.label, text.split('\n')[0] ?? '', 'colon', block.id, block.visible);
    for (const line of text.split('\n').map(undecorate)) {
      for (const { label, value } of splitLabelled(line)) facts.labelled(label, value, 'colon', block.id, block.visible);
      // Lines that are a whole "label: value" pair, whatever the case or separator ("payer: …", "Insurance — …").
      const whole = line.length <= 120 ? LINE_LABEL.exec(line.trim()) : null;
      if (whole) facts.labelled(whole[1] as string, whole[2] as string, 'colon', block.id, block.visible);
      const signed = inNote ? null : SIGNED.exec(line);
      if (signed && personLike(signed[1] as string)) facts.offer('provider', (signed[1] as string).trim(), line, 0.75 * (block.visible ? 1 : 0.9), `"${line.slice(0, 40)}"`, block.id);
      const visit = VISIT_OF.exec(line);
      if (visit) facts.offer('visitNumber', Number(visit[1]), line, 0.7 * (block.visible ? 1 : 0.9), `"${visit[0]}"`, block.id);
      const poc = POC_RANGE.exec(line);
      if (poc) {
        const d = datesIn(line.slice(poc.index));
        if (d[0]) facts.offer('planOfCareStart', d[0].date, line, 0.7, `"${poc[0].trim()}" with dates`, block.id);
      }
      const seenOn = SEEN_ON.exec(line);
      const seenDate = seenOn ? firstDate(seenOn[1] as string) : undefined;
      if (seenOn && seenDate) facts.offer('dateOfService', seenDate, line, 0.7 * (block.visible ? 1 : 0.9), `"${seenOn[0].slice(0, 50)}"`, block.id);
      const appointment = inNote ? null : APPOINTMENT_WITH.exec(line);
      if (appointment) {
        const confidence = 0.7 * (block.visible ? 1 : 0.9);
        facts.offer('provider', valueFor('provider', appointment[1] as string), line, confidence, `"${appointment[0].slice(0, 50)}"`, block.id);
        facts.offer('dateOfService', firstDate(appointment[2] as string), line, confidence, `"${appointment[0].slice(0, 50)}"`, block.id);
      }
      const seenBy = inNote ? null : SEEN_BY.exec(line);
      if (seenBy && personLike(seenBy[1] as string)) facts.offer('provider', (seenBy[1] as string).replace(/\.$/, '').trim(), line, 0.7 * (block.visible ? 1 : 0.9), `"${seenBy[0].slice(0, 50)}"`, block.id);
      const visitOfPlan = VISIT_OF_PLAN.exec(line);
      if (visitOfPlan) facts.offer('visitNumber', Number(visitOfPlan[1]), line, 0.68, `"${visitOfPlan[0]}"`, block.id);
      const timed = /\b(?:total\s+)?timed\s+(?:code\s+)?minutes?\s*[:=]?\s*(\d{1,3})\b/i.exec(line);
      if (timed) facts.offer('totalTimedMinutes', Number(timed[1]), line, 0.72, `"${timed[0]}"`, block.id);
      // Label-then-value runs without a colon, alone on a line or as runs of a "·" summary line.
      for (const segment of line.split(/\s+[·•|]\s+/)) {
        const run = segment.length <= 60 ? leadingLabel(segment) : undefined;
        if (run && (!inNote || run.fact === 'totalTimedMinutes' || run.fact === 'visitNumber' || run.fact === 'planOfCareStart')) facts.labelled(run.label, run.value, 'line', block.id, block.visible, inNote ? 0.9 : 1.2);
      }
      const chip = /^visit\s+(\d{1,3})\s*\/\s*\d{1,3}$/i.exec(line.trim());
      if (chip) facts.offer('visitNumber', Number(chip[1]), line, 0.7, `"${line.trim()}"`, block.id);
      // A badge that is the visit's number alone ("Visit 5", "Session #12", "Case Visit 6" in a "·"
      // summary line), outside the note; never another visit ("Next visit 3", "Missed session 2").
      for (const segment of inNote ? [] : line.split(/\s+[·•|]\s+/)) {
        const badge = VISIT_BADGE.exec(segment.trim());
        if (badge) facts.offer('visitNumber', Number(badge[1]), line, 0.6, `"${segment.trim()}": a visit badge`, block.id);
      }
    }
  }
  // Short cells of other tables ("Ins: Medicare Part B" in a banner table), and a header row of
  // labels over one or two rows of values (a banner laid out as a table).
  page.tables.forEach((table, index) => {
    if (claimTables.has(index)) {
      // A claim table's footer ("Total timed minutes | | | 53"): a label cell, its value further along the row.
      for (const row of table.rows) {
        const filled = row.cells.filter((c) => c.text.trim());
        const [label, value] = filled as [PageCell, PageCell];
        if (filled.length === 2 && procedureCodes(row.cells.map((c) => c.text).join(' ')).length === 0) facts.labelled(label.text, value.text, 'row', row.id, row.visible && table.visible, 0.9);
        // A totals row ("Totals | | 38 | 3"): the figure under the minutes column is the visit's timed total.
        if (filled.length >= 2 && TOTALS_CELL.test(undecorate(label.text).trim())) {
          // (The first minutes column with a figure in the row: a "Time" column of clock times is left empty there.)
          const at = table.columns.findIndex((c, k) => MINUTES_COLUMN.test(undecorate(c).trim()) && totalFigure(row.cells[k]?.text ?? '') !== undefined);
          const figure = at >= 0 ? totalFigure(row.cells[at]?.text ?? '') : undefined;
          const timed = at >= 0 && /\btimed\b/i.test(table.columns[at] ?? '');
          if (figure !== undefined) facts.offer('totalTimedMinutes', figure, row.cells[at]?.text ?? '', timed ? 0.8 : 0.6, `"${label.text.trim()}" row under "${table.columns[at]}"`, row.id);
        }
      }
      return;
    }
    // A flowsheet of dated visit columns ("Total timed minutes | 41 min | 42 min"): a row's figure is the newest column's.
    const dated = table.columns.map((c, i) => ({ i, date: datesIn(c)[0]?.date })).filter((d) => d.date);
    const newest = dated.length >= 2 ? dated.reduce((a, b) => ((b.date as string) > (a.date as string) ? b : a)).i : -1;
    for (const row of table.rows) {
      const figure = newest > 0 ? row.cells[newest]?.text.trim() : '';
      if (figure && row.cells[0] && !datesIn(row.cells[0].text).length) facts.labelled(row.cells[0].text, figure, 'row', row.id, row.visible && table.visible, 1.02);
      row.cells.forEach((cell, c) => {
        if (cell.text.length > 200) return;
        for (const { label, value } of splitLabelled(undecorate(cell.text))) facts.labelled(label, value, 'colon', row.id, row.visible && table.visible);
        // A cell that holds a caption and its value ("<span>Insurance</span><span>Aetna</span>").
        if (cell.label) facts.labelled(cell.label, cell.text.replace(cell.label, ''), 'prev', row.id, row.visible && table.visible);
        const column = table.columns[c];
        if (column && table.rows.length <= 2) facts.labelled(column, cell.text, 'col', row.id, row.visible && table.visible);
        // A plain label cell before its value ("Timed min total | [41]").
        const next = row.cells[c + 1];
        if (next && cell.text.length <= 40 && !column) facts.labelled(cell.text, next.text, 'row', row.id, row.visible && table.visible, 0.9);
      });
      // A totals footer under other columns' headers ("Total Timed | 38" under "Proc | Minutes", a time panel).
      const filled = row.cells.filter((c) => c.text.trim());
      if (filled.length === 2 && table.columns[0] && factOf((filled[0] as PageCell).text)?.fact === 'totalTimedMinutes') facts.labelled((filled[0] as PageCell).text, (filled[1] as PageCell).text, 'row', row.id, row.visible && table.visible, 0.9);
      if (!table.columns.some(Boolean)) planBesideClass(facts, row.cells.slice(0, -1).map((cell, c) => ({ label: cell.text, value: row.cells[c + 1]?.text ?? '', via: 'row', id: row.id, visible: row.visible && table.visible })));
    }
  });
  captionedPayer(page, facts, noteBlocks);
  captionedProvider(page, facts, noteBlocks);
  nameWithCredentialCaption(page, facts, noteBlocks);
  payerBesideCaption(page, facts, noteBlocks);
  // Last resort: a plan's name standing alone as a short line of its own (a dropdown's shown value
  // whose caption the page did not tie to it), when it reads as a plan: a payer the profiles know, or plan words.
  if (!facts.out.payer) {
    for (const heading of page.headings) {
      const line = undecorate(heading.text).trim();
      if (heading.level !== 7 || line.length > 60 || line.split(/\s+/).length < 2 || factOf(line) !== undefined || isFactLine(line) || /[.:;!?]|\d/.test(line) || STATUS_CHIP.test(line)) continue;
      if (!payerNamed(line) && !/\b(?:medicare|medicaid|tricare|champva|ppo|hmo|epo|pos|health plan|insurance|advantage)\b/i.test(line)) continue;
      facts.offer('payer', valueFor('payer', line), line, 0.3, `"${line}" names a plan (a line of its own, no caption)`, heading.id);
      break;
    }
  }
  // Insurance listed by rank ("Primary | Aetna PPO | policy…", "Secondary | …"): the primary row's
  // payer, its column named as a payer or, under an insurance heading, as a plan or name.
  page.tables.forEach((table, index) => {
    if (claimTables.has(index)) return;
    const rankAt = (re: RegExp): number => table.rows.findIndex((r) => r.cells.some((c) => re.test(c.text.trim())));
    const primary = rankAt(/^(?:primary|pri|1st|1)$/i);
    if (primary < 0 || rankAt(/^(?:secondary|sec|2nd|2|tertiary)$/i) < 0) return;
    // (A member id or policy column says the table lists insurances whatever heads it.)
    const insured = INSURANCE_TABLE_HEADING.test(`${table.head !== undefined ? page.headings[table.head]?.text : ''} ${table.caption ?? ''}`) || table.columns.some((c) => INSURED_COLUMN.test(c));
    const column = table.columns.findIndex((c) => factOf(c)?.fact === 'payer' || (insured && /^(?:plan|plan name|name|carrier|company|insurance company)$/i.test(undecorate(c).trim())));
    const row = table.rows[primary];
    if (column >= 0 && row) facts.offer('payer', valueFor('payer', row.cells[column]?.text ?? ''), row.cells[column]?.text ?? '', 0.9, `"${table.columns[column]}" of the primary insurance row`, row.id);
  });
  // The title or a heading that carries the date: "11/20/2026 Encounter", "Visit — Nov 19, 2026",
  // "Fee Sheet for … for Encounter on 11/20/2026". Never a date of birth.
  const dated = [{ text: page.frame.title, via: 'title', anchor: undefined as string | undefined }, ...page.headings.map((h) => ({ text: h.text, via: 'heading', anchor: h.id }))];
  // Unlabelled values in a short banner line ("Example Medicare Advantage · Jane Doe, PT, DPT ·
  // 2026-11-20"): a payer the profiles know by name, a person with credentials, a lone date. A
  // date on the lines just above the note (an open entry's header) is the note's own: surer than a
  // collapsed older entry's further down (aboveNote).
  page.blocks.forEach((block, index) => {
    const text = block.text.trim();
    if (text.length > 160 || noteBlocks.has(block.id) || block.edit || block.hints?.some((h) => UNLABELLED_SKIP.has(h)) || /\b(?:dob|birth|born|mrn)\b/i.test(text)) return;
    // (A widget of other dates, "Upcoming appointments", "Travel card", "Visit history": never this visit's values.)
    if (block.head !== undefined && OTHER_DATES_HEADING.test(page.headings[block.head]?.text ?? '')) return;
    // One date with a time range on a line of its own ("Mon 08/09/2027 · 10:00 AM – 10:45 AM", a
    // session dialog's header): the appointment's slot, so the visit's date.
    const slotDates = text.length <= 80 && !text.includes('\n') && TIME_RANGE.test(text) && !EPISODE_LINE.test(text) ? datesIn(text) : [];
    if (slotDates.length === 1) facts.offer('dateOfService', slotDates[0]?.date, text, 0.5 * (block.visible ? 1 : 0.9), `"${text.slice(0, 50)}": a date with a time range`, block.id);
    // A calendar tile or date-picker face: month, day and year each on a line of its own ("FEB / 3 /
    // 2027", "Tue / 3 / Feb / 2027"), nothing else in the block.
    const tile = text.split('\n').map((l) => l.trim().replace(/[.,]$/, '')).filter(Boolean);
    if (tile.length >= 3 && tile.length <= 4 && tile.every((l) => CALENDAR_PART.test(l)) && tile.some((l) => /^\d{4}$/.test(l))) {
      const date = firstDate(tile.join(' '));
      if (date) facts.offer('dateOfService', date, text, 0.5, `"${tile.join(' ')}": a calendar tile (a value without a label)`, block.id);
      return;
    }
    const pieces = text.split(/\s*(?:[·•|\n]|\s[-–—]\s)\s*/);
    // (A clock time's colon, "10:00 AM", is no label's.)
    const segments = pieces.filter((x) => x && !/:(?!\d{2})/.test(x));
    // Dates on an episode line ("POC 1/18/27 – 3/31/27", "Auth thru 3/31") are never the visit's own.
    const episodeDates = new Set(text.split('\n').filter((l) => EPISODE_LINE.test(l)).flatMap((l) => l.split(/\s*(?:[·•|]|\s[-–—]\s)\s*/)));
    if (pieces.length < 2) {
      // "Treatment with Teresa Lindgren, PT, DPT": a person with credentials after "with".
      const withWhom = WITH_PERSON.exec(text);
      if (withWhom) facts.offer('provider', withWhom[1] as string, text, 0.45, `"${text.slice(0, 40)}": a name with credentials`, block.id);
      // "with Name, CREDS" right under the visit's date line or title (an appointment banner).
      const bare = withWhom ? null : BARE_WITH_PERSON.exec(text);
      if (bare && underVisitHeader(page, index)) facts.offer('provider', bare[1] as string, text, 0.45, `"${text.slice(0, 40)}" under the visit's date or title`, block.id);
      return;
    }
    for (const segment of segments) {
      if (segment.length > 60) return;
      if (payerNamed(segment) && !PORTAL_NAME.test(segment)) facts.offer('payer', segment, text, 0.45, `"${segment}" names a payer (a value without a label)`, block.id);
      else if (/,\s*[A-Z]{2,5}\b/.test(segment) && personLike(segment.split(',')[0] as string)) facts.offer('provider', segment, text, 0.45, `"${segment}": a name with credentials (a value without a label)`, block.id);
      else {
        const date = episodeDates.has(segment) ? undefined : loneDate(segment);
        const above = aboveNote.get(block.id);
        if (date) facts.offer('dateOfService', date, text, above === undefined ? 0.35 : 0.5 - 0.02 * above, `"${segment}": a date alone (a value without a label)${above === undefined ? '' : ' heading the note'}`, block.id);
      }
    }
  });
  // A short title line in the page ("11/20/2026 Encounter for …" in a navbar) counts when it names the visit.
  for (const block of page.blocks) {
    const text = block.text.trim();
    // (Runs of a "·" summary line that date the episode, "Plan of care since Feb 8, 2027", are not the visit's date.)
    const own = text.split(/\s+[·•|]\s+/).filter((run) => !EPISODE_LINE.test(run)).join(' · ');
    if (text.length <= 80 && !text.includes('\n') && !block.label && !noteBlocks.has(block.id) && VISIT_WORD.test(own)) dated.push({ text: own, via: 'line', anchor: block.id });
  }
  for (const { text, via, anchor } of dated) {
    if (!text || /\b(?:dob|birth|born|next|follow|last|previous|prior|due|scheduled|recert\w*)\b/i.test(text)) continue;
    const hit = datesIn(text)[0];
    if (!hit) continue;
    // (A title or heading with a time range beside its date is an appointment's: as sure as one naming the visit.)
    const context = VISIT_WORD.test(text) || TIME_RANGE.test(text) ? 1 : 0.8;
    // A dated line right above the note (an open entry's header) before older entries' lines.
    const above = anchor === undefined ? undefined : aboveNote.get(anchor);
    const confidence = Math.max((VIA_CONFIDENCE[via] ?? 0.5) * context, above === undefined || above < 0 ? 0 : 0.5 - 0.02 * above);
    facts.offer('dateOfService', hit.date, text, confidence, `the page ${via} "${text.slice(0, 60)}"${above === undefined || above < 0 ? '' : ' heading the note'}`, anchor);
  }
  // Credentials from a field of their own complete a provider read without any ("Keisha Ortiz-Bell" + "PTA").
  const provider = facts.out.provider;
  // (A name written in capitals, "CASTELLANOS, ORIANA", has them only when it holds their words.)
  const name = typeof provider?.value === 'string' ? provider.value : '';
  const upper = !/[a-z]/.test(name);
  const holds = upper ? facts.credentials?.value.split(', ').every((c) => ` ${name.replace(/[,()]/g, ' ')} `.includes(` ${c} `)) : /,\s*[A-Z]{2,6}\b|\([A-Z]{2,6}(?:[/-][A-Z]{1,4})?\)|\s[A-Z]{2,6}(?:[/-][A-Z]{1,4})?$/.test(name);
  if (provider && facts.credentials && !holds) {
    provider.value = `${provider.value}, ${facts.credentials.value}`;
    provider.reason = `${provider.reason}; credentials from their own field`;
  }
  return facts.out;
}
