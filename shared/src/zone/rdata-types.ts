// Record types as data: for every type the RDATA fields its RFC defines, each of one field kind. One table drives
// the RDATA check of text and of RFC 3597 `\#` data (rdata-fields.ts), the name-length rule, docs/zone.md and hover.

/**
 * Kinds of RDATA field. Single-token kinds read one token; the "rest" kinds (see `REST_KINDS`) read every token
 * left, so they come last.
 */
export type FieldKind =
  | 'name' // a domain name, relative to the origin (RFC 1035 §5.1)
  | 'u8' | 'u16' | 'u32' // decimal numbers
  | 'period' // a 32-bit time in seconds, units allowed (`1h30m`): SOA timers (RFC 1035 §3.3.13)
  | 'ipv4' | 'ipv6'
  | 'string' // one character-string, at most 255 octets (RFC 1035 §3.3)
  | 'type' // a type mnemonic or TYPEnnn (RRSIG type covered)
  | 'algorithm' // a DNSSEC algorithm number or mnemonic (RFC 4034 App. A.1)
  | 'cert-type' // a CERT type number or mnemonic (RFC 4398 §2.1)
  | 'time' // YYYYMMDDHHmmSS or seconds since 1970 (RFC 4034 §3.2)
  | 'salt' // hex, or `-` for none (RFC 5155 §3.3)
  | 'base32hex' // NSEC3 next hashed owner, base32 with the extended hex alphabet, no padding (RFC 5155 §3.3)
  | 'hex1' // one token of hex (HIP HIT)
  | 'base64-1' // one token of base64 (HIP public key)
  | 'eui48' | 'eui64' // `xx-xx-xx-xx-xx-xx(-xx-xx)` (RFC 7043 §3.2, §4.2)
  | 'ilnp64' // `xxxx:xxxx:xxxx:xxxx` (RFC 6742 §2.1)
  | 'nsap' // `0x` and hex digits, dots between them allowed (RFC 1706 §5)
  | 'wks-protocol' // `tcp`, `udp` or a protocol number (RFC 1035 §3.4.2)
  | 'gateway' // IPSECKEY / AMTRELAY gateway, its form given by the gateway type field before it (RFC 4025 §3)
  | 'caa-tag' // letters and digits (RFC 8659 §4.1)
  // rest kinds
  | 'strings' // one or more character-strings
  | 'strings?' // zero or more character-strings
  | 'base64' // base64 in one or more tokens (RFC 4648 §4)
  | 'base64?' // base64, or nothing (IPSECKEY without a key)
  | 'hex' // hex digits in one or more tokens, an even number of them
  | 'hex?' // hex digits, or nothing
  | 'types' // a type bitmap: type mnemonics, zero or more (RFC 4034 §4.1.2)
  | 'names?' // zero or more domain names (HIP rendezvous servers)
  | 'words' // WKS services: names or numbers
  | 'svc-params' // SVCB/HTTPS `key=value` parameters (RFC 9460 §2.1)
  | 'apl' // `[!]family:address/prefix` items (RFC 3123 §5)
  | 'loc' // latitude, longitude, altitude, size and precisions (RFC 1876 §3)
  | 'a6' // prefix length, address suffix, prefix name (RFC 2874 §3.1.1)
  | 'char-string-or-dash'; // DOA media type data: base64 or `-`

/** Kinds that read every token left. */
export const REST_KINDS: ReadonlySet<FieldKind> = new Set<FieldKind>(['strings', 'strings?', 'base64', 'base64?', 'hex', 'hex?', 'types', 'names?', 'words', 'svc-params', 'apl', 'loc', 'a6', 'char-string-or-dash']);

/** One RDATA field: its kind and what the RFC calls it. */
export interface RdataField {
  readonly kind: FieldKind;
  readonly name: string;
}

/** What a type's RDATA is: its fields in order, the RFC that defines them, and whether the type is for zone data at all. */
export interface RdataSchema {
  readonly fields: readonly RdataField[];
  readonly rfc: string;
  /** `meta`: a query or meta type (TKEY, TSIG, OPT, ANY, AXFR …), never zone data; `generic`: only `\#` data (NULL). */
  readonly use?: 'meta' | 'generic';
}

const f = (kind: FieldKind, name: string): RdataField => ({ kind, name });
const S = (rfc: string, ...fields: RdataField[]): RdataSchema => ({ rfc, fields });

