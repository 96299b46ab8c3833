// The command line's file reads through node:fs's callback API, which Node has loaded before any
// user code runs. node:fs/promises loads a dozen more modules (file handles, folders, watchers,
// readline) that a cold `check` from dist/cli.cjs would otherwise pay for (~2 ms); writing a file
// (--out, the HTML spool) takes it when it is needed (sink.ts). Errors are the same Node errors
// (code, syscall, path) the promise API gives.
import { type Dirent, readdir as readdirCallback, readFile as readFileCallback, type Stats, stat as statCallback } from 'node:fs';

export function stat(path: string): Promise<Stats> {
  return new Promise((resolve, reject) => statCallback(path, (error, stats) => (error ? reject(error) : resolve(stats))));
}

export function readFile(path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => readFileCallback(path, (error, data) => (error ? reject(error) : resolve(data))));
}

/** A folder's entries with their types (readdir's withFileTypes). */
export function readdir(dir: string, _options: { withFileTypes: true }): Promise<Dirent[]> {
  return new Promise((resolve, reject) => readdirCallback(dir, { withFileTypes: true }, (error, entries) => (error ? reject(error) : resolve(entries))));
}
