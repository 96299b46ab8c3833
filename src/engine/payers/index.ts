// Payer profiles: data files that extend each other (base ← medicare ← medicare-advantage,
// base ← commercial ← aetna …). This module resolves the chain and picks a profile for a payer text.
import * as z from '../zod';
import type { Level, PayerProfileData, ProfileChoice, ProfileRequirements, ResolvedProfile, RuleSetting, UnitMethod } from '../types';
import aetna from './aetna.json';
import base from './base.json';
import bcbs from './bcbs.json';
import cigna from './cigna.json';
import commercial from './commercial.json';
import medicareAdvantage from './medicare-advantage.json';
import medicare from './medicare.json';
import uhc from './uhc.json';

const LevelSchema = z.enum(['off', 'info', 'warning', 'error']);
const RuleSettingSchema = z.union([
  LevelSchema,
  z.object({ level: z.optional(LevelSchema), why: z.optional(z.string()), options: z.optional(z.record(z.string(), z.unknown())) }),
]);
export const PayerProfileSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  name: z.string(),
  extends: z.optional(z.string()),
  description: z.string(),
  sources: z.array(z.object({ title: z.string(), url: z.string().check(z.url()) })),
  namePatterns: z.array(z.string()),
  unitMethod: z.optional(z.enum(['cms', 'per-code'])),
  requires: z.optional(
    z.object({
      disciplineModifier: z.optional(z.boolean()),
      assistantModifier: z.optional(z.boolean()),
      perCodeMinutes: z.optional(z.boolean()),
      totalTimedMinutes: z.optional(z.boolean()),
      planOfCare: z.optional(z.boolean()),
    }),
  ),
  rules: z.optional(z.record(z.string(), RuleSettingSchema)),
});

/** Every profile file; test/engine/payers.test.ts checks the folder and this list agree. */
export const PROFILE_DATA: readonly PayerProfileData[] = [base, medicare, medicareAdvantage, commercial, aetna, cigna, uhc, bcbs] as PayerProfileData[];

/** The root profile is shared defaults, not a payer a user picks. */
export const ROOT_PROFILE = 'base';
export const DEFAULT_PROFILE = 'commercial';

const byId = new Map(PROFILE_DATA.map((p) => [p.id, p]));

const DEFAULT_REQUIREMENTS: ProfileRequirements = {
  disciplineModifier: false,
  assistantModifier: false,
  perCodeMinutes: true,
  totalTimedMinutes: false,
  planOfCare: false,
};

function asSetting(s: Level | RuleSetting): RuleSetting {
  return typeof s === 'string' ? { level: s } : s;
}

const resolved = new Map<string, ResolvedProfile>();

/** A profile with its `extends` chain applied (child wins; rule options merge key by key). */
export function resolveProfile(id: string): ResolvedProfile | undefined {
  const cached = resolved.get(id);
  if (cached) return cached;
  const chain: PayerProfileData[] = [];
  for (let p = byId.get(id); p; p = p.extends ? byId.get(p.extends) : undefined) {
    if (chain.includes(p)) break; // a cycle in the data: stop rather than loop (a test forbids cycles)
    chain.push(p);
  }
  const leaf = chain[0];
  if (!leaf) return undefined;
  let unitMethod: UnitMethod = 'per-code';
  let requires: ProfileRequirements = { ...DEFAULT_REQUIREMENTS };
  const rules: ResolvedProfile['rules'] = {};
  for (const p of [...chain].reverse()) {
    if (p.unitMethod) unitMethod = p.unitMethod;
    requires = { ...requires, ...p.requires };
    for (const [ruleId, raw] of Object.entries(p.rules ?? {})) {
      const s = asSetting(raw);
      const prior = rules[ruleId];
      rules[ruleId] = { level: s.level ?? prior?.level, why: s.why ?? prior?.why, options: { ...prior?.options, ...s.options } };
    }
  }
  const profile: ResolvedProfile = {
    id: leaf.id,
    name: leaf.name,
    description: leaf.description,
    chain: chain.map((p) => p.id),
    sources: chain.flatMap((p) => p.sources),
    namePatterns: leaf.namePatterns,
    unitMethod,
    requires,
    rules,
  };
  resolved.set(id, profile);
  return profile;
}

export function listProfiles(): { id: string; name: string; description: string }[] {
  return PROFILE_DATA.filter((p) => p.id !== ROOT_PROFILE).map(({ id, name, description }) => ({ id, name, description }));
}

const WORDS = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * How much of the payer text a name pattern matches (0: no match). A pattern is a phrase matched
 * on whole words ("humana gold"), or phrases joined by " + " that must all appear, in any order
 * ("medicare + hmo": a Medicare plan sold as an HMO is Medicare Advantage, whatever the brand).
 * `words` is the payer text as WORDS gives it, with a space at each end.
 */
export function namePatternMatch(pattern: string, words: string): number {
  let length = 0;
  for (const part of pattern.split(' + ')) {
    const w = WORDS(part);
    if (!w || !words.includes(` ${w} `)) return 0;
    length += w.length;
  }
  return length;
}

/** The payer text as the name patterns read it: lower-case words, one space apart, a space at each end. */
export const payerWords = (payer: string): string => ` ${WORDS(payer)} `;

/**
 * The profile for a claim's payer text: an exact profile id, an admin mapping, else the profile
 * whose name pattern matches the most text ("Aetna Medicare Advantage" → medicare-advantage).
 */
export function chooseProfile(
  payer: string | undefined,
  opts: { profile?: string; defaultProfile?: string; payerMap?: Record<string, string> } = {},
): ProfileChoice {
  const named = (id: string, matchedBy: ProfileChoice['matchedBy']): ProfileChoice | undefined => {
    const p = id !== ROOT_PROFILE ? byId.get(id) : undefined;
    return p ? { id: p.id, name: p.name, matchedBy, payerText: payer } : undefined;
  };
  if (opts.profile) {
    const forced = named(opts.profile, 'option');
    if (forced) return forced;
  }
  if (payer && payer.trim()) {
    const text = payerWords(payer);
    const exact = named(payer.trim().toLowerCase(), 'payer-id');
    if (exact) return exact;
    let best: { id: string; length: number; by: ProfileChoice['matchedBy'] } | undefined;
    for (const [pattern, id] of Object.entries(opts.payerMap ?? {})) {
      const w = WORDS(pattern);
      if (w && text.includes(` ${w} `) && (!best || w.length > best.length)) best = { id, length: w.length, by: 'payer-map' };
    }
    if (!best) {
      for (const p of PROFILE_DATA) {
        for (const pattern of p.namePatterns) {
          const length = namePatternMatch(pattern, text);
          if (length && (!best || length > best.length)) best = { id: p.id, length, by: 'payer-name' };
        }
      }
    }
    const match = best && named(best.id, best.by);
    if (match) return match;
  }
  const fallback = named(opts.defaultProfile ?? DEFAULT_PROFILE, 'default') ?? named(DEFAULT_PROFILE, 'default')!;
  return { ...fallback, payerText: payer };
}
