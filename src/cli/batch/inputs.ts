// What `check FILE|DIR|GLOB...` means, turned into the ordered list of files to read.
//
//  - A path that exists is taken as written, even when its name has * ? [ or {: quoting a glob is
//    how a user asks us to expand it, and a file really named "visit[1].json" must still work.
//  - A FILE is checked whatever its name; its type is judged when it is read (.json or .txt).
//  - A DIR is every .json and .txt file under it, folders included, in name order (code-unit
//    order, the same on every machine), depth first. Hidden files and folders (".git") and other
//    file types (README.md, PDFs) are skipped. Symbolic links are followed; a link back to a
//    folder being walked is skipped, so a loop cannot run forever.
//  - A GLOB (see glob.ts) is expanded the same way; a folder it matches is walked like a DIR.
//  - Each file is checked once, at its first mention (a folder and a glob often overlap).
// Anything that yields no file (no such path, an empty folder, a glob that matches nothing, an
// unreadable folder) is a problem entry at its place in the order: reported by name, and the
// rest go on.
import type { Dirent, Stats } from 'node:fs';
import { readdir, stat } from '../fs';
import { extname, join, resolve, sep } from 'node:path';
import { readProblem } from '../input';
import { advance, closure, expandBraces, hasGlobSyntax, MAX_ALTERNATIVES, parseGlob, type Segment } from './glob';

export type InputEntry = { kind: 'file'; path: string } | { kind: 'problem'; source: string; message: string };

export const CHECKABLE = new Set(['.json', '.txt']);
const isCheckable = (name: string): boolean => CHECKABLE.has(extname(name).toLowerCase());
const byName = (a: Dirent, b: Dirent): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

async function statOrProblem(path: string): Promise<Stats | string> {
  try {
    return await stat(path);
  } catch (error) {
    return readProblem(error);
  }
}

/** Depth-first name order: paths compared folder by folder, names by code unit. */
function byPathSegments(a: string, b: string): number {
  const x = a.split(sep);
  const y = b.split(sep);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as string;
    const q = y[i] as string;
    if (p !== q) return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

class Expansion {
  readonly entries: InputEntry[] = [];
  private readonly seen = new Set<string>();

  addFile(path: string): boolean {
    const key = resolve(path);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.entries.push({ kind: 'file', path });
    return true;
  }

  problem(source: string, message: string): void {
    this.entries.push({ kind: 'problem', source, message });
  }

  /** Every checkable file under `dir`, in order, into `found`. */
  async walk(dir: string, ancestors: ReadonlySet<string>, found: string[]): Promise<void> {
    let list: Dirent[];
    try {
      list = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      this.problem(dir, `folder ${readProblem(error)}`);
      return;
    }
    for (const entry of list.sort(byName)) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await statOrProblem(path);
        if (typeof target === 'string') continue; // a dangling link in an export folder is not the user's input
        isDir = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDir) {
        const info = await statOrProblem(path);
        if (typeof info === 'string') continue;
        const key = `${info.dev}:${info.ino}`;
        if (ancestors.has(key)) continue;
        await this.walk(path, new Set([...ancestors, key]), found);
      } else if (isFile && isCheckable(entry.name)) {
        found.push(path);
      }
    }
  }

  async directory(dir: string, info: Stats): Promise<void> {
    const found: string[] = [];
    const problems = this.entries.length;
    await this.walk(dir, new Set([`${info.dev}:${info.ino}`]), found);
    // An unreadable folder has said so already.
    if (found.length === 0 && this.entries.length === problems) this.problem(dir, 'folder holds no .json or .txt file');
    for (const path of found) this.addFile(path);
  }

  /** Files matching one brace-free pattern (and files under folders it matches), into `found`. */
  async glob(pattern: string, found: string[]): Promise<void> {
    const { base, segments } = parseGlob(pattern);
    const info = await statOrProblem(base);
    if (typeof info === 'string' || !info.isDirectory()) return;
    await this.globWalk(base, segments, new Set([0]), new Set([`${info.dev}:${info.ino}`]), found);
  }

  private async globWalk(dir: string, segments: readonly Segment[], states: ReadonlySet<number>, ancestors: ReadonlySet<string>, found: string[]): Promise<void> {
    let list: Dirent[];
    try {
      list = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // a folder the pattern merely passes through; only matches count
    }
    for (const entry of list.sort(byName)) {
      const { next, done } = advance(segments, states, entry.name);
      // Nothing left to match below here, and this name is not a match itself.
      const deeper = [...closure(segments, next)].some((s) => s < segments.length);
      if (!done && !deeper) continue;
      const path = join(dir, entry.name);
      if (entry.isFile()) {
        if (done && isCheckable(entry.name)) found.push(path);
        continue;
      }
      // Folders, and links (whose target decides).
      const info = await statOrProblem(path);
      if (typeof info === 'string') continue;
      if (info.isDirectory()) {
        const key = `${info.dev}:${info.ino}`;
        if (ancestors.has(key)) continue;
        const below = new Set([...ancestors, key]);
        // A matched folder is walked like a DIR argument; otherwise the pattern goes on below it.
        if (done) await this.walk(path, below, found);
        else await this.globWalk(path, segments, next, below, found);
      } else if (done && info.isFile() && isCheckable(entry.name)) {
        found.push(path);
      }
    }
  }
}

/** FILE, DIR and GLOB arguments → files to check and problems, in argument order. */
export async function expandInputs(args: readonly string[]): Promise<InputEntry[]> {
  const expansion = new Expansion();
  for (const arg of args) {
    const info = await statOrProblem(arg);
    if (typeof info !== 'string') {
      if (info.isDirectory()) await expansion.directory(arg, info);
      else expansion.addFile(arg);
      continue;
    }
    if (!hasGlobSyntax(arg)) {
      // Given as a file name: reported as before ("no such file"), when it is read.
      expansion.addFile(arg);
      continue;
    }
    let patterns: string[];
    try {
      patterns = expandBraces(arg);
    } catch {
      expansion.problem(arg, `pattern has more than ${MAX_ALTERNATIVES} {…} alternatives`);
      continue;
    }
    // Every alternative's matches together, in one name order ({json,txt} does not split them).
    const found: string[] = [];
    for (const pattern of patterns) await expansion.glob(pattern, found);
    if (found.length === 0) expansion.problem(arg, 'pattern matches no .json or .txt file');
    for (const path of found.sort(byPathSegments)) expansion.addFile(path);
  }
  return expansion.entries;
}
