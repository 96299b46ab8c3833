// The patient identifier a frame shows (MRN, patient id, chart number), for visit history only
// (src/background/history-hook.ts). PHI-minimal by design: the identifier is read here, in the
// worker, and used only as the input of the history store's salted HMAC. It is never stored as
// read, never logged, never put in a reason text and never sent to the popup: `reason` says where
// it was found, not what it is.
//
// Where pages show it, most certain first:
//   labelled    a field or table row labelled MRN / MR # / Medical record number / Patient ID /
//               Chart # / External ID… ("MRN" → "000123"), or such a label inside a line of text
//               ("Patient: Example, Test · MRN 000123 · DOB 01/01/1970", "MRN: 12345")
//   banner      a patient banner's "Name (ID)" beside its DOB or age line (OpenEMR's patient panel:
//               "Sam Rivera (RB-1042)" over "DOB: …", the pubpid in brackets)
//   url         the frame's address: a patient id parameter (OpenEMR's pid= and set_pid=,
//               patient_id=, mrn=…) or a /patients/<id>/ path segment
// Identifiers of different kinds are different namespaces (OpenEMR's pid 4 is its pubpid RB-1042):
// the kind is part of the identifier, so the same patient read two ways is two keys, never one
// patient taken for another. A frame showing several different identifiers of the best kind it
// has (a claim list of many patients) gives none.
import type { PageDescription } from '../../shared/page';

export type PatientIdKind = 'record' | 'url';

export interface PatientId {
  /** Kind-qualified ("record:RB-1042", "url:pid=4"): what the history store hashes. */
  id: string;
  kind: PatientIdKind;
  via: 'field' | 'table' | 'line' | 'banner' | 'url';
  confidence: number;
  /** Where it was read (never the identifier itself). */
  reason: string;
}

