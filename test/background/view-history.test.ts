// The popup's rows explain every rule that fired, the cross-visit rules (visit history) included.
import { describe, expect, it } from 'vitest';
import { emptyTabRecord } from '../../src/background/state';
import { buildTabState } from '../../src/background/view';
import * as engine from '../../src/engine';
import { listHistoryRules } from '../../src/engine/history';
import { DEFAULT_SETTINGS, resolveSettings } from '../../src/settings';
import { createFakeEngine } from './fake-engine';

describe('tab state rule meta', () => {
  it('carries the title, rationale and fix of a cross-visit rule that fired', () => {
    const checked = engine.check({ note: 'Therapeutic massage 15 min to the R upper trapezius.', lines: [{ code: '97124', units: 1 }] });
    const cloned = listHistoryRules().find((r) => r.id === 'cloned-note');
    expect(cloned).toBeDefined();
    const record = emptyTabRecord(3);
    const finding = { ruleId: 'cloned-note', title: cloned!.title, severity: 'warning' as const, message: 'Same note as on 2026-11-13', profile: checked.profile.id, citations: [] };
    record.result = { result: { ...checked, findings: [finding] }, keys: ['cloned-note:1'] };
    const state = buildTabState(record, createFakeEngine(), resolveSettings(DEFAULT_SETTINGS, {}, {}));
    expect(state.rules['cloned-note']).toEqual({ title: cloned!.title, rationale: cloned!.rationale, howToFix: cloned!.howToFix, acrossVisits: true });
  });
});
