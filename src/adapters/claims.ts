// Parsing of claim-line values as EHRs print them: codes ("97124", "97124:GP:59", "G0283"),
// modifiers ("GP:59", "GP 59"), units ("2", "Units:2", "x2"), minutes, diagnosis pointers.
import type { SnapshotClaimLine } from '../shared/snapshot';

/** CPT (5 digits, or 4 digits + F/T/U category II/III) or HCPCS Level II (letter + 4 digits). */
const CODE = '(?:\\d{4}[0-9FTU]|[A-V]\\d{4})';
const CODE_AT_START = new RegExp(`^\\s*(?:(?:CPT|HCPCS|code)\\s*[:#]?\\s*)?(${CODE})(?![A-Za-z0-9.])`, 'i');
const CODE_ANYWHERE = new RegExp(`(?<![A-Za-z0-9.])(${CODE})(?![A-Za-z0-9.])`);
const MODIFIER = /^[A-Z0-9]{2}$/;

/** The code a value starts with ("97124", "97124 - Massage", "CPT 97124"), upper-cased. */
export function parseCode(text: string): string | undefined {
  const match = CODE_AT_START.exec(text);
  return match?.[1]?.toUpperCase();
}

/** A code anywhere in the text (for list items like "Massage (97124)"). */
export function findCode(text: string): string | undefined {
  return CODE_ANYWHERE.exec(text.toUpperCase())?.[1];
}

/** Up to 4 two-character modifiers, separated by colons, spaces, commas, dashes or slashes. */
export function parseModifiers(text: string): string[] {
  const out: string[] = [];
  for (const token of text.toUpperCase().split(/[\s,:;|/\\-]+/)) {
    if (MODIFIER.test(token) && !out.includes(token)) out.push(token);
    if (out.length === 4) break;
  }
  return out;
}

/**
 * A code followed by modifiers in one value: "97124:GP", "97124-GP-59", "97124 GP 59".
 * Modifier tokens must be upper-case, so "97124 x2" is not read as modifier "X2".
 */
export function parseCodeWithModifiers(text: string): { code: string; modifiers: string[] } | undefined {
  const code = parseCode(text);
  if (!code) return undefined;
  const match = CODE_AT_START.exec(text);
  const rest = text.slice((match?.index ?? 0) + (match?.[0].length ?? 0));
  const modifiers: string[] = [];
  const tail = /^[\s:-]+([A-Z0-9]{2})(?![A-Za-z0-9])/;
  let remaining = rest;
  for (let m = tail.exec(remaining); m && modifiers.length < 4; m = tail.exec(remaining)) {
    const token = m[1] as string;
    if (/^[xX]\d$/.test(token)) break;
    if (!modifiers.includes(token)) modifiers.push(token);
    remaining = remaining.slice(m[0].length);
  }
  return { code, modifiers };
}

/** A whole number of units (0–999) from "2", "Units:2", "x2", "2 units". */
export function parseUnits(text: string): number | undefined {
  const match = /(?:^|[^\d.])(\d{1,3})(?![\d.])/.exec(text.replace(/×/g, 'x'));
  if (!match) return undefined;
  const value = Number(match[1]);
  return Number.isInteger(value) && value <= 999 ? value : undefined;
}

/** Minutes (0–1440) from "25", "25 min", "23.5". */
export function parseMinutes(text: string): number | undefined {
  const match = /(\d{1,4}(?:\.\d+)?)/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  return Number.isFinite(value) && value <= 1440 ? value : undefined;
}

/** Units and minutes written inside free text: "x2", "2 units", "(25 min)", "Units: 2". */
export function parseQuantities(text: string): { units?: number; minutes?: number } {
  const out: { units?: number; minutes?: number } = {};
  const units =
    /(?:units?|qty|uos)\s*[:=]?\s*(\d{1,3})(?!\d)/i.exec(text) ??
    /(?<![\dA-Za-z])(\d{1,3})\s*(?:units?|u)\b/i.exec(text) ??
    /(?<![A-Za-z])[x×]\s?(\d{1,3})(?!\d)/i.exec(text);
  if (units) out.units = Number(units[1]);
  const minutes = /(\d{1,4})\s*(?:minutes?|mins?|')(?![A-Za-z])/i.exec(text);
  if (minutes && Number(minutes[1]) <= 1440) out.minutes = Number(minutes[1]);
  return out;
}

/** Diagnosis codes or pointers: "M62.830:", "M62.830,M54.50", "(M62.830)", "1:2". */
export function parseDx(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[\s,:;|()]+/)) {
    const token = raw.trim().toUpperCase();
    if (!token || token.length > 12 || !/^[A-Z0-9.]+$/.test(token)) continue;
    if (!out.includes(token)) out.push(token);
    if (out.length === 12) break;
  }
  return out;
}

/** Build a claim line, leaving out fields that were not found. */
export function claimLine(
  code: string,
  fields: { modifiers?: string[]; units?: number; minutes?: number; dx?: string[] },
): SnapshotClaimLine {
  const line: SnapshotClaimLine = { code };
  if (fields.modifiers && fields.modifiers.length > 0) line.modifiers = fields.modifiers.slice(0, 4);
  if (fields.units !== undefined) line.units = fields.units;
  if (fields.minutes !== undefined) line.minutes = fields.minutes;
  if (fields.dx && fields.dx.length > 0) line.dx = fields.dx;
  return line;
}

/** ISO date from "2026-11-20", "11/20/2026" (US order) or "2026/11/20". */
export function parseDate(text: string): string | undefined {
  const iso = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(text);
  const us = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text);
  let y: number;
  let m: number;
  let d: number;
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) [y, m, d] = [Number(us[3]), Number(us[1]), Number(us[2])];
  else return undefined;
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
