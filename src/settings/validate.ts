// Key-by-key validation of stored settings and policy: each key and each entry of a list or map is
// checked on its own, a bad one is dropped with a reason an administrator understands, the rest is
// kept, and nothing here ever throws. Chrome/Edge check policy against manifest/managed_schema.json
// first, which is kept lenient for this reason (./chrome-schema.ts); Firefox checks nothing. So
// everything arriving here is untrusted, in both storage areas.
import { validateSelectorConfig, type SelectorAdapterConfig } from '../adapters/selector';
import { LEVELS, type Level } from '../engine/types';
import * as z from '../engine/zod';
import { LIMITS } from './defaults';
import { LevelSchema, PayerNameSchema, ProfileIdSchema, RuleIdSchema, SiteOriginSchema, SitePatternSchema } from './ids';
import { isKnownLock, LOCK_TEXT_MAX } from './locks';
import type { KnownIds, Rejection, RuleScopes } from './model';
import { hasRuleOptions, optionNames, optionSchema, type RuleOptions } from './rule-options';

export type Source = Rejection['source'];

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Names that would reach Object.prototype if used as keys of a plain object. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A key as it may appear in a rejection: printable and short (it is shown in the popup). */
function clip(key: string): string {
  const printable = key.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return printable.length > 100 ? `${printable.slice(0, 99)}…` : printable;
}

