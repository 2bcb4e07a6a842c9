// IPv4 and IPv6 text forms as zone files write them (RFC 1035 §3.4.1 dotted quad, RFC 4291 §2.2).

/** Whether `s` is a dotted-quad IPv4 address (four decimal parts 0-255). */
export function isIpv4(s: string): boolean {
  let parts = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255) return false;
      parts++;
      digits = 0;
      value = 0;
      continue;
    }
    if (c < 48 || c > 57 || ++digits > 3) return false;
    value = value * 10 + (c - 48);
  }
  return parts === 4;
}

/** The eight 16-bit groups of an IPv6 address, or null when `s` is not one. */
export function parseIpv6(s: string): number[] | null {
  if (s.length < 2 || s.length > 45) return null;
  const double = s.indexOf('::');
  if (double >= 0 && s.indexOf('::', double + 1) >= 0) return null;
  const head = double >= 0 ? s.slice(0, double) : s;
  const tail = double >= 0 ? s.slice(double + 2) : '';
  const left = groups(head, double < 0);
  const right = double >= 0 ? groups(tail, true) : [];
  if (left === null || right === null) return null;
  if (double < 0) return left.length === 8 ? left : null;
  if (left.length + right.length > 7) return null;
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function groups(s: string, mayEndWithV4: boolean): number[] | null {
  if (s === '') return [];
  const parts = s.split(':');
  const out: number[] = [];
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (k === parts.length - 1 && mayEndWithV4 && p.includes('.')) {
      if (!isIpv4(p)) return null;
      const b = p.split('.').map(Number);
      out.push((b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!);
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
    out.push(parseInt(p, 16));
  }
  return out;
}

/** RFC 5952 canonical text of an IPv6 address (lower-case, longest zero run as `::`). */
export function formatIpv6(g: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLen).join(':');
}
