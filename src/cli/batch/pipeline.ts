// A batch `check`, end to end:
//
//   arguments ─ expandInputs ─▶ files in order ─ readEntry (main thread) ─▶ work items
//        ─▶ tasks of up to TASK_ITEMS items ─▶ executor (worker threads, or the main thread)
//        ─▶ outputs awaited in task order ─▶ sink (stdout or --out FILE), counts ─▶ exit code
//
// Memory stays bounded whatever the batch size: at most `executor.window` tasks exist at once
// (read but not yet written), the next file is read only when one has been written, and the
// sink waits for a slow stdout. Only small tallies of each result are kept, for the counts.
import { version } from '../../../package.json';
import type { CheckOptions } from '../../engine/types';
import { type CliContext, InputError } from '../context';
import { PROGRAM } from '../help';
import { MAX_INPUT_BYTES, readProblem } from '../input';
import type { FormatEnv, RunInfo } from './formats/format';
import { FORMATS, type FormatName } from './formats/index';
import { expandInputs } from './inputs';
import { type Executor, InlineExecutor, WorkerPool } from './pool';
import { Progress } from './progress';
import { ReadAhead, rereadItem } from './reader';
import { type Processor, processTask } from './process';
import { fileSink, type Sink, Spool, stdoutSink } from './sink';
import { Summary } from './summary';
import { CrossVisitBatch } from './cross-visit';
import type { ClaimTable } from '../claims/join';
import type { ItemOutput, ProblemEntry, Task, TaskResult, WorkItem } from './types';
import { BATCH_WORKER_ROLE } from './worker';

/** Items per task: enough to make a message worth its cost, few enough to keep every worker busy. */
const TASK_ITEMS = 32;
/** A task is sent early once its texts reach this size (large notes). */
const TASK_CHARS = 512 * 1024;

export interface BatchRequest {
  inputs: string[];
  format: FormatName;
  options?: CheckOptions;
  /** Threads to check with; 1 checks on the main thread. */
  jobs: number;
  /** --jobs was given: use worker threads even for a batch small enough to check on the main thread. */
  jobsGiven: boolean;
  out?: string;
  /** 837P claims to join to the visits (--claims), read before the batch. */
  claims?: ClaimTable;
  /** Run the cross-visit rules over visits that name their patient (default on; --no-history). */
  history?: boolean;
}

function problemLines(problem: ProblemEntry): string {
  if (problem.kind === 'engine-failure') return problem.messages.map((m) => `${PROGRAM}: internal error: ${m}\n`).join('');
  return problem.messages.map((m) => `error: ${problem.source}: ${m}\n`).join('');
}

/** --out FILE, or why it cannot be written (exit 2, before any checking). */
async function outFile(path: string): Promise<Sink> {
  try {
    return await fileSink(path);
  } catch (error) {
    const missingFolder = error instanceof Error && 'code' in error && error.code === 'ENOENT';
    throw new InputError([`--out ${path}: ${missingFolder ? 'its folder does not exist' : readProblem(error)}`]);
  }
}

const itemSize = (item: WorkItem): number => (item.kind === 'problem' ? 0 : item.kind === 'bytes' ? item.bytes.length : item.text.length);

export async function runBatch(request: BatchRequest, ctx: CliContext): Promise<number> {
  const out: Sink = request.out === undefined ? stdoutSink(ctx) : await outFile(request.out);
  let spool: Spool | undefined;
  let executor: Executor | undefined;
  // Ctrl-C or a kill leaves no partial report and no spooled patient data behind.
  const interrupted = (signal: NodeJS.Signals): void => {
    void Promise.allSettled([out.abort(), spool?.remove(), executor?.close()]).then(() => process.kill(process.pid, signal));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    spool = FORMATS[request.format].summaryFirst ? await Spool.create() : undefined;
    return await checkAll(request, ctx, out, spool, (started) => (executor = started));
  } catch (error) {
    await out.abort();
    throw error;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await executor?.close();
    await spool?.remove();
  }
}

