// Loading the synthetic fixture pages for tests. `parsePage` gives a standalone document (no
// window: no scripts run, no frames load), `mountPage` replaces the test window's document so
// computed styles, events and observers work.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyFrame, type FrameReading } from '../../src/adapters/classify/index';
import { ElementIds, readFrame, type FrameRead } from '../../src/adapters/index';
import { settleTitles } from '../../src/adapters/page/titles';
import type { SelectorAdapterConfig } from '../../src/adapters/selector';
import { matchingConfigs } from '../../src/adapters/selector-adapter';
import type { LocationLike } from '../../src/adapters/types';
import { mergeReadings, type MergedReading } from '../../src/background/frames';
import type { Visit } from '../../src/engine/visit';

// jsdom replaces the global URL, which node:url's fileURLToPath rejects; use the dirname.
const dir = join(import.meta.dirname, '..', 'fixtures', 'pages');

export function fixture(name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

export function parsePage(name: string): Document {
  return new DOMParser().parseFromString(fixture(name), 'text/html');
}

/** Load a fixture into the global test document (head and body replaced). */
export function mountPage(name: string): Document {
  const parsed = parsePage(name);
  document.head.replaceChildren(...Array.from(parsed.head.childNodes).map((n) => document.importNode(n, true)));
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
  return document;
}

export function at(href: string): LocationLike {
  return { href };
}

export const URLS = {
  tabs: 'https://emr.example.test/interface/main/tabs/main.php',
  encTop: 'https://emr.example.test/interface/patient_file/encounter/encounter_top.php',
  soap: 'https://emr.example.test/interface/patient_file/encounter/load_form.php?formname=soap',
  feeSheet: 'https://emr.example.test/interface/patient_file/encounter/load_form.php?formname=fee_sheet',
  summary: 'https://emr.example.test/interface/patient_file/encounter/forms.php',
  billing: 'https://emr.example.test/interface/billing/billing_report.php',
  frameset: 'https://emr.example.test/interface/main/main_screen.php',
  generic: 'https://rehab.example.test/visits/42',
  listForm: 'https://clinic.example.test/encounter/9',
  selector: 'https://ehr.example.com/chart/visit/77',
  news: 'https://news.example.test/local',
} as const;

/**
 * What the worker reads from one document, end to end: the content script's description
 * (readFrame), the classifier and the frame merge. `html` is mounted into the test window (computed
 * styles) unless `parse` is set; null reads the test window's document as it is (shadow roots).
 */
export function readVisits(
  html: string | null,
  options: { url?: string; configs?: SelectorAdapterConfig[]; parse?: boolean } = {},
): { visits: Visit[]; merged: MergedReading | null; reading: FrameReading; frame: FrameRead; ids: ElementIds } {
  let doc: Document = document;
  if (html === null) doc = document;
  else if (options.parse) doc = new DOMParser().parseFromString(html, 'text/html');
  else {
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    document.title = parsed.title;
    document.head.replaceChildren(...Array.from(parsed.head.childNodes).map((n) => document.importNode(n, true)));
    document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
    doc = document;
  }
  const ids = new ElementIds();
  const url = options.url ?? 'https://ehr.example.test/visit/1';
  // (The worker matches configs to the frame's address and sends the content script only those.)
  const frame = readFrame(doc, at(url), matchingConfigs(options.configs ?? [], url), ids, { top: true });
  const reading = classifyFrame(settleTitles(frame.snapshot.page));
  const merged = mergeReadings([{ frameId: 0, reading, stale: false, top: true }]);
  return { visits: merged ? merged.visits.map((v) => v.visit) : [], merged, reading, frame, ids };
}

/** The one visit a page shows (throws when it shows none or several). */
export function readVisit(html: string | null, options: Parameters<typeof readVisits>[1] = {}): Visit {
  const { visits } = readVisits(html, options);
  if (visits.length !== 1) throw new Error(`${visits.length} visits read`);
  return visits[0] as Visit;
}

/** A visit's note as one text (parts joined by newlines). */
export function noteText(visit: Visit): string {
  return typeof visit.note === 'string' ? visit.note : visit.note.map((p) => p.text).join('\n');
}
