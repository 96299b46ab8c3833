// One build for every target: `node build.mjs` writes
//   dist/cli.cjs      the command line (Node 20, the package's bin): a launcher that loads
//                     dist/cli-bundle.cjs through the V8 code cache dist/cli.cache (src/cli/launch.ts);
//   dist/cli.mjs      the same launcher as an ES module, for `node dist/cli.mjs`
//   dist/engine.mjs   the engine as an ES module (benchmarks, scripts)
//   Both node bundles ship the engine's tables worked out here (prebuiltModules): the lexicon
//   automaton compiled and packed, and the codes, diagnoses and code-pair data already validated.
//   dist/chrome/      the extension for Chrome and Edge (MV3, module service worker)
//   dist/firefox/     the extension for Firefox (MV3, background scripts + gecko settings)
//
// Flags:
//   --zip                 also write the store packages dist/therapy-claim-guard-<browser>-<version>.zip
//                         (no source maps inside; release flavour only)
//   --flavour demo        write dist/chrome-demo/ and dist/firefox-demo/ instead (env TCG_FLAVOUR=demo
//                         does the same): the 127.0.0.1 demo origin is a host permission there, and
//                         Firefox's demo build exposes popup.html to that origin so the end-to-end test
//                         can open it (WebDriver BiDi refuses moz-extension:// navigation).
//   --watch               rebuild the extension on every change (source, manifest/, assets/)
//   --outdir <dir>        write under <dir> instead of dist/ (the build tests use a temp dir)
//   --extension-only      skip the node targets
//   --quiet               print only warnings and errors
//
// Host permissions (least privilege). The release manifest grants no site at install time:
//   - `activeTab` lets a click on the toolbar button read the current page, any http(s) page,
//     until it navigates; nothing is requested up front and no install warning is shown.
//   - `optional_host_permissions: ["https://*/*"]` is only the ceiling of what a user (popup: one
//     click "grant access to this site", which calls permissions.request({origins:[origin+'/*']}))
//     or an admin may grant later, one origin at a time. Optional hosts grant nothing by themselves.
//     It has to cover every EHR we cannot list in advance, so it is every https site; plain-http
//     sites are left out on purpose (PHI over plain http should not get a standing grant; a
//     toolbar click still works there through activeTab).
//   - No `<all_urls>`, `tabs`, `webRequest`, `cookies`, no static content_scripts: the worker
//     registers the content script for exactly the granted origins (scripting.registerContentScripts).
//   - The demo flavour adds http://127.0.0.1/* as a granted host permission; release builds and
//     zips must never contain it (test/build checks).
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const argv = process.argv.slice(2);
const args = new Set(argv);

