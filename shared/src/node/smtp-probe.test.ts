// The STARTTLS probe against small loopback servers, well-behaved and hostile (Postfix cannot misbehave on purpose;
// the real MTA runs in the test world, cli/world/world.test.ts).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DnsAnswer, RecordType, Resolve } from '../check/transport.ts';
import { smtpProbeNode, type SmtpProbeNodeOptions } from './smtp-probe.ts';

/** A resolver giving `host` the addresses listed (IPv4 as A records, IPv6 as AAAA). */
function resolverOf(table: Record<string, readonly string[]>): Resolve {
  return (async <T extends RecordType>(name: string, type: T) => {
    const addrs = (table[name] ?? []).filter((a) => (type === 'A' ? net.isIPv4(a) : type === 'AAAA' ? net.isIPv6(a) : false));
    return {
      name,
      type,
      status: name in table ? (addrs.length ? 'ok' : 'nodata') : 'nxdomain',
      records: addrs.map((address) => ({ type, name, ttl: 60, address })),
      cnames: [],
      ms: 0,
    } as unknown as DnsAnswer<T>;
  }) as Resolve;
}

let dir = '';
let key = '';
let cert = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sts-lens-smtp-probe-'));
  await promisify(execFile)('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-subj', '/CN=mx.probe.test', '-addext', 'subjectAltName=DNS:mx.probe.test,DNS:*.probe.test',
  ]);
  [key, cert] = await Promise.all([readFile(join(dir, 'key.pem'), 'utf8'), readFile(join(dir, 'cert.pem'), 'utf8')]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

/** What a test server saw: the command lines the client sent, in order (plain and inside TLS). */
interface Seen {
  readonly commands: string[];
}

/** A loopback server running `script` per connection on `host` (and `port`, default a free one); returns its port. */
async function server(script: (socket: net.Socket, seen: Seen) => void, host = '127.0.0.1', port = 0): Promise<{ port: number; seen: Seen }> {
  const seen: Seen = { commands: [] };
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    script(s, seen);
  });
  closers.push(() => {
    for (const s of sockets) s.destroy();
    srv.close();
  });
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(port, host, () => resolve());
  });
  return { port: (srv.address() as AddressInfo).port, seen };
}

