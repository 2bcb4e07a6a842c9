// The policy fetch for Node (RFC 8461 §3.3): HTTPS GET with certificate verification and SNI, redirects never
// followed, no cache, body and time capped; plus the plain-HTTP probe the checker uses to say "HTTP only".
import type { LookupAddress, LookupOneOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type tls from 'node:tls';
import type { Socket } from 'node:net';
import { URL } from 'node:url';
import type { FetchErrorKind, FetchPolicy, PolicyFetchResult, Resolve, TransportOptions } from '../check/transport.ts';
import { decodeUtf8 } from '../text/decode.ts';
import { trustContext } from './trust.ts';

/** Options of `fetchPolicyNode` and `probeHttp`. */
export interface FetchPolicyNodeOptions {
  /** Extra CA certificate(s) (PEM) to trust besides the system's. */
  readonly ca?: string | Buffer;
  /** Time cap for the whole fetch, DNS to last body byte; default 10000 ms. */
  readonly timeoutMs?: number;
  /** Time cap for DNS + TCP + TLS; default the whole `timeoutMs`. */
  readonly connectTimeoutMs?: number;
  /** Body size cap; default 65536 bytes (RFC 8461 §3.3 suggests 64 KiB). */
  readonly maxBytes?: number;
  /** Resolve the host through this resolver (A, then AAAA) instead of the system's (and /etc/hosts). */
  readonly lookup?: Resolve;
  /** Connect to this port instead of 443 (a test world's HTTPS port). */
  readonly port?: number;
  /** Connect to this port instead of 80 for `probeHttp`. */
  readonly httpPort?: number;
}

/** Default body size cap of a policy fetch. */
export const POLICY_MAX_BYTES = 65_536;

/** A FetchPolicy over node:https: only `https://` URLs to host names, no redirects, capped. Never rejects. */
export function fetchPolicyNode(options: FetchPolicyNodeOptions = {}): FetchPolicy {
  let secureContext: tls.SecureContext | undefined;
  const trust = () => (secureContext ??= trustContext(options.ca));
  return (url, opts) => get(url, 'https:', options, opts, trust);
}

/** Plain-HTTP GET of the same host and path with the same caps, to tell "served over HTTP only". Never rejects. */
export function probeHttp(url: string, options: FetchPolicyNodeOptions = {}, opts?: TransportOptions): Promise<PolicyFetchResult> {
  return get(url, 'http:', options, opts, () => undefined);
}

/** `probeHttp` in the FetchPolicy shape, for the checker's `probeHttp` option. */
export function probeHttpNode(options: FetchPolicyNodeOptions = {}): FetchPolicy {
  return (url, opts) => probeHttp(url, options, opts);
}

interface Failure {
  readonly kind: FetchErrorKind;
  readonly message: string;
}

async function get(
  rawUrl: string,
  scheme: 'https:' | 'http:',
  options: FetchPolicyNodeOptions,
  opts: TransportOptions | undefined,
  trust: () => tls.SecureContext | undefined,
): Promise<PolicyFetchResult> {
  const start = Date.now();
  const empty = (error: Failure): PolicyFetchResult => ({ url: rawUrl, bytes: 0, truncated: false, error, ms: Date.now() - start });
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return empty({ kind: 'other', message: `\`${rawUrl}\` is not a URL` });
  }
  if (scheme === 'http:' && url.protocol === 'https:') url.protocol = 'http:';
  if (url.protocol !== scheme) {
    return empty({ kind: 'other', message: `only ${scheme}// URLs are fetched, not \`${url.protocol}\`` });
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === '' || isIP(host) !== 0) {
    return empty({ kind: 'other', message: `\`${host}\` is an IP address; a policy is only fetched from a host name` });
  }

  const timeoutMs = options.timeoutMs ?? 10_000;
  const connectTimeoutMs = Math.min(options.connectTimeoutMs ?? timeoutMs, timeoutMs);
  const maxBytes = options.maxBytes ?? POLICY_MAX_BYTES;
  const port = Number(url.port) || (scheme === 'https:' ? (options.port ?? 443) : (options.httpPort ?? 80));

  // One controller for DNS, connect and body: whichever cap fires first ends everything.
  const abort = new AbortController();
  let timedOutAt: 'connect' | 'total' | undefined;
  const total = setTimeout(() => {
    timedOutAt = 'total';
    abort.abort();
  }, timeoutMs);
  const connectTimer = setTimeout(() => {
    timedOutAt = 'connect';
    abort.abort();
  }, connectTimeoutMs);
  const onOuter = () => abort.abort();
  opts?.signal?.addEventListener('abort', onOuter, { once: true });
  if (opts?.signal?.aborted) abort.abort();
  const timeoutFailure = (): Failure =>
    timedOutAt === 'connect'
      ? { kind: 'timeout', message: `no connection to \`${host}\` within ${connectTimeoutMs} ms` }
      : timedOutAt === 'total'
        ? { kind: 'timeout', message: `\`${host}\` did not send the whole policy within ${timeoutMs} ms` }
        : { kind: 'timeout', message: 'the fetch was cancelled' };

  try {
    let address: { address: string; family: number } | undefined;
    if (options.lookup) {
      const found = await lookupAddress(options.lookup, host, abort.signal);
      if (abort.signal.aborted) return empty(timeoutFailure());
      if ('kind' in found) return empty(found);
      address = found;
    }
    return await request({
      rawUrl,
      url,
      host,
      port,
      scheme,
      secureContext: trust(),
      maxBytes,
      address,
      signal: abort.signal,
      connected: () => clearTimeout(connectTimer),
      timeoutFailure,
      start,
    });
  } finally {
    clearTimeout(total);
    clearTimeout(connectTimer);
    opts?.signal?.removeEventListener('abort', onOuter);
  }
}

