// Popup entry point: wire the real browser into the Popup component. Nothing else runs at import.
import { render } from 'preact';
// esbuild emits the imported stylesheet next to the bundle (popup.css / options.css), which the page links.
import './styles/popup.css';
import { browserApi, installI18n } from '../ui/browser-api';
import { createPopupClient } from '../ui/client';
import { t } from '../ui/i18n';
import { Popup } from './Popup';
import { createReadingClient } from './reading-client';

installI18n();
document.title = t('extName');
const root = document.getElementById('app');
if (root) render(<Popup client={createPopupClient(browserApi)} reading={createReadingClient((message) => browserApi.runtime.sendMessage(message))} />, root);
