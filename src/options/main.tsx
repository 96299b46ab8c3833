// Options page entry point: the real browser, the generated rule/profile catalogue and the adapters' validator.
import { render } from 'preact';
// esbuild emits the imported stylesheet next to the bundle (popup.css / options.css), which the page links.
import './styles/options.css';
import { validateSelectorConfig } from '../adapters/selector';
import { browserApi, installI18n } from '../ui/browser-api';
import { createOptionsClient } from './client';
import { t } from '../ui/i18n';
import { catalog } from './catalog';
import { OptionsPage } from './OptionsPage';

installI18n();
document.title = t('optionsTitle');
const root = document.getElementById('app');
if (root) {
  render(
    <OptionsPage
      client={createOptionsClient(browserApi)}
      catalog={catalog}
      validateAdapters={(json) => validateSelectorConfig(json)}
    />,
    root,
  );
}