function option(name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

export const BROWSERS = ['chrome', 'firefox'];
export const DEMO_ORIGIN = 'http://127.0.0.1/*';
/**
 * Size budgets for minified bundles (issue 3): the build fails above them. The popup and side panel
 * hold preact (~14 KB), zod mini with its English messages (~27 KB) and the views; 88 KB since the
 * "Read from" panel (80.4 KB when it was added).
 */
// content.js: 40 KB (issue 10). It runs in every frame of every EHR page; what only a user's request
// needs (the highlighter, its tip, the reading corrections' tools) is in bundles the worker injects then.
export const BUDGETS = { 'content.js': 40 * 1024, 'highlight.js': 8 * 1024, 'tip.js': 8 * 1024, 'corrections.js': 8 * 1024, 'popup.js': 88 * 1024, 'sidepanel.js': 88 * 1024, 'options.js': 100 * 1024 };

/**
 * Extension entry points. Content scripts are classic scripts, so the content bundle is an IIFE
 * (which also keeps its names out of the page's globals); the worker (module service worker) and
 * the pages (<script type="module">) are ES modules.
 */
export const ENTRIES = [
  // src/content/entry.ts calls main() (main.ts only exports it, so tests can import it).
  { name: 'content', source: ['src/content/entry.ts', 'src/content/main.ts'], format: 'iife' },
  // The evidence highlighter, injected by the worker into a frame only when a highlight is asked for there.
  { name: 'highlight', source: 'src/content/highlight-bundle.ts', format: 'iife' },
  // The in-page tip of a labelled highlight, injected by the worker only when a highlight is shown.
  { name: 'tip', source: 'src/content/tip.ts', format: 'iife' },
  // The reading corrections' picker and selector builder, injected by the worker only when the user corrects a reading.
  { name: 'corrections', source: 'src/content/corrections.ts', format: 'iife' },
  { name: 'background', source: 'src/background/main.ts', format: 'esm' },
  { name: 'popup', source: 'src/popup/main.tsx', format: 'esm', html: 'src/popup/popup.html' },
  { name: 'options', source: 'src/options/main.tsx', format: 'esm', html: 'src/options/options.html' },
  { name: 'sidepanel', source: 'src/sidepanel/main.tsx', format: 'esm', html: 'src/sidepanel/sidepanel.html' },
];

function warn(message) {
  console.warn(`\u26a0 ${message}`);
}

export async function buildNodeTargets(outdir = 'dist') {
  mkdirSync(outdir, { recursive: true });
  const prebuilt = existsSync(BUILD_TABLES_SOURCE) ? [prebuiltPlugin(await prebuiltModules())] : [];
  const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', legalComments: 'none', plugins: prebuilt };
  const built = [];
  if (existsSync('src/cli/main.ts')) {
    // The command line: the bundle (CommonJS, so it can be compiled from a V8 code cache; written
    // as the CommonJS wrapper function itself, so the launcher compiles the file's text as it is),
    // the launcher users run (dist/cli.mjs, src/cli/launch.ts) and the cache, written by one
    // representative run. See launch.ts.
    await esbuild.build({
      ...common,
      format: 'cjs',
      entryPoints: ['src/cli/main.ts'],
      outfile: join(outdir, 'cli-bundle.cjs'),
      // Whitespace and comments out (names and syntax kept as written): a third less to read, to
      // keep a copy of in the code cache, and to decode into a string on every cold run.
      minifyWhitespace: true,
      banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
      footer: { js: '})' },
    });
    assertAscii(join(outdir, 'cli-bundle.cjs'));
    // Two launchers of the one bundle: dist/cli.cjs, the bin (a CommonJS entry starts without
    // Node's ES-module loader), and dist/cli.mjs, for `node dist/cli.mjs`.
    const launcher = { ...common, plugins: [], banner: { js: '#!/usr/bin/env node' } };
    await esbuild.build({ ...launcher, format: 'cjs', entryPoints: ['src/cli/launch-cjs.ts'], outfile: join(outdir, 'cli.cjs') });
    await esbuild.build({ ...launcher, format: 'esm', entryPoints: ['src/cli/launch-esm.ts'], outfile: join(outdir, 'cli.mjs') });
    writeCliCodeCache(outdir);
    built.push(join(outdir, 'cli.cjs'), join(outdir, 'cli.mjs'));
  } else warn('skipping cli.mjs: src/cli/main.ts does not exist yet');
  if (existsSync('src/engine/index.ts')) {
    await esbuild.build({ ...common, format: 'esm', entryPoints: ['src/engine/index.ts'], outfile: join(outdir, 'engine.mjs') });
    built.push(join(outdir, 'engine.mjs'));
  } else warn('skipping engine.mjs: src/engine/index.ts does not exist yet');
  return built;
}

/**
 * The CLI bundle must be pure ASCII: one character outside it makes V8 hold the launcher's copy of
 * the whole ~780 KB source as a two-byte string (twice the memory, a slower decode on every cold
 * run). esbuild escapes strings but leaves regular expressions and String.raw templates as written,
 * so a pattern names a character such as ’ or • as \u2019 or \u2022 (caseless.ts accepts that).
 */
function assertAscii(file) {
  const bytes = readFileSync(file);
  const at = bytes.findIndex((byte) => byte > 0x7f);
  if (at < 0) return;
  const context = bytes.subarray(Math.max(0, at - 60), at + 20).toString('utf8');
  throw new Error(`${file} is not ASCII at byte ${at} (write the character as a \\u escape in the source): …${context}…`);
}

/** What the code cache is trained on: a `check` of the example visits (JSON and a plain note). */
const CODE_CACHE_TRAINING = ['check', 'examples/medicare-clean.json', 'examples/aetna-problems.json', 'examples/note-with-codes.txt'];

/**
 * dist/cli.cache: V8 bytecode of everything a check compiles, so a cold run skips parsing and
 * compiling. Written by the launcher itself in a child process (same Node and V8 flags as a user's
 * run); without it the command line still works, only slower to start.
 */
function writeCliCodeCache(outdir) {
  const result = spawnSync(process.execPath, [join(outdir, 'cli.cjs'), ...CODE_CACHE_TRAINING], {
    cwd: dirname(fileURLToPath(import.meta.url)),
    env: { ...process.env, THERAPY_CLAIM_GUARD_WRITE_CODE_CACHE: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if ((result.status !== 0 && result.status !== 1) || !existsSync(join(outdir, 'cli.cache'))) {
    throw new Error(`the command line failed its code-cache run (exit ${result.status}): ${result.stderr || result.error}`);
  }
}

// ---- tables worked out at build time (node bundles) -------------------------------------------

const BUILD_TABLES_SOURCE = 'src/engine/data/build-tables.ts';

/**
 * The modules the node bundles take in place of source files, by absolute path: each validated
 * JSON data file as its loader's validated output (src/engine/data/validated.ts), and the lexicon
 * automaton as the build compiled it (src/engine/chart/lexicon-tables.ts). The JSON files stay the
 * source of truth; test/engine/prebuilt.test.ts checks these equal validating and compiling them
 * at run time. Data is embedded as JSON.parse of a string: V8 reads JSON faster than object literals.
 */
export async function prebuiltModules(root = dirname(fileURLToPath(import.meta.url))) {
  const { buildTables } = await import('./scripts/import-ts.mjs').then(({ importTs }) => importTs(join(root, BUILD_TABLES_SOURCE)));
  const tables = buildTables();
  // Single-quoted, so the JSON's many double quotes need no escaping.
  const jsonText = (value) => `JSON.parse('${JSON.stringify(value).replace(/[\\']/g, (c) => `\\${c}`)}')`;
  const importPath = (file) => JSON.stringify(join(root, file));
  const modules = {};
  for (const [file, data] of Object.entries(tables.data)) {
    modules[join(root, 'src/engine/data', file)] =
      `import { markValidated } from ${importPath('src/engine/data/validated.ts')};\nexport default markValidated(${jsonText(data)});\n`;
  }
  // The automaton's number columns as one block of little-endian integers in base64 (16-bit while
  // every number fits, as they do by far, else 32-bit), decoded by Node in native calls into memory
  // outside the JS heap (its columns are views of it); the rest as JSON. A big-endian host reads
  // the block number by number.
  const { rest, numbers } = tables.lexiconParts;
  const width = numbers.every((n) => n >= -0x8000 && n < 0x8000) ? 2 : 4;
  const numberBytes = Buffer.alloc(numbers.length * width);
  numbers.forEach((n, k) => (width === 2 ? numberBytes.writeInt16LE(n, k * 2) : numberBytes.writeInt32LE(n, k * 4)));
  const nativeArray = width === 2 ? 'Int16Array' : 'Int32Array';
  modules[join(root, 'src/engine/chart/lexicon-tables.ts')] =
    `import { joinNumberColumns, unpackLexicons } from ${importPath('src/engine/chart/lexicon.ts')};\n` +
    `const numbers = ((bytes) => new Uint8Array(new Uint16Array([1]).buffer)[0] === 1\n` +
    `  ? new Int32Array(new ${nativeArray}(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)))\n` +
    `  : Int32Array.from({ length: bytes.length / ${width} }, (_, k) => bytes.readInt${width * 8}LE(k * ${width})))(Buffer.from('${numberBytes.toString('base64')}', 'base64'));\n` +
    // The packed JSON is not kept (no module-level name holds it): garbage as soon as it is
    // unpacked, so the first scavenges do not copy it.
    `export const COMPILED = unpackLexicons(joinNumberColumns(${jsonText(rest)}, numbers));\n` +
    'export const LEXICON_IDS = COMPILED.ids;\n' +
    `export const SLIP_SOURCE = ${jsonText(tables.slipLexicons)};\n`;
  // The service names in matching order, for the codes data shipped beside them (any other data, as
  // in a test that passes its own, is ordered as from source).
  modules[join(root, 'src/engine/data/service-names.ts')] =
    `import { validatedAtBuild } from ${importPath('src/engine/data/validated.ts')};\n` +
    `import { frozenServiceNames, orderServiceNames } from ${importPath('src/engine/data/service-name-order.ts')};\n` +
    `export function serviceNameTables(data) {\n` +
    `  return validatedAtBuild(data) ? frozenServiceNames(${jsonText(tables.serviceNames)}) : orderServiceNames(data);\n}\n`;
  return { tables, modules };
}

/** An esbuild plugin that loads the generated modules of `prebuiltModules` instead of the files. */
function prebuiltPlugin({ modules }) {
  return {
    name: 'prebuilt-tables',
    setup(build) {
      build.onLoad({ filter: /(lexicon-tables\.ts|service-names\.ts|\.json)$/ }, (args) => {
        const contents = modules[args.path];
        return contents === undefined ? undefined : { contents, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

// ---- generated sources -----------------------------------------------------------------------

export const CATALOG_FILE = 'src/options/catalog.generated.json';

/**
 * The options page's rule and profile catalogue, from the engine's own exports (bundled in memory
 * for Node), so the page need not ship the engine to list them. Returns the file's text.
 */
export async function generatedCatalogText() {
  const { importTs } = await import('./scripts/import-ts.mjs');
  const module = await importTs(
    {
      contents: "export * as engine from './src/engine/index.ts'; export { buildCatalog } from './src/options/catalog.ts';",
      resolveDir: process.cwd(),
    },
    {
      // catalog.ts imports the file being generated: an empty catalogue stands in for it.
      plugins: [
        {
          name: 'catalog-placeholder',
          setup(build) {
            build.onResolve({ filter: /catalog\.generated\.json$/ }, () => ({ path: 'catalog-placeholder', namespace: 'catalog' }));
            build.onLoad({ filter: /.*/, namespace: 'catalog' }, () => ({ contents: '{"rules":[],"profiles":[],"builtInProfile":""}', loader: 'json' }));
          },
        },
      ],
    },
  );
  return `${JSON.stringify(module.buildCatalog(module.engine), null, 2)}\n`;
}

/** Write the catalogue when it changed (an unchanged file keeps its mtime for --watch). */
export async function writeCatalog() {
  const text = await generatedCatalogText();
  const current = existsSync(CATALOG_FILE) ? readFileSync(CATALOG_FILE, 'utf8') : '';
  if (current !== text) writeFileSync(CATALOG_FILE, text);
  return current !== text;
}

// ---- manifests -------------------------------------------------------------------------------

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge for manifests: objects merge key by key, arrays and scalars replace. */
export function mergeManifest(base, override) {
  const out = { ...base };
  for (const [key, value] of Object.entries(override)) {
    out[key] = isObject(value) && isObject(out[key]) ? mergeManifest(out[key], value) : structuredClone(value);
  }
  return out;
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * The manifest for one browser and flavour. `built` names the entries that exist, so a missing
 * popup or options page (still being written) drops its manifest key instead of pointing at
 * nothing.
 */
export function manifestFor(browser, flavour, { version, built, managedSchema }) {
  let manifest = mergeManifest(readJson('manifest/base.json'), readJson(`manifest/${browser}.json`));
  manifest.version = version;
  if (!built.has('popup') && manifest.action) delete manifest.action.default_popup;
  if (!built.has('options')) delete manifest.options_ui;
  if (!built.has('sidepanel')) {
    delete manifest.side_panel;
    delete manifest.sidebar_action;
    if (manifest.permissions) manifest.permissions = manifest.permissions.filter((p) => p !== 'sidePanel');
  }
  // Enterprise policy (issue 4): ship the managed-storage schema when it exists.
  if (managedSchema) manifest = mergeManifest(manifest, { storage: { managed_schema: 'managed_schema.json' } });
  if (flavour === 'demo') {
    manifest.host_permissions = [...(manifest.host_permissions ?? []), DEMO_ORIGIN];
    if (browser === 'firefox' && built.has('popup')) {
      manifest.web_accessible_resources = [{ resources: ['popup.html'], matches: [DEMO_ORIGIN] }];
    }
  }
  return manifest;
}

// ---- bundles ---------------------------------------------------------------------------------

// Release builds carry no source maps and no sourceMappingURL comment: the maps are written beside
// the build (dist/sourcemaps/<browser>/) for the team. Demo builds keep linked maps for debugging.
function esbuildOptions(entries, format, outdir, flavour) {
  return {
    entryPoints: Object.fromEntries(entries.map((e) => [e.name, e.source])),
    outdir,
    bundle: true,
    format,
    target: ['chrome120', 'firefox128'],
    minify: true,
    sourcemap: flavour === 'release' ? 'external' : 'linked',
    metafile: true,
    logLevel: 'warning',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // Preact's dev-only code paths are dropped from the production build. __TCG_PERF__: the content
    // script times its own work in the demo build only (src/content/perf.ts, bench/extension.bench.mjs).
    define: { 'process.env.NODE_ENV': '"production"', __TCG_PERF__: flavour === 'demo' ? 'true' : 'false' },
  };
}

/** The entries whose source exists (the first existing candidate when several are listed). */
export function presentEntries() {
  const present = [];
  for (const entry of ENTRIES) {
    const candidates = Array.isArray(entry.source) ? entry.source : [entry.source];
    const source = candidates.find((file) => existsSync(file));
    if (source) present.push({ ...entry, source });
    else warn(`skipping the ${entry.name} entry: ${candidates.join(' / ')} does not exist yet`);
  }
  return present;
}

function copyHtmlAndStyles(entry, outdir) {
  if (!entry.html) return;
  if (!existsSync(entry.html)) throw new Error(`${entry.html} is missing but ${entry.source} exists`);
  cpSync(entry.html, join(outdir, `${entry.name}.html`));
  // Stylesheets the page links next to itself (popup.css, options.css…).
  for (const file of readdirSync(dirname(entry.html))) {
    if (file.endsWith('.css')) cpSync(join(dirname(entry.html), file), join(outdir, file));
  }
}

/** The icons are generated (scripts/make-icons.mjs); draw them when a checkout lacks them. */
async function ensureIcons() {
  if (existsSync('assets/icons/icon-128.png')) return;
  const { writeIcons } = await import('./scripts/make-icons.mjs');
  writeIcons('assets/icons');
}

function copyAssets(outdir) {
  for (const item of readdirSync('assets')) cpSync(join('assets', item), join(outdir, item), { recursive: true });
}

function bundleSizes(stageDir) {
  const sizes = {};
  for (const file of readdirSync(stageDir)) if (file.endsWith('.js')) sizes[file] = statSync(join(stageDir, file)).size;
  return sizes;
}

/** Print sizes; return the budget violations. */
export function checkBudgets(sizes, { quiet = false } = {}) {
  const over = [];
  for (const [file, size] of Object.entries(sizes).sort()) {
    const budget = BUDGETS[file];
    const mark = budget === undefined ? '' : size > budget ? `  OVER the ${budget / 1024} KB budget` : `  (budget ${budget / 1024} KB)`;
    if (!quiet || mark.includes('OVER')) console.log(`  ${file.padEnd(14)} ${(size / 1024).toFixed(1).padStart(7)} KB${mark}`);
    if (budget !== undefined && size > budget) over.push(`${file} is ${(size / 1024).toFixed(1)} KB, budget ${budget / 1024} KB`);
  }
  return over;
}

function packageVersion() {
  return readJson('package.json').version;
}

function outputDir(outdir, browser, flavour) {
  return join(outdir, flavour === 'demo' ? `${browser}-demo` : browser);
}

/** Turn the staged bundles into one loadable extension directory per browser. */
function assemble({ stageDir, outdir, flavour, entries, quiet }) {
  const built = new Set(entries.map((e) => e.name));
  const managedSchema = existsSync('manifest/managed_schema.json');
  const version = packageVersion();
  const dirs = [];
  for (const browser of BROWSERS) {
    const dir = outputDir(outdir, browser, flavour);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(stageDir, dir, { recursive: true });
    if (flavour === 'release') moveSourceMaps(dir, join(outdir, 'sourcemaps', browser));
    for (const entry of entries) copyHtmlAndStyles(entry, dir);
    copyAssets(dir);
    if (managedSchema) cpSync('manifest/managed_schema.json', join(dir, 'managed_schema.json'));
    const manifest = manifestFor(browser, flavour, { version, built, managedSchema });
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    dirs.push(dir);
  }
  if (!quiet) console.log(`built ${dirs.join(', ')} (${flavour})`);
  return dirs;
}

/** Moves every .map file of a build folder out to `mapsDir` (the release extension ships none). */
function moveSourceMaps(dir, mapsDir) {
  rmSync(mapsDir, { recursive: true, force: true });
  for (const file of listFiles(dir)) {
    if (!file.endsWith('.map')) continue;
    const target = join(mapsDir, relative(dir, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
    rmSync(file);
  }
}

/**
 * Bundle every present entry into a staging dir, check the size budgets, then assemble
 * dist/<browser>[-demo]/. Throws on an esbuild error or a blown budget.
 */
export async function buildExtension({ outdir = 'dist', flavour = 'release', quiet = false } = {}) {
  const entries = presentEntries();
  await ensureIcons();
  if (entries.some((e) => e.name === 'options') && (await writeCatalog()) && !quiet) console.log(`wrote ${CATALOG_FILE}`);
  const stageDir = join(outdir, `.stage-${flavour}`);
  rmSync(stageDir, { recursive: true, force: true });
  try {
    const iife = entries.filter((e) => e.format === 'iife');
    const esm = entries.filter((e) => e.format === 'esm');
    if (iife.length > 0) await esbuild.build(esbuildOptions(iife, 'iife', stageDir, flavour));
    if (esm.length > 0) await esbuild.build(esbuildOptions(esm, 'esm', stageDir, flavour));
    mkdirSync(stageDir, { recursive: true });
    if (!quiet) console.log('bundle sizes (minified):');
    const over = checkBudgets(bundleSizes(stageDir), { quiet });
    if (over.length > 0) throw new Error(`size budget exceeded: ${over.join('; ')}`);
    return assemble({ stageDir, outdir, flavour, entries, quiet });
  } finally {
    rmSync(stageDir, { recursive: true, force: true });
  }
}

// ---- store zips --------------------------------------------------------------------------------

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

/**
 * A minimal zip writer (deflate, no zip64): enough for store packages of a few hundred KB.
 * Entries are sorted and stamped 1980-01-01 so the same input gives the same bytes.
 */
export function zipDirectory(dir, outFile, { exclude = (name) => name.endsWith('.map') } = {}) {
  const files = listFiles(dir)
    .map((full) => ({ full, name: relative(dir, full).split(sep).join('/') }))
    .filter((f) => !exclude(f.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const DOS_TIME = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { full, name } of files) {
    const data = readFileSync(full);
    const deflated = deflateRawSync(data, { level: 9 });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // -rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, Buffer.concat([...locals, centralDir, end]));
  return files.map((f) => f.name);
}

export function packageZips({ outdir = 'dist', quiet = false } = {}) {
  const version = packageVersion();
  return BROWSERS.map((browser) => {
    const file = join(outdir, `therapy-claim-guard-${browser}-${version}.zip`);
    const names = zipDirectory(outputDir(outdir, browser, 'release'), file);
    if (!quiet) console.log(`packaged ${file} (${names.length} files, ${(statSync(file).size / 1024).toFixed(1)} KB)`);
    return file;
  });
}

// ---- watch -------------------------------------------------------------------------------------

async function watchExtension({ outdir, flavour }) {
  let running = false;
  let again = false;
  const rebuild = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await buildExtension({ outdir, flavour, quiet: true });
      console.log(`[watch] rebuilt ${new Date().toLocaleTimeString()}`);
    } catch (error) {
      console.error(`[watch] ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
      if (again) {
        again = false;
        void rebuild();
      }
    }
  };
  let timer = null;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(rebuild, 100);
  };
  for (const dir of ['src', 'manifest', 'assets']) {
    // The catalogue is written by the build itself: watching it would rebuild forever.
    watch(dir, { recursive: true }, (_, file) => {
      if (!String(file ?? '').endsWith('catalog.generated.json')) schedule();
    });
  }
  await rebuild();
  console.log(`[watch] watching src/, manifest/, assets/ → ${outdir} (${flavour}); Ctrl-C to stop`);
}

// ---- command line ------------------------------------------------------------------------------

if (import.meta.url === `file://${process.argv[1]}`) {
  const outdir = option('--outdir') ?? 'dist';
  const flavour = option('--flavour') ?? process.env.TCG_FLAVOUR ?? 'release';
  const quiet = args.has('--quiet');
  try {
    if (flavour !== 'release' && flavour !== 'demo') throw new Error(`unknown flavour "${flavour}" (release | demo)`);
    if (args.has('--zip') && flavour !== 'release') throw new Error('store zips are built from the release flavour only');
    if (!args.has('--extension-only')) {
      const built = await buildNodeTargets(outdir);
      if (!quiet && built.length > 0) console.log(`built ${built.map((f) => `${f} (${(statSync(f).size / 1024).toFixed(1)} KB)`).join(', ')}`);
    }
    if (args.has('--watch')) {
      await watchExtension({ outdir, flavour });
    } else {
      await buildExtension({ outdir, flavour, quiet });
      if (args.has('--zip')) packageZips({ outdir, quiet });
    }
  } catch (error) {
    console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
