// What a command needs from the outside world, passed in so the commands are testable without
// spawning a process or building the bundle.
import type { CheckOptions, CheckResult, DataVersion, Level, RuleMeta, UnitMethod } from '../engine/types';
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
  listRules(): RuleMeta[];
  listProfiles(): ProfileSummary[];
  resolveProfile(id: string): ProfileLevels | undefined;
  DATA_VERSION: DataVersion;
}

export interface CliContext {
  engine: CliEngine;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Largest input file accepted, in bytes (tests lower it). */
  maxInputBytes?: number;
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

/** findings: `check` found error-level problems; floorNotMet: `evaluate` scored below a --min/--max. */
export const EXIT = { ok: 0, findings: 1, floorNotMet: 1, usage: 2, internal: 3 } as const;
