import type { Diagnostic, Fix, Span, TextEdit } from '../diagnostic.ts';
import { decodeCharString } from './char-string.ts';
import { TOK_QUOTED, TOK_UNTERMINATED, type Zone, type ZoneRecord } from './model.ts';
import { nextSignificant } from './parse.ts';
import { sourceAt } from './source-text.ts';

// A TXT record's strings joined into the value a sender reads, with the way back from each character of the value
// to the file: through escapes (`\"`, `\059`) and across the split into several strings.

/** One string of a TXT record inside its value. */
interface Piece {
  /** Value offsets of the string, [start, end). */
  readonly start: number;
  readonly end: number;
  /** File offset where the string's content ends (before a closing quote). */
  readonly contentEnd: number;
  readonly quoted: boolean;
}

/** A TXT value and its map back to the zone file. */
export interface EmbeddedValue {
  readonly record: ZoneRecord;
  readonly value: string;
  readonly pieces: readonly Piece[];
  /** File span (virtual offsets) of each UTF-16 unit of `value`. */
  readonly from: Int32Array;
  readonly to: Int32Array;
}

/** The concatenated value of a TXT record (RFC 7208 §3.3 / RFC 8461 §3.1: strings joined without separator). */
export function embeddedValue(zone: Zone, rec: ZoneRecord): EmbeddedValue {
  const tk = zone.tokens;
  let value = '';
  const pieces: Piece[] = [];
  const froms: Int32Array[] = [];
  const tos: Int32Array[] = [];
  for (let t = nextSignificant(tk.kind, rec.rdata, rec.rdataEnd); t < rec.rdataEnd; t = nextSignificant(tk.kind, t + 1, rec.rdataEnd)) {
    const src = sourceAt(zone, tk.start[t]!);
    const quoted = (tk.kind[t]! & 7) === TOK_QUOTED;
    const s = tk.start[t]! - src.base + (quoted ? 1 : 0);
    const e = tk.end[t]! - src.base - (quoted && !(tk.kind[t]! & TOK_UNTERMINATED) ? 1 : 0);
    const d = decodeCharString(src.text, s, e);
    const from = new Int32Array(d.from.length);
    const to = new Int32Array(d.to.length);
    for (let k = 0; k < from.length; k++) {
      from[k] = d.from[k]! + src.base;
      to[k] = d.to[k]! + src.base;
    }
    pieces.push({ start: value.length, end: value.length + d.value.length, contentEnd: e + src.base, quoted });
    froms.push(from);
    tos.push(to);
    value += d.value;
  }
  const from = new Int32Array(value.length);
  const to = new Int32Array(value.length);
  let at = 0;
  for (let k = 0; k < froms.length; k++) {
    from.set(froms[k]!, at);
    to.set(tos[k]!, at);
    at += froms[k]!.length;
  }
  return { record: rec, value, pieces, from, to };
}

/** The piece an offset of the value falls in; an offset at a string's end belongs to that string. */
function pieceAt(v: EmbeddedValue, offset: number): number {
  for (let k = 0; k < v.pieces.length; k++) {
    const p = v.pieces[k]!;
    if (offset >= p.start && offset <= p.end) return k;
  }
  return -1;
}

function fileOffset(v: EmbeddedValue, piece: number, offset: number): number {
  const p = v.pieces[piece]!;
  return offset < p.end ? v.from[offset]! : p.contentEnd;
}

/** A value range in the file: from the first character's start to the last one's end. */
export function mapRange(v: EmbeddedValue, range: Span): Span {
  const rec = v.record;
  if (v.value.length === 0) return { start: rec.start, end: rec.end };
  const s = Math.max(0, Math.min(range.start, v.value.length));
  const e = Math.max(s, Math.min(range.end, v.value.length));
  if (e > s) return { start: v.from[s]!, end: v.to[e - 1]! };
  const k = pieceAt(v, s);
  const at = k < 0 ? v.pieces[v.pieces.length - 1]!.contentEnd : fileOffset(v, k, s);
  return { start: at, end: at };
}

/** Presentation form of inserted text: escaped for a quoted string, or for a bare word. */
function escapeFor(text: string, quoted: boolean): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 32 || c === 127) out += '\\' + String(c).padStart(3, '0');
    else if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (!quoted && (ch === ' ' || ch === '\t' || ch === ';' || ch === '(' || ch === ')')) out += '\\' + ch;
    else out += ch;
  }
  return out;
}

/** An edit of the value as an edit of the file, or null when it spans strings or lies outside the file itself. */
export function mapEdit(v: EmbeddedValue, edit: TextEdit, textLength: number): TextEdit | null {
  const s = edit.range.start;
  const e = edit.range.end;
  if (s < 0 || e < s || e > v.value.length || v.pieces.length === 0) return null;
  // The piece holding the whole range: an insertion at a boundary goes at the end of the earlier string.
  let k = -1;
  for (let i = 0; i < v.pieces.length; i++) {
    const p = v.pieces[i]!;
    if (s >= p.start && e <= p.end && (s < p.end || s === e)) {
      k = i;
      break;
    }
  }
  if (k < 0) return null;
  const piece = v.pieces[k]!;
  const start = fileOffset(v, k, s);
  const end = e > s ? v.to[e - 1]! : start;
  if (end > textLength) return null;
  return { range: { start, end }, newText: escapeFor(edit.newText, piece.quoted) };
}

/** Map diagnostics of a standalone TXT value onto the zone file: ranges always, fixes only when every edit maps. */
export function mapDiagnostics(v: EmbeddedValue, diagnostics: readonly Diagnostic[], textLength: number): Diagnostic[] {
  return diagnostics.map((d) => {
    const fixes: Fix[] = [];
    for (const fix of d.fixes) {
      const edits: TextEdit[] = [];
      for (const edit of fix.edits) {
        const m = mapEdit(v, edit, textLength);
        if (m === null) break;
        edits.push(m);
      }
      if (edits.length === fix.edits.length) fixes.push({ ...fix, edits });
    }
    return { ...d, range: mapRange(v, d.range), fixes };
  });
}
