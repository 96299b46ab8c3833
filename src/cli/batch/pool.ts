// Where tasks are processed: on the main thread (--jobs 1, or a batch too small to be worth
// starting threads for), or by a pool of N threads: N - 1 worker threads and the main thread
// itself. Either way run() resolves with the task's outputs; the pipeline awaits them in task
// order, so results come out in input order whichever thread finishes first.
import type { Worker } from 'node:worker_threads';
import { type Processor, processItem, processTask } from './process';
import type { ItemOutput, Task, TaskResult } from './types';
import { BATCH_WORKER_ARG, type BatchWorkerData } from './worker';

/**
 * The file buffers of a task, handed to the worker instead of copied. A buffer shared with other
 * data (a pooled Buffer) is copied first, since handing it over would take the others' bytes too.
 */
function transferables(task: Task): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const item of task.items) {
    if (item.kind !== 'bytes') continue;
    if (item.bytes.byteOffset !== 0 || item.bytes.byteLength !== item.bytes.buffer.byteLength) item.bytes = new Uint8Array(item.bytes);
    buffers.push(item.bytes.buffer as ArrayBuffer);
  }
  return buffers;
}

export interface Executor {
  /** Resolves with the task's outputs; rejects if the thread processing it dies. */
  run(task: Task): Promise<TaskResult>;
  close(): Promise<void>;
  /** Tasks allowed in flight (queued, running or done but not yet written): the memory bound. */
  readonly window: number;
  /** Start every thread now rather than at the first tasks (a batch known to need them all). */
  prestart?(): void;
}

export class InlineExecutor implements Executor {
  readonly window = 1;
  constructor(private readonly processor: Processor) {}

  async run(task: Task): Promise<TaskResult> {
    // Let file reads, output writes and the progress line run between tasks.
    await new Promise((resolve) => setImmediate(resolve));
    return processTask(task, this.processor);
  }

  async close(): Promise<void> {}
}

/**
 * Each worker's heap. The engine makes much short-lived garbage, and left to themselves V8's
 * heaps grow far past what is live: the young generation to 32 MB, the old one to 4 × what
 * survives (V8 allows that factor only when the heap may reach 2 GB or more; below, it scales down
 * to 1.3). A 6 MB young generation and a 1.5 GB old-generation limit (factor 1.8) keep a worker
 * near 30 MB instead of 60 MB for a few percent more garbage-collection time, which brings
 * 10,000 visits from about 255 MB to 190–210 MB on 2 threads (bench/batch.bench.mjs). A visit that needs
 * more than the limit (a note of many megabytes) is checked again on the main thread, whose heap
 * has V8's usual limit (see WorkerPool's fallback). THERAPY_CLAIM_GUARD_WORKER_HEAP_MB sets the
 * old-generation limit (docs/batch.md).
 */
const WORKER_YOUNG_GENERATION_MB = 6;
const WORKER_OLD_GENERATION_MB = Number(process.env.THERAPY_CLAIM_GUARD_WORKER_HEAP_MB) || 1536;

/**
 * Tasks a worker holds at once: the one it is checking and the next, already in its message queue,
 * so it goes from one task to the next without waiting for the main thread to hear back and send
 * another (the main thread may be in the middle of a visit of its own).
 */
const WORKER_DEPTH = 2;

interface Job {
  task: Task;
  resolve(result: TaskResult): void;
  reject(error: Error): void;
}

/**
 * N threads check: N - 1 worker threads and the main thread. The main thread is one of them because
 * every thread that checks pays V8's warm-up once (each isolate compiles the engine's hot functions
 * with TurboFan again, on V8's helper threads: about a second of CPU), and on a machine with N
 * cores a main thread that only reads and writes would leave a core to that warm-up and to
 * waiting. Workers are served first; the main thread takes a task when none is free, and checks it
 * one visit at a time, returning to its event loop between visits, so reading files, writing
 * results and handing tasks to workers are never held up by more than one visit.
 */
export class WorkerPool implements Executor {
  readonly window: number;
  private readonly workers: Worker[] = [];
  /** Each worker's tasks, in the order they were sent (a worker answers them in that order). */
  private readonly running = new Map<Worker, Job[]>();
  private readonly queue: Job[] = [];
  private failure: Error | undefined;
  private closing = false;
  /** The main thread is checking a task (at most one at a time). */
  private mainBusy = false;

