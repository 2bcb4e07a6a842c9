// How each RDATA field kind (rdata-types.ts) is written in a zone file, and how it is laid out in RFC 3597 `\#`
// data: one checker per kind, so every type is checked by walking its fields.
import { isIpv4, parseIpv6 } from './address.ts';
import { REST_KINDS, type FieldKind, type RdataSchema } from './rdata-types.ts';
import { typeCode } from './rr-types.ts';
import { parseTtl } from './ttl.ts';

/** One RDATA item as written: its text (without quotes), whether it was quoted, and its token(s). */
export interface RdataItem {
  readonly text: string;
  readonly quoted: boolean;
  /** First and last token of the item (an SVCB `key=` and its quoted value are one item of two tokens). */
  readonly tok: number;
  readonly lastTok: number;
}

/** What is wrong, on which items [at, to] (indexes into the items), in words that name the way out. */
export interface FieldProblem {
  readonly at: number;
  readonly to: number;
  readonly message: string;
  /** Set when the problem is in a domain name (reported as `zone/bad-name`). */
  readonly name?: boolean;
}

const U_MAX: Readonly<Record<string, number>> = { u8: 255, u16: 65535, u32: 4294967295 };

const ALGORITHMS = new Set(['RSAMD5', 'DH', 'DSA', 'ECC', 'RSASHA1', 'DSA-NSEC3-SHA1', 'RSASHA1-NSEC3-SHA1', 'RSASHA256', 'RSASHA512', 'ECC-GOST', 'ECDSAP256SHA256', 'ECDSAP384SHA384', 'ED25519', 'ED448', 'INDIRECT', 'PRIVATEDNS', 'PRIVATEOID']);
const CERT_TYPES = new Set(['PKIX', 'SPKI', 'PGP', 'IPKIX', 'ISPKI', 'IPGP', 'ACPKIX', 'IACPKIX', 'URI', 'OID']);
const SVC_KEYS = ['mandatory', 'alpn', 'no-default-alpn', 'port', 'ipv4hint', 'ech', 'ipv6hint', 'dohpath', 'ohttp'];

/** Decimal value of `s` when it is only digits and at most `max`: -1 not a number, -2 too big. */
export function decimal(s: string, max: number): number {
  if (s.length === 0) return -1;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v > max ? -2 : v;
}

/** The units of `w` as written: each character, or an escape (`\X`, `\DDD`) as the one octet it stands for; or the bad escape. */
function unescape(w: string): { codes: number[]; escaped: boolean[] } | string {
  const codes: number[] = [];
  const escaped: boolean[] = [];
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c !== 92) {
      codes.push(c);
      escaped.push(false);
      continue;
    }
    if (i + 1 >= w.length) return 'a lone `\\` at the end: escape it as `\\\\`';
    const d = w.charCodeAt(i + 1);
    if (d >= 48 && d <= 57) {
      const v = i + 4 <= w.length ? decimal(w.slice(i + 1, i + 4), 255) : -1;
      if (v < 0) return `a bad escape \`${w.slice(i, i + 4)}\`: \`\\DDD\` takes three digits, 000 to 255`;
      codes.push(v);
      i += 3;
    } else {
      codes.push(d);
      i++;
    }
    escaped.push(true);
  }
  return { codes, escaped };
}

/** What is wrong with a domain name as written (a phrase to follow "has": empty label, bad escape), or null. Lengths are `zone/name-length`'s. */
export function nameSyntaxProblem(w: string): string | null {
  if (w === '@' || w === '.') return null;
  if (w.length === 0) return 'an empty name';
  const u = unescape(w);
  if (typeof u === 'string') return u;
  let label = 0;
  for (let k = 0; k < u.codes.length; k++) {
    if (u.codes[k] !== 46 || u.escaped[k]) {
      label++;
      continue;
    }
    if (label === 0) return `an empty label (\`${k === 0 ? '.' + w.slice(1, 2) : '..'}\`): every dot needs a label before it`;
    label = 0;
  }
  return null;
}

