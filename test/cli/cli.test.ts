// The built command line (cli.mjs) with the real engine, as a user runs it. The detailed cases live
// in run.test.ts; these check that the bundle is wired and honours the contract end to end.
// It is built with build.mjs's own buildNodeTargets into a private folder: other test files may be
// rebuilding dist/ at the same time, and the extension build (with its size budgets) is not ours.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
let dir = '';
let cliPath = '';

function cli(...args: string[]) {
  const out = spawnSync(process.execPath, [cliPath, ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

const goodNote = [
  'S: Neck pain 6/10 limits driving and overhead reaching at work.',
  'O: Palpable hypertonicity and guarding R upper trapezius; cervical rotation R 40 degrees.',
  'Therapeutic massage -- 25 min: effleurage and petrissage to R upper trapezius to reduce hypertonicity limiting rotation.',
  'Therapeutic exercise -- 15 min: cervical stabilization.',
  'Total timed minutes: 40. Post: pain 3/10, rotation 52 degrees.',
  'A: Improved rotation supports driving. P: continue per plan of care.',
  'J. Smith, PT',
].join('\n');

const visits = [
  {
    payer: 'Medicare',
    note: goodNote,
    lines: [
      { code: '97124', modifiers: ['GP'], units: 2, minutes: 25, dx: ['M62.838'] },
      { code: '97110', modifiers: ['GP'], units: 1, minutes: 15, dx: ['M62.838'] },
    ],
  },
  { payer: 'medicare', note: 'Therapeutic massage 10 min for relaxation.', lines: [{ code: '97124', units: 4, minutes: 10 }] },
];

type Json = Record<string, unknown>;
const ALLOWED_FINDING_KEYS = ['ruleId', 'severity', 'message', 'evidence', 'line', 'citations', 'suggestion'];

/** Fails with the offending path when the output strays from the documented shape. */
function assertContract(output: unknown): void {
  const results = (output as { results: Json[] }).results;
  expect(Object.keys(output as Json)).toEqual(['results']);
  for (const result of results) {
    expect(Object.keys(result)).toEqual(['source', 'profile', 'findings', 'units']);
    expect(typeof result.source).toBe('string');
    expect(typeof result.profile).toBe('string');
    for (const finding of result.findings as Json[]) {
      expect(ALLOWED_FINDING_KEYS).toEqual(expect.arrayContaining(Object.keys(finding)));
      expect(['error', 'warning', 'info']).toContain(finding.severity);
      expect(typeof finding.ruleId).toBe('string');
      expect(typeof finding.message).toBe('string');
      for (const c of finding.citations as Json[]) expect(Object.keys(c)).toEqual(['title', 'url']);
      if (finding.evidence) {
        const keys = Object.keys(finding.evidence as Json);
        expect(['part', 'start', 'end', 'text']).toEqual(expect.arrayContaining(keys));
        expect(keys).toEqual(expect.arrayContaining(['start', 'end', 'text']));
      }
      if ('line' in finding) expect(Number.isInteger(finding.line)).toBe(true);
    }
    const units = result.units as Json;
    expect(Object.keys(units)).toEqual(['method', 'totalTimedMinutes', 'expected', 'billed']);
    expect(['cms', 'per-code']).toContain(units.method);
  }
}

const anyError = (output: { results: { findings: { severity: string }[] }[] }): boolean =>
  output.results.some((r) => r.findings.some((f) => f.severity === 'error'));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tcg-spawn-'));
  const build = "const { buildNodeTargets } = await import('./build.mjs'); await buildNodeTargets(process.argv[1]);";
  execFileSync(process.execPath, ['--input-type=module', '-e', build, join(dir, 'dist')], { cwd: root, stdio: 'pipe' });
  cliPath = join(dir, 'dist', 'cli.mjs');
  writeFileSync(join(dir, 'visits.json'), JSON.stringify(visits));
  writeFileSync(join(dir, 'good.txt'), `${goodNote}\n97124-GP x2\n97110-GP x1\n`);
  writeFileSync(join(dir, 'good-utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${goodNote}\n97124-GP x2\n97110-GP x1\n`, 'utf16le')]));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify([visits[0], { note: 'x', lines: [{ code: '97124', units: -1 }] }]));
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('dist/cli.mjs', () => {
  it('prints its version', () => {
    const { code, stdout } = cli('--version');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^therapy-claim-guard \d+\.\d+\.\d+ \(rule data \S+, as of \d{4}-\d{2}-\d{2}\)\n$/);
  });

  it('check --format json keeps the contract, and the exit code follows error findings', () => {
    const { code, stdout, stderr } = cli('check', '--format', 'json', 'visits.json', 'good.txt');
    expect(stderr).toBe('');
    const output = JSON.parse(stdout) as { results: { source: string; profile: string; units: Json; findings: { severity: string }[] }[] };
    assertContract(output);
    expect(code).toBe(anyError(output) ? 1 : 0);
    expect(output.results.map((r) => r.source)).toEqual(['visits.json#0', 'visits.json#1', 'good.txt']);
    expect(output.results[0]?.profile).toBe('medicare');
    // Over-billed: 4 units on the claim, 10 documented minutes support 1.
    expect(output.results[1]?.units).toMatchObject({ method: 'cms', totalTimedMinutes: 10, expected: { '97124': 1 }, billed: { '97124': 4 } });
  });

  it('--payer overrides the visit payer', () => {
    const { stdout } = cli('check', '--format', 'json', '--payer', 'aetna', 'visits.json');
    const output = JSON.parse(stdout) as { results: { profile: string; units: { method: string } }[] };
    expect(output.results.map((r) => r.profile)).toEqual(['aetna', 'aetna']);
  });

  it('reads a UTF-16 note exactly like its UTF-8 twin', () => {
    const utf8 = JSON.parse(cli('check', '--format', 'json', 'good.txt').stdout) as { results: Json[] };
    const utf16 = JSON.parse(cli('check', '--format', 'json', 'good-utf16.txt').stdout) as { results: Json[] };
    expect({ ...utf16.results[0], source: 'x' }).toEqual({ ...utf8.results[0], source: 'x' });
  });

  it('text format groups findings and ends with the units line and a summary', () => {
    const { code, stdout } = cli('check', 'visits.json');
    expect([0, 1]).toContain(code);
    expect(stdout).toMatch(/^visits\.json#0 — profile medicare /);
    expect(stdout).toContain('  Units, CMS total time: 10 timed min; expected 97124 ×1; billed 97124 ×4');
    expect(stdout).toMatch(/2 visits checked, \d with errors: \d+ errors?, \d+ warnings?, \d+ info\.\n$/);
  });

  it('exits 2 naming the file, the entry and the field, without a stack trace, and checks the rest', () => {
    const { code, stdout, stderr } = cli('check', 'bad.json', 'missing.txt');
    expect(code).toBe(2);
    expect(stdout).toMatch(/^bad\.json#0 — profile medicare/);
    expect(stdout).toContain('1 visit checked');
    expect(stdout).toContain('2 inputs could not be checked (named on stderr).');
    expect(stderr).toContain('error: bad.json#1: lines.0.units: ');
    expect(stderr).toContain('error: missing.txt: no such file');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('units prints the CMS allocation', () => {
    const { code, stdout } = cli('units', '97112=20', '97110=20', '--untimed', '97014');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      method: 'cms',
      totalTimedMinutes: 40,
      totalUnits: 4,
      units: { '97112': 2, '97110': 1, '97014': 1 },
    });
    expect(cli('units', '97124=x').code).toBe(2);
  });

  it('rules --format json gives every rule a level under every profile', () => {
    const { code, stdout } = cli('rules', '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { profiles: { id: string }[]; rules: { id: string; levels: Json; citations: unknown[] }[] };
    const ids = report.profiles.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['medicare', 'commercial']));
    expect(report.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['units-minutes', 'comfort-wording']));
    for (const rule of report.rules) {
      expect(Object.keys(rule.levels).sort()).toEqual([...ids].sort());
      // How many citations a rule has is the rules' meta-test's business; here only their shape.
      for (const c of rule.citations) expect(Object.keys(c as Json)).toEqual(['title', 'url']);
    }
  });

  it('evaluate scores the project\'s labelled examples and sets the exit code from the limits', () => {
    const examples = join(root, 'test/fixtures/labelled/examples');
    const met = cli('evaluate', '--format', 'json', '--min-recall', '0.5', examples);
    expect(met.stderr).toBe('');
    expect(met.code).toBe(0);
    const report = JSON.parse(met.stdout) as { cases: number; totals: { pairs: number; recall: number }; met: boolean };
    expect(report.cases).toBeGreaterThanOrEqual(3);
    expect(report.totals.pairs).toBeGreaterThan(0);
    expect(report.met).toBe(true);
    // Every required finding switched off: recall 0, below the limit.
    const off = ['comfort-wording', 'units-minutes', 'standalone-massage', 'assistant-modifier', 'discipline-modifier'].flatMap((id) => ['--rule', `${id}=off`]);
    const notMet = cli('evaluate', '--summary', '--min-recall', '0.5', ...off, examples);
    expect(notMet.code).toBe(1);
    expect(notMet.stdout).toMatch(/^recall 0\.000 /m);
    expect(notMet.stdout).toContain('NOT MET: recall 0.000, required ≥ 0.500');
  });

  it('check --explain adds the reading to the text and the JSON', () => {
    const text = cli('check', '--explain', 'good.txt');
    expect(text.stdout).toContain('  What the engine read');
    expect(text.stdout).toContain('      97124: 25 min from the note');
    const json = JSON.parse(cli('check', '--explain', '--format', 'json', 'good.txt').stdout) as { results: { reading: { times: { items: { code: string; minutes: number }[] } } }[] };
    expect(json.results[0]?.reading.times.items).toEqual(expect.arrayContaining([expect.objectContaining({ code: '97124', minutes: 25 })]));
  });

  it('schema prints the Visit JSON Schema', () => {
    const { code, stdout } = cli('schema');
    expect(code).toBe(0);
    const schema = JSON.parse(stdout) as { properties: Json };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['note', 'lines']));
  });
});
