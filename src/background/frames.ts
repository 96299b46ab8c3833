// Merge the readings of one tab's frames into the visit(s) the page shows. EHRs split a visit across
// frames (OpenEMR: the SOAP note in one iframe, the fee sheet in another, a summary in a third, some
// of them in hidden tabs), and the same text or claim line can be in two of them: it counts once,
// and the copy the user sees wins. A claim list that shows several encounters is several visits.
import type { FrameReading, ReadFact, ReadLine, ReadNotePart, Skipped } from '../adapters/classify/index';
import type { Fact } from '../adapters/classify/vocab';
import { settleTitles } from '../adapters/page/titles';
import type { ClaimLine, NotePart, Visit } from '../engine/visit';
import type { ContentMessage } from '../shared/messages';
import type { Snapshot, SnapshotClaimLine } from '../shared/snapshot';
import { CREDENTIALS } from '../shared/credentials';

export interface ClassifiedFrame {
  frameId: number;
  reading: FrameReading;
  /** The frame said its page changed since this reading (it reads again later). */
  stale: boolean;
  top: boolean;
}

export interface VisitLineSource {
  frameId: number;
  read: ReadLine;
}

export interface ReadVisit {
  key: string;
  /** What the page shows for the encounter (a claim list's patient/encounter cell). */
  label?: string;
  visit: Visit;
  /** Visit note part id → where it came from. */
  parts: Record<string, { frameId: number; part: ReadNotePart }>;
  /** Parallel to visit.lines. */
  lines: VisitLineSource[];
  facts: Partial<Record<Fact, { frameId: number; fact: ReadFact }>>;
}

export interface DroppedPart {
  frameId: number;
  part: ReadNotePart;
  /** The visit part id of the copy that was kept. */
  keptAs: string;
}

export interface MergedReading {
  visits: ReadVisit[];
  /** Note text read in several frames: the copies that were dropped. */
  duplicates: DroppedPart[];
  /** Frames that contributed a note part or a claim line, in merge order. */
  frames: number[];
  loading: boolean;
  stale: boolean;
  cut: string[];
  unresolved: string[];
  /** Candidates the classifiers left out, with the reason (the first few). */
  skipped: Skipped[];
}

/**
 * What the worker keeps for a frame after a content message: a fresh snapshot stamped with the
 * browser-stamped origin (anything the frame said about itself is replaced), the previous one
 * marked stale (`cs:pending`), or nothing (`cs:empty`).
 */
export function frameSnapshot(message: ContentMessage, previous: Snapshot | null | undefined, origin: string): Snapshot | null {
  if (message.type === 'cs:snapshot') {
    const { stale: _stale, origin: _origin, ...snapshot } = message.snapshot;
    // Short lines the describer left for the worker to call a title or not (src/adapters/page/titles.ts).
    return { ...snapshot, page: settleTitles(snapshot.page), origin };
  }
  if (message.type === 'cs:pending') return previous ? { ...previous, stale: true } : null;
  return null;
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

const SIGNATURE_PREFIX =
  /^\s*(?:electronically\s+)?(?:signed(?:\s+by)?|seen\s+by|signature|rendering\s+provider|provider|treating\s+therapist|therapist|clinician)\s*[:\-]?\s*/i;

// A token counts only when it is in the shared list and written in capitals ("P.T." → "PT"),
// so a surname like "Ott" never does.
function asCredential(token: string): string | null {
  const cleaned = token.replace(/\./g, '');
  if (cleaned === '' || (cleaned !== cleaned.toUpperCase() && cleaned !== 'PhD')) return null;
  const upper = cleaned.toUpperCase();
  return CREDENTIALS.has(upper) ? upper : null;
}

/** A name's words without a title ("Dr. Dana Whitfield" and "Dana Whitfield" are one person). */
const nameWords = (name: string): string[] => name.toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 1 && !/^(?:dr|mr|mrs|ms|miss|prof)$/.test(w));
const sameWords = (a: string[], b: string[]): boolean => a.length === b.length && a.every((w) => b.includes(w));

