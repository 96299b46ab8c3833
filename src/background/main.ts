// Worker entry (Chrome: module service worker; Firefox: background script). Everything is added
// synchronously in this first turn, as MV3 requires for events that wake a stopped worker; the
// asynchronous start-up work runs after the listeners exist.
import { check, DATA_VERSION, listAllRules, listProfiles } from '../engine';
import { platform } from '../platform';
import { createBackground, registerListeners } from './service';

const background = createBackground({
  platform,
  engine: { check, listProfiles, listAllRules, dataVersion: DATA_VERSION },
  log: (message, detail) => console.warn(`[therapy-claim-guard] ${message}`, detail ?? ''),
});

registerListeners(platform, background);
void background.start();
