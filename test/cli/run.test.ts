// The command line's logic through run(), with a stand-in engine: exit codes, the JSON contract,
// input problems named by file and field, encodings. cli.test.ts repeats the essentials on the bundle.
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version } from '../../package.json';
import { run } from '../../src/cli/run';
import { citation, fakeEngine, type Ran, runCli } from './fake-engine';

async function cli(args: string[], maxInputBytes?: number): Promise<Ran> {
  return runCli(args, maxInputBytes === undefined ? {} : { maxInputBytes });
}

let dir = '';
const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const visit = (note: string, extra: Record<string, unknown> = {}) => ({ note, lines: [{ code: '97124', units: 3, minutes: 25 }], ...extra });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tcg-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('check: results and exit codes', () => {
  it('exits 0 without error-level findings and prints a text report', async () => {
    const path = file('clean.json', JSON.stringify(visit('Massage for relaxation.')));
    const { code, stdout, stderr } = await cli(['check', path]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain(`${path} — profile commercial (Commercial), default profile (no known payer)`);
    expect(stdout).toContain('  Warnings (1)\n    comfort-wording: "relaxation" reads as comfort care');
    expect(stdout).toContain('        "relaxation"  [12-22]');
    expect(stdout).toContain('        Fix: Name the impairment.');
    expect(stdout).toContain('  Units, per code (substantial portion): 25 timed min; expected 97124 ×2; billed 97124 ×3');
    expect(stdout).toContain('1 visit checked, 0 with errors: 0 errors, 1 warning, 0 info.');
  });

  it('exits 1 when any finding is an error, and groups errors first', async () => {
    const path = file('over.json', JSON.stringify(visit('OVERBILLED massage for relaxation')));
    const { code, stdout } = await cli(['check', path]);
    expect(code).toBe(1);
    expect(stdout.indexOf('Errors (1)')).toBeLessThan(stdout.indexOf('Warnings (1)'));
    expect(stdout).toContain('units-minutes (claim line 1): 3 units billed, 2 supported');
  });

  it('prints exactly the documented JSON fields', async () => {
    const path = file('shape.json', JSON.stringify(visit('OVERBILLED massage for relaxation')));
    const { code, stdout } = await cli(['check', '--format', 'json', path]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      results: [
        {
          source: path,
          profile: 'commercial',
          findings: [
            {
              ruleId: 'comfort-wording',
              severity: 'warning',
              message: '"relaxation" reads as comfort care',
              evidence: { start: 23, end: 33, text: 'relaxation' },
              citations: [citation],
              suggestion: 'Name the impairment.',
            },
            { ruleId: 'units-minutes', severity: 'error', message: '3 units billed, 2 supported', line: 0, citations: [citation] },
          ],
          units: { method: 'per-code', totalTimedMinutes: 25, expected: { '97124': 2 }, billed: { '97124': 3 } },
        },
      ],
    });
    // toEqual ignores key order; the contract lists it, so check it too.
    const [result] = (JSON.parse(stdout) as { results: Record<string, unknown>[] }).results;
    expect(Object.keys(result ?? {})).toEqual(['source', 'profile', 'findings', 'units']);
    expect(Object.keys((result?.findings as object[])[0] ?? {})).toEqual(['ruleId', 'severity', 'message', 'evidence', 'citations', 'suggestion']);
    expect(Object.keys((result?.findings as object[])[1] ?? {})).toEqual(['ruleId', 'severity', 'message', 'line', 'citations']);
  });

  it('keeps the note part of evidence when the engine gives one', async () => {
    const path = file('parts.json', JSON.stringify({ note: [{ id: 'tx', text: 'Massage for relaxation.' }], lines: [] }));
    const engine = fakeEngine();
    const check = engine.check.bind(engine);
    engine.check = (v, o) => {
      const result = check(v, o);
      return { ...result, findings: result.findings.map((f) => ({ ...f, evidence: f.evidence && { ...f.evidence, part: 'tx' } })) };
    };
    let stdout = '';
    await run(['check', '--format', 'json', path], { engine, stdout: (t) => (stdout += t), stderr: () => undefined });
    const finding = (JSON.parse(stdout) as { results: { findings: { evidence: Record<string, unknown> }[] }[] }).results[0]?.findings[0];
    expect(finding?.evidence).toEqual({ part: 'tx', start: 12, end: 22, text: 'relaxation' });
    expect(Object.keys(finding?.evidence ?? {})).toEqual(['part', 'start', 'end', 'text']);
  });

  it('numbers the visits of a JSON array as FILE#index', async () => {
    const path = file('many.json', JSON.stringify([visit('first'), visit('second OVERBILLED')]));
    const { code, stdout } = await cli(['check', '--format=json', path]);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { results: { source: string }[] }).results.map((r) => r.source)).toEqual([`${path}#0`, `${path}#1`]);
  });

  it('hands a .txt note to the engine with no claim lines, to be read from the note', async () => {
    const path = file('note.txt', 'Therapeutic massage 25 min.\n97124 x2\n');
    const { code, engine } = await cli(['check', path]);
    expect(code).toBe(0);
    expect(engine.calls).toEqual([{ visit: { id: path, note: 'Therapeutic massage 25 min.\n97124 x2\n', lines: [] }, options: undefined }]);
  });

  it('forces a payer profile with --payer, case-insensitively', async () => {
    const path = file('payer.json', JSON.stringify(visit('note', { payer: 'Aetna' })));
    const { code, stdout, engine } = await cli(['check', '--payer', 'MEDICARE', '--format', 'json', path]);
    expect(code).toBe(0);
    expect(engine.calls[0]?.options).toEqual({ profile: 'medicare' });
    expect((JSON.parse(stdout) as { results: { profile: string }[] }).results[0]?.profile).toBe('medicare');
  });

  it('rejects an unknown payer profile, listing the known ones', async () => {
    const path = file('any.json', JSON.stringify(visit('note')));
    const { code, stderr, engine } = await cli(['check', '--payer', 'acme', path]);
    expect(code).toBe(2);
    expect(stderr).toContain('therapy-claim-guard check: unknown payer profile "acme"; known: medicare, commercial');
    expect(engine.calls).toHaveLength(0);
  });

  it('reports an engine failure as an internal error (exit 3) without a stack trace, and checks the rest', async () => {
    const path = file('crash.json', JSON.stringify([visit('CRASH'), visit('fine')]));
    const { code, stdout, stderr, engine } = await cli(['check', path]);
    expect(code).toBe(3);
    expect(engine.calls).toHaveLength(2);
    expect(stdout).toContain(`${path}#1 — profile commercial`);
    expect(stdout).toContain('1 visit checked, 0 with errors');
    expect(stderr).toBe(
      `therapy-claim-guard: internal error: the engine failed on ${path}#0: boom\nPlease report this with the input that caused it.\n`,
    );
  });
});

