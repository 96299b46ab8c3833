// One build for every target: `node build.mjs` writes
//   dist/cli.mjs      the command line (single file, Node 20)
//   dist/engine.mjs   the engine as an ES module (benchmarks, scripts)
// Extension targets (dist/chrome, dist/firefox, zips) are added in the extension section below.
import * as esbuild from 'esbuild';
import { mkdirSync, statSync } from 'node:fs';

const args = new Set(process.argv.slice(2));

export async function buildNodeTargets() {
  mkdirSync('dist', { recursive: true });
  const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning', legalComments: 'none' };
  await esbuild.build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.mjs', banner: { js: '#!/usr/bin/env node' } });
  await esbuild.build({ ...common, entryPoints: ['src/engine/index.ts'], outfile: 'dist/engine.mjs' });
}

function kb(file) {
  return `${(statSync(file).size / 1024).toFixed(1)} KB`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildNodeTargets();
  if (!args.has('--quiet')) console.log(`built dist/cli.mjs (${kb('dist/cli.mjs')}), dist/engine.mjs (${kb('dist/engine.mjs')})`);
}
