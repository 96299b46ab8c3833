// Picks the adapters for a frame and turns the first useful read into a capped Snapshot plus the
// source map the highlighter needs. The content script is the only caller in the extension.
import { MAX_ADAPTER_ID, MAX_FIELD, MAX_ID, MAX_LABEL, MAX_LINES, MAX_PART_CHARS, MAX_PARTS } from '../shared/limits';
import type { Snapshot, SnapshotClaimLine, SnapshotNotePart } from '../shared/snapshot';
import { genericAdapter, readLabelledContext } from './generic';
import { openemrAdapter } from './openemr';
import { selectorAdapter } from './selector-adapter';
import type { SelectorAdapterConfig } from './selector';
import { isEmptyRead, type Adapter, type AdapterRead, type LocationLike, type PartSource } from './types';

export type { Adapter, AdapterRead, LocationLike, PartSource, ReadPart, TextSegment } from './types';

export interface FrameRead {
  /** Adapter whose read produced the snapshot (the first candidate when nothing was found). */
  adapter: string;
  snapshot: Snapshot;
  /** Part id → where its text came from, for `bg:highlight`. */
  sources: Map<string, PartSource>;
  /** Elements to observe: the union of every candidate adapter's regions. */
  regions: Element[];
  /** Nothing to report: no note text and no claim line. */
  empty: boolean;
}

/** Selector configs whose URL pattern matches come first, then OpenEMR if it matches, else generic. */
export function pickAdapters(doc: Document, location: LocationLike, selectorConfigs: readonly SelectorAdapterConfig[]): Adapter[] {
  const adapters: Adapter[] = [];
  for (const config of selectorConfigs) {
    const adapter = selectorAdapter(config);
    if (adapter.matches(doc, location)) adapters.push(adapter);
  }
  adapters.push(openemrAdapter.matches(doc, location) ? openemrAdapter : genericAdapter);
  return adapters;
}

const CODE = /^[A-Za-z0-9]{5}$/;
const MODIFIER = /^[A-Za-z0-9]{2}$/;

/** Keep only what SnapshotClaimLineSchema accepts, so a snapshot never fails validation. */
function cleanLine(line: SnapshotClaimLine): SnapshotClaimLine | null {
  if (!CODE.test(line.code)) return null;
  const out: SnapshotClaimLine = { code: line.code };
  const modifiers = (line.modifiers ?? []).filter((m) => MODIFIER.test(m)).slice(0, 8);
  if (modifiers.length > 0) out.modifiers = modifiers;
  if (line.units !== undefined && Number.isInteger(line.units) && line.units >= 0 && line.units <= 999) out.units = line.units;
  if (line.minutes !== undefined && Number.isFinite(line.minutes) && line.minutes >= 0 && line.minutes <= 1440) out.minutes = line.minutes;
  const dx = (line.dx ?? []).filter((d) => d.length > 0 && d.length <= 12).slice(0, 12);
  if (dx.length > 0) out.dx = dx;
  return out;
}

/** Apply the Snapshot caps; `truncated` records any cut the user should be told about. */
export function toSnapshot(adapterId: string, read: AdapterRead): { snapshot: Snapshot; sources: Map<string, PartSource> } {
  let truncated = read.truncated === true;
  const sources = new Map<string, PartSource>();
  const noteParts: SnapshotNotePart[] = [];
  for (const part of read.noteParts) {
    if (noteParts.length === MAX_PARTS) {
      truncated = true;
      break;
    }
    const id = part.id.slice(0, MAX_ID);
    if (sources.has(id)) continue;
    let text = part.text;
    if (text.length > MAX_PART_CHARS) {
      text = text.slice(0, MAX_PART_CHARS);
      truncated = true;
    }
    const out: SnapshotNotePart = { id, text };
    if (part.label) out.label = part.label.slice(0, MAX_LABEL);
    noteParts.push(out);
    sources.set(id, part.source);
  }
  const claimLines: SnapshotClaimLine[] = [];
  for (const line of read.claimLines) {
    const clean = cleanLine(line);
    if (!clean) continue;
    if (claimLines.length === MAX_LINES) {
      truncated = true;
      break;
    }
    claimLines.push(clean);
  }
  const snapshot: Snapshot = { adapter: adapterId.slice(0, MAX_ADAPTER_ID), noteParts, claimLines, truncated };
  if (read.payerText) snapshot.payerText = read.payerText.slice(0, MAX_FIELD);
  if (read.providerText) snapshot.providerText = read.providerText.slice(0, MAX_FIELD);
  if (read.dateOfService && /^\d{4}-\d{2}-\d{2}$/.test(read.dateOfService)) snapshot.dateOfService = read.dateOfService;
  return { snapshot, sources };
}

/** Read one frame: the first candidate adapter that finds a note or a claim line wins. */
export function readFrame(
  doc: Document,
  location: LocationLike,
  selectorConfigs: readonly SelectorAdapterConfig[],
  adapters: readonly Adapter[] = pickAdapters(doc, location, selectorConfigs),
  options: { topFrame?: boolean } = {},
): FrameRead {
  const regions: Element[] = [];
  for (const adapter of adapters) {
    for (const region of adapter.regions(doc)) {
      if (!regions.some((r) => r.contains(region))) {
        // A wider region replaces the narrower ones it contains.
        for (let i = regions.length - 1; i >= 0; i--) if (region.contains(regions[i] as Element)) regions.splice(i, 1);
        regions.push(region);
      }
    }
  }
  for (const adapter of adapters) {
    const read = adapter.read(doc);
    if (!isEmptyRead(read)) {
      const { snapshot, sources } = toSnapshot(adapter.id, read);
      return { adapter: adapter.id, snapshot, sources, regions, empty: snapshot.noteParts.length === 0 && snapshot.claimLines.length === 0 };
    }
  }
  const first = adapters[0]?.id ?? 'generic';
  // A top frame with no note or claim may still carry the visit's context in its patient banner;
  // the worker merges it with the frames that hold the note and the claim.
  if (options.topFrame) {
    const context = readLabelledContext(doc);
    if (context.payerText || context.providerText || context.dateOfService) {
      const { snapshot } = toSnapshot(first, { noteParts: [], claimLines: [], ...context });
      return { adapter: first, snapshot, sources: new Map(), regions, empty: false };
    }
  }
  return { adapter: first, snapshot: { adapter: first, noteParts: [], claimLines: [], truncated: false }, sources: new Map(), regions, empty: true };
}
