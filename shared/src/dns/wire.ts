// DNS wire format (RFC 1035 §4) for the transports: one query out, one answer in, decoded into the checker's
// typed records. Uses @leichtgewicht/dns-packet (Uint8Array based), so the same code runs in a service worker,
// behind DoH, and over UDP/TCP in Node.
import * as packet from '@leichtgewicht/dns-packet';
import type { Answer, OptAnswer, Packet } from '@leichtgewicht/dns-packet';
import type { DnsAnswer, DnsRecord, DnsStatus, RecordOf, RecordType } from '../check/transport.ts';
import { decodeUtf8 } from '../text/decode.ts';

/** UDP payload size advertised in the EDNS(0) OPT record: the DNS flag day 2020 value, no fragmentation. */
export const EDNS_UDP_SIZE = 1232;

// Longer chains are treated as a loop; resolvers give up around 8-16 links too.
const MAX_CNAME_CHAIN = 16;

/** Lower-case a name and drop one trailing dot, the form names are compared and reported in. */
export function canonicalName(name: string): string {
  const lower = name.toLowerCase();
  return lower.length > 1 && lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** Why `name` cannot be put in a query (RFC 1035 §2.3.4 limits), or undefined when it can. */
export function queryNameProblem(name: string): string | undefined {
  const n = canonicalName(name);
  if (n === '' || n === '.') return 'the name is empty';
  const encoder = new TextEncoder();
  if (encoder.encode(n).length > 253) return `the name \`${n.slice(0, 40)}…\` is longer than 253 octets`;
  for (const label of n.split('.')) {
    if (label === '') return `the name \`${n}\` has an empty label`;
    if (encoder.encode(label).length > 63) return `the name \`${n}\` has a label longer than 63 octets`;
  }
  return undefined;
}

/**
 * A recursive query (RD set) for `name`/`type` with an EDNS(0) OPT record. `id` 0 keeps DoH GET URLs cacheable
 * (RFC 8484 §4.1). Throws RangeError when `queryNameProblem(name)` reports a problem.
 */
export function encodeQuery(name: string, type: RecordType, id: number): Uint8Array {
  const problem = queryNameProblem(name);
  if (problem) throw new RangeError(problem);
  // The library writes udpPayloadSize for OPT although its types do not list it.
  const opt: OptAnswer & { udpPayloadSize: number } = { type: 'OPT', name: '.', data: [], udpPayloadSize: EDNS_UDP_SIZE };
  return packet.encode({
    type: 'query',
    id: id & 0xffff,
    flags: packet.RECURSION_DESIRED,
    questions: [{ type, name: canonicalName(name), class: 'IN' }],
    additionals: [opt],
  });
}

/** True when the TC (truncated) bit of a wire-format message is set, so the query must be retried over TCP. */
export function isTruncated(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ((bytes[2] ?? 0) & 0x02) !== 0;
}

/** The message id of a wire-format message (0 when too short to have one). */
export function messageId(bytes: Uint8Array): number {
  return bytes.length >= 2 ? ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0) : 0;
}

/**
 * Decode a wire-format answer to a query for `name`/`type`: follows CNAMEs inside the answer section, maps the
 * RCODE to a status, decodes TXT character-strings from bytes. Never throws: malformed bytes give status `error`.
 * `ms` is 0; the transport fills it in.
 */
