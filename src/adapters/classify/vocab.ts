// The classifier's rules as data: which words name a column of a claim table, a header fact, a
// note section or page chrome. Each row is a phrase list with a weight; the classifier compiles
// them once. A new EHR's wording is a new phrase here, not new code.

export type Column =
  | 'code'
  | 'codeType'
  | 'modifiers'
  | 'units'
  | 'minutes'
  | 'dx'
  | 'description'
  | 'fee'
  | 'date'
  | 'provider'
  | 'remove'
  | 'other';

export interface ColumnRule {
  column: Column;
  /** Whole-word phrases, lower case; a header matches when it starts with or equals one. */
  phrases: readonly string[];
  weight: number;
}

/** Column headers (and card/record labels). Earlier rows win ties: "Dx code" is dx, not code. */
export const COLUMN_RULES: readonly ColumnRule[] = [
  { column: 'remove', phrases: ['del', 'delete', 'remove', 'void'], weight: 3 },
  { column: 'dx', phrases: ['dx', 'dx ptr', 'dx pointer', 'dx pointers', 'diagnosis', 'diagnoses', 'diag', 'icd', 'icd-10', 'icd10', 'icd 10', 'pointer', 'pointers', 'ptr', 'justify', 'justification', 'dx code', 'diagnosis code', 'diagnosis pointer', 'linked dx', 'related dx', 'd1', 'd2', 'd3', 'd4', 'dx1', 'dx2', 'dx3', 'dx4', 'dx 1', 'dx 2', 'dx 3', 'dx 4', 'ptr 1', 'ptr 2', 'ptr 3', 'ptr 4'], weight: 3 },
  { column: 'modifiers', phrases: ['mod', 'mods', 'modifier', 'modifiers', 'mod 1', 'mod 2', 'mod 3', 'mod 4', 'mod1', 'mod2', 'mod3', 'mod4', 'modifier 1', 'modifier 2', 'modifier 3', 'modifier 4', 'm1', 'm2', 'm3', 'm4'], weight: 3 },
  { column: 'codeType', phrases: ['type', 'code type', 'code set', 'system'], weight: 2 },
  { column: 'minutes', phrases: ['min', 'mins', 'minutes', 'time', 'duration', 'time (min)', 'treatment time', 'timed minutes'], weight: 3 },
  { column: 'units', phrases: ['units', 'unit', 'qty', 'quantity', 'uos', 'units of service', 'days or units', 'days/units', 'count'], weight: 3 },
  { column: 'code', phrases: ['cpt', 'cpt4', 'cpt-4', 'cpt code', 'cpt/hcpcs', 'hcpcs', 'code', 'codes', 'proc', 'procedure', 'procedure code', 'proc code', 'service', 'service code', 'svc', 'charge', 'charge code', 'billing code', 'item', 'cpt®'], weight: 3 },
  { column: 'description', phrases: ['description', 'desc', 'service description', 'name', 'procedure description'], weight: 2 },
  { column: 'fee', phrases: ['fee', 'price', 'amount', 'charge amt', 'charges', 'billed', 'total', '$'], weight: 1 },
  { column: 'date', phrases: ['date', 'dos', 'service date', 'date of service', 'from', 'svc date'], weight: 1 },
  { column: 'provider', phrases: ['provider', 'rendering', 'rendering provider', 'therapist', 'clinician', 'provider/warehouse', 'staff'], weight: 1 },
  // Charge-entry grids' short headers: numbered pointer columns ("P1" … "P4", beside "M1" … "M4") and units as "Unt".
  { column: 'dx', phrases: ['p1', 'p2', 'p3', 'p4', 'ptr1', 'ptr2', 'ptr3', 'ptr4', 'dx ptr 1', 'dx ptr 2', 'dx ptr 3', 'dx ptr 4'], weight: 3 },
  { column: 'units', phrases: ['unt', 'unts', 'un', 'no of units', 'billed units'], weight: 3 },
  // A claim form's boxes beside the line that are none of these (place and type of service, emergency flag, id qualifier).
  { column: 'other', phrases: ['place of service', 'pos', 'type of service', 'tos', 'emg', 'epsdt', 'epsdt family plan', 'id qual', 'qual'], weight: 3 },
];

