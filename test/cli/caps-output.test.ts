// @vitest-environment jsdom
// `check` on a visit whose findings pass the engine's caps (1,001 comfort sentences): every format
// stays valid and says the exact number left out — text and HTML counts, "+N more" lines, the JSON
// contract's `truncated`, CSV rows of kind `omitted`, SARIF results that count them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../src/cli/batch/formats/csv';
import * as engine from '../../src/engine/index';
import { FINDINGS_LIMITS } from '../../src/shared/limits';
import { comfortVisit } from '../fixtures/repeated-findings';
import { runCli, scratchFolder } from './fake-engine';

const { dir, file } = scratchFolder('tcg-caps-');
const MORE = 1001 - FINDINGS_LIMITS.perRule;
const past = file('caps/past.json', JSON.stringify(comfortVisit(1001)));
const at = file('caps/at.json', JSON.stringify(comfortVisit(FINDINGS_LIMITS.perRule)));
const uncapped = engine.check(comfortVisit(1001), { findingsLimits: { perRule: 1e9, total: 1e9 } });

async function check(format: string, input = past): Promise<string> {
  const { code, stdout } = await runCli(['check', '--format', format, input], { engine, cwd: dir });
  expect(code).toBe(1);
  return stdout;
}

describe('check output past the findings caps', () => {
  it('json and ndjson: the contract lists the capped findings and `truncated` with exact counts', async () => {
    const json = JSON.parse(await check('json')) as { results: Array<{ findings: unknown[]; truncated?: unknown }> };
    const [result] = json.results;
    expect(result?.findings.length).toBe(uncapped.findings.length - MORE);
    expect(result?.truncated).toEqual({ total: uncapped.findings.length, shown: uncapped.findings.length - MORE, rules: { 'comfort-wording': { count: 1001, shown: FINDINGS_LIMITS.perRule } } });
    const ndjson = (await check('ndjson')).trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(ndjson).toEqual(json.results);
    // At the cap nothing is cut, and the contract has no `truncated`.
    const whole = JSON.parse(await check('json', at)) as { results: Array<Record<string, unknown>> };
    expect(Object.keys(whole.results[0] ?? {})).not.toContain('truncated');
  });

  it('text: the group count is exact and the rule says "+N more"', async () => {
    const text = await check('text');
    const errors = uncapped.findings.filter((f) => f.severity === 'error' && !f.relatedTo).length;
    expect(text).toContain(`  Errors (${errors.toLocaleString('en-US')})`);
    expect(text).toContain(`    +${MORE} more comfort-wording findings not listed (1,001 in all)`);
    expect(text).toMatch(new RegExp(`1 visit checked, 1 with errors: ${errors} errors,`));
  });

  it('csv: one row of kind `omitted` with the exact count, no formula', async () => {
    const csv = await check('csv');
    const rows = csv.slice(1).trimEnd().split('\r\n').map((line) => line.split(','));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const kind = CSV_COLUMNS.indexOf('kind');
    expect(rows.filter((r) => r[kind] === 'finding')).toHaveLength(uncapped.findings.length - MORE);
    const omitted = rows.filter((r) => r[kind] === 'omitted');
    expect(omitted).toHaveLength(1);
    expect(omitted[0]?.[CSV_COLUMNS.indexOf('rule_id')]).toBe('comfort-wording');
    expect(csv).toContain(`,omitted,comfort-wording,error,"${MORE} more comfort-wording findings not listed (1,001 in all)",`);
  });

  it('sarif: valid 2.1.0, with one result that counts the findings left out', async () => {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    const Ajv = (AjvDraft04 as unknown as { default?: typeof AjvDraft04 }).default ?? AjvDraft04;
    // The SARIF schema's patterns are not valid `u` expressions (as in batch-formats.test.ts).
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    (((addFormats as unknown as { default?: typeof addFormats }).default ?? addFormats) as typeof addFormats)(ajv as never);
    const validate = ajv.compile(schema);
    const log = JSON.parse(await check('sarif')) as { runs: Array<{ results: Array<{ ruleId: string; message: { text: string }; properties: Record<string, unknown> }> }> };
    validate(log);
    expect(validate.errors ?? []).toEqual([]);
    const results = log.runs[0]!.results;
    expect(results).toHaveLength(uncapped.findings.length - MORE + 1);
    const counted = results.filter((r) => r.properties.omitted !== undefined);
    expect(counted).toEqual([expect.objectContaining({ ruleId: 'comfort-wording', message: { text: `+${MORE} more comfort-wording findings not listed (1,001 in all)` } })]);
    expect(counted[0]?.properties).toMatchObject({ omitted: MORE, count: 1001, shown: FINDINGS_LIMITS.perRule });
  });

  it('html: the counts per rule are exact and the visit says "+N more"', async () => {
    const doc = new DOMParser().parseFromString(await check('html'), 'text/html');
    const comfortRow = [...doc.querySelectorAll('#summary tr')].find((tr) => tr.querySelector('code')?.textContent === 'comfort-wording');
    expect([...(comfortRow?.querySelectorAll('td.n') ?? [])].map((td) => td.textContent)).toEqual(['1001', '0', '0', '1']);
    const errors = uncapped.findings.filter((f) => f.severity === 'error').length;
    expect([...doc.querySelectorAll('#summary .card')].map((c) => c.textContent)).toContain(`${errors.toLocaleString('en-US')}errors`);
    const article = doc.querySelector('#visits article');
    expect(article?.querySelectorAll('ol.findings > li:not(.more)')).toHaveLength(uncapped.findings.filter((f) => !f.relatedTo).length - MORE);
    expect(article?.querySelector('li.more')?.textContent).toBe(`Error +${MORE} more comfort-wording findings not listed (1,001 in all)`);
  });

  it('across visits: each visit keeps its exact `truncated`, and the cross-visit result follows with its own findings', async () => {
    // The same capped note twice for one patient: two own results past the caps, then cloned-note.
    const dated = (date: string) => ({ ...comfortVisit(1001), id: undefined, patient: { id: 'P1' }, dateOfService: date });
    const series = file('caps/series.json', JSON.stringify([dated('2026-03-02'), dated('2026-03-09')]));
    const lines = (await check('ndjson', series)).trim().split('\n').map((line) => JSON.parse(line) as { crossVisit?: true; findings: Array<{ ruleId: string }>; truncated?: { rules: Record<string, unknown> } });
    const own = lines.filter((l) => !l.crossVisit);
    expect(own).toHaveLength(2);
    for (const result of own) expect(result.truncated?.rules).toEqual({ 'comfort-wording': { count: 1001, shown: FINDINGS_LIMITS.perRule } });
    const across = lines.filter((l) => l.crossVisit);
    expect(across.map((l) => l.findings.map((f) => f.ruleId))).toEqual([['cloned-note']]);
    expect(across[0]).not.toHaveProperty('truncated');
    const text = await check('text', series);
    expect(text.match(/\+951 more comfort-wording findings not listed \(1,001 in all\)/g)).toHaveLength(2);
    expect(text).toContain('Across visits: 2 visits of 1 patient compared, 1 with cross-visit findings.');
  });
});
