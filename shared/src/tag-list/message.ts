// How record text appears inside diagnostic messages.

/** A value quoted for a message: in backticks, control characters shown as `\uXXXX`, long values cut. */
export function quote(text: string, max = 60): string {
  let cut = max - 1;
  // Never split a surrogate pair when cutting.
  if (text.length > max && (text.charCodeAt(cut - 1) & 0xfc00) === 0xd800) cut--;
  let s = text.length > max ? text.slice(0, cut) + '…' : text;
  s = s.replace(/[\u0000-\u001f\u007f`]/g, (ch) => (ch === '`' ? "'" : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return `\`${s}\``;
}

/** How a character reads in a message: printable ASCII quoted, whitespace named, anything else as `U+XXXX`. */
export function describeChar(ch: string): string {
  const c = ch.codePointAt(0) ?? 0;
  if (c === 0x20) return 'a space';
  if (c === 0x09) return 'a tab';
  if (c === 0x0a || c === 0x0d) return 'a line break';
  if (c > 0x20 && c < 0x7f) return `\`${ch}\``;
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `quote` of the text in `span`, slicing no more than the quote shows (spans may be megabytes long). */
export function quoteSpan(text: string, span: { readonly start: number; readonly end: number }, max = 60): string {
  return quote(text.slice(span.start, Math.min(span.end, span.start + max + 1)), max);
}
