// `npm run accuracy`: every accuracy measurement of the product, one after the other. Each step is a
// script that prints its figures (lines naming precision, recall, units or pages) and exits
// non-zero when a figure is below its floor. To add a measurement (e.g. reading EHR pages), add
// its script to STEPS. Arguments (e.g. --raise-floor) are passed to every step.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const STEPS = [
  { name: 'notes (labelled visits: rule precision and recall, units)', script: 'scripts/accuracy-notes.mjs' },
];

const results = STEPS.map((step) => {
  console.log(`\n=== accuracy: ${step.name}`);
  const run = spawnSync(process.execPath, [resolve(ROOT, step.script), ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
  return { step, status: run.status ?? 1 };
});

console.log('\n=== accuracy summary');
for (const { step, status } of results) console.log(`  ${status === 0 ? 'ok    ' : `FAILED (exit ${status})`}  ${step.name}`);
process.exit(Math.max(0, ...results.map((r) => r.status)));
