// A counting DoH proxy for the end-to-end tests: an HTTPS server on loopback (the world's DoH certificate, valid for
// 127.0.0.1) that forwards every RFC 8484 GET to the world's unbound and counts the questions by name, so a test can
// tell whether the extension looked a domain up again or answered from its cache.
import { readFileSync } from 'node:fs';
import { connect, createSecureServer, type ClientHttp2Session, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface DohProxy {
  /** The proxy's DoH endpoint (https://127.0.0.1:PORT/dns-query). */
  readonly url: string;
  /** The question names asked so far, in order, lower case, without the trailing dot. */
  readonly names: readonly string[];
  /** How many questions were for `domain` or a name under it. */
  count(domain: string): number;
  close(): Promise<void>;
}

/** The question name of a DNS message (wire format), or null when it is not one. */
export function questionName(msg: Uint8Array): string | null {
  if (msg.length < 12 || ((msg[4]! << 8) | msg[5]!) < 1) return null;
  const labels: string[] = [];
  let at = 12;
  for (;;) {
    const len = msg[at];
    if (len === undefined || len > 63) return null;
    if (len === 0) break;
    labels.push(new TextDecoder().decode(msg.subarray(at + 1, at + 1 + len)));
    at += 1 + len;
  }
  return labels.join('.').toLowerCase();
}

/** Start the proxy in front of `upstream` (the world's DoH URL); `worldDir` holds the certificate, key and CA. */
export async function startDohProxy(upstream: string, worldDir: string): Promise<DohProxy> {
  const names: string[] = [];
  const ca = readFileSync(join(worldDir, 'ca.pem'));
  let session: ClientHttp2Session | undefined;
  const upstreamSession = (): ClientHttp2Session => {
    if (!session || session.closed || session.destroyed) {
      session = connect(new URL(upstream).origin, { ca });
      session.on('error', () => undefined);
    }
    return session;
  };
  const handle = (req: Http2ServerRequest, res: Http2ServerResponse): void => {
    const u = new URL(req.url, 'https://proxy');
    const dns = u.searchParams.get('dns');
    if (dns !== null) {
      const name = questionName(Buffer.from(dns, 'base64url'));
      if (name !== null) names.push(name);
    }
    const up = upstreamSession().request({ ':method': 'GET', ':path': `${new URL(upstream).pathname}${u.search}`, accept: 'application/dns-message' });
    const chunks: Buffer[] = [];
    up.on('response', (h) => {
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        res.writeHead(Number(h[':status'] ?? 502), { 'content-type': String(h['content-type'] ?? 'application/octet-stream') });
        res.end(Buffer.concat(chunks));
      });
    });
    up.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
    up.end();
  };
  const server = createSecureServer(
    { key: readFileSync(join(worldDir, 'leaf.key')), cert: readFileSync(join(worldDir, 'certs', 'doh.pem')), allowHTTP1: true },
    handle,
  );
  const sessions = new Set<import('node:http2').ServerHttp2Session>();
  server.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/dns-query`,
    names,
    count: (domain) => names.filter((n) => n === domain || n.endsWith(`.${domain}`)).length,
    close: async () => {
      session?.close();
      for (const s of sessions) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
