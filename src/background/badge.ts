// The toolbar badge, per tab: how many findings are still open (not dismissed), coloured by the
// worst of them. No badge when nothing applies or the page is not an EHR visit. The button's
// tooltip says the same in words — the count per severity and the payer profile in use — so
// the badge is never colour and a number only.
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
  counts: Record<Severity, number>;
  /** The payer profile's name, for the tooltip. */
  profile?: string;
}

export function badgeState(severities: readonly Severity[], profile?: string): BadgeState {
  let worst: Severity | null = null;
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const severity of severities) {
    counts[severity] += 1;
    if (worst === null || RANK[severity] > RANK[worst]) worst = severity;
  }
  return profile === undefined ? { count: severities.length, worst, counts } : { count: severities.length, worst, counts, profile };
}

/** Locale keys of the tooltip (assets/_locales/en/messages.json). */
const TITLE_KEYS = { error: 'badgeTitleErrors', warning: 'badgeTitleWarnings', info: 'badgeTitleInfo' } as const;

/** Localised text by key with substitutions; English fallbacks keep the worker usable in tests. */
export type Translate = (key: string, substitutions?: string[]) => string;

const ENGLISH: Record<string, string> = {
  actionTitle: 'Therapy Claim Guard: check this visit',
  badgeTitleCounts: 'Therapy Claim Guard: $1',
  badgeTitleErrors: '$1 errors',
  badgeTitleWarnings: '$1 warnings',
  badgeTitleInfo: '$1 info',
  badgeTitleNone: 'Therapy Claim Guard: no open findings',
  badgeTitleProfile: '$1 — payer profile: $2',
};

export const englishTranslate: Translate = (key, substitutions = []) =>
  (ENGLISH[key] ?? key).replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');

/** "Therapy Claim Guard: 2 errors, 3 warnings, 1 info — payer profile: Aetna". */
export function badgeTitle(state: BadgeState, translate: Translate = englishTranslate): string {
  if (state.worst === null && state.profile === undefined) return translate('actionTitle');
  const parts = (['error', 'warning', 'info'] as const).map((severity) => translate(TITLE_KEYS[severity], [String(state.counts[severity])]));
  const counts = state.count === 0 ? translate('badgeTitleNone') : translate('badgeTitleCounts', [parts.join(', ')]);
  return state.profile === undefined ? counts : translate('badgeTitleProfile', [counts, state.profile]);
}

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

export async function setBadge(action: Platform['action'], tabId: number, state: BadgeState, translate?: Translate): Promise<void> {
  const text = state.worst === null ? '' : badgeText(state.count);
  try {
    await action.setBadgeText({ tabId, text });
    await action.setTitle?.({ tabId, title: badgeTitle(state, translate) });
    if (text !== '' && state.worst !== null) {
      await action.setBadgeBackgroundColor({ tabId, color: BADGE_COLORS[state.worst] });
      // Amber needs dark text to stay readable; red and blue take white.
      await action.setBadgeTextColor?.({ tabId, color: state.worst === 'warning' ? '#1F1F1F' : '#FFFFFF' });
    }
  } catch {
    // The tab closed between the analysis and the badge update: nothing to show it on.
  }
}

export function clearBadge(action: Platform['action'], tabId: number, translate?: Translate): Promise<void> {
  return setBadge(action, tabId, badgeState([]), translate);
}
