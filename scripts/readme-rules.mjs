// Rewrites the rule table in README.md (between the rules:start/end markers) from the engine's
// own registry, so the README cannot drift from the rules (test/build/readme-rules.test.ts checks
// it). Run: npm run docs (after a build).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MARKERS = /<!-- rules:start -->[\s\S]*<!-- rules:end -->/;

/** The README's rule table for an engine API (dist/engine.mjs, or src/engine in the tests). */
export function rulesTable({ listAllRules, listProfiles, resolveProfile }) {
  const profiles = listProfiles().map((p) => p.id);
  const cell = (l) => ({ error: 'E', warning: 'W', info: 'i', off: '–' })[l];
  // Visit rules have a page each in docs/rules/; the cross-visit rules (run on the visit history) share docs/history.md.
  const rows = listAllRules().map((r) => {
    const levels = profiles.map((id) => resolveProfile(id).rules[r.id]?.level ?? r.defaultSeverity);
    const page = r.acrossVisits ? 'docs/history.md#the-rules' : `docs/rules/${r.id}.md`;
    const scope = r.acrossVisits ? `${r.scope}, across visits` : r.scope;
    return `| [\`${r.id}\`](${page}) | ${r.title} | ${scope} | ${levels.map(cell).join(' | ')} |`;
  });
  return [`| rule | what it flags | scope | ${profiles.join(' | ')} |`, `|---|---|---|${profiles.map(() => ':-:').join('|')}|`, ...rows].join('\n');
}

/** The table as the README holds it today (between the markers), or undefined without markers. */
export function readmeTable(readme) {
  const m = MARKERS.exec(readme);
  return m ? m[0].replace('<!-- rules:start -->\n', '').replace('\n<!-- rules:end -->', '') : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const engine = await import('../dist/engine.mjs');
  const table = rulesTable(engine);
  const readme = readFileSync('README.md', 'utf8');
  writeFileSync('README.md', readme.replace(MARKERS, `<!-- rules:start -->\n${table}\n<!-- rules:end -->`));
  console.log(`README.md: ${table.split('\n').length - 2} rules`);
}
