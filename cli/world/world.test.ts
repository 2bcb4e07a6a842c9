// The transports of @sts-lens/shared/node against the real test world: unbound (DNS, DoH over HTTP/2) and nginx
// (HTTPS with the world's CA). One world for the whole file, stopped in afterAll whatever happens.
import dgram from 'node:dgram';
import { existsSync, readFileSync } from 'node:fs';
import http2 from 'node:http2';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createDohResolver } from '../../shared/src/dns/doh.ts';
import { dohHttp2Fetcher, fetchPolicyNode, probeHttp, smtpProbeNode, udpResolver, type FetchPolicyNodeOptions } from '@sts-lens/shared/node';
import { judgeMxTls } from '../../shared/src/check/mx-tls.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchPolicy } from '../../shared/src/check/transport.ts';
import { cases, infrastructureZones, mxServers } from './cases.mjs';
import { startWorld, worldDir, type World } from './world.mjs';

// tldts-icann is a dependency of the core, not of the CLI; load it from there.
const { getDomain } = createRequire(join(worldDir, '../../shared/package.json'))('tldts-icann') as {
  getDomain(host: string): string | null;
};

const CAP_MS = 1500;

let world: World;
let fetcher: ReturnType<typeof dohHttp2Fetcher>;
let fetchPolicy: FetchPolicy;

beforeAll(async () => {
  world = await startWorld();
  fetcher = dohHttp2Fetcher({ ca: world.caPem, timeoutMs: 3000 });
  fetchPolicy = fetchPolicyNode(policyOptions());
});

afterAll(async () => {
  fetcher?.close();
  await world?.stop();
});

const udp = () => udpResolver({ server: world.dnsServer, timeoutMs: 3000 });
const doh = () => createDohResolver({ endpoint: world.dohUrl, fetchBytes: fetcher, timeoutMs: 3000 });
const policyOptions = (): FetchPolicyNodeOptions => ({
  ca: world.caPem,
  lookup: udp(),
  port: world.httpsPort,
  httpPort: world.httpPort,
  timeoutMs: CAP_MS,
});

describe('the cases', () => {
  it('each have a zone file, a policy file where one is served, and a .test registrable domain', () => {
    expect(new Set(cases.map((c) => c.domain)).size).toBe(cases.length);
    for (const c of cases) {
      expect(existsSync(join(worldDir, 'zones', c.zone)), c.zone).toBe(true);
      if (c.serve.kind === 'file' || c.serve.kind === 'http-only') {
        expect(existsSync(join(worldDir, 'policies', c.serve.file)), c.serve.file).toBe(true);
      }
      if (c.previousPolicy) expect(existsSync(join(worldDir, 'policies', c.previousPolicy))).toBe(true);
      expect(getDomain(`www.${c.domain}`)).toBe(c.domain);
      expect(getDomain(`mta-sts.${c.domain}`)).toBe(c.domain);
    }
    for (const z of infrastructureZones) expect(existsSync(join(worldDir, 'zones', z.zone))).toBe(true);
  });
});

