// What `check FILE|DIR|GLOB...` expands to (src/cli/batch/inputs.ts): folders walked in name order,
// hidden and other files skipped, globs expanded without the shell, each file once, and every
// argument that yields nothing reported by name in its place.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandInputs, type InputEntry } from '../../src/cli/batch/inputs';

let root = '';
const at = (...parts: string[]): string => join(root, ...parts);
const files = (entries: InputEntry[]): string[] => entries.flatMap((e) => (e.kind === 'file' ? [e.path.slice(root.length + 1)] : []));
const problems = (entries: InputEntry[]): string[] => entries.flatMap((e) => (e.kind === 'problem' ? [`${e.source.slice(root.length + 1)}: ${e.message}`] : []));

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tcg-inputs-'));
  const write = (path: string): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), '{}');
  };
  for (const path of [
    'export/b.json',
    'export/a.txt',
    'export/README.md',
    'export/scan.pdf',
    'export/.hidden.json',
    'export/.git/x.json',
    'export/2026-02/v10.json',
    'export/2026-02/v2.json',
    'export/2026-01/v1.txt',
    'export/Z.json',
    'odd/visit[1].json',
    'odd/visit*.json',
  ]) {
    write(path);
  }
  mkdirSync(at('empty'));
  mkdirSync(at('loop/inner'), { recursive: true });
  writeFileSync(at('loop/inner/n.txt'), 'note');
  symlinkSync(at('loop'), at('loop/inner/back'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('folders', () => {
  it('takes every .json and .txt file below, depth first in code-unit name order, skipping hidden and other files', async () => {
    const entries = await expandInputs([at('export')]);
    expect(files(entries)).toEqual(['export/2026-01/v1.txt', 'export/2026-02/v10.json', 'export/2026-02/v2.json', 'export/Z.json', 'export/a.txt', 'export/b.json']);
    expect(problems(entries)).toEqual([]);
  });

  it('reports a folder with nothing to check, in its place among the files', async () => {
    const entries = await expandInputs([at('export/2026-01'), at('empty'), at('export/Z.json')]);
    expect(entries.map((e) => e.kind)).toEqual(['file', 'problem', 'file']);
    expect(problems(entries)).toEqual(['empty: folder holds no .json or .txt file']);
  });

  it('follows links but not round in a loop', async () => {
    expect(files(await expandInputs([at('loop')]))).toEqual(['loop/inner/n.txt']);
  });
});

describe('files and globs', () => {
  it('takes a file as given, whatever its name, and leaves judging its type to the reader', async () => {
    expect(files(await expandInputs([at('export/README.md'), at('missing.json')]))).toEqual(['export/README.md', 'missing.json']);
  });

  it('expands a quoted glob itself, ** included, in name order', async () => {
    expect(files(await expandInputs([at('export/**/*.json')]))).toEqual(['export/2026-02/v10.json', 'export/2026-02/v2.json', 'export/Z.json', 'export/b.json']);
    expect(files(await expandInputs([at('export/2026-0?/v*.{json,txt}')]))).toEqual(['export/2026-01/v1.txt', 'export/2026-02/v10.json', 'export/2026-02/v2.json']);
  });

  it('walks a folder a glob matches like a folder argument', async () => {
    expect(files(await expandInputs([at('export/2026-*')]))).toEqual(['export/2026-01/v1.txt', 'export/2026-02/v10.json', 'export/2026-02/v2.json']);
  });

  it('takes a name with glob characters literally when that file exists', async () => {
    expect(files(await expandInputs([at('odd/visit[1].json'), at('odd/visit*.json')]))).toEqual(['odd/visit[1].json', 'odd/visit*.json']);
  });

  it('checks each file once, at its first mention', async () => {
    expect(files(await expandInputs([at('export/b.json'), at('export'), at('export/*.json')]))).toEqual([
      'export/b.json',
      'export/2026-01/v1.txt',
      'export/2026-02/v10.json',
      'export/2026-02/v2.json',
      'export/Z.json',
      'export/a.txt',
    ]);
  });

  it('reports a glob that matches no checkable file, and one with too many alternatives', async () => {
    const entries = await expandInputs([at('export/*.pdf'), at('nowhere/**/*.json'), at(`${'{a,b}'.repeat(9)}.json`)]);
    expect(problems(entries)).toEqual([
      'export/*.pdf: pattern matches no .json or .txt file',
      'nowhere/**/*.json: pattern matches no .json or .txt file',
      `${'{a,b}'.repeat(9)}.json: pattern has more than 256 {…} alternatives`,
    ]);
  });
});
