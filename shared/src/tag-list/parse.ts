import type { Span } from '../diagnostic.ts';

/**
 * One `name=value` field as written. `eq` is null for a field without `=`; such a field may still carry a
 * `value`: the word that followed its name after whitespace (`id 123`), so a fix can insert the `=`.
 */
export interface TagField {
  readonly type: 'field';
  /** Position in `TagList.items`. */
  readonly index: number;
  /** From the first character of the name to the last of the value (or of the name). */
  readonly span: Span;
  /** May be empty (`=value`). */
  readonly name: Span;
  readonly nameText: string;
  readonly eq: Span | null;
  /** Never includes the whitespace around `=` or after the value; empty (at `eq.end`) for `name=`. */
  readonly value: Span | null;
  readonly valueText: string;
}

/** What separates two fields: `;` as the grammar wants, `,` by mistake, or whitespace only (mark null). */
export interface TagSeparator {
  readonly type: 'separator';
  /** Position in `TagList.items`. */
  readonly index: number;
  /** The whole run: whitespace, the mark, whitespace. */
  readonly span: Span;
  readonly mark: ';' | ',' | null;
  readonly markSpan: Span | null;
}

export type TagItem = TagField | TagSeparator;

/**
 * How much of a value is tokenized. A TXT record holds at most 65535 bytes of data (RFC 1035 §3.2.1), so
 * anything longer cannot be a record; tokenizing megabytes of it would only cost time and memory.
 */
export const MAX_TAG_LIST_LENGTH = 65536;

/**
 * A tokenized tag list; the spans of `bom`, `leading`, `items`, `trailing`, `overflow` and `lineEnd` tile the
 * text.
 */
export interface TagList {
  readonly text: string;
  /** A leading U+FEFF, skipped (the file rules report it). */
  readonly bom: Span | null;
  /** Whitespace before the first item. */
  readonly leading: Span;
  readonly items: readonly TagItem[];
  readonly fields: readonly TagField[];
  /** Whitespace after the last item that belongs to no separator. */
  readonly trailing: Span;
  /** Text past `MAX_TAG_LIST_LENGTH`, left untokenized; null for any text a TXT record can hold. */
  readonly overflow: Span | null;
  /** One final LF, CRLF or CR of a file: not part of the record value. */
  readonly lineEnd: Span | null;
  /** Offset where the record value ends (start of `lineEnd`, else the text length). */
  readonly end: number;
}

/** Options for `parseTagList`. */
export interface TagListOptions {
  /**
   * Field names (compared case-insensitively) that, after a `,`, start a new field rather than continuing a
   * value: `v=STSv1, id=1` is two fields, while `rua=mailto:a@example.com,mailto:b@example.com` is one.
   */
  readonly commaFieldNames?: readonly string[];
}

const SP = 0x20;
const HTAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SEMI = 0x3b;
const COMMA = 0x2c;
const EQ = 0x3d;

// Characters of a field name as the grammar has them; used only to recognise a field after a space or comma.
function isFieldNameChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d || c === 0x2e;
}

/** Whitespace for tokenizing: the grammar's WSP plus line breaks, which rules then report. */
export function isTagSpace(c: number): boolean {
  return c === SP || c === HTAB || c === LF || c === CR;
}

/**
 * Tokenize a `name=value; name=value` list (the TXT value of `_mta-sts` or `_smtp._tls`). Total, linear and
 * lossless: never throws, keeps every field, separator and stray character with its span.
 */