describe('DNS in the world', () => {
  it('DoH (unbound speaks HTTP/2 only) returns the STS TXT and the MX set', async () => {
    const resolve = doh();
    const [txt, mx] = await Promise.all([resolve('_mta-sts.enforce.test', 'TXT'), resolve('enforce.test', 'MX')]);
    expect(txt.status).toBe('ok');
    expect(txt.records.map((r) => r.value)).toEqual(['v=STSv1; id=20260101000000']);
    expect(mx.status).toBe('ok');
    // unbound rotates RRsets (rrset-roundrobin), so compare in preference order.
    expect(mx.records.map((r) => [r.preference, r.exchange]).sort()).toEqual([
      [10, 'mx1.enforce.test'],
      [20, 'mx.world.test'],
    ]);
  });

  it('UDP returns the same records as DoH', async () => {
    for (const [name, type] of [
      ['_mta-sts.enforce.test', 'TXT'],
      ['enforce.test', 'MX'],
      ['_smtp._tls.enforce.test', 'TXT'],
      ['mta-sts.enforce.test', 'A'],
    ] as const) {
      const [a, b] = await Promise.all([udp()(name, type), doh()(name, type)]);
      expect(a.status, name).toBe('ok');
      const strip = (x: typeof a) => x.records.map(({ ttl: _ttl, ...rest }) => JSON.stringify(rest)).sort();
      expect(strip(a)).toEqual(strip(b));
    }
  });

  it('returns the TLSA record of an MX', async () => {
    for (const resolve of [udp(), doh()]) {
      const a = await resolve('_25._tcp.mx1.dane.test', 'TLSA');
      expect(a.status).toBe('ok');
      expect(a.records).toMatchObject([
        { usage: 3, selector: 1, matchingType: 1, data: '8d02536c887482bc34ff54e41d2ba659bf85b341a0a20afadb5813dcfbcf286d' },
      ]);
    }
  });

  it('answers NXDOMAIN for the absent case and for names outside the world', async () => {
    for (const resolve of [udp(), doh()]) {
      expect((await resolve('_mta-sts.absent.test', 'TXT')).status).toBe('nxdomain');
      expect((await resolve('example.com', 'A')).status).toBe('nxdomain');
      expect((await resolve('mta-sts.absent.test', 'AAAA')).status).toBe('nxdomain');
    }
  });

  it('follows the CNAME of a delegated _mta-sts record', async () => {
    for (const resolve of [udp(), doh()]) {
      const a = await resolve('_mta-sts.cname.test', 'TXT');
      expect(a).toMatchObject({ status: 'ok', cnames: ['_mta-sts.cname.provider.test'] });
      expect(a.records.map((r) => [r.name, r.value])).toEqual([['_mta-sts.cname.provider.test', 'v=STSv1; id=20260122000000']]);
    }
  });

  it('serves the TXT edge cases as published: several records, a record cut at `;`, a record of two strings', async () => {
    const resolve = udp();
    const several = await resolve('_mta-sts.several.test', 'TXT');
    expect(several.records.map((r) => r.value).sort()).toEqual([
      'google-site-verification=not-an-sts-record',
      'v=STSv1; id=20260115000000',
      'v=STSv1; id=20260115120000',
    ]);
    expect((await resolve('_mta-sts.cut.test', 'TXT')).records.map((r) => r.value)).toEqual(['v=STSv1']);
    const split = (await resolve('_mta-sts.split.test', 'TXT')).records[0];
    expect(split?.strings).toEqual(['v=STSv1; ', 'id=20260117000000;']);
    expect(split?.value).toBe('v=STSv1; id=20260117000000;');
  });

  it('retries over TCP when the UDP answer is truncated', async () => {
    const a = await udp()('large.world.test', 'TXT');
    expect(a.status).toBe('ok');
    expect(a.records[0]?.strings).toHaveLength(12);
    expect(a.records[0]?.value.length).toBe(12 * 250);
  });

  it('reports an unreachable server as an error, not a rejection', async () => {
    const a = await udpResolver({ server: '127.0.0.1:1', timeoutMs: 1000 })('enforce.test', 'MX');
    expect(a.status).toBe('error');
  });
});

// A DoH front end in Node that hands the wire query to unbound over UDP, for the transport cases unbound cannot show.
function forwardToUnbound(query: Buffer): Promise<Buffer> {
  const [host, port] = world.dnsServer.split(':');
  return new Promise((resolve, reject) => {
    const sock = dgram.createSocket('udp4');
    sock.once('message', (msg) => {
      sock.close();
      resolve(msg);
    });
    sock.once('error', reject);
    sock.send(query, Number(port), host);
  });
}

async function answerDoh(path: string): Promise<Buffer> {
  const dns = new URL(path, 'https://x').searchParams.get('dns') ?? '';
  return forwardToUnbound(Buffer.from(dns, 'base64url'));
}