describe('check: bad input exits 2 naming the file and the field', () => {
  it('names the array entry and the field path, with what it found, and checks the other entries', async () => {
    const path = file('bad.json', JSON.stringify([visit('ok'), { note: 'x', lines: [{ code: '9712', units: '2' }] }]));
    const { code, stdout, stderr, engine } = await cli(['check', path]);
    expect(code).toBe(2);
    expect(engine.calls).toHaveLength(1); // the good entry is still checked
    expect(stdout).toContain(`${path}#0 — profile commercial`);
    expect(stderr).toContain(`error: ${path}#1: lines.0.code: expected a 5-character CPT/HCPCS code such as 97124 (got "9712")`);
    expect(stderr).toContain(`error: ${path}#1: lines.0.units: Invalid input: expected number, received string (got "2")`);
  });

  it('names a missing required field', async () => {
    const path = file('nolines.json', JSON.stringify({ note: 'x' }));
    const { code, stderr } = await cli(['check', path]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: ${path}: lines: required field is missing\n`);
  });

  it('locates invalid JSON by line and column', async () => {
    const path = file('broken.json', '{\n  "note": "x",\n  "lines": [,]\n}');
    const { code, stderr } = await cli(['check', path]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: ${path}: invalid JSON at line 3, column 13: unexpected ',', expected a value\n`);
  });

  it.each([
    ['empty.json', '', 'is empty; expected a Visit object or an array of Visits'],
    ['blank.txt', ' \n\t\n', 'is empty; expected the text of a note'],
    ['number.json', '42', 'expected a Visit object or an array of Visits (got 42)'],
    ['none.json', '[]', 'the array is empty; expected at least one Visit'],
    ['note.pdf', 'x', 'unsupported file type ".pdf": give a .json Visit file or a .txt note'],
  ])('%s', async (name, content, problem) => {
    const path = file(name, content);
    const { code, stderr } = await cli(['check', path]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: ${path}: ${problem}\n`);
  });

  it('reports a missing file and a folder with nothing to check', async () => {
    const missing = join(dir, 'nope.json');
    const folder = join(dir, 'folder.json');
    mkdirSync(folder, { recursive: true });
    const { code, stderr } = await cli(['check', missing, folder]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: ${missing}: no such file\nerror: ${folder}: folder holds no .json or .txt file\n`);
  });

  it('refuses binary files', async () => {
    const path = file('scan.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const { code, stderr } = await cli(['check', path]);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^error: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: looks like a binary file`));
  });

  it('refuses files over the size limit without reading them', async () => {
    const path = join(dir, 'huge.txt');
    writeFileSync(path, '');
    truncateSync(path, 3 * 1024 * 1024); // sparse: large on paper, nothing to read
    const { code, stderr } = await cli(['check', path], 1024 * 1024);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: ${path}: is too large (3.0 MB; the limit is 1.0 MB)\n`);
  });

  it('reports every bad file at once', async () => {
    const a = file('a.json', '{');
    const b = file('b.json', '{"note": 1, "lines": []}');
    const { stderr } = await cli(['check', a, b]);
    expect(stderr.trim().split('\n')).toEqual([
      `error: ${a}: invalid JSON at line 1, column 2: unexpected end of input, expected a "quoted" property name`,
      `error: ${b}: note: Invalid input (got 1)`,
    ]);
  });
});

describe('check: encodings', () => {
  const note = 'Therapeutic massage — 25 min for relaxation; pain 6/10 → 3/10.\r\n';
  const json = JSON.stringify(visit(note));

  it.each([
    ['UTF-8', Buffer.from(note)],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(note)])],
    ['UTF-16 LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(note, 'utf16le')])],
    ['UTF-16 BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(note, 'utf16le').swap16()])],
  ])('reads a %s note as the same text', async (_name, bytes) => {
    const path = file(`enc-${_name.replace(/\W+/g, '-')}.txt`, bytes);
    const { code, engine } = await cli(['check', path]);
    expect(code).toBe(0);
    expect(engine.calls[0]?.visit.note).toBe(note);
  });

  it('reads JSON with a BOM and as UTF-16', async () => {
    const bom = file('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]));
    const wide = file('wide.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]));
    const { code, engine } = await cli(['check', bom, wide]);
    expect(code).toBe(0);
    expect(engine.calls.map((c) => c.visit.note)).toEqual([note, note]);
  });

  it('reads Windows-1252 with a warning', async () => {
    const path = file('legacy.txt', Buffer.from([0x93, 0x6d, 0x61, 0x73, 0x73, 0x61, 0x67, 0x65, 0x94, 0x20, 0x31, 0x35, 0x96, 0x32, 0x30]));
    const { code, stderr, engine } = await cli(['check', path]);
    expect(code).toBe(0);
    expect(engine.calls[0]?.visit.note).toBe('\u201cmassage\u201d 15\u201320');
    expect(stderr).toBe(`warning: ${path}: not valid UTF-8; read as Windows-1252 (check accented characters)\n`);
  });
});

describe('check: usage errors', () => {
  it.each([
    [['check'], 'therapy-claim-guard check: no FILE given'],
    [['check', '--format', 'xml', 'a.json'], 'therapy-claim-guard check: --format must be one of text, json, ndjson, csv, sarif, html (got "xml")'],
    [['check', '--jobs', '0', 'a.json'], 'therapy-claim-guard check: --jobs must be a whole number from 1 to 64 (got "0")'],
    [['check', '--jobs', '2.5', 'a.json'], 'therapy-claim-guard check: --jobs must be a whole number from 1 to 64 (got "2.5")'],
    [['check', '--format', 'csv', '--explain', 'a.json'], 'therapy-claim-guard check: --explain works with --format text, json, ndjson (not csv)'],
    [['check', '--frmat', 'json', 'a.json'], "therapy-claim-guard check: Unknown option '--frmat'"],
    [['check', '--payer'], "therapy-claim-guard check: Option '--payer <value>' argument missing"],
  ])('%j', async (args, message) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${message}\nRun "therapy-claim-guard check --help" for usage.\n`);
  });
});