const dnskey = (rfc: string) => S(rfc, f('u16', 'flags'), f('u8', 'protocol'), f('algorithm', 'algorithm'), f('base64', 'public key'));
const ds = (rfc: string) => S(rfc, f('u16', 'key tag'), f('algorithm', 'algorithm'), f('u8', 'digest type'), f('hex', 'digest'));
const rrsig = (rfc: string) => S(rfc, f('type', 'type covered'), f('algorithm', 'algorithm'), f('u8', 'labels'), f('u32', 'original TTL'), f('time', 'signature expiration'), f('time', 'signature inception'), f('u16', 'key tag'), f('name', "signer's name"), f('base64', 'signature'));
const tlsa = (rfc: string) => S(rfc, f('u8', 'usage'), f('u8', 'selector'), f('u8', 'matching type'), f('hex', 'certificate data'));
const oneName = (rfc: string, name: string) => S(rfc, f('name', name));
const prefName = (rfc: string, name: string) => S(rfc, f('u16', 'preference'), f('name', name));
const text = (rfc: string) => S(rfc, f('strings', 'text'));
const meta = (rfc: string): RdataSchema => ({ rfc, fields: [], use: 'meta' });

/** The RDATA of every type with a mnemonic, by type code. */
export const RDATA_TYPES: ReadonlyMap<number, RdataSchema> = new Map<number, RdataSchema>([
  [1, S('RFC 1035 §3.4.1', f('ipv4', 'address'))],
  [2, oneName('RFC 1035 §3.3.11', 'name server')],
  [3, oneName('RFC 883', 'mail destination')],
  [4, oneName('RFC 883', 'mail forwarder')],
  [5, oneName('RFC 1035 §3.3.1', 'canonical name')],
  [6, S('RFC 1035 §3.3.13', f('name', 'primary name server'), f('name', 'mailbox'), f('u32', 'serial'), f('period', 'refresh'), f('period', 'retry'), f('period', 'expire'), f('period', 'minimum'))],
  [7, oneName('RFC 1035 §3.3.3', 'mailbox host')],
  [8, oneName('RFC 1035 §3.3.6', 'mailbox')],
  [9, oneName('RFC 1035 §3.3.8', 'new mailbox')],
  [10, { rfc: 'RFC 1035 §3.3.10', fields: [f('hex?', 'data')], use: 'generic' }],
  [11, S('RFC 1035 §3.4.2', f('ipv4', 'address'), f('wks-protocol', 'protocol'), f('words', 'services'))],
  [12, oneName('RFC 1035 §3.3.12', 'target')],
  [13, S('RFC 1035 §3.3.2', f('string', 'CPU'), f('string', 'OS'))],
  [14, S('RFC 1035 §3.3.7', f('name', 'responsible mailbox'), f('name', 'error mailbox'))],
  [15, prefName('RFC 1035 §3.3.9', 'exchange')],
  [16, text('RFC 1035 §3.3.14')],
  [17, S('RFC 1183 §2.2', f('name', 'mailbox'), f('name', 'TXT name'))],
  [18, S('RFC 1183 §1', f('u16', 'subtype'), f('name', 'host'))],
  [19, S('RFC 1183 §3.1', f('string', 'PSDN address'))],
  [20, S('RFC 1183 §3.2', f('string', 'ISDN address'), f('strings?', 'subaddress'))],
  [21, prefName('RFC 1183 §3.3', 'intermediate host')],
  [22, S('RFC 1706 §5', f('nsap', 'NSAP address'))],
  [23, oneName('RFC 1706 §6', 'target')],
  [24, rrsig('RFC 2535 §4.1')],
  [25, dnskey('RFC 2535 §3.1')],
  [26, S('RFC 2163 §4', f('u16', 'preference'), f('name', 'MAP822'), f('name', 'MAPX400'))],
  [27, S('RFC 1712 §3', f('string', 'longitude'), f('string', 'latitude'), f('string', 'altitude'))],
  [28, S('RFC 3596 §2.4', f('ipv6', 'address'))],
  [29, S('RFC 1876 §3', f('loc', 'location'))],
  [30, S('RFC 2535 §5.2', f('name', 'next name'), f('types', 'types'))],
  [31, S('draft-ietf-nimrod-dns', f('hex', 'endpoint identifier'))],
  [32, S('draft-ietf-nimrod-dns', f('hex', 'Nimrod locator'))],
  [33, S('RFC 2782', f('u16', 'priority'), f('u16', 'weight'), f('u16', 'port'), f('name', 'target'))],
  [34, S('ATM Forum AF-DANS-0152.000', f('strings', 'ATM address'))],
  [35, S('RFC 3403 §4', f('u16', 'order'), f('u16', 'preference'), f('string', 'flags'), f('string', 'services'), f('string', 'regexp'), f('name', 'replacement'))],
  [36, prefName('RFC 2230 §3', 'exchanger')],
  [37, S('RFC 4398 §2.2', f('cert-type', 'type'), f('u16', 'key tag'), f('algorithm', 'algorithm'), f('base64', 'certificate'))],
  [38, S('RFC 2874 §3.1.1', f('a6', 'prefix length, address suffix, prefix name'))],
  [39, oneName('RFC 6672 §2.1', 'target')],
  [40, S('draft-eastlake-kitchen-sink', f('u8', 'coding'), f('u8', 'subcoding'), f('base64?', 'data'))],
  [41, meta('RFC 6891 §6.1.1')],
  [42, S('RFC 3123 §5', f('apl', 'address prefixes'))],
  [43, ds('RFC 4034 §5.3')],
  [44, S('RFC 4255 §3.2', f('u8', 'algorithm'), f('u8', 'fingerprint type'), f('hex', 'fingerprint'))],
  [45, S('RFC 4025 §3', f('u8', 'precedence'), f('u8', 'gateway type'), f('u8', 'algorithm'), f('gateway', 'gateway'), f('base64?', 'public key'))],
  [46, rrsig('RFC 4034 §3.2')],
  [47, S('RFC 4034 §4.2', f('name', 'next domain name'), f('types', 'types'))],
  [48, dnskey('RFC 4034 §2.2')],
  [49, S('RFC 4701 §3.4', f('base64', 'digest'))],
  [50, S('RFC 5155 §3.3', f('u8', 'hash algorithm'), f('u8', 'flags'), f('u16', 'iterations'), f('salt', 'salt'), f('base32hex', 'next hashed owner'), f('types', 'types'))],
  [51, S('RFC 5155 §4.3', f('u8', 'hash algorithm'), f('u8', 'flags'), f('u16', 'iterations'), f('salt', 'salt'))],
  [52, tlsa('RFC 6698 §2.2')],
  [53, tlsa('RFC 8162 §2')],
  [55, S('RFC 8005 §5', f('u8', 'PK algorithm'), f('hex1', 'HIT'), f('base64-1', 'public key'), f('names?', 'rendezvous servers'))],
  [56, text('draft-reid-dnsext-zs')],
  [57, dnskey('draft-reid-dnsext-rkey')],
  [58, S('draft-ietf-dnsop-dnssec-trust-history', f('name', 'previous name'), f('name', 'next name'))],
  [59, ds('RFC 7344 §3.1')],
  [60, dnskey('RFC 7344 §3.2')],
  [61, S('RFC 7929 §2.3', f('base64', 'public key'))],
  [62, S('RFC 7477 §2.1', f('u32', 'SOA serial'), f('u16', 'flags'), f('types', 'types'))],
  [63, S('RFC 8976 §2.3', f('u32', 'serial'), f('u8', 'scheme'), f('u8', 'hash algorithm'), f('hex', 'digest'))],
  [64, S('RFC 9460 §2.1', f('u16', 'priority'), f('name', 'target'), f('svc-params', 'parameters'))],
  [65, S('RFC 9460 §9', f('u16', 'priority'), f('name', 'target'), f('svc-params', 'parameters'))],
  [99, text('RFC 7208 §3.1')],
  [100, S('IANA (reserved)', f('string', 'user information'))],
  [101, S('IANA (reserved)', f('u32', 'user id'))],
  [102, S('IANA (reserved)', f('u32', 'group id'))],
  [103, { rfc: 'IANA (reserved)', fields: [f('hex?', 'data')], use: 'generic' }],
  [104, S('RFC 6742 §2.1', f('u16', 'preference'), f('ilnp64', 'node id'))],
  [105, S('RFC 6742 §2.2', f('u16', 'preference'), f('ipv4', 'locator'))],
  [106, S('RFC 6742 §2.3', f('u16', 'preference'), f('ilnp64', 'locator'))],
  [107, prefName('RFC 6742 §2.4', 'FQDN')],
  [108, S('RFC 7043 §3', f('eui48', 'address'))],
  [109, S('RFC 7043 §4', f('eui64', 'address'))],
  [249, meta('RFC 2930 §2')],
  [250, meta('RFC 8945 §4.2')],
  [251, meta('RFC 1995 §3')],
  [252, meta('RFC 5936 §2')],
  [253, meta('RFC 1035 §3.2.3')],
  [254, meta('RFC 1035 §3.2.3')],
  [255, meta('RFC 1035 §3.2.3')],
  [256, S('RFC 7553 §4.5', f('u16', 'priority'), f('u16', 'weight'), f('string', 'target'))],
  [257, S('RFC 8659 §4.1', f('u8', 'flags'), f('caa-tag', 'tag'), f('strings', 'value'))],
  [258, text('IANA (AVC)')],
  [259, S('draft-durand-doa-over-dns', f('u32', 'enterprise'), f('u32', 'type'), f('u8', 'location'), f('string', 'media type'), f('char-string-or-dash', 'data'))],
  [260, S('RFC 8777 §4.2', f('u8', 'precedence'), f('u8', 'discovery optional'), f('u8', 'relay type'), f('gateway', 'relay'))],
  [261, text('RFC 9606 §5')],
  [32768, ds('draft-ietf-dnsop-trust-anchor')],
  [32769, ds('RFC 4431 §2')],
]);

