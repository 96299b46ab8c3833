import { t } from '../ui/i18n';

// The background's refusal codes (src/background/api.ts UiError) in the user's words.
const REFUSAL_KEYS: Record<string, string> = {
  locked: 'refusedLocked',
  'unknown-finding': 'refusedChanged',
  'no-evidence': 'refusedNoEvidence',
  'frame-gone': 'refusedChanged',
  'highlight-disabled': 'refusedHighlightDisabled',
  'unknown-profile': 'refusedUnknownProfile',
  'no-site': 'refusedNoSite',
  'no-patient': 'refusedNoPatient',
};

export function refusalText(code: string): string {
  const key = REFUSAL_KEYS[code];
  return key ? t(key) : t('refusedOther', code);
}
