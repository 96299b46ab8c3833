// SCAFFOLD: replaced by the real rule (meta + check + table test).
import { defineRule } from './define';

export default defineRule({
  meta: { id: 'technique-and-region', title: 'technique-and-region', defaultSeverity: 'warning', scope: 'visit', rationale: '', howToFix: '', citations: [] },
  check() {},
});
