// Plain words for the cross-visit messages: section names, dates, lists.
import type { SectionKind } from '../chart/types';

const SECTION_NAMES: Record<SectionKind | 'note', string> = {
  subjective: 'Subjective',
  objective: 'Objective',
  assessment: 'Assessment',
  plan: 'Plan',
  goals: 'Goals',
  treatment: 'Treatment',
  history: 'History',
  'home-program': 'Home program',
  billing: 'Billing',
  signature: 'Signature',
  response: 'Response to treatment',
  other: 'untitled text',
  note: 'whole note',
};

export const sectionName = (kind: SectionKind | 'note'): string => SECTION_NAMES[kind];

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** How a visit is named in a message: its date and label (the command line's source), else "an undated visit". */
export function visitName(record: { date?: string; label?: string }): string {
  if (record.date) return record.label ? `${record.date} (${record.label})` : record.date;
  return record.label ? `visit ${record.label}` : 'an undated visit';
}

export function daysBetween(from: string, to: string): number | undefined {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Number.isFinite(a) && Number.isFinite(b) ? Math.round((b - a) / 86_400_000) : undefined;
}
