// The public suffix list (ICANN section) as the core asks it: a URL's registrable domain, and whether an `mx:`
// wildcard would span a public suffix. This module is the core's one door to the list: the browser extension's worker
// build puts its own module in this one's place (extension/src/public-suffix.ts, the same list read from a file of the
// package when the worker starts), so the 90 KB of list and lookup code stay out of `background.js`. Both give the same
// answers (extension/test/public-suffix.test.ts compares them over every rule of the list).
import { getDomain, getPublicSuffix } from 'tldts-icann';

/** What the lookups ask tldts, without its URL parsing: tldts then treats the name as the host name it is. */
const hostNameOnly = { allowPrivateDomains: false, extractHostname: false, validateHostname: false, detectIp: false, mixedInputs: false } as const;

/**
 * The registrable domain of `host`: its public suffix (ICANN section) and one label more (`www.example.co.uk` →
 * `example.co.uk`), or null when `host` is itself a public suffix. `host` is a valid host name in lower case A-labels,
 * not an IP address (what `domainFromInput` hands over).
 */
export function registrableDomain(host: string): string | null {
  return getDomain(host, hostNameOnly);
}

/**
 * Whether `name` (lower case) is exactly a public suffix of the ICANN section: `com`, `co.uk`, `anything.ck` (under the
 * rule `*.ck`), but not `www.ck` (an exception) nor a name tldts does not take for a host name.
 */
export function isPublicSuffix(name: string): boolean {
  return isLdhName(name) ? getPublicSuffix(name, hostNameOnly) === name : getPublicSuffix(name, { allowPrivateDomains: false }) === name;
}

/** Lower-case labels of letters, digits and inner hyphens (1 to 63 long, 253 in all), not all digits: a host name tldts need not validate. */
export function isLdhName(name: string): boolean {
  if (name.length > 253) return false;
  let labelStart = 0;
  let digitsOnly = true;
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 46;
    if (c === 46) {
      if (i === labelStart || i - labelStart > 63 || name.charCodeAt(i - 1) === 45) return false;
      labelStart = i + 1;
    } else if (c === 45) {
      if (i === labelStart) return false;
      digitsOnly = false;
    } else if (c >= 97 && c <= 122) {
      digitsOnly = false;
    } else if (c < 48 || c > 57) {
      return false;
    }
  }
  return !digitsOnly;
}
