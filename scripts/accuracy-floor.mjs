// The accuracy floor (test/accuracy/floor.json): per labelled set, the precision, recall and units
// figures main has reached, and the most false alarms at severity error it allows. Read by
// `npm run accuracy` (scripts/accuracy-notes.mjs) and by the CI test (test/accuracy/floor.test.ts),
// so both hold the engine to the same numbers. Accuracy only goes up: `--raise-floor` moves a
// figure up (or the error false alarms down) to what was measured, never the other way.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FLOOR_FILE = resolve(ROOT, 'test/accuracy/floor.json');

/** Floors keep 3 decimals, rounded down, so the run that sets a floor always meets it. */
export const floorOf = (value) => Math.floor(value * 1000 + 1e-9) / 1000;

const FIGURES = ['precision', 'recall', 'units'];

/**
 * @typedef {{ precision: number, recall: number, units: number, maxErrorFalseAlarms: number }} Floor
 * @typedef {{ name: string, path: string, optional: boolean, floor: Floor }} FloorSet
 */

/** @returns {{ about: string[], sets: FloorSet[] }} */
export function readFloor(file = FLOOR_FILE) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(data.sets) || data.sets.length === 0) throw new Error(`${file}: "sets" must list at least one labelled set`);
  for (const set of data.sets) {
    const where = `${file}: set "${set.name}"`;
    if (typeof set.name !== 'string' || typeof set.path !== 'string' || typeof set.optional !== 'boolean') {
      throw new Error(`${where}: needs a name, a path and optional (true/false)`);
    }
    for (const figure of FIGURES) {
      const value = set.floor?.[figure];
      if (typeof value !== 'number' || value < 0 || value > 1) throw new Error(`${where}: floor.${figure} must be a number from 0 to 1`);
    }
    const max = set.floor.maxErrorFalseAlarms;
    if (!Number.isInteger(max) || max < 0) throw new Error(`${where}: floor.maxErrorFalseAlarms must be a whole number`);
  }
  return data;
}

/** The set's folder, relative paths taken from the repository root. */
export const setPath = (set) => (isAbsolute(set.path) ? set.path : resolve(ROOT, set.path));

export const setPresent = (set) => existsSync(setPath(set));

/** `evaluate` arguments that enforce a set's floor (evaluate checks them and sets the exit code). */
export function floorArgs(floor) {
  return [
    '--min-precision', String(floor.precision),
    '--min-recall', String(floor.recall),
    '--min-units', String(floor.units),
    '--max-error-false-alarms', String(floor.maxErrorFalseAlarms),
  ];
}

/** The figures of an `evaluate --format json` report, as a floor would hold them (unrounded). */
export function measured(report) {
  return {
    precision: report.totals.precision ?? 1,
    recall: report.totals.recall ?? 1,
    units: report.units.codesExactShare ?? 1,
    maxErrorFalseAlarms: report.falseAlarmsAtError,
  };
}

/** Raise a floor to what was measured: figures only up, error false alarms only down. */
export function raisedFloor(floor, figures) {
  const next = { ...floor };
  for (const figure of FIGURES) next[figure] = Math.max(floor[figure], floorOf(figures[figure]));
  next.maxErrorFalseAlarms = Math.min(floor.maxErrorFalseAlarms, figures.maxErrorFalseAlarms);
  return next;
}

export function writeFloor(data, file = FLOOR_FILE) {
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
