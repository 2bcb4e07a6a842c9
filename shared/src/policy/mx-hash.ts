// The hash mx patterns are grouped by (ignoring case), shared by the parser's fast path, which takes it while it
// reads each value anyway, and by `mx-index.ts`. A polynomial hash read left to right, so the hash of a suffix,
// and of `*` before it, follows from the hash of the whole and of the prefix: no second pass over the value.

const B = 0x9e3779b1 | 0;

/** B to the power of 0…256 (ok patterns are at most 255 long), modulo 2^32. */
const powers = new Int32Array(257);
powers[0] = 1;
for (let i = 1; i < powers.length; i++) powers[i] = Math.imul(powers[i - 1]!, B);

function power(n: number): number {
  if (n < powers.length) return powers[n]!;
  let p = powers[powers.length - 1]!;
  for (let i = powers.length - 1; i < n; i++) p = Math.imul(p, B);
  return p;
}

/** hash(s + c) from hash(s) and the (lower-case) char code c. */
export function hashStep(h: number, c: number): number {
  return (Math.imul(h, B) + c) | 0;
}

/**
 * hash(`*` + s[dot…]) from h = hash(s) and beforeDot = hash(s[…dot]), where `length` is the length of s[dot…]:
 * the `*.` pattern that covers the host s.
 */
export function coverHash(h: number, beforeDot: number, length: number): number {
  const p = power(length);
  return (Math.imul(42, p) + h - Math.imul(beforeDot, p)) | 0;
}

/** The last hashes taken (a scratch pair instead of an object per line). */
export const hashed = { hash: 0, cover: 0, upper: false };

/**
 * Hash `text[start, end)` ignoring ASCII case into `hashed`, with `cover` for a value that does not start with `*`,
 * and whether it has an upper-case letter.
 */
export function patternHash(text: string, start: number, end: number): void {
  let h = 0;
  let beforeDot = 0;
  let dot = -1;
  let upper = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) upper = true;
    if (c === 46 && dot < 0) {
      dot = i;
      beforeDot = h;
    }
    h = hashStep(h, c >= 65 && c <= 90 ? c + 32 : c);
  }
  hashed.hash = h;
  hashed.upper = upper;
  hashed.cover = dot > start && text.charCodeAt(start) !== 42 ? coverHash(h, beforeDot, end - dot) : 0;
}