export function decodeAnswer<T extends RecordType>(bytes: Uint8Array, name: string, type: T): DnsAnswer<T> {
  const qname = canonicalName(name);
  const fail = (status: DnsStatus, error: string | undefined, cnames: readonly string[] = []): DnsAnswer<T> =>
    error === undefined
      ? { name: qname, type, status, records: [], cnames, ms: 0 }
      : { name: qname, type, status, records: [], cnames, error, ms: 0 };
  let msg: Packet;
  try {
    msg = packet.decode(bytes);
  } catch (e) {
    return fail('error', `malformed DNS answer (${e instanceof Error ? e.message : 'undecodable'})`);
  }
  // The library reads through slices that clamp at the end, so a cut message decodes "fine"; compare lengths.
  if ((packet.decode as unknown as { bytes: number }).bytes > bytes.length) {
    return fail('error', 'malformed DNS answer (the message is cut short)');
  }
  if (msg.type !== 'response') return fail('error', 'the server sent a query, not an answer');
  const question = msg.questions?.[0];
  if (question && (canonicalName(question.name) !== qname || question.type !== type)) {
    return fail('error', `answer is for \`${question.name}\` ${question.type}, not \`${qname}\` ${type}`);
  }

  // Follow the chain from the asked name through the CNAMEs the server included (RFC 1034 §3.6.2).
  const answers = msg.answers ?? [];
  const cnames: string[] = [];
  let owner = qname;
  if (type !== 'CNAME') {
    for (;;) {
      const alias = answers.find((a) => a.type === 'CNAME' && canonicalName(a.name) === owner);
      if (!alias) break;
      const target = canonicalName(String(alias.data));
      if (target === qname || cnames.includes(target) || cnames.length >= MAX_CNAME_CHAIN) {
        return fail('error', `CNAME loop at \`${target}\``, [...cnames, target]);
      }
      cnames.push(target);
      owner = target;
    }
  }

  const rcode = String(msg.rcode ?? 'NOERROR');
  if (rcode === 'NXDOMAIN') return fail('nxdomain', undefined, cnames);
  if (rcode === 'SERVFAIL') return fail('servfail', 'the server failed to answer (SERVFAIL)', cnames);
  if (rcode === 'REFUSED') return fail('refused', 'the server refused the query (REFUSED)', cnames);
  if (rcode !== 'NOERROR') return fail('error', `the server answered ${rcode}`, cnames);

  const records: RecordOf<T>[] = [];
  try {
    for (const a of answers) {
      if (a.type !== type || canonicalName(a.name) !== owner) continue;
      const r = toRecord(a);
      if (r) records.push(r as RecordOf<T>);
    }
  } catch (e) {
    return fail('error', `malformed ${type} record (${e instanceof Error ? e.message : 'undecodable'})`, cnames);
  }
  return { name: qname, type, status: records.length > 0 ? 'ok' : 'nodata', records, cnames, ms: 0 };
}

function toRecord(a: Answer): DnsRecord | undefined {
  const base = { name: canonicalName(a.name), ttl: a.ttl ?? 0 };
  switch (a.type) {
    case 'TXT':
      return txtRecord(base, a.data);
    case 'MX':
      return { ...base, type: 'MX', preference: a.data.preference ?? 0, exchange: canonicalName(a.data.exchange) };
    case 'CNAME':
      return { ...base, type: 'CNAME', target: canonicalName(a.data) };
    case 'A':
    case 'AAAA':
      return { ...base, type: a.type, address: a.data };
    case 'TLSA':
      return tlsaRecord(base, a.data);
    default:
      return undefined;
  }
}

function txtRecord(base: { name: string; ttl: number }, data: unknown): DnsRecord {
  const chunks = (Array.isArray(data) ? data : [data]).map((d) =>
    d instanceof Uint8Array ? d : new TextEncoder().encode(String(d)),
  );
  const strings = chunks.map((c) => decodeUtf8(c));
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  const value = decodeUtf8(all);
  return {
    ...base,
    type: 'TXT',
    strings: strings.map((s) => s.text),
    value: value.text,
    invalidUtf8: value.invalidUtf8At >= 0 || strings.some((s) => s.invalidUtf8At >= 0),
  };
}

// RDATA: usage (1 octet), selector (1), matching type (1), certificate association data (rest). RFC 6698 §2.1.
function tlsaRecord(base: { name: string; ttl: number }, data: unknown): DnsRecord | undefined {
  if (!(data instanceof Uint8Array) || data.length < 3) throw new Error('TLSA RDATA shorter than 3 octets');
  let hex = '';
  for (let i = 3; i < data.length; i++) hex += (data[i] ?? 0).toString(16).padStart(2, '0');
  return { ...base, type: 'TLSA', usage: data[0] ?? 0, selector: data[1] ?? 0, matchingType: data[2] ?? 0, data: hex };
}
