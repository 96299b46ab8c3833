// Units for timed therapy codes: the CMS total-time 8-minute rule (Pub. 100-04 ch. 5 §20.2) and the
// per-code "substantial portion" method most commercial payers use. Pure: no I/O, no globals.
import { isUntimed, normalizeCode } from './codes';
import type { UnitMethod } from './base-types';

export interface TimedService {
  code: string;
  minutes: number;
}

export interface UnitsInput {
  method: UnitMethod;
  /** Timed services in the order they were listed (the order breaks CMS ties). */
  timed: readonly TimedService[];
  /** Untimed (service-based) codes performed: 1 unit each. */
  untimed?: readonly string[];
}

export interface UnitsResult {
  method: UnitMethod;
  /** Sum of the timed minutes (untimed services never count). */
  totalTimedMinutes: number;
  timedUnits: number;
  /** Timed units plus one per untimed code. */
  totalUnits: number;
  /** Units per code; every code given appears, with 0 when it earns none. */
  units: Record<string, number>;
  /** Other allocations that are just as correct (CMS ties), each complete like `units`. */
  alternatives: Record<string, number>[];
  /** Short sentences for the popup's units panel and the command line. */
  explanation: string[];
  /** Timed minutes per code after merging duplicates. */
  minutes: Record<string, number>;
  /** Untimed codes billed, in the order given. */
  untimed: string[];
}

/** Ties among many equal services could list thousands of combinations; nobody reads past this. */
export const MAX_ALTERNATIVES = 100;

const UNIT_MINUTES = 15;
const THRESHOLD = 8;

function assertMinutes(minutes: number, what: string): void {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`${what} must be a finite number of minutes >= 0 (got ${minutes})`);
  }
}

// Fractional minutes (e.g. 7.5) are allowed; rounding keeps 0.1 + 0.2 style sums on the right side
// of a unit boundary.
function tidy(minutes: number): number {
  return Math.round(minutes * 1e6) / 1e6;
}

/** Units for a number of minutes: 0 below 8, then 8–22 → 1, 23–37 → 2, 38–52 → 3 … */
export function unitsForMinutes(totalMinutes: number): number {
  assertMinutes(totalMinutes, 'totalMinutes');
  const minutes = tidy(totalMinutes);
  return minutes < THRESHOLD ? 0 : Math.floor((minutes - THRESHOLD) / UNIT_MINUTES) + 1;
}

/** The whole-minute range that yields a number of units: 2 → { min: 23, max: 37 }. */
export function unitMinuteRange(units: number): { min: number; max: number } {
  if (!Number.isInteger(units) || units < 0) throw new RangeError(`units must be a whole number >= 0 (got ${units})`);
  return units === 0 ? { min: 0, max: THRESHOLD - 1 } : { min: UNIT_MINUTES * units - 7, max: UNIT_MINUTES * units + 7 };
}

interface Service {
  code: string;
  minutes: number;
}

interface Prepared {
  timed: Service[];
  untimed: string[];
  /** Untimed-set codes that came in as timed services (their minutes were dropped). */
  moved: Set<string>;
  notes: string[];
}

const fmt = (minutes: number): string => `${tidy(minutes)} min`;
const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

function listCodes(codes: readonly string[]): string {
  if (codes.length <= 1) return codes.join('');
  return `${codes.slice(0, -1).join(', ')} and ${codes[codes.length - 1]}`;
}

/** Merge duplicates (first listing wins the position) and move untimed codes out of the timed list. */
function prepare(input: UnitsInput): Prepared {
  const notes: string[] = [];
  const untimed: string[] = [];
  const addUntimed = (code: string): void => {
    if (!untimed.includes(code)) untimed.push(code);
  };
  for (const raw of input.untimed ?? []) {
    const code = normalizeCode(raw);
    if (code === '') throw new RangeError('an untimed code is empty');
    addUntimed(code);
  }

  const byCode = new Map<string, Service>();
  const counts = new Map<string, number>();
  const movedMinutes = new Map<string, number>();
  for (const service of input.timed) {
    const code = normalizeCode(service.code);
    if (code === '') throw new RangeError('a timed service has an empty code');
    assertMinutes(service.minutes, `minutes for ${code}`);
    if (isUntimed(code) || untimed.includes(code)) {
      movedMinutes.set(code, (movedMinutes.get(code) ?? 0) + service.minutes);
      continue;
    }
    counts.set(code, (counts.get(code) ?? 0) + 1);
    const existing = byCode.get(code);
    if (existing) existing.minutes = tidy(existing.minutes + service.minutes);
    else byCode.set(code, { code, minutes: tidy(service.minutes) });
  }

  for (const [code, minutes] of movedMinutes) {
    addUntimed(code);
    notes.push(`${code} is an untimed (service-based) code: billed as 1 unit; its ${fmt(minutes)} do not count toward the timed total.`);
  }
  for (const [code, count] of counts) {
    if (count > 1) notes.push(`${code} was listed ${count} times; its minutes are added together (${fmt(byCode.get(code)?.minutes ?? 0)}).`);
  }
  return { timed: [...byCode.values()], untimed, moved: new Set(movedMinutes.keys()), notes };
}

