// The units of work of a batch `check` and what comes back from them. Everything here crosses
// between threads (structured clone), so it is plain data: no classes, no functions.
import type { VisitRecord } from '../../engine/history/record';
import type { Severity } from '../../engine/types';
import type { Visit } from '../../engine/visit';
import type { CheckedVisit } from '../output';
import type { TextStart } from './json-scan';

/**
 * One thing to check or report, in input order. The main thread reads files and splits JSON
 * arrays; parsing, validation, checking and formatting happen where the item is processed
 * (a worker thread, or the main thread with --jobs 1).
 */
export type WorkItem =
  /**
   * A whole file, still undecoded: most files go to the workers like this, so the main thread
   * never turns their bytes into strings (less memory, and the decoding runs in parallel).
   */
  | { kind: 'bytes'; source: string; file: string; type: 'json' | 'txt'; bytes: Uint8Array; lastOfFile: boolean }
  /** A Visit's JSON text: one element of a file's top-level array (or a file decoded on the main thread). */
  | { kind: 'json'; source: string; file: string; text: string; at: TextStart; lastOfFile: boolean }
  /** A .txt note: the whole file's text. */
  | { kind: 'note'; source: string; file: string; text: string; lastOfFile: boolean }
  /** An input that could not be read (reported in order, among the results). */
  | { kind: 'problem'; problem: ProblemEntry; lastOfFile: boolean };

export interface Task {
  id: number;
  items: WorkItem[];
}

/** no-note: an 837P claim (--claims) that no visit in the batch was joined to. */
export type ProblemKind = 'bad-input' | 'engine-failure' | 'no-note';

/** An input that yielded no result: why, by name. */
export interface ProblemEntry {
  kind: ProblemKind;
  /** The file, FILE#index, folder or pattern, as the user will recognise it. */
  source: string;
  /** The file the source is in, when there is one (SARIF points at it). */
  file?: string;
  /** One line each, e.g. "lines.0.units: expected a whole number (got "2")". */
  messages: string[];
}

/** What a result adds to the run's counts (per rule, payer profile and provider; exit code). */
export interface Tally {
  profile: { id: string; name: string };
  provider: string;
  /** [ruleId, severity, is a root (not folded under another finding)] for every finding. */
  findings: [string, Severity, boolean][];
  /** [ruleId, severity, how many] of the findings left out at the caps (each one a root). */
  omitted?: [string, Severity, number][];
}

export interface ItemOutput {
  /**
   * The item in the chosen format ('' when the format reports it elsewhere). Worker threads send
   * it UTF-8 encoded, in a transferred buffer: no copy, and no string on the main thread.
   */
  text: string | Uint8Array;
  /** Reading notes for stderr, e.g. a file decoded as Windows-1252. */
  warnings?: string[];
  tally?: Tally;
  problem?: ProblemEntry;
  lastOfFile: boolean;
  /**
   * The visit's cross-visit record (fingerprints and series numbers, no text), when the visit
   * names its patient: the main thread keeps it for the cross-visit rules (history.ts).
   */
  history?: { record: VisitRecord; ref: CrossVisitRef };
  /** The key of the 837P claim joined to this visit (--claims), so the main thread knows it has a note. */
  claimKey?: string;
}

/** What the main thread keeps of a visit to report its cross-visit findings: names, not the note. */
export interface CrossVisitRef {
  source: string;
  file: string;
  visit: Pick<Visit, 'id' | 'payer' | 'dateOfService' | 'provider'>;
  profile: CheckedVisit['result']['profile'];
}

export interface TaskResult {
  id: number;
  outputs: ItemOutput[];
}

/** A span of a file: 1-based lines and columns (UTF-16 code units, as SARIF counts by default). */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

/** A checked visit as the formats see it. */
export interface CheckedItem extends CheckedVisit {
  file: string;
  visit: Visit;
  /** Where each finding points in the file (same order as result.findings), when the format asks. */
  regions?: Region[];
}
