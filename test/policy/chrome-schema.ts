// Chrome's schema dialect for tests: checking a schema against what Chrome accepts (Schema::Parse;
// source read: chromium components/policy/core/common/schema.cc). Filtering a policy the way
// SchemaMap::FilterBundle does is the product's own model (src/settings/chrome-policy.ts, which the
// options page's policy check uses); the browser e2e test checks that model against real Chromium.
import { chromeDelivery } from '../../src/settings/chrome-policy';
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

/** What the extension's storage.managed.get() returns in Chrome for this policy (the model in src/settings/chrome-policy.ts). */
export function chromeDelivers(schema: ChromeSchema, policy: Record<string, unknown>): Record<string, unknown> {
  return chromeDelivery(schema, policy).delivered;
}
