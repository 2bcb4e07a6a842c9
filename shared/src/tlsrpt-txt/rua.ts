import type { Span, TextEdit } from '../diagnostic.ts';

/** One comma-separated entry of a `rua` value. */
export interface RuaUri {
  /** The entry without the whitespace around it; may be empty (`,,`, a trailing `,`). */
  readonly text: string;
  readonly span: Span;
  /** The URI scheme in lower case without `:` (`mailto`, `https`), or null when there is none. */
  readonly scheme: string | null;
  /** The `,` before this entry with the whitespace around it; null for the first entry. */
  readonly comma: Span | null;
}

/** What an entry is, read in context: the basis of every `rua-*` rule, so each problem has one owner. */
export type RuaEntryKind =
  /** Nothing between two commas, or before or after one. */
  | 'empty'
  /** Has a scheme: a URI to judge. */
  | 'uri'
  /** No scheme but shaped `local@domain`: a `mailto:` was forgotten. */
  | 'address'
  /** No scheme, not an address, right after a URI: the rest of that URI, cut at an unencoded `,`. */
  | 'continuation'
  /** No scheme, not an address, nothing before it to continue. */
  | 'other';

export interface RuaEntry extends RuaUri {
  readonly kind: RuaEntryKind;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const isSpace = (c: number) => c === 0x20 || c === 0x09;

/**
 * Split a `rua` value into its URIs: `tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)` (RFC 8460 §3). Spans are offsets
 * into the record text when `base` is the value's offset there. Total and linear.
 */
export function parseRua(value: string, base = 0): readonly RuaUri[] {
  const out: RuaUri[] = [];
  let pieceStart = 0;
  let comma: Span | null = null;
  for (let i = 0; i <= value.length; i++) {
    if (i < value.length && value.charCodeAt(i) !== 0x2c) continue;
    let s = pieceStart;
    let e = i;
    while (s < e && isSpace(value.charCodeAt(s))) s++;
    while (e > s && isSpace(value.charCodeAt(e - 1))) e--;
    const text = value.slice(s, e);
    const m = SCHEME.exec(text.slice(0, 64));
    out.push({
      text,
      span: { start: base + s, end: base + e },
      scheme: m ? m[1]!.toLowerCase() : null,
      comma: comma && { start: comma.start, end: base + s },
    });
    // The comma span runs from the end of this entry to the start of the next.
    comma = { start: base + e, end: base + i + 1 };
    pieceStart = i + 1;
  }
  return out;
}

/** Classify each entry of a `rua` value (see `RuaEntryKind`). */
export function classifyRua(uris: readonly RuaUri[]): readonly RuaEntry[] {
  const out: RuaEntry[] = [];
  for (const u of uris) {
    let kind: RuaEntryKind;
    if (u.text === '') kind = 'empty';
    else if (u.scheme !== null) kind = 'uri';
    else if (isAddress(u.text)) kind = 'address';
    else {
      const prev = out[out.length - 1];
      kind = prev && (prev.kind === 'uri' || prev.kind === 'continuation') ? 'continuation' : 'other';
    }
    out.push({ text: u.text, span: u.span, scheme: u.scheme, comma: u.comma, kind });
  }
  return out;
}

/** Whether `text` is shaped like a bare e-mail address: one `@`, no scheme, no spaces or slashes. */
export function isAddress(text: string): boolean {
  return /^[^\s@:/]+@[^\s@:/]+$/.test(text);
}

/** The schemes RFC 8460 §3 allows for report destinations. */
export const RUA_SCHEMES: readonly string[] = ['mailto', 'https'];

const HEX = '[0-9A-Fa-f]';
// RFC 6068 addr-spec as a mailto URI carries it: dot-atom-ish local part (with %-escapes), DNS domain.
// `!` is allowed here because rua-unencoded owns it.
const LOCAL = `(?:[A-Za-z0-9!#$&'*+/=^_\`{|}~.-]|%${HEX}{2})+`;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DOMAIN = `${LABEL}(?:\\.${LABEL})+\\.?`;
const HFIELDS = `(?:\\?(?:[A-Za-z0-9\\-._~!$'()*+=:@/?&]|%${HEX}{2})*)?`;
const MAILTO = new RegExp(`^mailto:${LOCAL}@${DOMAIN}${HFIELDS}$`, 'i');
const IPV4 = '(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const IPV6 = '\\[[0-9A-Fa-f:.]+\\]';
// Path characters exclude `?` and `#` so path, query and fragment split one way only (no backtracking blow-up).
const PATH = `(?:[A-Za-z0-9\\-._~!$&'()*+=:@/]|%${HEX}{2})*`;
const QUERY = `(?:[A-Za-z0-9\\-._~!$&'()*+=:@/?]|%${HEX}{2})*`;
const HTTPS = new RegExp(`^https://(?:${DOMAIN}|${IPV4}|${IPV6})(?::[0-9]{1,5})?(?:/${PATH})?(?:\\?${QUERY})?(?:#${QUERY})?$`, 'i');

/**
 * Why a `mailto:` or `https:` URI is malformed, or null when it is well-formed. An unencoded `!` is not
 * judged here (it has a rule of its own).
 */
export function ruaUriProblem(entry: RuaUri): string | null {
  // Bound the work on absurd input; no real report address is this long.
  if (entry.text.length > 2048) return 'it is longer than 2048 characters';
  if (entry.scheme === 'mailto') {
    const addr = entry.text.slice('mailto:'.length).split('?')[0] ?? '';
    // `//` is legal in a local part, but after `mailto:` it is always a URL habit, not part of the address.
    if (addr.startsWith('//')) return '`mailto:` is followed directly by the address, without `//`';
    if (MAILTO.test(entry.text)) return null;
    if (addr === '') return 'it has no address after `mailto:`';
    const at = addr.split('@').length - 1;
    if (at === 0) return 'the address has no `@domain`';
    if (at > 1) return 'the address has more than one `@`';
    if (/[\s<>"]/.test(addr)) return 'the address contains a space, `<`, `>` or `"` (a display name is not allowed)';
    return 'it is not a valid `mailto:local@domain` address';
  }
  if (entry.scheme === 'https') {
    if (HTTPS.test(entry.text)) {
      const port = /^https:\/\/[^/?#]*:([0-9]+)/i.exec(entry.text);
      return port && Number(port[1]) > 65535 ? `port ${port[1]} is out of range` : null;
    }
    if (!/^https:\/\//i.test(entry.text)) return 'an `https:` URI continues with `//host`';
    const host = /^https:\/\/([^/?#:]*)/i.exec(entry.text)?.[1] ?? '';
    if (host === '') return 'it has no host';
    if (/\s/.test(entry.text)) return 'it contains whitespace, which must be percent-encoded';
    return 'it is not a valid `https://host/path` URL';
  }
  return null;
}

/** Whether a `rua` entry is a URI senders can deliver reports to: `mailto:` or `https:`, well-formed, encoded. */
export function isValidRua(entry: RuaEntry): boolean {
  return (
    entry.kind === 'uri' &&
    entry.scheme !== null &&
    RUA_SCHEMES.includes(entry.scheme) &&
    !entry.text.includes('!') &&
    ruaUriProblem(entry) === null
  );
}

/** An edit removing entry `i` with one comma next to it (the one before it, else the one after it). */
export function removeRuaEntryEdit(entries: readonly RuaUri[], i: number): TextEdit {
  const entry = entries[i]!;
  if (entry.comma) return { range: { start: entry.comma.start, end: entry.span.end }, newText: '' };
  const next = entries[i + 1];
  return { range: { start: entry.span.start, end: next ? next.span.start : entry.span.end }, newText: '' };
}
