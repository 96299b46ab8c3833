// Types for accuracy-floor.mjs (plain JS so npm run accuracy runs it without a build; the CI test imports it).
export interface Floor {
  precision: number;
  recall: number;
  /** Share of labelled codes whose expected units are exact. */
  units: number;
  maxErrorFalseAlarms: number;
}
export interface FloorSet {
  name: string;
  /** Relative to the repository root, or absolute. */
  path: string;
  /** An optional set (the shared set) may be absent; a required one must be there. */
  optional: boolean;
  floor: Floor;
}
export interface FloorFile {
  about: string[];
  sets: FloorSet[];
}
/** The figures of an `evaluate --format json` report that a floor holds. */
export interface EvaluateFigures {
  totals: { precision: number | null; recall: number | null };
  units: { codesExactShare: number | null };
  falseAlarmsAtError: number;
}
export const ROOT: string;
export const FLOOR_FILE: string;
export function floorOf(value: number): number;
export function readFloor(file?: string): FloorFile;
export function setPath(set: FloorSet): string;
export function setPresent(set: FloorSet): boolean;
export function floorArgs(floor: Floor): string[];
export function measured(report: EvaluateFigures): Floor;
export function raisedFloor(floor: Floor, figures: Floor): Floor;
export function writeFloor(data: FloorFile, file?: string): void;
