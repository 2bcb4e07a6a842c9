// TTLs as BIND, NSD and Knot read them: seconds, or units `1w2d3h4m5s` (any case), at most 2^31-1 (RFC 2181 §8).

/** The largest TTL RFC 2181 §8 allows. */
export const MAX_TTL = 0x7fffffff;

/** Seconds of a TTL token from `text[start, end)`, or -1 when it is not a TTL, -2 when it is above `max` (2^31-1). */
export function parseTtl(text: string, start: number, end: number, max = MAX_TTL): number {
  if (start >= end || end - start > 40) return -1;
  let total = 0;
  let cur = 0;
  let digits = 0;
  let units = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      cur = cur * 10 + (c - 48);
      digits++;
      continue;
    }
    if (digits === 0) return -1;
    const mult = unit(c | 0x20);
    if (mult === 0) return -1;
    total += cur * mult;
    cur = 0;
    digits = 0;
    units = true;
  }
  if (digits > 0) {
    // A bare number after units (`1h30`) counts as seconds, as in BIND.
    total += cur;
  } else if (!units) {
    return -1;
  }
  return total > max ? -2 : total;
}

function unit(c: number): number {
  switch (c) {
    case 0x73: return 1; // s
    case 0x6d: return 60; // m
    case 0x68: return 3600; // h
    case 0x64: return 86400; // d
    case 0x77: return 604800; // w
    default: return 0;
  }
}
