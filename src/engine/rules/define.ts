// The shape of a rule module: `export default defineRule({ meta, check })`, one per file,
// with meta.id equal to the file name (test/engine/rules/registry.test.ts enforces it).
import type { Rule } from '../types';

export function defineRule(rule: Rule): Rule {
  return rule;
}