export function parseTagList(text: string, options: TagListOptions = {}): TagList {
  const commaNames = new Set((options.commaFieldNames ?? []).map((n) => n.toLowerCase()));
  const n = text.length;
  let end = n;
  let lineEnd: Span | null = null;
  if (end > 0 && text.charCodeAt(end - 1) === LF) {
    end--;
    if (end > 0 && text.charCodeAt(end - 1) === CR) end--;
    lineEnd = { start: end, end: n };
  } else if (end > 0 && text.charCodeAt(end - 1) === CR) {
    end--;
    lineEnd = { start: end, end: n };
  }
  let overflow: Span | null = null;
  if (end > MAX_TAG_LIST_LENGTH) {
    overflow = { start: MAX_TAG_LIST_LENGTH, end };
    end = MAX_TAG_LIST_LENGTH;
  }
  let p = 0;
  let bom: Span | null = null;
  if (end > 0 && text.charCodeAt(0) === 0xfeff) {
    bom = { start: 0, end: 1 };
    p = 1;
  }

  const skipSpace = (from: number): number => {
    let i = from;
    while (i < end && isTagSpace(text.charCodeAt(i))) i++;
    return i;
  };
  const isNameChar = (c: number): boolean => c !== EQ && c !== SEMI && c !== COMMA && !isTagSpace(c);
  const nameEnd = (from: number): number => {
    let i = from;
    while (i < end && isNameChar(text.charCodeAt(i))) i++;
    return i;
  };
  // Does a field (`name=`, `name =`) start at `from`? The name must look like one (letters, digits, `_`, `-`,
  // `.`), so `https://r.example/?a=1` after a space is not taken for a field. With `known`, only a name from
  // commaFieldNames counts.
  const startsField = (from: number, known: boolean): boolean => {
    let ne = from;
    while (ne < end && ne - from <= 64 && isFieldNameChar(text.charCodeAt(ne))) ne++;
    if (ne === from) return false;
    if (known && !commaNames.has(text.slice(from, ne).toLowerCase())) return false;
    const after = skipSpace(ne);
    return after < end && text.charCodeAt(after) === EQ;
  };
  // End of a value starting at `from`: before `;`, before whitespace or `,` that precede another field,
  // and never including trailing whitespace.
  const valueEnd = (from: number): number => {
    let i = from;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === SEMI) return i;
      if (c === COMMA) {
        if (startsField(skipSpace(i + 1), true)) return i;
        i++;
        continue;
      }
      if (isTagSpace(c)) {
        const j = skipSpace(i);
        if (j >= end || text.charCodeAt(j) === SEMI) return i;
        if (text.charCodeAt(j) === COMMA && startsField(skipSpace(j + 1), true)) return i;
        if (startsField(j, false)) {
          // `v=STSv1, foo=bar`: the comma belongs to the separator, not to the value.
          return i > from && text.charCodeAt(i - 1) === COMMA ? i - 1 : i;
        }
        i = j;
        continue;
      }
      i++;
    }
    return i;
  };

  const leadingEnd = skipSpace(p);
  const leading: Span = { start: p, end: leadingEnd };
  p = leadingEnd;
  const items: TagItem[] = [];
  const fields: TagField[] = [];
  let trailing: Span = { start: end, end };

  while (p < end) {
    const c = text.charCodeAt(p);
    if (c === SEMI || c === COMMA) {
      const after = skipSpace(p + 1);
      items.push({
        type: 'separator',
        index: items.length,
        span: { start: p, end: after },
        mark: c === SEMI ? ';' : ',',
        markSpan: { start: p, end: p + 1 },
      });
      p = after;
      continue;
    }
    // A field.
    const nameStart = p;
    const ne = nameEnd(p);
    const name: Span = { start: nameStart, end: ne };
    let eq: Span | null = null;
    let value: Span | null = null;
    let fieldEnd = ne;
    const afterName = skipSpace(ne);
    if (afterName < end && text.charCodeAt(afterName) === EQ) {
      eq = { start: afterName, end: afterName + 1 };
      const vs = skipSpace(afterName + 1);
      // `name=` followed by whitespace and `;` or the end: an empty value right after `=`.
      const ve = vs < end && text.charCodeAt(vs) !== SEMI ? valueEnd(vs) : vs;
      value = ve > vs ? { start: vs, end: ve } : { start: eq.end, end: eq.end };
      fieldEnd = Math.max(eq.end, value.end);
    } else if (afterName > ne && afterName < end) {
      const c2 = text.charCodeAt(afterName);
      // `id 123`: a word after the name that does not itself start a field is this field's value.
      if (c2 !== SEMI && c2 !== COMMA && !startsField(afterName, false)) {
        const ve = valueEnd(afterName);
        if (ve > afterName) {
          value = { start: afterName, end: ve };
          fieldEnd = ve;
        }
      }
    }
    const field: TagField = {
      type: 'field',
      index: items.length,
      span: { start: nameStart, end: fieldEnd },
      name,
      nameText: text.slice(name.start, name.end),
      eq,
      value,
      valueText: value ? text.slice(value.start, value.end) : '',
    };
    items.push(field);
    fields.push(field);
    p = fieldEnd;
    // Whatever follows a field: a separator, whitespace before another field, or trailing whitespace.
    const ws = skipSpace(p);
    if (ws >= end) {
      trailing = { start: p, end };
      p = end;
      break;
    }
    const m = text.charCodeAt(ws);
    if (m === SEMI || m === COMMA) {
      const after = skipSpace(ws + 1);
      items.push({
        type: 'separator',
        index: items.length,
        span: { start: p, end: after },
        mark: m === SEMI ? ';' : ',',
        markSpan: { start: ws, end: ws + 1 },
      });
      p = after;
    } else if (ws > p) {
      items.push({ type: 'separator', index: items.length, span: { start: p, end: ws }, mark: null, markSpan: null });
      p = ws;
    } else {
      // A character no field can start with here (only `=` after a complete field): a field with no name.
      p = ws;
    }
  }
  return { text, bom, leading, items, fields, trailing, overflow, lineEnd, end: overflow ? overflow.end : end };
}
