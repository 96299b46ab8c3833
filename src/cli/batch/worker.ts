// A worker thread of a batch `check`. Workers start from the command line's own launcher
// (dist/cli.mjs, see main.ts) with BATCH_WORKER_ARG as their only argument, check that their
// workerData says so too, and then answer each task from the main thread with its outputs,
// formatted, in order. (node:worker_threads is loaded only in workers and by the pool: a plain
// `check` of one file does not pay for it.)
import type { CheckOptions } from '../../engine/types';
import type { ClaimFields } from '../claims/join';
import type { CliEngine } from '../context';
import type { FormatEnv } from './formats/format';
import { FORMATS, type FormatName } from './formats/index';
import { processTask } from './process';
import type { Task, TaskResult } from './types';

export const BATCH_WORKER_ROLE = 'therapy-claim-guard/check-worker';
/** The argument a worker thread is started with (main.ts looks for it before loading anything else). */
export const BATCH_WORKER_ARG = '--therapy-claim-guard-check-worker';

export interface BatchWorkerData {
  role: typeof BATCH_WORKER_ROLE;
  format: FormatName;
  options?: CheckOptions;
  history?: boolean;
  claims?: Record<string, ClaimFields>;
  env: FormatEnv;
}

export function isBatchWorkerData(data: unknown): data is BatchWorkerData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === BATCH_WORKER_ROLE;
}

/**
 * The task's output texts as UTF-8 in one buffer, each output's text becoming its slice: handed
 * to the main thread rather than copied, and written there as bytes it never decodes.
 */
function encodeOutputs(result: TaskResult, encoder: TextEncoder): ArrayBuffer | undefined {
  let size = 0;
  for (const output of result.outputs) if (typeof output.text === 'string') size += Buffer.byteLength(output.text, 'utf8');
  if (size === 0) return undefined;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const output of result.outputs) {
    if (typeof output.text !== 'string' || output.text === '') continue;
    const { written } = encoder.encodeInto(output.text, bytes.subarray(at));
    output.text = bytes.subarray(at, at + written);
    at += written;
  }
  return bytes.buffer;
}

/** Serve tasks until the main thread terminates this worker. */
export function serveBatchWorker(engine: Pick<CliEngine, 'check'>, data: BatchWorkerData): void {
  const port = process.getBuiltinModule('node:worker_threads').parentPort;
  if (!port) throw new Error('serveBatchWorker runs only in a worker thread');
  const processor = { engine, options: data.options, history: data.history === true, ...(data.claims && { claims: data.claims }), format: FORMATS[data.format], env: data.env };
  const encoder = new TextEncoder();
  port.on('message', (task: Task) => {
    const result = processTask(task, processor);
    const buffer = encodeOutputs(result, encoder);
    port.postMessage(result, buffer ? [buffer] : []);
  });
}