/** All k-element index combinations of `pool`, in lexicographic order, at most `limit`. */
function combinations(pool: readonly number[], k: number, limit: number): number[][] {
  const out: number[][] = [];
  const pick: number[] = [];
  const walk = (from: number): void => {
    if (out.length >= limit) return;
    if (pick.length === k) {
      out.push([...pick]);
      return;
    }
    for (let i = from; i <= pool.length - (k - pick.length); i++) {
      pick.push(pool[i] as number);
      walk(i + 1);
      pick.pop();
      if (out.length >= limit) return;
    }
  };
  walk(0);
  return out;
}

interface Allocation {
  timedUnits: number;
  units: number[];
  alternatives: number[][];
  explanation: string[];
}

interface Slot extends Service {
  index: number;
  /** Full 15-minute blocks. */
  full: number;
  /** Minutes left after the full blocks (< 15). */
  left: number;
}

function allocateCms(services: readonly Service[]): Allocation {
  if (services.length === 0) return { timedUnits: 0, units: [], alternatives: [], explanation: ['No timed services.'] };
  const total = tidy(services.reduce((sum, s) => sum + s.minutes, 0));
  const totalUnits = unitsForMinutes(total);
  const range = unitMinuteRange(totalUnits);
  const many = services.length > 1 ? ` across ${plural(services.length, 'timed service')}` : '';
  const explanation = [
    totalUnits === 0
      ? `CMS total-time rule: ${fmt(total)} of timed services${many} is under 8 minutes, so no timed unit can be billed.`
      : `CMS total-time rule: ${fmt(total)}${many} supports ${plural(totalUnits, 'timed unit')} (${range.min}–${range.max} minutes).`,
  ];

  // Full 15-minute blocks first. They always fit: 15 × (sum of blocks) ≤ total, so the blocks never
  // exceed the total's units (this is also the "≥15 min → at least 1 unit, ≥30 → 2" floor).
  const slots: Slot[] = services.map((s, index) => {
    const full = Math.floor(s.minutes / UNIT_MINUTES);
    return { ...s, index, full, left: tidy(s.minutes - UNIT_MINUTES * full) };
  });
  const fullSum = slots.reduce((sum, slot) => sum + slot.full, 0);
  const leftover = totalUnits - fullSum;
  if (fullSum > 0 && totalUnits > 0) {
    const parts = slots.filter((slot) => slot.full > 0).map((slot) => `${slot.code} ×${slot.full} (${fmt(slot.left)} left over)`);
    explanation.push(`Full 15-minute units first: ${parts.join(', ')}.`);
  }

  // Which slots take one extra unit, in the primary allocation and in each equally valid one.
  let primary: Slot[] = [];
  const others: Slot[][] = [];
  // Slots whose unit depends only on listing order; the tie sentence covers them.
  let tied: Slot[] = [];
  if (leftover > 0) {
    // Largest time left over wins; a stable sort keeps listing order among equals. Each code can
    // take at most one extra unit: leftover ≤ number of services with minutes left (each < 15).
    const ranked = [...slots].sort((a, b) => b.left - a.left || a.index - b.index);
    const cut = ranked[leftover - 1]?.left ?? 0;
    const sure = ranked.filter((slot) => slot.left > cut);
    const atCut = slots.filter((slot) => slot.left === cut);
    const need = leftover - sure.length;
    const picks = combinations(atCut.map((slot) => slot.index), need, MAX_ALTERNATIVES + 1).map((pick) =>
      atCut.filter((slot) => pick.includes(slot.index)),
    );
    primary = [...sure, ...(picks[0] ?? [])];
    for (const pick of picks.slice(1)) others.push([...sure, ...pick]);

    const takers = slots.filter((slot) => primary.includes(slot));
    const verb = leftover === 1 ? 'goes' : 'go';
    const list = takers.map((slot) => `${slot.code} (${fmt(slot.left)})`).join(', ');
    explanation.push(
      fullSum > 0
        ? `${plural(leftover, 'more unit')} ${verb} to the most time left over: ${list}.`
        : `${leftover === 1 ? 'The unit' : `The ${leftover} units`} ${verb} to the most minutes: ${list}.`,
    );

    const short = slots.filter((slot) => slot.minutes > 0 && slot.minutes <= 7);
    const shortTakers = short.filter((slot) => primary.includes(slot));
    if (short.length >= 2 && shortTakers.length > 0) {
      const allEqual = short.every((slot) => slot.minutes === short[0]?.minutes);
      const who = allEqual ? 'any one of them' : `the one performed longest (${listCodes(shortTakers.map((slot) => slot.code))})`;
      explanation.push(`${listCodes(short.map((slot) => slot.code))} were each 7 minutes or less; together they earn a unit, billed for ${who}.`);
    }

    if (picks.length > 1) {
      tied = atCut;
      const chosen = (picks[0] ?? []).map((slot) => slot.code);
      const rest = atCut.filter((slot) => !(picks[0] ?? []).includes(slot)).map((slot) => slot.code);
      const more = picks.length > MAX_ALTERNATIVES ? ` (only the first ${MAX_ALTERNATIVES} alternatives are listed)` : '';
      const instead =
        need > 1
          ? `any other choice of ${need} of them is equally correct`
          : `giving the unit to ${rest.length === 1 ? rest[0] : `any of ${listCodes(rest)}`} instead is equally correct`;
      explanation.push(
        `${listCodes(atCut.map((slot) => slot.code))} have the same time left over (${fmt(cut)}); ${listCodes(chosen)} ${chosen.length === 1 ? 'is' : 'are'} listed first, but ${instead}${more}.`,
      );
    }
  }

  if (totalUnits > 0) {
    const why = leftover > 0 ? 'other services had more time left over' : 'the minutes left over do not reach another unit';
    for (const slot of slots) {
      if (slot.left === 0 || primary.includes(slot) || tied.includes(slot)) continue;
      explanation.push(
        slot.full === 0
          ? `${slot.code} (${fmt(slot.minutes)}) gets no unit: the ${fmt(total)} total supports only ${plural(totalUnits, 'unit')}, taken by services with more time; still document it.`
          : `${slot.code}'s last ${fmt(slot.left)} are not billed: ${why}.`,
      );
    }
  }

  const unitsWith = (extra: readonly Slot[]): number[] => slots.map((slot) => slot.full + (extra.includes(slot) ? 1 : 0));
  return { timedUnits: totalUnits, units: unitsWith(primary), alternatives: others.map(unitsWith), explanation };
}