/** A problem with a character-string as written (a phrase to follow "has"): a bad escape, or (with `limit`) more than 255 octets. */
export function charStringProblem(w: string, limit = true): string | null {
  const u = unescape(w);
  if (typeof u === 'string') return u;
  let octets = 0;
  for (let k = 0; k < u.codes.length; k++) {
    const c = u.codes[k]!;
    octets += u.escaped[k] || c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 2 : c >= 0xdc00 && c <= 0xdfff ? 2 : 3;
  }
  return limit && octets > 255 ? `${octets} octets, but a character-string holds at most 255; split it into several` : null;
}

/** The octets of a character-string as written (escapes decoded); a bad escape is left as written. */
function decodeEscapes(w: string): string {
  const u = unescape(w);
  return typeof u === 'string' ? w : String.fromCharCode(...u.codes);
}

function isHex(s: string): boolean {
  return /^[0-9a-fA-F]*$/.test(s);
}

/** A problem with base64 text (RFC 4648 §4: groups of four, `=` padding only at the end), or null. */
export function base64Problem(s: string): string | null {
  if (s.length === 0) return 'is empty';
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return 'is not base64 (letters, digits, `+`, `/`, and `=` only as padding at the end)';
  if (s.length % 4 !== 0) return `is not base64: ${s.length} characters, a multiple of 4 expected`;
  if (/^=+$/.test(s)) return 'is only padding';
  return null;
}

/** A single-token checker; `gatewayType` is the value of the type field a gateway depends on (-1 when none), `values` the numbers read before. */
type Check = (w: string, item: RdataItem, gatewayType: number, values: readonly number[]) => string | null;

const plainWord = (what: string, test: (w: string) => boolean): Check => (w, item) => (item.quoted || !test(w) ? what : null);

