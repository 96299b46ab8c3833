// Entry point of dist/cli.mjs: wires the real engine and the process streams to run(). The same
// file is the module `check`'s worker threads start from; they only serve tasks (batch/worker.ts).
import { once } from 'node:events';
import { workerData } from 'node:worker_threads';
import * as engine from '../engine/index';
import { isBatchWorkerData, serveBatchWorker } from './batch/worker';
import { run } from './run';

if (isBatchWorkerData(workerData)) {
  serveBatchWorker(engine, workerData);
} else {
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
    workerScript: new URL(import.meta.url),
    terminal: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true && !process.env.CI },
  });
}
