import { TOK_COMMENT, TOK_LPAREN, TOK_RPAREN, TOK_WORD, type Zone } from './model.ts';
import { RR } from './rr-types.ts';

// The common records of a big zone (A, AAAA, names, MX, SRV) checked on their characters, without allocating;
// only records this cannot vouch for go through the full checker that builds messages.

function uintChars(text: string, s: number, e: number, max: number): boolean {
  if (e <= s || e - s > 5) return false;
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    v = v * 10 + d;
  }
  return v <= max;
}

function ipv4Chars(text: string, s: number, e: number): boolean {
  let parts = 0;
  let digits = 0;
  let value = 0;
  for (let i = s; i <= e; i++) {
    const c = i < e ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255) return false;
      parts++;
      digits = 0;
      value = 0;
    } else if (c >= 48 && c <= 57 && ++digits <= 3) {
      value = value * 10 + (c - 48);
    } else {
      return false;
    }
  }
  return parts === 4;
}

/** Plain hex-group IPv6 (no embedded IPv4: those take the full checker). */
function ipv6Chars(text: string, s: number, e: number): boolean {
  let groups = 0;
  let digits = 0;
  let double = false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) {
      if (text.charCodeAt(i + 1) === 58 && i + 1 < e) {
        if (double) return false;
        double = true;
        if (digits > 0) groups++;
        digits = 0;
        i++;
        continue;
      }
      if (digits === 0) return false;
      groups++;
      digits = 0;
      continue;
    }
    const hex = (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
    if (!hex || ++digits > 4) return false;
  }
  if (digits > 0) groups++;
  else if (!double || text.charCodeAt(e - 1) !== 58) return false;
  return double ? groups <= 7 : groups === 8;
}

/** A name without escapes or empty labels (`a..b`, `.a`): nothing for the name checker to find. */
export function plainNameChars(text: string, s: number, e: number): boolean {
  if (e - s === 1) return text.charCodeAt(s) !== 92;
  let prev = 46;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 || (c === 46 && prev === 46)) return false;
    prev = c;
  }
  return true;
}

/** Whether record `i` certainly has well-formed RDATA (false means: ask `checkRdata`). */
export function rdataQuickValid(zone: Zone, i: number): boolean {
  const r = zone.records;
  if (r.source[i] !== 0) return false;
  const tk = zone.tokens;
  const text = zone.text;
  const type = r.type[i]!;
  const end = r.rdataEnd[i]!;
  // Up to four plain words; parentheses and comments carry no data.
  let n = 0;
  let s0 = 0, e0 = 0, s1 = 0, e1 = 0, s2 = 0, e2 = 0, s3 = 0, e3 = 0;
  for (let t = r.rdata[i]!; t < end; t++) {
    const k = tk.kind[t]!;
    if (k === TOK_COMMENT || k === TOK_LPAREN || k === TOK_RPAREN) continue;
    if (k !== TOK_WORD || n === 4) return false;
    const s = tk.start[t]!;
    const e = tk.end[t]!;
    if (n === 0) { s0 = s; e0 = e; } else if (n === 1) { s1 = s; e1 = e; } else if (n === 2) { s2 = s; e2 = e; } else { s3 = s; e3 = e; }
    n++;
  }
  switch (type) {
    case RR.A:
      return n === 1 && ipv4Chars(text, s0, e0);
    case RR.AAAA:
      return n === 1 && ipv6Chars(text, s0, e0);
    case RR.NS: case RR.CNAME: case RR.PTR: case RR.DNAME:
      return n === 1 && plainNameChars(text, s0, e0);
    case RR.MX:
      return n === 2 && uintChars(text, s0, e0, 65535) && plainNameChars(text, s1, e1);
    case RR.SRV:
      return n === 4 && uintChars(text, s0, e0, 65535) && uintChars(text, s1, e1, 65535) && uintChars(text, s2, e2, 65535) && e3 > s3 && plainNameChars(text, s3, e3);
    default:
      return false;
  }
}
