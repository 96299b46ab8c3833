// The data a compliance lead edits must stay valid: every lexicon parses, is listed, cites sources,
// compiles, and its exceptions point at real entries.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATA_VERSION } from '../../src/engine';
import { compilePhrase, lexiconSchema } from '../../src/engine/chart/lexicon';
import headings from '../../src/engine/data/headings.json';
import { LEXICONS } from '../../src/engine/data/lexicons';

const files = readdirSync('src/engine/data/lexicons').filter((f) => f.endsWith('.json'));

describe('lexicon data', () => {
  it('lists every lexicon file', () => {
    expect(LEXICONS.map((l) => `${l.id}.json`).sort()).toEqual([...files].sort());
  });
  for (const file of files) {
    describe(file, () => {
      const raw: unknown = JSON.parse(readFileSync(`src/engine/data/lexicons/${file}`, 'utf8'));
      it('matches the schema and its id is the file name', () => {
        const parsed = lexiconSchema().safeParse(raw);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        expect(parsed.data!.id).toBe(file.replace(/\.json$/, ''));
      });
      it('has unique entries whose phrases compile', () => {
        const data = lexiconSchema().parse(raw);
        const ids = data.entries.map((e) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const e of data.entries) for (const p of e.phrases) expect(() => compilePhrase(p)).not.toThrow();
        for (const x of data.exceptions ?? []) {
          for (const p of x.phrases) expect(() => compilePhrase(p)).not.toThrow();
          for (const id of x.entries ?? []) expect(ids, `exception names unknown entry ${id}`).toContain(id);
        }
      });
      it('is canonical JSON (2-space indent, trailing newline) so diffs stay reviewable', () => {
        const text = readFileSync(`src/engine/data/lexicons/${file}`, 'utf8');
        expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      });
    });
  }

  it('compilePhrase rejects phrases that cannot start a match', () => {
    expect(() => compilePhrase('_ massage')).toThrow();
    expect(() => compilePhrase('... massage')).toThrow();
    expect(compilePhrase('relax* ... in preparation for').map((t) => t.kind)).toEqual(['prefix', 'gap', 'word', 'word', 'word']);
  });

  it('marks each phase entry pre or post, and only the bare before/after words as counting after a value alone', () => {
    const phase = lexiconSchema().parse(JSON.parse(readFileSync('src/engine/data/lexicons/phase.json', 'utf8')));
    for (const e of phase.entries) expect(['pre', 'post'], e.id).toContain(e.phase);
    expect(phase.entries.filter((e) => e.onlyAfterValue).flatMap((e) => e.phrases).sort()).toEqual(['after', 'before']);
  });

  it('maps headings to known section kinds', () => {
    const kinds = ['subjective', 'objective', 'assessment', 'plan', 'goals', 'treatment', 'history', 'home-program', 'billing', 'signature', 'response'];
    expect(Object.keys(headings.kinds).sort()).toEqual(kinds.sort());
    const all = Object.values(headings.kinds).flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('has a data version and an as-of date', () => {
    expect(DATA_VERSION.version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    expect(DATA_VERSION.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
