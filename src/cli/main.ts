// The command line: wires the real engine and the process streams to run(). Bundled as
// dist/cli-bundle.cjs and started by dist/cli.mjs (launch.ts, which loads it from a code cache) with
// that file's URL, which is also the script `check`'s worker threads start from; they are started
// with BATCH_WORKER_ARG and their workerData, and only serve tasks (batch/worker.ts).
import { once } from 'node:events';
import { fstatSync, statSync, writeSync } from 'node:fs';
import * as engine from '../engine/index';
import { BATCH_WORKER_ARG, isBatchWorkerData, serveBatchWorker } from './batch/worker';
import { run } from './run';

/** /dev/null's device number, or undefined where there is none (Windows). */
function nullDevice(): number | undefined {
  try {
    return statSync('/dev/null').rdev;
  } catch {
    return undefined;
  }
}

/**
 * Whether a standard stream is a terminal. A terminal is always a character device, so a pipe or a
 * file is told apart by fstat alone, and so is /dev/null (the character device a script or a
 * benchmark most often sends output to): process.stdout or process.stderr is then never made unless
 * something is written to it (making one loads Node's stream modules, and for a pipe its socket
 * modules: ~2–4 ms of every cold `check`).
 */
function isTerminal(fd: 1 | 2): boolean {
  try {
    const stats = fstatSync(fd);
    if (!stats.isCharacterDevice() || stats.rdev === nullDevice()) return false;
  } catch {
    return false;
  }
  return (fd === 1 ? process.stdout : process.stderr).isTTY === true;
}

/**
 * How output reaches stdout. A file (or /dev/null) is written with fs.writeSync, which is what
 * Node's stream for a file does anyway, without loading the stream modules a cold `check` would
 * otherwise pay for; a terminal, pipe or socket goes through process.stdout.
 */
function stdoutWriter(): { text: (text: string) => void; bytes: (bytes: Uint8Array) => void; drain: () => Promise<void>; direct: boolean } {
  let direct = false;
  try {
    const stats = fstatSync(1);
    direct = stats.isFile() || (stats.isCharacterDevice() && !isTerminal(1));
  } catch {
    direct = false;
  }
  if (direct) {
    const writeAll = (data: string | Uint8Array) => {
      let bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      while (bytes.length > 0) bytes = bytes.subarray(writeSync(1, bytes));
    };
    return { text: writeAll, bytes: writeAll, drain: async () => undefined, direct: true };
  }
  // `cli.mjs check … | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return {
    text: (text) => process.stdout.write(text),
    bytes: (bytes) => process.stdout.write(bytes),
    drain: async () => {
      if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
    },
    direct: false,
  };
}

/**
 * Runs the command of process.argv (or serves a worker thread); resolves once the exit code is set,
 * with whether the process may exit at once: everything it wrote is written (stdout went straight
 * to a file or /dev/null, and on Linux process.stderr writes synchronously whatever it is), so
 * the launcher can skip Node's tearing down of the heap (~1–2 ms of a cold `check`).
 */
export async function main(launcher: URL): Promise<boolean> {
  if (process.argv[2] === BATCH_WORKER_ARG) {
    const { workerData } = process.getBuiltinModule('node:worker_threads');
    if (isBatchWorkerData(workerData)) {
      serveBatchWorker(engine, workerData);
      return false;
    }
  }
  const output = stdoutWriter();
  process.exitCode = await run(process.argv.slice(2), {
    engine,
    stdout: output.text,
    stdoutBytes: output.bytes,
    stderr: (text) => process.stderr.write(text),
    drain: output.drain,
    workerScript: launcher,
    terminal: { stdout: isTerminal(1), stderr: isTerminal(2) && !process.env.CI },
  });
  return output.direct && process.platform === 'linux';
}
