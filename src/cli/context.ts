// What a command needs from the outside world, passed in so the commands are testable without
// spawning a process or building the bundle.
import type { ListedRule } from '../engine/index';
import type { CheckOptions, CheckResult, DataVersion, Level, UnitMethod } from '../engine/types';
import type { Visit } from '../engine/visit';

export interface ProfileSummary {
  id: string;
  name: string;
  description: string;
}

/** The slice of a resolved payer profile the command line reads. */
export interface ProfileLevels {
  unitMethod: UnitMethod;
  /** A rule without a level here runs at its default severity. */
  rules: Record<string, { level?: Level }>;
}

/** The engine API the command line uses (src/engine/index.ts satisfies it). */
export interface CliEngine {
  check(visit: Visit, options?: CheckOptions): CheckResult;
  /** Every rule, the cross-visit ones included (src/engine listAllRules). */
  listAllRules(): ListedRule[];
  listProfiles(): ProfileSummary[];
  resolveProfile(id: string): ProfileLevels | undefined;
  DATA_VERSION: DataVersion;
}

export interface CliContext {
  engine: CliEngine;
  stdout(text: string): void;
  /** Writes UTF-8 bytes to stdout as they are (batch output from worker threads); else decoded for stdout(). */
  stdoutBytes?(bytes: Uint8Array): void;
  stderr(text: string): void;
  /** Largest input file accepted, in bytes (tests lower it). */
  maxInputBytes?: number;
  /** Resolves once stdout can take more output (a slow pipe slows the batch instead of filling memory). */
  drain?: () => Promise<void>;
  /**
   * The module worker threads start from: dist/cli.mjs itself (main.ts). Without it, `check`
   * processes everything on the main thread (tests of run() with a stand-in engine).
   */
  workerScript?: URL;
  /** Whether stdout and stderr are terminals a person watches (the progress line; false in CI). */
  terminal?: { stdout: boolean; stderr: boolean };
  /** The working folder (SARIF locations are relative to it); process.cwd() when absent. */
  cwd?: string;
}

/** Bad arguments: exit 2 with the message and a pointer to --help. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Unreadable or invalid input files: exit 2 with one line per problem. */
export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'InputError';
  }
}

/** Thrown when the engine itself fails on valid input: a bug to report, not the user's fault. */
export class EngineFailure extends Error {
  constructor(
    readonly source: string,
    readonly reason: unknown,
  ) {
    super(`the engine failed on ${source}: ${reason instanceof Error ? reason.message : String(reason)}`);
    this.name = 'EngineFailure';
  }
}

/** findings: `check` found error-level problems; floorNotMet: `evaluate` scored below a --min/--max. */
export const EXIT = { ok: 0, findings: 1, floorNotMet: 1, usage: 2, internal: 3 } as const;
