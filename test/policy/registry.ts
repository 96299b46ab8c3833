// Reading the Windows registry examples in docs/admin the way Chrome/Edge read the registry:
// a .reg file (or a "hive | key | name | type | data" listing) becomes a tree of keys and values,
// and an extension's policy subtree becomes JSON through its schema, as
// components/policy/core/common/registry_dict.cc ConvertToJSON/ConvertRegistryValue do:
// REG_DWORD → boolean/integer by schema, numbered values or subkeys → lists, subkeys → objects,
// and a REG_SZ holding JSON → a list/object where the schema expects one.
import type { ChromeSchema } from '../../src/settings/chrome-schema';

export type RegistryValue = { type: 'REG_SZ'; data: string } | { type: 'REG_DWORD'; data: number };

export interface RegistryKey {
  values: Map<string, RegistryValue>;
  keys: Map<string, RegistryKey>;
}

function emptyKey(): RegistryKey {
  return { values: new Map(), keys: new Map() };
}

/** Walk to a key by path ("HKEY_LOCAL_MACHINE\\SOFTWARE\\…"), creating it. Names compare case-insensitively like Windows. */
export function keyAt(root: RegistryKey, path: string, create = false): RegistryKey | null {
  let key = root;
  for (const part of path.split('\\').filter(Boolean)) {
    const name = [...key.keys.keys()].find((k) => k.toLowerCase() === part.toLowerCase());
    let next = name === undefined ? undefined : key.keys.get(name);
    if (!next) {
      if (!create) return null;
      next = emptyKey();
      key.keys.set(part, next);
    }
    key = next;
  }
  return key;
}

function unescapeRegString(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** Parse a .reg file ("Windows Registry Editor Version 5.00"); only REG_SZ and dword values, as the docs use. */
export function parseRegFile(text: string): RegistryKey {
  const root = emptyKey();
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[0]?.trim() !== 'Windows Registry Editor Version 5.00') throw new Error('not a version 5.00 .reg file');
  let current: RegistryKey | null = null;
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (index === 0 || line === '' || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = keyAt(root, section[1] ?? '', true);
      continue;
    }
    const value = /^"((?:[^"\\]|\\.)*)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-fA-F]{8}))$/.exec(line);
    if (!value || !current) throw new Error(`line ${index + 1}: cannot read ${JSON.stringify(line)}`);
    const name = unescapeRegString(value[1] ?? '');
    if (value[3] !== undefined) current.values.set(name, { type: 'REG_DWORD', data: parseInt(value[3], 16) });
    else current.values.set(name, { type: 'REG_SZ', data: unescapeRegString(value[2] ?? '') });
  }
  return root;
}

const HIVES: Record<string, string> = { HKLM: 'HKEY_LOCAL_MACHINE', HKCU: 'HKEY_CURRENT_USER' };

/** Parse the "hive | key | value name | type | data" listing. */
export function parseRegistryListing(text: string): RegistryKey {
  const root = emptyKey();
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const parts = line.split(' | ');
    if (parts.length !== 5) throw new Error(`line ${index + 1}: expected 5 fields`);
    const [hive = '', path = '', name = '', type, data = ''] = parts;
    const key = keyAt(root, `${HIVES[hive] ?? hive}\\${path}`, true);
    if (!key) throw new Error(`line ${index + 1}: bad key`);
    if (type === 'REG_DWORD') key.values.set(name, { type, data: Number(data) });
    else if (type === 'REG_SZ') key.values.set(name, { type, data });
    else throw new Error(`line ${index + 1}: unsupported type ${type}`);
  }
  return root;
}

function convertValue(value: RegistryValue, schema: ChromeSchema | undefined): unknown {
  if (!schema) return value.data;
  switch (schema.type) {
    case 'boolean':
      if (value.type === 'REG_DWORD') return value.data !== 0;
      return /^-?\d+$/.test(value.data) ? Number(value.data) !== 0 : undefined;
    case 'integer':
      if (value.type === 'REG_DWORD') return value.data;
      return /^-?\d+$/.test(value.data) ? Number(value.data) : undefined;
    case 'number':
      return value.type === 'REG_DWORD' ? value.data : Number(value.data);
    case 'string':
      return value.type === 'REG_SZ' ? value.data : undefined;
    case 'array':
    case 'object': {
      // Lists and objects may be written as JSON text in a REG_SZ.
      if (value.type !== 'REG_SZ') return undefined;
      try {
        const parsed: unknown = JSON.parse(value.data);
        const isList = Array.isArray(parsed);
        return (schema.type === 'array') === isList && typeof parsed === 'object' && parsed !== null ? parsed : undefined;
      } catch {
        return undefined;
      }
    }
  }
}

function propertySchema(schema: ChromeSchema | undefined, name: string): ChromeSchema | undefined {
  return schema?.properties?.[name] ?? schema?.additionalProperties;
}

const numeric = (name: string) => /^\d+$/.test(name);
const caseInsensitive = (a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase());

/** A registry key as JSON under `schema` (an object schema at the top). */
export function registryToJson(key: RegistryKey, schema: ChromeSchema | undefined): unknown {
  if (schema?.type === 'array') {
    const out: unknown[] = [];
    for (const name of [...key.keys.keys()].filter(numeric).sort(caseInsensitive)) {
      const sub = key.keys.get(name);
      if (sub) out.push(registryToJson(sub, schema.items));
    }
    for (const name of [...key.values.keys()].filter(numeric).sort(caseInsensitive)) {
      const value = key.values.get(name);
      const converted = value ? convertValue(value, schema.items) : undefined;
      if (converted !== undefined) out.push(converted);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of key.values) {
    const converted = convertValue(value, propertySchema(schema, name));
    if (converted !== undefined) out[name] = converted;
  }
  for (const [name, sub] of key.keys) out[name] = registryToJson(sub, propertySchema(schema, name));
  return out;
}
