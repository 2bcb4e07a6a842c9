// The byte fetcher behind DoH in Node. RFC 8484 servers such as unbound speak HTTP/2 only, which global fetch
// (undici) does not negotiate, so this speaks node:http2, falling back to HTTP/1.1 when ALPN does not pick h2.
import http2 from 'node:http2';
import https from 'node:https';
import { isIP } from 'node:net';
import tls from 'node:tls';
import { URL } from 'node:url';
import { trustContext } from './trust.ts';
import type { Resolve } from '../check/transport.ts';
import { createDohResolver, type FetchBytes, type FetchBytesInit, type FetchBytesResponse } from '../dns/doh.ts';

/** Options of `dohHttp2Fetcher`. */
export interface DohFetcherOptions {
  /** Extra CA certificate(s) (PEM) to trust besides the system's, e.g. a test world's CA. */
  readonly ca?: string | Buffer;
  /** Time cap per request, connection set-up included; default 5000 ms. */
  readonly timeoutMs?: number;
  /** Close a connection after this long without requests; default 5000 ms. */
  readonly idleMs?: number;
}

/** A FetchBytes that keeps one connection per origin; `close()` ends them all. */
export interface DohFetcher extends FetchBytes {
  close(): void;
}

type Connection =
  | { readonly kind: 'h2'; readonly session: http2.ClientHttp2Session }
  | { readonly kind: 'h1'; readonly agent: https.Agent };

/** A FetchBytes over HTTP/2 (h2 via ALPN for https:, prior knowledge for http:), HTTP/1.1 when h2 is refused. */
export function dohHttp2Fetcher(options: DohFetcherOptions = {}): DohFetcher {
  const timeoutMs = options.timeoutMs ?? 5000;
  const idleMs = options.idleMs ?? 5000;
  const secureContext = trustContext(options.ca);
  const connections = new Map<string, Promise<Connection>>();

  const open = (origin: URL): Promise<Connection> => {
    const key = origin.origin;
    const existing = connections.get(key);
    if (existing) return existing;
    const forget = () => {
      if (connections.get(key) === pending) connections.delete(key);
    };
    const pending = connect(origin, secureContext, timeoutMs, idleMs, forget);
    connections.set(key, pending);
    pending.catch(forget);
    return pending;
  };

  const fetchBytes = async (url: string, init: FetchBytesInit): Promise<FetchBytesResponse> => {
    const target = new URL(url);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new Error(`unsupported scheme ${target.protocol}`);
    const conn = await open(target);
    if (init.signal.aborted) throw new Error('aborted');
    return conn.kind === 'h2' ? requestH2(conn.session, target, init) : requestH1(conn.agent, target, init);
  };

  const close = () => {
    for (const pending of connections.values()) {
      pending.then(
        (c) => (c.kind === 'h2' ? c.session.close() : c.agent.destroy()),
        () => undefined,
      );
    }
    connections.clear();
  };
  return Object.assign(fetchBytes, { close });
}

/** A Resolve over DoH from Node: `createDohResolver` on `dohHttp2Fetcher`. */
export function dohResolverNode(options: { readonly url: string } & DohFetcherOptions): Resolve {
  const fetcher = dohHttp2Fetcher(options);
  return createDohResolver({ endpoint: options.url, fetchBytes: fetcher, timeoutMs: options.timeoutMs ?? 5000 });
}

