// Character classes of the field grammar RFC 8461 §3.1 and RFC 8460 §3 share.

/** `ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")`. */
export function isExtName(name: string): boolean {
  if (name.length < 1 || name.length > 32) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (!alnum && (i === 0 || (c !== 0x5f && c !== 0x2d && c !== 0x2e))) return false;
  }
  return true;
}

/** Index of the first character outside `ext-value = 1*(%x21-3A / %x3C / %x3E-7E)`, or -1 if none. */
export function badExtValueChar(value: string): number {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x21 || c > 0x7e || c === 0x3b || c === 0x3d) return i;
  }
  return -1;
}

/** Whether `s` is 1 to `max` ASCII letters and digits (the shape of an STS `id`). */
export function isAlnum(s: string, max = Infinity): boolean {
  if (s.length < 1 || s.length > max) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) return false;
  }
  return true;
}
