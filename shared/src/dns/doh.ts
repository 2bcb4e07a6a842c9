// DNS over HTTPS (RFC 8484) on top of an injected byte fetcher: global fetch in the browser, node:http2 in Node.
import type { AbortSignalLike, DnsAnswer, RecordType, Resolve, TransportOptions } from '../check/transport.ts';
import { ABORTED, elapsed, startDeadline, untilAborted } from './deadline.ts';
import { canonicalName, decodeAnswer, encodeQuery, messageId, queryNameProblem } from './wire.ts';

/** Media type of DNS wire-format messages (RFC 8484 §6). */
export const DNS_MESSAGE = 'application/dns-message';

/** Largest DNS message over TCP or HTTP: a 16-bit length. */
export const MAX_DNS_MESSAGE = 65_535;

/** What a byte fetcher returns: the status, the Content-Type and the body (cut at `maxBytes`). */
export interface FetchBytesResponse {
  readonly status: number;
  readonly contentType?: string;
  readonly bytes: Uint8Array;
  /** True when the body was longer than `maxBytes` and was cut. */
  readonly truncated?: boolean;
}

/** Options a byte fetcher receives. */
export interface FetchBytesInit {
  readonly signal: AbortSignalLike;
  /** Value of the Accept header. */
  readonly accept: string;
  /** Stop reading the body past this many bytes. */
  readonly maxBytes: number;
}

/** GET `url` and return the raw body; may reject (the resolver turns that into a status). */
export type FetchBytes = (url: string, init: FetchBytesInit) => Promise<FetchBytesResponse>;

/** Options of `createDohResolver`. */
export interface DohResolverOptions {
  /** The DoH endpoint, e.g. `https://dns.example/dns-query` (a `{?dns}` URI template suffix is accepted). */
  readonly endpoint: string;
  readonly fetchBytes: FetchBytes;
  /** Time cap per lookup; default 5000 ms. */
  readonly timeoutMs?: number;
  /** Size cap per answer; default 65535 bytes. */
  readonly maxBytes?: number;
}

/** Base64url without padding (RFC 4648 §5), as RFC 8484 §4.1 requires for the `dns` parameter. */
export function base64url(bytes: Uint8Array): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += abc[(n >> 18) & 63]! + abc[(n >> 12) & 63]! + abc[(n >> 6) & 63]! + abc[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] ?? 0) << 16) | ((rest === 2 ? (bytes[i + 1] ?? 0) : 0) << 8);
    out += abc[(n >> 18) & 63]! + abc[(n >> 12) & 63]!;
    if (rest === 2) out += abc[(n >> 6) & 63]!;
  }
  return out;
}

/** The RFC 8484 GET URL for `query` (wire bytes) at `endpoint`: `?dns=` base64url, no padding. */
export function dohGetUrl(endpoint: string, query: Uint8Array): string {
  const base = endpoint.replace(/\{\?dns\}$/, '');
  return `${base}${base.includes('?') ? '&' : '?'}dns=${base64url(query)}`;
}

/** A Resolve over DoH GET (id 0, RFC 8484 §4.1), with a time and size cap on every lookup. */
export function createDohResolver(options: DohResolverOptions): Resolve {
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = options.maxBytes ?? MAX_DNS_MESSAGE;
  const resolve = async <T extends RecordType>(name: string, type: T, opts?: TransportOptions): Promise<DnsAnswer<T>> => {
    const start = Date.now();
    const qname = canonicalName(name);
    const fail = (status: 'timeout' | 'error', error: string): DnsAnswer<T> => ({
      name: qname,
      type,
      status,
      records: [],
      cnames: [],
      error,
      ms: elapsed(start),
    });
    const problem = queryNameProblem(name);
    if (problem) return fail('error', problem);
    const url = dohGetUrl(options.endpoint, encodeQuery(name, type, 0));
    const deadline = startDeadline(timeoutMs, opts?.signal);
    try {
      const res = await untilAborted(
        options.fetchBytes(url, { signal: deadline.signal, accept: DNS_MESSAGE, maxBytes }),
        deadline.signal,
      );
      if (res === ABORTED) return fail('timeout', timeoutMessage(deadline.timedOut(), timeoutMs));
      if (res.status !== 200) return fail('error', `the DoH server answered HTTP ${res.status}`);
      const ct = res.contentType?.split(';')[0]?.trim().toLowerCase();
      if (ct !== undefined && ct !== DNS_MESSAGE) {
        return fail('error', `the DoH server answered \`${ct}\`, not \`${DNS_MESSAGE}\``);
      }
      if (res.truncated || res.bytes.length > maxBytes) return fail('error', `the DoH answer is larger than ${maxBytes} bytes`);
      if (messageId(res.bytes) !== 0) return fail('error', 'the DoH answer has a message id other than the query’s');
      return { ...decodeAnswer(res.bytes, name, type), ms: elapsed(start) };
    } catch (e) {
      if (deadline.signal.aborted) return fail('timeout', timeoutMessage(deadline.timedOut(), timeoutMs));
      return fail('error', `DoH request failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      deadline.dispose();
    }
  };
  return resolve;
}

function timeoutMessage(timedOut: boolean, timeoutMs: number): string {
  return timedOut ? `no answer within ${timeoutMs} ms` : 'the lookup was cancelled';
}
