// `check --explain` with the real engine: the text report shows what was read, with the note text
// each figure came from, before the findings; the JSON report carries the same Reading.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run';
import * as engine from '../../src/engine/index';
import type { Visit } from '../../src/engine/visit';

const visit: Visit = {
  payer: 'Medicare',
  dateOfService: '2026-11-02',
  note: [
    { id: 'subjective', text: 'Neck pain 6/10 limits driving.' },
    { id: 'treatment', text: 'Therapeutic massage -- 25 min: effleurage to R upper trapezius. Therapeutic exercise -- 15 min. Total timed minutes: 40. Post: pain 3/10, rotation 52 degrees.' },
    { id: 'signature', text: 'J. Smith, PTA' },
  ],
  lines: [
    { code: '97124', modifiers: ['GP'], units: 2, dx: ['M62.838'] },
    { code: '97110', modifiers: ['GP'], units: 1, dx: ['M62.838'] },
  ],
  episode: { visitNumber: 4 },
};

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { engine, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

let dir = '';
let path = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tcg-explain-'));
  path = join(dir, 'visit.json');
  writeFileSync(path, JSON.stringify(visit));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('check --explain', () => {
  it('prints what the engine read, each figure with the note text it came from, then the findings', async () => {
    const { stdout, stderr } = await cli(['check', '--explain', path]);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    const at = (text: string) => {
      const index = lines.indexOf(text);
      expect(index, `line "${text}" in:\n${stdout}`).toBeGreaterThanOrEqual(0);
      return index;
    };
    const read = at('  What the engine read');
    expect(at('    Minutes per code')).toBeGreaterThan(read);
    at('      97124: 25 min from the note (minutes)');
    at('          "25 min"  [treatment 23-29]  in "Therapeutic massage -- 25 min: effleurage to R upper trapezius."');
    at('      97110: 15 min from the note (minutes)');
    at('      Total timed minutes: 40 min from the note');
    at('    Units — CMS total time (8-minute rule): 40 min timed, 3 timed units supported');
    at('      97124: 25 min, 2 expected, 2 billed');
    at('      pain "6/10"');
    at('      pain "3/10", post-treatment, changed from 6 to 3');
    // A second item from the same sentence does not repeat it.
    at('      rom "52 degrees", post-treatment');
    at('          "52 degrees"  [treatment 147-157]');
    at('    Credentials and signatures — Discipline: PT; assistant named: PTA');
    at('      PTA: signed "J. Smith, PTA"');
    at('      Visit number: 4 from the claim');
    at('      Plan of care start: not documented');
    at('    Claim lines written in the note');
    at('      No claim lines written in the note.');
    const findings = at('  Findings');
    expect(findings).toBeGreaterThan(read);
    // The assistant's signature without CQ is an error under Medicare: shown after the reading.
    expect(stdout.indexOf('assistant-modifier')).toBeGreaterThan(stdout.indexOf('  Findings'));
  });

  it('adds the Reading to each JSON result, after the documented fields, and only when asked', async () => {
    const explained = await cli(['check', '--format', 'json', '--explain', path]);
    const [result] = (JSON.parse(explained.stdout) as { results: Record<string, unknown>[] }).results;
    expect(Object.keys(result ?? {})).toEqual(['source', 'profile', 'findings', 'units', 'reading']);
    expect(result?.reading).toEqual(JSON.parse(JSON.stringify(engine.check(visit, { explain: true }).reading)));
    const plain = await cli(['check', '--format', 'json', path]);
    const [without] = (JSON.parse(plain.stdout) as { results: Record<string, unknown>[] }).results;
    expect(Object.keys(without ?? {})).toEqual(['source', 'profile', 'findings', 'units']);
    expect(plain.code).toBe(explained.code);
  });

  it('explains a .txt note read without claim lines', async () => {
    const note = join(dir, 'note.txt');
    writeFileSync(note, 'Therapeutic massage 97124-GP x2 (25 min) to L QL for spasm.\nJ. Smith, PT\n');
    const { stdout } = await cli(['check', '--explain', note]);
    expect(stdout).toContain('    Claim lines written in the note — The visit has no claim lines: these are checked as the claim.');
    expect(stdout).toContain('      97124-GP, 2 units, 25 min');
  });
});
