// Side panel entry (Chrome side_panel, Firefox sidebar_action): the popup's view, kept open beside
// the EHR. It follows the active tab of its window and re-reads whenever the worker stores a new
// result, so it updates live while the note is typed.
import { render } from 'preact';
// The popup's stylesheet; esbuild emits it next to the bundle as sidepanel.css.
import '../popup/styles/popup.css';
import { browserApi, installI18n } from '../ui/browser-api';
import { createPopupClient } from '../ui/client';
import { t } from '../ui/i18n';
import { Popup } from '../popup/Popup';
import { createReadingClient } from '../popup/reading-client';

installI18n();
document.title = t('extName');
const root = document.getElementById('app');
if (root) render(<Popup client={createPopupClient(browserApi)} mode="panel" reading={createReadingClient((message) => browserApi.runtime.sendMessage(message))} />, root);
