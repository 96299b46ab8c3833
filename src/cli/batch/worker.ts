// A worker thread of a batch `check`. Workers start from the command line's own bundle
// (dist/cli.mjs, see main.ts), recognise themselves by workerData.role, and then answer each task
// from the main thread with its outputs, formatted, in order.
import { parentPort } from 'node:worker_threads';
import type { CheckOptions } from '../../engine/types';
import type { CliEngine } from '../context';
import type { FormatEnv } from './formats/format';
import { FORMATS, type FormatName } from './formats/index';
import { processTask } from './process';
import type { Task } from './types';

export const BATCH_WORKER_ROLE = 'therapy-claim-guard/check-worker';

export interface BatchWorkerData {
  role: typeof BATCH_WORKER_ROLE;
  format: FormatName;
  options?: CheckOptions;
  env: FormatEnv;
}

export function isBatchWorkerData(data: unknown): data is BatchWorkerData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === BATCH_WORKER_ROLE;
}

/** Serve tasks until the main thread terminates this worker. */
export function serveBatchWorker(engine: Pick<CliEngine, 'check'>, data: BatchWorkerData): void {
  const port = parentPort;
  if (!port) throw new Error('serveBatchWorker runs only in a worker thread');
  const processor = { engine, options: data.options, format: FORMATS[data.format], env: data.env };
  const encoder = new TextEncoder();
  port.on('message', (task: Task) => {
    const result = processTask(task, processor);
    // Output as UTF-8 in buffers handed over, not copied: the main thread writes bytes it never decodes.
    const transfer: ArrayBuffer[] = [];
    for (const output of result.outputs) {
      if (typeof output.text !== 'string' || output.text === '') continue;
      const bytes = encoder.encode(output.text);
      output.text = bytes;
      transfer.push(bytes.buffer as ArrayBuffer);
    }
    port.postMessage(result, transfer);
  });
}
