// SCAFFOLD: replaced by the real rule (meta + check + table test).
import { defineRule } from './define';

export default defineRule({
  meta: { id: 'plan-of-care', title: 'plan-of-care', defaultSeverity: 'warning', scope: 'visit', rationale: '', howToFix: '', citations: [] },
  check() {},
});
