// Writes manifest/managed_schema.json from the zod settings schema (src/settings/chrome-schema.ts).
//
//   node scripts/managed-schema.mjs          write the file
//   node scripts/managed-schema.mjs --check  exit 1 when the committed file differs (CI)
//
// The TypeScript module is bundled in memory with esbuild (already a dev dependency), so this runs
// on plain Node without a TypeScript loader. build.mjs ships whatever the file holds.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importTs } from './import-ts.mjs';

const REPO = fileURLToPath(new URL('../', import.meta.url));
export const SCHEMA_FILE = `${REPO}manifest/managed_schema.json`;

/** The schema text as the code generates it. */
export async function generatedSchemaText() {
  const module = await importTs(`${REPO}src/settings/chrome-schema.ts`);
  return module.managedSchemaText();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = await generatedSchemaText();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      // missing counts as different
    }
    if (current !== text) {
      console.error('manifest/managed_schema.json is out of date: run `node scripts/managed-schema.mjs`');
      process.exit(1);
    }
    console.log('manifest/managed_schema.json is up to date');
  } else {
    writeFileSync(SCHEMA_FILE, text);
    console.log(`wrote ${SCHEMA_FILE}`);
  }
}
