// A model of what Chrome/Edge do with an extension's managed policy, for tests: checking a schema
// against the dialect Chrome accepts (Schema::Parse) and filtering a policy the way
// SchemaMap::FilterBundle does (each top-level key normalized with SCHEMA_ALLOW_UNKNOWN: unknown
// properties dropped, anything else that does not fit drops the whole top-level key).
// Source read: chromium components/policy/core/common/schema.cc and schema_map.cc. The browser
// e2e test (test/e2e/policy-chromium.test.ts) checks this model against real Chromium.
import { CHROME_ATTRIBUTES, type ChromeSchema, type ChromeSchemaType } from '../../src/settings/chrome-schema';

const TYPES: readonly string[] = ['object', 'array', 'string', 'boolean', 'integer', 'number'];

/** Problems that would make Chrome refuse the schema (the extension then gets no policy at all). */
export function chromeSchemaProblems(schema: unknown, path = '(root)', top = true): string[] {
  const problems: string[] = [];
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return [`${path}: a schema must be an object`];
  const node = schema as Record<string, unknown>;
  const type = node.type;
  if (typeof type !== 'string' || !TYPES.includes(type)) return [`${path}: unknown or missing type ${JSON.stringify(type)}`];
  if (top) {
    if (type !== 'object') problems.push(`${path}: the top level must be type object`);
    if ('additionalProperties' in node || 'patternProperties' in node) problems.push(`${path}: no additionalProperties/patternProperties at the top level`);
  }
  const allowed = CHROME_ATTRIBUTES[type as ChromeSchemaType];
  for (const key of Object.keys(node)) if (!allowed.includes(key)) problems.push(`${path}: attribute "${key}" is not supported for type ${type}`);
  if (node.enum !== undefined) {
    const expectedType = type === 'integer' ? 'number' : type;
    if (!Array.isArray(node.enum) || node.enum.length === 0 || !node.enum.every((v) => typeof v === expectedType)) {
      problems.push(`${path}: enum must be a non-empty list of ${type} values`);
    }
  }
  if (type === 'array') {
    if (typeof node.items !== 'object' || node.items === null) problems.push(`${path}: arrays need an items schema`);
    else problems.push(...chromeSchemaProblems(node.items, `${path}[]`, false));
  }
  if (type === 'object') {
    const properties = (node.properties ?? {}) as Record<string, unknown>;
    for (const [key, sub] of Object.entries(properties)) problems.push(...chromeSchemaProblems(sub, `${path}.${key}`, false));
    for (const [key, sub] of Object.entries((node.patternProperties ?? {}) as Record<string, unknown>)) {
      problems.push(...chromeSchemaProblems(sub, `${path}/${key}/`, false));
    }
    if (node.additionalProperties !== undefined) {
      if (typeof node.additionalProperties !== 'object') problems.push(`${path}: additionalProperties must be a schema (false is not supported)`);
      else problems.push(...chromeSchemaProblems(node.additionalProperties, `${path}.*`, false));
    }
    if (node.required !== undefined) {
      if (!Array.isArray(node.required) || !node.required.every((k) => typeof k === 'string' && k in properties)) {
        problems.push(`${path}: required must list declared properties`);
      }
    }
  }
  return problems;
}

type Normalized = { ok: true; value: unknown } | { ok: false };

/** Chrome's Schema::Normalize with SCHEMA_ALLOW_UNKNOWN, on a JSON value. */
export function normalize(schema: ChromeSchema, value: unknown): Normalized {
  switch (schema.type) {
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false };
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return { ok: false };
      return schema.enum && !schema.enum.includes(value) ? { ok: false } : { ok: true, value };
    case 'number':
      return typeof value === 'number' ? { ok: true, value } : { ok: false };
    case 'string':
      if (typeof value !== 'string') return { ok: false };
      return schema.enum && !schema.enum.includes(value) ? { ok: false } : { ok: true, value };
    case 'array': {
      if (!Array.isArray(value) || !schema.items) return { ok: false };
      const out: unknown[] = [];
      for (const item of value) {
        const result = normalize(schema.items, item);
        if (!result.ok) return { ok: false };
        out.push(result.value);
      }
      return { ok: true, value: out };
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false };
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const sub = schema.properties?.[key] ?? schema.additionalProperties;
        if (!sub) continue; // unknown property: dropped
        const result = normalize(sub, item);
        if (!result.ok) return { ok: false };
        out[key] = result.value;
      }
      for (const key of schema.required ?? []) if (!(key in out)) return { ok: false };
      return { ok: true, value: out };
    }
  }
}

/** What the extension's storage.managed.get() returns in Chrome for this policy. */
export function chromeDelivers(schema: ChromeSchema, policy: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(policy)) {
    const sub = schema.properties?.[key];
    if (!sub) continue; // not in the schema: never delivered
    const result = normalize(sub, value);
    if (result.ok) out[key] = result.value;
  }
  return out;
}