async function lookupAddress(
  resolve: Resolve,
  host: string,
  signal: AbortSignal,
): Promise<{ address: string; family: number } | Failure> {
  const a = await resolve(host, 'A', { signal });
  const first = a.records[0];
  if (first) return { address: first.address, family: 4 };
  if (a.status === 'nxdomain') return { kind: 'dns', message: `\`${host}\` does not exist (NXDOMAIN)` };
  if (a.status === 'timeout') return { kind: 'dns', message: `\`${host}\` could not be resolved (${a.error ?? 'timeout'})` };
  const aaaa = await resolve(host, 'AAAA', { signal });
  const first6 = aaaa.records[0];
  if (first6) return { address: first6.address, family: 6 };
  const why =
    a.status === 'nodata' && (aaaa.status === 'nodata' || aaaa.status === 'nxdomain')
      ? 'has no A or AAAA record'
      : `could not be resolved (${a.error ?? aaaa.error ?? `${a.status}`})`;
  return { kind: 'dns', message: `\`${host}\` ${why}` };
}

/** Everything one HTTP(S) request needs, decided by `get`. */
interface Attempt {
  readonly rawUrl: string;
  readonly url: URL;
  readonly host: string;
  readonly port: number;
  readonly scheme: 'https:' | 'http:';
  /** Trust beyond the system's CAs, when the caller gave a CA. */
  readonly secureContext: tls.SecureContext | undefined;
  readonly maxBytes: number;
  /** Address found through the caller's resolver, or undefined for the system's. */
  readonly address: { address: string; family: number } | undefined;
  readonly signal: AbortSignal;
  /** Called once TCP (and TLS) is up: clears the connect cap. */
  readonly connected: () => void;
  readonly timeoutFailure: () => Failure;
  readonly start: number;
}

