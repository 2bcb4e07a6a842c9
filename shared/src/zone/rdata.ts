import { derivedArray, previousParse } from './buffers.ts';
import { typeIndexes } from './carried.ts';
import type { Span } from '../diagnostic.ts';
import { formatIpv6, isIpv4, parseIpv6 } from './address.ts';
import { decodeCharString, quoteCharString } from './char-string.ts';
import { TOK_QUOTED, type Zone, type ZoneRecord } from './model.ts';
import { absoluteName } from './name.ts';
import { nextSignificant } from './parse.ts';
import { RR, typeName } from './rr-types.ts';
import { nameId, nameOf, recordAt } from './names.ts';
import { sourceAt, tokenText } from './source-text.ts';
import { parseTtl } from './ttl.ts';
import { checkFields, checkWire, decimal, type RdataItem } from './rdata-fields.ts';
import { RDATA_TYPES, type RdataSchema } from './rdata-types.ts';

/** Codes of the zone rules that report RDATA problems. */
export type RdataProblemCode = 'bad-ipv4' | 'bad-ipv6' | 'mx-preference' | 'bad-rdata' | 'bad-name';

/** The first thing wrong with a record's RDATA. */
export interface RdataProblem {
  readonly code: RdataProblemCode;
  readonly record: ZoneRecord;
  readonly range: Span;
  readonly message: string;
}

/** Significant RDATA tokens of a record (at most `max`). */
export function rdataTokens(zone: Zone, rec: ZoneRecord, max = 1 << 20): number[] {
  const out: number[] = [];
  const kind = zone.tokens.kind;
  for (let t = nextSignificant(kind, rec.rdata, rec.rdataEnd); t < rec.rdataEnd && out.length < max; t = nextSignificant(kind, t + 1, rec.rdataEnd)) out.push(t);
  return out;
}

/** A record's target name (MX exchange, NS host, CNAME/PTR/DNAME target, SRV/SVCB target), absolute; null if none. */
export function targetName(zone: Zone, rec: ZoneRecord): { name: string; tok: number } | null {
  const at = rec.type === RR.MX ? 1 : rec.type === RR.SRV ? 3 : rec.type === RR.SVCB || rec.type === RR.HTTPS ? 1
    : rec.type === RR.NS || rec.type === RR.CNAME || rec.type === RR.PTR || rec.type === RR.DNAME ? 0 : -1;
  if (at < 0) return null;
  const toks = rdataTokens(zone, rec, at + 1);
  const t = toks[at];
  if (t === undefined || isGeneric(zone, toks[0]!)) return null;
  return { name: absoluteName(tokenText(zone, t), rec.origin), tok: t };
}

function isGeneric(zone: Zone, t: number): boolean {
  return (zone.tokens.kind[t]! & 7) !== TOK_QUOTED && tokenText(zone, t) === '\\#';
}

