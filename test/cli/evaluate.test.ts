// `evaluate` through run(), with a stand-in engine whose findings and units come from markers in the
// note ("fire:RULE:SEVERITY", "units:CODE=N", "method:cms"), so every figure is known in advance:
// exit codes, limits, the JSON shape, the text report, bad files and cases, folders and arrays.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliEngine } from '../../src/cli/context';
import { run } from '../../src/cli/run';
import { listHistoryRules } from '../../src/engine/history';
import type { CheckOptions, CheckResult, Finding, RuleMeta, Severity } from '../../src/engine/types';
import type { Visit } from '../../src/engine/visit';

const RULE_IDS = ['comfort-wording', 'minutes-missing', 'units-minutes', 'functional-goal', 'massage-units'];
const RULES: RuleMeta[] = RULE_IDS.map((id) => ({ id, title: id, defaultSeverity: 'warning', scope: 'visit', rationale: 'r', howToFix: 'f', citations: [] }));

function markerEngine(): CliEngine & { calls: { visit: Visit; options?: CheckOptions }[] } {
  const calls: { visit: Visit; options?: CheckOptions }[] = [];
  return {
    calls,
    DATA_VERSION: { version: 'test', asOf: '2026-01-01' },
    listAllRules: () => [...RULES.map((r) => ({ ...r, acrossVisits: false })), ...listHistoryRules().map((r) => ({ ...r, acrossVisits: true }))],
    listProfiles: () => [
      { id: 'medicare', name: 'Medicare', description: '' },
      { id: 'commercial', name: 'Commercial', description: '' },
    ],
    resolveProfile: () => ({ unitMethod: 'per-code', rules: {} }),
    check(visit, options) {
      calls.push({ visit, options });
      const note = typeof visit.note === 'string' ? visit.note : visit.note.map((p) => p.text).join('\n\n');
      if (note.includes('CRASH')) throw new Error('boom');
      const findings: Finding[] = [];
      for (const m of note.matchAll(/fire:([a-z-]+):(error|warning|info)/g)) {
        const ruleId = m[1]!;
        if (options?.ruleLevels?.[ruleId] === 'off' || options?.disabledRules?.includes(ruleId)) continue;
        findings.push({
          ruleId,
          title: ruleId,
          severity: m[2] as Severity,
          message: `${ruleId} fired here`,
          evidence: { start: m.index, end: m.index + m[0].length, text: m[0] },
          citations: [],
          profile: 'commercial',
        });
      }
      const expected: Record<string, number> = {};
      for (const m of note.matchAll(/units:(\d{5})=(\d+)/g)) expected[m[1]!] = Number(m[2]);
      const method = note.includes('method:cms') || options?.profile === 'medicare' ? 'cms' : 'per-code';
      const result: CheckResult = {
        findings,
        units: { method, totalTimedMinutes: null, expected, expectedTimedUnits: null, billed: {}, alternatives: [], minutesByCode: {}, timedOrder: [] },
        profile: { id: options?.profile ?? 'commercial', name: 'x', matchedBy: 'default' },
        dataVersion: { version: 'test', asOf: '2026-01-01' },
      };
      return result;
    },
  };
}

