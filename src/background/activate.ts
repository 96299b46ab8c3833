// Getting the content script into pages, with no static content_scripts in the manifest:
//
// - Toolbar click: opening the popup grants activeTab for that tab, and the popup's first
//   ui:get-tab-state makes the worker inject content.js into every frame it may access
//   (scripting.executeScript, allFrames).
// - Sites the user granted (the popup's one-click "grant access to this site", the options
//   page's list) or the admin pre-granted: one registered content script whose matches are the
//   granted origins, kept in step on permissions.onAdded/onRemoved and re-checked at every worker
//   start (Firefox does not persist registrations across sessions).
//
// content.js must be idempotent per frame (a registered run and an injected run can meet in the
// same document): the second run re-sends its snapshot instead of starting twice.
import type { Platform } from '../platform/types';
import type { Logger } from './state';

export const CONTENT_SCRIPT_ID = 'tcg-content';
export const CONTENT_SCRIPT_FILE = 'content.js';

/**
 * Only whole-site http(s) patterns ("https://ehr.example.org/*", "https://*.example.org/*")
 * become content-script matches: never <all_urls>-like wildcards, and a wildcard path because
 * matchOriginAsFallback requires one.
 */
export function isInjectablePattern(pattern: string): boolean {
  const match = /^(https?|\*):\/\/([^/]+)\/(.*)$/.exec(pattern);
  if (!match) return false;
  const [, scheme, host, path] = match;
  if (scheme === '*' || host === undefined || host === '*' || path !== '*') return false;
  return /^(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(host) || /^\[[0-9a-f:.]+\](:\d+)?$/i.test(host);
}

export function injectableOrigins(origins: readonly string[] | undefined): string[] {
  return [...new Set((origins ?? []).filter(isInjectablePattern))].sort();
}

export type InjectOutcome = 'injected' | 'denied';

/** Put content.js into every frame of the tab we may access. Never throws. */
export async function injectContentScript(scripting: Platform['scripting'], tabId: number, log: Logger): Promise<InjectOutcome> {
  try {
    const results = await scripting.executeScript({ target: { tabId, allFrames: true }, files: [CONTENT_SCRIPT_FILE] });
    return results.length > 0 ? 'injected' : 'denied';
  } catch (error) {
    // No activeTab grant and no host permission, a browser page (chrome://, about:addons, the
    // web stores), or the tab is gone.
    log('executeScript refused', error);
    return 'denied';
  }
}

/**
 * Make the registered content script match exactly the granted origins. Serialized: onAdded,
 * onRemoved and startup can fire together, and register/unregister must not interleave.
 */
export class ContentScriptRegistrar {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly platform: Pick<Platform, 'scripting' | 'permissions'>,
    private readonly log: Logger,
  ) {}

  sync(): Promise<string[]> {
    const next = this.chain.then(() => this.syncNow());
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async syncNow(): Promise<string[]> {
    const { scripting, permissions } = this.platform;
    const granted = injectableOrigins((await permissions.getAll()).origins);
    const existing = await scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] }).catch(() => []);
    const current = existing[0]?.matches ? [...existing[0].matches].sort() : null;
    if (current !== null && current.join('\n') === granted.join('\n')) return granted;
    if (existing.length > 0) await scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    if (granted.length === 0) return granted;
    try {
      await scripting.registerContentScripts([
        {
          id: CONTENT_SCRIPT_ID,
          js: [CONTENT_SCRIPT_FILE],
          matches: granted,
          allFrames: true,
          // about:blank / srcdoc / blob frames that EHRs build on the fly inherit their opener's
          // origin; this runs us there too (Chrome 119+, Firefox 128+).
          matchOriginAsFallback: true,
          runAt: 'document_idle',
        },
      ]);
    } catch (error) {
      this.log('registerContentScripts failed', error);
      throw error;
    }
    return granted;
  }
}

/** After a grant, the already open tabs of that site get the script without a reload. */
export async function injectIntoOpenTabs(
  platform: Pick<Platform, 'scripting' | 'tabs'>,
  origins: readonly string[],
  log: Logger,
): Promise<number[]> {
  const patterns = injectableOrigins(origins);
  if (patterns.length === 0) return [];
  let tabs: Array<{ id?: number }> = [];
  try {
    // Allowed without the `tabs` permission because we now hold host permission for these URLs.
    tabs = await platform.tabs.query({ url: patterns });
  } catch (error) {
    log('tabs.query failed', error);
  }
  const ids = tabs.map((tab) => tab.id).filter((id): id is number => typeof id === 'number' && id >= 0);
  await Promise.all(ids.map((id) => injectContentScript(platform.scripting, id, log)));
  return ids;
}
