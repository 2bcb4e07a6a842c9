// RFC 1035 §5.1 character-strings: `"…"` or a bare word, with `\X` (the character X) and `\DDD` (a byte) escapes.

/** A decoded character-string: its octet length and text, and where each character came from in the file. */
export interface DecodedString {
  /** Length in octets as it goes on the wire (UTF-8 for characters beyond ASCII). */
  readonly octets: number;
  /** The string's value; a `\DDD` above 127 becomes the Latin-1 character of that byte. */
  readonly value: string;
  /** For each UTF-16 unit of `value`, the [start, end) of the file text it was written as (relative offsets). */
  readonly from: Int32Array;
  readonly to: Int32Array;
}

/** Octets of the character-string written in `text[start, end)` (no quotes), without building it. */
export function charStringOctets(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      i += d >= 48 && d <= 57 ? 3 : 1;
      n++;
      continue;
    }
    if (c < 0x80) n++;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** Decode the character-string in `text[start, end)` (no quotes), keeping the source span of every character. */
export function decodeCharString(text: string, start: number, end: number): DecodedString {
  const from = new Int32Array(end - start);
  const to = new Int32Array(end - start);
  // Runs without escapes are copied in one slice, not a character at a time.
  const parts: string[] = [];
  let run = start;
  let k = 0;
  let octets = 0;
  for (let i = start; i < end; ) {
    const c = text.charCodeAt(i);
    if (c === 92 && i + 1 < end) {
      if (i > run) parts.push(text.slice(run, i));
      const d = text.charCodeAt(i + 1);
      let width = 2;
      let ch = d;
      if (d >= 48 && d <= 57) {
        const v = Number(text.slice(i + 1, i + 4));
        ch = Number.isInteger(v) && v <= 255 ? v : d;
        width = Math.min(4, end - i);
      }
      parts.push(String.fromCharCode(ch));
      from[k] = i;
      to[k] = i + width;
      k++;
      octets++;
      i += width;
      run = i;
      continue;
    }
    octets += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
    from[k] = i;
    to[k] = i + 1;
    k++;
    i++;
  }
  if (end > run) parts.push(text.slice(run, end));
  return { octets, value: parts.join(''), from: from.subarray(0, k), to: to.subarray(0, k) };
}

/** Presentation text of a string value inside quotes: `"` and `\` escaped, control bytes as `\DDD`. */
export function quoteCharString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 34 || c === 92) out += '\\' + value[i];
    else if (c < 32 || c === 127) out += '\\' + String(c).padStart(3, '0');
    else out += value[i];
  }
  return out + '"';
}
