/** Lower-case a host name and drop one trailing dot (MX targets are often written absolute). */
export function normalizeHost(host: string): string {
  const h = host.toLowerCase();
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/**
 * Whether `pattern` (a policy `mx:` value) matches the MX host `mxHost`, per RFC 8461 §4.1:
 * case-insensitive; `*.example.com` matches exactly one extra leftmost label
 * (`mx1.example.com`, not `example.com`, not `a.b.example.com`).
 */
export function mxPatternMatches(pattern: string, mxHost: string): boolean {
  const host = normalizeHost(mxHost);
  const pat = pattern.toLowerCase();
  if (host === '' || pat === '') return false;
  if (pat.startsWith('*.')) {
    const suffix = pat.slice(1); // ".example.com"
    if (!host.endsWith(suffix)) return false;
    const label = host.slice(0, host.length - suffix.length);
    return label.length > 0 && !label.includes('.');
  }
  return pat === host;
}

/** The first pattern in `patterns` covering `mxHost`, or null when the MX host is not covered. */
export function coveringPattern(mxHost: string, patterns: readonly string[]): string | null {
  for (const p of patterns) if (mxPatternMatches(p, mxHost)) return p;
  return null;
}

/** The wildcard pattern covering `host` and its siblings (`*.example.com` for `mx1.example.com`), or null for two labels or fewer. */
export function parentWildcard(host: string): string | null {
  const labels = normalizeHost(host).split('.');
  return labels.length > 2 ? `*.${labels.slice(1).join('.')}` : null;
}