function request(a: Attempt): Promise<PolicyFetchResult> {
  const { rawUrl, url, host, port, scheme, maxBytes, address, signal, connected, timeoutFailure, start } = a;
  return new Promise((resolve) => {
    let status: number | undefined;
    let contentType: string | undefined;
    let location: string | undefined;
    const chunks: Buffer[] = [];
    let bytes = 0;
    let truncated = false;
    let settled = false;
    const done = (error?: Failure) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      const body = status === undefined ? undefined : decodeUtf8(Buffer.concat(chunks, bytes)).text;
      resolve({
        url: rawUrl,
        ...(status !== undefined ? { status } : {}),
        ...(contentType !== undefined ? { contentType } : {}),
        ...(location !== undefined ? { location } : {}),
        ...(body !== undefined ? { body } : {}),
        bytes,
        truncated,
        ...(error ? { error } : {}),
        ms: Date.now() - start,
      });
    };
    const requestOptions: https.RequestOptions = {
      method: 'GET',
      host,
      port,
      path: url.pathname + url.search,
      agent: false,
      headers: { Accept: 'text/plain', 'Cache-Control': 'no-cache', 'User-Agent': 'sts-lens' },
      ...(address ? { lookup: fixedLookup(address) } : {}),
    };
    const req =
      scheme === 'https:'
        ? https.request({ ...requestOptions, servername: host, ...(a.secureContext ? { secureContext: a.secureContext } : {}) })
        : http.request(requestOptions);
    const onAbort = () => {
      req.destroy();
      done(timeoutFailure());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    req.on('socket', (socket: Socket) => {
      socket.once(scheme === 'https:' ? 'secureConnect' : 'connect', connected);
    });
    req.on('response', (res) => {
      connected();
      status = res.statusCode;
      contentType = res.headers['content-type'];
      location = status !== undefined && status >= 300 && status < 400 ? res.headers.location : undefined;
      res.on('data', (chunk: Buffer) => {
        if (truncated) return;
        if (bytes + chunk.length > maxBytes) {
          chunks.push(chunk.subarray(0, maxBytes - bytes));
          bytes = maxBytes;
          truncated = true;
          req.destroy();
          done({ kind: 'too-large', message: `the body is larger than ${maxBytes} bytes; reading stopped there` });
          return;
        }
        chunks.push(chunk);
        bytes += chunk.length;
      });
      res.on('end', () => done());
      res.on('error', (e) => done(classify(e, host, status !== undefined, port)));
      res.on('close', () => {
        if (!res.complete) done({ kind: 'http', message: `\`${host}\` closed the connection before the body was complete` });
      });
    });
    req.on('error', (e) => done(signal.aborted ? timeoutFailure() : classify(e, host, status !== undefined, port)));
    req.end();
  });
}

// Node's lookup callback has two shapes (one address, or all of them); answer both with the address found earlier.
function fixedLookup(found: { address: string; family: number }) {
  return (
    _hostname: string,
    opts: LookupOneOptions | { all: true },
    callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    if ((opts as { all?: boolean }).all) callback(null, [{ address: found.address, family: found.family }]);
    else callback(null, found.address, found.family);
  };
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'INVALID_CA',
]);

/** Map a Node network/TLS error to the fetch error kinds; exported for the tests. */
export function classify(e: unknown, host: string, gotResponse = false, port?: number): Failure {
  const code = String((e as { code?: unknown })?.code ?? '');
  const text = e instanceof Error ? e.message : String(e);
  if (code === 'CERT_HAS_EXPIRED') return { kind: 'tls-certificate-expired', message: `the certificate of \`${host}\` has expired` };
  if (code === 'CERT_NOT_YET_VALID') {
    return { kind: 'tls-certificate-expired', message: `the certificate of \`${host}\` is not valid yet` };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return { kind: 'tls-certificate-name', message: `the certificate does not name \`${host}\` (${text})` };
  }
  if (UNTRUSTED.has(code)) {
    return { kind: 'tls-certificate-untrusted', message: `the certificate of \`${host}\` is not trusted (${code})` };
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO' || /SSL|TLS/.test(text)) {
    return { kind: 'tls', message: `TLS with \`${host}\` failed: ${text}` };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') {
    return { kind: 'dns', message: `\`${host}\` could not be resolved (${code})` };
  }
  if (code === 'ETIMEDOUT') return { kind: 'timeout', message: `connecting to \`${host}\` timed out` };
  if (code.startsWith('HPE_')) return { kind: 'http', message: `\`${host}\` sent a malformed HTTP response (${code})` };
  if (!gotResponse && ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'].includes(code)) {
    const on = port === undefined ? '' : ` on port ${port}`;
    const why = code === 'ECONNREFUSED' ? `refused the connection${on}` : `could not be reached${on} (${code})`;
    return { kind: 'connect', message: `\`${host}\` ${why}` };
  }
  if (gotResponse) return { kind: 'http', message: `the response from \`${host}\` broke off: ${text}` };
  return { kind: 'other', message: `fetching from \`${host}\` failed: ${text}` };
}
