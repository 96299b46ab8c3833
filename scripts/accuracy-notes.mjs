// Note-reading accuracy: `evaluate` over every labelled set in test/accuracy/floor.json (the
// shared labelled set and the project's own fixtures), each held to its floor. Run through
// `npm run accuracy` (which builds first); `--raise-floor` raises the floors to today's figures.
// Exit: 0 every present set meets its floor, 1 a set is below its floor or a required set is
// missing, 2 a set has bad files.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { FLOOR_FILE, ROOT, floorArgs, floorOf, measured, raisedFloor, readFloor, setPath, setPresent, writeFloor } from './accuracy-floor.mjs';

const raise = process.argv.includes('--raise-floor');
const cli = `${ROOT}/dist/cli.mjs`;
if (!existsSync(cli)) {
  console.error('accuracy-notes: dist/cli.mjs is missing: run "node build.mjs" first (npm run accuracy does)');
  process.exit(2);
}

const fixed = (n) => (n === null || n === undefined ? '–' : n.toFixed(3));
const data = readFloor();
let worst = 0;
let changed = false;

for (const set of data.sets) {
  const path = setPath(set);
  const shown = relative(ROOT, path) || '.';
  console.log(`\nNotes: ${set.name} (${shown})`);
  if (!setPresent(set)) {
    if (set.optional) {
      console.log(`  absent: ${shown} is not on this machine, so its precision, recall and units are not measured here`);
      continue;
    }
    console.log(`  MISSING: ${shown} is required (floor.json marks it optional: false)`);
    worst = Math.max(worst, 1);
    continue;
  }
  const run = spawnSync(process.execPath, [cli, 'evaluate', '--format', 'json', ...floorArgs(set.floor), path], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.stderr) process.stderr.write(run.stderr.replace(/^/gm, '  '));
  if (run.status !== 0 && run.status !== 1) {
    console.log(`  evaluate failed (exit ${run.status}): fix the files named above`);
    worst = Math.max(worst, 2);
    if (!run.stdout) continue;
  }
  const report = JSON.parse(run.stdout);
  const t = report.totals;
  const u = report.units;
  const limit = (figure) => report.thresholds.find((x) => x.figure === figure);
  const verdict = (figure) => {
    const x = limit(figure);
    return x ? `${x.bound === 'atLeast' ? 'floor' : 'at most'} ${figure === 'errorFalseAlarms' ? x.limit : fixed(x.limit)}, ${x.met ? 'met' : 'BELOW THE FLOOR'}` : '';
  };
  console.log(`  ${report.cases} cases, ${t.pairs} labelled pairs`);
  console.log(`  precision ${fixed(t.precision)} (${t.truePositives} right, ${t.falseAlarms} false alarms) — ${verdict('precision')}`);
  console.log(`  recall ${fixed(t.recall)} (${t.truePositives} of ${t.truePositives + t.misses} required findings) — ${verdict('recall')}`);
  console.log(`  units: ${u.codesExact} of ${u.codes} codes exact (${fixed(u.codesExactShare)}), ${u.casesExact} of ${u.cases} cases exact — ${verdict('units')}`);
  console.log(`  false alarms at severity error: ${report.falseAlarmsAtError} — ${verdict('errorFalseAlarms')}`);
  const weak = report.rules.filter((r) => r.precision !== null && r.precision < 0.9).sort((a, b) => a.precision - b.precision);
  if (weak.length > 0) console.log(`  rules with precision below 0.9: ${weak.map((r) => `${r.ruleId} ${fixed(r.precision)}`).join(', ')}`);
  if (!report.met) worst = Math.max(worst, 1);

  if (raise) {
    const next = raisedFloor(set.floor, measured(report));
    const moved = Object.keys(next).filter((k) => next[k] !== set.floor[k]);
    if (moved.length > 0) {
      console.log(`  floor raised: ${moved.map((k) => `${k} ${set.floor[k]} → ${next[k]}`).join(', ')}`);
      set.floor = next;
      changed = true;
    }
  }
}

if (raise) {
  if (changed) writeFloor(data);
  console.log(changed ? `\n${relative(ROOT, FLOOR_FILE)} updated: commit it with the change that raised the figures.` : '\nNo floor moved: nothing measured above its floor.');
}
console.log(`\nDetails (each false alarm, miss and units disagreement): node dist/cli.mjs evaluate PATH`);
process.exit(worst);