/** Checkers of the single-token kinds: a message fragment naming what is wrong, or null. */
const SINGLE: Readonly<Partial<Record<FieldKind, Check>>> = {
  name: (w, item) => has(item.quoted ? null : nameSyntaxProblem(w)),
  u8: (w) => number(w, 255),
  u16: (w) => number(w, 65535),
  u32: (w) => number(w, 4294967295),
  period: (w) => {
    const v = parseTtl(w, 0, w.length, 4294967295);
    return v === -2 ? 'is above 4294967295 (32 bits)' : v < 0 ? 'is not a time (seconds, or units like `1h`)' : null;
  },
  ipv4: plainWord('is not an IPv4 address (four numbers 0-255 separated by dots)', isIpv4),
  ipv6: plainWord('is not an IPv6 address', (w) => parseIpv6(w) !== null),
  string: (w) => has(charStringProblem(w)),
  type: plainWord('is not a record type (a mnemonic like `A`, or `TYPE` and a number up to 65535)', (w) => typeCode(w) >= 0),
  algorithm: (w) => (ALGORITHMS.has(w.toUpperCase()) ? null : number(w, 255, 'a DNSSEC algorithm number or mnemonic (e.g. 13, ECDSAP256SHA256)')),
  'cert-type': (w) => (CERT_TYPES.has(w.toUpperCase()) ? null : number(w, 65535, 'a certificate type number or mnemonic (PKIX, PGP, URI …)')),
  time: (w) => {
    if (/^\d{14}$/.test(w)) return null;
    if (/^\d{1,10}$/.test(w)) return Number(w) <= 4294967295 ? null : 'is above 4294967295';
    return 'is not a time: `YYYYMMDDHHmmSS` or seconds since 1970';
  },
  salt: (w) => (w === '-' ? null : !isHex(w) ? 'is not hex (or `-` for no salt)' : w.length % 2 ? 'has an odd number of hex digits' : w.length > 510 ? 'is longer than 255 octets' : null),
  // NSEC3 hash algorithm 1 (SHA-1, the only one defined) makes 20-octet hashes: 32 characters (RFC 5155 §3.3).
  'base32hex': (w, _item, _t, values) => (!/^[0-9A-Va-v]+$/.test(w) ? 'is not base32hex (digits and letters A-V)' : [1, 3, 6].includes(w.length % 8) ? `is not base32hex: ${w.length} characters cannot encode whole octets` : values[0] === 1 && w.length !== 32 ? `is ${Math.floor((w.length * 5) / 8)} octets; a SHA-1 hash (algorithm 1) is 20, written in 32 characters` : null),
  hex1: (w) => (!isHex(w) || w.length === 0 ? 'is not hex' : w.length % 2 ? 'has an odd number of hex digits' : null),
  'base64-1': (w) => base64Problem(w),
  eui48: plainWord('is not an EUI-48 address: six hex pairs joined by `-` (`00-00-5e-00-53-2a`)', (w) => /^[0-9a-fA-F]{2}(-[0-9a-fA-F]{2}){5}$/.test(w)),
  eui64: plainWord('is not an EUI-64 address: eight hex pairs joined by `-`', (w) => /^[0-9a-fA-F]{2}(-[0-9a-fA-F]{2}){7}$/.test(w)),
  ilnp64: plainWord('is not a 64-bit locator: four groups of up to four hex digits joined by `:`', (w) => /^[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){3}$/.test(w)),
  nsap: (w) => {
    if (!/^0x[0-9a-fA-F.]*$/i.test(w)) return 'is not an NSAP address: `0x` and hex digits (dots allowed between them)';
    const digits = w.slice(2).replace(/\./g, '');
    return digits.length === 0 ? 'is empty after `0x`' : digits.length % 2 ? 'has an odd number of hex digits' : null;
  },
  'wks-protocol': (w) => (/^(tcp|udp)$/i.test(w) ? null : number(w, 255, 'a protocol: `tcp`, `udp` or a number')),
  gateway: (w, item, t) => {
    switch (t) {
      case 0: return w === '.' ? null : 'must be `.` for gateway type 0 (no gateway)';
      case 1: return isIpv4(w) ? null : 'must be an IPv4 address for gateway type 1';
      case 2: return parseIpv6(w) ? null : 'must be an IPv6 address for gateway type 2';
      case 3: return has(item.quoted ? null : nameSyntaxProblem(w));
      default: return 'has a gateway type other than 0-3';
    }
  },
  'caa-tag': plainWord('must be letters and digits, e.g. `issue`, `issuewild`, `iodef`', (w) => /^[A-Za-z0-9]+$/.test(w)),
};

/** The value of the last `… type` field read so far (IPSECKEY gateway type, AMTRELAY relay type), -1 when none. */
function gatewayType(fields: RdataSchema['fields'], values: readonly number[]): number {
  for (let k = values.length - 1; k >= 0; k--) if (fields[k]!.name.endsWith(' type')) return values[k]!;
  return -1;
}

function has(problem: string | null): string | null {
  return problem === null ? null : `has ${problem}`;
}

function number(w: string, max: number, what = `a number from 0 to ${max}`): string | null {
  const v = decimal(w, max);
  return v === -2 ? `is above ${max}` : v < 0 ? `is not ${what}` : null;
}

/**
 * Check RDATA items against a type's fields; `type` names it in messages. Returns the first problem, or null.
 * `\#` data is checked by `checkWire` instead.
 */
