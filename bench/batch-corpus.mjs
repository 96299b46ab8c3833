// A batch of realistic visits for the batch benchmark and the memory smoke test: variations of the
// project's labelled visits (test/fixtures/labelled/dev, dev2 and examples; never the holdout, which
// is for measuring only), laid out as an EHR export folder would be: one file per visit under
// clinic/month folders, about one in ten as a plain .txt note.
//
// Variations keep each note's wording and layout and change what a real batch changes: the payer,
// the provider, the date, the visit number and the figures (minutes, units, pain scores), so the
// engine sees different findings and no two visits are the same text.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LABELLED = new URL('../test/fixtures/labelled/', import.meta.url);
const TEMPLATE_FOLDERS = ['dev', 'dev2', 'examples'];

const PAYERS = ['Medicare', 'Medicare Advantage HMO', 'Aetna Choice POS II', 'Cigna Open Access Plus', 'UnitedHealthcare Choice Plus', 'BCBS PPO', 'Acme Employers Health'];
const PROVIDERS = [
  { name: 'R. Alvarez', credentials: ['PT', 'DPT'] },
  { name: 'K. Osei', credentials: ['PTA'] },
  { name: 'M. Lindqvist', credentials: ['OT'] },
  { name: 'T. Nakamura', credentials: ['LMT'] },
  { name: 'S. Haddad', credentials: ['PT'] },
  { name: 'J. Brennan', credentials: ['COTA'] },
];

/** Deterministic PRNG (mulberry32): the same corpus on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readTemplates() {
  const visits = [];
  for (const folder of TEMPLATE_FOLDERS) {
    const dir = new URL(`${folder}/`, LABELLED);
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.json')) continue;
      const data = JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
      for (const item of Array.isArray(data) ? data : [data]) visits.push(item.visit ?? item);
    }
  }
  return visits;
}

/** Shift small figures ("14 mins", "x2", "5/10") by -2…+2 so no two notes read the same. */
function varyText(text, rand) {
  return text.replace(/\b(\d{1,2})(?=\s?(?:min|mins|minutes|'|\/10))/g, (digits) => {
    const value = Math.max(1, Number(digits) + Math.floor(rand() * 5) - 2);
    return String(value);
  });
}

function varyVisit(template, rand, index) {
  const visit = structuredClone(template);
  visit.id = `batch-${String(index).padStart(5, '0')}`;
  if (rand() < 0.6) visit.payer = PAYERS[Math.floor(rand() * PAYERS.length)];
  if (rand() < 0.7) visit.provider = PROVIDERS[Math.floor(rand() * PROVIDERS.length)];
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  visit.dateOfService = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (visit.episode?.visitNumber !== undefined) visit.episode.visitNumber = 1 + Math.floor(rand() * 20);
  visit.note = typeof visit.note === 'string' ? varyText(visit.note, rand) : visit.note.map((part) => ({ ...part, text: varyText(part.text, rand) }));
  for (const line of visit.lines) {
    if (typeof line.minutes === 'number') line.minutes = Math.max(1, line.minutes + Math.floor(rand() * 7) - 3);
    if (typeof line.units === 'number' && rand() < 0.2) line.units = Math.max(1, line.units + (rand() < 0.5 ? -1 : 1));
  }
  return visit;
}

function noteText(visit) {
  return typeof visit.note === 'string' ? visit.note : visit.note.map((part) => `${part.label ?? part.id ?? ''}\n${part.text}`).join('\n\n');
}

/**
 * Write `count` visits under `dir` (clinic-N/2026-MM/visit-NNNNN.json or .txt). Returns how many
 * visits went into .json and .txt files and their total bytes.
 *
 * With `patients`, visit i belongs to patient i mod `patients` (`patient.id`), for the cross-visit
 * rules; every fifth patient's notes are copied forward (one template for all their visits).
 */
export function writeBatch(dir, count, { seed = 12, textShare = 0.1, patients = 0 } = {}) {
  const templates = readTemplates();
  const rand = prng(seed);
  const made = { json: 0, txt: 0, bytes: 0, templates: templates.length };
  for (let i = 0; i < count; i++) {
    const patient = patients > 0 ? i % patients : -1;
    const copiesForward = patient >= 0 && patient % 5 === 0;
    const visit = varyVisit(templates[(copiesForward ? patient : i) % templates.length], rand, i);
    if (patient >= 0) visit.patient = { id: `P-${String(patient).padStart(5, '0')}` };
    const folder = join(dir, `clinic-${(i % 7) + 1}`, visit.dateOfService.slice(0, 7));
    mkdirSync(folder, { recursive: true });
    const base = join(folder, `visit-${String(i).padStart(5, '0')}`);
    if (rand() < textShare) {
      const text = noteText(visit);
      writeFileSync(`${base}.txt`, text);
      made.txt++;
      made.bytes += Buffer.byteLength(text);
    } else {
      const text = JSON.stringify(visit, null, 2);
      writeFileSync(`${base}.json`, text);
      made.json++;
      made.bytes += Buffer.byteLength(text);
    }
  }
  return made;
}