  /**
   * @param size threads that check, the main thread among them (at least 2)
   * @param onMainThread how the main thread processes a task (the same as a worker's: same bytes)
   * @param fallback processes a task on the main thread: for the task of a worker that ran out of
   * memory (its file bytes were handed to that worker, so the fallback reads them again).
   */
  constructor(
    private readonly script: URL,
    private readonly size: number,
    private readonly data: BatchWorkerData,
    private readonly onMainThread: Processor,
    private readonly fallback: (task: Task) => Promise<TaskResult>,
  ) {
    // Each thread has one task running and up to three waiting or done, ready to write.
    this.window = size * 4;
  }

  run(task: Task): Promise<TaskResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.pump();
    });
  }

  prestart(): void {
    while (this.workers.length < this.size - 1) this.start();
  }

  /** A worker holding fewer than `depth` tasks (the least loaded), or undefined. */
  private workerWithRoom(depth: number): Worker | undefined {
    let best: Worker | undefined;
    for (const worker of this.workers) {
      const held = this.running.get(worker)?.length ?? 0;
      if (held < depth && (best === undefined || held < (this.running.get(best)?.length ?? 0))) best = worker;
    }
    return best;
  }

  private send(worker: Worker, job: Job): void {
    this.running.get(worker)?.push(job);
    worker.postMessage(job.task, transferables(job.task));
  }

  /**
   * Hands out queued tasks: first to idle workers (threads start on demand, so a batch of two tasks
   * never starts eight threads), then to the main thread if it is free, then as each worker's next
   * task.
   */
  private pump(): void {
    while (this.queue.length > 0) {
      let worker = this.workerWithRoom(1);
      if (!worker && this.workers.length < this.size - 1) worker = this.start();
      if (!worker) break;
      this.send(worker, this.queue.shift() as Job);
    }
    if (this.queue.length > 0 && !this.mainBusy) {
      this.mainBusy = true;
      const job = this.queue.shift() as Job;
      this.checkHere(job.task).then(job.resolve, job.reject).finally(() => {
        this.mainBusy = false;
        this.pump();
      });
    }
    while (this.queue.length > 0) {
      const worker = this.workerWithRoom(WORKER_DEPTH);
      if (!worker) break;
      this.send(worker, this.queue.shift() as Job);
    }
  }

  /** A task checked on the main thread, a visit at a time between turns of the event loop. */
  private async checkHere(task: Task): Promise<TaskResult> {
    const outputs: ItemOutput[] = [];
    for (const item of task.items) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.failure) throw this.failure;
      if (this.closing) throw new Error('the batch was stopped');
      outputs.push(processItem(item, this.onMainThread));
    }
    return { id: task.id, outputs };
  }

  private start(): Worker {
    const { Worker } = process.getBuiltinModule('node:worker_threads');
    const worker = new Worker(this.script, {
      argv: [BATCH_WORKER_ARG],
      workerData: this.data,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB },
    });
    this.workers.push(worker);
    this.running.set(worker, []);
    worker.on('message', (result: TaskResult) => {
      this.running.get(worker)?.shift()?.resolve(result);
      this.pump();
    });
    worker.on('error', (error) => {
      const jobs = this.running.get(worker) ?? [];
      this.retire(worker);
      if (jobs.length > 0 && (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        // Not a bug: one task needed more than a worker's heap. The main thread checks it instead
        // (and the task sent after it, whose file bytes went to the same worker), and a fresh
        // worker takes the next task.
        for (const job of jobs) this.fallback(job.task).then(job.resolve, job.reject);
        this.pump();
        return;
      }
      this.fail(error instanceof Error ? error : new Error(String(error)));
    });
    worker.on('exit', (code) => {
      if (!this.closing && this.workers.includes(worker)) this.fail(new Error(`a worker thread stopped unexpectedly (exit code ${code})`));
    });
    return worker;
  }

  /** Forget a dead worker (its 'exit' then says nothing). */
  private retire(worker: Worker): void {
    this.running.delete(worker);
    this.workers.splice(this.workers.indexOf(worker), 1);
  }

  /** A dead thread loses its task: fail every task still owed, and the run with them. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const job of [...[...this.running.values()].flat(), ...this.queue.splice(0)]) job.reject(this.failure);
    this.running.clear();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