describe('dohHttp2Fetcher', () => {
  const tlsOptions = () => ({
    key: readFileSync(join(world.dir, 'leaf.key')),
    cert: readFileSync(join(world.dir, 'certs', 'doh.pem')),
  });

  it('reuses one HTTP/2 connection per origin', async () => {
    let sessions = 0;
    const server = http2.createSecureServer({ ...tlsOptions(), allowHTTP1: false });
    server.on('session', () => sessions++);
    server.on('stream', async (stream, headers) => {
      const body = await answerDoh(String(headers[':path']));
      stream.respond({ ':status': 200, 'content-type': 'application/dns-message' });
      stream.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const own = dohHttp2Fetcher({ ca: world.caPem, timeoutMs: 3000 });
    try {
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/dns-query`;
      const resolve = createDohResolver({ endpoint: url, fetchBytes: own });
      const answers = await Promise.all([resolve('enforce.test', 'MX'), resolve('_mta-sts.enforce.test', 'TXT')]);
      answers.push(await resolve('_smtp._tls.enforce.test', 'TXT'));
      expect(answers.map((a) => a.status)).toEqual(['ok', 'ok', 'ok']);
      expect(sessions).toBe(1);
    } finally {
      own.close();
      server.close();
    }
  });

  it('falls back to HTTP/1.1 when the server does not negotiate h2', async () => {
    let connections = 0;
    const server = https.createServer(tlsOptions(), async (req, res) => {
      const body = await answerDoh(req.url ?? '/');
      res.writeHead(200, { 'content-type': 'application/dns-message' });
      res.end(body);
    });
    server.on('secureConnection', () => connections++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const own = dohHttp2Fetcher({ ca: world.caPem, timeoutMs: 3000 });
    try {
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/dns-query`;
      const resolve = createDohResolver({ endpoint: url, fetchBytes: own });
      const first = await resolve('_mta-sts.enforce.test', 'TXT');
      const second = await resolve('enforce.test', 'MX');
      expect(first.records.map((r) => r.value)).toEqual(['v=STSv1; id=20260101000000']);
      expect(second.status).toBe('ok');
      expect(connections).toBeLessThanOrEqual(2); // the ALPN probe, then one kept-alive HTTP/1.1 connection
    } finally {
      own.close();
      server.closeAllConnections();
      server.close();
    }
  });

  it('fails a DoH server whose certificate is not trusted, as a status', async () => {
    const own = dohHttp2Fetcher({ timeoutMs: 3000 });
    try {
      const a = await createDohResolver({ endpoint: world.dohUrl, fetchBytes: own })('enforce.test', 'MX');
      expect(a.status).toBe('error');
      expect(a.error).toMatch(/certificate/);
    } finally {
      own.close();
    }
  });
});

describe('policy fetch in the world', () => {
  it.each(cases.map((c) => [c.domain, c] as const))('%s gives the expected fetch result', async (_domain, c) => {
    const r = await fetchPolicy(world.policyUrl(c.domain));
    if (c.fetch.status !== undefined) expect(r.status).toBe(c.fetch.status);
    else expect(r.status).toBeUndefined();
    if (c.fetch.contentType !== undefined) expect(r.contentType).toBe(c.fetch.contentType);
    expect(r.error?.kind).toBe(c.fetch.errorKind);
  });

  it('gets 200 text/plain with the exact body', async () => {
    const r = await fetchPolicy(world.policyUrl('enforce.test'));
    const body = await world.policyText('enforce.test.txt');
    expect(r).toMatchObject({ status: 200, contentType: 'text/plain', body, bytes: body.length, truncated: false });
    expect(r.error).toBeUndefined();
  });

  it('does not follow a redirect: status 301 and its location', async () => {
    const r = await fetchPolicy(world.policyUrl('redirect.test'));
    expect(r).toMatchObject({ status: 301, location: 'https://mta-sts.enforce.test/.well-known/mta-sts.txt' });
  });

  it('returns a 404 as a status, with no error', async () => {
    const r = await fetchPolicy(world.policyUrl('notfound.test'));
    expect(r.status).toBe(404);
    expect(r.error).toBeUndefined();
  });

  it('reports the content type as sent', async () => {
    const r = await fetchPolicy(world.policyUrl('html.test'));
    expect(r).toMatchObject({ status: 200, contentType: 'text/html' });
  });

  it('maps certificate problems to their kinds', async () => {
    const fetch = fetchPolicy;
    expect((await fetch(world.policyUrl('expired.test'))).error?.kind).toBe('tls-certificate-expired');
    expect((await fetch(world.policyUrl('wrongname.test'))).error).toMatchObject({
      kind: 'tls-certificate-name',
      message: expect.stringContaining('mta-sts.wrongname.test'),
    });
    expect((await fetch(world.policyUrl('untrusted.test'))).error?.kind).toBe('tls-certificate-untrusted');
  });

  it('does not trust the world CA unless told to', async () => {
    const r = await fetchPolicyNode({ ...policyOptions(), ca: undefined })(world.policyUrl('enforce.test'));
    expect(r.error?.kind).toBe('tls-certificate-untrusted');
  });

  it('stops reading a 1 MiB body at the cap', async () => {
    const r = await fetchPolicy(world.policyUrl('big.test'));
    expect(r).toMatchObject({ status: 200, bytes: 65_536, truncated: true, error: { kind: 'too-large' } });
    expect(r.body?.length).toBe(65_536);
    expect(r.body?.startsWith('version: STSv1\n')).toBe(true);
  });

  it('ends a body that never finishes with a timeout within the cap + 1 s', async () => {
    const start = Date.now();
    const r = await fetchPolicy(world.policyUrl('slow.test'));
    const took = Date.now() - start;
    expect(r).toMatchObject({ status: 200, error: { kind: 'timeout' } });
    expect(r.bytes).toBeGreaterThan(0);
    expect(r.bytes).toBeLessThan(16_384);
    expect(took).toBeGreaterThanOrEqual(CAP_MS - 50);
    expect(took).toBeLessThan(CAP_MS + 1000);
  });

  it('HTTP only: HTTPS fails to connect, the plain-HTTP probe gets the policy', async () => {
    const url = world.policyUrl('httponly.test');
    const https = await fetchPolicy(url);
    expect(https.error?.kind).toBe('connect');
    const http = await probeHttp(url, policyOptions());
    expect(http).toMatchObject({ url, status: 200, contentType: 'text/plain', body: await world.policyText('httponly.test.txt') });
  });

  it('reports a policy host that does not exist as a DNS error', async () => {
    const r = await fetchPolicy(world.policyUrl('nohost.test'));
    expect(r.error).toEqual({ kind: 'dns', message: '`mta-sts.nohost.test` does not exist (NXDOMAIN)' });
  });

  it('fetches only https:// URLs to host names', async () => {
    const fetch = fetchPolicy;
    expect((await fetch(`https://127.0.0.1:${world.httpsPort}/.well-known/mta-sts.txt`)).error?.kind).toBe('other');
    expect((await fetch('https://[::1]/.well-known/mta-sts.txt')).error?.kind).toBe('other');
    expect((await fetch('http://mta-sts.enforce.test/.well-known/mta-sts.txt')).error?.kind).toBe('other');
    expect((await fetch('not a url')).error?.kind).toBe('other');
  });
});

describe('SMTP in the world: Postfix on every MX address', () => {
  const WANT: Record<string, string> = {
    good: 'ok',
    wildcard: 'ok',
    expiring: 'ok',
    expired: 'expired',
    'wrong-name': 'name-mismatch',
    'self-signed': 'untrusted',
    'cn-only': 'name-mismatch',
    'wildcard-deep': 'name-mismatch',
    'not-yet-valid': 'expired',
    'no-intermediate': 'untrusted',
    plain: 'no-starttls',
    closed: 'unreachable',
  };

  it.each(mxServers.flatMap((m) => m.hosts.slice(0, 2).map((h) => [h, m] as const)))(
    '%s answers STARTTLS as its listener says (names resolved over DoH)',
    async (host, m) => {
      const probe = smtpProbeNode({ resolve: doh(), port: world.smtpPort, ca: world.caPem, stepTimeoutMs: 3000, connectTimeoutMs: 3000 });
      const r = await probe(host);
      expect(r.address).toBe(m.address);
      const t = judgeMxTls(host, r, new Date());
      expect(t.status).toBe(WANT[m.kind]);
      if (m.kind !== 'plain' && m.kind !== 'closed') {
        expect(r.protocol).toBe('TLSv1.3');
        expect(r.certificate?.issuer).toMatch(m.kind === 'self-signed' ? /^CN=/ : m.kind === 'no-intermediate' ? /^O=STS Lens test world, CN=STS Lens test intermediate$/ : /^O=STS Lens test world, CN=STS Lens test CA /);
      }
      if (m.kind === 'expiring') expect(t.certificate!.daysLeft).toBeLessThan(3);
    },
  );

  it('does not trust the world CA unless told to', async () => {
    const r = await smtpProbeNode({ resolve: udp(), port: world.smtpPort })('mx1.enforce.test');
    expect(r.outcome).toBe('tls');
    expect(r.chainError).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(judgeMxTls('mx1.enforce.test', r, new Date()).status).toBe('untrusted');
  });

  it('every MX host of every case sits at a listener of the world, and every expected fault names a real MX host', async () => {
    const listed = new Set(mxServers.flatMap((m) => m.hosts));
    const resolve = udp();
    for (const c of cases) {
      const mx = await resolve(c.domain, 'MX');
      // An IP address as exchange (mxip.test) is the fault itself: nothing listens for it.
      for (const r of mx.records) if (!/^[\d.]+$/.test(r.exchange)) expect(listed.has(r.exchange), `${c.domain}: ${r.exchange}`).toBe(true);
      for (const host of Object.keys(c.mxTls ?? {})) expect(mx.records.map((r) => r.exchange), c.domain).toContain(host);
    }
  });
});