/** "Signed: Jane Doe, PT, DPT" → { name: "Jane Doe", credentials: ["PT", "DPT"] }; "Doe, Jane" → "Jane Doe". */
export function parseProviderText(text: string): { name?: string; credentials: string[] } {
  let body = text.replace(SIGNATURE_PREFIX, '').replace(/\s+/g, ' ').trim();
  const inverted = /^([A-Z][A-Za-z'-]+),\s*([A-Z][a-z'-]+(?:\s+[A-Z]\.?)?)$/.exec(body);
  if (inverted && asCredential((inverted[2] as string).split(' ')[0] as string) === null) body = `${inverted[2]} ${inverted[1]}`;
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

// ---- note parts: the same text in several frames counts once --------------------------------------

function words(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1);
}

/** Share of `a`'s words found in `b` (multiset-free). */
function containment(a: string[], b: Set<string>): number {
  if (a.length === 0) return 0;
  let found = 0;
  for (const w of a) if (b.has(w)) found++;
  return found / a.length;
}

interface Candidate {
  frameId: number;
  part: ReadNotePart;
  words: string[];
  set: Set<string>;
  visible: boolean;
}

/** The copy to keep of two: the one the user sees, then the editable one, then the earlier frame. */
function better(a: Candidate, b: Candidate): Candidate {
  if (a.visible !== b.visible) return a.visible ? a : b;
  if (a.part.edit !== b.part.edit) return a.part.edit ? a : b;
  return a.frameId <= b.frameId ? a : b;
}

function dedupeNotes(frames: ClassifiedFrame[]): { kept: Candidate[]; dropped: DroppedPart[] } {
  const candidates: Candidate[] = [];
  for (const f of frames) {
    for (const part of f.reading.notes) {
      if (!part.text.trim()) continue;
      const w = words(part.text);
      candidates.push({ frameId: f.frameId, part, words: w, set: new Set(w), visible: part.visible && f.reading.visible });
    }
  }
  const dropped = new Set<Candidate>();
  const keptAs = new Map<Candidate, Candidate>();
  for (let i = 0; i < candidates.length; i++) {
    for (let j = i + 1; j < candidates.length; j++) {
      const a = candidates[i] as Candidate;
      const b = candidates[j] as Candidate;
      if (dropped.has(a) || dropped.has(b)) continue;
      // The same section shown twice: nearly all words of the shorter one are in the longer one
      // (a summary of the saved text beside the form being edited, a hidden print preview).
      const [short, long] = a.words.length <= b.words.length ? [a, b] : [b, a];
      const overlap = containment(short.words, long.set);
      const sameLabel = (a.part.label ?? '').toLowerCase() === (b.part.label ?? '').toLowerCase();
      if (overlap < 0.9 && !(sameLabel && overlap >= 0.6 && a.visible !== b.visible)) continue;
      if (a.frameId === b.frameId && a.visible === b.visible) continue; // one frame's own repetition
      const keep = better(a, b);
      const drop = keep === a ? b : a;
      dropped.add(drop);
      keptAs.set(drop, keep);
    }
  }
  // A section edited in a form the user sees, and the saved copy of that form in a hidden tab (the
  // encounter summary): once the two frames share a section, every hidden section labelled like one
  // of the form's editors is the saved, older text of that editor, however much it was changed.
  const linked = new Set([...keptAs].map(([drop, keep]) => `${drop.frameId}>${keep.frameId}`));
  for (const hidden of candidates) {
    if (dropped.has(hidden) || hidden.visible || !hidden.part.label) continue;
    const label = hidden.part.label.toLowerCase();
    const editor = candidates.find((c) => c.visible && c.part.edit && c.frameId !== hidden.frameId && !dropped.has(c) && (c.part.label ?? '').toLowerCase() === label && linked.has(`${hidden.frameId}>${c.frameId}`));
    if (editor) {
      dropped.add(hidden);
      keptAs.set(hidden, editor);
    }
  }
  return {
    kept: candidates.filter((c) => !dropped.has(c)),
    dropped: [...dropped].map((d) => ({ frameId: d.frameId, part: d.part, keptAs: visitPartId((keptAs.get(d) as Candidate).frameId, (keptAs.get(d) as Candidate).part.id) })),
  };
}

