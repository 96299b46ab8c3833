// The main thread's share of a batch: read each file once, in order, and cut it into work items.
// A .txt file is one note and a .json file one Visit: both go on as undecoded bytes, decoded and
// parsed by whoever processes them. A .json file that holds an array is decoded here and split
// into one item per element, so a single file of 10,000 visits still keeps every worker busy, and
// a bad element is reported alone.
import { extname } from 'node:path';
import { decodeFile, MAX_INPUT_BYTES, parseJsonText, readFileBytes, withoutPath } from '../input';
import type { InputEntry } from './inputs';
import { FILE_START, splitJsonArray } from './json-scan';
import type { WorkItem } from './types';

function problem(source: string, message: string, file?: string): WorkItem {
  return { kind: 'problem', problem: { kind: 'bad-input', source, ...(file !== undefined && { file }), messages: [message] }, lastOfFile: true };
}


/**
 * Whether JSON bytes must be decoded here: UTF-16 (whose structure is not visible byte by byte)
 * or a top-level array (to split). Looks past a UTF-8 BOM and JSON whitespace only.
 */
function needsMainThread(bytes: Uint8Array): boolean {
  const [b0, b1, b2] = bytes;
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return true;
  let i = b0 === 0xef && b1 === 0xbb && b2 === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x5b; // "["
}

function arrayItems(path: string, text: string): WorkItem[] {
  const elements = splitJsonArray(text);
  if (elements === undefined) {
    const parsed = parseJsonText(text, path);
    if (!parsed.ok) return [problem(path, withoutPath(path, parsed.problem), path)];
    // Valid JSON the quick split did not follow: check each element, located at the file's start.
    const values = parsed.data as unknown[];
    return values.map((value, i) => ({ kind: 'json', source: `${path}#${i}`, file: path, text: JSON.stringify(value), at: FILE_START, lastOfFile: i === values.length - 1 }));
  }
  if (elements.length === 0) return [problem(path, 'the array is empty; expected at least one Visit', path)];
  return elements.map((element, i) => ({
    kind: 'json',
    source: `${path}#${i}`,
    file: path,
    text: text.slice(element.offset, element.end),
    at: { offset: element.offset, line: element.line, column: element.column },
    lastOfFile: i === elements.length - 1,
  }));
}

/** A file's item read again (its bytes were handed to a worker that could not finish it). */
export async function rereadItem(item: Extract<WorkItem, { kind: 'bytes' }>, maxBytes = MAX_INPUT_BYTES): Promise<WorkItem> {
  const file = await readFileBytes(item.file, maxBytes);
  return file.ok ? { ...item, bytes: file.bytes } : { ...problem(item.source, withoutPath(item.file, file.problem), item.file), lastOfFile: item.lastOfFile };
}

/** The work items of one input entry, in order; warnings (e.g. Windows-1252) go to `warn`. */
export async function readEntry(
  entry: InputEntry,
  warn: (message: string) => void,
  maxBytes = MAX_INPUT_BYTES,
  admit?: (size: number) => Promise<void>,
): Promise<WorkItem[]> {
  if (entry.kind === 'problem') return [problem(entry.source, entry.message)];
  const path = entry.path;
  const type = extname(path).toLowerCase();
  if (type !== '.json' && type !== '.txt') {
    return [problem(path, `unsupported file type "${type || '(none)'}": give a .json Visit file or a .txt note`, path)];
  }
  const file = await readFileBytes(path, maxBytes, admit);
  if (!file.ok) return [problem(path, withoutPath(path, file.problem), path)];
  if (type === '.txt' || !needsMainThread(file.bytes)) {
    return [{ kind: 'bytes', source: path, file: path, type: type === '.txt' ? 'txt' : 'json', bytes: file.bytes, lastOfFile: true }];
  }
  const decoded = decodeFile(path, file.bytes);
  if (!decoded.ok) return [problem(path, withoutPath(path, decoded.problem), path)];
  for (const warning of decoded.warnings) warn(warning);
  const text = decoded.text;
  if (text.trimStart().startsWith('[')) return arrayItems(path, text);
  if (text.trim() === '') return [problem(path, 'is empty; expected a Visit object or an array of Visits', path)];
  return [{ kind: 'json', source: path, file: path, text, at: FILE_START, lastOfFile: true }];
}

/**
 * Reads entries ahead of the checking, in order, so the threads never wait on the disk: up to
 * `depth` files at once and at most `budget` bytes read but not yet handed on. Files are let in
 * strictly in entry order, and a file larger than the budget is let in alone, so the next file
 * due can always be read (no file can wait on a later one).
 */
export class ReadAhead {
  private used = 0;
  private admitted = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly entries: readonly InputEntry[],
    private readonly warn: (message: string) => void,
    private readonly maxBytes = MAX_INPUT_BYTES,
    private readonly depth = 16,
    private readonly budget = 16 * 1024 * 1024,
  ) {}

  /** Each entry's items in order; the bytes of one are released when the next is asked for. */
  async *[Symbol.asyncIterator](): AsyncGenerator<WorkItem[]> {
    const queue: Promise<{ items: WorkItem[]; held: number }>[] = [];
    let next = 0;
    const fill = (): void => {
      while (queue.length < this.depth && next < this.entries.length) {
        const read = this.read(this.entries[next] as InputEntry, next++);
        read.catch(() => undefined); // awaited in order below
        queue.push(read);
      }
    };
    fill();
    while (queue.length > 0) {
      const { items, held } = await (queue.shift() as Promise<{ items: WorkItem[]; held: number }>);
      fill();
      yield items;
      this.release(held);
    }
  }

  private async read(entry: InputEntry, index: number): Promise<{ items: WorkItem[]; held: number }> {
    let held = 0;
    let took = false;
    const admit = async (size: number): Promise<void> => {
      await this.take(index, size);
      took = true;
      held = size;
    };
    try {
      return { items: await readEntry(entry, this.warn, this.maxBytes, admit), held };
    } finally {
      // An entry that read nothing still takes its turn, so the ones after it may go.
      if (!took) await this.take(index, 0);
    }
  }

  private async take(index: number, size: number): Promise<void> {
    while (index !== this.admitted || (this.used > 0 && this.used + size > this.budget)) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.used += size;
    this.admitted++;
    this.wake();
  }

  private release(size: number): void {
    this.used -= size;
    this.wake();
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
