// The Chart: one analysis of the note that every rule queries. Offsets are global, into
// `chart.text` (the note parts joined by PART_SEPARATOR); check() maps them back to parts.

export const PART_SEPARATOR = '\n\n';

export type SectionKind =
  | 'subjective'
  | 'objective'
  | 'assessment'
  | 'plan'
  | 'goals'
  | 'treatment'
  | 'history'
  | 'home-program'
  | 'billing'
  | 'signature'
  | 'response'
  | 'other';

export interface Span {
  start: number;
  end: number;
}

export interface ChartPart extends Span {
  /** Label used for evidence: the part's id, else its label, else its index. */
  key: string;
  label?: string;
  /** Where the part lies in `Chart.original` (start/end are in the folded `Chart.text`). */
  originalStart: number;
  originalEnd: number;
}

export interface Section extends Span {
  kind: SectionKind;
  heading?: string;
}

export interface Sentence extends Span {
  index: number;
  section: SectionKind;
}

/** Who the words are: see MentionContext.reported. */
export type Reported = 'no' | 'says' | 'wants' | 'about-service';

/** NegEx/ConText-style modifiers that apply to a mention. */
export interface MentionContext {
  negated: boolean;
  hypothetical: boolean;
  historical: boolean;
  /** Home program / patient's own activity ("ice 15 minutes at home"). */
  home: boolean;
  /** Part of who the patient is, not the care: an occupation or workplace ("facilities maintenance worker"). */
  role: boolean;
  /** Inside quotation marks: the patient's (or someone's) own words, not the clinician's. */
  quoted: boolean;
  /**
   * Inside the patient's own account (ConText's experiencer; triggers in data/lexicons/reported-speech.json,
   * scoped by context.ts): 'says' — what the patient reports ("pt states the neck is stiff"); 'wants' — the
   * patient's wish or motive, never the session's purpose ("wants a massage to unwind"); 'about-service' —
   * a report from a word naming the service itself on ("says the massage felt good"), which records the
   * session. 'no' outside any report.
   */
  reported: Reported;
  section: SectionKind;
  sentence: number;
}

/** A vocabulary hit: lexicon id (data/lexicons/<id>.json) and the entry that matched. */
export interface Mention extends Span, MentionContext {
  lexicon: string;
  entry: string;
  text: string;
}

export type MeasurementKind =
  | 'rom'
  | 'pain'
  | 'mmt'
  | 'girth'
  | 'outcome'
  | 'tenderness'
  | 'spasm-grade'
  | 'strength'
  | 'load'
  | 'seconds'
  | 'distance'
  | 'tolerance'
  | 'percent'
  | 'speed'
  | 'level'
  /** A score on a scale the note names by its capitalised abbreviation only ("VSS 8 -> 6"): an impairment, better either way. */
  | 'score';

export interface Measurement extends Span, MentionContext {
  kind: MeasurementKind;
  text: string;
  value?: number;
  /** For outcome measures: the instrument (ODI, NDI, LEFS…). */
  instrument?: string;
  /** What it measures, from the words before it ("rotation", "grip", "flexion"), when they say. */
  attribute?: string;
  /** L, R or B when the note says which side. */
  side?: 'L' | 'R' | 'B';
  /** An impairment finding (ROM, pain, tone…) rather than a functional measure (load carried, distance). */
  impairment: boolean;
  /** A change is documented here ("from 40 to 52 degrees", "Pre: 6/10 … Post: 3/10"). */
  change?: { from: number; to: number };
  /** Taken before or after the treatment ("Pre: pain 6/10", "post-treatment rotation 52°"). */
  phase?: 'pre' | 'post';
}

/**
 * A documented change of one measure: within the session (pre/post) or since an earlier visit. The
 * direction says whether it got better for that kind of measure; "same" is a documented lack of change.
 */
export interface MeasureChange extends Span, MentionContext {
  kind: MeasurementKind;
  attribute?: string;
  from?: number;
  to?: number;
  since: 'session' | 'earlier';
  direction: 'better' | 'worse' | 'same' | 'changed';
  /** How it was written (the grammar row), for --explain. */
  how: string;
  text: string;
}