/** Call `onLine` for each CRLF line the peer sends. */
function lines(s: net.Socket | tls.TLSSocket, seen: Seen, onLine: (line: string) => void) {
  let buf = '';
  s.on('data', (d: Buffer) => {
    buf += d.toString('latin1');
    let i: number;
    while ((i = buf.indexOf('\r\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 2);
      seen.commands.push(line);
      onLine(line);
    }
  });
}

/** A well-behaved ESMTP server up to STARTTLS; `afterStarttls` takes over the socket after `220 go ahead`. */
function esmtp(opts: { starttls?: boolean; starttlsReply?: string; afterStarttls?: (s: net.Socket, seen: Seen) => void }) {
  return (s: net.Socket, seen: Seen) => {
    s.write('220-mx.probe.test ESMTP\r\n220 second greeting line\r\n');
    lines(s, seen, (line) => {
      const verb = line.split(' ')[0]!.toUpperCase();
      if (verb === 'EHLO') s.write(`250-mx.probe.test\r\n250-PIPELINING\r\n${opts.starttls === false ? '' : '250-STARTTLS\r\n'}250 8BITMIME\r\n`);
      else if (verb === 'QUIT') s.end('221 bye\r\n');
      else if (verb === 'STARTTLS' && opts.starttlsReply) s.write(`${opts.starttlsReply}\r\n`);
      else if (verb === 'STARTTLS') {
        s.removeAllListeners('data');
        s.write('220 go ahead\r\n', () => opts.afterStarttls?.(s, seen));
      } else s.write('502 no\r\n');
    });
  };
}

/** After STARTTLS: a TLS server on the same socket that answers QUIT inside TLS. */
function tlsServer(extra: tls.TLSSocketOptions = {}) {
  return (s: net.Socket, seen: Seen) => {
    const secure = new tls.TLSSocket(s, { isServer: true, key, cert, ...extra });
    secure.on('error', () => undefined);
    lines(secure, seen, (line) => {
      if (line.toUpperCase() === 'QUIT') secure.end('221 bye\r\n');
    });
  };
}

/** A server that turns every client away in a multi-line greeting (with bytes that must not reach a terminal), then waits for QUIT. */
function refusingGreeting(s: net.Socket, seen: Seen) {
  s.write('554-5.7.1 no service for your network\r\n554 see https://example.test/?x=\x1b\u00e9\r\n');
  lines(s, seen, (l) => l === 'QUIT' && s.end('221 bye\r\n'));
}

const FAST: Omit<SmtpProbeNodeOptions, 'resolve'> = { connectTimeoutMs: 1000, stepTimeoutMs: 400, ehlo: 'probe.sts-lens.test' };

async function probeWith(port: number, over: Partial<SmtpProbeNodeOptions> = {}, host = 'mx.probe.test') {
  const probe = smtpProbeNode({ resolve: resolverOf({ 'mx.probe.test': ['127.0.0.1'], 'other.probe.test': ['127.0.0.1'] }), port, ...FAST, ...over });
  const started = Date.now();
  const r = await probe(host);
  return { r, wall: Date.now() - started };
}

describe('smtpProbeNode: a well-behaved server', () => {
  it('reads the multi-line greeting, EHLO, STARTTLS, completes TLS with SNI, reads the certificate, QUITs inside TLS', async () => {
    let sni: string | false = false;
    const { port, seen } = await server(
      esmtp({
        afterStarttls: (s, seenInner) => {
          const secure = new tls.TLSSocket(s, { isServer: true, key, cert, SNICallback: (name, cb) => ((sni = name), cb(null, tls.createSecureContext({ key, cert }))) });
          secure.on('error', () => undefined);
          lines(secure, seenInner, (line) => line === 'QUIT' && secure.end('221 bye\r\n'));
        },
      }),
    );
    const { r } = await probeWith(port);
    expect(r.outcome).toBe('tls');
    expect(r.address).toBe('127.0.0.1');
    expect(r.protocol).toBe('TLSv1.3');
    expect(r.chainError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(r.certificate).toMatchObject({ subject: 'CN=mx.probe.test', issuer: 'CN=mx.probe.test', names: ['mx.probe.test', '*.probe.test'] });
    expect(Date.parse(r.certificate!.notAfter) - Date.now()).toBeGreaterThan(86_400_000);
    expect(r.error).toBeNull();
    expect(sni).toBe('mx.probe.test');
    expect(seen.commands).toEqual(['EHLO probe.sts-lens.test', 'STARTTLS', 'QUIT']);
  });

  it('an SNI-dependent server behind a CNAME: SNI is the MX host name, so the right certificate comes back', async () => {
    // The default certificate names the CNAME's target; only SNI = the MX host name (RFC 8461 §4.1, §5) gets the other.
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
      '-keyout', join(dir, 'target-key.pem'), '-out', join(dir, 'target-cert.pem'),
      '-subj', '/CN=target.elsewhere.test', '-addext', 'subjectAltName=DNS:target.elsewhere.test',
    ]);
    const [targetKey, targetCert] = await Promise.all([readFile(join(dir, 'target-key.pem'), 'utf8'), readFile(join(dir, 'target-cert.pem'), 'utf8')]);
    const asked: string[] = [];
    const { port } = await server(
      esmtp({
        afterStarttls: (s, seenInner) => {
          const secure = new tls.TLSSocket(s, {
            isServer: true,
            key: targetKey,
            cert: targetCert,
            SNICallback: (name, cb) => {
              asked.push(name);
              cb(null, name === 'mx.probe.test' ? tls.createSecureContext({ key, cert }) : tls.createSecureContext({ key: targetKey, cert: targetCert }));
            },
          });
          secure.on('error', () => undefined);
          lines(secure, seenInner, (line) => line === 'QUIT' && secure.end('221 bye\r\n'));
        },
      }),
    );
    // The resolver followed mx.probe.test CNAME target.elsewhere.test to 127.0.0.1.
    const cnameResolve = (async (name: string, type: RecordType) => ({
      ...(await resolverOf({ 'mx.probe.test': ['127.0.0.1'] })(name, type)),
      cnames: name === 'mx.probe.test' ? ['target.elsewhere.test'] : [],
    })) as Resolve;
    const { r } = await probeWith(port, { resolve: cnameResolve });
    expect(asked).toEqual(['mx.probe.test']);
    expect(r).toMatchObject({ outcome: 'tls', certificate: { names: ['mx.probe.test', '*.probe.test'] } });
  });

  it('trusts the chain when the CA is given (here the self-signed leaf itself)', async () => {
    const { port } = await server(esmtp({ afterStarttls: tlsServer() }));
    const { r } = await probeWith(port, { ca: cert });
    expect(r.outcome).toBe('tls');
    expect(r.chainError).toBeNull();
  });

  it('says no-starttls when EHLO lists no STARTTLS, and QUITs without trying', async () => {
    const { port, seen } = await server(esmtp({ starttls: false }));
    const { r } = await probeWith(port);
    expect(r).toMatchObject({ outcome: 'no-starttls', address: '127.0.0.1', error: 'the EHLO reply lists no STARTTLS extension', certificate: null });
    expect(seen.commands).toEqual(['EHLO probe.sts-lens.test', 'QUIT']);
  });

  it('says no-starttls when STARTTLS is refused', async () => {
    const { port } = await server(esmtp({ starttlsReply: '454 4.7.0 TLS not available due to local problem' }));
    const { r } = await probeWith(port);
    expect(r).toMatchObject({ outcome: 'no-starttls', error: 'the EHLO reply lists STARTTLS, but STARTTLS was answered `454 4.7.0 TLS not available due to local problem`' });
  });

  it('says no-starttls when STARTTLS, though listed, is refused with a 5xx', async () => {
    const { port } = await server(esmtp({ starttlsReply: '502 5.5.1 command not implemented' }));
    const { r } = await probeWith(port);
    expect(r).toMatchObject({ outcome: 'no-starttls', error: 'the EHLO reply lists STARTTLS, but STARTTLS was answered `502 5.5.1 command not implemented`' });
  });

  it('says unreachable, quoting the whole reply, when the greeting of every address refuses this client', async () => {
    const { port, seen } = await server(refusingGreeting);
    const { r } = await probeWith(port);
    expect(r).toMatchObject({
      outcome: 'unreachable',
      address: '127.0.0.1',
      error: `no address on port ${port} accepted this client (127.0.0.1: the greeting was \`554 5.7.1 no service for your network see https://example.test/?x=???\`)`,
    });
    expect(seen.commands).toEqual(['QUIT']);
  });

  it('after a refused greeting tries the next address (here IPv6), as senders do, and reports the one that answered', async () => {
    const { port } = await server(refusingGreeting);
    await server(esmtp({ starttls: false }), '::1', port);
    const { r } = await probeWith(port, { resolve: resolverOf({ 'mx.probe.test': ['127.0.0.1', '::1'] }) });
    expect(r).toMatchObject({ outcome: 'no-starttls', address: '::1', error: 'the EHLO reply lists no STARTTLS extension' });
  });

  it('an MX host with only an AAAA record (::1) is probed over IPv6, with SNI and the certificate', async () => {
    const { port } = await server(esmtp({ afterStarttls: tlsServer() }), '::1');
    const { r } = await probeWith(port, { resolve: resolverOf({ 'mx.probe.test': ['::1'] }) });
    expect(r).toMatchObject({ outcome: 'tls', address: '::1', protocol: 'TLSv1.3', certificate: { names: ['mx.probe.test', '*.probe.test'] } });
  });

  it('IPv4 refuses the connection, IPv6 answers: the probe goes on and reports ::1', async () => {
    const { port } = await server(esmtp({ starttls: false }), '::1');
    const { r } = await probeWith(port, { resolve: resolverOf({ 'mx.probe.test': ['127.0.0.1', '::1'] }) });
    expect(r).toMatchObject({ outcome: 'no-starttls', address: '::1' });
  });

  it('EHLO refused, HELO accepted: no-starttls (a HELO session has no extensions), after EHLO, HELO, QUIT', async () => {
    const { port, seen } = await server((s, seenHere) => {
      s.write('220 old.probe.test SMTP\r\n');
      lines(s, seenHere, (l) => {
        const verb = l.split(' ')[0]!.toUpperCase();
        if (verb === 'EHLO') s.write('502 5.5.2 Error: command not recognized\r\n');
        else if (verb === 'HELO') s.write('250 old.probe.test\r\n');
        else if (verb === 'QUIT') s.end('221 bye\r\n');
      });
    });
    const { r } = await probeWith(port);
    expect(r).toMatchObject({
      outcome: 'no-starttls',
      error: 'EHLO was answered `502 5.5.2 Error: command not recognized`; HELO was accepted, but a session without EHLO has no extensions, so no STARTTLS',
    });
    expect(seen.commands).toEqual(['EHLO probe.sts-lens.test', 'HELO probe.sts-lens.test', 'QUIT']);
  });

  it('EHLO and HELO both refused: this client is turned away, unreachable with both replies', async () => {
    const { port } = await server((s, seenHere) => {
      s.write('220 strict.probe.test ESMTP\r\n');
      lines(s, seenHere, (l) => {
        const verb = l.split(' ')[0]!.toUpperCase();
        if (verb === 'QUIT') s.end('221 bye\r\n');
        else s.write('550 5.7.1 Client host rejected: cannot find your hostname\r\n');
      });
    });
    const { r } = await probeWith(port);
    expect(r.outcome).toBe('unreachable');
    expect(r.error).toBe(
      `no address on port ${port} accepted this client (127.0.0.1: EHLO was answered \`550 5.7.1 Client host rejected: cannot find your hostname\` and HELO \`550 5.7.1 Client host rejected: cannot find your hostname\`)`,
    );
  });

  it('tries each address until one answers, and reports the one that did', async () => {
    const { port } = await server(esmtp({ starttls: false }));
    const { r } = await probeWith(port, { resolve: resolverOf({ 'mx.probe.test': ['127.0.0.2', '127.0.0.1'] }) });
    expect(r.outcome).toBe('no-starttls');
    expect(r.address).toBe('127.0.0.1');
  });

  it('says unreachable for a refused connection and for a host without addresses', async () => {
    const { port } = await server(() => undefined);
    closers.splice(0).forEach((c) => c());
    const refused = await probeWith(port);
    expect(refused.r).toMatchObject({ outcome: 'unreachable', address: '127.0.0.1', error: `nothing answered on port ${port} (127.0.0.1: connection refused)` });
    const none = await probeWith(port, {}, 'nowhere.probe.test');
    expect(none.r).toMatchObject({ outcome: 'unreachable', address: null, error: '`nowhere.probe.test` does not exist (NXDOMAIN)' });
  });
});

describe('smtpProbeNode: hostile servers end in a clear outcome, in bounded time', () => {
  it('a greeting line that never ends', async () => {
    const { port } = await server((s) => s.write('220 mx.probe.test ESMTP but no end of line'));
    const { r, wall } = await probeWith(port);
    expect(r).toMatchObject({ outcome: 'failed', error: 'greeting: no complete reply within 400 ms' });
    expect(wall).toBeLessThan(1500);
  });

  it('a line longer than the cap', async () => {
    const { port } = await server((s) => s.write(`220 ${'x'.repeat(5000)}`));
    const { r } = await probeWith(port);
    expect(r).toMatchObject({ outcome: 'failed', error: 'greeting: a reply line longer than 2048 bytes' });
  });

  it('bytes dripped one at a time', async () => {
    const { port } = await server((s) => {
      const timer = setInterval(() => (s.destroyed ? clearInterval(timer) : s.write('2')), 20);
      s.on('close', () => clearInterval(timer));
    });
    const { r, wall } = await probeWith(port);
    expect(r).toMatchObject({ outcome: 'failed', error: 'greeting: no complete reply within 400 ms' });
    expect(wall).toBeLessThan(1500);
  });

  it('garbage instead of a greeting', async () => {
    const { port } = await server((s) => s.write('HTTP/1.1 400 Bad Request\r\n\u001b[31m<b>\r\n'));
    const { r } = await probeWith(port);
    expect(r).toMatchObject({ outcome: 'failed', error: 'greeting: not an SMTP reply: `HTTP/1.1 400 Bad Request`' });
  });

  it('a 10 MB EHLO reply', async () => {
    const { port } = await server((s, seen) => {
      s.write('220 mx.probe.test\r\n');
      lines(s, seen, () => {
        const line = `250-${'x'.repeat(1000)}\r\n`;
        let sent = 0;
        const pump = () => {
          while (sent < 10_000_000 && !s.destroyed) {
            sent += line.length;
            if (!s.write(line)) return void s.once('drain', pump);
          }
        };
        pump();
      });
    });
    const { r, wall } = await probeWith(port);
    expect(r).toMatchObject({ outcome: 'failed', error: 'EHLO: a reply longer than 65536 bytes' });
    expect(wall).toBeLessThan(2000);
  });

  it('a connection closed right after `220` to STARTTLS', async () => {
    const { port } = await server(esmtp({ afterStarttls: (s) => s.destroy() }));
    const { r } = await probeWith(port);
    expect(r.outcome).toBe('failed');
    expect(r.error).toMatch(/^the (server closed the connection during the TLS handshake|TLS handshake failed: .*(disconnected|ECONNRESET|socket hang up).*)$/);
  });

  it('a TLS alert (the server speaks only TLS 1.1)', async () => {
    const { port } = await server(esmtp({ afterStarttls: tlsServer({ secureContext: tls.createSecureContext({ key, cert, maxVersion: 'TLSv1.1', minVersion: 'TLSv1' }) }) }));
    const { r } = await probeWith(port);
    expect(r.outcome).toBe('failed');
    expect(r.error).toMatch(/^the TLS handshake failed: .*(alert|protocol|version)/i);
  });

  it('a server that answers STARTTLS and then stays silent in the handshake', async () => {
    const { port } = await server(esmtp({ afterStarttls: () => undefined }));
    const { r, wall } = await probeWith(port);
    expect(r).toMatchObject({ outcome: 'failed', error: 'the TLS handshake did not finish within 400 ms' });
    expect(wall).toBeLessThan(1500);
  });

  it('a server slow at every step, each reply inside the step cap: the total cap ends it', async () => {
    const { port } = await server((s, seen) => {
      s.write('220 mx.probe.test ESMTP\r\n');
      lines(s, seen, (line) => {
        const reply = line.startsWith('EHLO') ? '250-mx.probe.test\r\n250 STARTTLS\r\n' : '220 go ahead\r\n';
        setTimeout(() => !s.destroyed && s.write(reply), 300);
      });
    });
    const { r, wall } = await probeWith(port, { totalTimeoutMs: 500 });
    expect(r).toMatchObject({ outcome: 'failed', address: '127.0.0.1', error: 'the probe did not finish within 500 ms (STARTTLS: the connection failed (cancelled))' });
    expect(wall).toBeLessThan(1000);
  });

  it('a server that accepts and never speaks, under a probe cancelled by its signal', async () => {
    const { port } = await server(() => undefined);
    const probe = smtpProbeNode({ resolve: resolverOf({ 'mx.probe.test': ['127.0.0.1'] }), port, stepTimeoutMs: 10_000 });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 150);
    const started = Date.now();
    const r = await probe('mx.probe.test', { signal: abort.signal });
    expect(r.outcome).toBe('failed');
    expect(r.error).toMatch(/^greeting: the connection failed \(cancelled\)$/);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('smtpProbeNode: real server dialogues (shared/fixtures/smtp, provenance in its README)', () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'smtp');
  /** A server replaying the file's replies, one per command; STARTTLS past the file gets Postfix's 220, then TLS. */
  const replay = (file: string) => {
    const blocks = readFileSync(join(dir, file), 'utf8').trimEnd().split('\n\n').map((b) => b.split('\n').map((l) => `${l}\r\n`).join(''));
    return (s: net.Socket, seen: Seen) => {
      let next = 0;
      const send = () => s.write(blocks[next++] ?? '');
      send();
      lines(s, seen, (line) => {
        if (line === 'STARTTLS') {
          s.removeAllListeners('data');
          s.write(next < blocks.length ? blocks[next++]! : '220 2.0.0 Ready to start TLS\r\n', () => tlsServer()(s, seen));
        } else if (line === 'QUIT' && next >= blocks.length) s.end('221 2.0.0 Bye\r\n');
        else send();
      });
    };
  };

  it.each([
    ['postfix-debian.replies', 'tls', null, ['EHLO probe.sts-lens.test', 'STARTTLS', 'QUIT']],
    ['go-new-client.replies', 'no-starttls', 'the EHLO reply lists no STARTTLS extension', ['EHLO probe.sts-lens.test', 'QUIT']],
    ['go-new-client2.replies', 'no-starttls', 'EHLO was answered `502 EH?`; HELO was accepted, but a session without EHLO has no extensions, so no STARTTLS', ['EHLO probe.sts-lens.test', 'HELO probe.sts-lens.test', 'QUIT']],
    ['go-tls-client.replies', 'tls', null, ['EHLO probe.sts-lens.test', 'STARTTLS', 'QUIT']],
  ] as const)('%s → %s', async (file, outcome, error, commands) => {
    const { port, seen } = await server(replay(file));
    const { r } = await probeWith(port);
    expect(r.outcome).toBe(outcome);
    expect(r.error).toBe(error);
    if (outcome === 'tls') expect(r.certificate?.names).toEqual(['mx.probe.test', '*.probe.test']);
    await expect.poll(() => seen.commands).toEqual(commands);
  });
});