/**
 * The label of modifiers a page applies to every claim line at once ("Modifiers applied to all lines",
 * "Modifiers for all lines", "Apply to all lines", "Claim-level modifiers"): each line's own modifier
 * comes on top of these (lines.ts).
 */
export const ALL_LINES_MODIFIER_LABEL = /^(?:(?:mod(?:ifier)?s?\b.{0,30}\b(?:all|every|each)\s+(?:the\s+)?(?:lines?|services?|charges?|items?|codes?|procedures?)|(?:apply|applied)\s+to\s+(?:all|every)(?:\s+(?:lines?|services?|charges?))?|(?:claim|visit)[- ]level\s+mod(?:ifier)?s?|global\s+mod(?:ifier)?s?)\b.{0,20})$/i;

/** "Modifiers applied to all lines: GP" as one line of text. */
export const ALL_LINES_MODIFIER_STATEMENT = new RegExp(`^${ALL_LINES_MODIFIER_LABEL.source.slice(1, -1)}\\s*:\\s*[A-Za-z0-9 ,;/]{0,20}$`, 'i');

/**
 * The header of a payer column beside claim lines ("Payor", "Insurance", "Third party payer",
 * "Primary insurance", "Funding source"): each row's cell names the payer (a timesheet's billing
 * entries). Never a secondary plan's or an id's column.
 */
export const PAYER_COLUMN = /^(?:primary\s+|third[- ]party\s+)?(?:payer|payor|insurance|insurer|carrier|funder|funding\s+source|health\s+plan)(?:\s+name)?$/i;

/** Control name tokens ("bill[3][mod]", "units_2") that name a column when headers do not. */
export const NAME_RULES: readonly { column: Column; pattern: RegExp }[] = [
  { column: 'codeType', pattern: /code_?type/i },
  { column: 'dx', pattern: /(?:^|[^a-z])(?:justify|dx|diag\w*|icd\w*|pointer\w*)(?:[^a-z]|$)/i },
  { column: 'modifiers', pattern: /(?:^|[^a-z])(?:mod|mods|modifiers?)\d?(?:[^a-z]|$)/i },
  { column: 'units', pattern: /(?:^|[^a-z])(?:units?|qty|quantity)(?:[^a-z]|$)/i },
  { column: 'minutes', pattern: /(?:^|[^a-z])(?:min|mins|minutes)(?:[^a-z]|$)/i },
  { column: 'provider', pattern: /provid|render/i },
  { column: 'fee', pattern: /(?:^|[^a-z])(?:price|fee|amount)(?:[^a-z]|$)/i },
  { column: 'code', pattern: /(?:^|[^a-z])(?:cpt\w*|hcpcs|proc\w*|code)(?:[^a-z]|$)/i },
];

export type Fact = 'payer' | 'dateOfService' | 'provider' | 'visitNumber' | 'planOfCareStart' | 'totalTimedMinutes' | 'onsetDate';

export interface FactRule {
  fact: Fact | null;
  phrases: readonly string[];
  weight: number;
}

/**
 * Labels of header facts. `fact: null` rows are labels that look alike but are something else
 * (a date of birth is not the date of service; a referring provider is not the rendering one).
 * The longest matching phrase wins.
 */
