import { describe, expect, it } from 'vitest';
import { engineCatalog } from '../../src/options/catalog';

// The options page lists what the engine ships; this guards the seam, not the engine's content.
describe('engine catalog for the options page', () => {
  it('lists rules with titles and levels, sorted by title, and the built-in profile', () => {
    const catalog = engineCatalog();
    expect(catalog.rules.length).toBeGreaterThan(0);
    for (const rule of catalog.rules) {
      expect(rule.id).toMatch(/^[a-z0-9-]+$/);
      expect(rule.title.length).toBeGreaterThan(0);
      expect(['error', 'warning', 'info']).toContain(rule.defaultSeverity);
    }
    const titles = catalog.rules.map((rule) => rule.title);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
    expect(catalog.profiles.map((profile) => profile.id)).toContain(catalog.builtInProfile);
    expect(new Set(catalog.profiles.map((profile) => profile.id)).size).toBe(catalog.profiles.length);
  });
});
