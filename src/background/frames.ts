// Merge the snapshots of one tab's frames into one Visit. EHRs split a visit across frames
// (OpenEMR: the SOAP note in one iframe, the fee sheet in another, a summary in a third), and
// the same claim line can be visible in two of them; it is one line of the claim.
import type { Snapshot, SnapshotClaimLine } from '../shared/snapshot';
import type { ClaimLine, NotePart, Visit } from '../engine/visit';

export interface FrameSnapshot {
  frameId: number;
  snapshot: Snapshot;
}

export interface MergedVisit {
  visit: Visit;
  /** Visit note part id → where it came from, to send "show in note" to the right frame. */
  parts: Record<string, { frameId: number; partId: string }>;
  truncated: boolean;
  /** Frames that contributed a note part or a claim line, in merge order. */
  frames: number[];
}

export const PART_ID_SEPARATOR = '|';

export function visitPartId(frameId: number, partId: string): string {
  return `${frameId}${PART_ID_SEPARATOR}${partId}`;
}

/** Inverse of visitPartId; null for ids this module did not make. */
export function splitVisitPartId(id: string): { frameId: number; partId: string } | null {
  const at = id.indexOf(PART_ID_SEPARATOR);
  if (at <= 0) return null;
  const frameId = Number(id.slice(0, at));
  if (!Number.isInteger(frameId) || frameId < 0) return null;
  return { frameId, partId: id.slice(at + 1) };
}

/** Top frame first, then the others by frameId (creation order, so stable across re-reads). */
export function frameOrder(a: { frameId: number }, b: { frameId: number }): number {
  return a.frameId - b.frameId;
}

// Credentials therapists, assistants and massage therapists sign with. A token counts only when
// it is in this list and written in capitals ("P.T." → "PT"), so a surname like "Ott" never does.
const CREDENTIALS = new Set([
  'PT', 'DPT', 'MPT', 'MSPT', 'PTA', 'LPTA', 'SPT', 'SPTA', 'OT', 'OTR', 'OTR/L', 'OTD', 'OTA', 'COTA',
  'COTA/L', 'LMT', 'LMBT', 'CMT', 'RMT', 'MT', 'ATC', 'LAT', 'DC', 'MD', 'DO', 'NP', 'PA', 'PA-C', 'RN',
  'SLP', 'CCC-SLP', 'CHT', 'OCS', 'SCS', 'NCS', 'GCS', 'WCS', 'CSCS', 'CLT', 'FAAOMPT', 'PHD',
]);

const SIGNATURE_PREFIX =
  /^\s*(?:electronically\s+)?(?:signed(?:\s+by)?|signature|rendering\s+provider|provider|treating\s+therapist|therapist|clinician)\s*[:\-]?\s*/i;

function asCredential(token: string): string | null {
  const cleaned = token.replace(/\./g, '');
  if (cleaned === '' || (cleaned !== cleaned.toUpperCase() && cleaned !== 'PhD')) return null;
  const upper = cleaned.toUpperCase();
  return CREDENTIALS.has(upper) ? upper : null;
}

/** "Signed: Jane Doe, PT, DPT" → { name: "Jane Doe", credentials: ["PT", "DPT"] }. */
export function parseProviderText(text: string): { name?: string; credentials: string[] } {
  const body = text.replace(SIGNATURE_PREFIX, '').replace(/\s+/g, ' ').trim();
  const credentials: string[] = [];
  const nameWords: string[] = [];
  for (const token of body.split(/[\s,;()]+/).filter(Boolean)) {
    const whole = asCredential(token);
    const pieces = whole === null && token.includes('/') ? token.split('/').map(asCredential) : [];
    const found = whole !== null ? [whole] : pieces.length > 0 && pieces.every((c) => c !== null) ? pieces : [];
    if (found.length > 0) {
      for (const credential of found) if (credential && !credentials.includes(credential)) credentials.push(credential);
    } else if (credentials.length === 0) {
      // The name is what comes before the first credential; words after it ("Board Certified") are not.
      nameWords.push(token);
    }
  }
  const name = nameWords.join(' ').slice(0, 200);
  return name ? { name, credentials } : { credentials };
}

function richness(line: SnapshotClaimLine): number {
  return (
    (line.units !== undefined ? 1 : 0) +
    (line.minutes !== undefined ? 1 : 0) +
    (line.modifiers && line.modifiers.length > 0 ? 1 : 0) +
    (line.dx && line.dx.length > 0 ? 1 : 0)
  );
}

