// SCAFFOLD: replaced by the real rule (meta + check + table test).
import { defineRule } from './define';

export default defineRule({
  meta: { id: 'maintenance-language', title: 'maintenance-language', defaultSeverity: 'warning', scope: 'visit', rationale: '', howToFix: '', citations: [] },
  check() {},
});
