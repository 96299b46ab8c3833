// `check`'s output formats through run() (one thread; batch-workers.test.ts runs the bundle with
// worker threads; batch-html.test.ts reads the HTML report in a DOM): shape, order, escaping, locations, bad inputs reported in place, exit codes.
// The stand-in engine crafts hostile evidence; the real engine shows real findings land where
// their evidence is in the file.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../src/cli/batch/formats/csv';
import * as engine from '../../src/engine/index';
import { runCli, scratchFolder, visitJson } from './fake-engine';

type Json = Record<string, unknown>;

const { dir, file } = scratchFolder('tcg-formats-');
const visit = visitJson;

/** RFC 4180 rows → cells (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  expect(cell).toBe(''); // every row ends with CRLF
  return rows;
}

describe('ndjson', () => {
  it('writes one line per visit in input order, each the JSON contract\'s result, and bad inputs in their place', async () => {
    const many = file('nd/a-many.json', JSON.stringify([visit('first relaxation'), { note: 'x', lines: 'no' }, visit('third OVERBILLED')]));
    const note = file('nd/b-note.txt', 'Massage 10 min for relaxation.');
    const broken = file('nd/c-broken.json', '{"note": ');
    const { code, stdout, stderr } = await runCli(['check', '--format', 'ndjson', join(dir, 'nd')]);
    expect(code).toBe(2);
    const lines = stdout.split('\n');
    expect(lines.pop()).toBe('');
    const parsed = lines.map((line) => JSON.parse(line) as Json);
    expect(parsed.map((p) => p.source)).toEqual([`${many}#0`, `${many}#1`, `${many}#2`, note, broken]);
    expect(parsed[1]).toEqual({ source: `${many}#1`, problem: 'bad-input', messages: ['lines: Invalid input: expected array, received string (got "no")'] });
    expect(parsed[4]).toEqual({ source: broken, problem: 'bad-input', messages: ['invalid JSON at line 1, column 10: unexpected end of input'] });
    for (const result of [parsed[0], parsed[2], parsed[3]]) expect(Object.keys(result!)).toEqual(['source', 'profile', 'findings', 'units']);
    expect(stderr).toBe(`error: ${many}#1: lines: Invalid input: expected array, received string (got "no")\nerror: ${broken}: invalid JSON at line 1, column 10: unexpected end of input\n`);

    // The same objects as the JSON contract's results.
    const json = await runCli(['check', '--format', 'json', join(dir, 'nd')]);
    expect((JSON.parse(json.stdout) as { results: Json[] }).results).toEqual([parsed[0], parsed[2], parsed[3]]);
  });

  it('reports an array entry that is not JSON alone, at its line and column in the file', async () => {
    const path = file('nd2/array.json', `[\n  ${JSON.stringify(visit('one'))},\n  {"note": "two" "lines": []},\n  ${JSON.stringify(visit('three'))}\n]\n`);
    const { code, stdout, stderr } = await runCli(['check', '--format', 'ndjson', path]);
    expect(code).toBe(2);
    expect(stdout.trim().split('\n').map((line) => (JSON.parse(line) as Json).source)).toEqual([`${path}#0`, `${path}#1`, `${path}#2`]);
    expect(stderr).toBe(`error: ${path}#1: invalid JSON at line 3, column 18: unexpected '"', expected ',' or '}'\n`);
  });
});

describe('json', () => {
  it('is exactly JSON.stringify of the contract, written result by result', async () => {
    const path = file('js/visits.json', JSON.stringify([visit('one relaxation'), visit('two OVERBILLED')]));
    const { code, stdout } = await runCli(['check', '--format', 'json', path]);
    expect(code).toBe(1);
    const data = JSON.parse(stdout) as { results: Json[] };
    expect(Object.keys(data)).toEqual(['results']);
    expect(stdout).toBe(`${JSON.stringify(data, null, 2)}\n`);
  });

  it('lists inputs that gave no result under "problems", after the results', async () => {
    const good = file('js2/good.json', JSON.stringify(visit('fine')));
    const missing = join(dir, 'js2', 'missing.json');
    const { code, stdout } = await runCli(['check', '--format', 'json', good, missing]);
    expect(code).toBe(2);
    const data = JSON.parse(stdout) as Json;
    expect(stdout).toBe(`${JSON.stringify(data, null, 2)}\n`);
    expect(Object.keys(data)).toEqual(['results', 'problems']);
    expect(data.problems).toEqual([{ source: missing, problem: 'bad-input', messages: ['no such file'] }]);

    const none = await runCli(['check', '--format', 'json', missing]);
    expect(none.stdout).toBe(`${JSON.stringify({ results: [], problems: data.problems }, null, 2)}\n`);
  });
});

describe('csv', () => {
  it('writes one row per finding, neutralises formulas and quotes what needs quoting', async () => {
    const hostile = ['=HYPERLINK("https://evil.example","x")', '+1+1', '-2', '@SUM(A1:A9)', '\tTAB', 'plain, with "quotes"\nand a line break'];
    const paths = hostile.map((evidence, i) => file(`csv/${i}.json`, JSON.stringify(visit(`Note: [[${evidence}]] end`, { payer: '=cmd|"/c calc"!A1', provider: { name: '@admin', credentials: ['PT'] } }))));
    file('csv/clean.json', JSON.stringify(visit('nothing to flag')));
    const { code, stdout } = await runCli(['check', '--format', 'csv', join(dir, 'csv')]);
    expect(code).toBe(0);
    expect(stdout.startsWith('\ufeff')).toBe(true);
    const [header, ...rows] = parseCsv(stdout.slice(1));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(hostile.length); // the clean visit has no row
    const col = (row: string[], name: (typeof CSV_COLUMNS)[number]): string => row[CSV_COLUMNS.indexOf(name)] as string;
    rows.forEach((row, i) => {
      const evidence = hostile[i] as string;
      expect(col(row, 'source')).toBe(paths[i]);
      expect(col(row, 'kind')).toBe('finding');
      expect(col(row, 'rule_id')).toBe('comfort-wording');
      const startsFormula = /^[=+\-@\t]/.test(evidence);
      expect(col(row, 'evidence')).toBe(startsFormula ? `'${evidence}` : evidence);
      expect(col(row, 'payer')).toBe(`'=cmd|"/c calc"!A1`);
      expect(col(row, 'provider')).toBe(`'@admin, PT`);
      // Where the evidence is in the file: line 1, after `{"note":"Note: [[`.
      expect(col(row, 'file_line')).toBe('1');
      expect(Number(col(row, 'file_column'))).toBe(readFileSync(paths[i] as string, 'utf8').indexOf('[[') + 3);
      expect(col(row, 'claim_line')).toBe('');
    });
    // No cell in the whole file starts a formula.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('numbers claim lines from 1 and gives bad inputs a row of their own', async () => {
    const over = file('csv2/over.json', JSON.stringify(visit('OVERBILLED')));
    const bad = file('csv2/zz.json', '[]');
    const { code, stdout } = await runCli(['check', '--format', 'csv', over, bad]);
    expect(code).toBe(2);
    const [, first, second] = parseCsv(stdout.slice(1));
    expect(first?.slice(0, 4)).toEqual([over, 'finding', 'units-minutes', 'error']);
    expect(first?.[CSV_COLUMNS.indexOf('claim_line')]).toBe('1');
    expect(second?.slice(0, 5)).toEqual([bad, 'bad-input', '', '', 'the array is empty; expected at least one Visit']);
  });
});

// ---- SARIF ----------------------------------------------------------------------------------

const require = createRequire(import.meta.url);
const sarifSchema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
const Ajv = (AjvDraft04 as unknown as { default?: typeof AjvDraft04 }).default ?? AjvDraft04;
// The schema's language-tag pattern is not valid with the u flag (an unescaped "]"); it was written for plain RegExp.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
(((addFormats as unknown as { default?: typeof addFormats }).default ?? addFormats) as typeof addFormats)(ajv as never);
const validateSarif = ajv.compile(sarifSchema);

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number } } }[];
  partialFingerprints: Record<string, string>;
  properties: { evidence?: string; source: string };
}

/** The text a SARIF region covers in a file (lines and columns 1-based, end column exclusive). */
function regionText(text: string, region: SarifResult['locations'][number]['physicalLocation']['region']): string {
  const lines = text.split('\n');
  if (region.endLine === undefined || region.endColumn === undefined) return '';
  if (region.startLine === region.endLine) return (lines[region.startLine - 1] as string).slice(region.startColumn - 1, region.endColumn - 1);
  const first = (lines[region.startLine - 1] as string).slice(region.startColumn - 1);
  const middle = lines.slice(region.startLine, region.endLine - 1);
  const last = (lines[region.endLine - 1] as string).slice(0, region.endColumn - 1);
  return [first, ...middle, last].join('\n');
}