// ---- claim lines: the same line in two frames counts once -----------------------------------------

function richness(line: SnapshotClaimLine): number {
  return (line.units !== undefined ? 1 : 0) + (line.minutes !== undefined ? 1 : 0) + (line.modifiers && line.modifiers.length > 0 ? 1 : 0) + (line.dx && line.dx.length > 0 ? 1 : 0);
}

function modifierSet(line: SnapshotClaimLine): Set<string> {
  return new Set((line.modifiers ?? []).map((m) => m.toUpperCase()));
}

function subsetEither(a: Set<string>, b: Set<string>): boolean {
  return [...a].every((m) => b.has(m)) || [...b].every((m) => a.has(m));
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

interface LineSlot {
  line: SnapshotClaimLine;
  frames: Set<number>;
  source: VisitLineSource;
}

function addLines(slots: LineSlot[], frameId: number, lines: ReadLine[]): void {
  // Within one frame every line counts (two 97124 lines are two lines); across frames a line
  // matches at most one line of each other frame.
  for (const read of lines) {
    const match = slots.find((s) => !s.frames.has(frameId) && sameLine(s.line, read.line));
    if (match) {
      match.line = mergeLine(match.line, read.line);
      match.frames.add(frameId);
      // Show in page goes to the copy the user sees.
      if (read.visible && !match.source.read.visible) match.source = { frameId, read };
    } else {
      slots.push({ line: read.line, frames: new Set([frameId]), source: { frameId, read } });
    }
  }
}

// ---- facts ----------------------------------------------------------------------------------------

type FactSlot = Partial<Record<Fact, { frameId: number; fact: ReadFact; score: number }>> & {
  /** Every provider text offered: a signature may carry the credentials the chosen one lacks. */
  providers?: string[];
};

function offerFacts(slot: FactSlot, frameId: number, facts: FrameReading['facts'], bonus: number): void {
  for (const [name, fact] of Object.entries(facts) as [Fact, ReadFact][]) {
    if (name === 'provider' && typeof fact.value === 'string') (slot.providers ??= []).push(fact.value);
    const score = fact.confidence + bonus;
    const current = slot[name];
    if (!current || score > current.score) slot[name] = { frameId, fact, score };
  }
}

function buildVisit(key: string, parts: Candidate[], slots: LineSlot[], facts: FactSlot, label?: string): ReadVisit {
  const note: NotePart[] = parts.map((c) => ({ id: visitPartId(c.frameId, c.part.id), label: c.part.label ?? 'Note', text: c.part.text }));
  const visit: Visit = { note, lines: slots.map((s) => toClaimLine(s.line)) };
  const value = <T extends string | number>(name: Fact): T | undefined => facts[name]?.fact.value as T | undefined;
  const payer = value<string>('payer');
  if (payer) visit.payer = payer;
  const date = value<string>('dateOfService');
  if (date) visit.dateOfService = date;
  const providerText = value<string>('provider');
  if (providerText) {
    const provider = parseProviderText(providerText);
    if (provider.credentials.length === 0 && provider.name) {
      // "Lee, Kim" in a provider select, "Signed: Kim Lee, PTA" under the note: one person, the
      // signature's credentials.
      const words = nameWords(provider.name);
      for (const other of facts.providers ?? []) {
        const o = parseProviderText(other);
        if (o.credentials.length > 0 && o.name && sameWords(nameWords(o.name), words)) {
          provider.credentials = o.credentials;
          break;
        }
      }
    }
    const p: NonNullable<Visit['provider']> = {};
    if (provider.name) p.name = provider.name;
    if (provider.credentials.length > 0) p.credentials = provider.credentials;
    if (p.name || p.credentials) visit.provider = p;
  }
  const timed = value<number>('totalTimedMinutes');
  if (timed !== undefined) visit.totalTimedMinutes = timed;
  const episode: NonNullable<Visit['episode']> = {};
  const visitNumber = value<number>('visitNumber');
  if (visitNumber !== undefined) episode.visitNumber = visitNumber;
  const poc = value<string>('planOfCareStart');
  if (poc) episode.planOfCareStart = poc;
  const onset = value<string>('onsetDate');
  if (onset) episode.onsetDate = onset;
  if (Object.keys(episode).length > 0) visit.episode = episode;
  const out: ReadVisit = {
    key,
    visit,
    parts: Object.fromEntries(parts.map((c) => [visitPartId(c.frameId, c.part.id), { frameId: c.frameId, part: c.part }])),
    lines: slots.map((s) => s.source),
    facts: Object.fromEntries(Object.entries(facts).flatMap(([k, v]) => (Array.isArray(v) ? [] : [[k, { frameId: v.frameId, fact: v.fact }]]))),
  };
  if (label) out.label = label;
  return out;
}

/** null when no frame shows a note or a claim line: the page is not (or no longer) a visit. */
export function mergeReadings(input: readonly ClassifiedFrame[]): MergedReading | null {
  const frames = [...input].sort(frameOrder);
  const { kept, dropped } = dedupeNotes(frames);
  const pageLines: LineSlot[] = [];
  const groups = new Map<string, { label?: string; slots: LineSlot[]; facts: FactSlot; frameId: number }>();
  const contributing = new Set<number>();
  for (const c of kept) contributing.add(c.frameId);
  for (const f of frames) {
    for (const group of f.reading.groups) {
      if (group.lines.length === 0) continue;
      contributing.add(f.frameId);
      if (group.key === 'page') {
        addLines(pageLines, f.frameId, group.lines);
        continue;
      }
      const key = `${f.frameId}:${group.key}`;
      const g = groups.get(key) ?? { slots: [], facts: {}, frameId: f.frameId, ...(group.label ? { label: group.label } : {}) };
      addLines(g.slots, f.frameId, group.lines);
      offerFacts(g.facts, f.frameId, group.facts, 0.2);
      groups.set(key, g);
    }
  }
  if (kept.length === 0 && pageLines.length === 0 && groups.size === 0) return null;

  // Page-level facts: frames that hold the visit's note or lines weigh more; a visible frame more.
  const pageFacts: FactSlot = {};
  for (const f of frames) {
    const holds = contributing.has(f.frameId) ? 0.05 : 0;
    const seen = f.reading.visible ? 0.02 : 0;
    offerFacts(pageFacts, f.frameId, f.reading.facts, holds + seen);
    for (const group of f.reading.groups) if (group.key === 'page') offerFacts(pageFacts, f.frameId, group.facts, holds);
  }

  const visits: ReadVisit[] = [];
  if (kept.length > 0 || pageLines.length > 0) visits.push(buildVisit('page', kept, pageLines, pageFacts));
  for (const [key, g] of groups) visits.push(buildVisit(key, [], g.slots, g.facts, g.label));

  return {
    visits,
    duplicates: dropped,
    frames: [...contributing].sort((a, b) => a - b),
    loading: frames.some((f) => f.reading.loading && f.reading.visible),
    stale: frames.some((f) => f.stale),
    cut: [...new Set(frames.flatMap((f) => f.reading.cut))],
    unresolved: [...new Set(frames.flatMap((f) => f.reading.unresolved))],
    skipped: frames.flatMap((f) => f.reading.skipped).slice(0, 20),
  };
}
