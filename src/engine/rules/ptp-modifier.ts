// SCAFFOLD: replaced by the real rule (meta + check + table test).
import { defineRule } from './define';

export default defineRule({
  meta: { id: 'ptp-modifier', title: 'ptp-modifier', defaultSeverity: 'warning', scope: 'visit', rationale: '', howToFix: '', citations: [] },
  check() {},
});
