// Meta-tests (the Refined GitHub / ESLint pattern): every rule file is registered, named after its
// id, documented, cited, tested, and every rule a profile mentions exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listRules } from '../../../src/engine';
import { PROFILE_DATA } from '../../../src/engine/payers';
import { RULES } from '../../../src/engine/rules';

const ruleFiles = readdirSync('src/engine/rules')
  .filter((f) => f.endsWith('.ts') && !['index.ts', 'define.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

describe('rule registry', () => {
  it('registers every rule file exactly once', () => {
    expect(RULES.map((r) => r.meta.id).sort()).toEqual(ruleFiles);
  });

  it('has the rule ids the product promises', () => {
    expect(ruleFiles).toEqual(
      [
        'assistant-modifier', 'code-selection', 'comfort-wording', 'diagnosis-link', 'discipline-modifier', 'episode-duration',
        'functional-goal', 'maintenance-language', 'massage-units', 'minutes-missing', 'modifier-59-support', 'objective-findings',
        'plan-of-care', 'provider-eligibility', 'ptp-modifier', 'standalone-massage', 'technique-and-region', 'time-totals',
        'treatment-response', 'units-minutes',
      ].sort(),
    );
  });

  const readme = existsSync('README.md') ? readFileSync('README.md', 'utf8') : '';
  for (const meta of listRules()) {
    describe(meta.id, () => {
      it('has complete meta', () => {
        expect(meta.title.length).toBeGreaterThan(5);
        expect(meta.title).not.toBe(meta.id);
        expect(['line', 'claim', 'visit', 'episode']).toContain(meta.scope);
        expect(['error', 'warning', 'info']).toContain(meta.defaultSeverity);
        expect(meta.rationale.length).toBeGreaterThan(40);
        expect(meta.howToFix.length).toBeGreaterThan(30);
      });
      it('cites at least one public source', () => {
        expect(meta.citations.length).toBeGreaterThan(0);
        for (const c of meta.citations) {
          expect(c.title.length).toBeGreaterThan(3);
          expect(c.url).toMatch(/^https?:\/\/[^\s]+\.[^\s]+/);
        }
      });
      it('has a table test, a docs page with examples, and a README entry', () => {
        expect(existsSync(`test/engine/rules/${meta.id}.test.ts`)).toBe(true);
        const doc = `docs/rules/${meta.id}.md`;
        expect(existsSync(doc)).toBe(true);
        expect(readFileSync(doc, 'utf8')).toMatch(/^## Examples/m);
        expect(readme).toContain(`\`${meta.id}\``);
      });
      it('is not a scaffold', () => {
        expect(readFileSync(`src/engine/rules/${meta.id}.ts`, 'utf8')).not.toMatch(/SCAFFOLD|TODO/);
      });
    });
  }

  it('profiles only configure rules that exist', () => {
    const ids = new Set(ruleFiles);
    for (const p of PROFILE_DATA) for (const id of Object.keys(p.rules ?? {})) expect(ids.has(id), `${p.id} → ${id}`).toBe(true);
  });
});
