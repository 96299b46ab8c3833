// The toolbar badge, per tab: how many findings are still open (not dismissed), coloured by the
// worst of them. No badge when nothing applies or the page is not an EHR visit.
import type { Severity } from '../engine/types';
import type { Platform } from '../platform/types';

export const BADGE_COLORS: Record<Severity, string> = {
  error: '#B3261E', // red
  warning: '#E8A100', // amber
  info: '#1A73E8', // blue
};

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export interface BadgeState {
  count: number;
  worst: Severity | null;
}

export function badgeState(severities: readonly Severity[]): BadgeState {
  let worst: Severity | null = null;
  for (const severity of severities) if (worst === null || RANK[severity] > RANK[worst]) worst = severity;
  return { count: severities.length, worst };
}

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

export async function setBadge(action: Platform['action'], tabId: number, state: BadgeState): Promise<void> {
  const text = state.worst === null ? '' : badgeText(state.count);
  try {
    await action.setBadgeText({ tabId, text });
    if (text !== '' && state.worst !== null) {
      await action.setBadgeBackgroundColor({ tabId, color: BADGE_COLORS[state.worst] });
      // Amber needs dark text to stay readable; red and blue take white.
      await action.setBadgeTextColor?.({ tabId, color: state.worst === 'warning' ? '#1F1F1F' : '#FFFFFF' });
    }
  } catch {
    // The tab closed between the analysis and the badge update: nothing to show it on.
  }
}

export function clearBadge(action: Platform['action'], tabId: number): Promise<void> {
  return setBadge(action, tabId, { count: 0, worst: null });
}
