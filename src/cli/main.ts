// The command line: wires the real engine and the process streams to run(). Bundled as
// dist/cli-bundle.cjs and started by dist/cli.mjs (launch.ts, which loads it from a code cache) with
// that file's URL, which is also the script `check`'s worker threads start from; they are started
// with BATCH_WORKER_ARG and their workerData, and only serve tasks (batch/worker.ts).
import { once } from 'node:events';
import * as engine from '../engine/index';
import { BATCH_WORKER_ARG, isBatchWorkerData, serveBatchWorker } from './batch/worker';
import { run } from './run';

/** Runs the command of process.argv (or serves a worker thread); resolves once the exit code is set. */
export async function main(launcher: URL): Promise<void> {
  if (process.argv[2] === BATCH_WORKER_ARG) {
    const { workerData } = process.getBuiltinModule('node:worker_threads');
    if (isBatchWorkerData(workerData)) {
      serveBatchWorker(engine, workerData);
      return;
    }
  }
  // `cli.mjs check … | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });

  process.exitCode = await run(process.argv.slice(2), {
    engine,
    stdout: (text) => process.stdout.write(text),
    stdoutBytes: (bytes) => process.stdout.write(bytes),
    stderr: (text) => process.stderr.write(text),
    drain: async () => {
      if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
    },
    workerScript: launcher,
    terminal: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true && !process.env.CI },
  });
}