/**
 * A goal item or a stated limitation, classified by what it names: an activity (functional), only an
 * impairment (pain, motion, tone), comfort, or an outcome-measure target.
 */
export interface GoalStatement extends Span, MentionContext {
  kind: 'functional' | 'impairment' | 'comfort' | 'measure';
  /** A goal item, the purpose stated with the treatment, or a limitation ("limits typing to 15 min"). */
  source: 'goal' | 'purpose' | 'limitation';
  text: string;
}

/** Minutes the note attributes to one service ("Therapeutic massage -- 15 min"). */
export interface ServiceTime extends Span {
  code: string;
  minutes: number;
  /** How it was written: explicit minutes, a clock range, or units with minutes. */
  form: 'minutes' | 'range' | 'units';
  /** Written as a limit (">10 min", "<8 min", "10+ min"): the minutes are the bound, this says which kind. */
  bound?: 'more-than' | 'at-least' | 'less-than' | 'at-most';
  /** Stated as a correction ("corrected to 12 min", an addendum's "correct time … was 12 min"): it replaces the service's other figures. */
  corrected?: true;
}

export interface CodeMinutes {
  code: string;
  minutes: number;
  evidence: ServiceTime[];
  /** Other values the note gives for the same code, when they disagree. */
  conflicting: number[];
}

export interface TotalTime extends Span {
  minutes: number;
}

/** Time-like text the grammar read but could not tie to a service ("30 min" with no code near it). */
export interface UnresolvedTime extends Span {
  minutes: number;
  text: string;
  /** The words around it, for the message ("could not tie '30 min' near '…' to a code"). */
  near: string;
}

/** A claim line written in the note ("97124-GP x2", "CPT 97110 (2 units)"). */
export interface NoteClaimLine extends Span {
  code: string;
  modifiers: string[];
  units?: number;
  minutes?: number;
}

export interface CredentialMention extends Span {
  /** Normalised credential: PT, PTA, OT, OTA, LMT, DC, MD, DO, ATC, SLP… */
  credential: string;
  /** signature: "J. Smith, PTA"; involvement: "co-treated with PTA", "performed by the LMT". */
  kind: 'signature' | 'involvement';
  text: string;
}

export interface DateFact extends Span {
  value: string; // YYYY-MM-DD
}

export interface NumberFact extends Span {
  value: number;
}

export interface Chart {
  /** The note as analysed: parts joined by PART_SEPARATOR, then folded (normalize.ts). */
  text: string;
  /** The note exactly as given (parts joined); evidence is cut from this. */
  original: string;
  /** Offset in `original` of an offset in `text`. */
  toOriginal(offset: number): number;
  parts: ChartPart[];
  sections: Section[];
  sentences: Sentence[];
  /** Vocabulary hits by lexicon id; every lexicon has an entry (possibly empty). */
  mentions: Record<string, Mention[]>;
  measurements: Measurement[];
  /** Every documented change (or documented lack of change) of a measure. */
  changes: MeasureChange[];
  /** Goal items and stated limitations, each classified (goals.ts). */
  goals: GoalStatement[];
  serviceTimes: ServiceTime[];
  minutesByCode: Record<string, CodeMinutes>;
  totals: { timed?: TotalTime; treatment?: TotalTime; untimed?: TotalTime };
  /** Durations and clock ranges in the treatment record that no service could be tied to. */
  unresolvedTimes: UnresolvedTime[];
  noteLines: NoteClaimLine[];
  credentials: CredentialMention[];
  episode: {
    visitNumber?: NumberFact;
    planOfCareStart?: DateFact;
    onsetDate?: DateFact;
    dateOfService?: DateFact;
  };
  /** Context at a global offset (section, sentence, negation…). */
  contextAt(offset: number): MentionContext;
  /** Index of the sentence holding the offset. */
  sentenceAt(offset: number): number;
  /** Convenience: mentions of a lexicon that are asserted (not negated, hypothetical, historical). */
  asserted(lexicon: string): Mention[];
}