/** Labels that name the patient's record identifier (compared lower-cased, punctuation spaced). */
const ID_LABEL = /^(?:mrn|m r n|mr #|mr no|mr number|med rec ?#|med rec no|medical record(?: number| no| #| id)?|medical record ?#|patient id|patient ?#|patient no|patient number|pt id|pt ?#|pt no|chart ?#|chart no|chart number|chart id|external id|ext id|person id|client id|client ?#|client no|health record number|hospital number|hosp no|record number|record ?#|ehr id|emr id)$/;
/** The same labels inside a line of text, followed by the value ("MRN: 0042", "Chart # A-77"). */
const ID_IN_LINE = /(?:^|[\s·|•,;(\[])(MRN|MR\s?#|Medical\s+record\s+(?:number|no\.?|#)|Patient\s+ID|Pt\.?\s+ID|Chart\s*(?:#|no\.?|number)|External\s+ID|Client\s+ID)\s*[:#.\-–]?\s*([A-Za-z0-9][A-Za-z0-9-]{0,29})(?=$|[\s·|•,;)\]])/gi;
/** A value that can be an identifier: letters, digits and hyphens, with at least one digit. */
const ID_VALUE = /^[A-Za-z0-9][A-Za-z0-9-]{0,29}$/;
/** "Sam Rivera (RB-1042)", "RIVERA, SAM (000123)": a name then an identifier in brackets. */
const BANNER = /^(\p{Lu}[\p{L}'.-]*,?(?:\s+\p{Lu}[\p{L}'.-]*){1,3})\s*\(\s*([A-Za-z0-9][A-Za-z0-9-]{0,29})\s*\)$/u;
const BIRTH_LINE = /\b(?:DOB|D\.O\.B\.?|date of birth|born|age)\b/i;
/** URL parameters that carry a patient id (OpenEMR: pid, set_pid). */
const URL_PARAMS = /^(?:pid|set_pid|patient_?id|patientid|pt_?id|mrn|chart_?id|chart_?no|person_?id|client_?id)$/i;
const URL_PATH = /\/(?:patients?|charts?|clients?)\/([A-Za-z0-9][A-Za-z0-9-]{0,29})(?=\/|$)/i;

function labelKey(label: string): string {
  return label.toLowerCase().replace(/[:.()]/g, ' ').replace(/\s*#\s*/g, ' #').replace(/\s+/g, ' ').trim();
}

function isIdLabel(label: string): boolean {
  return label.length <= 40 && ID_LABEL.test(labelKey(label));
}

function idValue(value: string): string | undefined {
  const v = value.replace(/\s+/g, ' ').trim().replace(/^[#:]\s*/, '');
  return ID_VALUE.test(v) && /\d/.test(v) ? v.toUpperCase() : undefined;
}

interface Candidate {
  value: string;
  kind: PatientIdKind;
  via: PatientId['via'];
  confidence: number;
  reason: string;
}

function labelled(page: PageDescription, out: Candidate[]): void {
  for (const field of page.fields) {
    if (!isIdLabel(field.label)) continue;
    const value = idValue(field.value);
    if (value) out.push({ value, kind: 'record', via: 'field', confidence: 0.9, reason: 'a field labelled as the patient identifier' });
  }
  for (const table of page.tables) {
    // A column headed MRN / Patient ID: one value for the whole table, else it lists patients.
    table.columns.forEach((column, i) => {
      if (!isIdLabel(column)) return;
      const values = new Set(table.rows.map((row) => idValue(row.cells[i]?.text ?? '')).filter((v): v is string => v !== undefined));
      for (const value of values) out.push({ value, kind: 'record', via: 'table', confidence: 0.85, reason: 'a table column headed as the patient identifier' });
    });
    // Key/value rows: "MRN | 000123".
    for (const row of table.rows) {
      row.cells.forEach((cell, i) => {
        const next = row.cells[i + 1];
        if (!next || !isIdLabel(cell.text)) return;
        const value = idValue(next.text);
        if (value) out.push({ value, kind: 'record', via: 'table', confidence: 0.88, reason: 'a table row labelled as the patient identifier' });
      });
    }
  }
  for (const block of page.blocks) {
    if (block.edit) continue; // what the user types is the note, not the chart's header
    if (block.label && isIdLabel(block.label)) {
      const value = idValue(block.text);
      if (value) out.push({ value, kind: 'record', via: 'field', confidence: 0.85, reason: 'a block labelled as the patient identifier' });
    }
    if (block.text.length > 400) continue;
    for (const match of block.text.matchAll(ID_IN_LINE)) {
      const value = idValue(match[2] ?? '');
      if (value) out.push({ value, kind: 'record', via: 'line', confidence: 0.8, reason: 'a patient identifier label in a line of the page' });
    }
  }
}

function banner(page: PageDescription, out: Candidate[]): void {
  const blocks = [...page.blocks].sort((a, b) => a.at - b.at);
  blocks.forEach((block, i) => {
    if (block.edit || block.text.length > 80) return;
    const match = BANNER.exec(block.text.replace(/\s+/g, ' ').trim());
    const value = match ? idValue(match[2] ?? '') : undefined;
    if (!value) return;
    // Only a patient banner: the next line or two give the birth date or age.
    if (!blocks.slice(i + 1, i + 3).some((next) => BIRTH_LINE.test(next.text.slice(0, 80)))) return;
    out.push({ value, kind: 'record', via: 'banner', confidence: 0.7, reason: "a patient banner's name with an identifier beside the date of birth" });
  });
}

function fromUrl(page: PageDescription, out: Candidate[]): void {
  const href = page.frame.url;
  if (!href) return;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return;
  }
  const params = new URLSearchParams(url.search);
  for (const [name, raw] of params) {
    if (!URL_PARAMS.test(name)) continue;
    const value = idValue(raw);
    if (value) // set_pid and pid name the same id (OpenEMR sets the chart's patient with set_pid).
    out.push({ value: `${name.toLowerCase().replace(/^set_/, '').replace(/_/g, '')}=${value}`, kind: 'url', via: 'url', confidence: 0.6, reason: 'a patient id parameter in the frame address' });
  }
  const path = URL_PATH.exec(url.pathname);
  const value = path ? idValue(path[1] ?? '') : undefined;
  if (value) out.push({ value: `path=${value}`, kind: 'url', via: 'url', confidence: 0.55, reason: 'a patient segment in the frame address' });
}

/** Every identifier candidate a frame shows, best first (for merging frames: patientOfFrames). */
export function patientCandidates(page: PageDescription): Candidate[] {
  const out: Candidate[] = [];
  labelled(page, out);
  banner(page, out);
  fromUrl(page, out);
  return out.sort((a, b) => b.confidence - a.confidence);
}

/**
 * The one identifier the frames show: the best kind found (a record identifier before an address
 * parameter), and undefined when that kind shows two different values (several patients, or a
 * page we cannot tell apart).
 */
export function choosePatient(candidates: readonly Candidate[]): PatientId | undefined {
  for (const kind of ['record', 'url'] as const) {
    const ofKind = candidates.filter((c) => c.kind === kind);
    if (ofKind.length === 0) continue;
    const values = new Set(ofKind.map((c) => c.value));
    if (values.size !== 1) return undefined;
    const best = ofKind.reduce((a, b) => (b.confidence > a.confidence ? b : a));
    return { id: `${kind}:${best.value}`, kind, via: best.via, confidence: best.confidence, reason: best.reason };
  }
  return undefined;
}

/** The patient identifier one frame shows, if it shows exactly one. */
export function readPatient(page: PageDescription): PatientId | undefined {
  return choosePatient(patientCandidates(page));
}

/** The classifier's hook: `{ patient }` for FrameReading, or nothing when the frame shows none. */
export function patientField(page: PageDescription): { patient?: PatientId } {
  const patient = readPatient(page);
  return patient ? { patient } : {};
}
