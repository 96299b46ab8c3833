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
// patternProperties. Chrome checks each top-level key on its own: a value that does not fit drops
// that whole key (shown as an error at chrome://policy), unknown properties are dropped.
//
// What goes into the schema: types, required fields and closed enums. What stays out on purpose:
// string patterns, length and number ranges, rule/profile ids — one typo there would make Chrome
// drop a whole key (all payer mappings, the whole kill switch); the extension checks them entry
// by entry instead and lists what it ignored in the popup and options page, in every browser.
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

function isIntegerNumber(schema: z.core.$ZodNumber): boolean {
  const format = (schema._zod.def as { format?: string }).format;
  return format === 'safeint' || format === 'int32' || format === 'uint32';
}

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

/** Convert one zod schema; throws for types Chrome cannot describe (so nothing slips in untyped). */
export function toChromeSchema(schema: z.core.$ZodType, path = '(root)'): ChromeSchema {
  if (schema instanceof z.core.$ZodOptional || schema instanceof z.core.$ZodNullable) {
    // Chrome has no null: "not set" is the only way to say "none" in a policy.
    return toChromeSchema(schema._zod.def.innerType, path);
  }
  if (schema instanceof z.core.$ZodObject) {
    const properties: Record<string, ChromeSchema> = {};
    const required: string[] = [];
    for (const [key, field] of Object.entries(schema._zod.def.shape)) {
      properties[key] = toChromeSchema(field, `${path}.${key}`);
      if (!(field instanceof z.core.$ZodOptional)) required.push(key);
    }
    return required.length > 0 ? { type: 'object', properties, required } : { type: 'object', properties };
  }
  if (schema instanceof z.core.$ZodRecord) {
    return { type: 'object', additionalProperties: toChromeSchema(schema._zod.def.valueType, `${path}.*`) };
  }
  if (schema instanceof z.core.$ZodArray) {
    return { type: 'array', items: toChromeSchema(schema._zod.def.element, `${path}[]`) };
  }
  const values = closedValues(schema);
  if (values !== null && values.length > 0) {
    if (values.every((v) => typeof v === 'string')) return { type: 'string', enum: values };
    if (values.every((v) => typeof v === 'number' && Number.isInteger(v))) return { type: 'integer', enum: values };
    throw new Error(`${path}: mixed enum values cannot be expressed in a Chrome schema`);
  }
  if (schema instanceof z.core.$ZodString) return { type: 'string' };
  if (schema instanceof z.core.$ZodBoolean) return { type: 'boolean' };
  if (schema instanceof z.core.$ZodNumber) return { type: isIntegerNumber(schema) ? 'integer' : 'number' };
  throw new Error(`${path}: zod type "${schema._zod.def.type}" has no Chrome schema equivalent; give it a concrete type`);
}

/** The whole manifest/managed_schema.json. */
export function managedSchemaJson(): ChromeSchema {
  const root = toChromeSchema(ManagedSettingsSchema);
  const properties: Record<string, ChromeSchema> = {};
  for (const [key, schema] of Object.entries(root.properties ?? {})) {
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
