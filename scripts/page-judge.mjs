// How a page's reading is judged against its expected visits: "read right" (lines, payer, date,
// provider, episode figures, note text, no page chrome) and the finding fingerprints both sides
// compare. No imports: the page corpus (scripts/page-corpus.mjs), the page-shape generator's
// measure (scripts/page-shapes.mjs) and unit tests under jsdom share it.

const squash = (text) => String(text ?? '').replace(/\s+/g, ' ').trim();
const words = (text) => squash(text).toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

function lineKey(line) {
  const mods = [...(line.modifiers ?? [])].map((m) => m.toUpperCase()).sort().join(',');
  const dx = [...(line.dx ?? [])].map((d) => d.toUpperCase()).sort().join(',');
  return `${line.code}|${mods}|${line.units ?? ''}|${line.minutes ?? ''}|${dx}`;
}

function noteText(visit) {
  return typeof visit.note === 'string' ? visit.note : visit.note.map((p) => p.text).join('\n');
}

/** Why a read visit is not the expected one (an empty list: read right). */
export function visitDifferences(read, expected, notNote = []) {
  const problems = [];
  if (!read) return ['no visit read'];
  const readLines = (read.lines ?? []).map(lineKey).sort();
  const expectedLines = (expected.lines ?? []).map(lineKey).sort();
  if (JSON.stringify(readLines) !== JSON.stringify(expectedLines)) problems.push(`lines: read [${readLines.join('; ')}], expected [${expectedLines.join('; ')}]`);
  if (squash(read.payer).toLowerCase() !== squash(expected.payer).toLowerCase()) problems.push(`payer: read "${read.payer ?? ''}", expected "${expected.payer ?? ''}"`);
  if ((read.dateOfService ?? '') !== (expected.dateOfService ?? '')) problems.push(`date of service: read ${read.dateOfService ?? 'none'}, expected ${expected.dateOfService ?? 'none'}`);
  const credentials = (p) => [...(p?.credentials ?? [])].sort().join(',');
  if (credentials(read.provider) !== credentials(expected.provider)) problems.push(`provider credentials: read [${credentials(read.provider)}], expected [${credentials(expected.provider)}]`);
  if (expected.provider?.name) {
    const want = new Set(words(expected.provider.name));
    const got = new Set(words(read.provider?.name));
    if (![...want].every((w) => got.has(w))) problems.push(`provider name: read "${read.provider?.name ?? ''}", expected "${expected.provider.name}"`);
  }
  for (const [field, get] of [
    ['visit number', (v) => v.episode?.visitNumber],
    ['plan-of-care start', (v) => v.episode?.planOfCareStart],
    ['total timed minutes', (v) => v.totalTimedMinutes],
  ]) {
    const want = get(expected);
    if (want !== undefined && get(read) !== want) problems.push(`${field}: read ${get(read) ?? 'none'}, expected ${want}`);
  }
  const readNote = squash(noteText(read));
  for (const part of typeof expected.note === 'string' ? [{ text: expected.note }] : expected.note) {
    if (!readNote.includes(squash(part.text))) problems.push(`note: missing "${squash(part.text).slice(0, 50)}…"`);
  }
  // Chrome words that a note may also use ("Reports neck pain…") only count outside the note's own text.
  const expectedNote = squash(noteText(expected));
  for (const chrome of notNote) if (readNote.includes(chrome) && readNote.split(chrome).length > expectedNote.split(chrome).length) problems.push(`note: took page chrome "${chrome}"`);
  return problems;
}

/** Compare all visits of a page: expected visits matched by date of service, else in order. */
export function pageDifferences(readVisits, expected) {
  const problems = [];
  if (readVisits.length !== expected.visits.length) problems.push(`${readVisits.length} visit(s) read, ${expected.visits.length} expected`);
  const remaining = [...readVisits];
  expected.visits.forEach((want, i) => {
    let index = remaining.findIndex((v) => v.dateOfService && v.dateOfService === want.dateOfService);
    if (index < 0) index = Math.min(i, remaining.length - 1);
    const read = index >= 0 ? remaining.splice(index, 1)[0] : undefined;
    for (const p of visitDifferences(read, want, expected.notNote)) problems.push(expected.visits.length > 1 ? `visit ${i + 1}: ${p}` : p);
  });
  return problems;
}

/** A finding as both sides can show it: rule, evidence text, and the claim line's code and modifiers. */
export function fingerprint(finding, lines) {
  const line = finding.line === undefined ? '' : (() => {
    const l = lines[finding.line];
    return l ? [l.code, ...[...(l.modifiers ?? [])].sort()].join(':') : String(finding.line);
  })();
  return `${finding.ruleId}|${squash(finding.evidence?.text ?? '')}|${line}`;
}
