// The real browser, for the entry points only (main.tsx). Components and tests never import it.
//
// No webextension-polyfill here (it is ~10 KB of the popup's 80 KB budget): every API the pages
// use returns a promise natively in Manifest V3, as `browser.*` in Firefox and `chrome.*` in
// Chrome and Edge. The worker and the content script keep the polyfill.
import type { UiBrowserApi } from './client';
import { setMessageSource } from './i18n';

interface PageBrowser extends UiBrowserApi {
  i18n: { getMessage(key: string, substitutions?: string[]): string };
}

const scope = globalThis as { browser?: PageBrowser; chrome?: PageBrowser };
const native = scope.browser ?? scope.chrome;
if (!native) throw new Error('Therapy Claim Guard pages run only inside the extension');

export const browserApi: UiBrowserApi = native;

/** Wire t() to the extension's _locales and set the document language for screen readers. */
export function installI18n(): void {
  const { i18n } = native as PageBrowser;
  setMessageSource((key, substitutions) => i18n.getMessage(key, substitutions));
  const locale = i18n.getMessage('@@ui_locale');
  if (locale !== '') document.documentElement.lang = locale.replace('_', '-');
  const dir = i18n.getMessage('@@bidi_dir');
  if (dir === 'rtl' || dir === 'ltr') document.documentElement.dir = dir;
}
