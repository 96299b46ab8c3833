// Every finding on every labelled set, held word for word: any change that adds, drops or moves a
// finding on a labelled visit fails here, even when the accuracy floors still hold. Performance work
// must leave this green. A change meant to alter findings updates the record in the same commit:
//   npx vitest run --project unit test/engine/labelled-findings.test.ts -u
// and the diff of test/engine/__snapshots__/labelled-findings*.txt shows what changed.
// The shared labelled set lives beside the repository and may be absent: then only the project's own
// labelled sets are held. Its record keeps no text from it (no sentence of the shared set is copied
// into the repository): evidence and message are held by a hash.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCases } from '../../src/cli/evaluate/check-cases';
import { loadCases } from '../../src/cli/evaluate/cases';
import * as engine from '../../src/engine/index';
import type { Finding } from '../../src/engine/types';

const ROOT = join(import.meta.dirname, '..', '..');
const PROJECT_SETS = join(ROOT, 'test/fixtures/labelled');
const SHARED_SET = join(ROOT, '../shared/corpus/labelled');
// Every project set is in the record: a blind set joins it once the lead has measured it (holdout15 and
// holdout16 joined in round 16).
const RECORDED_SETS = readdirSync(PROJECT_SETS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join(PROJECT_SETS, d.name))
  .sort();

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** One line per finding: rule, severity, claim line, evidence (part, offsets, text) and message (or their hash). */
function findingLine(f: Finding, quote: boolean): string {
  const line = f.line === undefined ? '' : ` line ${f.line}`;
  const related = f.relatedTo ? ` (follows ${f.relatedTo.ruleId})` : '';
  const where = f.evidence ? ` @${f.evidence.part ? `${f.evidence.part}:` : ''}${f.evidence.start}-${f.evidence.end}` : '';
  if (!quote) return `  ${f.ruleId} ${f.severity}${line}${related}${where} #${hash(`${f.evidence?.text ?? ''}\n${f.message}`)}`;
  return `  ${f.ruleId} ${f.severity}${line}${related}${where}${f.evidence ? ` ${JSON.stringify(f.evidence.text)}` : ''}\n    ${f.message}`;
}

async function findingsRecord(folders: string[], quote: boolean): Promise<string> {
  const knownRules = new Set(engine.listAllRules().map((r) => r.id));
  const loaded = await loadCases(folders, knownRules);
  expect(loaded.problems).toEqual([]);
  expect(loaded.cases.length).toBeGreaterThan(0);
  const scored = checkCases(loaded.cases, engine, undefined);
  const out: string[] = [];
  for (const { labelled, result } of scored) {
    const source = labelled.source.startsWith(ROOT) ? labelled.source.slice(ROOT.length + 1) : labelled.source.replace(/^.*corpus\//, 'corpus/');
    out.push(`${labelled.id} (${source})`);
    if (result.findings.length === 0) out.push('  no findings');
    for (const f of result.findings) out.push(findingLine(f, quote));
    const units = result.units;
    out.push(`  units ${JSON.stringify(units)}`);
  }
  return `${out.join('\n')}\n`;
}

describe('findings on the labelled sets are unchanged', () => {
  it('the project labelled sets (test/fixtures/labelled)', async () => {
    await expect(await findingsRecord(RECORDED_SETS, true)).toMatchFileSnapshot('__snapshots__/labelled-findings.txt');
  });

  it.skipIf(!existsSync(SHARED_SET))('the shared labelled set (../shared/corpus/labelled), when present', async () => {
    await expect(await findingsRecord([SHARED_SET], false)).toMatchFileSnapshot('__snapshots__/labelled-findings-shared.txt');
  });
});
