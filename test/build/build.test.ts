// Builds the extension into a temp dir (release + zips, then the demo flavour) and checks what
// the browsers and the stores will see: merged manifests, exact permissions, no demo origin in
// release output, locales, zips, and web-ext lint for Firefox.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from './unzip';

type Json = Record<string, unknown>;

const ROOT = join(import.meta.dirname, '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
let out = '';

function build(...flags: string[]): void {
  execFileSync(process.execPath, ['build.mjs', '--extension-only', '--quiet', '--outdir', out, ...flags], {
    cwd: ROOT,
    stdio: 'pipe',
    timeout: 120_000,
  });
}

function manifest(dir: string): Json {
  return JSON.parse(readFileSync(join(out, dir, 'manifest.json'), 'utf8')) as Json;
}

function files(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  return walk(dir)
    .map((f) => relative(dir, f).split(sep).join('/'))
    .sort();
}

function zipPath(browser: string): string {
  return join(out, `therapy-claim-guard-${browser}-${VERSION}.zip`);
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'tcg-build-'));
  build('--zip');
  build('--flavour', 'demo');
}, 180_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});


/**
 * Chrome's `side_panel` manifest key depends on the `sidePanel` permission (Chromium's
 * _manifest_features.json), which also allows sidePanel.open(); it shows no install warning and
 * reaches no page or data. Firefox's sidebar_action needs no permission.
 */
const PERMISSIONS: Record<string, string[]> = {
  chrome: ['storage', 'activeTab', 'scripting', 'sidePanel'],
  firefox: ['storage', 'activeTab', 'scripting'],
};