/** Everything between opening the output and closing it; `started` learns the executor, to close it. */
async function checkAll(request: BatchRequest, ctx: CliContext, out: Sink, spool: Spool | undefined, started: (executor: Executor) => void): Promise<number> {
  const format = FORMATS[request.format];
  const env: FormatEnv = { cwd: ctx.cwd ?? process.cwd(), rules: ctx.engine.listAllRules() };
  const run: RunInfo = { env, tool: { version, data: ctx.engine.DATA_VERSION }, inputs: request.inputs, startedAt: new Date() };
  const body = spool?.sink ?? out;
  const entries = await expandInputs(request.inputs);
  const showProgress = ctx.terminal?.stderr === true && (request.out !== undefined || ctx.terminal.stdout !== true);
  const progress = new Progress(ctx.stderr, showProgress, entries.length);
  const summary = new Summary();
  let written = 0;

  const workerScript = ctx.workerScript;
  const threads = request.jobs > 1 && workerScript !== undefined;
  const maxBytes = ctx.maxInputBytes ?? MAX_INPUT_BYTES;
  const history = request.history !== false;
  const crossVisit = history ? new CrossVisitBatch() : undefined;
  const claims = request.claims?.byVisit;
  const claimsJoined = new Set<string>();
  const onMainThread: Processor = { engine: ctx.engine, options: request.options, history, ...(claims && { claims }), format, env };
  /** A worker's task checked here instead; its files were handed to the worker, so read them again. */
  const fallback = async (task: Task): Promise<TaskResult> => {
    const sources = task.items.map((item) => (item.kind === 'problem' ? item.problem.source : item.source));
    const which = sources.length === 1 ? sources[0] : `${sources[0]} … ${sources[sources.length - 1]}`;
    progress.message(`warning: a worker thread ran out of memory; ${which} checked on the main thread instead (see THERAPY_CLAIM_GUARD_WORKER_HEAP_MB)\n`);
    const items = await Promise.all(task.items.map((item) => (item.kind === 'bytes' ? rereadItem(item, maxBytes) : item)));
    return processTask({ id: task.id, items }, onMainThread);
  };
  let executor: Executor | undefined;
  /** Decided at the first task: a batch that fits in one task is not worth starting threads for. */
  const executorFor = (moreToCome: boolean): Executor => {
    if (!executor) {
      const data = { role: BATCH_WORKER_ROLE, format: request.format, ...(request.options && { options: request.options }), history, ...(claims && { claims }), env } as const;
      executor = threads && (moreToCome || request.jobsGiven) ? new WorkerPool(workerScript, request.jobs, data, onMainThread, fallback) : new InlineExecutor(onMainThread);
      started(executor);
    }
    return executor;
  };
  // More files than one task holds: threads will be used, so start them now, and their start-up
  // (a V8 isolate each, the code cache, the engine's set-up) overlaps with reading the first files.
  if (threads && entries.length > TASK_ITEMS) executorFor(true).prestart?.();

  const pending: Promise<TaskResult>[] = [];
  const writeOutput = async (output: ItemOutput): Promise<void> => {
    for (const warning of output.warnings ?? []) progress.message(`warning: ${warning}\n`);
    if (output.tally) summary.addResult(output.tally);
    if (output.history) crossVisit?.add(output.history);
    if (output.claimKey !== undefined) claimsJoined.add(output.claimKey);
    if (output.problem) {
      summary.addProblem(output.problem);
      progress.message(problemLines(output.problem));
    }
    if (output.text.length > 0) {
      await body.write(written === 0 ? format.first : format.between);
      await body.write(output.text);
      written++;
    }
    if (output.lastOfFile) summary.filesDone++;
  };
  const writeNext = async (): Promise<void> => {
    const result = await (pending.shift() as Promise<TaskResult>);
    for (const output of result.outputs) await writeOutput(output);
    progress.update(summary.filesDone, summary.visits, summary.problems.length);
  };

  let items: WorkItem[] = [];
  let chars = 0;
  let nextId = 0;
  const send = async (moreToCome: boolean): Promise<void> => {
    if (items.length === 0) return;
    const task: Task = { id: nextId++, items };
    items = [];
    chars = 0;
    const running = executorFor(moreToCome).run(task);
    // Awaited in order below; a rejection while an earlier task is awaited must not go unhandled.
    running.catch(() => undefined);
    pending.push(running);
    while (pending.length >= (executor as Executor).window) await writeNext();
  };

  try {
    if (!spool) await out.write(format.begin(run));
    // A bad or partial 837 file is reported first, by segment; its good claims and the batch go on.
    for (const { source, file, message } of request.claims?.problems ?? []) {
      const problem: ProblemEntry = { kind: 'bad-input', source, file, messages: [message] };
      await writeOutput({ text: format.problem(problem, env), problem, lastOfFile: false });
    }
    const warn = (warning: string): void => progress.message(`warning: ${warning}\n`);
    for await (const entryItems of new ReadAhead(entries, warn, maxBytes)) {
      for (const item of entryItems) {
        items.push(item);
        chars += itemSize(item);
        if (items.length >= TASK_ITEMS || chars >= TASK_CHARS) await send(true);
      }
    }
    await send(false);
    while (pending.length > 0) await writeNext();
    for (const claim of request.claims?.claims ?? []) {
      if (claimsJoined.has(claim.key)) continue;
      const n = claim.lines.length;
      const problem: ProblemEntry = { kind: 'no-note', source: claim.from, file: claim.file, messages: [`${n} claim line${n === 1 ? '' : 's'} with no note in this batch (${claim.lines.join(', ')}); no visit has id or file "${claim.key}"`] };
      await writeOutput({ text: format.problem(problem, env), problem, lastOfFile: false });
    }
    if (crossVisit && crossVisit.visits > 0) {
      // Every visit has its own result: the worker threads (a heap each) are done; only the main
      // thread runs the cross-visit rules.
      await executor?.close();
      summary.crossVisit.visits = crossVisit.visits;
      summary.crossVisit.patients = crossVisit.patients;
      for (const { item, tally } of crossVisit.results(request.options, ctx.engine.DATA_VERSION)) {
        summary.addCrossVisit(tally);
        await body.write(written === 0 ? format.first : format.between);
        await body.write(format.result(item, env));
        written++;
      }
    }
  } finally {
    progress.clear();
  }

  if (spool && format.summaryFirst) {
    await out.write(format.begin(run));
    await out.write(format.end(summary, run, written));
    await spool.copyTo(out);
    await out.write(format.summaryFirst.tail());
  } else {
    await out.write(format.end(summary, run, written));
  }
  await out.close();
  if (summary.engineFailures > 0) ctx.stderr('Please report this with the input that caused it.\n');
  return summary.exitCode();
}
