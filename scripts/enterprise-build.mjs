// The enterprise build: the release extension plus the organisation's EHR sites as required
// host permissions, for force-installing by policy (docs/ADMIN.md). Force-installed, Chrome,
// Edge and Firefox grant a manifest's host_permissions at install without asking the user, and
// do not let the user withhold them; optional permissions (the store build's https://*/*) can
// only ever be granted by a user's click. The store build stays as it is: least privilege for
// ordinary installs.
//
//   node scripts/enterprise-build.mjs --hosts "https://ehr.example.org/*,https://*.clinic.example/*" \
//        --key ~/secure/tcg-enterprise.pem [--outdir dist/enterprise] [--codebase https://intranet.example/tcg/]
//        [--gecko-id therapy-claim-guard@example.org] [--no-pack] [--chromium /usr/bin/chromium]
//
// Writes <outdir>/chrome/ (unpacked, manifest "key" fixes the ID), <outdir>/therapy-claim-guard-
// enterprise-<version>.crx (packed with the key by Chromium's --pack-extension) and, with
// --codebase, <outdir>/updates.xml for ExtensionSettings' update_url; <outdir>/firefox/ and an
// unsigned .xpi (Firefox Release/ESR install only Mozilla-signed add-ons: sign it as "unlisted"
// on addons.mozilla.org, which keeps the gecko id).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipDirectory } from '../build.mjs';
import { extensionIdFromPem, manifestKey } from './make-key.mjs';

const REPO = fileURLToPath(new URL('../', import.meta.url));

/** Same shape the extension accepts for allowedOrigins: whole sites only, never <all_urls> or https://*\/*. */
const SITE = /^https?:\/\/(\*\.)?[a-z0-9.-]{1,253}(:\d{1,5})?\/\*$/i;

export function checkHosts(hosts) {
  if (!Array.isArray(hosts) || hosts.length === 0) throw new Error('--hosts: name at least one EHR site, e.g. https://ehr.example.org/*');
  const bad = hosts.filter((host) => !SITE.test(host));
  if (bad.length > 0) throw new Error(`--hosts: not a whole-site pattern: ${bad.join(', ')} (use https://host/* or https://*.domain/*)`);
  return [...new Set(hosts)];
}

/** The release manifest turned into the enterprise one for `browser`. */
export function enterpriseManifest(manifest, { browser, hosts, publicKey, geckoId }) {
  const out = structuredClone(manifest);
  out.host_permissions = checkHosts(hosts);
  if (browser === 'chrome') {
    if (!publicKey) throw new Error('the Chrome build needs the public key (manifest "key") for its fixed ID');
    out.key = publicKey;
  } else {
    delete out.key;
    if (geckoId) out.browser_specific_settings.gecko.id = geckoId;
  }
  return out;
}

function copyWithoutMaps(from, to) {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true, filter: (source) => !source.endsWith('.map') });
}

/** Pack a CRX3 with Chromium itself (the format and signature are Chromium's own). */
export function packCrx({ dir, keyFile, out, chromium = '/usr/bin/chromium' }) {
  const args = ['--headless', `--pack-extension=${resolve(dir)}`, `--pack-extension-key=${resolve(keyFile)}`];
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  const run = spawnSync(chromium, args, { encoding: 'utf8', timeout: 120_000 });
  const packed = `${resolve(dir)}.crx`;
  if (!existsSync(packed)) throw new Error(`packing failed (exit ${run.status}): ${run.stderr || run.stdout}`);
  mkdirSync(dirname(out), { recursive: true });
  cpSync(packed, out);
  rmSync(packed);
  return out;
}

/** The update manifest ExtensionSettings' update_url points at (Chrome/Edge "gupdate" format). */
export function updateManifestXml({ id, version, crxUrl }) {
  const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;');
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>",
    `  <app appid='${escape(id)}'>`,
    `    <updatecheck codebase='${escape(crxUrl)}' version='${escape(version)}' />`,
    '  </app>',
    '</gupdate>',
    '',
  ].join('\n');
}

/**
 * Build (or reuse `from`'s release build) and write the enterprise flavour to `outdir`.
 * Returns the paths and the Chrome extension ID.
 */
export function makeEnterpriseBuild({ hosts, keyFile, outdir = join(REPO, 'dist/enterprise'), from, codebase, geckoId, pack = true, chromium }) {
  const sites = checkHosts(hosts);
  const keyPem = readFileSync(keyFile, 'utf8');
  let release = from;
  if (!release) {
    release = join(outdir, '.release');
    // A child process: build.mjs (and esbuild) resolve their inputs from the repository root.
    const run = spawnSync(process.execPath, ['build.mjs', '--extension-only', '--quiet', '--outdir', release], { cwd: REPO, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`node build.mjs failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  }
  const version = JSON.parse(readFileSync(join(release, 'chrome/manifest.json'), 'utf8')).version;
  const result = { id: extensionIdFromPem(keyPem), version, chrome: join(outdir, 'chrome'), firefox: join(outdir, 'firefox') };

  for (const browser of ['chrome', 'firefox']) {
    const dir = result[browser];
    copyWithoutMaps(join(release, browser), dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const next = enterpriseManifest(manifest, { browser, hosts: sites, publicKey: manifestKey(keyPem), geckoId });
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(next, null, 2)}\n`);
  }
  result.geckoId = JSON.parse(readFileSync(join(result.firefox, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
  result.xpi = join(outdir, `therapy-claim-guard-enterprise-${version}.xpi`);
  zipDirectory(result.firefox, result.xpi);
  if (pack) {
    result.crx = packCrx({ dir: result.chrome, keyFile, out: join(outdir, `therapy-claim-guard-enterprise-${version}.crx`), chromium });
    if (codebase) {
      const crxUrl = new URL(basename(result.crx), codebase.endsWith('/') ? codebase : `${codebase}/`).href;
      result.updates = join(outdir, 'updates.xml');
      writeFileSync(result.updates, updateManifestXml({ id: result.id, version, crxUrl }));
    }
  }
  if (!from) rmSync(release, { recursive: true, force: true });
  return result;
}

function option(argv, name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  try {
    const hosts = (option(argv, '--hosts') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    const keyFile = option(argv, '--key');
    if (!keyFile) throw new Error('--key <file.pem> is required (node scripts/make-key.mjs --out <file.pem> makes one)');
    const result = makeEnterpriseBuild({
      hosts,
      keyFile,
      outdir: resolve(option(argv, '--outdir') ?? join(REPO, 'dist/enterprise')),
      codebase: option(argv, '--codebase'),
      geckoId: option(argv, '--gecko-id'),
      pack: !argv.includes('--no-pack'),
      chromium: option(argv, '--chromium'),
    });
    console.log(`extension ID (Chrome/Edge): ${result.id}`);
    console.log(`gecko id (Firefox):         ${result.geckoId}`);
    for (const key of ['chrome', 'crx', 'updates', 'firefox', 'xpi']) {
      if (result[key]) console.log(`${key.padEnd(8)} ${result[key]}${key === 'crx' || key === 'xpi' ? ` (${(statSync(result[key]).size / 1024).toFixed(1)} KB)` : ''}`);
    }
    if (readdirSync(result.chrome).length === 0) throw new Error('empty build');
  } catch (error) {
    console.error(`enterprise build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