/** How a wrong value is described to an admin; JSON inside a string is called out by name. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return /^\s*[[{]/.test(value) || /^\s*(true|false|null|-?\d+(\.\d+)?)\s*$/.test(value)
        ? 'text that looks like JSON (write the value itself, not JSON inside a string)'
        : 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true/false';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function expected(what: string, value: unknown): string {
  return `expected ${what}, got ${describeValue(value)}`;
}

/** Characters of the value once serialized; Infinity when it can't be serialized at all. */
function serializedLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export class Resolver {
  readonly rejected: Rejection[] = [];
  readonly locked = new Set<string>();
  private unlisted = 0;

  constructor(private readonly known: KnownIds) {}

  reject(source: Source, key: string, reason: string): void {
    if (this.rejected.length < LIMITS.rejections) this.rejected.push({ source, key: clip(key), reason });
    else this.unlisted += 1;
  }

  finish(): Rejection[] {
    if (this.unlisted > 0) {
      const source = this.rejected[this.rejected.length - 1]?.source ?? 'managed';
      this.rejected.push({ source, key: '…', reason: `${this.unlisted} more invalid values are not listed` });
      this.unlisted = 0;
    }
    return this.rejected;
  }

  /** Whole-value checks every key goes through first: not absurdly large. */
  sized(source: Source, key: string, value: unknown): boolean {
    if (serializedLength(value) <= LIMITS.valueChars) return true;
    this.reject(source, key, `too large (over ${LIMITS.valueChars / 1024} KB)`);
    return false;
  }

  /** The entries of a map-like value, rejecting reserved names; null (rejected) when not an object. */
  entries(source: Source, key: string, value: unknown, what: string): Array<[string, unknown]> | null {
    if (!isPlainObject(value)) {
      this.reject(source, key, expected(what, value));
      return null;
    }
    const names = Object.keys(value);
    if (names.length > LIMITS.entries) {
      this.reject(source, key, `too many entries (${names.length}, at most ${LIMITS.entries})`);
      return null;
    }
    const out: Array<[string, unknown]> = [];
    for (const name of names) {
      if (RESERVED_KEYS.has(name)) this.reject(source, `${key}.${name}`, 'reserved name, ignored');
      else out.push([name, value[name]]);
    }
    return out;
  }

  list(source: Source, key: string, value: unknown, what: string, max: number = LIMITS.entries): unknown[] | null {
    if (!Array.isArray(value)) {
      this.reject(source, key, expected(what, value));
      return null;
    }
    if (value.length > max) {
      this.reject(source, key, `too many entries (${value.length}, at most ${max})`);
      return null;
    }
    return value as unknown[];
  }

  ruleId(source: Source, key: string, value: unknown): string | null {
    if (typeof value !== 'string') {
      this.reject(source, key, expected('a rule id', value));
      return null;
    }
    if (!RuleIdSchema.safeParse(value).success) {
      this.reject(source, key, 'not a rule id (lower-case letters, digits and dashes)');
      return null;
    }
    if (this.known.rules && !this.known.rules.has(value)) {
      this.reject(source, key, `no rule "${clip(value)}"`);
      return null;
    }
    return value;
  }

  profileId(source: Source, key: string, value: unknown): string | null {
    if (typeof value !== 'string') {
      this.reject(source, key, expected('a payer profile id', value));
      return null;
    }
    if (!ProfileIdSchema.safeParse(value).success) {
      this.reject(source, key, 'not a payer profile id (lower-case letters, digits and dashes)');
      return null;
    }
    if (this.known.profiles && !this.known.profiles.has(value)) {
      this.reject(source, key, `no payer profile "${clip(value)}"`);
      return null;
    }
    return value;
  }

  defaultProfile(source: Source, value: unknown): { ok: true; value: string | null } | { ok: false } {
    // null = "the built-in default" (the options page writes it); Chrome policy can't express null.
    if (value === null) return { ok: true, value: null };
    const id = this.profileId(source, 'defaultProfile', value);
    return id === null ? { ok: false } : { ok: true, value: id };
  }

  /** Valid entries survive; each bad one is rejected on its own ("ruleLevels.<id>"). */
  ruleLevels(source: Source, value: unknown): Record<string, Level> | null {
    const entries = this.entries(source, 'ruleLevels', value, 'an object of rule id → level');
    if (entries === null) return null;
    const out: Record<string, Level> = {};
    for (const [rule, level] of entries) {
      const key = `ruleLevels.${rule}`;
      if (this.ruleId(source, key, rule) === null) continue;
      const parsed = LevelSchema.safeParse(level);
      if (!parsed.success) {
        const levels = LEVELS.join(', ');
        this.reject(source, key, typeof level === 'string' ? `"${clip(level)}" is not one of ${levels}` : expected(`one of ${levels}`, level));
        continue;
      }
      out[rule] = parsed.data;
    }
    return out;
  }

  /** Each option on its own ("ruleOptions.<rule>.<option>"). */
  ruleOptions(source: Source, value: unknown): RuleOptions | null {
    const rules = this.entries(source, 'ruleOptions', value, 'an object of rule id → options');
    if (rules === null) return null;
    const out: RuleOptions = {};
    for (const [rule, options] of rules) {
      const key = `ruleOptions.${rule}`;
      if (this.ruleId(source, key, rule) === null) continue;
      if (!hasRuleOptions(rule)) {
        this.reject(source, key, `rule "${rule}" has no options`);
        continue;
      }
      const fields = this.entries(source, key, options, `an object of options (${optionNames(rule).join(', ')})`);
      if (fields === null) continue;
      const accepted: Record<string, unknown> = {};
      for (const [name, option] of fields) {
        const schema = optionSchema(rule, name);
        if (schema === null) {
          this.reject(source, `${key}.${name}`, `no option "${clip(name)}" (known: ${optionNames(rule).join(', ')})`);
          continue;
        }
        const parsed = schema.safeParse(option);
        if (parsed.success) accepted[name] = parsed.data;
        else this.reject(source, `${key}.${name}`, describeIssue(parsed.error.issues[0], option));
      }
      if (Object.keys(accepted).length > 0) out[rule] = accepted;
    }
    return out;
  }

  disabledRules(source: Source, value: unknown): string[] | null {
    const list = this.list(source, 'disabledRules', value, 'a list of rule ids');
    if (list === null) return null;
    const out: string[] = [];
    list.forEach((rule, index) => {
      const id = this.ruleId(source, `disabledRules.${index}`, rule);
      if (id !== null && !out.includes(id)) out.push(id);
    });
    return out;
  }

  payerMap(source: Source, value: unknown): Record<string, string> | null {
    const entries = this.entries(source, 'payerMap', value, 'an object of payer name → profile id');
    if (entries === null) return null;
    const out: Record<string, string> = {};
    for (const [name, profile] of entries) {
      const key = `payerMap.${name}`;
      if (!PayerNameSchema.safeParse(name).success) {
        this.reject(source, key, `payer names are 1–${LIMITS.payerName} characters`);
        continue;
      }
      const id = this.profileId(source, key, profile);
      if (id !== null) out[name] = id;
    }
    return out;
  }

  /** Each adapter is checked with the adapters' own validator; valid ones are kept (copies). */
  selectorAdapters(source: Source, value: unknown): { ok: true; value: SelectorAdapterConfig[] | null } | { ok: false } {
    if (value === null) return { ok: true, value: null };
    // One bare object is taken as a list of one, like the options page's editor does.
    const items = isPlainObject(value) ? [value] : this.list(source, 'selectorAdapters', value, 'a list of selector adapters', LIMITS.adapters);
    if (items === null) return { ok: false };
    const out: SelectorAdapterConfig[] = [];
    items.forEach((item, index) => {
      const checked = validateSelectorConfig(item, this.known.checkSelector ?? null);
      if (checked.ok) out.push(structuredClone(checked.config));
      else this.reject(source, `selectorAdapters.${index}`, checked.errors.slice(0, 3).join('; ').slice(0, 400));
    });
    return { ok: true, value: out };
  }

  allowedOrigins(source: Source, value: unknown): string[] | null {
    const list = this.list(source, 'allowedOrigins', value, 'a list of site patterns such as https://ehr.example.org/*');
    if (list === null) return null;
    const out: string[] = [];
    list.forEach((pattern, index) => {
      if (typeof pattern === 'string' && SitePatternSchema.safeParse(pattern).success) {
        if (!out.includes(pattern)) out.push(pattern);
      } else {
        const what = typeof pattern === 'string' ? `"${clip(pattern)}" is not` : `${describeValue(pattern)} is not`;
        this.reject(source, `allowedOrigins.${index}`, `${what} a site pattern such as https://ehr.example.org/* or https://*.example.org/*`);
      }
    });
    return out;
  }

  highlightEnabled(source: Source, value: unknown): boolean | null {
    if (typeof value === 'boolean') return value;
    this.reject(source, 'highlightEnabled', expected('true or false', value));
    return null;
  }

  /** One short line of text (lockReason, lockContact); control characters are refused. */
  lockText(key: string, value: unknown): string | null {
    if (typeof value !== 'string') {
      this.reject('managed', key, expected('text', value));
      return null;
    }
    const text = value.trim();
    if (text === '' || text.length > LOCK_TEXT_MAX || /[\u0000-\u001f\u007f-\u009f]/.test(text)) {
      this.reject('managed', key, `expected one line of 1–${LOCK_TEXT_MAX} characters`);
      return null;
    }
    return text;
  }

  lockReasons(value: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, text] of this.entries('managed', 'lockReasons', value, 'an object of lock name → reason') ?? []) {
      const key = `lockReasons.${name}`;
      if (!isKnownLock(name)) {
        this.reject('managed', key, `"${clip(name)}" is not a setting that can be locked`);
        continue;
      }
      const checked = this.lockText(key, text);
      if (checked !== null) out[name] = checked;
    }
    return out;
  }

  /** Sync only: rule ids per profile id / site origin; unknown ids and bad origins are dropped with a reason. */
  ruleScopes(source: Source, value: unknown): RuleScopes {
    const out: RuleScopes = { profiles: {}, sites: {} };
    const entries = this.entries(source, 'ruleScopes', value, 'an object with profiles and sites');
    for (const [kind, map] of entries ?? []) {
      if (kind !== 'profiles' && kind !== 'sites') {
        this.reject(source, `ruleScopes.${kind}`, 'expected profiles or sites');
        continue;
      }
      for (const [scope, rules] of this.entries(source, `ruleScopes.${kind}`, map, 'an object of scope → rule ids') ?? []) {
        const key = `ruleScopes.${kind}.${scope}`;
        const valid = kind === 'profiles' ? this.profileId(source, key, scope) !== null : SiteOriginSchema.safeParse(scope).success;
        if (!valid) {
          if (kind === 'sites') this.reject(source, key, 'not a site origin such as https://ehr.example.org');
          continue;
        }
        const list = this.list(source, key, rules, 'a list of rule ids') ?? [];
        const ids: string[] = [];
        list.forEach((rule, index) => {
          const id = this.ruleId(source, `${key}.${index}`, rule);
          if (id !== null && !ids.includes(id)) ids.push(id);
        });
        if (ids.length > 0) out[kind][scope] = ids;
      }
    }
    return out;
  }

  lockedSettings(value: unknown): void {
    const list = this.list('managed', 'lockedSettings', value, 'a list of setting names');
    if (list === null) return;
    list.forEach((name, index) => {
      if (typeof name === 'string' && isKnownLock(name)) this.locked.add(name);
      else this.reject('managed', `lockedSettings.${index}`, `${typeof name === 'string' ? `"${clip(name)}"` : describeValue(name)} is not a setting that can be locked`);
    });
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** A zod issue in an admin's words; the path inside the value ("[1]: …") when it is not the value itself. */
function describeIssue(issue: z.core.$ZodIssue | undefined, value: unknown): string {
  if (!issue) return 'invalid value';
  let at: unknown = value;
  for (const step of issue.path) at = isPlainObject(at) || Array.isArray(at) ? (at as Record<PropertyKey, unknown>)[step] : undefined;
  const where = issue.path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${String(step)}`)).join('').replace(/^\./, '');
  const prefix = where === '' ? '' : `${clip(where)}: `;
  switch (issue.code) {
    case 'invalid_type':
      return `${prefix}${expected(TYPE_NAMES[issue.expected] ?? issue.expected, at)}`;
    case 'too_big':
      return `${prefix}too large (at most ${String(issue.maximum)})`;
    case 'too_small':
      return `${prefix}too small (at least ${String(issue.minimum)})`;
    case 'invalid_format':
      return `${prefix}${typeof at === 'string' ? `"${clip(at)}"` : 'the value'} has the wrong format`;
    case 'invalid_union':
    case 'invalid_value':
      return `${prefix}${typeof at === 'string' ? `"${clip(at)}"` : describeValue(at)} is not one of the allowed values`;
    default:
      return `${prefix}invalid value`;
  }
}
