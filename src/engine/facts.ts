// VisitFacts: the claim and the note reconciled once, so every rule reads the same figures.
// Structured fields win; the note fills what they leave out, and every figure says where it came from.
import type { Chart, CodeMinutes, Mention, Span } from './chart';
import { normaliseCredential } from './chart/note-facts';
import { isManualTherapy, isMassage, isTimed, isUntimed, normalizeCode } from './codes';
import type { UnitMethod, UnitsSummary } from './base-types';
import { calculateUnits, unitsForMinutes } from './units';
import type { Visit } from './visit';

export type Source = 'claim' | 'note' | 'sum';

export interface FactLine {
  /** Index into visit.lines (or into the note's listed lines when the claim had none). */
  index: number;
  code: string;
  modifiers: string[];
  units?: number;
  minutes?: number;
  minutesSource?: Source;
  /** Where the note documents this code's minutes. */
  minutesSpan?: Span;
  /** The minutes are the visit's stated total (the only timed code), not a figure given for the code. */
  minutesFromTotal?: boolean;
  dx: string[];
  /** The line was read from the note (a .txt note with no claim). */
  fromNote: boolean;
  noteSpan?: Span;
}

export interface Figure<T> {
  value: T;
  source: Source;
  span?: Span;
}

export type Discipline = 'PT' | 'OT';

/**
 * A figure sent with the claim (or read from the page beside the note). When the note states the
 * same figure, its statement is the evidence a finding quotes: a reader that also takes the note's
 * "Total timed: 45 min" line as the visit's figure must not cost the finding its quote.
 */
function claimFigure(value: number, noted: { minutes: number; start: number; end: number } | undefined): Figure<number> {
  return noted && noted.minutes === value ? { value, source: 'claim', span: noted } : { value, source: 'claim' };
}

export interface VisitFacts {
  lines: FactLine[];
  linesFromNote: boolean;
  /** Timed minutes for the whole visit: the claim's total, else the note's, else the per-code sum. */
  totalTimedMinutes?: Figure<number>;
  totalTreatmentMinutes?: Figure<number>;
  /** Credentials of whoever furnished or signed (structured provider first, then signatures). */
  providerCredentials: Figure<string>[];
  /** A PTA/OTA took part (credentials, signature or "co-treated with PTA"). */
  assistants: Figure<'PTA' | 'OTA'>[];
  /** Therapy discipline from the provider's credentials, when they say. */
  discipline?: Discipline;
  episode: {
    visitNumber?: Figure<number>;
    planOfCareStart?: Figure<string>;
    onsetDate?: Figure<string>;
    dateOfService?: Figure<string>;
  };
  units: UnitsSummary;
  massage: MassageScope;
  /**
   * Hands-on time the note gives under another name: the claim bills one hands-on code (massage or
   * manual therapy) that the note gives no time, and the note's only hands-on time is the other,
   * unbilled one ("STM 14 min" on a 97124 claim). It is the billed line's time, counted once.
   */
  renamedTime?: { noteCode: string; lineCode: string };
  /**
   * The note's minutes per code as the claim's codes see them: the chart's minutesByCode with renamed
   * hands-on time (renamedTime) filed under the billed code, so it is counted once by every rule.
   * Rules read minutes from here, not from chart.minutesByCode.
   */
  noteMinutes: Record<string, CodeMinutes>;
}

export interface MassageScope {
  /** 97124 lines on the claim. */
  lines: FactLine[];
  /** The note shows massage done at this visit (see massagePerformedToday). */
  performedToday: boolean;
  /**
   * The visit is a 97124 visit for the documentation rules: massage is billed, or, when there
   * are no claim lines at all (a bare note), massage was performed today.
   */
  inScope: boolean;
}

/**
 * With no claim lines, only a massage performed today puts the note in scope: minutes documented for
 * it, or "massage" in a sentence naming a technique. "Better with massage", a plan to refer to a
 * massage therapist or tissue "massaged and closed" in an operative note are not a 97124 service.
 */
