// Runs check() over every .txt note in a folder and summarises what fired, to hunt false positives.
// Not part of the test run. Usage:
//   node build.mjs && node scripts/corpus-report.mjs ../shared/corpus/mtsamples [--payer ID] [--snippets N]
//     [--with-line CODE[-MOD…][xUNITS] …]
// Notes are checked as { note, lines: [] }: claim lines, if any, are read from the note by the engine.
// --with-line bills the given lines on every note instead ("what if this note billed 97124-GP x1?"),
// which is how the documentation rules' false positives on ordinary clinical prose show up.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = 'usage: node scripts/corpus-report.mjs FOLDER [--payer ID] [--snippets N] [--keep-header] [--with-line CODE[-MOD…][xUNITS] …]';

function fail(message) {
  console.error(`corpus-report: ${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      payer: { type: 'string' },
      snippets: { type: 'string' },
      'keep-header': { type: 'boolean' },
      'with-line': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail(error.message.split('. To specify')[0]);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) fail('give exactly one FOLDER');
const folder = positionals[0];
if (!existsSync(folder) || !statSync(folder).isDirectory()) fail(`${folder} is not a folder`);
const snippetCount = values.snippets === undefined ? 3 : Number(values.snippets);
if (!Number.isInteger(snippetCount) || snippetCount < 0) fail('--snippets must be a whole number');

const engineUrl = new URL('../dist/engine.mjs', import.meta.url);
if (!existsSync(engineUrl)) fail('dist/engine.mjs is missing: run "node build.mjs" first');
const { check, listProfiles, listRules, DATA_VERSION } = await import(engineUrl.href);

const profile = values.payer?.toLowerCase();
// "97124-GP x2" → { code: '97124', modifiers: ['GP'], units: 2 }
const extraLines = (values['with-line'] ?? []).map((spec) => {
  const m = /^([A-Z0-9]{5})((?:-[A-Z0-9]{2})*)(?:x(\d{1,2}))?$/i.exec(spec.replace(/\s+/g, ''));
  if (!m) fail(`--with-line ${spec}: expected CODE[-MOD…][xUNITS], e.g. 97124-GPx1`);
  const line = { code: m[1].toUpperCase(), units: m[3] ? Number(m[3]) : 1 };
  if (m[2]) line.modifiers = m[2].slice(1).toUpperCase().split('-');
  return line;
});
if (profile !== undefined && !listProfiles().some((p) => p.id === profile)) {
  fail(`unknown payer profile "${values.payer}"; known: ${listProfiles().map((p) => p.id).join(', ')}`);
}

// Corpus files (e.g. mtsamples) open with "Key: value" provenance lines and a blank line; checking
// those as note text would count URLs and specialty names as documentation.
function stripHeader(text) {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && /^[A-Z][\w-]*: /.test(lines[i])) i++;
  if (i === 0 || (lines[i] ?? '').trim() !== '') return { note: text, offset: 0 };
  const body = lines.slice(i + 1).join('\n');
  return { note: body, offset: text.length - body.length };
}

/** The evidence in context, whitespace collapsed, marked with [ ], at most 80 characters. */
function snippet(note, evidence, message) {
  if (!evidence) return `(no evidence) ${message}`.slice(0, 80);
  const flat = (s) => s.replace(/\s+/g, ' ');
  const hit = flat(evidence.text);
  const room = Math.max(0, 80 - hit.length - 2);
  const before = flat(note.slice(Math.max(0, evidence.start - 120), evidence.start)).trimStart();
  const after = flat(note.slice(evidence.end, evidence.end + 120)).trimEnd();
  const left = before.slice(Math.max(0, before.length - Math.ceil(room / 2)));
  const right = after.slice(0, room - left.length);
  return `${left}[${hit}]${right}`.slice(0, 80);
}

const files = readdirSync(folder)
  .filter((name) => name.toLowerCase().endsWith('.txt'))
  .sort();
if (files.length === 0) fail(`no .txt files in ${folder}`);

const byRule = new Map(); // ruleId → { notes: Set, severities: Map, snippets: string[] }
const perNote = [];
const crashes = [];
for (const name of files) {
  const raw = readFileSync(join(folder, name), 'utf8').replace(/^\uFEFF/, '');
  const { note } = values['keep-header'] ? { note: raw } : stripHeader(raw);
  let result;
  try {
    result = check({ id: name, note, lines: extraLines }, profile ? { profile } : {});
  } catch (error) {
    crashes.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    continue;
  }
  const counts = new Map();
  for (const finding of result.findings) {
    counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
    const entry = byRule.get(finding.ruleId) ?? { notes: new Set(), severities: new Map(), snippets: [] };
    entry.notes.add(name);
    entry.severities.set(finding.severity, (entry.severities.get(finding.severity) ?? 0) + 1);
    if (entry.snippets.length < snippetCount) entry.snippets.push(`${basename(name, '.txt')}: ${snippet(note, finding.evidence, finding.message)}`);
    byRule.set(finding.ruleId, entry);
  }
  perNote.push({ name, profile: result.profile.id, rules: [...counts].map(([id, n]) => (n > 1 ? `${id} ×${n}` : id)) });
}

const checked = perNote.length;
const percent = (n) => `${Math.round((100 * n) / Math.max(checked, 1))}%`;
console.log(`Corpus report: ${checked} of ${files.length} notes in ${folder}`);
console.log(`Profile: ${profile ?? 'chosen per note (default for unknown payers)'}; rule data ${DATA_VERSION.version} (as of ${DATA_VERSION.asOf})\n`);

console.log(`Rules by number of notes they fired on (of ${checked}):`);
const ranked = [...byRule].sort((a, b) => b[1].notes.size - a[1].notes.size || a[0].localeCompare(b[0]));
const width = Math.max(...ranked.map(([id]) => id.length), 10);
for (const [id, entry] of ranked) {
  const severities = ['error', 'warning', 'info']
    .filter((s) => entry.severities.has(s))
    .map((s) => `${s} ${entry.severities.get(s)}`)
    .join(', ');
  console.log(`  ${id.padEnd(width)}  ${String(entry.notes.size).padStart(4)} notes (${percent(entry.notes.size).padStart(4)})  ${severities}`);
  for (const line of entry.snippets) console.log(`      ${line}`);
}
const silent = listRules()
  .map((rule) => rule.id)
  .filter((id) => !byRule.has(id));
if (silent.length > 0) console.log(`\nNever fired: ${silent.join(', ')}`);

console.log('\nPer note:');
const nameWidth = Math.max(...perNote.map((n) => n.name.length));
for (const { name, profile: used, rules } of perNote) {
  console.log(`  ${name.padEnd(nameWidth)}  ${profile ? '' : `[${used}] `}${rules.length > 0 ? rules.join(', ') : '—'}`);
}

if (crashes.length > 0) {
  console.log(`\ncheck() threw on ${crashes.length} note(s) (engine bugs):`);
  for (const line of crashes) console.log(`  ${line}`);
  process.exitCode = 1;
}
