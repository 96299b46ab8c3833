// `check` across visits (src/cli/batch/cross-visit.ts): visits that name their patient are grouped
// by patient and episode, the cross-visit rules run in date order after every visit's own result,
// and each format carries those results marked as cross-visit. The real engine, one thread
// (batch-workers.test.ts compares worker threads with one thread).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../src/engine/index';
import { soapNote, massageLines } from '../history/notes';
import { runCli, scratchFolder } from './fake-engine';

type Json = Record<string, unknown>;
const { dir, file } = scratchFolder('tcg-cross-visit-');

const copied = soapNote({ pain: 6, rotation: 40 });
const visit = (patient: string | undefined, date: string, note = copied) => ({ ...(patient && { patient: { id: patient } }), dateOfService: date, note, lines: massageLines });

// Patient A: the same note four times, given out of date order, over two files; B: A's note once;
// C: no patient id (checked on its own only).
file('series/a.json', JSON.stringify([visit('A', '2026-03-09'), visit('A', '2026-03-02')]));
file('series/b.json', JSON.stringify([visit('A', '2026-03-05'), visit('B', '2026-03-03'), visit('A', '2026-03-12'), visit(undefined, '2026-03-04')]));
const series = join(dir, 'series');
const src = (name: string) => join(series, name);

async function ndjson(args: string[] = []): Promise<{ code: number; lines: Json[] }> {
  const { code, stdout } = await runCli(['check', '--format', 'ndjson', ...args, series], { engine });
  return { code, lines: stdout.trim().split('\n').map((line) => JSON.parse(line) as Json) };
}

describe('check across visits', () => {
  it("writes each visit's own result first, then cross-visit results patient by patient in date order", async () => {
    const { code, lines } = await ndjson();
    const own = lines.filter((l) => !l.crossVisit);
    const across = lines.filter((l) => l.crossVisit === true);
    expect(own.map((l) => l.source)).toEqual([`${src('a.json')}#0`, `${src('a.json')}#1`, `${src('b.json')}#0`, `${src('b.json')}#1`, `${src('b.json')}#2`, `${src('b.json')}#3`]);
    expect(lines.indexOf(across[0]!)).toBe(own.length);
    // A's visits by date: 03-02 (a#1), 03-05 (b#0), 03-09 (a#0), 03-12 (b#2); then B (b#1). C has none.
    expect(across.map((l) => l.source)).toEqual([`${src('a.json')}#1`, `${src('b.json')}#0`, `${src('a.json')}#0`, `${src('b.json')}#2`, `${src('b.json')}#1`]);
    for (const l of across) expect(l).not.toHaveProperty('units');
    const rules = (l: Json) => (l.findings as Json[]).map((f) => f.ruleId);
    expect(across.map(rules)).toEqual([['templated-note'], ['cloned-note', 'templated-note'], ['cloned-note', 'templated-note'], ['cloned-note', 'templated-note', 'massage-trend'], ['templated-note']]);
    const last = (across[3]!.findings as Json[]).map((f) => f.message as string);
    expect(last[0]).toMatch(new RegExp(`unchanged since 2026-03-02 \\(${src('a.json').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}#1\\) \\(4 visits in a row\\)`));
    expect(last[2]).toMatch(/Massage billed at 4 visits of this episode since 2026-03-02/);
    // Warnings only: the exit code is the single-visit findings' (97124 without a diagnosis is an error).
    expect(code).toBe(1);
  });

  it('--no-history leaves the cross-visit results out', async () => {
    const { lines } = await ndjson(['--no-history']);
    expect(lines.filter((l) => l.crossVisit)).toEqual([]);
    expect(lines).toHaveLength(6);
  });

  it('csv marks cross-visit rows; sarif points them at their rule; text counts them', async () => {
    const csv = await runCli(['check', '--format', 'csv', series], { engine });
    const kinds = csv.stdout.split('\r\n').filter((row) => row.includes('cloned-note')).map((row) => row.split(',')[1]);
    expect(kinds).toEqual(['cross-visit', 'cross-visit', 'cross-visit']);
    const sarif = JSON.parse((await runCli(['check', '--format', 'sarif', series], { engine })).stdout) as { runs: { tool: { driver: { rules: Json[] } }; results: Json[] }[] };
    const run = sarif.runs[0]!;
    const cloned = run.results.filter((r) => r.ruleId === 'cloned-note');
    expect(cloned).toHaveLength(3);
    for (const r of cloned) expect(run.tool.driver.rules[r.ruleIndex as number]!.id).toBe('cloned-note');
    const text = await runCli(['check', series], { engine });
    expect(text.stdout).toContain(`${src('b.json')}#2 — across visits, profile commercial`);
    expect(text.stdout).toContain('Across visits: 5 visits of 2 patients compared, 5 with cross-visit findings.');
  });

  it('a batch without patient ids has no cross-visit part', async () => {
    const single = file('single/one.json', JSON.stringify([visit(undefined, '2026-03-02'), visit(undefined, '2026-03-05')]));
    const { stdout } = await runCli(['check', single], { engine });
    expect(stdout).not.toContain('across visits');
    expect(stdout).not.toContain('Across visits');
  });
});
