import type { TextEdit } from '../../diagnostic.ts';
import type { Rule } from '../../rule.ts';
import { recordsWhere } from '../carried.ts';
import { charStringOctets } from '../char-string.ts';
import type { ZoneContext } from '../context.ts';
import { TOK_QUOTED, TOK_UNTERMINATED, type Zone } from '../model.ts';
import { nextSignificant } from '../parse.ts';
import { sourceAt } from '../source-text.ts';

const LIMIT = 255;

/** A string of record `i` that is too long: its token, octets and characters in its source's text. */
type TooLong = (t: number, octets: number, text: string, start: number, end: number) => void;

/** Calls `found` for each TXT/SPF string of record `i` above 255 octets (and stops at the first when `found` is null); whether there was one. */
function tooLongStrings(zone: Zone, i: number, found: TooLong | null): boolean {
  const type = zone.records.type[i];
  if (type !== 16 && type !== 99) return false;
  const tk = zone.tokens;
  const rdataEnd = zone.records.rdataEnd[i]!;
  let any = false;
  for (let t = nextSignificant(tk.kind, zone.records.rdata[i]!, rdataEnd); t < rdataEnd; t = nextSignificant(tk.kind, t + 1, rdataEnd)) {
    // Quick reject: 85 characters are at most 255 octets (3 a character); up to 255 ASCII ones are too.
    const length = tk.end[t]! - tk.start[t]!;
    if (length <= 85 + 2) continue;
    const src = sourceAt(zone, tk.start[t]!);
    if (length <= LIMIT + 2 && isAscii(src.text, tk.start[t]! - src.base, tk.end[t]! - src.base)) continue;
    const quoted = (tk.kind[t]! & 7) === TOK_QUOTED;
    const s = tk.start[t]! - src.base + (quoted ? 1 : 0);
    const e = tk.end[t]! - src.base - (quoted && !(tk.kind[t]! & TOK_UNTERMINATED) ? 1 : 0);
    const octets = charStringOctets(src.text, s, e);
    if (octets <= LIMIT) continue;
    if (!found) return true;
    any = true;
    found(t, octets, src.text, s, e);
  }
  return any;
}

/** The records with a string too long: a list carried across edits (the answer is the record's own). */
const withTooLong = new WeakMap<Zone, readonly number[]>();

export const txtStringTooLong: Rule<ZoneContext> = {
  code: 'zone/txt-string-too-long',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 1035 §3.3',
  summary: 'A character-string holds at most 255 octets; a longer TXT value must be split into several strings.',
  fixable: true,
  check(ctx, report) {
    const { zone } = ctx;
    const tk = zone.tokens;
    for (const i of recordsWhere(zone, withTooLong, (i) => tooLongStrings(zone, i, null))) {
      tooLongStrings(zone, i, (t, octets, text, s, e) => {
        const edits: TextEdit[] = [];
        if (zone.records.source[i] === 0) {
          const pieces = split(text, s, e);
          edits.push({ range: { start: tk.start[t]!, end: tk.end[t]! }, newText: pieces.map((p) => `"${p}"`).join(' ') });
        }
        report({
          range: { start: tk.start[t]!, end: tk.end[t]! },
          message: `this TXT string is ${octets} octets, above the 255 a character-string can hold; split it into several quoted strings (they are joined without separator)`,
          fixes: edits.length ? [{ title: 'Split into strings of at most 255 octets', edits, isPreferred: true }] : [],
        });
      });
    }
  },
};

function isAscii(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** `text[start, end)` cut between characters as written (never inside an escape), each piece at most 255 octets. */
function split(text: string, start: number, end: number): string[] {
  const pieces: string[] = [];
  let pieceStart = start;
  let octets = 0;
  for (let i = start; i < end; ) {
    const c = text.charCodeAt(i);
    let width = 1;
    let size: number;
    if (c === 92 && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      width = d >= 48 && d <= 57 ? Math.min(4, end - i) : 2;
      size = 1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      width = 2;
      size = 4;
    } else {
      size = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    if (octets + size > LIMIT) {
      pieces.push(text.slice(pieceStart, i));
      pieceStart = i;
      octets = 0;
    }
    octets += size;
    i += width;
  }
  pieces.push(text.slice(pieceStart, end));
  return pieces;
}
