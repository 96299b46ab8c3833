// Import cycles in src/: every arrow between our modules must point one way.
//
//   node scripts/import-cycles.mjs [dir]    print each cycle (exit 1 when there is one)
//
// A small reader of our own rather than madge or esbuild's metafile: esbuild drops `import type`
// and unused imports before it records them, so a cycle through types (the kind src/engine had)
// never shows there; madge 8 would bring a parser stack of its own (precinct, detective-*, its own
// TypeScript) to answer a question our sources answer with one pattern, because every import in
// src/ is a relative path at the start of a line (tsconfig has no path aliases).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** `import … from '…'`, `export … from '…'` (type-only too), `import '…'` and `import('…')`. */
const IMPORT = /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
const SOURCE = /\.(?:ts|tsx|mts|js|mjs)$/;

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return null; // packages are not ours
  const base = resolve(dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile() && SOURCE.test(path)) ?? null;
}

/** Module → the modules it imports (relative imports only), for every source file under `dir`. */
export function importGraph(dir) {
  const graph = new Map();
  for (const file of sourceFiles(resolve(dir))) {
    const targets = new Set();
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolveImport(file, match[1] ?? match[2] ?? match[3]);
      if (target) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The strongly connected components with more than one module (or a module importing itself), each sorted. */
export function importCycles(dir) {
  const graph = importGraph(dir);
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  let next = 0;
  // Tarjan's algorithm, iterative so deep import chains cannot overflow the stack.
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work = [[root, [...(graph.get(root) ?? [])], 0]];
    index.set(root, next);
    low.set(root, next);
    next += 1;
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, targets] = frame;
      if (frame[2] < targets.length) {
        const target = targets[frame[2]];
        frame[2] += 1;
        if (!graph.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next);
          next += 1;
          stack.push(target);
          onStack.add(target);
          work.push([target, [...graph.get(target)], 0]);
        } else if (onStack.has(target)) {
          low.set(node, Math.min(low.get(node), index.get(target)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || graph.get(node).has(node)) cycles.push(component.map((path) => relative(resolve(dir), path)).sort());
      }
    }
  }
  return cycles;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'src';
  const cycles = importCycles(dir);
  for (const cycle of cycles) console.log(`cycle: ${cycle.join(' ↔ ')}`);
  if (cycles.length > 0) process.exit(1);
  console.log(`no import cycles in ${dir}`);
}
