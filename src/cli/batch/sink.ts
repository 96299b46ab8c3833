// Where a batch's output goes, written in chunks and with backpressure, so a slow pipe or disk
// slows the checking down instead of piling output up in memory.
//  - stdout (through the CliContext, which says when the stream has drained);
//  - --out FILE: written to FILE.partial-<pid> and renamed when complete, so a report that
//    exists is a whole report (a crash leaves no half file under the real name); mode 0600;
//  - a spool: a private temporary file for results that must come after a summary (HTML).
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../context';

const CHUNK = 64 * 1024;

/** node:fs/promises, loaded only when a file is written (a plain `check` to stdout never needs it). */
const fsPromises = () => process.getBuiltinModule('node:fs/promises');

export interface Sink {
  write(data: string | Uint8Array): Promise<void>;
  /** Flush and finish: the output is complete. */
  close(): Promise<void>;
  /** Stop without completing (remove a partial file). */
  abort(): Promise<void>;
}

type Data = string | Uint8Array;

/** Collects small writes into chunks of about 64 KB for `flush` (strings stay strings when they can). */
class Chunker {
  private parts: Data[] = [];
  private size = 0;
  private bytes = false;
  constructor(private readonly flush: (data: Data) => Promise<void>) {}

  async write(data: Data): Promise<void> {
    if (data.length === 0) return;
    this.parts.push(data);
    this.size += data.length;
    if (typeof data !== 'string') this.bytes = true;
    if (this.size >= CHUNK) await this.drain();
  }

  async drain(): Promise<void> {
    if (this.size === 0) return;
    const parts = this.parts;
    const data = this.bytes ? Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p))) : parts.join('');
    this.parts = [];
    this.size = 0;
    this.bytes = false;
    await this.flush(data);
  }
}

export function stdoutSink(ctx: CliContext): Sink {
  const decoder = new TextDecoder();
  const chunker = new Chunker(async (data) => {
    if (typeof data === 'string') ctx.stdout(data);
    else if (ctx.stdoutBytes) ctx.stdoutBytes(data);
    else ctx.stdout(decoder.decode(data));
    if (ctx.drain) await ctx.drain();
  });
  return {
    write: (data) => chunker.write(data),
    close: () => chunker.drain(),
    abort: () => chunker.drain(),
  };
}

async function writeAll(handle: FileHandle, data: Data): Promise<void> {
  if (typeof data === 'string') await handle.write(data, null, 'utf8');
  else await handle.write(data);
}

/**
 * A file written under a temporary name beside `path` and renamed to it on close. Readable by its
 * owner only: a report quotes patient notes.
 */
export async function fileSink(path: string): Promise<Sink> {
  const partial = `${path}.partial-${process.pid}`;
  const { open, rename, unlink } = fsPromises();
  const handle = await open(partial, 'w', 0o600);
  const chunker = new Chunker((data) => writeAll(handle, data));
  let isOpen = true;
  const finish = async (): Promise<void> => {
    if (!isOpen) return;
    isOpen = false;
    await handle.close();
  };
  return {
    write: (data) => chunker.write(data),
    async close() {
      await chunker.drain();
      await finish();
      await rename(partial, path);
    },
    async abort() {
      await finish().catch(() => undefined);
      await unlink(partial).catch(() => undefined);
    },
  };
}

/** A private temporary file (its folder readable by this user only) for spooled output. */
export class Spool {
  private constructor(
    private readonly dir: string,
    readonly path: string,
    readonly sink: Sink,
  ) {}

  static async create(): Promise<Spool> {
    const dir = await fsPromises().mkdtemp(join(tmpdir(), 'therapy-claim-guard-'));
    const path = join(dir, 'spool');
    return new Spool(dir, path, await fileSink(path));
  }

  /** Close the spool and copy its bytes into `target`, a megabyte at a time. */
  async copyTo(target: Sink): Promise<void> {
    await this.sink.close();
    for await (const chunk of createReadStream(this.path, { highWaterMark: 1024 * 1024 })) await target.write(chunk as Buffer);
  }

  async remove(): Promise<void> {
    await this.sink.abort();
    await fsPromises().rm(this.dir, { recursive: true, force: true });
  }
}
