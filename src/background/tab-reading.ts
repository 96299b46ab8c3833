// What a tab's frames show, read once per snapshot: each frame's page description classified
// (src/adapters/classify) and the frames merged into the visit(s) the page shows (frames.ts).
// Analysis, the popup's "Read from", "show in page" and the history hook all read it from here.
import { classifyFrame, type FrameReading } from '../adapters/classify/index';
import type { Snapshot } from '../shared/snapshot';
import { mergeReadings, type ClassifiedFrame, type MergedReading } from './frames';
import type { TabRecord } from './state';

// A frame's snapshot object is replaced whenever the frame reports; its classification is kept
// as long as the object lives (analysis, popup "Read from" and "show in page" share it).
const classified = new WeakMap<Snapshot, FrameReading>();

export function classify(snapshot: Snapshot): FrameReading {
  let reading = classified.get(snapshot);
  if (!reading) {
    reading = classifyFrame(snapshot.page);
    classified.set(snapshot, reading);
  }
  return reading;
}

/** The merged reading of a tab's frames (null when no frame shows a note or a claim line). */
export function readRecord(record: TabRecord): MergedReading | null {
  const frames: ClassifiedFrame[] = [];
  for (const frame of record.frames) {
    if (!frame.snapshot) continue;
    frames.push({ frameId: frame.frameId, reading: classify(frame.snapshot), stale: frame.snapshot.stale === true, top: frame.snapshot.page.frame.top });
  }
  return mergeReadings(frames);
}