export function checkFields(type: string, schema: RdataSchema, items: readonly RdataItem[]): FieldProblem | null {
  const fields = schema.fields;
  const values: number[] = [];
  const last = items.length - 1;
  let singles = 0;
  while (singles < fields.length && !REST_KINDS.has(fields[singles]!.kind)) singles++;
  if (items.length < singles) {
    return { at: 0, to: last, message: `${type} data needs ${singles === fields.length ? '' : 'at least '}${singles} field${singles > 1 ? 's' : ''} (${fields.slice(0, singles).map((x) => x.name).join(', ')}), found ${items.length}` };
  }
  for (let k = 0; k < fields.length; k++) {
    const field = fields[k]!;
    if (REST_KINDS.has(field.kind)) return checkRest(type, field.kind, field.name, items, k);
    const item = items[k];
    if (item === undefined) {
      const names = fields.map((x) => x.name).join(', ');
      return { at: 0, to: last, message: `${type} data needs ${fields.length} field${fields.length > 1 ? 's' : ''} (${names}), found ${items.length}; add the ${field.name}` };
    }
    const check = SINGLE[field.kind]!;
    const problem = check(item.text, item, gatewayType(fields, values), values);
    if (problem) return { at: k, to: k, message: `${type} ${field.name} \`${item.text}\` ${problem}`, ...(field.kind === 'name' ? { name: true } : {}) };
    values.push(U_MAX[field.kind] !== undefined ? Number(item.text) : -1);
  }
  if (items.length > fields.length) {
    return { at: fields.length, to: last, message: `${type} data has ${items.length} fields, ${fields.length} expected; remove \`${items[fields.length]!.text}\`${fields.length === 0 ? '' : ` after the ${fields[fields.length - 1]!.name}`}` };
  }
  return null;
}

function checkRest(type: string, kind: FieldKind, what: string, items: readonly RdataItem[], from: number): FieldProblem | null {
  const rest = items.slice(from);
  const last = items.length - 1;
  const all = { at: Math.min(from, last), to: last };
  const need = (): FieldProblem => ({ ...all, at: Math.max(0, Math.min(from, last)), message: `${type} data needs its ${what} after ${from} field${from === 1 ? '' : 's'}` });
  const each = (problem: (w: string, item: RdataItem) => string | null, isName = false): FieldProblem | null => {
    for (let j = 0; j < rest.length; j++) {
      const p = problem(rest[j]!.text, rest[j]!);
      if (p) return { at: from + j, to: from + j, message: `${type} ${what} \`${rest[j]!.text}\` ${p}`, ...(isName ? { name: true } : {}) };
    }
    return null;
  };
  switch (kind) {
    // TXT-like strings: their length is zone/txt-string-too-long's to report.
    case 'strings':
      return rest.length === 0 ? need() : each((w) => has(charStringProblem(w, false)));
    case 'strings?':
      return each((w) => has(charStringProblem(w, false)));
    case 'names?':
      return each((w, item) => has(item.quoted ? null : nameSyntaxProblem(w)), true);
    case 'words':
      return each((w) => (/^[A-Za-z0-9-]+$/.test(w) ? null : 'is not a service name or number'));
    case 'types':
      return each((w) => (typeCode(w) >= 0 && !w.includes('=') ? null : 'is not a record type'));
    case 'base64': case 'base64?': case 'char-string-or-dash': {
      if (rest.length === 0) return kind === 'base64' ? need() : null;
      if (kind === 'char-string-or-dash' && rest.length === 1 && rest[0]!.text === '-') return null;
      const p = base64Problem(rest.map((r) => r.text).join(''));
      return p ? { ...all, message: `${type} ${what} ${p}` } : null;
    }
    case 'hex': case 'hex?': {
      if (rest.length === 0) return kind === 'hex' ? need() : null;
      const bad = each((w) => (isHex(w) ? null : 'is not hexadecimal'));
      if (bad) return bad;
      const digits = rest.reduce((n, r) => n + r.text.length, 0);
      return digits % 2 ? { ...all, message: `${type} ${what} has an odd number of hex digits; each octet is two` } : null;
    }
    case 'svc-params':
      return checkSvcParams(type, rest, from);
    case 'apl':
      return each((w) => aplProblem(w));
    case 'loc':
      return locProblem(type, rest, from);
    case 'a6':
      return a6Problem(type, rest, from);
    default:
      return null;
  }
}

