// Every import arrow in src/ points one way (issue 12, "Structure"): a cycle, even one made only of
// `import type`, fails here with the modules that form it. The reader is checked on a small tree
// with known cycles first, so a reader that finds nothing cannot pass by accident.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCycles } from '../../scripts/import-cycles.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'tcg-cycles-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(scratch, 'src-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('the import-cycle reader', () => {
  it('finds cycles through type-only imports, re-exports, index files and multi-line imports', () => {
    const dir = tree({
      'a.ts': "import type { B } from './b';\nexport type A = B;\n",
      'b.ts': "export type B = string;\nexport { c } from './lib';\n",
      'lib/index.ts': "import {\n  a,\n} from '../c';\nexport const c = a;\n",
      'c.ts': "import type { A } from './a';\nexport const a: A = '';\n",
      'd.ts': "// import { e } from './e' (a comment is no import)\nexport const d = 1;\n",
      'e.ts': "import { d } from './d';\nexport const e = d;\n",
    });
    expect(importCycles(dir)).toEqual([['a.ts', 'b.ts', 'c.ts', 'lib/index.ts']]);
  });

  it('finds a module that imports itself and a dynamic import; a one-way tree has none', () => {
    expect(importCycles(tree({ 'self.ts': "export const x = () => import('./self');\n" }))).toEqual([['self.ts']]);
    expect(importCycles(tree({ 'top.ts': "import { low } from './low';\nexport const top = low;\n", 'low.ts': 'export const low = 1;\n' }))).toEqual([]);
  });
});

describe('src/', () => {
  it('has no import cycle', () => {
    expect(importCycles(join(ROOT, 'src'))).toEqual([]);
  });
});