describe('sarif', () => {
  it('is valid SARIF 2.1.0 whose results point at the evidence in each file, for the real engine', async () => {
    const sarifDir = join(dir, 'sarif');
    const examples = join(import.meta.dirname, '../../examples');
    for (const name of readdirSync(examples).filter((n) => n.endsWith('.json'))) file(`sarif/${name}`, readFileSync(join(examples, name)));
    // A pretty-printed array, and a note with escapes-worthy characters and CRLF lines.
    const array = file('sarif/array.json', JSON.stringify([JSON.parse(readFileSync(join(examples, 'aetna-problems.json'), 'utf8')), { note: 'Tab\there "quoted" — relaxation massage 97124 x4 units 10 min', lines: [] }], null, 2));
    file('sarif/note.txt', 'S: neck pain\r\nTherapeutic massage 97124 ×4 — 10 min for relaxation and stress relief.\r\nJ. Smith, LMT\r\n');
    const bad = file('sarif/zz-bad.json', '{');
    const out = join(dir, 'out.sarif');
    const { code, stdout, stderr } = await runCli(['check', '--format', 'sarif', '--out', out, sarifDir], { engine, cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`error: ${bad}: invalid JSON at line 1, column 2`);
    expect(readdirSync(dir).filter((n) => n.startsWith('out.sarif'))).toEqual(['out.sarif']); // no partial file left

    const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: Json[] } & Json;
    const valid = validateSarif(log);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    const run = log.runs[0] as { tool: { driver: { rules: Json[] } }; results: SarifResult[]; invocations: Json[] };
    const rules = run.tool.driver.rules as { id: string; help: { text: string; markdown: string }; helpUri: string; shortDescription: { text: string } }[];
    // Every rule a result can name: the single-visit rules, then the cross-visit ones.
    const metas = engine.listAllRules();
    expect(rules.map((r) => r.id)).toEqual(metas.map((r) => r.id));
    for (const [i, rule] of rules.entries()) {
      const meta = metas[i]!;
      expect(rule.shortDescription.text).toBe(meta.title);
      expect(rule.helpUri).toBe(meta.citations[0]?.url);
      expect(rule.help.text).toContain(meta.howToFix);
      for (const citation of meta.citations) expect(rule.help.markdown).toContain(`](${citation.url})`);
    }

    expect(run.results.length).toBeGreaterThan(10);
    let withEvidence = 0;
    for (const result of run.results) {
      expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
      const location = result.locations[0]!.physicalLocation;
      expect(location.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      const path = join(dir, decodeURIComponent(location.artifactLocation.uri));
      expect(relative(sarifDir, path).startsWith('..')).toBe(false);
      expect(location.region.startLine).toBeGreaterThanOrEqual(1);
      const evidence = result.properties.evidence;
      if (evidence === undefined) continue;
      withEvidence++;
      const covered = regionText(readFileSync(path, 'utf8'), location.region);
      // In a .json file the region covers the evidence as written inside the JSON string.
      expect(path.endsWith('.txt') ? covered : JSON.parse(`"${covered}"`)).toBe(evidence);
    }
    expect(withEvidence).toBeGreaterThan(5);
    expect(run.results.some((r) => r.properties.source === `${array}#1`)).toBe(true);
    // Fingerprints tell findings apart and stay the same from run to run.
    const prints = run.results.map((r) => r.partialFingerprints['claimGuardFinding/v1']);
    expect(new Set(prints).size).toBe(prints.length);

    expect(run.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: `${bad}: invalid JSON at line 1, column 2: unexpected end of input, expected a "quoted" property name` },
            descriptor: { id: 'bad-input' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'sarif/zz-bad.json', uriBaseId: '%SRCROOT%' } } }],
          },
        ],
      },
    ]);
  });

  it('gives files outside the working folder absolute file: URIs, percent-encoded', async () => {
    const odd = file('sarif-odd/a note #1.txt', 'Massage for relaxation.');
    const { stdout } = await runCli(['check', '--format', 'sarif', odd], { cwd: join(dir, 'elsewhere') });
    const log = JSON.parse(stdout) as { runs: { results: SarifResult[] }[] };
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: `file://${dir}/sarif-odd/a%20note%20%231.txt` });
  });
});

