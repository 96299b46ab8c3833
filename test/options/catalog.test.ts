import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as engine from '../../src/engine';
import { buildCatalog, catalog } from '../../src/options/catalog';

const FILE = new URL('../../src/options/catalog.generated.json', import.meta.url);

// The options page lists what the engine ships, from a file build.mjs generates: it must never drift.
describe('the options page catalogue (src/options/catalog.generated.json)', () => {
  it('is exactly what build.mjs generates from the engine now (run `node build.mjs` when this fails)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(`${JSON.stringify(buildCatalog(engine), null, 2)}\n`);
    expect(catalog).toEqual(buildCatalog(engine));
  });

  it('lists every rule, the cross-visit ones last, with its title and level, sorted by title, and the built-in profile', () => {
    expect(catalog.rules.map((rule) => rule.id).sort()).toEqual(engine.listAllRules().map((rule) => rule.id).sort());
    const across = engine.history.listHistoryRules().map((rule) => rule.id).sort();
    expect(catalog.rules.filter((rule) => rule.acrossVisits).map((rule) => rule.id).sort()).toEqual(across);
    expect(catalog.rules.slice(-across.length).every((rule) => rule.acrossVisits)).toBe(true);
    for (const rule of catalog.rules) {
      expect(rule.id).toMatch(/^[a-z0-9-]+$/);
      expect(rule.title.length).toBeGreaterThan(0);
      expect(['error', 'warning', 'info']).toContain(rule.defaultSeverity);
    }
    for (const group of [false, true]) {
      const titles = catalog.rules.filter((rule) => rule.acrossVisits === group).map((rule) => rule.title);
      expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'en')));
    }
    expect(catalog.profiles.map((profile) => profile.id)).toContain(catalog.builtInProfile);
    expect(new Set(catalog.profiles.map((profile) => profile.id)).size).toBe(catalog.profiles.length);
  });

  it('changes when the engine does: a drifted file is caught', () => {
    const drifted = { ...engine, listAllRules: () => engine.listAllRules().slice(1) };
    expect(buildCatalog(drifted)).not.toEqual(catalog);
  });
});