async function cli(args: string[]) {
  const engine = markerEngine();
  let stdout = '';
  let stderr = '';
  const code = await run(args, { engine, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr, engine };
}

let dir = '';
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const visitWith = (note: string) => ({ note, lines: [{ code: '97124', units: 1 }] });

// The set below, worked out by hand:
//   one:   must comfort-wording (fires, TP), must minutes-missing (silent, miss),
//          mustNot units-minutes (fires at warning, FA), mustNotError functional-goal (fires at warning: no FA)
//          units per-code {97124: 2, 97110: 1}; engine per-code {97124: 2}: 1 of 2 codes, case not exact
//   two:   must minutes-missing (fires at error, TP), mustNot comfort-wording (fires at error: FA at error)
//          units cms {97124: 1}; engine cms {97124: 1}: exact
// Totals: pairs 6, TP 2, FA 2, miss 1 → precision 0.5, recall 0.667; units 2 of 3 codes, 1 of 2 cases.
const ONE = {
  id: 'one',
  about: 'first case',
  visit: visitWith('fire:comfort-wording:warning fire:units-minutes:warning fire:functional-goal:warning units:97124=2'),
  must: ['comfort-wording', 'minutes-missing'],
  mustNot: ['units-minutes'],
  mustNotError: ['functional-goal'],
  units: { method: 'per-code', expected: { '97124': 2, '97110': 1 } },
  why: { 'minutes-missing': 'no minutes are written for 97124' },
};
const TWO = {
  id: 'two',
  visit: visitWith('fire:minutes-missing:error fire:comfort-wording:error units:97124=1 method:cms'),
  must: ['minutes-missing'],
  mustNot: ['comfort-wording'],
  units: { method: 'cms', expected: { '97124': 1 } },
};

let setDir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tcg-evaluate-'));
  setDir = join(dir, 'set');
  file('set/one.json', ONE);
  file('set/nested/two.json', TWO);
  file('set/README.md', '# not a case: skipped');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Report {
  inputs: string[];
  files: number;
  problems: string[];
  cases: number;
  totals: Record<string, number | null>;
  rules: Record<string, unknown>[];
  falseAlarmsAtError: number;
  units: Record<string, unknown>;
  falseAlarms: Record<string, unknown>[];
  misses: Record<string, unknown>[];
  thresholds: Record<string, unknown>[];
  met: boolean;
}

describe('evaluate: scores and report', () => {
  it('scores a folder of cases (nested, other files skipped) and prints the JSON report', async () => {
    const { code, stdout, stderr } = await cli(['evaluate', '--format', 'json', setDir]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(Object.keys(report)).toEqual(['inputs', 'files', 'problems', 'cases', 'totals', 'rules', 'falseAlarmsAtError', 'units', 'falseAlarms', 'misses', 'thresholds', 'met']);
    expect(report).toMatchObject({ inputs: [setDir], files: 2, problems: [], cases: 2, falseAlarmsAtError: 1, thresholds: [], met: true });
    expect(report.totals).toEqual({ pairs: 6, truePositives: 2, falseAlarms: 2, misses: 1, precision: 0.5, recall: 2 / 3 });
    expect(report.units).toMatchObject({ cases: 2, casesExact: 1, codes: 3, codesExact: 2, methodAgreed: 2 });
    // Rules follow the engine's order.
    expect(report.rules.map((r) => r.ruleId)).toEqual(['comfort-wording', 'minutes-missing', 'units-minutes', 'functional-goal']);
    expect(report.rules[0]).toEqual({ ruleId: 'comfort-wording', pairs: 2, truePositives: 1, falseAlarms: 1, misses: 0, precision: 0.5, recall: 1 });
    // Files are read in path order: set/nested/two.json before set/one.json.
    expect(report.falseAlarms.map((f) => [f.caseId, f.ruleId, f.severity])).toEqual([
      ['two', 'comfort-wording', 'error'],
      ['one', 'units-minutes', 'warning'],
    ]);
    expect(report.misses).toEqual([{ caseId: 'one', source: join(setDir, 'one.json'), ruleId: 'minutes-missing', why: 'no minutes are written for 97124' }]);
  });

  it('prints a text report: per-rule table, totals, units, then each false alarm, miss and units disagreement', async () => {
    const { code, stdout } = await cli(['evaluate', setDir]);
    expect(code).toBe(0);
    expect(stdout).toContain('Scored 2 labelled cases from 2 files');
    expect(stdout).toMatch(/^rule\s+pairs\s+TP\s+FA\s+miss\s+precision\s+recall$/m);
    expect(stdout).toMatch(/^comfort-wording\s+2\s+1\s+1\s+0\s+0\.500\s+1\.000$/m);
    expect(stdout).toMatch(/^units-minutes\s+1\s+0\s+1\s+0\s+0\.000\s+–$/m);
    expect(stdout).toMatch(/^all rules\s+6\s+2\s+2\s+1\s+0\.500\s+0\.667$/m);
    expect(stdout).toContain('precision 0.500 (2 of 4 findings on labelled pairs were right; 2 false alarms)');
    expect(stdout).toContain('recall 0.667 (2 of 3 required findings fired; 1 missed)');
    expect(stdout).toContain('units: 2 of 3 codes exact, 1 of 2 cases exact, unit method agreed in 2 of 2');
    expect(stdout).toContain('false alarms at severity error: 1');
    expect(stdout).toContain('False alarms (2)');
    expect(stdout).toContain(`  two  comfort-wording [error] (must not fire)  ${join(setDir, 'nested', 'two.json')}`);
    expect(stdout).toContain('      error: comfort-wording fired here');
    expect(stdout).toContain('        "fire:comfort-wording:error"  [27-53]');
    expect(stdout).toContain('Misses (1)');
    expect(stdout).toContain('  one  minutes-missing did not fire');
    expect(stdout).toContain('      label: no minutes are written for 97124');
    expect(stdout).toContain('Units disagreements (1 case)');
    expect(stdout).toContain('      97110 expected 1, engine 0');
  });

  it('--summary leaves out the case-by-case lists', async () => {
    const { stdout } = await cli(['evaluate', '--summary', setDir]);
    expect(stdout).toContain('precision 0.500');
    expect(stdout).not.toContain('False alarms (');
    expect(stdout).not.toContain('Misses (');
  });

  it('reads a file holding an array of cases, numbering them FILE#index', async () => {
    const path = file('array.json', [ONE, TWO]);
    const { code, stdout } = await cli(['evaluate', '--format', 'json', path]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.cases).toBe(2);
    expect(report.misses[0]?.source).toBe(`${path}#0`);
  });

  it('hands each visit to the engine with the --payer, --policy and --rule options', async () => {
    const policy = file('policy.json', { ruleLevels: { 'functional-goal': 'error' }, disabledRules: ['units-minutes'] });
    const { engine, stdout } = await cli(['evaluate', '--format', 'json', '--payer', 'medicare', '--policy', policy, '--rule', 'comfort-wording=off', setDir]);
    expect(engine.calls).toHaveLength(2);
    expect(engine.calls[0]?.options).toEqual({
      profile: 'medicare',
      ruleLevels: { 'functional-goal': 'error', 'comfort-wording': 'off' },
      disabledRules: ['units-minutes'],
    });
    // With comfort-wording off and units-minutes disabled: TP only minutes-missing in two, no FA left.
    const report = JSON.parse(stdout) as Report;
    expect(report.totals).toMatchObject({ truePositives: 1, falseAlarms: 0, misses: 2 });
  });
});

describe('evaluate: limits and exit codes', () => {
  it('exits 0 when every limit is met (a limit equal to the figure is met)', async () => {
    const { code, stdout } = await cli(['evaluate', '--min-precision', '0.5', '--min-recall', '0.6', '--min-units', '0.6', '--max-error-false-alarms', '1', setDir]);
    expect(code).toBe(0);
    expect(stdout).toContain('met: precision 0.500, required ≥ 0.500');
    expect(stdout).toContain('met: recall 0.667, required ≥ 0.600');
    expect(stdout).toContain('met: units (share of codes exact) 0.667, required ≥ 0.600');
    expect(stdout).toContain('met: false alarms at severity error 1, required ≤ 1');
  });

  it.each([
    [['--min-precision', '0.51'], 'precision'],
    [['--min-recall', '0.7'], 'recall'],
    [['--min-units', '0.7'], 'units'],
    [['--max-error-false-alarms', '0'], 'errorFalseAlarms'],
  ])('exits 1 when %s is not met', async (limit, figure) => {
    const { code, stdout } = await cli(['evaluate', '--format', 'json', ...limit, setDir]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Report;
    expect(report.met).toBe(false);
    expect(report.thresholds).toEqual([expect.objectContaining({ figure, met: false })]);
  });

  it('says NOT MET in the text report', async () => {
    const { code, stdout } = await cli(['evaluate', '--min-precision', '0.9', setDir]);
    expect(code).toBe(1);
    expect(stdout).toContain('NOT MET: precision 0.500, required ≥ 0.900');
  });

  it.each([
    [['evaluate'], 'no DIR or FILE given'],
    [['evaluate', '--min-precision', '1.5', 'x'], '--min-precision must be a number from 0 to 1, e.g. 0.95 (got "1.5")'],
    [['evaluate', '--min-recall', 'high', 'x'], '--min-recall must be a number from 0 to 1'],
    [['evaluate', '--max-error-false-alarms=-1', 'x'], '--max-error-false-alarms must be a whole number'],
    [['evaluate', '--format', 'xml', 'x'], '--format must be text or json'],
    [['evaluate', '--payer', 'nobody', 'x'], 'unknown payer profile "nobody"'],
    [['evaluate', '--rule', 'comfort-wording', 'x'], '--rule "comfort-wording" is not ID=LEVEL'],
    [['evaluate', '--bogus', 'x'], "Unknown option '--bogus'"],
  ])('exits 2 for bad usage: %j', async (args, message) => {
    const { code, stderr, stdout } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('prints its help', async () => {
    const { code, stdout } = await cli(['evaluate', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: therapy-claim-guard evaluate [options] DIR|FILE...');
    expect(stdout).toContain('--min-precision X');
  });
});

describe('evaluate: bad files and cases', () => {
  it('reports each bad file or case by name, scores the rest, and exits 2', async () => {
    const mixed = join(dir, 'mixed');
    file('mixed/a-good.json', ONE);
    file('mixed/b-broken.json', '{"id": "x", "visit": ');
    file('mixed/c-typo.json', { ...TWO, id: 'typo', must: ['minutes-mising'] });
    file('mixed/d-array.json', [TWO, { id: 'no-visit', must: [] }, { ...TWO, id: 'both', mustNot: ['minutes-missing'] }]);
    file('mixed/e-bad-visit.json', { id: 'bad-visit', visit: { note: 'x', lines: [{ code: '97124', units: 'two' }] } });
    file('mixed/f-bad-units.json', { ...TWO, id: 'bad-units', units: { method: 'cms-ish', expected: { '97124': 1.5, abc: 1 } } });
    file('mixed/g-empty.json', '   ');
    file('mixed/h-not-object.json', '42');
    const { code, stdout, stderr } = await cli(['evaluate', '--format', 'json', '--min-precision', '0', mixed, join(dir, 'missing-folder'), join(dir, 'notes.txt')]);
    expect(code).toBe(2);
    const report = JSON.parse(stdout) as Report;
    // a-good and the first case of d-array are scored.
    expect(report.cases).toBe(2);
    expect(report.files).toBe(8);
    const problems = [
      `${join(mixed, 'b-broken.json')}: invalid JSON at line 1, column 22: unexpected end of input`,
      `${join(mixed, 'c-typo.json')}: must.0: no rule "minutes-mising" (see "therapy-claim-guard rules")`,
      `${join(mixed, 'd-array.json')}#1: visit: required field is missing`,
      `${join(mixed, 'd-array.json')}#2: mustNot.0: "minutes-missing" is already in must; a rule has one label per visit`,
      `${join(mixed, 'e-bad-visit.json')}: visit.lines.0.units: `,
      `${join(mixed, 'f-bad-units.json')}: units.method: expected "cms" or "per-code" (got "cms-ish")`,
      `${join(mixed, 'f-bad-units.json')}: units.expected.97124: expected a whole number of units (got 1.5)`,
      `${join(mixed, 'f-bad-units.json')}: units.expected: "abc" is not a 5-character CPT/HCPCS code`,
      `${join(mixed, 'g-empty.json')}: is empty; expected a labelled case or an array of cases`,
      `${join(mixed, 'h-not-object.json')}: expected a labelled case object (got 42)`,
      `${join(dir, 'missing-folder')}: no such file or folder`,
      `${join(dir, 'notes.txt')}: no such file or folder`,
    ];
    for (const problem of problems) {
      expect(stderr).toContain(`error: ${problem}`);
      expect(report.problems.some((p) => p.startsWith(problem))).toBe(true);
    }
    expect(report.problems).toHaveLength(problems.length);
  });

  it('refuses a non-JSON file given by name', async () => {
    const path = file('note.txt', 'Therapeutic massage 15 min');
    const { code, stderr } = await cli(['evaluate', path, setDir]);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: ${path}: unsupported file type ".txt": give a .json case file or a folder of them`);
  });

  it('says plainly when nothing could be scored', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty, { recursive: true });
    const { code, stdout, stderr } = await cli(['evaluate', empty]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`error: ${empty}: no labelled case files (.json) in this folder`);
    expect(stderr).toContain('no labelled case could be read; nothing was scored');
  });

  it('warns about two cases with one id, and scores both', async () => {
    const path = file('twice.json', [ONE, { ...ONE }]);
    const { code, stderr, stdout } = await cli(['evaluate', '--format', 'json', path]);
    expect(code).toBe(0);
    expect(stderr).toContain(`warning: ${path}#1: case id "one" is also used by ${path}#0`);
    expect((JSON.parse(stdout) as Report).cases).toBe(2);
  });

  it('treats an engine failure as an internal error naming the case (exit 3)', async () => {
    const path = file('crash.json', { ...ONE, id: 'crashes', visit: visitWith('CRASH') });
    const { code, stderr } = await cli(['evaluate', path]);
    expect(code).toBe(3);
    expect(stderr).toContain(`internal error: the engine failed on ${path} (case crashes): boom`);
  });
});