function aplProblem(w: string): string | null {
  const m = /^!?(\d+):([^/]+)\/(\d+)$/.exec(w);
  if (!m) return 'is not an address prefix: `[!]family:address/prefix`, e.g. `1:192.0.2.0/24`';
  const [, family, address, prefix] = m as unknown as [string, string, string, string];
  if (family === '1') return isIpv4(address) ? (Number(prefix) <= 32 ? null : 'has an IPv4 prefix above 32') : 'has family 1 but not an IPv4 address';
  if (family === '2') return parseIpv6(address) ? (Number(prefix) <= 128 ? null : 'has an IPv6 prefix above 128') : 'has family 2 but not an IPv6 address';
  return 'has an address family other than 1 (IPv4) or 2 (IPv6)';
}

/** RFC 1876 §3: `d1 [m1 [s1]] {N|S} d2 [m2 [s2]] {E|W} alt[m] [siz[m] [hp[m] [vp[m]]]]`. */
function locProblem(type: string, rest: readonly RdataItem[], from: number): FieldProblem | null {
  const w = rest.map((r) => r.text);
  let j = 0;
  const bad = (message: string, at = j): FieldProblem => ({ at: from + Math.min(at, rest.length - 1), to: from + Math.min(at, rest.length - 1), message: `${type} ${message}` });
  if (rest.length === 0) return { at: 0, to: 0, message: `${type} data needs a location: latitude, longitude and altitude, e.g. \`52 22 23.000 N 4 53 32.000 E -2.00m\`` };
  const coordinate = (max: number, hemispheres: RegExp, what: string): FieldProblem | null => {
    const deg = decimal(w[j] ?? '', max);
    if (deg < 0) return bad(`${what} degrees \`${w[j] ?? ''}\` must be a whole number from 0 to ${max}`);
    j++;
    for (const [part, limit] of [['minutes', 59], ['seconds', 59.999]] as const) {
      if (w[j] === undefined || hemispheres.test(w[j]!)) break;
      const ok = part === 'minutes' ? decimal(w[j]!, 59) >= 0 : /^\d{1,2}(\.\d{1,3})?$/.test(w[j]!) && Number(w[j]) <= limit;
      if (!ok) return bad(`${what} ${part} \`${w[j]}\` must be from 0 to ${part === 'minutes' ? 59 : '59.999'}`);
      j++;
    }
    if (w[j] === undefined || !hemispheres.test(w[j]!)) return bad(`${what} needs its hemisphere (${hemispheres.source.replace(/[\^$]/g, '')}) after the degrees, minutes and seconds`);
    j++;
    return null;
  };
  const lat = coordinate(90, /^[NSns]$/, 'latitude');
  if (lat) return lat;
  const lon = coordinate(180, /^[EWew]$/, 'longitude');
  if (lon) return lon;
  if (w[j] === undefined) return bad('needs the altitude in metres after the longitude, e.g. `10m`');
  const alt = /^(-?\d+(\.\d{1,2})?)[mM]?$/.exec(w[j]!);
  if (!alt || Number(alt[1]) < -100000 || Number(alt[1]) > 42849672.95) return bad(`altitude \`${w[j]}\` must be metres from -100000.00 to 42849672.95`);
  j++;
  for (const what of ['size', 'horizontal precision', 'vertical precision']) {
    if (w[j] === undefined) return null;
    const m = /^(\d+(\.\d{1,2})?)[mM]?$/.exec(w[j]!);
    if (!m || Number(m[1]) > 90000000) return bad(`${what} \`${w[j]}\` must be metres from 0 to 90000000.00`);
    j++;
  }
  return j < w.length ? bad(`data has \`${w[j]}\` after the vertical precision; remove it`) : null;
}

