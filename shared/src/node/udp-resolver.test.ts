import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseServerAddress, udpResolver } from './udp-resolver.ts';

describe('parseServerAddress', () => {
  it('reads HOST:PORT, HOST, [IPv6]:PORT and bare IPv6', () => {
    expect(parseServerAddress('127.0.0.1:5353')).toEqual({ host: '127.0.0.1', port: 5353 });
    expect(parseServerAddress('192.0.2.1')).toEqual({ host: '192.0.2.1', port: 53 });
    expect(parseServerAddress('[2001:db8::1]:853')).toEqual({ host: '2001:db8::1', port: 853 });
    expect(parseServerAddress('2001:db8::1')).toEqual({ host: '2001:db8::1', port: 53 });
    expect(parseServerAddress('ns.example:53')).toEqual({ host: 'ns.example', port: 53 });
  });

  it('refuses what is not an address', () => {
    expect(parseServerAddress('127.0.0.1:0')).toBeUndefined();
    expect(parseServerAddress('127.0.0.1:70000')).toBeUndefined();
    expect(parseServerAddress('a b')).toBeUndefined();
    expect(parseServerAddress('')).toBeUndefined();
  });
});

describe('udpResolver', () => {
  const sockets: dgram.Socket[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });

  async function silentServer(onQuery?: (msg: Buffer, reply: (b: Buffer) => void) => void): Promise<string> {
    const sock = dgram.createSocket('udp4');
    sockets.push(sock);
    sock.on('message', (msg, rinfo) => onQuery?.(msg, (b) => sock.send(b, rinfo.port, rinfo.address)));
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    return `127.0.0.1:${(sock.address() as AddressInfo).port}`;
  }

  it('times out on a server that never answers, at the cap, after sending the query again once', async () => {
    let queries = 0;
    const server = await silentServer(() => queries++);
    const start = Date.now();
    const a = await udpResolver({ server, timeoutMs: 600 })('enforce.test', 'MX');
    expect(a).toMatchObject({ status: 'timeout', error: `no answer from ${server} within 600 ms`, records: [] });
    expect(Date.now() - start).toBeLessThan(1500);
    expect(queries).toBe(2);
  });

  it('ignores a reply with another message id', async () => {
    const server = await silentServer((msg, reply) => {
      const forged = Buffer.from(msg);
      forged.writeUInt16BE((msg.readUInt16BE(0) + 1) & 0xffff, 0);
      forged[2] = 0x81; // QR + RD
      reply(forged);
    });
    const a = await udpResolver({ server, timeoutMs: 400 })('enforce.test', 'MX');
    expect(a.status).toBe('timeout');
  });

  it('returns status error for a bad server spec or a name no query can carry', async () => {
    expect(await udpResolver({ server: 'not a server' })('a.test', 'A')).toMatchObject({
      status: 'error',
      error: '`not a server` is not a DNS server address; use HOST:PORT',
    });
    expect(await udpResolver({ server: '127.0.0.1:53' })(`${'x'.repeat(70)}.test`, 'A')).toMatchObject({ status: 'error' });
  });

  it('stops when the caller aborts', async () => {
    const server = await silentServer();
    const controller = new AbortController();
    const pending = udpResolver({ server, timeoutMs: 5000 })('a.test', 'TXT', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ status: 'timeout', error: 'the lookup was cancelled' });
  });

  it('shareSocket: many lookups over four sockets, answered out of order, each matched by id; a silent server still times out', async () => {
    const ports = new Set<number>();
    const held: (() => void)[] = [];
    const sock = dgram.createSocket('udp4');
    sockets.push(sock);
    sock.on('message', (msg, rinfo) => {
      // Answer NXDOMAIN, but hold every reply until ten queries arrived, then send them back to front.
      ports.add(rinfo.port);
      const answer = Buffer.from(msg);
      answer[2] = 0x81;
      answer[3] = 0x83;
      held.push(() => sock.send(answer, rinfo.port, rinfo.address));
      if (held.length === 10) for (const send of held.splice(0).reverse()) send();
    });
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    const server = `127.0.0.1:${(sock.address() as AddressInfo).port}`;
    const resolve = udpResolver({ server, timeoutMs: 2000, shareSocket: true });
    const names = Array.from({ length: 10 }, (_, i) => `n${i}.test`);
    const answers = await Promise.all(names.map((n) => resolve(n, 'TXT')));
    expect(answers.map((a) => [a.name, a.status])).toEqual(names.map((n) => [n, 'nxdomain']));
    expect(ports.size).toBe(4); // four shared sockets, in turn, for ten lookups
    const quiet = await silentServer();
    const t = await udpResolver({ server: quiet, timeoutMs: 400, shareSocket: true })('a.test', 'A');
    expect(t).toMatchObject({ status: 'timeout', error: `no answer from ${quiet} within 400 ms` });
  });
});
