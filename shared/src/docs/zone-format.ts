// Zone formatting: the records that sit on one line are laid out in aligned columns (owner, TTL and class as written,
// type, RDATA), with single spaces inside the RDATA and the trailing comment kept. Everything else stays byte for byte:
// directives, comments, blank lines, records spanning lines with parentheses, and anything the parser found broken.
import { ENTRY_RECORD, TOK_COMMENT, TOK_LPAREN, TOK_RPAREN, TOK_UNTERMINATED, type Zone } from '../zone/model.ts';

const MAX_OWNER_COLUMN = 32;

interface Row {
  /** Replaced span: from the line's start to the end of its last token. */
  readonly start: number;
  readonly end: number;
  readonly owner: string;
  readonly pre: string;
  readonly type: string;
  readonly rest: string;
}

/** The zone text with its one-line records aligned in columns; the text itself when nothing changes. */
export function formatZone(zone: Zone): string {
  const text = zone.text;
  const tk = zone.tokens;
  const en = zone.entries;
  const rec = zone.records;
  const rows: Row[] = [];
  let r = 0;
  for (let e = 0; e < en.count; e++) {
    if (en.kind[e] !== ENTRY_RECORD || en.end[e]! > text.length) continue;
    const first = en.firstToken[e]!;
    const last = (e + 1 < en.count ? en.firstToken[e + 1]! : tk.count) - 1;
    if (last < first) continue;
    while (r < rec.count && (rec.source[r] !== 0 || rec.firstTok[r]! < first)) r++;
    if (r >= rec.count || rec.firstTok[r]! > last) continue;
    const end = tk.end[last]!;
    if (text.slice(en.start[e]!, end).search(/[\r\n]/) >= 0) continue;
    let plain = true;
    for (let t = first; t <= last && plain; t++) {
      const k = tk.kind[t]!;
      if ((k & 7) === TOK_LPAREN || (k & 7) === TOK_RPAREN || k & TOK_UNTERMINATED) plain = false;
    }
    const typeTok = rec.typeTok[r]!;
    if (!plain || typeTok < first || typeTok > last) continue;
    const raw = (t: number) => text.slice(tk.start[t]!, tk.end[t]!);
    const hasOwner = rec.hasOwner[r] === 1;
    const pre: string[] = [];
    for (let t = hasOwner ? first + 1 : first; t < typeTok; t++) pre.push(raw(t));
    const rest: string[] = [];
    for (let t = typeTok + 1; t <= last; t++) rest.push((tk.kind[t]! & 7) === TOK_COMMENT ? raw(t).replace(/[ \t]+$/, '') : raw(t));
    rows.push({ start: en.start[e]!, end, owner: hasOwner ? raw(first) : '', pre: pre.join(' '), type: raw(typeTok), rest: rest.join(' ') });
  }
  if (rows.length === 0) return text;
  // A loop, not Math.max(...rows): a million-record zone must not hit the argument limit.
  const width = (f: (row: Row) => string, cap = Infinity) => {
    let w = 0;
    for (const row of rows) w = Math.max(w, f(row).length);
    return Math.min(cap, w);
  };
  const ownerW = Math.max(1, width((row) => row.owner, MAX_OWNER_COLUMN));
  const preW = width((row) => row.pre);
  const typeW = width((row) => row.type);
  let out = '';
  let at = 0;
  for (const row of rows) {
    const cols = [...(preW > 0 ? [row.pre.padEnd(preW)] : []), row.rest === '' ? row.type : row.type.padEnd(typeW)];
    // An inherited owner starts the line with blanks; an owner longer than the column still gets one space after it.
    let line = `${row.owner.padEnd(ownerW)} ${cols.join(' ')}`;
    if (row.rest !== '') line += ` ${row.rest}`;
    out += text.slice(at, row.start) + line.replace(/[ \t]+$/, '');
    at = row.end;
  }
  return out + text.slice(at);
}