/** Whether a type is a query or meta type (RFC 6895 §3.1: OPT and 128–255), which never appears in zone data. */
export function isMetaType(type: number): boolean {
  return type === 41 || (type >= 128 && type <= 255);
}

const nameFieldCache = new Map<number, readonly number[]>();

let withNames: Uint8Array | null = null;

/** Whether a type's data has name fields (`nameFields`): a table lookup, for loops over every record. */
export function hasNameFields(type: number): boolean {
  if (withNames === null) {
    withNames = new Uint8Array(65536);
    for (const code of RDATA_TYPES.keys()) if (nameFields(code).length > 0) withNames[code] = 1;
  }
  return withNames[type] === 1;
}

/** Indexes of a type's single-token fields that are domain names (e.g. SOA: 0 and 1; MX: 1). */
export function nameFields(type: number): readonly number[] {
  let list = nameFieldCache.get(type);
  if (list) return list;
  const fields = RDATA_TYPES.get(type)?.fields ?? [];
  const out: number[] = [];
  for (let k = 0; k < fields.length && !REST_KINDS.has(fields[k]!.kind); k++) if (fields[k]!.kind === 'name') out.push(k);
  list = out;
  nameFieldCache.set(type, list);
  return list;
}

/** How docs/zone.md describes a field kind. */
const KIND_TEXT: Readonly<Record<FieldKind, string>> = {
  name: 'name', u8: '0–255', u16: '0–65535', u32: '0–4294967295', period: 'time, 32-bit, units allowed', ipv4: 'IPv4', ipv6: 'IPv6',
  string: 'string ≤ 255 octets', type: 'type mnemonic', algorithm: 'algorithm number or mnemonic', 'cert-type': 'type number or mnemonic',
  time: '`YYYYMMDDHHmmSS` or seconds', salt: 'hex or `-`', base32hex: 'base32hex, 20 octets for SHA-1', hex1: 'hex', 'base64-1': 'base64',
  eui48: '`xx-xx-xx-xx-xx-xx`', eui64: '`xx-xx-xx-xx-xx-xx-xx-xx`', ilnp64: '`xxxx:xxxx:xxxx:xxxx`', nsap: '`0x` hex, even digits',
  'wks-protocol': '`tcp`, `udp` or number', gateway: '`.`, IPv4, IPv6 or name by gateway type', 'caa-tag': 'letters and digits',
  strings: 'one or more strings', 'strings?': 'zero or more strings', base64: 'base64', 'base64?': 'base64 or nothing', hex: 'hex, even digits',
  'hex?': 'hex or nothing', types: 'type mnemonics', 'names?': 'names', words: 'service names or numbers',
  'svc-params': 'known keys once each, values by key, `mandatory` consistent', apl: '`[!]family:address/prefix`', loc: 'degrees, minutes, seconds, metres in range',
  a6: 'prefix length, suffix, prefix name', 'char-string-or-dash': 'base64 or `-`',
};

/** The docs/zone.md table of every record type: its code, its fields and what is checked of each, its RFC. */
export function recordTypesMarkdown(typeName: (code: number) => string): string {
  const rows = ['| Type | Code | RDATA fields (what is checked) | RFC |', '|---|---|---|---|'];
  for (const [code, schema] of [...RDATA_TYPES].sort((a, b) => a[0] - b[0])) {
    const fields = schema.use === 'meta'
      ? 'a query or meta type: refused in zone data (`zone/meta-type`)'
      : schema.use === 'generic'
        ? 'no text form: only RFC 3597 `\\#` data'
        : schema.fields.map((f) => `${f.name} (${KIND_TEXT[f.kind]})`).join(', ');
    rows.push(`| ${typeName(code)} | ${code} | ${fields} | ${schema.rfc} |`);
  }
  return rows.join('\n');
}
