// Rewrites the rule table in README.md (between the rules:start/end markers) from the engine's
// own registry, so the README cannot drift from the rules. Run: npm run docs (after a build).
import { readFileSync, writeFileSync } from 'node:fs';
import { listProfiles, listRules, resolveProfile } from '../dist/engine.mjs';

const profiles = listProfiles().map((p) => p.id);
const rows = listRules().map((r) => {
  const levels = profiles.map((id) => resolveProfile(id).rules[r.id]?.level ?? r.defaultSeverity);
  const cell = (l) => ({ error: 'E', warning: 'W', info: 'i', off: '–' })[l];
  return `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.title} | ${r.scope} | ${levels.map(cell).join(' | ')} |`;
});
const table = [
  `| rule | what it flags | scope | ${profiles.join(' | ')} |`,
  `|---|---|---|${profiles.map(() => ':-:').join('|')}|`,
  ...rows,
].join('\n');
const readme = readFileSync('README.md', 'utf8');
const next = readme.replace(/<!-- rules:start -->[\s\S]*<!-- rules:end -->/, `<!-- rules:start -->\n${table}\n<!-- rules:end -->`);
writeFileSync('README.md', next);
console.log(`README.md: ${rows.length} rules`);
