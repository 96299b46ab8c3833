// What the classifier makes of one frame's page description. Every item carries the anchor it was
// read from (an element id the frame's content script can find again), a confidence in [0, 1]
// and the reason, so the popup can say what was taken from where and why.
import type { SnapshotClaimLine } from '../../shared/snapshot';
import type { Fact } from './vocab';
import type { PatientId } from './patient';

export interface ReadFact<T extends string | number = string | number> {
  value: T;
  /** The text the page showed (for the popup). */
  shown: string;
  confidence: number;
  reason: string;
  anchor?: string;
}

export type ReadFacts = {
  payer?: ReadFact<string>;
  dateOfService?: ReadFact<string>;
  provider?: ReadFact<string>;
  visitNumber?: ReadFact<number>;
  planOfCareStart?: ReadFact<string>;
  totalTimedMinutes?: ReadFact<number>;
  onsetDate?: ReadFact<string>;
};

/** A run of a note part's text that is a run of one block's text. */
export interface NotePiece {
  block: string;
  /** Offset in the part's text. */
  start: number;
  /** Offset in the block's text. */
  blockStart: number;
  length: number;
}

export interface ReadNotePart {
  /** Frame-local part id (the first block's anchor). */
  id: string;
  label?: string;
  text: string;
  pieces: NotePiece[];
  confidence: number;
  reason: string;
  visible: boolean;
  /** Written in an editor (textarea, contenteditable): the user's current text. */
  edit: boolean;
}

export interface ReadLine {
  line: SnapshotClaimLine;
  /** The row, card or list item the line was read from. */
  anchor: string;
  confidence: number;
  reason: string;
  visible: boolean;
}

/** Claim lines of one encounter (a claim list shows several; most pages one). */
export interface ReadGroup {
  key: string;
  /** What the page shows for the group (a claim list's encounter cell), for the popup. */
  label?: string;
  anchor?: string;
  lines: ReadLine[];
  /** Facts the group itself shows (its payer select, its date column). */
  facts: ReadFacts;
}

export interface Skipped {
  what: 'note' | 'line';
  anchor: string;
  reason: string;
  /** The first characters (never stored beyond the session). */
  text: string;
}

export interface FrameReading {
  notes: ReadNotePart[];
  groups: ReadGroup[];
  facts: ReadFacts;
  /** Candidates the classifier looked at and left out, with the reason (best few). */
  skipped: Skipped[];
  /** Diagnosis pointers no diagnosis list on the page resolved. */
  unresolved: string[];
  visible: boolean;
  loading: boolean;
  cut: string[];
  /** The patient identifier the frame shows (worker only: never stored raw, logged or sent to the popup). */
  patient?: PatientId;
}

export type { Fact };