export const FACT_RULES: readonly FactRule[] = [
  { fact: 'payer', phrases: ['payer', 'payor', 'primary payer', 'insurance', 'primary insurance', 'primary ins', 'ins', 'insurance carrier', 'carrier', 'insurer', 'health plan', 'plan name', 'insurance plan', 'coverage', 'bill', 'bill to', 'financial class', 'primary coverage', 'insurance company', 'payer name', 'funding source', 'primary funding source', 'funding', 'funder', 'payment source', 'payor source', 'payer source', 'plan of benefits'], weight: 1 },
  { fact: 'dateOfService', phrases: ['date of service', 'dos', 'service date', 'visit date', 'encounter date', 'date of visit', 'appointment date', 'treatment date', 'session date', 'date', 'scheduled time', 'scheduled date', 'scheduled for', 'appointment time', 'appt date', 'appt time'], weight: 1 },
  { fact: 'provider', phrases: ['provider', 'rendering', 'rendering provider', 'treating provider', 'treating therapist', 'therapist', 'clinician', 'seen by', 'signed by', 'electronically signed by', 'signature', 'author', 'practitioner', 'attending', 'treated by', 'performed by', 'charted by', 'documented by', 'written by', 'note by', 'completed by'], weight: 1 },
  // A scheduler's wording for the clinician a session is booked with ("Staff Member", "Assigned staff").
  { fact: 'provider', phrases: ['staff', 'staff member', 'assigned staff', 'staff name', 'assigned clinician', 'assigned therapist'], weight: 1 },
  { fact: 'visitNumber', phrases: ['visit', 'visit #', 'visit no', 'visit number', 'visit count', 'visits', 'treatment #', 'session #', 'session number', 'session no', 'appointment #', 'appt #'], weight: 1 },
  { fact: 'planOfCareStart', phrases: ['plan of care', 'poc', 'poc start', 'plan of care start', 'plan of care from', 'cert period', 'cert. period', 'certification period', 'certification', 'episode start', 'start of care', 'soc', 'plan of care dates', 'poc dates'], weight: 1 },
  { fact: 'totalTimedMinutes', phrases: ['total timed minutes', 'timed minutes', 'total timed min', 'timed min', 'total timed', 'timed code minutes', 'total timed code minutes'], weight: 1 },
  { fact: 'onsetDate', phrases: ['onset', 'onset date', 'date of onset', 'date of injury', 'doi'], weight: 1 },
  {
    fact: null,
    phrases: [
      'dob', 'date of birth', 'birth date', 'birthdate', 'born', 'age', 'referring', 'referring provider', 'ordering', 'ordering provider', 'supervising',
      'supervising provider', 'pcp', 'primary care', 'primary care provider', 'subscriber', 'guarantor', 'employer', 'pharmacy', 'next appointment',
      'next visit', 'last visit', 'printed', 'created', 'updated', 'last updated', 'modified', 'admit date', 'discharge date', 'patient', 'name',
      'mrn', 'account', 'acct', 'location', 'facility', 'phone', 'address', 'policy', 'policy #', 'group', 'group #', 'member id', 'secondary insurance',
      'secondary ins', 'secondary payer', 'tertiary insurance',
      // The claim's billing entity and a PTA's or student's supervisor: never the treating provider.
      'billing provider', 'pay to provider', 'supervising pt', 'supervising therapist', 'supervising physician', 'co-signer', 'cosigner', 'co-signed by', 'cosigned by',
    ],
    weight: 1,
  },
  // Who an invoice or a claim goes to ("Invoice to", "Billed to"): a practice-management sidebar's payer.
  { fact: 'payer', phrases: ['invoice to', 'invoiced to', 'billed to', 'bill payer', 'claim to'], weight: 1 },
  // Who pays, said in a run-in phrase ("Funded by Aetna PPO.", "Covered by Medicare Part B").
  { fact: 'payer', phrases: ['funded by', 'funded through', 'covered by', 'paid by', 'payable by', 'billed through', 'claimed through'], weight: 1 },
  // Abbreviated timed totals of charge-entry screens ("Tot Timed", "Tot Timed Min"); a treatment total
  // (a "treatment time" label) counts untimed minutes too and stays unread.
  { fact: 'totalTimedMinutes', phrases: ['tot timed', 'tot timed min', 'tot timed mins', 'tot timed minutes', 'ttl timed', 'ttl timed min'], weight: 1 },
  // Other spellings of the payer's caption ("Third Party Payer" on a case, "Insurance payer" as a drawer's caption).
  { fact: 'payer', phrases: ['third party payer', 'third party payor', 'insurance payer', 'insurance payor', 'primary payor', 'payor name', 'primary insurance payer'], weight: 1 },
  // A total of the timed codes written noun last ("Timed total 40 min" under a charge list).
  { fact: 'totalTimedMinutes', phrases: ['timed total', 'timed totals', 'timed total minutes', 'timed minutes total', 'total of timed minutes'], weight: 1 },
  // A case that is the episode: its start is the plan of care's ("Case start date 16/08/2027", "Case opened").
  { fact: 'planOfCareStart', phrases: ['case start', 'case start date', 'case started', 'case opened', 'case open date', 'case opened on', 'date case opened', 'case began'], weight: 1 },
  // Counts of an authorisation or a benefit, not the visit's number ("Auth Visits 12", "Visits remaining 5").
  {
    fact: null,
    phrases: [
      'auth visits', 'authorized visits', 'visits authorized', 'approved visits', 'visits approved', 'allowed visits', 'visits allowed',
      'remaining visits', 'visits remaining', 'visits left', 'max visits', 'visit limit', 'visits per year', 'total visits', 'benefit visits',
    ],
    weight: 1,
  },
];

