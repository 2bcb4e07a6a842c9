// The browser transports of the domain checker: the policy fetch (design.md §6) and the byte fetcher under the
// DoH resolver, both over the global fetch of the service worker (or any extension page).
import type { FetchBytes, FetchPolicy, PolicyFetchResult } from '@sts-lens/shared/check';

/** Largest policy body read (RFC 8461 §3.3 leaves the cap to the sender; 64 KiB as design.md §3). */
export const POLICY_MAX_BYTES = 64 * 1024;
/** Time cap of one policy fetch: an interactive tool waits less than a sender's minute. */
export const POLICY_TIMEOUT_MS = 10_000;

/** The status reported for a redirect whose exact 3xx code the browser does not reveal (an opaque redirect). */
export const OPAQUE_REDIRECT_STATUS = 300;

/**
 * The policy fetch's error when the browser refuses the connection: it reports a certificate failure (expired, wrong
 * name, untrusted), an unknown host and a refused or reset connection alike, and never says which.
 */
export const CONNECT_FAILURE = 'could not connect over HTTPS: certificate or network problem (the browser does not tell which)';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Why `url` must not be fetched as a policy, or null: https only, `mta-sts.<domain>/.well-known/mta-sts.txt`, no IP literals or local names. */
export function policyUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `\`${url}\` is not a URL`;
  }
  if (u.protocol !== 'https:') return 'only https policy URLs are fetched';
  if (u.username || u.password || u.port || u.search || u.hash) return 'the policy URL carries more than a host and the well-known path';
  if (u.pathname !== '/.well-known/mta-sts.txt') return 'only /.well-known/mta-sts.txt is fetched';
  const host = u.hostname;
  if (host.startsWith('[') || IPV4.test(host)) return 'policy hosts are names, never IP literals';
  if (!host.startsWith('mta-sts.')) return 'only mta-sts.<domain> hosts are fetched';
  const labels = host.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 3 || tld === 'localhost' || tld === 'local' || tld === 'internal' || tld === 'home' || tld === 'lan' || tld === 'arpa') {
    return `\`${host}\` is a local name`;
  }
  return null;
}

/** Read a response body up to `max` bytes through the stream reader; cancel the rest. */
export async function readCapped(res: Response, max: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const reader = res.body?.getReader();
  if (!reader) return { bytes: new Uint8Array(0), truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.length > max) {
      chunks.push(value.subarray(0, max - size));
      size = max;
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.length;
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { bytes, truncated };
}

/** A FetchPolicy over the browser's fetch: no redirects followed, no cookies, no cache, size and time capped. */
export function createBrowserFetchPolicy(options: { timeoutMs?: number; maxBytes?: number } = {}): FetchPolicy {
  const timeoutMs = options.timeoutMs ?? POLICY_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? POLICY_MAX_BYTES;
  return async (url, opts) => {
    const start = Date.now();
    const done = (r: Omit<PolicyFetchResult, 'url' | 'ms' | 'bytes' | 'truncated'> & Partial<PolicyFetchResult>): PolicyFetchResult => ({
      url,
      bytes: 0,
      truncated: false,
      ...r,
      ms: Date.now() - start,
    });
    const problem = policyUrlProblem(url);
    if (problem) return done({ error: { kind: 'other', message: `not fetched: ${problem}` } });
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onOuter = () => controller.abort();
    opts?.signal?.addEventListener('abort', onOuter, { once: true });
    try {
      const res = await fetch(url, {
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal: controller.signal,
      });
      // With redirect: 'manual' a 3xx is an opaque redirect: the browser hides its status and Location. It is a
      // redirect all the same, so it is reported as one: 300 stands for "some 3xx" (see OPAQUE_REDIRECT_STATUS).
      if (res.type === 'opaqueredirect') return done({ status: OPAQUE_REDIRECT_STATUS });
      const contentType = res.headers.get('content-type') ?? undefined;
      const location = res.headers.get('location') ?? undefined;
      const { bytes, truncated } = await readCapped(res, maxBytes);
      const body = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      return done({
        status: res.status,
        ...(contentType !== undefined ? { contentType } : {}),
        ...(location !== undefined ? { location } : {}),
        body,
        bytes: bytes.length,
        truncated,
        ...(truncated ? { error: { kind: 'too-large' as const, message: `the policy is larger than ${maxBytes} bytes` } } : {}),
      });
    } catch (e) {
      if (timedOut) return done({ error: { kind: 'timeout', message: `no complete answer within ${timeoutMs} ms` } });
      if (controller.signal.aborted) return done({ error: { kind: 'timeout', message: 'the fetch was cancelled' } });
      // The browser reports DNS, refused connections and certificate errors alike as a TypeError ("Failed to fetch"):
      // say so, rather than guess which it was.
      return done({ error: { kind: 'connect', message: CONNECT_FAILURE } });
    } finally {
      clearTimeout(timer);
      opts?.signal?.removeEventListener('abort', onOuter);
    }
  };
}

/** The byte fetcher under `createDohResolver`: GET with the Accept header, no cookies, body capped. */
export const fetchBytes: FetchBytes = async (url, init) => {
  const res = await fetch(url, {
    headers: { accept: init.accept },
    credentials: 'omit',
    cache: 'no-store',
    redirect: 'error',
    referrerPolicy: 'no-referrer',
    signal: init.signal as AbortSignal,
  });
  const { bytes, truncated } = await readCapped(res, init.maxBytes);
  const contentType = res.headers.get('content-type') ?? undefined;
  return { status: res.status, bytes, truncated, ...(contentType !== undefined ? { contentType } : {}) };
};