function massagePerformedToday(chart: Chart): boolean {
  if (Object.keys(chart.minutesByCode).some(isMassage)) return true;
  const now = (m: Mention) => !m.negated && !m.hypothetical && !m.historical && !m.home;
  const techniqueSentences = new Set((chart.mentions['massage-technique'] ?? []).filter(now).map((m) => m.sentence));
  return (chart.mentions['massage-service'] ?? []).some((m) => now(m) && techniqueSentences.has(m.sentence));
}

const fromChart = <T,>(fact: ({ value: T } & Span) | undefined): Figure<T> | undefined =>
  fact ? { value: fact.value, source: 'note', span: { start: fact.start, end: fact.end } } : undefined;

export function buildFacts(visit: Visit, chart: Chart, method: UnitMethod, readLinesFromNote = true): VisitFacts {
  const linesFromNote = readLinesFromNote && visit.lines.length === 0 && chart.noteLines.length > 0;
  const lines: FactLine[] = linesFromNote
    ? chart.noteLines.map((l, index) => ({
        index,
        code: normalizeCode(l.code),
        modifiers: l.modifiers.map((m) => m.toUpperCase()),
        units: l.units,
        minutes: l.minutes,
        minutesSource: l.minutes === undefined ? undefined : 'note',
        minutesSpan: l.minutes === undefined ? undefined : { start: l.start, end: l.end },
        dx: [],
        fromNote: true,
        noteSpan: { start: l.start, end: l.end },
      }))
    : visit.lines.map((l, index) => ({
        index,
        code: normalizeCode(l.code),
        modifiers: (l.modifiers ?? []).map((m) => m.toUpperCase()),
        units: l.units,
        minutes: l.minutes,
        minutesSource: l.minutes === undefined ? undefined : 'claim',
        dx: (l.dx ?? []).map((d) => d.trim().toUpperCase()),
        fromNote: false,
      }));
  const renamedTime = renamedHandsOnTime(lines, chart);
  const noteMinutes = noteMinutesAsBilled(chart, renamedTime);
  // Minutes the claim does not give come from the note's per-code documentation.
  for (const line of lines) {
    const documented = noteMinutes[line.code];
    if (!documented) continue;
    const first = documented.evidence[0]!;
    if (line.minutes === undefined || line.minutesSource === 'note') {
      line.minutes = documented.minutes;
      line.minutesSource = 'note';
      line.minutesSpan = { start: first.start, end: first.end };
    }
  }

  // One timed code and no minutes of its own: a stated total is its time ("Session time: 60 min" for a
  // massage-only visit). The treatment total counts only when nothing untimed was billed or documented.
  const timedCodesBilled = new Set(lines.filter((l) => isTimed(l.code)).map((l) => l.code));
  if (timedCodesBilled.size === 1 && lines.every((l) => !isTimed(l.code) || l.minutes === undefined)) {
    const untimedToo = lines.some((l) => isUntimed(l.code)) || chart.serviceTimes.some((t) => isUntimed(t.code));
    const total = visit.totalTimedMinutes !== undefined ? undefined : (chart.totals.timed ?? (untimedToo ? undefined : chart.totals.treatment));
    if (total && visit.totalTreatmentMinutes === undefined) {
      for (const line of lines) {
        if (!isTimed(line.code)) continue;
        line.minutes = total.minutes;
        line.minutesSource = 'note';
        line.minutesSpan = { start: total.start, end: total.end };
        line.minutesFromTotal = true;
      }
    }
  }

  const timedLines = lines.filter((l) => isTimed(l.code) && !l.minutesFromTotal);
  const perCodeKnown = timedLines.length > 0 && timedLines.every((l) => l.minutes !== undefined);
  const sumOfCodes = perCodeKnown ? timedLines.reduce((s, l) => s + (l.minutes ?? 0), 0) : undefined;
  const totalTimedMinutes: Figure<number> | undefined =
    visit.totalTimedMinutes !== undefined
      ? claimFigure(visit.totalTimedMinutes, chart.totals.timed)
      : chart.totals.timed
        ? { value: chart.totals.timed.minutes, source: 'note', span: chart.totals.timed }
        : sumOfCodes !== undefined
          ? { value: sumOfCodes, source: 'sum' }
          : undefined;
  const totalTreatmentMinutes: Figure<number> | undefined =
    visit.totalTreatmentMinutes !== undefined
      ? claimFigure(visit.totalTreatmentMinutes, chart.totals.treatment)
      : chart.totals.treatment
        ? { value: chart.totals.treatment.minutes, source: 'note', span: chart.totals.treatment }
        : undefined;

  const providerCredentials: Figure<string>[] = [];
  for (const c of visit.provider?.credentials ?? []) {
    const value = normaliseCredential(c);
    if (value) providerCredentials.push({ value, source: 'claim' });
  }
  for (const c of chart.credentials) {
    if (c.kind === 'signature') providerCredentials.push({ value: c.credential, source: 'note', span: c });
  }
  const assistants: Figure<'PTA' | 'OTA'>[] = [];
  for (const f of providerCredentials) if (f.value === 'PTA' || f.value === 'OTA') assistants.push(f as Figure<'PTA' | 'OTA'>);
  for (const c of chart.credentials) {
    if (c.kind === 'involvement' && (c.credential === 'PTA' || c.credential === 'OTA')) {
      assistants.push({ value: c.credential, source: 'note', span: c });
    }
  }
  const credentialSet = new Set(providerCredentials.map((f) => f.value));
  const discipline: Discipline | undefined =
    credentialSet.has('PT') || credentialSet.has('PTA') ? 'PT' : credentialSet.has('OT') || credentialSet.has('OTA') ? 'OT' : undefined;

  const ep = visit.episode ?? {};
  const episode: VisitFacts['episode'] = {
    visitNumber: ep.visitNumber !== undefined ? { value: ep.visitNumber, source: 'claim' } : fromChart(chart.episode.visitNumber),
    planOfCareStart: ep.planOfCareStart !== undefined ? { value: ep.planOfCareStart, source: 'claim' } : fromChart(chart.episode.planOfCareStart),
    onsetDate: ep.onsetDate !== undefined ? { value: ep.onsetDate, source: 'claim' } : fromChart(chart.episode.onsetDate),
    dateOfService: visit.dateOfService !== undefined ? { value: visit.dateOfService, source: 'claim' } : fromChart(chart.episode.dateOfService),
  };

  return {
    lines,
    linesFromNote,
    totalTimedMinutes,
    totalTreatmentMinutes,
    providerCredentials,
    assistants,
    discipline,
    episode,
    units: summariseUnits(lines, noteMinutes, method, totalTimedMinutes?.value, notDoneCodes(lines, chart, noteMinutes)),
    massage: massageScope(lines, chart),
    ...(renamedTime ? { renamedTime } : {}),
    noteMinutes,
  };
}

