// manifest/managed_schema.json is generated from ManagedSettingsSchema (./policy.ts)
// by this module (`node scripts/managed-schema.mjs` writes it, `--check` and
// test/policy/managed-schema.test.ts fail on drift), so the schema Chrome/Edge enforce and the
// checks the code runs cannot disagree.
//
// Chrome's schema dialect is a small subset of JSON Schema (components/policy/core/common/schema.cc,
// Schema::Parse): types object/array/string/boolean/integer/number; attributes properties,
// additionalProperties (a schema, never `false`), patternProperties, required, items, enum,
// minimum/maximum (integers), pattern (strings), title, description, id/$ref; no null, no
// unions; and the top level must be `type: object` without additionalProperties or
// patternProperties. Chrome checks each top-level key on its own (SchemaMap::FilterBundle, with
// Schema::Normalize and SCHEMA_ALLOW_UNKNOWN): a value anywhere inside a key that does not fit
// drops that whole key (an error at chrome://policy; the extension never sees it), and unknown
// properties inside objects are removed silently.
//
// So the schema is lenient on purpose, and says only the JSON types: no enums (one "warn" in
// ruleLevels would drop every rule level), no required fields (one adapter without a name would
// drop every adapter), "number" for whole numbers (2.5 would drop all rule options), no string
// patterns, lengths, ranges or ids. Everything past the type reaches the extension, which checks
// each key and each entry on its own (./validate.ts), keeps the valid ones and lists the rest
// with a reason in the popup and on the options page. What no schema can let through is a value
// of the wrong JSON type (Chrome has no "any" and no unions): that key never reaches the extension
// in Chrome and Edge; ./chrome-policy.ts tells an admin so before deployment (options page).
import * as z from '../engine/zod';
import { ManagedSettingsSchema } from './policy';

export type ChromeSchemaType = 'object' | 'array' | 'string' | 'boolean' | 'integer' | 'number';

export interface ChromeSchema {
  type: ChromeSchemaType;
  title?: string;
  description?: string;
  properties?: Record<string, ChromeSchema>;
  additionalProperties?: ChromeSchema;
  required?: string[];
  items?: ChromeSchema;
  enum?: Array<string | number>;
}

/** Attributes Chrome accepts per type (schema.cc kAttributesAndTypesFor*), minus id/$ref/sensitiveValue. */
export const CHROME_ATTRIBUTES: Record<ChromeSchemaType, readonly string[]> = {
  object: ['type', 'title', 'description', 'properties', 'additionalProperties', 'patternProperties', 'required'],
  array: ['type', 'title', 'description', 'items'],
  string: ['type', 'title', 'description', 'enum', 'pattern'],
  boolean: ['type', 'title', 'description'],
  integer: ['type', 'title', 'description', 'enum', 'minimum', 'maximum'],
  number: ['type', 'title', 'description'],
};

/** Shown to admins in schema-aware tools; every top-level key has one (a test checks). */
const DESCRIPTIONS: Record<string, { title: string; description: string }> = {
  defaultProfile: {
    title: 'Default payer profile',
    description: 'Payer profile id used when the claim shows no payer (e.g. "medicare", "commercial"). Setting it locks the profile choice.',
  },
  ruleLevels: {
    title: 'Rule levels',
    description: 'Rule id → "off" | "info" | "warning" | "error". Each rule set here is locked.',
  },
  ruleOptions: {
    title: 'Rule options',
    description: 'Rule id → option → value, merged over the payer profile\'s options (e.g. {"massage-units": {"maxUnits": 2}}).',
  },
  disabledRules: {
    title: 'Rules switched off (kill switch)',
    description: 'Rule ids that never run; users cannot turn them back on.',
  },
  payerMap: {
    title: 'Payer name mapping',
    description: 'Payer name as shown on claims → payer profile id, checked before the built-in payer patterns.',
  },
  selectorAdapters: {
    title: 'Custom selector adapters',
    description: 'EHR page adapters: a URL match pattern plus CSS selectors for the note parts and claim columns.',
  },
  highlightEnabled: {
    title: 'Allow highlighting in the EHR page',
    description: 'false stops "Show in note" from marking evidence in the EHR page.',
  },
  allowedOrigins: {
    title: 'Allowed EHR sites',
    description: 'Site patterns such as "https://ehr.example.org/*" or "https://*.example.org/*". The extension runs on its own only on these sites (it still needs host access: see docs/ADMIN.md).',
  },
  historyEnabled: {
    title: 'Keep visit history for the cross-visit rules',
    description: 'false: no fingerprints of notes are kept in the browser, the cross-visit rules (copied notes, templated notes, massage trends) do not run, and any stored history is removed.',
  },
  historyRetentionDays: {
    title: 'Days visit history is kept',
    description: 'How long the fingerprint of a checked note is kept for the cross-visit rules (default 180; 1 to 3650). Older ones are removed.',
  },
  lockedSettings: {
    title: 'Locked settings',
    description: 'Settings users may not change even where this policy sets no value: profile, ruleLevels, ruleLevels.<ruleId>, ruleOptions, disabledRules, payerMap, selectorAdapters, highlightEnabled, allowedOrigins; and dismissals (users may not dismiss findings).',
  },
  lockReason: {
    title: 'Why settings are locked',
    description: 'One line shown next to every locked setting in the popup and on the options page, e.g. "Billing compliance sets these for all clinics."',
  },
  lockReasons: {
    title: 'Why each setting is locked',
    description: 'Lock name (as in lockedSettings) → one line shown next to that lock instead of lockReason.',
  },
  lockContact: {
    title: 'Who to ask about locked settings',
    description: 'A name, phone number, e-mail address or https link shown with every lock, e.g. "Billing compliance, ext. 4410".',
  },
};

