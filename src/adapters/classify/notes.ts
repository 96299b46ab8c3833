// Note text from a page description, Fathom-style: each rule turns a feature of a text block into
// a score for "is note", the block is note text when the sum passes the threshold, and the rules
// that fired are its reason. Readability's lesson is in the rules: page chrome (navigation,
// banners, footers, widgets, link lists, boilerplate) scores down whatever words it uses.
// Consecutive note blocks under one heading become one note part.
import type { PageBlock, PageDescription } from '../../shared/page';
import type { NotePiece, ReadNotePart, Skipped } from './types';
import { factOf, isFactLine, isFactSentence, isWithByline, SIGNATURE_LINE } from './facts';
import { datesIn, isDiagnosisCode, undecorate } from './values';
import { STATUS_CHIP, BILLING_HEADING, CHROME_LINES, MESSAGE_EVENT, GENERIC_CONTAINER_HINTS, BOILERPLATE, CHROME_HEADINGS, EMPTY_SECTION, CHROME_HINT_WEIGHT, CLINICAL_WORDS, NOTE_HEADINGS, NOTE_HINT_WEIGHT } from './vocab';

const CLINICAL = new Set(CLINICAL_WORDS);
const SOAP_LETTERS: Readonly<Record<string, string>> = { S: 'Subjective', O: 'Objective', A: 'Assessment', P: 'Plan' };
const NOTE_HEADING_SET = new Set(NOTE_HEADINGS);
const CHROME_HEADING_SET = new Set(CHROME_HEADINGS);
/** Measurements clinical notes are full of: pain scores, degrees, minutes, reps, percentages. */
const MEASURE = /\b\d{1,3}\s*\/\s*10\b|\b\d{1,3}\s*(?:degrees|deg|°|%|min(?:utes)?|reps?|sets?|lbs?|kg|cm|in|ft|x\d+)\b|\b\d+x\d+\b|\bgrade\s+[IV1-5]+\b/gi;

/** One measurement (MEASURE without its global flag, for tests). */
const MEASURE_ONE = new RegExp(MEASURE.source, 'i');

/** A note part needs this score. */
const THRESHOLD = 2;

/** A widget's heading: a chrome heading, or one whose last word is ("My tasks", "Today's weather"). */
function chromeHeading(key: string): boolean {
  // (… or whose first two words are: "Previous visit · Nov 3, 2026".)
  return CHROME_HEADING_SET.has(key) || CHROME_HEADING_SET.has(key.slice(key.lastIndexOf(' ') + 1)) || CHROME_HEADING_SET.has(key.split(' ').slice(0, 2).join(' '));
}

/** A note heading, or one with a qualifier after it ("Goals addressed", "Plan for next visit", "Exercises today"). */
const HEADING_QUALIFIER = / (?:addressed|reviewed|updated|today|this (?:visit|session)|for (?:next|this) (?:visit|session)|status|progress)$/;
function isNoteHeading(key: string): boolean {
  return NOTE_HEADING_SET.has(key) || NOTE_HEADING_SET.has(key.replace(HEADING_QUALIFIER, ''));
}