const isHandsOn = (code: string): boolean => isTimed(code) && (isMassage(code) || isManualTherapy(code));

/** See VisitFacts.renamedTime: exactly one billed hands-on code without note time, one unbilled with it. */
function renamedHandsOnTime(lines: readonly FactLine[], chart: Chart): VisitFacts['renamedTime'] {
  const billed = new Set(lines.map((l) => l.code));
  const untimedInNote = [...new Set(lines.filter((l) => isHandsOn(l.code) && !chart.minutesByCode[l.code]).map((l) => l.code))];
  const unbilledInNote = Object.keys(chart.minutesByCode).filter((c) => isHandsOn(c) && !billed.has(c));
  if (untimedInNote.length !== 1 || unbilledInNote.length !== 1) return undefined;
  return { noteCode: unbilledInNote[0]!, lineCode: untimedInNote[0]! };
}

/** chart.minutesByCode with the renamed hands-on time moved to the billed code (see VisitFacts.noteMinutes). */
function noteMinutesAsBilled(chart: Chart, renamed: VisitFacts['renamedTime']): Record<string, CodeMinutes> {
  if (!renamed) return chart.minutesByCode;
  const moved: Record<string, CodeMinutes> = {};
  for (const [code, minutes] of Object.entries(chart.minutesByCode)) {
    if (code === renamed.noteCode) moved[renamed.lineCode] = { ...minutes, code: renamed.lineCode };
    else moved[code] = minutes;
  }
  return moved;
}