function a6Problem(type: string, rest: readonly RdataItem[], from: number): FieldProblem | null {
  const at = (j: number, message: string): FieldProblem => ({ at: from + j, to: from + j, message: `${type} ${message}` });
  const len = decimal(rest[0]?.text ?? '', 128);
  if (len < 0) return at(0, 'prefix length must be a number from 0 to 128');
  let j = 1;
  if (len < 128) {
    if (!rest[j] || !parseIpv6(rest[j]!.text)) return at(Math.min(j, rest.length - 1), 'needs an IPv6 address suffix after a prefix length below 128');
    j++;
  }
  if (len > 0) {
    if (!rest[j]) return at(rest.length - 1, 'needs the prefix name after a prefix length above 0');
    const p = nameSyntaxProblem(rest[j]!.text);
    if (p) return { ...at(j, `prefix name \`${rest[j]!.text}\` has ${p}`), name: true };
    j++;
  }
  return j < rest.length ? at(j, `data has \`${rest[j]!.text}\` too many; remove it`) : null;
}

/**
 * Split a value-list (RFC 9460 App. A.1) at unescaped commas; null when it ends in a lone `\`. RFC 9460 escapes only
 * `,` and `\` here, but BIND and Knot take `\X` as X for any X, and so do we.
 */
function valueList(v: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === '\\') {
      const n = v[i + 1];
      if (n === undefined) return null;
      cur += n;
      i++;
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}

function svcKeyNumber(key: string): number {
  const known = SVC_KEYS.indexOf(key);
  if (known >= 0) return known;
  const m = /^key(\d{1,5})$/.exec(key);
  return m && Number(m[1]) <= 65535 ? Number(m[1]) : -1;
}

/** SVCB/HTTPS parameters, RFC 9460 §2.1 and §7: known keys, each once, values of the key's form, `mandatory` consistent. */
function checkSvcParams(type: string, rest: readonly RdataItem[], from: number): FieldProblem | null {
  const seen = new Map<number, number>();
  let mandatory: { keys: string[]; at: number } | null = null;
  for (let j = 0; j < rest.length; j++) {
    const item = rest[j]!;
    const at = (message: string): FieldProblem => ({ at: from + j, to: from + j, message: `${type} parameter \`${item.text.length > 40 ? item.text.slice(0, 40) + '…' : item.text}\` ${message}` });
    const eq = item.text.indexOf('=');
    const key = eq < 0 ? item.text : item.text.slice(0, eq);
    const raw = eq < 0 ? null : item.text.slice(eq + 1);
    const n = svcKeyNumber(key);
    if (n < 0) return at(`has an unknown key \`${key}\`; use \`alpn\`, \`port\`, \`ipv4hint\`, \`ipv6hint\`, \`ech\`, \`mandatory\`, \`no-default-alpn\`, \`dohpath\`, \`ohttp\` or \`keyNNNNN\` (lower case)`);
    if (seen.has(n)) return at(`repeats the key \`${key}\`; a key appears once (RFC 9460 §2.2)`);
    seen.set(n, j);
    if (raw !== null) {
      const p = charStringProblem(raw);
      if (p) return at(`has ${p}`);
    }
    const value = raw === null ? null : decodeEscapes(raw);
    const noValue = n === 2 || n === 8;
    if (noValue) {
      if (value !== null) return at(`takes no value; write just \`${key}\``);
      continue;
    }
    if (n > 8) continue;
    if (value === null || value === '') return at(`needs a value: \`${key}=…\``);
    switch (n) {
      case 0: {
        const keys = value.split(',');
        for (const k of keys) {
          if (k === '') return at('has an empty key in its list; separate keys by single commas');
          const kn = svcKeyNumber(k);
          if (kn < 0) return at(`lists an unknown key \`${k}\``);
          if (kn === 0) return at('lists `mandatory` itself, which RFC 9460 §8 forbids');
        }
        if (new Set(keys.map(svcKeyNumber)).size !== keys.length) return at('lists a key twice');
        mandatory = { keys, at: j };
        break;
      }
      case 1: {
        const ids = valueList(value);
        if (ids === null) return at('ends in a lone `\\`; escape a backslash in a protocol id as `\\\\\\\\`');
        if (ids.some((id) => id === '')) return at('has an empty protocol id; separate ids by single commas');
        if (ids.some((id) => id.length > 255)) return at('has a protocol id longer than 255 octets');
        break;
      }
      case 3:
        if (decimal(value, 65535) < 0) return at('must be a port number from 0 to 65535');
        break;
      case 4: case 6: {
        const list = value.split(',');
        const ok = n === 4 ? isIpv4 : (s: string) => parseIpv6(s) !== null;
        const bad = list.find((a) => !ok(a));
        if (bad !== undefined) return at(bad === '' ? 'has an empty address; separate addresses by single commas' : `has \`${bad}\`, not an IPv${n === 4 ? 4 : 6} address`);
        break;
      }
      case 5: {
        const p = base64Problem(value);
        if (p) return at(`value ${p}`);
        break;
      }
    }
  }
  if (mandatory) {
    const missing = mandatory.keys.find((k) => !seen.has(svcKeyNumber(k)));
    if (missing !== undefined) return { at: from + mandatory.at, to: from + mandatory.at, message: `${type} \`mandatory\` lists \`${missing}\`, which the record does not have; add it or remove it from the list` };
  }
  return null;
}

