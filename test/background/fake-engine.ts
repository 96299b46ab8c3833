// A tiny stand-in for src/engine with predictable findings, so worker tests assert the plumbing
// (merge → check → keys → badge → view) rather than the rule set.
import type { CheckOptions, CheckResult, Finding, RuleMeta } from '../../src/engine/types';
import type { Visit } from '../../src/engine/visit';
import type { EngineApi } from '../../src/background/engine-api';
import { listHistoryRules } from '../../src/engine/history';

const rule = (id: string, title: string, severity: RuleMeta['defaultSeverity']): RuleMeta => ({
  id,
  title,
  defaultSeverity: severity,
  scope: 'visit',
  rationale: `Why ${id} matters.`,
  howToFix: `How to fix ${id}.`,
  citations: [{ title: 'CMS', url: 'https://www.cms.gov/' }],
});

export const FAKE_RULES: RuleMeta[] = [
  rule('relaxation-only', 'Relaxation is not a skilled indication', 'error'),
  rule('missing-gp', 'Therapy line without GP modifier', 'warning'),
  rule('units-note', 'Units noted', 'info'),
];

export interface FakeEngine extends EngineApi {
  calls: Array<{ visit: Visit; options: CheckOptions }>;
  throwNext: Error | null;
}

export function createFakeEngine(): FakeEngine {
  const engine: FakeEngine = {
    calls: [],
    throwNext: null,
    dataVersion: { version: 'test-1', asOf: '2026-11-01' },
    listProfiles: () => [
      { id: 'commercial', name: 'Commercial' },
      { id: 'medicare', name: 'Medicare' },
      { id: 'aetna', name: 'Aetna' },
    ],
    // The cross-visit rules are the real ones: the worker's history hook runs src/engine/history itself.
    listAllRules: () => [...FAKE_RULES.map((r) => ({ ...r, acrossVisits: false })), ...listHistoryRules().map((r) => ({ ...r, acrossVisits: true }))],
    check(visit: Visit, options: CheckOptions): CheckResult {
      engine.calls.push({ visit: structuredClone(visit), options: structuredClone(options) });
      if (engine.throwNext) {
        const error = engine.throwNext;
        engine.throwNext = null;
        throw error;
      }
      const profileId = options.profile ?? (visit.payer?.toLowerCase().includes('medicare') ? 'medicare' : (options.defaultProfile ?? 'commercial'));
      const disabled = new Set(options.disabledRules ?? []);
      const findings: Finding[] = [];
      const add = (f: Omit<Finding, 'title' | 'citations' | 'profile'>) => {
        const meta = FAKE_RULES.find((r) => r.id === f.ruleId);
        const level = options.ruleLevels?.[f.ruleId];
        if (!meta || disabled.has(f.ruleId) || level === 'off') return;
        findings.push({ ...f, severity: level ?? f.severity, title: meta.title, citations: meta.citations, profile: profileId });
      };
      const parts = typeof visit.note === 'string' ? [{ id: 'note', text: visit.note }] : visit.note;
      for (const part of parts) {
        const at = part.text.toLowerCase().indexOf('relaxation');
        if (at >= 0) {
          add({
            ruleId: 'relaxation-only',
            severity: 'error',
            message: 'The note gives relaxation as the reason for massage.',
            evidence: { part: part.id ?? '', start: at, end: at + 'relaxation'.length, text: part.text.slice(at, at + 10) },
          });
        }
      }
      visit.lines.forEach((line, index) => {
        if (line.code === '97124' && !(line.modifiers ?? []).includes('GP')) {
          add({ ruleId: 'missing-gp', severity: 'warning', message: '97124 needs GP.', line: index });
        }
      });
      if (visit.lines.length > 0) add({ ruleId: 'units-note', severity: 'info', message: `${visit.lines.length} line(s).` });
      return {
        findings,
        units: { method: 'cms', totalTimedMinutes: null, expected: {}, expectedTimedUnits: null, billed: {}, alternatives: [], minutesByCode: {}, timedOrder: [] },
        profile: { id: profileId, name: profileId, matchedBy: options.profile ? 'option' : 'default' },
        dataVersion: engine.dataVersion,
      };
    },
  };
  return engine;
}