describe('units', () => {
  it('prints the CMS allocation as JSON, with every equally valid alternative', async () => {
    const { code, stdout } = await cli(['units', '97112=20', '97110=20']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(out).slice(0, 4)).toEqual(['method', 'totalTimedMinutes', 'totalUnits', 'units']);
    expect(out).toMatchObject({
      method: 'cms',
      totalTimedMinutes: 40,
      totalUnits: 3,
      units: { '97112': 2, '97110': 1 },
      alternatives: [{ '97112': 1, '97110': 2 }],
    });
  });

  it('uses the per-code method on request', async () => {
    const { stdout } = await cli(['units', '--method', 'per-code', '97124=25', '97140=10']);
    expect(JSON.parse(stdout)).toMatchObject({ method: 'per-code', totalTimedMinutes: 35, totalUnits: 3, units: { '97124': 2, '97140': 1 } });
  });

  it('counts untimed codes once each and never their minutes', async () => {
    const { stdout } = await cli(['units', '--untimed', '97014, 97161', '--untimed', 'g0283', '97110=35', '97010=15']);
    expect(JSON.parse(stdout)).toMatchObject({
      totalTimedMinutes: 35,
      totalUnits: 6,
      units: { '97110': 2, '97014': 1, '97161': 1, G0283: 1, '97010': 1 },
    });
  });

  it('explains itself in text format', async () => {
    const { code, stdout } = await cli(['units', '--format', 'text', '97110=33', '97140=7']);
    expect(code).toBe(0);
    expect(stdout).toContain('1 more unit goes to the most time left over: 97140 (7 min).');
    expect(stdout).toContain('Total: 3 units (97110 ×2, 97140 ×1).');
    // Listed as typed, not in numeric key order.
    expect((await cli(['units', '--format', 'text', '97140=10', '97110=20', '--untimed', '97014'])).stdout).toContain(
      'Total: 3 units (97140 ×1, 97110 ×1, 97014 ×1).',
    );
  });

  it.each([
    [['units'], 'give at least one CODE=MINUTES or --untimed CODES'],
    [['units', '97124'], '"97124" is not CODE=MINUTES (e.g. 97124=25)'],
    [['units', '9712=5'], '"9712" in "9712=5" is not a 5-character CPT/HCPCS code'],
    [['units', '97124=abc'], 'minutes for 97124 must be a number such as 25 (got "abc")'],
    [['units', '97124=-5'], 'minutes for 97124 must be a number such as 25 (got "-5")'],
    [['units', '97124='], 'minutes for 97124 must be a number such as 25 (got "")'],
    [['units', '97124=2000'], 'minutes for 97124 exceed a day (2000 > 1440)'],
    [['units', '--method', 'ama', '97124=25'], '--method must be cms or per-code (got "ama")'],
    [['units', '--untimed', '97110'], '--untimed: 97110 is a timed code; give it as 97110=MINUTES'],
    [['units', '--untimed', '97-14'], '--untimed: "97-14" is not a 5-character CPT/HCPCS code'],
  ])('%j exits 2', async (args, message) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`therapy-claim-guard units: ${message}\nRun "therapy-claim-guard units --help" for usage.\n`);
  });
});

