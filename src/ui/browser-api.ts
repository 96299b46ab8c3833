// The real browser, for the entry points only (main.tsx). Components and tests never import it:
// the polyfill throws when loaded outside an extension.
import browser from 'webextension-polyfill';
import type { UiBrowserApi } from './client';
import { setMessageSource } from './i18n';

export const browserApi: UiBrowserApi = browser;

/** Wire t() to the extension's _locales and set the document language for screen readers. */
export function installI18n(): void {
  setMessageSource((key, substitutions) => browser.i18n.getMessage(key, substitutions));
  const locale = browser.i18n.getMessage('@@ui_locale');
  if (locale !== '') document.documentElement.lang = locale.replace('_', '-');
  const dir = browser.i18n.getMessage('@@bidi_dir');
  if (dir === 'rtl' || dir === 'ltr') document.documentElement.dir = dir;
}