/**
 * Check RFC 3597 data (`\# len hex`, already decoded to `bytes`) against a type's wire format: fixed fields fit, names
 * are well-formed uncompressed labels, strings fit, type bitmaps and SVCB keys are in order. Returns a problem or null.
 */
export function checkWire(type: string, schema: RdataSchema, bytes: Uint8Array): string | null {
  if (schema.use === 'generic') return null;
  if (bytes.length === 0) return `\`\\# 0\` is empty data, but ${type} data has fields (${schema.fields.map((x) => x.name).join(', ')}); give them in hex or as text`;
  if (type === 'HIP') return hipWire(bytes);
  let p = 0;
  const n = bytes.length;
  const values: number[] = [];
  for (const field of schema.fields) {
    const kind = field.kind;
    const fixed = WIRE_SIZE[kind];
    if (fixed !== undefined) {
      if (p + fixed > n) return `the data ends inside the ${field.name}; ${type} needs at least ${p + fixed} octets`;
      values.push(fixed === 1 ? bytes[p]! : fixed === 2 ? (bytes[p]! << 8) | bytes[p + 1]! : -1);
      p += fixed;
      continue;
    }
    switch (kind) {
      case 'name': {
        const end = wireName(bytes, p);
        if (end < 0) return `the ${field.name} is not a well-formed name (labels of up to 63 octets, ending with the root, at most 255 octets)`;
        p = end;
        break;
      }
      case 'string': case 'salt': case 'base32hex': case 'caa-tag': {
        if (p >= n || p + 1 + bytes[p]! > n) return `the ${field.name} runs past the end of the data`;
        if (kind === 'caa-tag' && bytes[p] === 0) return 'the CAA tag is empty';
        p += 1 + bytes[p]!;
        break;
      }
      case 'strings': case 'strings?': {
        if (kind === 'strings' && p >= n) return `${type} needs at least one character-string`;
        while (p < n) {
          if (p + 1 + bytes[p]! > n) return 'a character-string runs past the end of the data';
          p += 1 + bytes[p]!;
        }
        break;
      }
      case 'names?':
        while (p < n) {
          const end = wireName(bytes, p);
          if (end < 0) return `a ${field.name} name is not well-formed`;
          p = end;
        }
        break;
      case 'types': {
        let window = -1;
        while (p < n) {
          if (p + 2 > n) return 'the type bitmap ends inside a window header';
          const w = bytes[p]!;
          const len = bytes[p + 1]!;
          if (w <= window) return 'the type bitmap windows are not in increasing order';
          if (len < 1 || len > 32 || p + 2 + len > n) return 'a type bitmap window has a length outside 1-32 or runs past the end';
          window = w;
          p += 2 + len;
        }
        break;
      }
      case 'svc-params': {
        let last = -1;
        while (p < n) {
          if (p + 4 > n) return 'the SVCB parameters end inside a key and length';
          const key = (bytes[p]! << 8) | bytes[p + 1]!;
          const len = (bytes[p + 2]! << 8) | bytes[p + 3]!;
          if (key <= last) return 'the SVCB parameter keys are not in strictly increasing order (RFC 9460 §2.2)';
          if (p + 4 + len > n) return 'an SVCB parameter value runs past the end of the data';
          last = key;
          p += 4 + len;
        }
        break;
      }
      case 'gateway': {
        const t = gatewayType(schema.fields, values);
        if (t === 1) p += 4;
        else if (t === 2) p += 16;
        else if (t === 3) {
          const end = wireName(bytes, p);
          if (end < 0) return 'the gateway is not a well-formed name';
          p = end;
        } else if (t !== 0) return 'the gateway type is not 0-3';
        if (p > n) return 'the data ends inside the gateway';
        break;
      }
      case 'a6': {
        const len = bytes[p]!;
        if (len > 128) return 'the A6 prefix length is above 128';
        p += 1 + Math.ceil((128 - len) / 8);
        if (p > n) return 'the data ends inside the A6 address suffix';
        if (len > 0) {
          const end = wireName(bytes, p);
          if (end < 0) return 'the A6 prefix name is not well-formed';
          p = end;
        }
        break;
      }
      case 'loc':
        if (bytes[p] === 0 && n - p !== 16) return 'LOC version 0 data is 16 octets';
        p = n;
        break;
      case 'apl':
        while (p < n) {
          if (p + 4 > n) return 'an APL item ends inside its header';
          const family = (bytes[p]! << 8) | bytes[p + 1]!;
          const afd = bytes[p + 3]! & 0x7f;
          if ((family === 1 && afd > 4) || (family === 2 && afd > 16) || p + 4 + afd > n) return 'an APL item has an address longer than its family allows or than the data';
          p += 4 + afd;
        }
        break;
      case 'base64': case 'hex': case 'nsap':
        if (p >= n && kind === 'nsap') return 'the NSAP address is empty';
        p = n;
        break;
      default:
        p = n;
    }
  }
  return p < n ? `the data has ${n - p} octet${n - p > 1 ? 's' : ''} after the last field; make the length match ${type}'s fields` : p > n ? `the data is shorter than ${type}'s fields` : null;
}