describe('rules', () => {
  it('prints a rule × profile table of levels, then titles and citations', async () => {
    const { code, stdout } = await cli(['rules']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^RULE\s+medicare\s+commercial$/);
    // medicare lowers comfort-wording to info; commercial keeps the default; "off" is shown as such.
    expect(lines).toContain('comfort-wording  info      warning');
    expect(lines).toContain('units-minutes    error     off');
    expect(stdout).toContain('Unit method: medicare cms, commercial per-code');
    expect(stdout).toContain(`units-minutes: Units vs minutes\n  default error, scope line\n  ${citation.title} <${citation.url}>`);
  });

  it('prints the same as JSON', async () => {
    const { stdout } = await cli(['rules', '--format', 'json']);
    const report = JSON.parse(stdout) as { profiles: { id: string; unitMethod: string }[]; rules: { id: string; acrossVisits: boolean; levels: Record<string, string> }[] };
    expect(report.profiles.map((p) => [p.id, p.unitMethod])).toEqual([
      ['medicare', 'cms'],
      ['commercial', 'per-code'],
    ]);
    expect(report.rules.slice(0, 2)).toEqual([
      expect.objectContaining({ id: 'comfort-wording', title: 'Comfort wording', acrossVisits: false, levels: { medicare: 'info', commercial: 'warning' }, citations: [citation] }),
      expect.objectContaining({ id: 'units-minutes', acrossVisits: false, levels: { medicare: 'error', commercial: 'off' } }),
    ]);
    // Every rule, the cross-visit ones last (listAllRules).
    expect(report.rules.slice(2).map((r) => [r.id, r.acrossVisits]).sort()).toEqual([
      ['cloned-note', true],
      ['massage-trend', true],
      ['templated-note', true],
    ]);
  });

  it('rejects stray arguments', async () => {
    expect((await cli(['rules', 'medicare'])).code).toBe(2);
  });
});

