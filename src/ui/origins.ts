// Host permission patterns for EHR sites. Match patterns can't carry a port (and without one
// they match every port), so "https://ehr.example.org:8443" becomes "https://ehr.example.org/*".

/** The match pattern for an origin, or null when it isn't an http(s) site. */
export function originToPattern(origin: string): string | null {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.hostname === '') return null;
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * What a person types into "add a site": a full URL, a bare host ("ehr.example.org", taken as
 * https) or a wildcard subdomain ("*.example.org"). Returns the match pattern or null.
 */
export function siteInputToPattern(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const wildcard = /^(https?:\/\/)\*\.([^/:]+)/i.exec(withScheme);
  if (wildcard) {
    const rest = originToPattern(`${wildcard[1] ?? 'https://'}${wildcard[2] ?? ''}`);
    return rest === null ? null : rest.replace('//', '//*.');
  }
  return originToPattern(withScheme);
}

/** "https://ehr.example.org/*" → "https://ehr.example.org" for display. */
export function patternToLabel(pattern: string): string {
  return pattern.endsWith('/*') ? pattern.slice(0, -2) : pattern;
}

export function isSafeLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}
