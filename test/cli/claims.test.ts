// `check --claims FILE.837`: claims joined to notes by patient control number (or a mapping file),
// their lines checked against the note, claim lines with no note reported, and a bad or partial 837
// reported by segment while the rest of the batch goes on.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../src/engine/index';
import { build837 } from '../claims/x12-fixtures';
import { runCli, scratchFolder } from './fake-engine';

type Json = Record<string, unknown>;
const { dir, file } = scratchFolder('tcg-claims-');

const note = 'Subjective: Neck stiffness turning to reverse the car; pain 6/10.\nObjective: Cervical rotation R 40 deg, palpable spasm right upper trapezius.\nTreatment: Therapeutic massage 12 min to right upper trapezius with kneading to reduce spasm. Therapeutic exercise 15 min, chin tucks.\nAssessment: Spasm limits rotation for driving.';
// Two notes: one whose id is its claim's control number, one (a .txt file) found through the mapping.
file('notes/visits.json', JSON.stringify([{ id: 'PCN-0001', note, lines: [] }]));
const txt = file('notes/second.txt', note);
const claims = file(
  'claims.837',
  build837([
    { control: 'PCN-0001', payer: ['AETNA', '60054'], rendering: ['ALVAREZ', 'ROSA', '1098765432'], dx: ['M62830'], lines: [{ proc: 'HC:97124:GP', qty: 2 }, { proc: 'HC:97110:GP', qty: 1 }] },
    { control: 'PCN-0002', payer: ['AETNA', '60054'], dx: ['M62830'], lines: [{ proc: 'HC:97124:GP', qty: 1 }, { proc: 'HC:97110:GP', qty: 1 }] },
    { control: 'PCN-0003', payer: ['CIGNA', '62308'], dx: ['M62830'], lines: [{ proc: 'HC:97124:GP', qty: 3 }] },
  ]),
);
const map = file('map.json', JSON.stringify({ 'PCN-0002': txt }));
const cut = file('cut.837', build837([{ control: 'PCN-0009', dx: ['M62830'], lines: [{ proc: 'HC:97124:GP', qty: 1 }] }]).slice(0, 450));

async function ndjson(args: string[]) {
  const ran = await runCli(['check', '--format', 'ndjson', '--no-history', ...args, join(dir, 'notes')], { engine });
  return { ...ran, lines: ran.stdout.trim().split('\n').map((l) => JSON.parse(l) as Json) };
}

describe('check --claims', () => {
  it("joins each claim to its note: the claim's lines, payer and diagnoses are what gets checked", async () => {
    const { lines } = await ndjson(['--claims', claims, '--claim-map', map]);
    const first = lines.find((l) => l.source === `${join(dir, 'notes/visits.json')}#0`)!;
    expect(first.profile).toBe('aetna');
    expect(first.units).toMatchObject({ billed: { '97124': 2, '97110': 1 } });
    const rules = (first.findings as Json[]).map((f) => f.ruleId);
    // 12 minutes of massage support 1 unit; 2 are billed on the claim.
    expect(rules).toContain('units-minutes');
    expect(rules).not.toContain('diagnosis-link');
    const second = lines.find((l) => l.source === txt)!;
    expect(second.units).toMatchObject({ billed: { '97124': 1, '97110': 1 } });
  });

  it('reports claim lines with no note, by claim and segment, and exits 1', async () => {
    const { code, lines } = await ndjson(['--claims', claims, '--claim-map', map]);
    const orphans = lines.filter((l) => l.problem === 'no-note');
    expect(orphans).toHaveLength(1);
    expect(orphans[0]!.source).toMatch(new RegExp(`^${claims.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} claim PCN-0003 \\(segment \\d+\\)$`));
    expect(orphans[0]!.messages).toEqual(['1 claim line with no note in this batch (97124-GP ×3); no visit has id or file "PCN-0003"']);
    expect(code).toBe(1);
  });

  it('without the mapping, the .txt note stays unjoined and its claim is reported', async () => {
    const { lines } = await ndjson(['--claims', claims]);
    expect(lines.filter((l) => l.problem === 'no-note').map((l) => (l.source as string).split(' ')[2])).toEqual(['PCN-0002', 'PCN-0003']);
  });

  it('a partial 837 is reported by segment first, and the batch goes on', async () => {
    const { code, lines, stderr } = await ndjson(['--claims', cut, '--claims', claims]);
    expect(lines[0]).toMatchObject({ source: cut, problem: 'bad-input', messages: [expect.stringMatching(/^segment \d+ \([A-Z0-9]+\): the file ends inside the transaction 0001 \(ST … SE\) opened at segment 3/)] });
    expect(stderr).toMatch(/error: .*cut\.837: segment \d+/);
    expect(lines.filter((l) => l.problem === undefined)).toHaveLength(2);
    expect(code).toBe(2);
  });

  it('refuses a mapping file it cannot use, and --claim-map alone', async () => {
    const bad = file('bad-map.json', '["PCN-0001"]');
    const a = await runCli(['check', '--claims', claims, '--claim-map', bad, join(dir, 'notes')], { engine });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('expected a JSON object of patient control number → visit id or note file');
    const b = await runCli(['check', '--claim-map', map, join(dir, 'notes')], { engine });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--claim-map needs --claims FILE.837');
  });
});
