// SCAFFOLD: replaced by the real rule (meta + check + table test).
import { defineRule } from './define';

export default defineRule({
  meta: { id: 'functional-goal', title: 'functional-goal', defaultSeverity: 'warning', scope: 'visit', rationale: '', howToFix: '', citations: [] },
  check() {},
});
