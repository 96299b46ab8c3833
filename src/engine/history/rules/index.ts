// The cross-visit rule registry: every file in this folder, in the order findings are produced.
// test/history/registry.test.ts fails if a rule file is not listed here.
import clonedNote from './cloned-note';
import templatedNote from './templated-note';
import massageTrend from './massage-trend';
import type { HistoryRule } from './define';

export const HISTORY_RULES: readonly HistoryRule[] = [clonedNote, templatedNote, massageTrend];