function allocatePerCode(services: readonly Service[]): Allocation {
  if (services.length === 0) return { timedUnits: 0, units: [], alternatives: [], explanation: ['No timed services.'] };
  const units = services.map((s) => unitsForMinutes(s.minutes));
  const explanation = ['Per-code (substantial portion) method: each code on its own, 8–22 min = 1 unit, 23–37 = 2, 38–52 = 3 …'];
  services.forEach((s) => {
    const n = unitsForMinutes(s.minutes);
    explanation.push(`${s.code}: ${fmt(s.minutes)} → ${plural(n, 'unit')}${n === 0 ? ' (under 8 minutes)' : ''}.`);
  });
  const short = services.filter((s, i) => units[i] === 0 && s.minutes > 0);
  const shortTotal = short.reduce((sum, s) => sum + s.minutes, 0);
  if (short.length >= 2 && shortTotal >= THRESHOLD) {
    explanation.push(`Short services are not combined under this method (${listCodes(short.map((s) => s.code))}: ${fmt(shortTotal)} together).`);
  }
  return { timedUnits: units.reduce((a, b) => a + b, 0), units, alternatives: [], explanation };
}

function toRecord(services: readonly Service[], units: readonly number[], untimed: readonly string[]): Record<string, number> {
  const record: Record<string, number> = {};
  services.forEach((s, i) => {
    record[s.code] = units[i] ?? 0;
  });
  for (const code of untimed) record[code] = 1;
  return record;
}

/**
 * Units per code for one date of service under the chosen method. Deterministic: the same input
 * (including its order) always gives the same allocation. Throws RangeError on negative or
 * non-finite minutes or empty codes, which validated visits never contain.
 */
export function calculateUnits(input: UnitsInput): UnitsResult {
  const { timed, untimed, moved, notes } = prepare(input);
  const allocation = input.method === 'cms' ? allocateCms(timed) : allocatePerCode(timed);
  const explanation = [...allocation.explanation, ...notes];
  const directlyUntimed = untimed.filter((code) => !moved.has(code));
  if (directlyUntimed.length > 0) {
    explanation.push(`Untimed: ${listCodes(directlyUntimed)}, 1 unit each; their minutes never count toward the timed total.`);
  }
  const minutes: Record<string, number> = {};
  for (const s of timed) minutes[s.code] = s.minutes;
  return {
    method: input.method,
    totalTimedMinutes: tidy(timed.reduce((sum, s) => sum + s.minutes, 0)),
    timedUnits: allocation.timedUnits,
    totalUnits: allocation.timedUnits + untimed.length,
    units: toRecord(timed, allocation.units, untimed),
    alternatives: allocation.alternatives.map((alt) => toRecord(timed, alt, untimed)),
    explanation,
    minutes,
    untimed,
  };
}
