import type { Span } from '../diagnostic.ts';
import { formatIpv6, isIpv4, parseIpv6 } from './address.ts';
import { decodeCharString, quoteCharString } from './char-string.ts';
import { TOK_QUOTED, type Zone, type ZoneRecord } from './model.ts';
import { absoluteName } from './name.ts';
import { nextSignificant } from './parse.ts';
import { RR, typeName } from './rr-types.ts';
import { recordAt } from './names.ts';
import { sourceAt, tokenText } from './source-text.ts';
import { parseTtl } from './ttl.ts';

/** Codes of the zone rules that report RDATA problems. */
export type RdataProblemCode = 'bad-ipv4' | 'bad-ipv6' | 'mx-preference' | 'bad-rdata';

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

/** Value of a decimal field, -1 when not a number, -2 when above `max`. */
function uint(s: string, max: number): number {
  if (s.length === 0 || s.length > 10) return s.length > 10 && /^\d+$/.test(s) ? -2 : -1;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v > max ? -2 : v;
}

const FIELDS: Readonly<Record<number, readonly string[]>> = {
  [RR.SOA]: ['primary name server', 'mailbox', 'serial', 'refresh', 'retry', 'expire', 'minimum'],
  [RR.MX]: ['preference', 'exchange'],
  [RR.SRV]: ['priority', 'weight', 'port', 'target'],
  [RR.CAA]: ['flags', 'tag', 'value'],
  [RR.TLSA]: ['usage', 'selector', 'matching type', 'certificate data'],
  53: ['usage', 'selector', 'matching type', 'certificate data'],
  [RR.DS]: ['key tag', 'algorithm', 'digest type', 'digest'],
  59: ['key tag', 'algorithm', 'digest type', 'digest'],
  [RR.DNSKEY]: ['flags', 'protocol', 'algorithm', 'public key'],
  60: ['flags', 'protocol', 'algorithm', 'public key'],
  [RR.SVCB]: ['priority', 'target'],
  [RR.HTTPS]: ['priority', 'target'],
};

/** The first problem in a record's RDATA for the types the linter knows, or null (other types stay opaque). */
export function checkRdata(zone: Zone, rec: ZoneRecord): RdataProblem | null {
  const type = rec.type;
  const toks = rdataTokens(zone, rec, 64);
  const first = toks[0];
  if (first === undefined) return null;
  const tk = zone.tokens;
  const span = (t: number): Span => ({ start: tk.start[t]!, end: tk.end[t]! });
  const all: Span = { start: tk.start[first]!, end: tk.end[toks[toks.length - 1]!]! };
  const name = typeName(type);
  const bad = (code: RdataProblemCode, range: Span, message: string): RdataProblem => ({ code, record: rec, range, message });
  const word = (k: number) => tokenText(zone, toks[k]!);
  if (isGeneric(zone, first)) return checkGeneric(zone, toks, bad);
  const count = (n: number, atLeast = false): RdataProblem | null => {
    if (toks.length < n) return bad('bad-rdata', all, `${name} data needs ${atLeast ? 'at least ' : ''}${n} field${n > 1 ? 's' : ''}${FIELDS[type] ? ` (${FIELDS[type]!.join(', ')})` : ''}, found ${toks.length}`);
    if (!atLeast && toks.length > n) return bad('bad-rdata', { start: tk.start[toks[n]!]!, end: all.end }, `${name} data has ${toks.length} fields, ${n} expected; remove \`${word(n)}\``);
    return null;
  };
  const num = (k: number, max: number, what: string): RdataProblem | null => {
    const v = uint(word(k), max);
    if (v >= 0) return null;
    return bad('bad-rdata', span(toks[k]!), v === -2 ? `${name} ${what} \`${word(k)}\` is above ${max}` : `${name} ${what} \`${word(k)}\` is not a number`);
  };
  const hex = (from: number, what: string): RdataProblem | null => {
    let digits = 0;
    for (let k = from; k < toks.length; k++) {
      const w = word(k);
      if (!/^[0-9a-fA-F]*$/.test(w)) return bad('bad-rdata', span(toks[k]!), `${name} ${what} \`${w}\` is not hexadecimal`);
      digits += w.length;
    }
    return digits % 2 === 1 ? bad('bad-rdata', all, `${name} ${what} has an odd number of hex digits`) : null;
  };
  switch (type) {
    case RR.A: {
      const c = count(1);
      if (c) return c;
      return isIpv4(word(0)) ? null : bad('bad-ipv4', span(first), `\`${word(0)}\` is not an IPv4 address (four numbers 0-255 separated by dots)${parseIpv6(word(0)) ? '; an IPv6 address needs an AAAA record' : ''}`);
    }
    case RR.AAAA: {
      const c = count(1);
      if (c) return c;
      return parseIpv6(word(0)) ? null : bad('bad-ipv6', span(first), `\`${word(0)}\` is not an IPv6 address${isIpv4(word(0)) ? '; an IPv4 address needs an A record' : ' (eight hex groups separated by `:`, `::` once for zeros)'}`);
    }
    case RR.NS: case RR.CNAME: case RR.PTR: case RR.DNAME:
      return count(1);
    case RR.MX: {
      const c = count(2);
      if (c) return c;
      const p = word(0);
      if (/^-?\d+$/.test(p) && uint(p, 65535) < 0) return bad('mx-preference', span(first), `MX preference \`${p}\` is out of range; use a number from 0 to 65535 (lower is preferred)`);
      return num(0, 65535, 'preference');
    }
    case RR.SOA: {
      const c = count(7);
      if (c) return c;
      const serial = num(2, 4294967295, 'serial');
      if (serial) return serial;
      for (let k = 3; k < 7; k++) {
        const t = toks[k]!;
        if (parseTtl(zoneTextOf(zone, t), tk.start[t]! - baseOf(zone, t), tk.end[t]! - baseOf(zone, t)) < 0) return bad('bad-rdata', span(t), `SOA ${FIELDS[RR.SOA]![k]} \`${word(k)}\` is not a time (seconds, or units like \`1h\`)`);
      }
      return null;
    }
    case RR.TXT:
      return null;
    case RR.SRV: {
      const c = count(4);
      if (c) return c;
      return num(0, 65535, 'priority') ?? num(1, 65535, 'weight') ?? num(2, 65535, 'port');
    }
    case RR.CAA: {
      const c = count(3);
      if (c) return c;
      const f = num(0, 255, 'flags');
      if (f) return f;
      return /^[A-Za-z0-9]+$/.test(word(1)) ? null : bad('bad-rdata', span(toks[1]!), `CAA tag \`${word(1)}\` must be letters and digits, e.g. \`issue\`, \`issuewild\`, \`iodef\``);
    }
    case RR.TLSA: case 53: {
      const c = count(4, true);
      if (c) return c;
      return num(0, 255, 'usage') ?? num(1, 255, 'selector') ?? num(2, 255, 'matching type') ?? hex(3, 'certificate data');
    }
    case RR.DS: case 59: {
      const c = count(4, true);
      if (c) return c;
      return num(0, 65535, 'key tag') ?? (/^\d+$/.test(word(1)) ? num(1, 255, 'algorithm') : null) ?? num(2, 255, 'digest type') ?? hex(3, 'digest');
    }
    case RR.DNSKEY: case 60: {
      const c = count(4, true);
      if (c) return c;
      const n = num(0, 65535, 'flags') ?? num(1, 255, 'protocol') ?? (/^\d+$/.test(word(2)) ? num(2, 255, 'algorithm') : null);
      if (n) return n;
      for (let k = 3; k < toks.length; k++) if (!/^[A-Za-z0-9+/=]+$/.test(word(k))) return bad('bad-rdata', span(toks[k]!), `DNSKEY public key \`${word(k)}\` is not base64`);
      return null;
    }
    case RR.SVCB: case RR.HTTPS: {
      const c = count(2, true);
      if (c) return c;
      const n = num(0, 65535, 'priority');
      if (n) return n;
      for (let k = 2; k < toks.length; k++) {
        const key = word(k).split('=')[0]!.toLowerCase();
        if (!/^(mandatory|alpn|no-default-alpn|port|ipv4hint|ech|ipv6hint|dohpath|ohttp|key\d{1,5})$/.test(key)) return bad('bad-rdata', span(toks[k]!), `${name} parameter \`${key}\` is unknown; use \`alpn\`, \`port\`, \`ipv4hint\`, \`ipv6hint\`, \`ech\`, \`mandatory\`, \`no-default-alpn\` or \`keyNNNNN\``);
      }
      return null;
    }
    default:
      return null;
  }
}

