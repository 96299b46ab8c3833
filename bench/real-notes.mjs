// Real notes for the benchmarks: the labelled visits' notes (test/fixtures/labelled/**) and the
// de-identified MTSamples notes (../shared/corpus/mtsamples/*.txt), in a fixed order, so every run
// and every machine measures the same text. Notes written in parts are joined as the engine joins
// them (a blank line between parts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const LABELLED = join(root, 'test/fixtures/labelled');
const MTSAMPLES = join(root, '../shared/corpus/mtsamples');

const noteText = (note) => (typeof note === 'string' ? note : note.map((part) => part.text).join('\n\n'));

/**
 * Every real note, one string each, the two kinds interleaved evenly (labelled visits by folder and
 * file, MTSamples by file): any stretch of the joined text then holds both kinds in about the same
 * proportion, so texts of different sizes cost alike per character and their times can be compared.
 */
export function realNotes() {
  const labelled = labelledNotes();
  const samples = mtsamples();
  const notes = [];
  let l = 0;
  let m = 0;
  while (l < labelled.length || m < samples.length) {
    // Take from the kind that is furthest behind its share.
    if (m >= samples.length || (l < labelled.length && l / labelled.length <= m / samples.length)) notes.push(labelled[l++]);
    else notes.push(samples[m++]);
  }
  if (notes.length === 0) throw new Error(`no real notes found under ${LABELLED} or ${MTSAMPLES}`);
  return notes;
}

function labelledNotes() {
  const notes = [];
  for (const folder of readdirSync(LABELLED, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const file of readdirSync(join(LABELLED, folder)).filter((f) => f.endsWith('.json')).sort()) {
      const data = JSON.parse(readFileSync(join(LABELLED, folder, file), 'utf8'));
      for (const entry of Array.isArray(data) ? data : [data]) {
        const note = (entry.visit ?? entry).note;
        if (note !== undefined) notes.push({ source: `${folder}/${file}`, text: noteText(note) });
      }
    }
  }
  return notes;
}

function mtsamples() {
  if (!existsSync(MTSAMPLES)) return [];
  return readdirSync(MTSAMPLES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ source: `mtsamples/${file}`, text: readFileSync(join(MTSAMPLES, file), 'utf8') }));
}

/** The real notes one after another (blank line between), repeated until `chars` long, then cut there. */
export function realText(chars, notes = realNotes()) {
  const once = notes.map((n) => n.text).join('\n\n');
  let text = once;
  while (text.length < chars) text += `\n\n${once}`;
  return text.slice(0, chars);
}
