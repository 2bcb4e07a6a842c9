import { mxPatternMatches } from './match.ts';

/**
 * The certificate DNS-ID (subjectAltName dNSName) that names the MX host `mxHost`, or null, per RFC 8461 §4.2 and
 * RFC 6125 §6.4: case-insensitive; a wildcard only as the whole leftmost label, covering exactly one label (the
 * same rule as `mx:` patterns), and never directly under a top-level label (`*.com`). The subject CN is not
 * consulted: RFC 8461 requires a DNS-ID in the subjectAltName.
 */
export function certificateNameFor(mxHost: string, dnsNames: readonly string[]): string | null {
  for (const name of dnsNames) {
    if (name.startsWith('*.') && name.split('.').length < 3) continue;
    if (name.slice(1).includes('*')) continue;
    if (mxPatternMatches(name, mxHost)) return name;
  }
  return null;
}