describe('schema, help, version', () => {
  it('prints the Visit JSON Schema', async () => {
    const { code, stdout } = await cli(['schema']);
    expect(code).toBe(0);
    const schema = JSON.parse(stdout) as { type: string; properties: Record<string, unknown>; required: string[] };
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['note', 'lines', 'payer', 'totalTimedMinutes', 'episode']));
    expect(schema.required).toEqual(expect.arrayContaining(['note', 'lines']));
  });

  it('prints help on --help (exit 0) and on no arguments (stderr, exit 2)', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: therapy-claim-guard <command> [options]');
    const bare = await cli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toBe(help.stdout);
  });

  it.each(['check', 'units', 'rules', 'schema'])('prints %s --help', async (command) => {
    const { code, stdout } = await cli([command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: therapy-claim-guard ${command}`));
  });

  it('prints program and data versions', async () => {
    const { code, stdout } = await cli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`therapy-claim-guard ${version} (rule data 2026.11.1, as of 2026-11-27)\n`);
  });

  it.each([
    [['lint'], 'therapy-claim-guard: unknown command "lint"'],
    [['--verbose'], 'therapy-claim-guard: unknown option "--verbose"'],
  ])('%j exits 2', async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toBe(`${message}\nRun "therapy-claim-guard --help" for usage.\n`);
  });
});
