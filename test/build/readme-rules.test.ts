// The README's rule table is generated (npm run docs); this fails when a rule, a title or a
// profile's level changes without regenerating it, so the table a compliance lead reads is current.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { readmeTable, rulesTable } from '../../scripts/readme-rules.mjs';
import { listAllRules, listProfiles, resolveProfile } from '../../src/engine';

describe('README rule table', () => {
  const table: string = rulesTable({ listAllRules, listProfiles, resolveProfile });

  it('lists every visit and cross-visit rule once', () => {
    const rows = table.split('\n').slice(2);
    expect(rows).toHaveLength(listAllRules().length);
    for (const r of listAllRules()) expect(rows.filter((row) => row.startsWith(`| [\`${r.id}\`]`))).toHaveLength(1);
    expect(table).toContain('across visits');
  });

  it('is the table in README.md (run npm run docs after changing rules or profiles)', () => {
    expect(readmeTable(readFileSync('README.md', 'utf8'))).toBe(table);
  });
});