function zoneTextOf(zone: Zone, t: number): string {
  return sourceAt(zone, zone.tokens.start[t]!).text;
}

function baseOf(zone: Zone, t: number): number {
  return sourceAt(zone, zone.tokens.start[t]!).base;
}

function checkGeneric(zone: Zone, toks: readonly number[], bad: (c: RdataProblemCode, r: Span, m: string) => RdataProblem): RdataProblem | null {
  const tk = zone.tokens;
  const all: Span = { start: tk.start[toks[0]!]!, end: tk.end[toks[toks.length - 1]!]! };
  const len = toks[1] === undefined ? -1 : uint(tokenText(zone, toks[1]), 65535);
  if (len < 0) return bad('bad-rdata', all, 'unknown-type data `\\#` needs the data length in octets, then the data in hex (RFC 3597 §5): `\\# 4 0a000001`');
  let digits = 0;
  for (let k = 2; k < toks.length; k++) {
    const w = tokenText(zone, toks[k]!);
    if (!/^[0-9a-fA-F]*$/.test(w)) return bad('bad-rdata', { start: tk.start[toks[k]!]!, end: tk.end[toks[k]!]! }, `\`\\#\` data \`${w}\` is not hexadecimal`);
    digits += w.length;
  }
  if (digits !== len * 2) return bad('bad-rdata', all, `\`\\#\` says ${len} octets but the hex holds ${digits / 2}; make the length match the data (RFC 3597 §5)`);
  return null;
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

const targets = new WeakMap<Zone, readonly { rec: ZoneRecord; name: string; tok: number }[]>();

/** MX and NS records with their target names, computed once per parse for the rules that follow them. */
export function mxNsTargets(zone: Zone): readonly { rec: ZoneRecord; name: string; tok: number }[] {
  let list = targets.get(zone);
  if (list) return list;
  const out: { rec: ZoneRecord; name: string; tok: number }[] = [];
  const type = zone.records.type;
  for (let i = 0; i < zone.records.count; i++) {
    if (type[i] !== RR.MX && type[i] !== RR.NS) continue;
    const rec = recordAt(zone, i);
    const t = targetName(zone, rec);
    if (t) out.push({ rec, name: t.name, tok: t.tok });
  }
  list = out;
  targets.set(zone, list);
  return list;
}
