// A guard for performance work: the engine's full output on every real note, on long texts made of
// them, on synthetic notes and on every lexicon phrase, reduced to one hash per case. Record before a
// change and compare after it; any difference names the case and the first differing field.
//   node build.mjs && node bench/same-output.mjs --write /tmp/before.json
//   node build.mjs && node bench/same-output.mjs --compare /tmp/before.json
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { realNotes, realText } from './real-notes.mjs';

const { analyzeChart, check } = await import(new URL('../dist/engine.mjs', import.meta.url).href);
const [mode, file] = process.argv.slice(2);
if (!['--write', '--compare'].includes(mode) || !file) {
  console.error('usage: node bench/same-output.mjs --write|--compare FILE');
  process.exit(2);
}

const lexiconDir = new URL('../src/engine/data/lexicons/', import.meta.url);
/** Every lexicon phrase written out (gaps filled with words), with several kinds of gap between them. */
function phraseText() {
  const gaps = [' ', '. ', '\n', ', ', ' - ', '; ', '\n\n', ' / '];
  const out = [];
  let g = 0;
  for (const name of readdirSync(lexiconDir).filter((f) => f.endsWith('.json')).sort()) {
    const lexicon = JSON.parse(readFileSync(new URL(name, lexiconDir), 'utf8'));
    const phrases = [...lexicon.entries.flatMap((e) => e.phrases), ...(lexicon.exceptions ?? []).flatMap((x) => x.phrases)];
    for (const phrase of phrases) {
      const written = phrase
        .replace(/\*/g, 'ing')
        .replace(/(^|\s)_(?=\s|$)/g, '$1word')
        .replace(/\.\.\./g, 'two words')
        .replace(/~(\d)/g, (_, n) => 'w '.repeat(Number(n) - 1).trim() || 'w');
      out.push(`Massage 12 min ${written}`, gaps[g++ % gaps.length]);
      out.push(`${written} no ${phrase.replace(/[*_~.]/g, '')} 3/10`, gaps[g++ % gaps.length]);
    }
  }
  return out.join('');
}

const foldingText = [
  'Therapeutic\u00a0massage\u200b 15\u2032 to R uppеr trapezius \u2014 kneading\u00ad\u00adstrokes; ＴＴＰ ２/４.\r\n',
  'Pain 6\u204410 \u2192 3\u204410. “Feels relaxed” said pt. Ρain free ROM 40º.\rNo spasm.\u2028Total timed: 38\u2019',
].join('');

const LINES = [
  { code: '97124', modifiers: ['GP'], units: 2, minutes: 25, dx: ['M62.838'] },
  { code: '97110', modifiers: ['GP'], units: 1, minutes: 15, dx: ['M62.838'] },
];

function cases() {
  const notes = realNotes();
  const list = notes.map((n) => ({ name: n.source, note: n.text }));
  for (const size of [1_000, 10_000, 100_000, 1_000_000]) list.push({ name: `real ${size}`, note: realText(size, notes) });
  list.push({ name: 'phrases', note: phraseText() });
  list.push({ name: 'folding', note: foldingText });
  list.push({ name: 'folding x50', note: Array(50).fill(foldingText).join('\n') });
  list.push({ name: 'parts', note: [{ id: 'a', label: 'Subjective', text: notes[0].text }, { label: 'Treatment', text: foldingText }, { text: notes[1].text }] });
  return list;
}

function chartFacts(chart) {
  const out = {};
  for (const [key, value] of Object.entries(chart)) if (typeof value !== 'function') out[key] = value;
  // The offset map, where folding changed the text.
  if (chart.text !== chart.original && chart.text.length < 20_000) out.toOriginal = Array.from({ length: chart.text.length + 1 }, (_, i) => chart.toOriginal(i));
  return out;
}

const digest = (value) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
const results = {};
const details = {};
for (const c of cases()) {
  const chart = chartFacts(analyzeChart(c.note));
  const withLines = check({ payer: 'medicare', note: c.note, lines: LINES }, { explain: true, explainFindings: true });
  const noteOnly = check({ payer: 'aetna', note: c.note, lines: [] }, { explain: true });
  details[c.name] = { chart, withLines, noteOnly };
  results[c.name] = { chart: digest(chart), withLines: digest(withLines), noteOnly: digest(noteOnly) };
}

if (mode === '--write') {
  writeFileSync(file, JSON.stringify(results, null, 1));
  writeFileSync(`${file}.details.json`, JSON.stringify(details));
  console.log(`wrote ${Object.keys(results).length} cases to ${file}`);
} else {
  const before = JSON.parse(readFileSync(file, 'utf8'));
  let beforeDetails;
  let differ = 0;
  for (const [name, now] of Object.entries(results)) {
    for (const key of Object.keys(now)) {
      if (before[name]?.[key] === now[key]) continue;
      differ++;
      beforeDetails ??= JSON.parse(readFileSync(`${file}.details.json`, 'utf8'));
      const a = beforeDetails[name]?.[key];
      const b = details[name][key];
      const field = a && b ? Object.keys({ ...a, ...b }).find((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])) : '(missing)';
      console.log(`DIFFERENT: ${name} ${key} (first field: ${field})`);
    }
  }
  console.log(differ === 0 ? `same output on all ${Object.keys(results).length} cases` : `${differ} differences`);
  process.exitCode = differ === 0 ? 0 : 1;
}
