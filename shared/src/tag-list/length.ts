import type { Report } from '../rule.ts';
import type { TagList } from './parse.ts';

/**
 * The longest TXT value DNS can carry: RDATA is at most 65535 bytes (RFC 1035 §3.2.1), and each string of at
 * most 255 bytes costs one length byte (§3.3.14), so 255 full strings and one of 254 bytes.
 */
export const MAX_TXT_VALUE_BYTES = 65279;

/** Report a value longer than any TXT record can be, with a fix that cuts it to the limit. */
export function checkLength(list: TagList, report: Report): void {
  const { text } = list;
  const start = list.leading.start;
  const valueEnd = list.lineEnd ? list.lineEnd.start : text.length;
  // At most 3 UTF-8 bytes per UTF-16 unit: short values cannot be too long.
  if ((valueEnd - start) * 3 <= MAX_TXT_VALUE_BYTES) return;
  // Count UTF-8 bytes and note where the limit is crossed; past the tokenized part, counting is pointless.
  const countEnd = list.overflow ? list.overflow.start : valueEnd;
  let bytes = 0;
  let cut = -1;
  for (let i = start; i < countEnd; i++) {
    const c = text.charCodeAt(i);
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : (c & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 4 : 3;
    if (bytes + size > MAX_TXT_VALUE_BYTES && cut < 0) cut = i;
    bytes += size;
    if (size === 4) i++;
  }
  if (cut < 0) cut = countEnd;
  if (cut >= valueEnd) return;
  const range = { start: cut, end: valueEnd };
  const size = list.overflow ? 'longer than 64 KiB' : `${bytes} bytes long`;
  report({
    range,
    message: `the record is ${size}, more than a TXT record can hold (${MAX_TXT_VALUE_BYTES} bytes of text in at most 65535 bytes of data, RFC 1035 §3.2.1)${list.overflow ? '; only its first 64 KiB were checked' : ''}; shorten it`,
    fixes: [{ title: `Cut the record after ${MAX_TXT_VALUE_BYTES} bytes`, edits: [{ range, newText: '' }] }],
  });
}
