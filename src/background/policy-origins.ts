// Where the extension runs on its own (a registered content script, no toolbar click needed):
//
// - Without a site policy: every specific site the user granted (popup "grant access", options
//   page), as before.
// - With a site policy (`allowedOrigins` set by the organisation): exactly the policy's sites for
//   which the browser gives us host access. The policy itself grants nothing — no browser lets
//   an extension grant itself host access. The access comes from the browser:
//     · Chrome/Edge/Firefox, enterprise build force-installed by policy: its manifest
//       host_permissions are granted at install without a prompt and cannot be withheld by the
//       user (docs/ADMIN.md, "Allowed EHR sites");
//     · store build: optional_host_permissions, which only a user gesture can grant — the popup
//       and the options page offer a one-click "Grant access" for the policy's sites.
//   Sites outside the policy list never get the registered script, even if granted earlier.
import type { Platform } from '../platform/types';
import { policyOrigins, type ResolvedSettings } from '../settings';

type Permissions = Platform['permissions'];

export interface PolicySite {
  pattern: string;
  /** The browser gives the extension host access to it (force-install grant or a user's grant). */
  granted: boolean;
}

/** Does the browser give us access to `pattern`? Never throws (an odd pattern is "no"). */
export async function holdsAccess(permissions: Pick<Permissions, 'contains'>, pattern: string): Promise<boolean> {
  try {
    return await permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
}

/** The policy's sites with their access state, or null without a site policy. */
export async function policySites(permissions: Pick<Permissions, 'contains'>, resolved: ResolvedSettings): Promise<PolicySite[] | null> {
  const patterns = policyOrigins(resolved);
  if (patterns === null) return null;
  return Promise.all(patterns.map(async (pattern) => ({ pattern, granted: await holdsAccess(permissions, pattern) })));
}

/** The origins the content script should be registered for (see the header). */
export async function runnableOrigins(permissions: Pick<Permissions, 'getAll' | 'contains'>, resolved: ResolvedSettings): Promise<string[]> {
  const sites = await policySites(permissions, resolved);
  if (sites !== null) return sites.filter((site) => site.granted).map((site) => site.pattern);
  return (await permissions.getAll()).origins ?? [];
}

/**
 * The permissions API as the content-script registrar should see it: getAll() answers with the
 * runnable origins. Everything else is the real API.
 */
export function policyAwarePermissions(permissions: Permissions, settings: () => Promise<ResolvedSettings>): Permissions {
  return {
    contains: (request) => permissions.contains(request),
    onAdded: permissions.onAdded,
    onRemoved: permissions.onRemoved,
    async getAll() {
      const all = await permissions.getAll();
      return { ...all, origins: await runnableOrigins(permissions, await settings()) };
    },
  };
}

/**
 * Does a site pattern ("https://ehr.example.org/*", "https://*.example.org/*",
 * "http://localhost/*") cover a page origin? Ports: a pattern without one covers every port.
 */
export function patternCoversOrigin(pattern: string, origin: string): boolean {
  const match = /^(https?):\/\/(\*\.)?([^/:]+)(?::(\d+))?\/\*$/i.exec(pattern);
  if (!match) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const [, scheme = '', wildcard, host = '', port] = match;
  if (url.protocol !== `${scheme.toLowerCase()}:`) return false;
  if (port !== undefined && url.port !== port) return false;
  const pageHost = url.hostname.toLowerCase();
  const wanted = host.toLowerCase();
  return wildcard ? pageHost === wanted || pageHost.endsWith(`.${wanted}`) : pageHost === wanted;
}

/** null: no site policy; otherwise whether the organisation allows the extension on `origin`. */
export function policyAllowsOrigin(resolved: ResolvedSettings, origin: string): boolean | null {
  const patterns = policyOrigins(resolved);
  if (patterns === null) return null;
  return patterns.some((pattern) => patternCoversOrigin(pattern, origin));
}
