// @vitest-environment jsdom
// The page reader on generated page shapes (test/fixtures/pages/shapes/shapes.mjs): a fixed sample
// of seeded pages, each the corpus visit rendered through one random combination of the ways EHR
// screens print labels, codes, modifiers, units, minutes, diagnoses, notes, controls and chrome.
// The whole path runs (content-script description → worker classifier → frame merge) and the read
// visit is compared with the page's expected visit the way the page corpus is (read right), and the
// findings with `check` on the expected visit (same findings). The floors are what the reader
// reaches on this sample: a change that breaks a dimension of markup fails here.
// `node scripts/page-shapes.mjs --count 300` measures a larger sample and names the weak dimensions.
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint, pageDifferences } from '../../scripts/page-judge.mjs';
import { DIMENSIONS, shapePage } from '../fixtures/pages/shapes/shapes.mjs';
import { check } from '../../src/engine/index';
import type { Visit } from '../../src/engine/visit';
import { readVisits } from './pages';

/** Seeds of the sample (the reader was studied on seeds 1–700). */
const FIRST_SEED = 5001;
const PAGES = 50;
/** Pages of the sample read right and with the CLI's findings, on the reader of this commit. */
const FLOOR = { readRight: 49, sameFindings: 50 };

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

const findings = (visits: Visit[]): string[] =>
  visits.flatMap((v) => check(v, { readLinesFromNote: false }).findings.map((f) => fingerprint(f, v.lines))).sort();

describe('page shapes (generated pages)', () => {
  it('the generator is deterministic and every dimension value can occur', () => {
    const a = shapePage(FIRST_SEED);
    const b = shapePage(FIRST_SEED);
    expect(a.html).toBe(b.html);
    expect(a.visits).toEqual(b.visits);
    const seen = new Map<string, Set<string>>();
    for (let seed = 1; seed <= 400; seed++) {
      for (const [dim, value] of Object.entries(shapePage(seed).dims)) {
        if (!seen.has(dim)) seen.set(dim, new Set());
        seen.get(dim)?.add(value);
      }
    }
    for (const [dim, values] of Object.entries(DIMENSIONS)) expect([...(seen.get(dim) ?? [])].sort(), dim).toEqual([...new Set(values)].sort());
  });

  it(`reads at least ${FLOOR.readRight} of ${PAGES} pages right and ${FLOOR.sameFindings} with the CLI's findings`, () => {
    let readRight = 0;
    let sameFindings = 0;
    const misses: string[] = [];
    for (let seed = FIRST_SEED; seed < FIRST_SEED + PAGES; seed++) {
      const shape = shapePage(seed);
      const { visits } = readVisits(shape.html);
      const problems = pageDifferences(visits, { visits: shape.visits, notNote: shape.notNote });
      if (problems.length === 0) readRight++;
      else misses.push(`${seed}: ${problems.join('; ')}`);
      if (JSON.stringify(findings(visits)) === JSON.stringify(findings(shape.visits))) sameFindings++;
    }
    expect(readRight, `pages not read right:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(FLOOR.readRight);
    expect(sameFindings).toBeGreaterThanOrEqual(FLOOR.sameFindings);
  }, 120_000);
});