function headingKey(text: string | undefined): string {
  return (text ?? '').toLowerCase().replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

interface Scored {
  block: PageBlock;
  score: number;
  reasons: string[];
}

function clinicalWords(text: string): number {
  const found = new Set<string>();
  for (const word of text.toLowerCase().split(/[^a-z]+/)) {
    if (CLINICAL.has(word)) found.add(word);
    if (found.size >= 12) break;
  }
  return found.size;
}

/** The rules: [feature test, weight, reason]. */
export function scoreBlock(block: PageBlock, page: PageDescription, claimTables: Set<number>, claimRecords: ReadonlySet<string> = new Set()): Scored {
  const reasons: string[] = [];
  let score = 0;
  const rule = (fired: boolean, weight: number, reason: string): void => {
    if (!fired) return;
    score += weight;
    reasons.push(`${weight > 0 ? '+' : ''}${weight} ${reason}`);
  };
  const text = block.text;
  const length = text.trim().length;
  const heading = block.head !== undefined ? page.headings[block.head] : undefined;
  const labelKey = headingKey(block.label);
  const headKey = headingKey(heading?.text);

  rule(block.edit === true, 2.5, 'typed in an editor');
  rule(/[a-z]{2,}\s+[a-z]{2,}\s+[a-z]{2,}/i.test(block.text), 0.3, 'prose');
  rule((block.table !== undefined && claimTables.has(block.table)) || claimRecords.has(block.id), -10, 'a claim line');
  // Lines, and the runs of a line set apart by "·", "|", "•" (a summary bar: "Visit 4 of 20 · POC: … · Timed minutes: 53").
  const lines = text.split(/\n|\s[·•|]\s/).map((l) => l.trim()).filter(Boolean);
  const factLines = lines.filter(isFactLine).length;
  rule(lines.length >= 2 && factLines >= lines.length / 2, -3, 'header facts (label and value lines)');
  // A letter's facts in sentences ("Seen on … by …. Coverage: …. This was visit 5 of the plan of care …").
  const sentences = lines.length < 2 && length <= 600 ? text.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((x) => x.trim()) : [];
  const factSentences = sentences.filter(isFactSentence).length;
  rule(factSentences >= 2 && factSentences >= sentences.length * 0.6, -3, 'header facts stated in sentences');
  // A note's own container may be a generic component (its tab panels, a framework's "ui-widget").
  const noteHinted = (block.hints ?? []).some((h) => (NOTE_HINT_WEIGHT[h] ?? 0) >= 1);
  for (const hint of block.hints ?? []) {
    const down = noteHinted && GENERIC_CONTAINER_HINTS.has(hint) ? 0 : CHROME_HINT_WEIGHT[hint];
    if (down) rule(true, -down, `inside ${hint}`);
    const up = NOTE_HINT_WEIGHT[hint];
    if (up) rule(true, up, `inside ${hint}`);
  }
  rule(isNoteHeading(labelKey), 1.5, `labelled "${block.label}"`);
  rule(!labelKey && isNoteHeading(headKey), 1, `under "${heading?.text}"`);
  rule(chromeHeading(headKey) && !labelKey, -4, `under "${heading?.text}"`);
  rule(chromeHeading(labelKey), -4, `labelled "${block.label}"`);
  const words = clinicalWords(text);
  rule(words >= 2, Math.min(words, 8) * 0.35, `${words} clinical words`);
  const measures = Math.min((text.match(MEASURE) ?? []).length, 4);
  rule(measures > 0, measures * 0.5, `${measures} measurement${measures > 1 ? 's' : ''}`);
  rule(/[a-z]{3,}[.;]\s|[a-z]{3,}[.;]?$/.test(text) && length >= 40, 0.5, 'written in sentences');
  rule(length >= 200, 0.5, 'long');
  rule(length < 25 && !block.edit, -1.5, 'too short');
  rule((block.links ?? 0) > length * 0.3, -2.5, 'mostly links');
  rule(BOILERPLATE.test(text) && length < 400, -3, 'boilerplate');
  rule(length < 120 && /^[^:]{2,40}:\s*\S/.test(text) && !block.edit && !/[.;]\s+\S/.test(text), -1, 'a label and a value');
  rule(!/[a-z]{3}/i.test(text), -3, 'no words');
  rule(EMPTY_SECTION.test(text), -10, "an empty section's placeholder");
  rule(STATUS_CHIP.test(text.trim()), -10, 'a status chip');
  // Chrome by its line grammar (a caseload entry, a work queue's count, an alert, a feed's event).
  const single = length <= 100 && !text.trim().includes('\n') && !block.edit;
  const chromeLine = single ? CHROME_LINES.find(([re]) => re.test(text.trim())) : undefined;
  rule(chromeLine !== undefined, -4, chromeLine?.[1] ?? '');
  rule(single && isWithByline(text), -3, 'who the visit is with (a byline)');
  rule(!block.edit && length <= 400 && MESSAGE_EVENT.test(text.trim()), -4, 'a message sent to the patient (a messaging widget)');
  // A panel's captions gathered into one block ("Insurance payer / Member ID … / Diagnoses / Services"):
  // short lines with no sentence and no measurement, one of them a header fact's caption.
  const captionLines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  rule(!block.edit && captionLines.length >= 3 && captionLines.length <= 8 && captionLines.every((l) => l.length <= 40 && !/[.;!?]$/.test(l) && !MEASURE_ONE.test(l)) && captionLines.some((l) => factOf(l)?.fact), -3, 'a stack of captions (a panel\'s labels)');
  // One line of short runs set apart by "·" or "|": "Label: value" runs (an encounter's header line),
  // or a byline ending in a status ("Nadia Petrov, PT · Daily Note · Pended").
  const runs = single ? text.trim().split(/\s[·•|]\s/).map((r) => r.trim()) : [];
  rule(runs.length >= 2 && runs.every((r) => /^[A-Z][\w .#/()-]{0,30}:\s*\S/.test(r) && r.length <= 70), -3, 'label: value runs (a header line)');
  rule(runs.length >= 2 && runs.length <= 5 && runs.every((r) => r.length <= 40 && !/[.;!?]$/.test(r)) && runs.some((r) => STATUS_CHIP.test(r)), -3, 'a byline with a status');
  // Text the user cannot see on a page they can (a collapsed template, a hidden draft); a hidden
  // frame (a background tab) is judged by the merge, visible copies first.
  // (A note's tab panel not open is still the note's: its sections are split over tabs.)
  const noteTab = noteHinted && (block.hints ?? []).some((h) => h === 'tabs' || h === 'tabpanel') && !BILLING_HEADING.test((block.hints ?? []).join(' '));
  rule(!block.visible && page.frame.visible && !block.edit && !noteTab, -3, 'hidden on a shown page');
  // A header fact's label; a look-alike ("Patient", "DOB") only as the whole label: "Patient Report" names a section.
  const labelFact = factOf(block.label ?? '');
  rule(labelFact !== undefined && (labelFact.fact !== null || labelFact.exact) && !isNoteHeading(labelKey), -2, `labelled "${block.label}" (a header fact)`);
  return { block, score, reasons };
}

function confidence(score: number): number {
  return Math.round((1 / (1 + Math.exp(-(score - THRESHOLD)))) * 100) / 100;
}

/** The part of `part` between two offsets of its text, pieces cut to match. */
function slicePart(part: ReadNotePart, from: number, to: number, label: string | undefined, id: string): ReadNotePart {
  const pieces: NotePiece[] = [];
  for (const p of part.pieces) {
    const start = Math.max(from, p.start);
    const end = Math.min(to, p.start + p.length);
    if (end <= start) continue;
    pieces.push({ block: p.block, start: start - from, blockStart: p.blockStart + (start - p.start), length: end - start });
  }
  const out: ReadNotePart = { ...part, id, text: part.text.slice(from, to), pieces };
  if (label) out.label = label;
  else delete out.label;
  return out;
}

/** "Assessment: …" opening a line, or "Assessment" on a line of its own: a section label. */
const INLINE_LABEL = /^([A-Z][A-Za-z/&' -]{1,30})(?::[ \t]+(?=\S)|:?[ \t]*\n[ \t]*(?=\S))|^(Subjective|Objective|Assessment|Plan|Treatment)[ \t]+(?=[A-Z])/gm;

/** Text that is only a printed header: titles, "Label: value" lines, runs of a printed line. */
function headerOnly(text: string): boolean {
  return text.split('\n').every((l) => !l.trim() || l.includes('\t') || isFactLine(l.trim()) || (l.trim().length <= 40 && !/[.;!?]$/.test(l.trim()) && !/[a-z]{3,} [a-z]{3,} [a-z]{3,}/.test(l)));
}

/**
 * A part whose lines open with section labels ("Treatment: …\nAssessment: …", a report printed as
 * one cell) is that many parts, each labelled: sections are what the engine reads.
 */
function splitSections(part: ReadNotePart): ReadNotePart[] {
  const marks: { at: number; body: number; label: string }[] = [];
  for (const m of part.text.matchAll(INLINE_LABEL)) {
    const label = (m[1] ?? m[2]) as string;
    if (!isNoteHeading(headingKey(label))) continue;
    // "Objective" whose text opens "Treatment: …" stays the Objective section, text whole.
    if ((m.index ?? 0) === 0 && !m[0].includes('\n') && isNoteHeading(headingKey(part.label))) continue;
    marks.push({ at: m.index ?? 0, body: (m.index ?? 0) + m[0].length, label });
  }
  if (marks.length === 0) return [part];
  const out: ReadNotePart[] = [];
  const first = marks[0] as { at: number };
  // Before the first section: text of the note, unless it is only a printed header (titles, "Label: value" lines).
  if (part.text.slice(0, first.at).trim() && !headerOnly(part.text.slice(0, first.at))) out.push(slicePart(part, 0, first.at - 1 >= 0 ? first.at - 1 : 0, part.label, part.id));
  marks.forEach((m, i) => {
    const next = marks[i + 1];
    const end = next ? next.at - 1 : part.text.length;
    // A printed form's title ("OUTPATIENT VISIT RECORD") over its header lines is not a section.
    if (marks.length > 1 && /\t/.test(part.text.slice(m.body, end)) && headerOnly(part.text.slice(m.body, end))) return;
    out.push(slicePart(part, m.body, Math.max(m.body, end), m.label, i === 0 && out.length === 0 ? part.id : `${part.id}#${i + 1}`));
  });
  return out.filter((p) => p.text.trim().length > 0);
}

/**
 * Dated entries of a feed the describer did not mark (no time element): an article's header whose
 * first line is a date ("Tue, Feb 23, 2027 / Office Visit") opens an entry, and the article blocks
 * after it belong to it until the next such header. Only when the page shows two such headers or
 * more (a feed of older notes, lab results and letters under the open visit); block id → entry id.
 */
export function impliedEntries(page: PageDescription): Map<string, string> {
  const out = new Map<string, string>();
  if (page.blocks.some((b) => b.entry)) return out;
  const dated = (b: PageBlock): boolean => {
    const first = (b.text.trim().split('\n')[0] ?? '').trim();
    return (b.hints ?? []).includes('header') && first.length <= 40 && datesIn(first)[0] !== undefined && b.text.length <= 160 && /^(?:[A-Za-z]{3,9},?\s+)?(?:[A-Za-z]{3,9}\.?\s+\d|\d)/.test(first);
  };
  const ordered = [...page.blocks].sort((a, b) => a.at - b.at);
  if (ordered.filter((b) => (b.hints ?? []).includes('article') && dated(b)).length < 2) return out;
  let entry: string | undefined;
  for (const b of ordered) {
    const article = (b.hints ?? []).includes('article');
    if (!article) entry = undefined;
    else if (dated(b)) entry = b.id;
    if (entry && article) out.set(b.id, entry);
  }
  return out;
}

/**
 * A field that is a section of the note: its caption names a section ("Plan", "Assessment and Plan",
 * "Goal and next visit"), or it holds clinical prose under a caption that is not a header fact
 * ("Measurements": a read-only display field with its caption above).
 */
function noteFieldLabel(label: string, value: string): boolean {
  const key = headingKey(label);
  if (isNoteHeading(key)) return true;
  const parts = key.split(/\s+(?:and|or)\s+|\s*&\s*/).map((p) => p.trim()).filter(Boolean);
  if (parts.length >= 2 && parts.some((p) => isNoteHeading(p) || isNoteHeading(`${p}s`))) return true;
  if (factOf(label) !== undefined || key.split(' ').length > 4 || chromeHeading(key)) return false;
  return value.length >= 40 && /[a-z]{3,}[.;]\s|[.!?]$/.test(value) && clinicalWords(value) >= 2 && (value.match(MEASURE) ?? []).length >= 1;
}

/** A section title as a short element of its own ("Client Intake", "HOME CARE"): a few words, no sentence, no value. */
const TITLE_SHAPE = /^[A-Z][A-Za-z/&' -]{1,38}$/;

/**
 * Section titles written as an element of their own right before the section's text (a table cell
 * or a div above a paragraph, not a heading element): block id of the text → its title. Only a
 * title-shaped line (not a header fact, not a widget's heading) before an unlabelled block of prose
 * under the same heading.
 */
function sectionTitles(page: PageDescription): Map<string, string> {
  const out = new Map<string, string>();
  const ordered = [...page.blocks].sort((a, b) => a.at - b.at);
  ordered.forEach((title, i) => {
    const next = ordered[i + 1];
    const text = title.text.trim();
    if (!next || next.label !== undefined || next.head !== title.head || title.edit || title.label !== undefined || title.tag === 'li') return;
    // (The last of a strip of short items, "Daily Note" "Flowsheet" "Goals" as tabs, titles nothing.)
    const before = ordered[i - 1];
    if (before && before.tag === title.tag && TITLE_SHAPE.test(before.text.trim()) && before.text.trim().split(/\s+/).length <= 4) {
      const beforeNext = ordered[i - 2];
      if (!beforeNext || beforeNext.text.trim().length < 40) return;
    }
    if (!TITLE_SHAPE.test(text) || text.split(/\s+/).length > 4 || factOf(text) !== undefined || chromeHeading(headingKey(text)) || STATUS_CHIP.test(text)) return;
    if (next.text.trim().length < 40 || !/[a-z]{3,}\s+[a-z]{2,}\s+[a-z]{2,}/i.test(next.text)) return;
    out.set(next.id, text);
  });
  return out;
}

export interface NotesResult {
  parts: ReadNotePart[];
  skipped: Skipped[];
}

/** Note parts of one frame. */
// A SOAP note's sections titled by their initials ("S", "O", "A", "P"): a letter alone names a
// section only when the page shows at least three of the four as labels or headings.
const SOAP_INITIALS: Readonly<Record<string, string>> = { s: 'Subjective', o: 'Objective', a: 'Assessment', p: 'Plan' };

/** The page with SOAP initials spelled out as the section names they stand for (ids unchanged). */
function soapInitialsSpelled(page: PageDescription): PageDescription {
  const initial = (text: string | undefined): string | undefined => SOAP_INITIALS[headingKey(text)] && /^\s*[SOAP]\s*:?\s*$/.test(text ?? '') ? SOAP_INITIALS[headingKey(text)] : undefined;
  const seen = new Set([...page.headings.map((h) => h.text), ...page.blocks.map((b) => b.label), ...page.fields.map((f) => f.label)].map(initial).filter(Boolean));
  if (seen.size < 3) return page;
  return {
    ...page,
    headings: page.headings.map((h) => ({ ...h, text: initial(h.text) ?? h.text })),
    blocks: page.blocks.map((b) => (b.label !== undefined && initial(b.label) ? { ...b, label: initial(b.label) as string } : b)),
    fields: page.fields.map((f) => ({ ...f, label: initial(f.label) ?? f.label })),
  };
}

export function readNotes(
  described: PageDescription,
  claimTables: Set<number>,
  claimRecords: ReadonlySet<string> = new Set(),
  textTableAt: ReadonlyMap<string, number> = new Map(),
  claimCodes: ReadonlySet<string> = new Set(),
): NotesResult {
  const page = soapInitialsSpelled(described);
  // Configured note elements (an administrator's selectors, the user's "the note is here") are the note.
  const configured = page.blocks.some((b) => b.hints?.includes('config-note'));
  // A short section the page shows as a label/value pair ("Plan | Continue twice weekly." in a
  // two-column table) is a text block too, unless a block already holds its text.
  const wordsOf = (text: string): string[] => text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2);
  const blockWords = new Set(configured ? [] : page.blocks.flatMap((b) => wordsOf(b.text)));
  const covered = (text: string): boolean => {
    const words = wordsOf(text);
    return words.filter((w) => blockWords.has(w)).length >= 0.8 * words.length;
  };
  const sectionFields: PageBlock[] = configured
    ? []
    : page.fields
        .filter((f) => noteFieldLabel(f.label, f.value) && f.value.length >= 15 && /[a-z]{3}\s+[a-z]{2}/i.test(f.value) && !covered(f.value))
        // (A display field shown twice — its caption row and its value element — is one section.)
        .filter((f, i, all) => all.findIndex((g) => g.value === f.value) === i)
        // (… and a container's caption over the fields inside it, "Details" over a tab's fields, is not.)
        .filter((f) => !page.fields.some((g) => g !== f && g.value.trim().length >= 4 && f.value.length > g.value.length + 20 && f.value.includes(`${g.label} ${g.value}`)))
        .map((f) => ({ id: f.id, at: f.at, text: f.value, label: f.label, tag: 'field', visible: f.visible, ...(f.head !== undefined ? { head: f.head } : {}), ...(f.hints ? { hints: f.hints } : {}) }));
  // A "Section | text" row of a table that holds no claim lines, its text too short to be a block of
  // its own (cells under CELL_BLOCK_CHARS are only cells): a note section all the same.
  const celled = new Set(page.blocks.filter((b) => b.table !== undefined).map((b) => `${b.table}:${b.row}`));
  const sectionRows: PageBlock[] = configured
    ? []
    : page.tables.flatMap((t, ti) =>
        claimTables.has(ti)
          ? []
          : t.rows.flatMap((r, ri) => {
              const [head, body] = r.cells;
              const label = undecorate(head?.text ?? '').replace(/:$/, '').trim();
              // (A row whose value is a field already — a th|td row — is read as that field.)
              if (r.cells.length !== 2 || !body || celled.has(`${ti}:${ri}`) || page.fields.some((f) => f.value === body.text) || !isNoteHeading(headingKey(label)) || !/[a-z]{3}\s+[a-z]{2}/i.test(body.text)) return [];
              return [{ id: r.id, at: t.at + (ri + 1) / 1000, text: body.text, label, tag: 'td', visible: r.visible && t.visible, ...(t.head !== undefined ? { head: t.head } : {}), ...(t.hints ? { hints: t.hints } : {}) }];
            }),
      );
  // A column headed by a note section ("Goal | Baseline | Status"): its prose cells too short to be
  // blocks are that section's text, labelled by the column.
  const sectionColumns: PageBlock[] = configured
    ? []
    : page.tables.flatMap((t, ti) => {
        // (A column names one item of the section: "Goal" under "Goals".)
        const c = t.columns.findIndex((h) => headingKey(h) !== '' && (isNoteHeading(headingKey(h)) || isNoteHeading(`${headingKey(h)}s`)));
        if (claimTables.has(ti) || c < 0) return [];
        return t.rows.flatMap((r, ri) => {
          const text = r.cells[c]?.text ?? '';
          if (celled.has(`${ti}:${ri}`) || !/[a-z]{3}\s+[a-z]{2,}\s+[a-z]{2,}/i.test(text)) return [];
          // (Under a heading of its own, "Goals addressed", the heading names the section.)
          const label = t.head === undefined ? { label: undecorate(t.columns[c] as string).trim() } : {};
          return [{ id: r.id, at: t.at + (ri + 1) / 1000, text, ...label, tag: 'td', visible: r.visible && t.visible, ...(t.head !== undefined ? { head: t.head } : {}), ...(t.hints ? { hints: t.hints } : {}) }];
        });
      });
  // A cell block of a "Section | text" row takes the row's first cell as its label.
  const rowLabelled = (b: PageBlock): PageBlock => {
    if (b.label !== undefined || b.table === undefined || b.row === undefined) return b;
    const key = page.tables[b.table]?.rows[b.row]?.cells[0]?.text.trim() ?? '';
    return isNoteHeading(headingKey(key)) && !b.text.startsWith(key) ? { ...b, label: undecorate(key).replace(/:$/, '').trim() } : b;
  };
  const implied = impliedEntries(page);
  const titled = configured ? new Map<string, string>() : sectionTitles(page);
  const withTitle = (b: PageBlock): PageBlock => (titled.has(b.id) ? { ...b, label: titled.get(b.id) as string } : b);
  const scored = [...(configured ? page.blocks.filter((b) => b.hints?.includes('config-note')) : page.blocks).map(rowLabelled).map(withTitle), ...sectionFields, ...sectionRows, ...sectionColumns].map((b) => {
    const entry = implied.get(b.id);
    const s = scoreBlock(entry ? { ...b, entry } : b, page, claimTables, claimRecords);
    // A short line opening with a billed code ("97140 Manual therapy techniques") titles a claim line.
    const code = /^\s*([A-V]?\d{4,5}[FTU]?)\b/.exec(b.text)?.[1];
    if (code && claimCodes.has(code) && b.text.length <= 80 && !b.edit) {
      s.score -= 10;
      s.reasons.push('-10 the title of a claim line');
    }
    return s;
  });
  // Document order: tables and records described between two blocks interrupt a part.
  // (A record interrupts only when it was read as a claim line: a code in a note sentence does not.)
  const interruptions = [...page.tables.map((t) => t.at), ...page.records.filter((r) => claimRecords.has(r.id)).map((r) => r.at)].sort((a, b) => a - b);
  const interrupted = (from: number, to: number): boolean => interruptions.some((at) => at > from && at < to);
  const parts: ReadNotePart[] = [];
  const skipped: Skipped[] = [];
  let current: { part: ReadNotePart; head: number | undefined; scores: number[] } | null = null;
  let lastAt = -1;

  const close = (): void => {
    if (!current) return;
    const mean = current.scores.reduce((a, b) => a + b, 0) / current.scores.length;
    current.part.confidence = confidence(mean);
    parts.push(...splitSections(current.part));
    current = null;
  };

  const ordered = [...scored].sort((a, b) => a.block.at - b.block.at);
  // A diagnosis list's description under its code ("M62.81" / "Muscle weakness (generalized)") is
  // the list's, not the note's.
  ordered.forEach((s, i) => {
    const before = ordered[i - 1]?.block;
    if (!before || s.block.edit || s.block.text.length > 120 || !isDiagnosisCode(before.text.trim()) || /[.;]\s/.test(s.block.text)) return;
    s.score -= 5;
    s.reasons.push("-5 a diagnosis's description under its code");
  });
  // Neighbour support: a short section ("Plan: Continue POC.") between or after note blocks is part
  // of the note when nothing else stands between them and nothing marks it as chrome.
  const accepted = new Set(ordered.filter((s) => s.score >= THRESHOLD).map((s) => s.block.id));
  for (let pass = 0; pass < 3; pass++) {
    let grew = false;
    // Headings with note text under them, and the kinds of container (hint words) that text sits in.
    const noteHeads = new Map<number, Set<string>>();
    for (const s of ordered) {
      if (s.block.head === undefined || !accepted.has(s.block.id)) continue;
      noteHeads.set(s.block.head, (noteHeads.get(s.block.head) ?? new Set<string>()).add((s.block.hints ?? []).join()));
    }
    ordered.forEach((s, i) => {
      // Never chrome (a hint, a widget heading, boilerplate, links) and never a claim line.
      // (A container hint an accepted neighbour in the same container shares — a tab panel holding the
      // note's editor — is not chrome here.)
      const against = s.reasons.filter((r) => r.startsWith('-') && !r.includes('too short') && !r.includes('a label and a value'));
      const sameBox = (n: Scored | undefined): boolean => n !== undefined && accepted.has(n.block.id) && (n.block.hints ?? []).join() === (s.block.hints ?? []).join();
      const boxed = against.every((r) => /^-[\d.]+ inside /.test(r)) && (sameBox(ordered[i - 1]) || sameBox(ordered[i + 1]));
      if (accepted.has(s.block.id) || !/[a-z]{3}/.test(s.block.text) || (against.length > 0 && !boxed)) return;
      // A section, not a stray label: three words at least, and not a header fact.
      // (A closing "Jordan Pike, PTA" right after a section of the note is its signature.)
      const signature = SIGNATURE_LINE.test(s.block.text.trim()) && ordered[i - 1] !== undefined && accepted.has(ordered[i - 1]!.block.id) && ordered[i - 1]!.block.head === s.block.head;
      const heading = s.block.head !== undefined ? headingKey(page.headings[s.block.head]?.text) : '';
      // A section under its own note heading may be two words ("Goals met.").
      const sectioned = isNoteHeading(headingKey(s.block.label)) || (!s.block.label && isNoteHeading(heading));
      if (chromeHeading(heading) || chromeHeading(headingKey(s.block.label))) return;
      // Neighbours past short chrome between sections (help text under a field, a status line).
      const skip = (n: Scored | undefined): boolean => n !== undefined && n.block.text.length < 80 && !accepted.has(n.block.id) && (n.score < 0 || (n.block.hints ?? []).some((h) => CHROME_HINT_WEIGHT[h]));
      let p = i - 1;
      while (p > i - 3 && skip(ordered[p])) p--;
      let q = i + 1;
      while (q < i + 3 && skip(ordered[q])) q++;
      const prev = ordered[p];
      const next = ordered[q];
      const near = (n: Scored | undefined): boolean => n !== undefined && accepted.has(n.block.id) && !interrupted(Math.min(n.block.at, s.block.at), Math.max(n.block.at, s.block.at)) && n.block.visible === s.block.visible;
      // A section of the note's own, whatever it holds (a "Diagnosis" list of codes, a "Time" line):
      // under the heading next to a note section's, at its level, in the same kind of container.
      const hints = (s.block.hints ?? []).join();
      const noteHead = (h: number): boolean => page.headings[h]?.level === page.headings[s.block.head ?? -1]?.level && (noteHeads.get(h)?.has(hints) ?? false);
      // (Another short line of such a section, under the same heading, needs only not to be a header fact.)
      const sibling = (n: Scored | undefined, same: boolean): boolean => {
        const [a, b] = [s.block.head, n?.block.head];
        if (!n || !near(n) || a === undefined || b === undefined || s.block.label !== undefined || hints !== (n.block.hints ?? []).join()) return false;
        return same ? a === b && (noteHead(a - 1) || noteHead(a + 1)) : Math.abs(a - b) === 1 && noteHead(b) && !noteHeads.has(a);
      };
      // …not a billing or insurance section, and not a header strip ("Visit 4 of 20 · POC start …").
      const lines = s.block.text.split('\n').filter((l) => l.trim());
      const factsOnly = lines.every((l) => isFactLine(l.trim()));
      const strip = factsOnly && (lines.length > 1 || /\s[·•|]\s/.test(s.block.text));
      const section = !strip && !BILLING_HEADING.test(heading) && (sibling(prev, false) || sibling(next, false));
      const sectionLine = !section && (sibling(prev, true) || sibling(next, true));
      // (A figure the note states, "Timed code treatment minutes: 53", stays with its note: the engine reads it there.)
      const factsOnlyUntimed = factsOnly && lines.every((l) => !/\btimed\b.*\bmin/i.test(l));
      if (!signature && !section && !(sectionLine && !factsOnly) && (s.block.text.trim().split(/\s+/).length < (sectioned ? 2 : 3) || !/\b[a-z]{3,}\b/.test(s.block.text) || factsOnlyUntimed)) return;
      if (near(prev) || near(next)) {
        accepted.add(s.block.id);
        s.reasons.push('+ between or after note sections');
        s.score = Math.max(s.score, THRESHOLD);
        grew = true;
      }
    });
    if (!grew) break;
  }

  // A timeline or feed shows several dated entries: the visit's note is the entry that holds most
  // of the note; the older entries on the same screen are not part of it.
  const entryScore = new Map<string, number>();
  for (const s of ordered) if (s.block.entry && accepted.has(s.block.id) && s.score >= THRESHOLD) entryScore.set(s.block.entry, (entryScore.get(s.block.entry) ?? 0) + s.score);
  if (entryScore.size > 1) {
    const best = [...entryScore].sort((a, b) => b[1] - a[1])[0]?.[0];
    for (const s of ordered) {
      if (!s.block.entry || s.block.entry === best || s.block.edit) continue;
      s.score = Math.min(s.score, 0);
      s.reasons.push('another entry of a timeline (not this visit)');
      accepted.delete(s.block.id);
    }
  }

  // A heading of another region (a sidebar's "Allergies" before the main column's note) does not title
  // a note block: the first block under it sits in a sidebar landmark and this one does not.
  const SIDE = ['aside', 'sidebar', 'complementary', 'sidenav'];
  const firstUnder = new Map<number, PageBlock>();
  for (const s of ordered) if (s.block.head !== undefined && !firstUnder.has(s.block.head)) firstUnder.set(s.block.head, s.block);
  const otherRegion = (block: PageBlock): boolean => {
    const first = block.head !== undefined ? firstUnder.get(block.head) : undefined;
    const side = (b: PageBlock): boolean => (b.hints ?? []).some((h) => SIDE.includes(h));
    return first !== undefined && first !== block && side(first) && !side(block);
  };
  for (const s of ordered) {
    const { block } = s;
    if (s.score < THRESHOLD) {
      if (s.score > 0 && block.text.trim().length >= 40) {
        skipped.push({ what: 'note', anchor: block.id, reason: s.reasons.join('; ') || 'no sign of a note', text: block.text.slice(0, 60) });
      }
      if (current && !block.text.trim().match(/^\S{0,3}$/)) close();
      continue;
    }
    const startsPart =
      !current || block.edit || current.part.edit || block.label !== undefined || block.head !== current.head || interrupted(lastAt, block.at) || block.visible !== current.part.visible;
    if (startsPart) {
      close();
      const heading = block.head !== undefined && !otherRegion(block) ? page.headings[block.head]?.text : undefined;
      // "S:", "O:", "A:", "P:": a SOAP note's sections by their letters.
      const raw = block.label ?? heading;
      const label = raw !== undefined ? (SOAP_LETTERS[raw.trim().toUpperCase()] ?? raw) : undefined;
      current = {
        part: { id: block.id, text: '', pieces: [], confidence: 0, reason: s.reasons.slice(0, 4).join('; '), visible: block.visible, edit: block.edit === true, ...(label ? { label } : {}) },
        head: block.head,
        scores: [],
      };
    }
    const part = (current as unknown as { part: ReadNotePart }).part;
    if (part.text) part.text += '\n';
    // A charge table printed at the end of the block is claim lines, not note text.
    // … and a printed page's furniture at its end ("Page 1 of 1") is not either.
    const furniture = /(?:\n[ \t]*page \d+ (?:of|\/) \d+[ \t]*)+$/i.exec(block.text)?.index ?? block.text.length;
    const text = block.text.slice(0, Math.min(textTableAt.get(block.id) ?? block.text.length, furniture)).trimEnd();
    const piece: NotePiece = { block: block.id, start: part.text.length, blockStart: 0, length: text.length };
    part.text += text;
    part.pieces.push(piece);
    (current as unknown as { scores: number[] }).scores.push(s.score);
    lastAt = block.at;
  }
  close();
  return { parts, skipped: skipped.slice(0, 20) };
}