// ---- text, --out, progress, order ---------------------------------------------------------------

describe('text and --out', () => {
  it('names the inputs that could not be checked in the summary', async () => {
    const good = file('tx/good.json', JSON.stringify(visit('relaxation')));
    const { code, stdout } = await runCli(['check', good, join(dir, 'tx', 'missing.txt')]);
    expect(code).toBe(2);
    expect(stdout).toMatch(/1 visit checked, 0 with errors: 0 errors, 1 warning, 0 info\.\n1 input could not be checked \(named on stderr\)\.\n$/);
  });

  it('writes --out only when complete, and refuses an --out it cannot write', async () => {
    const good = file('out/good.json', JSON.stringify(visit('relaxation')));
    const out = join(dir, 'out', 'report.ndjson');
    const { stdout } = await runCli(['check', '--format', 'ndjson', '--out', out, good]);
    expect(stdout).toBe('');
    expect(readFileSync(out, 'utf8').split('\n')).toHaveLength(2);
    expect(statSync(out).mode & 0o777).toBe(0o600); // it quotes notes
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['good.json', 'report.ndjson']);

    const nowhere = join(dir, 'no-such-folder', 'r.html');
    const refused = await runCli(['check', '--format', 'html', '--out', nowhere, good]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`error: --out ${nowhere}: its folder does not exist\n`);
    expect(refused.engine.calls).toHaveLength(0);
    expect(existsSync(nowhere)).toBe(false);
  });
});

describe('progress', () => {
  const folder = (): string => {
    for (let i = 0; i < 3; i++) file(`pg/${i}.json`, JSON.stringify(visit('relaxation')));
    return join(dir, 'pg');
  };

  it('draws files done of the total and visits per second on a terminal\'s stderr, and clears it', async () => {
    const { stderr, stdout } = await runCli(['check', '--format', 'ndjson', folder()], { terminal: { stdout: false, stderr: true } });
    expect(stdout.split('\n')).toHaveLength(4);
    expect(stderr).toMatch(/^\r\x1b\[2Kchecking: \d\/3 files · \d visits · [\d,]+ visits\/s/);
    expect(stderr.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('stays silent in CI and pipes, and when the report itself is on the terminal', async () => {
    expect((await runCli(['check', '--format', 'ndjson', folder()])).stderr).toBe('');
    expect((await runCli(['check', folder()], { terminal: { stdout: true, stderr: true } })).stderr).toBe('');
  });
});
