// Fetch behaviour that needs no certificates, against local plain servers; the HTTPS cases run in the test world
// (cli/world/world.test.ts).
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DnsAnswer, RecordType, Resolve } from '../check/transport.ts';
import { classify, fetchPolicyNode, probeHttp, probeHttpNode } from './fetch-policy.ts';

// Every name resolves to loopback: the servers below stand for any host.
const loopback: Resolve = async <T extends RecordType>(name: string, type: T) =>
  ({
    name,
    type,
    status: type === 'A' ? 'ok' : 'nodata',
    records: type === 'A' ? [{ type: 'A', name, ttl: 60, address: '127.0.0.1' }] : [],
    cnames: [],
    ms: 0,
  }) as unknown as DnsAnswer<T>;

const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

async function httpServer(handler: http.RequestListener): Promise<number> {
  const server = http.createServer(handler);
  closers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

const URL_ = 'https://mta-sts.example.test/.well-known/mta-sts.txt';

describe('probeHttp', () => {
  it('GETs the same path over plain HTTP with Accept text/plain and no cache', async () => {
    let seen: http.IncomingHttpHeaders = {};
    let path = '';
    const httpPort = await httpServer((req, res) => {
      seen = req.headers;
      path = req.url ?? '';
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('version: STSv1\n');
    });
    const r = await probeHttp(URL_, { lookup: loopback, httpPort });
    expect(r).toMatchObject({ url: URL_, status: 200, contentType: 'text/plain', body: 'version: STSv1\n', bytes: 15, truncated: false });
    expect(path).toBe('/.well-known/mta-sts.txt');
    expect(seen.host).toBe(`mta-sts.example.test:${httpPort}`);
    expect(seen.accept).toBe('text/plain');
    expect(seen['cache-control']).toBe('no-cache');
  });

  it('comes in the FetchPolicy shape too, taking https:// URLs as well', async () => {
    const httpPort = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
    const probe = probeHttpNode({ lookup: loopback, httpPort });
    expect(await probe(URL_)).toMatchObject({ url: URL_, status: 200, body: 'ok' });
    expect(await probe(URL_.replace('https:', 'http:'))).toMatchObject({ status: 200, body: 'ok' });
  });

  it('keeps a redirect as status + location', async () => {
    const httpPort = await httpServer((_req, res) => {
      res.writeHead(302, { location: 'https://elsewhere.test/' });
      res.end();
    });
    expect(await probeHttp(URL_, { lookup: loopback, httpPort })).toMatchObject({ status: 302, location: 'https://elsewhere.test/' });
  });

  it('caps the body and the time', async () => {
    const bigPort = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(200_000));
    });
    expect(await probeHttp(URL_, { lookup: loopback, httpPort: bigPort, maxBytes: 1000 })).toMatchObject({
      status: 200,
      bytes: 1000,
      truncated: true,
      error: { kind: 'too-large' },
    });
    const slowPort = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('version: STSv1\n'); // and never more
    });
    const start = Date.now();
    const r = await probeHttp(URL_, { lookup: loopback, httpPort: slowPort, timeoutMs: 300 });
    expect(r).toMatchObject({ status: 200, bytes: 15, error: { kind: 'timeout' } });
    expect(Date.now() - start).toBeLessThan(1300);
  });
});

describe('fetchPolicyNode', () => {
  it('ends a connection that never completes the TLS handshake at the connect cap', async () => {
    const server = net.createServer(() => undefined); // accepts, says nothing
    closers.push(() => server.close());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const sockets: net.Socket[] = [];
    server.on('connection', (s) => sockets.push(s));
    closers.push(() => sockets.forEach((s) => s.destroy()));
    const port = (server.address() as AddressInfo).port;
    const start = Date.now();
    const r = await fetchPolicyNode({ lookup: loopback, port, connectTimeoutMs: 300, timeoutMs: 5000 })(URL_);
    expect(r.error).toEqual({ kind: 'timeout', message: 'no connection to `mta-sts.example.test` within 300 ms' });
    expect(r.status).toBeUndefined();
    expect(Date.now() - start).toBeLessThan(1300);
  });

  it('reports a refused connection as kind connect', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const r = await fetchPolicyNode({ lookup: loopback, port })(URL_);
    expect(r.error).toEqual({ kind: 'connect', message: `\`mta-sts.example.test\` refused the connection on port ${port}` });
  });

  it('fetches only https:// URLs to host names, and never rejects', async () => {
    const fetch = fetchPolicyNode({ lookup: loopback });
    expect((await fetch('http://mta-sts.example.test/')).error).toEqual({ kind: 'other', message: 'only https:// URLs are fetched, not `http:`' });
    expect((await fetch('https://192.0.2.1/.well-known/mta-sts.txt')).error).toEqual({
      kind: 'other',
      message: '`192.0.2.1` is an IP address; a policy is only fetched from a host name',
    });
    expect((await fetch('::')).error?.kind).toBe('other');
  });

  it('reports a host without address records as kind dns', async () => {
    const nowhere: Resolve = async <T extends RecordType>(name: string, type: T) =>
      ({ name, type, status: 'nxdomain', records: [], cnames: [], ms: 0 }) as DnsAnswer<T>;
    const r = await fetchPolicyNode({ lookup: nowhere })(URL_);
    expect(r.error).toEqual({ kind: 'dns', message: '`mta-sts.example.test` does not exist (NXDOMAIN)' });
  });
});

describe('classify', () => {
  const err = (code: string, message = code) => Object.assign(new Error(message), { code });
  it('maps Node TLS and network errors to the fetch error kinds', () => {
    const h = 'mta-sts.example.test';
    expect(classify(err('CERT_HAS_EXPIRED'), h).kind).toBe('tls-certificate-expired');
    expect(classify(err('CERT_NOT_YET_VALID'), h).kind).toBe('tls-certificate-expired');
    expect(classify(err('ERR_TLS_CERT_ALTNAME_INVALID'), h).kind).toBe('tls-certificate-name');
    for (const code of ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY']) {
      expect(classify(err(code), h).kind, code).toBe('tls-certificate-untrusted');
    }
    expect(classify(err('ERR_SSL_WRONG_VERSION_NUMBER'), h).kind).toBe('tls');
    expect(classify(err('EPROTO', 'write EPROTO SSL routines::tlsv1 alert'), h).kind).toBe('tls');
    expect(classify(err('ENOTFOUND'), h).kind).toBe('dns');
    expect(classify(err('ECONNREFUSED'), h).kind).toBe('connect');
    expect(classify(err('ECONNRESET'), h, true).kind).toBe('http');
    expect(classify(err('HPE_INVALID_CONSTANT'), h).kind).toBe('http');
    expect(classify(new Error('strange'), h)).toEqual({ kind: 'other', message: 'fetching from `mta-sts.example.test` failed: strange' });
  });
});
