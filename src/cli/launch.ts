// dist/cli.mjs: starts the command line from a V8 code cache, so a cold `check` does not parse and
// compile ~700 KB of JavaScript again on every run. (Node 20 has no module compile cache:
// module.enableCompileCache came in Node 22.)
//
//   dist/cli-bundle.cjs  the command line itself (src/cli/main.ts, bundled as CommonJS)
//   dist/cli.cache       V8's bytecode for it, written by build.mjs after a representative run, so
//                        it holds the functions a check runs, not only the top level
//
// The cache starts with the CRC-32 of the bundle it was made from. V8 itself checks only the
// source's length (plus its own version and flags), so a cache from another build of the same
// length would otherwise be accepted. A missing, stale or rejected cache costs time, never
// correctness: V8 then compiles the source as usual.
//
// Worker threads of a batch `check` start from this file too (main.ts tells them apart), so each
// of them also skips the compile.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** Set by build.mjs only: run the command, then write the code cache of everything it compiled. */
const WRITE_CACHE_ENV = 'THERAPY_CLAIM_GUARD_WRITE_CODE_CACHE';
const HEADER_BYTES = 4;

const bundleUrl = new URL('./cli-bundle.cjs', import.meta.url);
const cacheUrl = new URL('./cli.cache', import.meta.url);
const filename = fileURLToPath(bundleUrl);
const sourceBytes = readFileSync(bundleUrl);
const { crc32 } = process.getBuiltinModule('node:zlib');
const checksum = crc32(sourceBytes);
const writing = process.env[WRITE_CACHE_ENV] === '1';

function cachedBytecode(): Buffer | undefined {
  if (writing) return undefined;
  let cache: Buffer;
  try {
    cache = readFileSync(cacheUrl);
  } catch {
    return undefined; // not built (a bundle copied alone): compile as usual
  }
  if (cache.length <= HEADER_BYTES || cache.readUInt32LE(0) !== checksum) return undefined;
  return cache.subarray(HEADER_BYTES);
}

// The CommonJS wrapper Node itself would use, so the bundle sees require, module and __dirname.
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${sourceBytes.toString('utf8')}\n})`, {
  filename,
  cachedData: cachedBytecode(),
});
const bundle: { exports: { main?: (script: URL) => Promise<void> } } = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(bundleUrl), bundle, filename, fileURLToPath(new URL('.', bundleUrl)));
if (typeof bundle.exports.main !== 'function') throw new Error(`${filename} does not export main()`);
const done = bundle.exports.main(new URL(import.meta.url));

if (writing) {
  await done;
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(checksum, 0);
  writeFileSync(cacheUrl, Buffer.concat([header, script.createCachedData()]));
}
