import type { TextEdit } from '../../diagnostic.ts';
import type { Rule } from '../../rule.ts';
import { decodeCharString } from '../char-string.ts';
import type { ZoneContext } from '../context.ts';
import { TOK_QUOTED, TOK_UNTERMINATED } from '../model.ts';
import { nextSignificant } from '../parse.ts';
import { sourceAt, zoneSlice } from '../source-text.ts';

const LIMIT = 255;

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
    const types = zone.records.type;
    for (let i = 0; i < zone.records.count; i++) {
      if (types[i] !== 16 && types[i] !== 99) continue;
      const rec = { source: zone.records.source[i]!, rdata: zone.records.rdata[i]!, rdataEnd: zone.records.rdataEnd[i]! };
      for (let t = nextSignificant(tk.kind, rec.rdata, rec.rdataEnd); t < rec.rdataEnd; t = nextSignificant(tk.kind, t + 1, rec.rdataEnd)) {
        // Quick reject: 255 characters or fewer cannot exceed 255 octets unless beyond ASCII.
        if (tk.end[t]! - tk.start[t]! <= LIMIT + 2 && !/[^\x00-\x7f]/.test(zoneSlice(zone, tk.start[t]!, tk.end[t]!))) continue;
        const src = sourceAt(zone, tk.start[t]!);
        const quoted = (tk.kind[t]! & 7) === TOK_QUOTED;
        const s = tk.start[t]! - src.base + (quoted ? 1 : 0);
        const e = tk.end[t]! - src.base - (quoted && !(tk.kind[t]! & TOK_UNTERMINATED) ? 1 : 0);
        const d = decodeCharString(src.text, s, e);
        if (d.octets <= LIMIT) continue;
        const edits: TextEdit[] = [];
        if (rec.source === 0) {
          // Cut between characters as written (never inside an escape), each piece at most 255 octets.
          const pieces: string[] = [];
          let pieceStart = s;
          let octets = 0;
          for (let k = 0; k < d.value.length; k++) {
            const c = src.text.charCodeAt(d.from[k]!);
            const w = c === 92 ? 1 : c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
            if (octets + w > LIMIT) {
              pieces.push(src.text.slice(pieceStart, d.from[k]!));
              pieceStart = d.from[k]!;
              octets = 0;
            }
            octets += w;
          }
          pieces.push(src.text.slice(pieceStart, e));
          edits.push({ range: { start: tk.start[t]!, end: tk.end[t]! }, newText: pieces.map((p) => `"${p}"`).join(' ') });
        }
        report({
          range: { start: tk.start[t]!, end: tk.end[t]! },
          message: `this TXT string is ${d.octets} octets, above the 255 a character-string can hold; split it into several quoted strings (they are joined without separator)`,
          fixes: edits.length ? [{ title: 'Split into strings of at most 255 octets', edits, isPreferred: true }] : [],
        });
      }
    }
  },
};
