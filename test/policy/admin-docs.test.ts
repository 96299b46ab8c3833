// The ready-to-paste examples in docs/admin (and the JSON in docs/ADMIN.md) must be what they
// claim: each format, read the way the browser reads it, yields the same managed configuration,
// which the extension accepts without a single rejection and Chrome delivers unchanged; and the
// force-install entries are complete and confine the extension to the EHR sites.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChromeSchema } from '../../src/settings/chrome-schema';
import { DEFAULT_SETTINGS, ManagedSettingsSchema, resolveSettings } from '../../src/settings';
import { listProfiles, listRules } from '../../src/engine';
import { chromeDelivers } from './chrome-schema';
import { keyAt, parseRegFile, parseRegistryListing, registryToJson } from './registry';

const DOCS = new URL('../../docs/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, DOCS), 'utf8');
const readJson = (path: string): unknown => JSON.parse(read(path));
const SCHEMA = JSON.parse(readFileSync(new URL('../../manifest/managed_schema.json', import.meta.url), 'utf8')) as ChromeSchema;
const GECKO_ID = (JSON.parse(readFileSync(new URL('../../manifest/firefox.json', import.meta.url), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } })
  .browser_specific_settings.gecko.id;

/** The documented placeholder: a valid Chrome ID (32 letters a-p) the admin replaces with theirs. */
const EXAMPLE_ID = 'abcdefghijklmnopabcdefghijklmnop';
const CONFIG = readJson('admin/managed-config.example.json') as Record<string, unknown>;
const known = {
  rules: new Set(listRules().map((rule) => rule.id)),
  profiles: new Set(listProfiles().map((profile) => profile.id)),
};

type Json = Record<string, unknown>;

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const step of path) current = current !== null && typeof current === 'object' ? (current as Json)[step] : undefined;
  return current;
}

/** Shared checks of a Chrome/Edge/Firefox ExtensionSettings entry for the extension. */
function expectForceInstallEntry(entry: unknown, browser: 'chrome' | 'edge' | 'firefox'): void {
  const settings = entry as Json;
  expect(settings.installation_mode).toBe('force_installed');
  if (browser === 'firefox') {
    expect(String(settings.install_url)).toMatch(/^https:\/\/.+\.xpi$/);
  } else {
    expect(String(settings.update_url)).toMatch(/^https:\/\/.+\/updates\.xml$/);
    // Self-hosted updates keep coming from the policy's URL (the manifest has no update_url).
    expect(settings.override_update_url).toBe(true);
  }
  const blocked = settings.runtime_blocked_hosts as string[];
  const allowed = settings.runtime_allowed_hosts as string[];
  expect(blocked).toEqual(['*://*']);
  // Host patterns without a path (Chrome's format; Firefox validates the same way), never everything.
  for (const host of allowed) {
    expect(host).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+$/);
  }
  // Every allowed EHR site of the managed configuration is reachable through the runtime exceptions.
  const origins = (CONFIG.allowedOrigins as string[]).map((pattern) => pattern.replace(/\/\*$/, ''));
  expect([...allowed].sort()).toEqual([...origins].sort());
}

describe('docs/admin/managed-config.example.json (the configuration every example carries)', () => {
  it('is accepted by the extension without a single rejection', () => {
    expect(ManagedSettingsSchema.safeParse(CONFIG).success).toBe(true);
    const resolved = resolveSettings(DEFAULT_SETTINGS, {}, CONFIG, known);
    expect(resolved.rejected).toEqual([]);
    expect(resolved.locked).toEqual(['allowedOrigins', 'highlightEnabled', 'payerMap', 'profile', 'ruleLevels', 'ruleOptions', 'selectorAdapters']);
    expect(resolved.settings.disabledRules).toEqual(['functional-goal']);
    // Locks explain themselves: a reason, one for the rule table, and whom to ask.
    expect(resolved.lockInfo).toEqual({
      reason: CONFIG.lockReason,
      contact: CONFIG.lockContact,
      reasons: CONFIG.lockReasons,
    });
  });

  it('passes the managed schema unchanged (Chrome/Edge deliver all of it)', () => {
    expect(chromeDelivers(SCHEMA, CONFIG)).toEqual(CONFIG);
  });

  it('uses every policy key at least once, so each is documented by example', () => {
    expect(Object.keys(CONFIG).sort()).toEqual(Object.keys(SCHEMA.properties ?? {}).sort());
  });
});

describe('Chrome/Edge on Linux: docs/admin/chrome-linux-policy.json', () => {
  const policy = readJson('admin/chrome-linux-policy.json');

  it('carries the configuration under 3rdparty.extensions.<id>', () => {
    expect(Object.keys(at(policy, '3rdparty', 'extensions') as Json)).toEqual([EXAMPLE_ID]);
    expect(at(policy, '3rdparty', 'extensions', EXAMPLE_ID)).toEqual(CONFIG);
  });

  it('force-installs, pins and confines the extension', () => {
    expect(Object.keys(at(policy, 'ExtensionSettings') as Json)).toEqual([EXAMPLE_ID]);
    const entry = at(policy, 'ExtensionSettings', EXAMPLE_ID);
    expectForceInstallEntry(entry, 'chrome');
    expect((entry as Json).toolbar_pin).toBe('force_pinned');
  });
});