/**
 * Label grammar for labels no phrase names ("Plan of care began", "POC begins", "Visit count",
 * "Service date (DOS)"): a fact's key word with its qualifier, tried after FACT_RULES; `not` words
 * make the label something else (a secondary payer, a referring provider, an id).
 */
export const FACT_PATTERNS: readonly { fact: Fact; pattern: RegExp; not?: RegExp }[] = [
  { fact: 'planOfCareStart', pattern: /\b(?:plan|poc|care plan|cert\w*|episode|soc)\b.*\b(?:start\w*|beg[ai]n\w*|from|since|effective|opened|initiated)\b|^(?:start|beginning) of (?:care|plan|episode|treatment)\b/, not: /\b(?:end\w*|through|thru|to|expir\w*|recert\w*)$/ },
  { fact: 'totalTimedMinutes', pattern: /\btimed\b.*\bmin/ },
  { fact: 'visitNumber', pattern: /\b(?:visit|session|treatment|tx)\s*(?:#|no|num\w*|count|of episode)\b|\bvisits?\s+(?:to date|this episode|in episode)\b/ },
  // "Appointment: Tuesday, July 13th, 2027 at 10:00 AM" (the word alone; "Appointment provider" is the provider's).
  { fact: 'dateOfService', pattern: /^(?:appointment|appt)$/ },
  { fact: 'dateOfService', pattern: /\b(?:service|visit|encounter|treatment|tx|session|appointment|appt)\s+(?:date|day|on|time|start)\b|\bscheduled\s+(?:date|time|for|on|start)\b|\bdate\s+(?:of\s+)?(?:service|visit|encounter|treatment|session|seen)\b|\bdos\b/, not: /\b(?:next|last|previous|prior|follow|birth|due|end|created|printed|updated)\b/ },
  { fact: 'payer', pattern: /\b(?:payer|payor|insur\w*|carrier|coverage|health plan|benefit plan|plan name|fund(?:ing|er)|payment source)\b/, not: /\b(?:secondary|tertiary|id|no|number|group|phone|fax|address|policy|subscriber|member|auth\w*|type|eligib\w*|verified|status|form|card)\b/ },
  { fact: 'provider', pattern: /\b(?:provider|therapist|clinician|practitioner|physician|treating)\b/, not: /\b(?:referring|ordering|supervising|supervisor|billing|pay to|primary care|pcp|npi|id|no|number|phone|fax|type|taxonomy)\b/ },
];

/**
 * Qualifiers that make a label holding a fact's phrase name something else: another plan, another
 * visit, a record's own time stamps, an identifier ("Secondary coverage", "Next scheduled date",
 * "Created date", "Payer ID"). Tested on the label's words beside the phrase.
 */
export const OTHER_QUALIFIER = /\b(?:secondary|tertiary|next|last|previous|prior|follow|upcoming|created|printed|updated|modified|due|end|expir\w*|id|ids|npi|phone|fax|address|balance|paid|payment)\b/;

/**
 * A payer's category ("Fin Class  MEDICARE", "Financial class  Commercial"): the plan captioned "Plan"
 * beside it names the payer more closely (facts.ts).
 */
export const PAYER_CLASS_LABEL = /^(?:fin(?:ancial)?\.?\s*class|payer\s+(?:class|category|type)|insurance\s+(?:class|category|type)|fc)$/i;
/** A caption that may stand for the payer alone ("Primary", "Plan"): only with insurance around it (facts.ts). */
export const WEAK_PAYER_CAPTION = /^(?:primary|plan|primary plan|current plan)$/i;
/** Headings above such a caption that say insurance is around it. */
export const INSURANCE_CONTEXT = /\b(?:billing|insurance|coverage|payers?|payors?|claims?|financial|benefits?|eligibility)\b/i;
/** A heading that captions the payer under it ("Insurance", "Coverage information"): no "plan" (a note has a Plan section). */
export const INSURANCE_CAPTION = /\b(?:insurance|coverage|payers?|payors?)\b/i;
/** …unless it is about another plan or about money and permissions ("Secondary insurance", "Eligibility", "Authorizations"). */
export const NOT_THE_PAYER_CAPTION = /\b(?:secondary|tertiary|eligib\w*|auth\w*|claims?|balance)\b/i;
/** A heading or caption over a table of insurances ranked primary/secondary, where "Plan" or "Name" columns name the payer. */
export const INSURANCE_TABLE_HEADING = /\b(?:insurance|coverage|payers?|payors?|carriers?|plans?)\b/i;
/** Words a plan's name carries when no payer profile names it ("Acme Silver Plus", "… Choice POS II"). */
export const PLAN_WORDS = /\b(?:plan|plus|ppo|hmo|pos|epo|medicare|medicaid|advantage|health|healthcare|insurance|choice|blue|select|part [a-d])\b/i;
/** An insurer's provider portal named by its brand ("Aetna Provider Connect", "… Provider Portal"): the site, never the visit's plan. */
export const PORTAL_NAME = /\b(?:provider\s+(?:connect|portal|link|online|gateway|hub|central|services\s+portal)|portal|connect|navinet|availity)\b/i;
/** Status badges beside a payer's name ("Medicare Part B  In-network"): never part of it. */
export const PAYER_BADGE = /\s+(?:in[- ]network|out[- ]of[- ]network|verified|unverified|eligible|ineligible|active|inactive)$/i;
/**
 * The payer's rank as a tag after its name ("Medicare Part B  Primary", "Aetna PPO · Secondary"):
 * the primary's tag is dropped; a plan tagged secondary or tertiary is not the payer.
 */
export const PAYER_RANK_TAG = /\s+(?:[-–—·•|]\s*)?(primary|secondary|tertiary)$/i;
/**
 * A status chip or badge ("Ready to bill", "Signed", "Draft", "Pending review"): a workflow state the
 * page shows beside a "Bill" or "Claim" caption, never a payer's name.
 */
export const STATUS_CHIP = /^(?:ready(?:\s+(?:to|for)\s+[a-z]+)?|not\s+ready|signed|unsigned|co-?signed|draft|pending(?:\s+[a-z]+)?|pended|billed|unbilled|not\s+billed|submitted|not\s+submitted|resubmitted|approved|rejected|denied|paid|unpaid|open|closed|locked|unlocked|complete[d]?|incomplete|in\s+progress|on\s+hold|hold|held|new|final(?:i[sz]ed)?|finished|needs\s+[a-z]+(?:\s+[a-z]+)?|awaiting\s+[a-z]+|queued|sent|voided|void|error|review(?:ed)?|in\s+review|accepted|posted)$/i;
/** Headings of a page's billing side (lower case): a section under one is never the note's own. */
export const BILLING_HEADING = /\b(?:billing|charges?|claims?|fees?|superbill|insurance|coverage|payments?|ledger|codes|authori[sz]ations?|services?)\b/;

/** Section headings notes use. Unknown headings are fine (prose decides); these add confidence. */
export const NOTE_HEADINGS: readonly string[] = [
  'subjective', 'objective', 'assessment', 'plan', 'plan of care', 'treatment', 'treatment provided', 'treatment notes', 'interventions',
  'intervention', 'procedures', 'procedures performed', 'soap', 'soap note', 'note', 'notes', 'progress note', 'daily note', 'daily treatment note',
  'visit note', 'treatment note', 'clinical note', 'clinical notes', 'therapy note', 'narrative', 'history', 'hpi', 'chief complaint', 'findings',
  'impression', 'goals', 'response', 'patient response', 'exercises', 'manual therapy', 'massage', 'therapeutic massage', 'education', 'home program',
  'session summary', 'session note', 'summary', 'progress', 'diagnosis', 'diagnoses', 'diagnosis codes',
  'reason for visit', 'reason for referral', 'history of present illness', 'chief complaints', 'presenting complaint',
];

/** Headings of widgets that are never the note (page chrome with clinical-sounding text). */
export const CHROME_HEADINGS: readonly string[] = [
  'reminders', 'reminder', 'tasks', 'to do', 'todo', 'alerts', 'notifications', 'messages', 'inbox', 'news', 'announcements', 'tips', 'help',
  'recent activity', 'activity', 'upcoming appointments', 'appointments', 'schedule', 'my schedule', 'worklist', 'quick links', 'links', 'menu',
  'navigation', 'settings', 'support', 'about', 'documents', 'recent patients', 'what\'s new', 'release notes', 'disclaimer',
  'weather', 'forecast', 'bookmarks', 'favorites', 'favourites', 'shortcuts', 'calendar', 'chat', 'updates', 'feed', 'queue',
  // Messaging panels: texts and reminders sent to the patient, a communication log.
  'sms', 'sms log', 'sms history', 'text messages', 'texts', 'text log', 'message log', 'message history', 'messaging', 'communications',
  'communication log', 'reminder log', 'notification log', 'conversations', 'patient messages',
  // Earlier visits shown beside this one.
  'previous visit', 'previous visits', 'prior visit', 'prior visits', 'last visit', 'previous note', 'prior note', 'last note', 'previous encounter', 'visit history',
];

/** Hint words that mark page chrome (from the describer's HINT_WORDS.chrome), weighted. */
export const CHROME_HINT_WEIGHT: Readonly<Record<string, number>> = {
  nav: 3, navbar: 3, navigation: 3, menu: 3, menubar: 3, sidebar: 2.5, sidenav: 3, footer: 3, header: 1.5, banner: 2.5, breadcrumb: 3, breadcrumbs: 3,
  toolbar: 3, tabs: 1, tablist: 3, modal: 1, popup: 2, toast: 3, snackbar: 3, widget: 2, ad: 3, ads: 3, promo: 3, cookie: 3, social: 3, login: 3,
  logout: 3, search: 3, topbar: 3, masthead: 3, statusbar: 3, alert: 1.5, reminders: 3, notifications: 3, dropdown: 2, help: 2, tooltip: 3,
  complementary: 2, contentinfo: 3, dialog: 1, aside: 2, status: 2, 'config-not': 20,
};

/**
 * Lines of page chrome by their grammar, whatever widget holds them (a work queue, an alert, an
 * activity feed, a schedule or caseload list): [pattern, reason]. Tested on a short single line.
 * A note speaks of its own patient in sentences; these name counts, states and other people.
 */
const PERSON_LAST_FIRST = String.raw`[A-Z][a-z'’]+(?:[- ][A-Z][a-z'’]+)*,\s+[A-Z][a-z'’]+(?:\s+[A-Z]\.?)?`;
export const CHROME_LINES: readonly (readonly [RegExp, string])[] = [
  // "Quintero, Marisol": a person's name alone, surname first (a caseload, a patient list).
  [new RegExp(`^${PERSON_LAST_FIRST}$`), "a person's name alone (a list entry)"],
  // "07:30 Lindgren, Pavel — Arrived", "Osei, Kwabena · No show": a list entry with a time or a state.
  [new RegExp(`^(?:\\d{1,2}:\\d{2}\\s*(?:[AaPp]\\.?[Mm]\\.?)?\\s+)?${PERSON_LAST_FIRST}\\s*(?:[-–—|·•:]\\s*[A-Za-z][A-Za-z -]{0,24})?$`), "a person's entry in a list (a time or a state)"],
  // "7 charges pending review", "2 visits to sign", "4 claims denied today": a work queue's count.
  [/^\d{1,4}\s+(?:[a-z-]+\s+){0,2}(?:awaiting|pending|pended|due|overdue|unsigned|unbilled|unread|rejected|denied|open|to\s+(?:sign|co-?sign|review|bill|complete)|need(?:s|ing)?)\b/i, "a work queue's count"],
  // "Plan of care expires in 4 days for …", "Auth ends 6/30", "Coverage verified for …": an alert about a record.
  [/^(?:authori[sz]ation|auth|plan of care|poc|certification|cert|recert\w*|eligibility|insurance|coverage|referral|prescription|rx)\b.{0,40}\b(?:expir\w*|ends?|ending|lapse[ds]?|overdue|verified|denied|exhausted|due|running out|needed)\b/i, 'an alert about a record'],
  // "Claim 88120 for … rejected by the payer", "Lab result for … received": an activity feed's event.
  [/^(?:claim|fax|message|lab|labs|order|referral|document|result|results|statement|payment|era|eob|task)\b.{0,60}\b(?:received|accepted|rejected|denied|posted|sent|signed|submitted|completed|assigned|uploaded|filed)\b/i, "an activity feed's event"],
  // "HEP handout printed 06/30/2027 · 4 exercises", "Consent form e-mailed Jul 2, 2027": a thing done to a document on a date (a status feed).
  [/^[A-Za-z][\w /&'-]{1,40}?\s(?:printed|re-?printed|faxed|e-?mailed|sent|uploaded|downloaded|exported|generated|shared|delivered|viewed|opened|acknowledged|scanned|attached|assigned)\s+(?:on\s+)?(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)/i, 'a status line (a document handled on a date)'],
  // "Time on site: 56 min", "Drive time 18 min", "Mileage today: 14.2 mi": a home visit's logistics, not its treatment.
  [/^(?:time\s+on[- ]site|on[- ]site\s+time|time\s+in\s+(?:the\s+)?home|drive\s+time|driving\s+time|travel\s+time|time\s+travel(?:l)?ed|mileage(?:\s+today)?|miles(?:\s+driven)?|distance|route\s+time|total\s+drive(?:\s+time)?)\s*[:\-–]?\s*\d[\d.:,]*\s*(?:min(?:ute)?s?|mi(?:les)?|km|h|hrs?|hours?)?\.?(?:\s*[·•|].{0,40})?$/i, "a visit's logistics (time on site, travel)"],
  // "Modifiers applied to all lines: GP": a claim's setting, not the note.
  [ALL_LINES_MODIFIER_STATEMENT, "modifiers for every claim line"],
  [ALL_LINES_MODIFIER_LABEL, "the caption of modifiers for every claim line"],
];

/**
 * A message the practice sent the patient, whatever widget shows it: a message event ("Reminder sent
 * 06/09 10:00am: …", "SMS delivered", "Confirmation e-mail queued") or an automated reply prompt
 * ("Reply Y to confirm", "reply STOP to opt out"). Never the note's own text.
 */
export const MESSAGE_EVENT = /^(?:(?:appointment\s+|booking\s+|confirmation\s+|reminder\s+)?(?:sms|text(?:\s+message)?|reminder|confirmation|notification|message|e-?mail|push\s+notification)\s+(?:was\s+)?(?:sent|delivered|queued|scheduled|received|failed|opened|read|bounced)\b|[\s\S]{0,300}\breply\s+["“'‘]?[A-Z0-9]{1,5}["”'’]?\s+to\s+(?:confirm|cancel|reschedule|opt\s+out|unsubscribe|stop)\b)/i;

/**
 * Container hints that name a generic UI component (a tab strip's panels, a framework's "ui-widget"):
 * chrome in a sidebar or a dashboard, but the note's own container when a note hint sits on the same block.
 */
export const GENERIC_CONTAINER_HINTS: ReadonlySet<string> = new Set(['tabs', 'widget', 'modal', 'dialog']);

/**
 * A word that names the visit's number only when its value is a bare count ("Session | 11" in an
 * authorisation fieldset); with any other value ("Session: Individual", "Session 10:00") it is not a fact.
 */
export const VISIT_COUNT_LABEL = /^(?:session|appointment|appt|treatment|tx)$/i;

/** Hint words that make a block likelier to be the note. */
export const NOTE_HINT_WEIGHT: Readonly<Record<string, number>> = {
  note: 1, notes: 1, soap: 1.5, narrative: 1, progress: 0.5, subjective: 1, objective: 1, assessment: 1, plan: 0.5, clinical: 0.5, charting: 1,
  editor: 0.5, document: 0.3, article: 0.3, main: 0.3, content: 0.2, report: 0.2, 'config-note': 20,
};

/** Words of clinical prose (a note), counted once each. */
export const CLINICAL_WORDS: readonly string[] = [
  'pain', 'patient', 'pt', 'reports', 'reported', 'states', 'tolerated', 'tolerance', 'rom', 'arom', 'prom', 'flexion', 'extension', 'rotation',
  'abduction', 'strength', 'degrees', 'spasm', 'tenderness', 'tender', 'palpation', 'palpable', 'edema', 'swelling', 'gait', 'balance',
  'massage', 'effleurage', 'petrissage', 'kneading', 'soft', 'tissue', 'mobilization', 'exercise', 'exercises', 'stretching', 'therapeutic',
  'treatment', 'treated', 'performed', 'goal', 'goals', 'progress', 'progressing', 'improved', 'improving', 'decreased', 'increased',
  'reduced', 'functional', 'function', 'walking', 'sitting', 'standing', 'lifting', 'reaching', 'minutes', 'min', 'reps', 'sets', 'cues',
  'assessment', 'plan', 'continue', 'visit', 'session', 'left', 'right', 'bilateral', 'lumbar', 'cervical', 'thoracic', 'shoulder', 'knee',
  'hip', 'neck', 'back', 'muscle', 'trapezius', 'paraspinals', 'hypertonic', 'hypertonicity', 'guarding', 'trigger', 'stiffness', 'tightness',
];

/** Boilerplate of page chrome (footers, legal lines, session notices). */
export const BOILERPLATE = /(?:©|\bcopyright\b|\ball rights reserved\b|\bunauthori[sz]ed\b|\bconfidential\b|\bsession (?:times? out|expires?)\b|\bterms of (?:use|service)\b|\bprivacy policy\b|\bpowered by\b|\bgenerated (?:by|for)\b|\bwith any questions\b|\bif you have any questions\b|\bversion \d|\bv\d+(?:\.\d+)+\b)/i;

/**
 * What an EHR prints in a section nobody wrote in ("Nothing recorded", "No data entered", "Not
 * documented", "Click to add"): page chrome, never note text. Whole-text only: "No complaints" is a
 * clinical statement and stays.
 */
export const EMPTY_SECTION = /^[\s([]*(?:nothing\s+(?:recorded|entered|documented|charted|to\s+show)|no\s+(?:data|information|info|entries|entry|content|text|notes?|details?|documents?|attachments?|files?|results?|items?|records?|images?)(?:\s+(?:recorded|entered|documented|charted|available|yet|added|attached|uploaded|found|on\s+file))?|not\s+(?:recorded|documented|entered|charted)|none\s+(?:recorded|entered|charted)|(?:click|tap)\s+(?:here\s+)?to\s+(?:add|enter|edit)\b[^.]{0,30}|empty)[\s.)\]]*$/i;

/** Therapy and common claim modifiers: what may stand alone in free text as a modifier. */
export const KNOWN_MODIFIERS: ReadonlySet<string> = new Set([
  'GP', 'GO', 'GN', 'CQ', 'CO', 'KX', '59', 'XE', 'XS', 'XP', 'XU', '25', '76', '77', '91', '51', '52', '53', 'LT', 'RT', 'GA', 'GY', 'GZ', 'AT', '95',
  'GT', 'FT', 'JW', 'JZ', 'TC', '26', 'KF', 'CR', 'GC', 'GE', 'AI', 'Q5', 'Q6', 'AF', 'AG', 'AH', 'AJ', 'AQ', 'AR', 'HN', 'HO', 'HP', 'U1', 'U2', 'U3',
]);

/** Code systems a page prints beside codes ("CPT4", "ICD10|M54.2", "HCPCS: G0283"). */
export const PROCEDURE_SYSTEMS = /^(?:cpt-?4?|cpt®|hcpcs|proc(?:edure)?|code|svc|service)$/i;
export const DIAGNOSIS_SYSTEMS = /^(?:icd-?10(?:-cm)?|icd-?9(?:-cm)?|icd|dx|diag(?:nosis)?|snomed(?:-?ct)?|dsm-?(?:iv|5))$/i;
export const NON_SERVICE_SYSTEMS = /^(?:copay|tax|prod(?:uct)?|payment|adj(?:ustment)?|ndc)$/i;