function massageScope(lines: FactLine[], chart: Chart): MassageScope {
  const massageLines = lines.filter((l) => isMassage(l.code));
  const performedToday = massagePerformedToday(chart);
  return { lines: massageLines, performedToday, inScope: lines.length > 0 ? massageLines.length > 0 : performedToday };
}

/**
 * Units billed and units the minutes support. Timed services the note documents but the claim
 * leaves out still take their share of a CMS total (CMS example 4's ultrasound), so they are part
 * of the allocation and appear in `expected` (with nothing billed).
 */
/**
 * Billed timed codes the note names only as not given ("planned ther ex deferred", "massage not
 * performed today") and gives no minutes: their time is none, so the units are checked as such.
 */
function notDoneCodes(lines: readonly FactLine[], chart: Chart, noteMinutes: Record<string, CodeMinutes>): Set<string> {
  const out = new Set<string>();
  for (const l of lines) {
    if (!isTimed(l.code) || l.minutes !== undefined || noteMinutes[l.code]) continue;
    const named = (chart.mentions.service ?? []).filter((m) => m.entry === l.code && !m.historical);
    if (named.length > 0 && named.every((m) => m.negated)) out.add(l.code);
  }
  return out;
}

function summariseUnits(lines: FactLine[], noteMinutes: Record<string, CodeMinutes>, method: UnitMethod, totalTimed: number | undefined, notDone: ReadonlySet<string> = new Set()): UnitsSummary {
  const billed: Record<string, number> = {};
  const minutesByCode: Record<string, number> = {};
  // Minutes the note gives for a code belong to the code, not to each of its lines ("97124 ×3" and
  // "97124 ×2" on two lines share the note's 30 minutes); minutes on the claim lines add up.
  const noteMinutesCounted = new Set<string>();
  for (const l of lines) {
    if (l.units !== undefined) billed[l.code] = (billed[l.code] ?? 0) + l.units;
    if (l.minutes === undefined || !isTimed(l.code)) continue;
    if (l.minutesSource === 'note') {
      if (noteMinutesCounted.has(l.code)) continue;
      noteMinutesCounted.add(l.code);
    }
    minutesByCode[l.code] = (minutesByCode[l.code] ?? 0) + l.minutes;
  }
  const claimTimed = [...new Set(lines.filter((l) => isTimed(l.code)).map((l) => l.code))];
  const untimed = [...new Set(lines.filter((l) => isUntimed(l.code)).map((l) => l.code))];
  for (const code of notDone) minutesByCode[code] ??= 0;
  const perCodeKnown = claimTimed.length > 0 && claimTimed.every((c) => minutesByCode[c] !== undefined);
  const documentedOnly = Object.values(noteMinutes).filter((c) => isTimed(c.code) && !claimTimed.includes(c.code));
  for (const c of documentedOnly) minutesByCode[c.code] = c.minutes;
  const timedCodes = [...claimTimed, ...documentedOnly.map((c) => c.code)];

  let expected: Record<string, number> = {};
  let alternatives: Record<string, number>[] = [];
  let expectedTimedUnits: number | null = null;
  if (perCodeKnown) {
    const timed = timedCodes.map((code) => ({ code, minutes: minutesByCode[code]! }));
    // Under CMS the documented total caps the units even when per-code minutes add up to more.
    const sum = timed.reduce((s, t) => s + t.minutes, 0);
    const result = calculateUnits({ method, timed, untimed });
    expected = result.units;
    alternatives = result.alternatives;
    expectedTimedUnits = result.timedUnits;
    if (method === 'cms' && totalTimed !== undefined && totalTimed < sum) expectedTimedUnits = Math.min(expectedTimedUnits, unitsForMinutes(totalTimed));
  } else {
    for (const code of untimed) expected[code] = 1;
    if (method === 'cms' && totalTimed !== undefined && timedCodes.length > 0) expectedTimedUnits = unitsForMinutes(totalTimed);
  }
  return {
    method,
    totalTimedMinutes: totalTimed ?? null,
    expected,
    expectedTimedUnits,
    billed,
    alternatives,
    minutesByCode,
    timedOrder: timedCodes,
  };
}