const WIRE_SIZE: Readonly<Partial<Record<FieldKind, number>>> = {
  u8: 1, u16: 2, u32: 4, period: 4, ipv4: 4, ipv6: 16, type: 2, algorithm: 1, 'cert-type': 2, time: 4, ilnp64: 8, eui48: 6, eui64: 8, 'wks-protocol': 1,
};

/** End of the uncompressed name at `p`, or -1 when it is not one. */
function wireName(b: Uint8Array, p: number): number {
  let total = 0;
  for (;;) {
    if (p >= b.length) return -1;
    const len = b[p]!;
    if (len > 63) return -1;
    total += len + 1;
    if (total > 255) return -1;
    p += len + 1;
    if (len === 0) return p > b.length ? -1 : p;
  }
}

/** HIP on the wire (RFC 8005 §5): HIT length, algorithm, key length, HIT, key, then rendezvous names. */
function hipWire(b: Uint8Array): string | null {
  if (b.length < 4) return 'HIP data needs at least 4 octets';
  let p = 4 + b[0]! + ((b[2]! << 8) | b[3]!);
  if (p > b.length) return 'the HIT or key runs past the end of the data';
  while (p < b.length) {
    const end = wireName(b, p);
    if (end < 0) return 'a rendezvous server name is not well-formed';
    p = end;
  }
  return null;
}
