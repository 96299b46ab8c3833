// The cross-visit thresholds (data/history.json) for one payer profile: defaults, overridden along
// the profile's extends chain, then by the caller's options for a rule (CheckOptions.ruleOptions).
import data from '../data/history.json';
import type { Citation, ResolvedProfile } from '../types';

export interface ThresholdEntry {
  value: number | null;
  why: string;
  unconfirmed: boolean;
  source: Citation;
}

export type ThresholdName = keyof typeof data.defaults;

export type Thresholds = Record<ThresholdName, ThresholdEntry>;

const DEFAULTS = data.defaults as Thresholds;
const BY_PROFILE = data.profiles as Record<string, Partial<Thresholds>>;

export const THRESHOLD_NAMES = Object.keys(DEFAULTS) as ThresholdName[];

/** The thresholds a profile uses, most specific profile first in its chain. */
export function thresholdsFor(profile: Pick<ResolvedProfile, 'chain'>): Thresholds {
  const out = { ...DEFAULTS };
  for (const id of [...profile.chain].reverse()) Object.assign(out, BY_PROFILE[id] ?? {});
  return out;
}

/** Every profile id the data names (a test checks each is a real profile). */
export const PROFILES_WITH_THRESHOLDS = Object.keys(BY_PROFILE);

/** A threshold's value, or a caller's override (a number, or null to switch it off). */
export function thresholdValue(thresholds: Thresholds, name: ThresholdName, options: Record<string, unknown>): number | undefined {
  const given = options[name];
  if (given === null || given === false) return undefined;
  if (typeof given === 'number' && Number.isFinite(given) && given >= 0) return given;
  const value = thresholds[name].value;
  return value === null ? undefined : value;
}
