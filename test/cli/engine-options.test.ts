// --payer, --policy FILE and --rule ID=LEVEL (src/cli/engine-options.ts), shared by `check` and
// `evaluate`: the options they hand to the real engine, what they change, and every refusal.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliEngine } from '../../src/cli/context';
import { run } from '../../src/cli/run';
import * as engine from '../../src/engine/index';
import type { CheckOptions } from '../../src/engine/types';

async function cli(args: string[]) {
  const calls: (CheckOptions | undefined)[] = [];
  const spy: CliEngine = { ...engine, check: (visit, options) => (calls.push(options), engine.check(visit, options)) };
  let stdout = '';
  let stderr = '';
  const code = await run(args, { engine: spy, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr, calls };
}

let dir = '';
let visitPath = '';
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tcg-options-'));
  visitPath = file(
    'visit.json',
    JSON.stringify({ payer: 'Acme Health PPO', note: 'Therapeutic massage 15 min to R upper trapezius for relaxation.', lines: [{ code: '97124', units: 1, dx: ['M62.838'] }] }),
  );
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const ruleIds = (stdout: string): string[] => (JSON.parse(stdout) as { results: { findings: { ruleId: string }[] }[] }).results[0]!.findings.map((f) => f.ruleId);

describe('--policy FILE: the organisation policy (docs/ADMIN.md) as check options', () => {
  it('takes the keys that change checking and ignores sites, adapters and locks', async () => {
    const policy = file(
      'policy.json',
      JSON.stringify({
        defaultProfile: 'medicare',
        payerMap: { 'Acme Health PPO': 'aetna' },
        ruleLevels: { 'maintenance-language': 'error' },
        ruleOptions: { 'massage-units': { maxUnits: 2 } },
        disabledRules: ['functional-goal'],
        allowedOrigins: ['https://ehr.example.org/*'],
        highlightEnabled: false,
        lockedSettings: ['profile'],
      }),
    );
    const { code, calls, stdout } = await cli(['check', '--format', 'json', '--policy', policy, visitPath]);
    expect(code).toBe(1);
    expect(calls).toEqual([
      {
        defaultProfile: 'medicare',
        ruleLevels: { 'maintenance-language': 'error' },
        ruleOptions: { 'massage-units': { maxUnits: 2 } },
        disabledRules: ['functional-goal'],
        payerMap: { 'Acme Health PPO': 'aetna' },
      },
    ]);
    // The payer map picked the profile; the kill switch removed the rule.
    expect((JSON.parse(stdout) as { results: { profile: string }[] }).results[0]?.profile).toBe('aetna');
    expect(ruleIds(stdout)).not.toContain('functional-goal');
  });

  it('refuses a policy with a bad entry, naming each one (the extension would skip them silently)', async () => {
    const policy = file(
      'bad-policy.json',
      JSON.stringify({ ruleLevels: { 'no-such-rule': 'error', 'comfort-wording': 'loud' }, ruleOptions: { 'massage-units': { maxUnit: 2 } }, colour: 'red' }),
    );
    const { code, stderr, calls } = await cli(['check', '--policy', policy, visitPath]);
    expect(code).toBe(2);
    expect(calls).toEqual([]);
    expect(stderr).toContain(`error: --policy ${policy}: colour: not a known setting`);
    expect(stderr).toContain(`error: --policy ${policy}: ruleLevels.no-such-rule: no rule "no-such-rule"`);
    expect(stderr).toContain(`error: --policy ${policy}: ruleLevels.comfort-wording: "loud" is not one of off, info, warning, error`);
    expect(stderr).toContain(`error: --policy ${policy}: ruleOptions.massage-units.maxUnit: no option "maxUnit" (known: maxUnits)`);
  });

  it.each([
    ['broken.json', '{"ruleLevels": {', 'invalid JSON at line 1, column 17: unexpected end of input'],
    ['list.json', '["functional-goal"]', 'expected an object of policy keys (got an array of 1)'],
  ])('refuses %s', async (name, content, problem) => {
    const policy = file(name, content);
    const { code, stderr } = await cli(['check', '--policy', policy, visitPath]);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: --policy ${policy}: ${problem}`);
  });

  it('names a policy file that is not there', async () => {
    const { code, stderr } = await cli(['evaluate', '--policy', join(dir, 'nope.json'), visitPath]);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: --policy ${join(dir, 'nope.json')}: no such file`);
  });
});

describe('--rule ID=LEVEL and --payer', () => {
  it('sets one rule level, switching its finding off', async () => {
    const before = await cli(['check', '--format', 'json', visitPath]);
    expect(ruleIds(before.stdout)).toContain('comfort-wording');
    const after = await cli(['check', '--format', 'json', '--rule', 'comfort-wording=off', '--payer', 'Medicare', visitPath]);
    expect(after.calls).toEqual([{ profile: 'medicare', ruleLevels: { 'comfort-wording': 'off' } }]);
    expect(ruleIds(after.stdout)).not.toContain('comfort-wording');
  });

  it('takes levels for the cross-visit rules too, from --rule and from --policy (docs/history.md)', async () => {
    const policy = file('across.json', JSON.stringify({ ruleLevels: { 'massage-trend': 'info' } }));
    const { code, calls, stderr } = await cli(['check', '--format', 'json', '--policy', policy, '--rule', 'cloned-note=off', visitPath]);
    expect(stderr).toBe('');
    expect(code).not.toBe(2);
    expect(calls[0]).toEqual({ ruleLevels: { 'massage-trend': 'info', 'cloned-note': 'off' } });
  });

  it('wins over the policy, kill switch included', async () => {
    const policy = file('kill.json', JSON.stringify({ disabledRules: ['comfort-wording', 'functional-goal'], ruleLevels: { 'comfort-wording': 'info' } }));
    const { calls, stdout } = await cli(['check', '--format', 'json', '--policy', policy, '--rule', 'comfort-wording=warning', visitPath]);
    expect(calls[0]).toEqual({ ruleLevels: { 'comfort-wording': 'warning' }, disabledRules: ['functional-goal'] });
    expect(ruleIds(stdout)).toContain('comfort-wording');
  });

  it.each([
    [['--rule', 'comfort-wording'], '--rule "comfort-wording" is not ID=LEVEL (e.g. functional-goal=off)'],
    [['--rule', 'comfort=off'], '--rule: no rule "comfort"'],
    [['--rule', 'comfort-wording=loud'], '--rule comfort-wording: level must be off, info, warning, error (got "loud")'],
    [['--payer', 'acme'], 'unknown payer profile "acme"'],
  ])('refuses %j', async (args, message) => {
    const { code, stderr, calls } = await cli(['check', ...args, visitPath]);
    expect(code).toBe(2);
    expect(calls).toEqual([]);
    expect(stderr).toContain(message);
  });
});
