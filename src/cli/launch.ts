// Starts the command line from a V8 code cache, so a cold `check` does not parse and compile
// ~700 KB of JavaScript again on every run. (Node 20 has no module compile cache:
// module.enableCompileCache came in Node 22.) Two launchers call launch(): dist/cli.cjs
// (launch-cjs.ts, the package's bin: a CommonJS entry, which Node starts without its ES-module
// loader, ~7 ms less CPU per run) and dist/cli.mjs (launch-esm.ts, the same for `node dist/cli.mjs`).
//
//   dist/cli-bundle.cjs  the command line itself (src/cli/main.ts, bundled as CommonJS and written
//                        as the body of the CommonJS wrapper function, so its text is the script
//                        compiled here, with no second copy made to wrap it)
//   dist/cli.cache       [u32 LE length of the bundle][the bundle's bytes][V8's bytecode for it, twice],
//                        written by build.mjs after a representative run, so it holds the
//                        functions a check runs, not only the top level
//
// The cache is used only when its copy of the bundle is byte for byte the bundle beside it. V8
// itself checks only the source's length (plus its own version and flags; the payload checksum is
// off in release builds: `node --v8-options` lists --verify-snapshot-checksum as off by default in
// Node 20's V8 11.3), so a cache from another build of the same length would otherwise be accepted.
// Comparing bytes costs less than a checksum would (measured cold, on the 900 KB bundle: a 32-bit
// FNV loop in JavaScript ~1.9 ms, zlib's crc32 ~1.6 ms with loading zlib, reading the copy plus
// Buffer.equals ~0.5 ms), and a build id stamped into the bundle would not notice a hand edit. A missing, stale or
// rejected cache costs time, never correctness: V8 then compiles the source as usual.
//
// Worker threads of a batch `check` start from the launcher that started the run (main.ts tells
// them apart), so each of them also skips the compile.
//
// No `import` statements on purpose: an ES module's import of a built-in builds the module's ESM
// facade, and node:fs's reads every export, loading the stream modules for fs.ReadStream. A cold
// check needs none of that; process.getBuiltinModule hands over the CommonJS module as it is.
const { readFileSync, writeFileSync } = process.getBuiltinModule('node:fs');
const { join } = process.getBuiltinModule('node:path');
const { Script } = process.getBuiltinModule('node:vm');

/** Set by build.mjs only: run the command, then write the code cache of everything it compiled. */
const WRITE_CACHE_ENV = 'THERAPY_CLAIM_GUARD_WRITE_CODE_CACHE';
const HEADER_BYTES = 4;

function cachedBytecode(cachePath: string, sourceBytes: Buffer): Buffer | undefined {
  let cache: Buffer;
  try {
    cache = readFileSync(cachePath);
  } catch {
    return undefined; // not built (a bundle copied alone): compile as usual
  }
  const bytecodeStart = HEADER_BYTES + sourceBytes.length;
  if (cache.length <= bytecodeStart || cache.readUInt32LE(0) !== sourceBytes.length) return undefined;
  if (!cache.subarray(HEADER_BYTES, bytecodeStart).equals(sourceBytes)) return undefined;
  // The bytecode twice: V8 does not checksum a code cache (see above) and aborts the process on
  // a damaged one, so a damaged copy must be caught here. Two copies compared with memcmp cost less
  // than any checksum a cold start can reach (zlib's crc32 loads the stream modules, ~1.5 ms; a
  // JavaScript loop over ~1 MB runs uncompiled, well over 10 ms).
  const copies = cache.subarray(bytecodeStart);
  const half = copies.length / 2;
  if (!Number.isInteger(half) || !copies.subarray(0, half).equals(copies.subarray(half))) return undefined;
  return copies.subarray(0, half);
}

/**
 * Runs the command line of process.argv from dir/cli-bundle.cjs. `launcher` is the launcher's own
 * file (worker threads start from it); `require` is the bundle's require (the launcher's own, or
 * one made for the bundle's path).
 */
export function launch(dir: string, launcher: URL, require: NodeJS.Require): void {
  const filename = join(dir, 'cli-bundle.cjs');
  const cachePath = join(dir, 'cli.cache');
  const sourceBytes = readFileSync(filename);
  const writing = process.env[WRITE_CACHE_ENV] === '1';
  const script = new Script(sourceBytes.toString('utf8'), { filename, cachedData: writing ? undefined : cachedBytecode(cachePath, sourceBytes) });
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, __filename: string, __dirname: string) => void;
  const bundle: { exports: { main?: (script: URL) => Promise<boolean> } } = { exports: {} };
  wrapper(bundle.exports, require, bundle, filename, dir);
  if (typeof bundle.exports.main !== 'function') throw new Error(`${filename} does not export main()`);
  void bundle.exports.main(launcher).then((mayExitAtOnce) => {
    if (writing) {
      const header = Buffer.alloc(HEADER_BYTES);
      header.writeUInt32LE(sourceBytes.length, 0);
      const bytecode = script.createCachedData();
      writeFileSync(cachePath, Buffer.concat([header, sourceBytes, bytecode, bytecode]));
    }
    // All output is written (main says so): exit with process.exitCode without tearing down the heap.
    if (mayExitAtOnce) process.exit();
  });
}