/** The first problem in a record's RDATA, checked field by field against its type's schema (rdata-types.ts), or null. */
export function checkRdata(zone: Zone, rec: ZoneRecord): RdataProblem | null {
  const type = rec.type;
  const schema = RDATA_TYPES.get(type);
  if (schema?.use === 'meta') return null;
  const toks = rdataTokens(zone, rec);
  const first = toks[0];
  if (first === undefined) return null;
  if (schema === undefined) return isGeneric(zone, first) ? checkGeneric(zone, toks, typeName(type), { rfc: 'RFC 3597', fields: [], use: 'generic' }, (code, range, message) => ({ code, record: rec, range, message })) : null;
  const tk = zone.tokens;
  const span = (t: number): Span => ({ start: tk.start[t]!, end: tk.end[t]! });
  const name = typeName(type);
  const bad = (code: RdataProblemCode, range: Span, message: string): RdataProblem => ({ code, record: rec, range, message });
  const word = (k: number) => tokenText(zone, toks[k]!);
  if (isGeneric(zone, first)) return checkGeneric(zone, toks, name, schema, bad);
  if (schema.use === 'generic') return bad('bad-rdata', { start: tk.start[first]!, end: tk.end[toks[toks.length - 1]!]! }, `${name} data has no text form; write it as RFC 3597 data, \`\\# length hex\``);
  // The address and MX preference problems have rules (and fixes) of their own.
  if (type === RR.A && toks.length === 1 && !isIpv4(word(0))) return bad('bad-ipv4', span(first), `\`${word(0)}\` is not an IPv4 address (four numbers 0-255 separated by dots)${parseIpv6(word(0)) ? '; an IPv6 address needs an AAAA record' : ''}`);
  if (type === RR.AAAA && toks.length === 1 && !parseIpv6(word(0))) return bad('bad-ipv6', span(first), `\`${word(0)}\` is not an IPv6 address${isIpv4(word(0)) ? '; an IPv4 address needs an A record' : ' (eight hex groups separated by `:`, `::` once for zeros)'}`);
  if (type === RR.MX && /^-?\d+$/.test(word(0)) && decimal(word(0), 65535) < 0) return bad('mx-preference', span(first), `MX preference \`${word(0)}\` is out of range; use a number from 0 to 65535 (lower is preferred)`);
  const items = rdataItems(zone, toks, type === RR.SVCB || type === RR.HTTPS);
  const p = checkFields(name, schema, items);
  if (p === null) return null;
  const range = { start: tk.start[items[p.at]?.tok ?? first]!, end: tk.end[items[p.to]?.lastTok ?? toks[toks.length - 1]!]! };
  return bad(p.name ? 'bad-name' : 'bad-rdata', range, p.message);
}

/** RDATA tokens as items: their text without quotes; for SVCB/HTTPS a `key=` glued to the quoted value after it is one item. */
function rdataItems(zone: Zone, toks: readonly number[], svc: boolean): RdataItem[] {
  const tk = zone.tokens;
  const out: RdataItem[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    const quoted = (tk.kind[t]! & 7) === TOK_QUOTED;
    const text = tokenText(zone, t);
    const next = toks[k + 1];
    if (svc && !quoted && text.endsWith('=') && next !== undefined && (tk.kind[next]! & 7) === TOK_QUOTED && tk.start[next] === tk.end[t]) {
      out.push({ text: text + tokenText(zone, next), quoted: false, tok: t, lastTok: next });
      k++;
      continue;
    }
    out.push({ text, quoted, tok: t, lastTok: t });
  }
  return out;
}

