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

/** Every real note, one string each: labelled visits first (by folder and file), then MTSamples. */
export function realNotes() {
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
  if (existsSync(MTSAMPLES)) {
    for (const file of readdirSync(MTSAMPLES).filter((f) => f.endsWith('.txt')).sort()) {
      notes.push({ source: `mtsamples/${file}`, text: readFileSync(join(MTSAMPLES, file), 'utf8') });
    }
  }
  if (notes.length === 0) throw new Error(`no real notes found under ${LABELLED} or ${MTSAMPLES}`);
  return notes;
}

/** The real notes one after another (blank line between), repeated until `chars` long, then cut there. */
export function realText(chars, notes = realNotes()) {
  const once = notes.map((n) => n.text).join('\n\n');
  let text = once;
  while (text.length < chars) text += `\n\n${once}`;
  return text.slice(0, chars);
}
