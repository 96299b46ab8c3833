// What Chrome and Edge do with an extension's policy before the extension sees it, as a model: each
// top-level key is normalized against manifest/managed_schema.json on its own (SchemaMap::
// FilterBundle → Schema::Normalize with SCHEMA_ALLOW_UNKNOWN, components/policy/core/common/
// schema.cc and schema_map.cc): a key not in the schema is dropped; a value of the wrong JSON type
// anywhere inside a key drops the whole key (an integer passes where a number is declared);
// unknown properties inside objects are removed silently. The browser e2e test checks this model
// against real Chromium (test/e2e/policy-chromium.test.ts).
//
// The extension cannot see what Chrome dropped, so this model is how an admin learns it: the options
// page's policy check (src/options/PolicyCheckSection.tsx) runs a policy file through it and then
// through the extension's own validation (./policy-check.ts).
import type { ChromeSchema } from './chrome-schema';
import { describeValue } from './validate';

/** One thing Chrome did to a policy: a whole key dropped, or a property removed from inside one. */
export interface ChromeAction {
  /** The top-level policy key. */
  key: string;
  /** Where inside it ("ruleLevels.some-rule", "selectorAdapters[0].payerSelectr"); equal to key at the top. */
  path: string;
  kind: 'dropped-key' | 'removed-property';
  reason: string;
}

export interface ChromeDelivery {
  /** What storage.managed.get() returns to the extension. */
  delivered: Record<string, unknown>;
  actions: ChromeAction[];
}

const TYPE_WORDS: Record<ChromeSchema['type'], string> = {
  object: 'an object',
  array: 'a list',
  string: 'text',
  boolean: 'true/false',
  integer: 'a whole number',
  number: 'a number',
};

type Normalized = { ok: true; value: unknown } | { ok: false; path: string; reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeFits(schema: ChromeSchema, value: unknown): boolean {
  switch (schema.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
  }
}

/** Schema::Normalize with SCHEMA_ALLOW_UNKNOWN on one JSON value; `removed` collects silently removed properties. */
function normalize(schema: ChromeSchema, value: unknown, path: string, removed: string[]): Normalized {
  if (!typeFits(schema, value)) return { ok: false, path, reason: `expected ${TYPE_WORDS[schema.type]}, got ${describeValue(value)}` };
  if (schema.enum && !schema.enum.includes(value as string | number)) {
    return { ok: false, path, reason: `${JSON.stringify(value)} is not one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}` };
  }
  if (Array.isArray(value)) {
    const items = schema.items;
    if (!items) return { ok: false, path, reason: 'the schema declares no items' };
    const out: unknown[] = [];
    for (let index = 0; index < value.length; index += 1) {
      const result = normalize(items, value[index], `${path}[${index}]`, removed);
      if (!result.ok) return result;
      out.push(result.value);
    }
    return { ok: true, value: out };
  }
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) {
      const sub = schema.properties?.[name] ?? schema.additionalProperties;
      if (!sub) {
        removed.push(`${path}.${name}`);
        continue;
      }
      const result = normalize(sub, item, `${path}.${name}`, removed);
      if (!result.ok) return result;
      out[name] = result.value;
    }
    for (const name of schema.required ?? []) if (!(name in out)) return { ok: false, path, reason: `missing required property "${name}"` };
    return { ok: true, value: out };
  }
  return { ok: true, value };
}

/** What the extension's storage.managed.get() returns in Chrome/Edge for this policy, and why anything is missing. */
export function chromeDelivery(schema: ChromeSchema, policy: Record<string, unknown>): ChromeDelivery {
  const delivered: Record<string, unknown> = {};
  const actions: ChromeAction[] = [];
  for (const [key, value] of Object.entries(policy)) {
    const sub = schema.properties?.[key];
    if (!sub) {
      actions.push({ key, path: key, kind: 'dropped-key', reason: 'not a key of this extension' });
      continue;
    }
    const removed: string[] = [];
    const result = normalize(sub, value, key, removed);
    if (!result.ok) {
      const where = result.path === key ? '' : ` (at ${result.path})`;
      actions.push({ key, path: key, kind: 'dropped-key', reason: `${result.reason}${where}` });
      continue;
    }
    delivered[key] = result.value;
    for (const path of removed) actions.push({ key, path, kind: 'removed-property', reason: 'not a known property: removed' });
  }
  return { delivered, actions };
}