describe.each(['chrome', 'firefox'])('%s release build', (browser) => {
  it('is a loadable MV3 extension with every file its manifest names', () => {
    const m = manifest(browser);
    expect(m.manifest_version).toBe(3);
    expect(m.version).toBe(VERSION);
    expect(m.default_locale).toBe('en');
    const dir = join(out, browser);
    const named = [
      ...Object.values(m.icons as Json),
      ...Object.values((m.action as Json).default_icon as Json),
      (m.action as Json).default_popup,
      (m.options_ui as Json).page,
      browser === 'chrome' ? (m.side_panel as Json).default_path : (m.sidebar_action as Json).default_panel,
      'background.js',
      'content.js',
    ];
    for (const file of named) expect(existsSync(join(dir, String(file))), String(file)).toBe(true);
  });

  it('asks for exactly storage, activeTab and scripting (+ sidePanel in Chrome), and no site at install', () => {
    const m = manifest(browser);
    expect(m.permissions).toEqual(PERMISSIONS[browser]);
    expect(m.optional_host_permissions).toEqual(['https://*/*']);
    expect(m.host_permissions).toBeUndefined();
    expect(m.optional_permissions).toBeUndefined();
    expect(m.content_scripts).toBeUndefined();
    expect(m.content_security_policy).toBeUndefined();
    expect(m.externally_connectable).toBeUndefined();
    expect(m.web_accessible_resources).toBeUndefined();
    const text = JSON.stringify(m);
    for (const forbidden of ['<all_urls>', '"tabs"', 'webRequest', 'cookies', '*://*/*', 'http://*/*']) expect(text).not.toContain(forbidden);
  });

  it('resolves every __MSG_…__ from _locales/en', () => {
    const messages = JSON.parse(readFileSync(join(out, browser, '_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
    const keys = [...JSON.stringify(manifest(browser)).matchAll(/__MSG_(\w+)__/g)].map((match) => match[1] ?? '');
    expect(keys).toEqual(expect.arrayContaining(['extName', 'extDescription', 'actionTitle']));
    for (const key of keys) expect(messages[key]?.message, key).toBeTruthy();
    expect(messages.extDescription?.message.length).toBeLessThanOrEqual(132);
  });

  it('never contains the demo origin', () => {
    for (const file of files(join(out, browser))) {
      expect(readFileSync(join(out, browser, file)).includes('127.0.0.1'), file).toBe(false);
    }
  });

  it('ships minified bundles with no source maps or map comments (the maps are written beside, for the team) and no network or eval', () => {
    expect(files(join(out, browser)).filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const bundle of ['background.js', 'content.js', 'popup.js', 'options.js', 'sidepanel.js']) {
      const code = readFileSync(join(out, browser, bundle), 'utf8');
      expect(code, bundle).not.toContain('sourceMappingURL');
      expect(existsSync(join(out, 'sourcemaps', browser, `${bundle}.map`)), `${bundle}.map beside the build`).toBe(true);
      for (const api of ['fetch(', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'sendBeacon', 'eval(', 'importScripts']) {
        expect(code.includes(api), `${bundle} uses ${api}`).toBe(false);
      }
    }
  });

  it('keeps the content script a classic script and the rest modules', () => {
    const content = readFileSync(join(out, browser, 'content.js'), 'utf8');
    expect(content).not.toMatch(/^\s*(import|export)\s/m);
    for (const page of ['popup.html', 'options.html']) {
      const html = readFileSync(join(out, browser, page), 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length, page).toBeGreaterThan(0);
      for (const [, attrs = '', body = ''] of scripts) {
        expect(attrs, page).toContain('type="module"');
        expect(body.trim(), `${page} has an inline script`).toBe('');
        const src = /src="([^"]+)"/.exec(attrs)?.[1] ?? '';
        expect(existsSync(join(out, browser, src)), src).toBe(true);
      }
      for (const [, href = ''] of html.matchAll(/<link[^>]+href="([^"]+)"/g)) expect(existsSync(join(out, browser, href)), href).toBe(true);
    }
  });

  it('packages a store zip with the same files, and no source map', () => {
    const entries = readZip(readFileSync(zipPath(browser)));
    const expected = files(join(out, browser));
    expect(entries.some((e) => e.name.endsWith('.map') || e.data.includes('sourceMappingURL'))).toBe(false);
    expect(entries.map((e) => e.name)).toEqual(expected);
    for (const entry of entries) expect(entry.data.equals(readFileSync(join(out, browser, entry.name))), entry.name).toBe(true);
    expect(entries.some((e) => e.data.includes('127.0.0.1'))).toBe(false);
  });
});


describe('per-browser manifests', () => {
  it('gives Chrome a module service worker and nothing Firefox-only', () => {
    const m = manifest('chrome');
    expect(m.background).toEqual({ service_worker: 'background.js', type: 'module' });
    expect(m.minimum_chrome_version).toBe('120');
    expect(m.browser_specific_settings).toBeUndefined();
  });

  it('gives Firefox background scripts and gecko settings declaring no data collection', () => {
    const m = manifest('firefox');
    expect(m.background).toEqual({ scripts: ['background.js'], type: 'module' });
    expect(m.key).toBeUndefined();
    expect(m.minimum_chrome_version).toBeUndefined();
    expect(m.browser_specific_settings).toEqual({
      gecko: { id: 'therapy-claim-guard@example.org', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: '142.0' },
    });
  });

  it('builds deterministic zips', () => {
    const before = readFileSync(zipPath('chrome'));
    build('--zip');
    expect(readFileSync(zipPath('chrome')).equals(before)).toBe(true);
  }, 120_000);
});

describe('demo flavour', () => {
  it('adds the 127.0.0.1 demo origin as a host permission in both browsers', () => {
    for (const browser of ['chrome-demo', 'firefox-demo']) {
      const m = manifest(browser);
      expect(m.host_permissions).toEqual(['http://127.0.0.1/*']);
      expect(m.permissions).toEqual(PERMISSIONS[browser.replace('-demo', '')]);
    }
  });

  it('exposes popup.html to the demo origin in Firefox only (end-to-end test access)', () => {
    expect(manifest('firefox-demo').web_accessible_resources).toEqual([{ resources: ['popup.html'], matches: ['http://127.0.0.1/*'] }]);
    expect(manifest('chrome-demo').web_accessible_resources).toBeUndefined();
  });

  it('times the content script\'s own work (src/content/perf.ts) in the demo build only', () => {
    for (const browser of ['chrome', 'firefox']) {
      expect(readFileSync(join(out, `${browser}-demo`, 'content.js'), 'utf8'), `${browser}-demo`).toContain('therapy-claim-guard.perf');
      expect(readFileSync(join(out, browser, 'content.js'), 'utf8'), browser).not.toContain('therapy-claim-guard.perf');
    }
  });

  it('refuses to package demo builds', () => {
    const run = spawnSync(process.execPath, ['build.mjs', '--extension-only', '--outdir', out, '--flavour', 'demo', '--zip'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('release flavour only');
  });
});

describe('web-ext lint (Firefox)', () => {
  interface LintMessage {
    code: string;
    file?: string;
    message: string;
  }
  interface LintReport {
    errors: LintMessage[];
    warnings: LintMessage[];
  }

  function lint(args: string[]): LintReport {
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/web-ext/bin/web-ext.js'), 'lint', ...args, '--output', 'json', '--no-config-discovery'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 150_000,
      env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
    });
    const start = run.stdout.indexOf('{');
    if (start < 0) throw new Error(`web-ext lint gave no report: ${run.stderr}`);
    return JSON.parse(run.stdout.slice(start)) as LintReport;
  }

  // Preact's own innerHTML path (dangerouslySetInnerHTML) is the one accepted warning, by name.
  const allowed = (w: LintMessage) => w.code === 'UNSAFE_VAR_ASSIGNMENT' && /^(popup|options|sidepanel)\.js$/.test(w.file ?? '');

  it('has no errors and no warnings but preact’s innerHTML', () => {
    const report = lint(['-s', join(out, 'firefox')]);
    expect(report.errors).toEqual([]);
    expect(report.warnings.filter((w) => !allowed(w))).toEqual([]);
  }, 160_000);

  it('passes for the store zip too (the archive reads in addons-linter)', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/addons-linter/bin/addons-linter'), zipPath('firefox'), '--output', 'json'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 150_000,
    });
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as LintReport;
    expect(report.errors).toEqual([]);
    expect(report.warnings.filter((w) => !allowed(w))).toEqual([]);
    expect(statSync(zipPath('firefox')).size).toBeGreaterThan(1000);
  }, 160_000);
});