describe.each([
  ['chrome', 'admin/chrome-windows.reg', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome'],
  ['edge', 'admin/edge-windows.reg', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge'],
] as const)('%s on Windows: docs/%s', (browser, file, root) => {
  const registry = parseRegFile(read(file));

  it('holds the configuration under 3rdparty\\extensions\\<id>\\policy, typed the way the schema converts it', () => {
    const extensions = keyAt(registry, `${root}\\3rdparty\\extensions`);
    expect([...(extensions?.keys.keys() ?? [])]).toEqual([EXAMPLE_ID]);
    const policyKey = keyAt(registry, `${root}\\3rdparty\\extensions\\${EXAMPLE_ID}\\policy`);
    if (!policyKey) throw new Error('no policy key');
    expect(registryToJson(policyKey, SCHEMA)).toEqual(CONFIG);
    // Booleans and integers are REG_DWORD, not text.
    expect(policyKey.values.get('highlightEnabled')).toEqual({ type: 'REG_DWORD', data: 1 });
  });

  it('sets ExtensionSettings as the one-line JSON string the policy takes', () => {
    const value = keyAt(registry, root)?.values.get('ExtensionSettings');
    if (value?.type !== 'REG_SZ') throw new Error('ExtensionSettings must be a REG_SZ');
    const settings = JSON.parse(value.data) as Json;
    expect(Object.keys(settings)).toEqual([EXAMPLE_ID]);
    expectForceInstallEntry(settings[EXAMPLE_ID], browser);
  });
});

describe('Windows registry listing (Group Policy Preferences / MDM): docs/admin/windows-registry-listing.txt', () => {
  it('is the Chrome .reg file value for value', () => {
    const listing = parseRegistryListing(read('admin/windows-registry-listing.txt'));
    const root = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome';
    const policyKey = keyAt(listing, `${root}\\3rdparty\\extensions\\${EXAMPLE_ID}\\policy`);
    if (!policyKey) throw new Error('no policy key');
    expect(registryToJson(policyKey, SCHEMA)).toEqual(CONFIG);
    const reg = parseRegFile(read('admin/chrome-windows.reg'));
    expect(keyAt(listing, root)?.values.get('ExtensionSettings')).toEqual(keyAt(reg, root)?.values.get('ExtensionSettings'));
  });
});

type PlistToken = { open: string } | { close: string } | { empty: string } | { text: string };

/** Tokens of an XML property list (comments, the prolog and the doctype dropped). */
function plistTokens(xml: string): PlistToken[] {
  const body = xml.replace(/<\?[^>]*\?>/g, '').replace(/<!DOCTYPE[^>]*>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  const tokens: PlistToken[] = [];
  for (const [, close, name, empty, text] of body.matchAll(/<(\/)?([a-z]+)[^>]*?(\/)?>|([^<]+)/g)) {
    if (text !== undefined) {
      if (text.trim() !== '') tokens.push({ text: text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') });
    } else if (close) tokens.push({ close: name ?? '' });
    else if (empty) tokens.push({ empty: name ?? '' });
    else tokens.push({ open: name ?? '' });
  }
  return tokens;
}

/** Read a plist value (dict, array, string, key, integer, true, false) starting at tokens[i]. */
function plistValue(tokens: PlistToken[], i: number): [unknown, number] {
  const token = tokens[i];
  if (token && 'empty' in token) {
    if (token.empty === 'true' || token.empty === 'false') return [token.empty === 'true', i + 1];
    if (token.empty === 'string') return ['', i + 1];
  }
  if (!token || !('open' in token)) throw new Error(`unexpected plist token ${JSON.stringify(token)}`);
  const close = (at: number, name: string) => {
    const end = tokens[at];
    if (!end || !('close' in end) || end.close !== name) throw new Error(`expected </${name}>`);
    return at + 1;
  };
  switch (token.open) {
    case 'plist':
      return plistValue(tokens, i + 1);
    case 'dict': {
      const out: Json = {};
      let at = i + 1;
      while (!('close' in (tokens[at] ?? { close: '' }))) {
        const [key, afterKey] = plistValue(tokens, at);
        const [value, afterValue] = plistValue(tokens, afterKey);
        out[String(key)] = value;
        at = afterValue;
      }
      return [out, close(at, 'dict')];
    }
    case 'array': {
      const out: unknown[] = [];
      let at = i + 1;
      while (!('close' in (tokens[at] ?? { close: '' }))) {
        const [value, next] = plistValue(tokens, at);
        out.push(value);
        at = next;
      }
      return [out, close(at, 'array')];
    }
    case 'key':
    case 'string':
    case 'integer': {
      const text = tokens[i + 1];
      const content = text && 'text' in text ? text.text : '';
      const at = text && 'text' in text ? i + 2 : i + 1;
      return [token.open === 'integer' ? Number(content) : content, close(at, token.open)];
    }
    default:
      throw new Error(`unexpected plist element <${token.open}>`);
  }
}

describe('Chrome on macOS: docs/admin/chrome-macos.mobileconfig', () => {
  const [profile] = plistValue(plistTokens(read('admin/chrome-macos.mobileconfig')), 0) as [Json, number];
  const payloads = profile.PayloadContent as Json[];
  const withoutPayloadKeys = (payload: Json | undefined) => Object.fromEntries(Object.entries(payload ?? {}).filter(([key]) => !key.startsWith('Payload')));

  it('is a configuration profile with unique payload UUIDs', () => {
    expect(profile.PayloadType).toBe('Configuration');
    const uuids = [profile.PayloadUUID, ...payloads.map((p) => p.PayloadUUID)];
    expect(new Set(uuids).size).toBe(uuids.length);
    for (const uuid of uuids) expect(String(uuid)).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });

  it('configures the extension in the com.google.Chrome.extensions.<id> domain', () => {
    const config = payloads.find((p) => p.PayloadType === `com.google.Chrome.extensions.${EXAMPLE_ID}`);
    expect(withoutPayloadKeys(config)).toEqual(CONFIG);
  });

  it('force-installs it through com.google.Chrome ExtensionSettings', () => {
    const chrome = payloads.find((p) => p.PayloadType === 'com.google.Chrome');
    expect(Object.keys(withoutPayloadKeys(chrome))).toEqual(['ExtensionSettings']);
    expectForceInstallEntry(at(chrome, 'ExtensionSettings', EXAMPLE_ID), 'chrome');
  });
});

describe('Firefox: docs/admin/firefox-policies.json', () => {
  const policy = readJson('admin/firefox-policies.json');

  it('carries the configuration under policies.3rdparty.Extensions.<gecko id>', () => {
    expect(Object.keys(at(policy, 'policies', '3rdparty', 'Extensions') as Json)).toEqual([GECKO_ID]);
    expect(at(policy, 'policies', '3rdparty', 'Extensions', GECKO_ID)).toEqual(CONFIG);
  });

  it('force-installs and confines the add-on with keys Firefox ESR 153 knows', () => {
    const entries = at(policy, 'policies', 'ExtensionSettings') as Json;
    expect(Object.keys(entries)).toEqual([GECKO_ID]);
    expectForceInstallEntry(entries[GECKO_ID], 'firefox');
    // Per-extension keys of ExtensionSettings in Firefox ESR 153.7's policies-schema.json.
    const firefoxKeys = ['installation_mode', 'install_url', 'blocked_install_message', 'updates_disabled', 'update_url', 'default_area', 'runtime_allowed_hosts', 'runtime_blocked_hosts', 'temporarily_allow_weak_signatures', 'private_browsing', 'blocked_permissions', 'allowed_permissions'];
    for (const key of Object.keys(entries[GECKO_ID] as Json)) expect(firefoxKeys).toContain(key);
  });
});

describe('docs/ADMIN.md', () => {
  const text = read('ADMIN.md');

  it('links every example file, and every docs/admin link exists', () => {
    for (const file of ['managed-config.example.json', 'chrome-linux-policy.json', 'chrome-windows.reg', 'edge-windows.reg', 'windows-registry-listing.txt', 'chrome-macos.mobileconfig', 'firefox-policies.json']) {
      expect(text, file).toContain(`admin/${file}`);
    }
    for (const [, link] of text.matchAll(/\]\((admin\/[^)#\s]+)\)/g)) expect(existsSync(new URL(link ?? '', DOCS)), link).toBe(true);
  });

  it('has only JSON blocks that parse, and each managed configuration in them is accepted as a whole', () => {
    const blocks = [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    expect(blocks.length).toBeGreaterThan(2);
    for (const block of blocks) {
      const value = JSON.parse(block) as Json;
      const configs: unknown[] = [];
      const extensions = (at(value, '3rdparty', 'extensions') ?? at(value, 'policies', '3rdparty', 'Extensions')) as Json | undefined;
      if (extensions) configs.push(...Object.values(extensions));
      else if (Object.keys(value).some((key) => key in (SCHEMA.properties ?? {}))) configs.push(value);
      for (const config of configs) expect(resolveSettings(DEFAULT_SETTINGS, {}, config as Json, known).rejected).toEqual([]);
    }
  });

  it('documents every policy key', () => {
    for (const key of Object.keys(SCHEMA.properties ?? {})) expect(text, key).toContain(`\`${key}\``);
  });
});