/** The literal values of an enum, a literal or a union of literals; null for anything else. */
function closedValues(schema: z.core.$ZodType): Array<string | number> | null {
  if (schema instanceof z.core.$ZodEnum) return Object.values(schema._zod.def.entries);
  if (schema instanceof z.core.$ZodLiteral) {
    const values = schema._zod.def.values;
    return values.every((v) => typeof v === 'string' || typeof v === 'number') ? (values as Array<string | number>) : null;
  }
  if (schema instanceof z.core.$ZodUnion) {
    const out: Array<string | number> = [];
    for (const option of schema._zod.def.options) {
      const values = closedValues(option);
      if (values === null) return null;
      out.push(...values);
    }
    return out;
  }
  return null;
}

/**
 * Convert one zod schema to the lenient Chrome schema: JSON types only (see the top of this file).
 * Throws for types Chrome cannot describe, so nothing slips in untyped.
 */
export function toChromeSchema(schema: z.core.$ZodType, path = '(root)'): ChromeSchema {
  if (schema instanceof z.core.$ZodOptional || schema instanceof z.core.$ZodNullable) {
    // Chrome has no null: "not set" is the only way to say "none" in a policy.
    return toChromeSchema(schema._zod.def.innerType, path);
  }
  if (schema instanceof z.core.$ZodObject) {
    // No `required`: a missing field is the extension's to report, for that one entry.
    const properties: Record<string, ChromeSchema> = {};
    for (const [key, field] of Object.entries(schema._zod.def.shape)) properties[key] = toChromeSchema(field, `${path}.${key}`);
    return { type: 'object', properties };
  }
  if (schema instanceof z.core.$ZodRecord) {
    return { type: 'object', additionalProperties: toChromeSchema(schema._zod.def.valueType, `${path}.*`) };
  }
  if (schema instanceof z.core.$ZodArray) {
    return { type: 'array', items: toChromeSchema(schema._zod.def.element, `${path}[]`) };
  }
  // A closed set of values keeps only its type: a value outside it is the extension's to report.
  const values = closedValues(schema);
  if (values !== null && values.length > 0) {
    if (values.every((v) => typeof v === 'string')) return { type: 'string' };
    if (values.every((v) => typeof v === 'number')) return { type: 'number' };
    throw new Error(`${path}: mixed enum values cannot be expressed in a Chrome schema`);
  }
  if (schema instanceof z.core.$ZodString) return { type: 'string' };
  if (schema instanceof z.core.$ZodBoolean) return { type: 'boolean' };
  // "number", also for whole numbers: Chrome accepts an integer where a number is declared, not 2.5
  // where an integer is, and the extension says "a whole number" itself.
  if (schema instanceof z.core.$ZodNumber) return { type: 'number' };
  throw new Error(`${path}: zod type "${schema._zod.def.type}" has no Chrome schema equivalent; give it a concrete type`);
}

/** The whole manifest/managed_schema.json. */
export function managedSchemaJson(): ChromeSchema {
  const root = toChromeSchema(ManagedSettingsSchema);
  const properties: Record<string, ChromeSchema> = {};
  for (const [key, schema] of Object.entries(root.properties ?? {})) {
    if (key === 'ruleOptions') {
      // Options of a rule that has none (or a mistyped rule id) reach the extension, which names
      // the rule; without this Chrome would remove them silently as unknown properties.
      schema.additionalProperties = { type: 'object' };
    }
    const text = DESCRIPTIONS[key];
    if (!text) throw new Error(`policy key "${key}" needs a title and description in src/settings/chrome-schema.ts`);
    properties[key] = { ...text, ...schema };
  }
  return {
    type: 'object',
    title: 'Therapy Claim Guard managed configuration',
    description: 'Set by an organisation (Chrome/Edge "3rdparty" extension policy, Firefox policies.json 3rdparty.Extensions). See docs/ADMIN.md.',
    properties,
  };
}

/** The file's exact text (2-space JSON and a final newline), so the drift check compares bytes. */
export function managedSchemaText(): string {
  return `${JSON.stringify(managedSchemaJson(), null, 2)}\n`;
}