/** RFC 3597 data: the length matches the hex, and the octets fit the type's wire format. */
function checkGeneric(zone: Zone, toks: readonly number[], type: string, schema: RdataSchema, bad: (c: RdataProblemCode, r: Span, m: string) => RdataProblem): RdataProblem | null {
  const tk = zone.tokens;
  const all: Span = { start: tk.start[toks[0]!]!, end: tk.end[toks[toks.length - 1]!]! };
  const len = toks[1] === undefined ? -1 : decimal(tokenText(zone, toks[1]), 65535);
  if (len < 0) return bad('bad-rdata', all, 'unknown-type data `\\#` needs the data length in octets, then the data in hex (RFC 3597 §5): `\\# 4 0a000001`');
  let hex = '';
  for (let k = 2; k < toks.length; k++) {
    const w = tokenText(zone, toks[k]!);
    if (!/^[0-9a-fA-F]*$/.test(w)) return bad('bad-rdata', { start: tk.start[toks[k]!]!, end: tk.end[toks[k]!]! }, `\`\\#\` data \`${w}\` is not hexadecimal`);
    hex += w;
  }
  if (hex.length !== len * 2) return bad('bad-rdata', all, `\`\\#\` says ${len} octets but the hex holds ${Math.floor(hex.length / 2)}; make the length match the data (RFC 3597 §5)`);
  if (type === 'AMTRELAY' || schema.use === 'generic') return null;
  const bytes = new Uint8Array(len);
  for (let i = 0; i < len; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  const wire = checkWire(type, schema, bytes);
  return wire ? bad('bad-rdata', all, `${type} \`\\#\` data: ${wire}`) : null;
}

/** The strings of a TXT-like record, decoded, with the token each came from. */
export function txtStrings(zone: Zone, rec: ZoneRecord): { tok: number; value: string; octets: number }[] {
  return rdataTokens(zone, rec).map((t) => {
    const src = sourceAt(zone, zone.tokens.start[t]!);
    const quoted = (zone.tokens.kind[t]! & 7) === TOK_QUOTED;
    const raw = tokenText(zone, t);
    const s = zone.tokens.start[t]! - src.base + (quoted ? 1 : 0);
    const d = decodeCharString(src.text, s, s + raw.length);
    return { tok: t, value: d.value, octets: d.octets };
  });
}

/** Canonical text of a record's RDATA: absolute lower-case names, plain numbers, one form per address and string. */
export function canonicalRdata(zone: Zone, rec: ZoneRecord): string {
  const toks = rdataTokens(zone, rec);
  const words = toks.map((t) => tokenText(zone, t));
  if (toks.length > 0 && isGeneric(zone, toks[0]!)) return `\\# ${words[1]} ${words.slice(2).join('').toUpperCase()}`.trimEnd();
  const name = (w: string) => absoluteName(w, rec.origin);
  const num = (w: string) => (/^\d+$/.test(w) ? String(Number(w)) : w);
  switch (rec.type) {
    case RR.A:
      return words.map((w) => (isIpv4(w) ? w.split('.').map(Number).join('.') : w)).join(' ');
    case RR.AAAA: {
      const g = parseIpv6(words[0] ?? '');
      return g ? formatIpv6(g) : words.join(' ');
    }
    case RR.NS: case RR.CNAME: case RR.PTR: case RR.DNAME:
      return words.map(name).join(' ');
    case RR.MX:
      return `${num(words[0] ?? '')} ${name(words[1] ?? '')}`;
    case RR.SRV:
      return `${words.slice(0, 3).map(num).join(' ')} ${name(words[3] ?? '')}`;
    case RR.SOA: {
      const t = (w: string) => {
        const v = parseTtl(w, 0, w.length);
        return v >= 0 ? String(v) : w;
      };
      return [name(words[0] ?? ''), name(words[1] ?? ''), num(words[2] ?? ''), ...words.slice(3).map(t)].join(' ');
    }
    case RR.TXT: case 99:
      return txtStrings(zone, rec).map((s) => quoteCharString(s.value)).join(' ');
    case RR.CAA:
      return `${num(words[0] ?? '')} ${(words[1] ?? '').toLowerCase()} ${quoteCharString(toks[2] === undefined ? '' : txtStrings(zone, rec)[2]?.value ?? '')}`;
    case RR.TLSA: case 53: case RR.DS: case 59:
      return `${words.slice(0, 3).map(num).join(' ')} ${words.slice(3).join('').toUpperCase()}`;
    case RR.DNSKEY: case 60:
      return `${words.slice(0, 3).map(num).join(' ')} ${words.slice(3).join('')}`;
    case RR.SVCB: case RR.HTTPS:
      return [num(words[0] ?? ''), name(words[1] ?? ''), ...words.slice(2).map((w) => w.replace(/"/g, '').toLowerCase())].join(' ');
    default:
      return words.join(' ');
  }
}

/**
 * The MX and NS records' targets, one row each in file order: the record (index and type), the target's token, its
 * owner id in the zone (-1 when nothing owns it), whether it may be an address written as a name (it starts with a
 * digit or holds a colon), and its name's length (`mxNsTargetName` spells it). Columns in pooled arrays, not objects:
 * the list is carried over on every keystroke, and on a 100k-record zone reading 20 000 objects spread over the heap
 * took a millisecond, as did fresh arrays.
 */
export interface MxNsTargets {
  readonly count: number;
  readonly index: Int32Array;
  readonly type: Uint16Array;
  readonly tok: Int32Array;
  readonly id: Int32Array;
  readonly maybeAddress: Uint8Array;
  readonly nameLength: Int32Array;
}

type Rows = { -readonly [K in keyof MxNsTargets]: MxNsTargets[K] };

const targets = new WeakMap<Zone, MxNsTargets>();

/** The target name (absolute) of row `k`. */
export function mxNsTargetName(zone: Zone, list: MxNsTargets, k: number): string {
  return targetName(zone, recordAt(zone, list.index[k]!))!.name;
}

/**
 * MX and NS records with their target names, computed once per parse for the rules that follow them. A zone re-read
 * after an edit reads only the targets of the records read anew; the others are the earlier parse's rows (moved to
 * their new record and token when the edit moved them), and so are their ids (an id names one name for good; a
 * target nothing owned is looked up again only when the edit added a name that spells it).
 */
export function mxNsTargets(zone: Zone): MxNsTargets {
  let list = targets.get(zone);
  if (list) return list;
  const edit = zone.edit;
  const before = previousParse(zone);
  const earlier = before ? targets.get(before) : undefined;
  const type = zone.records.type;
  const carried = edit !== undefined && before !== null && earlier !== undefined;
  // From the top: the MX and NS records in file order, off the lists of records by type.
  const all = carried ? [] : [...typeIndexes(zone, RR.MX), ...typeIndexes(zone, RR.NS)].sort((a, b) => a - b);
  const cap = carried ? earlier.count + (edit.end - edit.start) : all.length;
  const out: Rows = {
    count: 0, index: derivedArray(zone, Int32Array, cap), type: derivedArray(zone, Uint16Array, cap), tok: derivedArray(zone, Int32Array, cap),
    id: derivedArray(zone, Int32Array, cap), maybeAddress: derivedArray(zone, Uint8Array, cap), nameLength: derivedArray(zone, Int32Array, cap),
  };
  const read = (i: number) => {
    if (type[i] !== RR.MX && type[i] !== RR.NS) return;
    const t = targetName(zone, recordAt(zone, i));
    if (!t) return;
    const k = out.count++;
    const c = t.name.charCodeAt(0);
    out.index[k] = i; out.type[k] = type[i]!; out.tok[k] = t.tok; out.id[k] = nameId(zone, t.name); out.nameLength[k] = t.name.length;
    out.maybeAddress[k] = (c >= 48 && c <= 57) || t.name.includes(':') ? 1 : 0;
  };
  if (carried) {
    const moved = edit.end - edit.previousEnd;
    // Before the edit: the same records, tokens and names.
    let k = 0;
    while (k < earlier.count && earlier.index[k]! < edit.start) k++;
    copyRows(earlier, 0, k, out);
    for (let i = edit.start; i < edit.end; i++) read(i);
    // After it: the same records moved (their tokens by as many as the re-read part added).
    while (k < earlier.count && earlier.index[k]! < edit.previousEnd) k++;
    const from = out.count;
    copyRows(earlier, k, earlier.count, out);
    const rdataBefore = before.records.rdata;
    const rdata = zone.records.rdata;
    // Every record after the edit moved by as many records and tokens.
    const shift = from < out.count ? rdata[edit.end]! - rdataBefore[edit.previousEnd]! : 0;
    if (moved !== 0 || shift !== 0) {
      for (let j = from; j < out.count; j++) {
        out.index[j]! += moved;
        out.tok[j]! += shift;
      }
    }
    // A target nothing owned may be owned now, when the edit added a name that spells it (compared by length first:
    // most keystrokes add a name, and most targets are outside the zone).
    if (zone.names.count > before.names.count) {
      const added = new Set<string>();
      const lengths = new Set<number>();
      for (let id = before.names.count; id < zone.names.count; id++) {
        const name = nameOf(zone, id);
        added.add(name);
        lengths.add(name.length);
      }
      for (let j = 0; j < out.count; j++) {
        if (out.id[j]! >= 0 || !lengths.has(out.nameLength[j]!)) continue;
        const name = mxNsTargetName(zone, out, j);
        if (added.has(name)) out.id[j] = nameId(zone, name);
      }
    }
  } else {
    for (const i of all) read(i);
  }
  list = out;
  targets.set(zone, list);
  return list;
}

/** Rows [from, to) of `src` appended to `out` (which has room). */
function copyRows(src: MxNsTargets, from: number, to: number, out: Rows): void {
  const at = out.count;
  out.index.set(src.index.subarray(from, to), at);
  out.type.set(src.type.subarray(from, to), at);
  out.tok.set(src.tok.subarray(from, to), at);
  out.id.set(src.id.subarray(from, to), at);
  out.maybeAddress.set(src.maybeAddress.subarray(from, to), at);
  out.nameLength.set(src.nameLength.subarray(from, to), at);
  out.count = at + (to - from);
}
