// Resource record type and class mnemonics (IANA DNS parameters), as zone files spell them.

const TYPES: readonly (readonly [string, number])[] = [
  ['A', 1], ['NS', 2], ['MD', 3], ['MF', 4], ['CNAME', 5], ['SOA', 6], ['MB', 7], ['MG', 8], ['MR', 9], ['NULL', 10],
  ['WKS', 11], ['PTR', 12], ['HINFO', 13], ['MINFO', 14], ['MX', 15], ['TXT', 16], ['RP', 17], ['AFSDB', 18],
  ['X25', 19], ['ISDN', 20], ['RT', 21], ['NSAP', 22], ['NSAP-PTR', 23], ['SIG', 24], ['KEY', 25], ['PX', 26],
  ['GPOS', 27], ['AAAA', 28], ['LOC', 29], ['NXT', 30], ['EID', 31], ['NIMLOC', 32], ['SRV', 33], ['ATMA', 34],
  ['NAPTR', 35], ['KX', 36], ['CERT', 37], ['A6', 38], ['DNAME', 39], ['SINK', 40], ['APL', 42], ['DS', 43],
  ['SSHFP', 44], ['IPSECKEY', 45], ['RRSIG', 46], ['NSEC', 47], ['DNSKEY', 48], ['DHCID', 49], ['NSEC3', 50],
  ['NSEC3PARAM', 51], ['TLSA', 52], ['SMIMEA', 53], ['HIP', 55], ['NINFO', 56], ['RKEY', 57], ['TALINK', 58],
  ['CDS', 59], ['CDNSKEY', 60], ['OPENPGPKEY', 61], ['CSYNC', 62], ['ZONEMD', 63], ['SVCB', 64], ['HTTPS', 65],
  ['SPF', 99], ['UINFO', 100], ['UID', 101], ['GID', 102], ['UNSPEC', 103], ['NID', 104], ['L32', 105],
  ['L64', 106], ['LP', 107], ['EUI48', 108], ['EUI64', 109], ['OPT', 41], ['TKEY', 249], ['TSIG', 250], ['IXFR', 251], ['AXFR', 252], ['MAILB', 253], ['MAILA', 254], ['ANY', 255], ['URI', 256],
  ['CAA', 257], ['AVC', 258], ['DOA', 259], ['AMTRELAY', 260], ['RESINFO', 261], ['TA', 32768], ['DLV', 32769],
];

export const RR = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, DNAME: 39, DS: 43, DNSKEY: 48,
  TLSA: 52, SVCB: 64, HTTPS: 65, CAA: 257,
} as const;

const byName = new Map<string, number>(TYPES);
const byCode = new Map<number, string>(TYPES.map(([n, c]) => [c, n]));

// Mnemonics of up to seven letters packed into one number (7 bits a letter, upper-cased; exact in a double), so
// the parser finds the common types without cutting a string out of the text.
const packed = new Map<number, number>();
for (const [name, code] of TYPES) if (name.length <= 7 && /^[A-Z0-9]+$/.test(name)) packed.set(pack(name, 0, name.length), code);

function pack(s: string, start: number, end: number): number {
  let v = 0;
  for (let i = start; i < end; i++) {
    let c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    v = v * 128 + (c & 127);
  }
  return v;
}

/** The numeric type written at `text[start, end)`, or -1. */
export function typeCodeAt(text: string, start: number, end: number): number {
  if (end - start <= 7) {
    for (let i = start; i < end; i++) if (text.charCodeAt(i) > 127) return -1;
    const code = packed.get(pack(text, start, end));
    if (code !== undefined) return code;
  }
  return end - start > 10 ? -1 : typeCode(text.slice(start, end));
}

/** The numeric class written at `text[start, end)`, or -1 (`IN` without cutting a string). */
export function classCodeAt(text: string, start: number, end: number): number {
  if (end - start === 2 && (text.charCodeAt(start) | 32) === 105 && (text.charCodeAt(start + 1) | 32) === 110) return 1;
  return end - start > 8 ? -1 : classCode(text.slice(start, end));
}

/** The numeric type of a mnemonic (`MX`, `mx`, `TYPE65534`), or -1. */
export function typeCode(token: string): number {
  const known = byName.get(token) ?? byName.get(token.toUpperCase());
  if (known !== undefined) return known;
  return numbered(token, 'TYPE');
}

/** The mnemonic of a numeric type (`TYPE65534` when it has none). */
export function typeName(code: number): string {
  return byCode.get(code) ?? `TYPE${code}`;
}

const CLASSES = new Map<string, number>([['IN', 1], ['CS', 2], ['CH', 3], ['HS', 4], ['NONE', 254], ['ANY', 255]]);
const CLASS_NAMES = new Map<number, string>([...CLASSES].map(([n, c]) => [c, n]));

/** The numeric class of a mnemonic (`IN`, `ch`, `CLASS1`), or -1. */
export function classCode(token: string): number {
  if (token.length > 8) return -1;
  const known = CLASSES.get(token) ?? CLASSES.get(token.toUpperCase());
  if (known !== undefined) return known;
  return numbered(token, 'CLASS');
}

/** The mnemonic of a numeric class. */
export function className(code: number): string {
  return CLASS_NAMES.get(code) ?? `CLASS${code}`;
}

/** `TYPE123` / `CLASS4` (RFC 3597 §5) → 123 / 4; -1 otherwise. */
function numbered(token: string, prefix: string): number {
  if (token.length <= prefix.length || token.length > prefix.length + 5) return -1;
  if (token.slice(0, prefix.length).toUpperCase() !== prefix) return -1;
  let v = 0;
  for (let i = prefix.length; i < token.length; i++) {
    const d = token.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v <= 65535 ? v : -1;
}