function connect(
  origin: URL,
  secureContext: tls.SecureContext | undefined,
  timeoutMs: number,
  idleMs: number,
  forget: () => void,
): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const asH2 = (session: http2.ClientHttp2Session) => {
      // Idle sessions close themselves, and never keep the process alive.
      session.setTimeout(idleMs, () => session.close());
      session.on('close', forget);
      session.on('goaway', forget);
      session.on('error', forget);
      session.unref();
      resolve({ kind: 'h2', session });
    };
    if (origin.protocol === 'http:') {
      const session = http2.connect(origin);
      const timer = setTimeout(() => session.destroy(new Error(`no HTTP/2 connection within ${timeoutMs} ms`)), timeoutMs);
      session.once('connect', () => {
        clearTimeout(timer);
        asH2(session);
      });
      session.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      return;
    }
    const host = origin.hostname.replace(/^\[|\]$/g, '');
    const socket = tls.connect({
      host,
      port: Number(origin.port || 443),
      ...(isIP(host) ? {} : { servername: host }),
      ...(secureContext ? { secureContext } : {}),
      ALPNProtocols: ['h2', 'http/1.1'],
    });
    const timer = setTimeout(() => socket.destroy(new Error(`no TLS connection within ${timeoutMs} ms`)), timeoutMs);
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      if (socket.alpnProtocol === 'h2') {
        asH2(http2.connect(origin, { createConnection: () => socket }));
        return;
      }
      socket.destroy();
      const agent = new https.Agent({ keepAlive: true, maxSockets: 4, timeout: idleMs, ...(secureContext ? { secureContext } : {}) });
      resolve({ kind: 'h1', agent });
    });
  });
}

function requestH2(session: http2.ClientHttp2Session, url: URL, init: FetchBytesInit): Promise<FetchBytesResponse> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':method': 'GET', ':path': url.pathname + url.search, accept: init.accept });
    const cancel = () => stream.close(http2.constants.NGHTTP2_CANCEL);
    init.signal.addEventListener('abort', cancel, { once: true });
    let status = 0;
    let contentType: string | undefined;
    const body = collect(init.maxBytes, () => cancel());
    stream.on('response', (headers) => {
      status = Number(headers[':status'] ?? 0);
      const ct = headers['content-type'];
      contentType = Array.isArray(ct) ? ct[0] : ct;
    });
    stream.on('data', (chunk: Buffer) => body.add(chunk));
    const finish = () => {
      init.signal.removeEventListener('abort', cancel);
      resolve({ status, ...(contentType !== undefined ? { contentType } : {}), ...body.result() });
    };
    stream.on('end', finish);
    stream.on('close', () => {
      if (body.result().truncated) finish();
      else if (!stream.readableEnded) reject(new Error(init.signal.aborted ? 'aborted' : 'the HTTP/2 stream closed early'));
    });
    stream.on('error', (e) => {
      init.signal.removeEventListener('abort', cancel);
      reject(e);
    });
    stream.end();
  });
}

function requestH1(agent: https.Agent, url: URL, init: FetchBytesInit): Promise<FetchBytesResponse> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { agent, headers: { accept: init.accept } }, (res) => {
      const body = collect(init.maxBytes, () => res.destroy());
      res.on('data', (chunk: Buffer) => body.add(chunk));
      const finish = () => {
        init.signal.removeEventListener('abort', cancel);
        const ct = res.headers['content-type'];
        resolve({ status: res.statusCode ?? 0, ...(ct !== undefined ? { contentType: ct } : {}), ...body.result() });
      };
      res.on('end', finish);
      res.on('close', () => (body.result().truncated ? finish() : undefined));
      res.on('error', reject);
    });
    const cancel = () => req.destroy(new Error('aborted'));
    init.signal.addEventListener('abort', cancel, { once: true });
    req.on('error', reject);
  });
}

// Body bytes up to a cap; past it, the rest is refused and the stream stopped.
function collect(maxBytes: number, stop: () => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  return {
    add(chunk: Buffer) {
      if (truncated) return;
      if (size + chunk.length > maxBytes) {
        chunks.push(chunk.subarray(0, maxBytes - size));
        size = maxBytes;
        truncated = true;
        stop();
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    },
    result(): { bytes: Uint8Array; truncated: boolean } {
      const all = Buffer.concat(chunks, size);
      return { bytes: new Uint8Array(all.buffer, all.byteOffset, all.byteLength), truncated };
    },
  };
}
