// Claims from 837P files joined to the batch's notes. Each claim is keyed by its patient control
// number (CLM01), or by what a mapping file says that number's visit is called; a visit is found by
// its `id`, else by its source (the note's file name, FILE#index). A joined visit takes the claim's
// lines, payer, rendering provider and date: the 837 is what the payer receives. Claims no visit
// took are reported after the batch as lines with no note.
import { readTextFile } from '../input';
import { claimVisitFields, read837, type Claim837 } from './claims-837';
import type { Visit } from '../../engine/visit';

export type ClaimFields = ReturnType<typeof claimVisitFields> & {
  /** "claims.837 claim PCN-0001 (segment 11)": how reports name the claim. */
  from: string;
};

export interface ClaimTable {
  /** Visit key (visit id or source) → the claim's fields. Plain data: handed to worker threads. */
  byVisit: Record<string, ClaimFields>;
  /** One line per problem, naming the file and segment. */
  problems: { source: string; file: string; message: string }[];
  /** Every claim read, for the lines-with-no-note report. */
  claims: { key: string; from: string; file: string; lines: string[] }[];
}

/** The mapping file: a JSON object of patient control number → visit id or note file. */
async function readMapping(path: string): Promise<{ ok: true; map: Record<string, string> } | { ok: false; problem: string }> {
  const file = await readTextFile(path);
  if (!file.ok) return { ok: false, problem: file.problem };
  let data: unknown;
  try {
    data = JSON.parse(file.text);
  } catch (error) {
    return { ok: false, problem: `${path}: invalid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ok: false, problem: `${path}: expected a JSON object of patient control number → visit id or note file` };
  const map: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string' || value.trim() === '') return { ok: false, problem: `${path}: "${key}" should map to a visit id or note file (text)` };
    map[key] = value;
  }
  return { ok: true, map };
}

const lineLabel = (l: Claim837['lines'][number]): string => `${l.code}${l.modifiers?.length ? `-${l.modifiers.join('-')}` : ''}${l.units !== undefined ? ` ×${l.units}` : l.minutes !== undefined ? ` ${l.minutes} min` : ''}`;

export async function loadClaims(paths: readonly string[], mappingPath: string | undefined): Promise<ClaimTable | { usage: string }> {
  let mapping: Record<string, string> = {};
  if (mappingPath !== undefined) {
    const read = await readMapping(mappingPath);
    if (!read.ok) return { usage: `--claim-map ${read.problem}` };
    mapping = read.map;
  }
  const table: ClaimTable = { byVisit: Object.create(null) as Record<string, ClaimFields>, problems: [], claims: [] };
  const seen = new Map<string, string>();
  for (const path of paths) {
    const file = await readTextFile(path);
    if (!file.ok) {
      table.problems.push({ source: path, file: path, message: file.problem.startsWith(`${path}: `) ? file.problem.slice(path.length + 2) : file.problem });
      continue;
    }
    const { claims, problems } = read837(file.text);
    for (const message of problems) table.problems.push({ source: path, file: path, message });
    for (const claim of claims) {
      const from = `${path} claim ${claim.controlNumber} (segment ${claim.segment})`;
      const earlier = seen.get(claim.controlNumber);
      if (earlier !== undefined) {
        table.problems.push({ source: path, file: path, message: `segment ${claim.segment} (CLM): patient control number ${claim.controlNumber} is also ${earlier}; the first is used` });
        continue;
      }
      seen.set(claim.controlNumber, from);
      const key = mapping[claim.controlNumber] ?? claim.controlNumber;
      table.byVisit[key] = { ...claimVisitFields(claim), from };
      table.claims.push({ key, from, file: path, lines: claim.lines.map(lineLabel) });
    }
  }
  return table;
}

/** The visit with its claim's fields, when a claim is keyed by its id or source. */
export function joinClaim(visit: Visit, source: string, byVisit: Record<string, ClaimFields> | undefined): { visit: Visit; key?: string } {
  if (!byVisit) return { visit };
  const key = visit.id !== undefined && Object.hasOwn(byVisit, visit.id) ? visit.id : Object.hasOwn(byVisit, source) ? source : undefined;
  if (key === undefined) return { visit };
  const { from: _from, ...fields } = byVisit[key]!;
  return { visit: { ...visit, ...fields }, key };
}