function modifierSet(line: SnapshotClaimLine): Set<string> {
  return new Set((line.modifiers ?? []).map((m) => m.toUpperCase()));
}

function subsetEither(a: Set<string>, b: Set<string>): boolean {
  const aInB = [...a].every((m) => b.has(m));
  const bInA = [...b].every((m) => a.has(m));
  return aInB || bInA;
}

/** Same service seen twice: same code, and one frame's modifiers are a subset of the other's. */
function sameLine(a: SnapshotClaimLine, b: SnapshotClaimLine): boolean {
  return a.code.toUpperCase() === b.code.toUpperCase() && subsetEither(modifierSet(a), modifierSet(b));
}

/** Field-wise merge: the richer reading wins a conflict, the other fills what it lacks. */
function mergeLine(a: SnapshotClaimLine, b: SnapshotClaimLine): SnapshotClaimLine {
  const [main, other] = richness(b) > richness(a) ? [b, a] : [a, b];
  const modifiers = (main.modifiers?.length ?? 0) >= (other.modifiers?.length ?? 0) ? main.modifiers : other.modifiers;
  const dx = main.dx && main.dx.length > 0 ? main.dx : other.dx;
  const merged: SnapshotClaimLine = { code: main.code.toUpperCase() };
  if (modifiers && modifiers.length > 0) merged.modifiers = modifiers.map((m) => m.toUpperCase());
  const units = main.units ?? other.units;
  if (units !== undefined) merged.units = units;
  const minutes = main.minutes ?? other.minutes;
  if (minutes !== undefined) merged.minutes = minutes;
  if (dx && dx.length > 0) merged.dx = dx;
  return merged;
}

function toClaimLine(line: SnapshotClaimLine): ClaimLine {
  const out: ClaimLine = { code: line.code.toUpperCase() };
  if (line.modifiers && line.modifiers.length > 0) out.modifiers = line.modifiers.map((m) => m.toUpperCase());
  if (line.units !== undefined) out.units = line.units;
  if (line.minutes !== undefined) out.minutes = line.minutes;
  if (line.dx && line.dx.length > 0) out.dx = [...line.dx];
  return out;
}

/** null when no frame shows a note or a claim line: the page is not (or no longer) an EHR visit. */
export function mergeFrames(input: readonly FrameSnapshot[]): MergedVisit | null {
  const frames = [...input].sort(frameOrder);
  const note: NotePart[] = [];
  const parts: MergedVisit['parts'] = {};
  const contributing: number[] = [];
  let truncated = false;

  // Claim lines: within one frame every line counts (two 97124 lines are two lines); across
  // frames a line matches at most one line of each other frame.
  const merged: Array<{ line: SnapshotClaimLine; frames: Set<number> }> = [];
  let payerText: string | undefined;
  let providerText: string | undefined;
  let dateOfService: string | undefined;

  for (const { frameId, snapshot } of frames) {
    let contributed = false;
    truncated ||= snapshot.truncated;
    for (const part of snapshot.noteParts) {
      if (part.text.trim() === '') continue;
      const id = visitPartId(frameId, part.id);
      if (parts[id]) continue; // an adapter repeating a part id: the first reading stands
      parts[id] = { frameId, partId: part.id };
      note.push({ id, label: part.label ?? part.id, text: part.text });
      contributed = true;
    }
    for (const line of snapshot.claimLines) {
      const match = merged.find((m) => !m.frames.has(frameId) && sameLine(m.line, line));
      if (match) {
        match.line = mergeLine(match.line, line);
        match.frames.add(frameId);
      } else {
        merged.push({ line, frames: new Set([frameId]) });
      }
      contributed = true;
    }
    if (contributed || snapshot.payerText || snapshot.providerText || snapshot.dateOfService) {
      payerText ??= snapshot.payerText?.trim() || undefined;
      providerText ??= snapshot.providerText?.trim() || undefined;
      dateOfService ??= snapshot.dateOfService;
    }
    if (contributed) contributing.push(frameId);
  }

  if (note.length === 0 && merged.length === 0) return null;

  const visit: Visit = { note, lines: merged.map((m) => toClaimLine(m.line)) };
  if (payerText) visit.payer = payerText;
  if (dateOfService) visit.dateOfService = dateOfService;
  if (providerText) {
    const provider = parseProviderText(providerText);
    const value: NonNullable<Visit['provider']> = {};
    if (provider.name) value.name = provider.name;
    if (provider.credentials.length > 0) value.credentials = provider.credentials;
    if (value.name || value.credentials) visit.provider = value;
  }
  return { visit, parts, truncated, frames: contributing };
}
