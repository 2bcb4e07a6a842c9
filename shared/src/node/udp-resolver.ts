// Plain DNS for Node: wire format over UDP, retried over TCP when the answer is truncated (RFC 7766), with the same
// encode/decode as DoH, so every record type (TLSA included) works on Node 20 and a chosen server can be asked.
import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import { getServers } from 'node:dns';
import net from 'node:net';
import type { DnsAnswer, RecordType, Resolve, TransportOptions } from '../check/transport.ts';
import { ABORTED, elapsed, startDeadline, untilAborted } from '../dns/deadline.ts';
import { canonicalName, decodeAnswer, encodeQuery, isTruncated, messageId, queryNameProblem } from '../dns/wire.ts';

/** Options of `udpResolver`. */
export interface UdpResolverOptions {
  /** `HOST:PORT`, `HOST` (port 53) or `[IPv6]:PORT`; undefined: the first of the system's servers. */
  readonly server?: string;
  /** Time cap per lookup, UDP and TCP together; default 5000 ms. */
  readonly timeoutMs?: number;
  /**
   * Send the queries over four UDP sockets per server (told apart by message id) instead of a socket per query: what a
   * scan of many domains needs (a socket per query costs a bind, a connect and a close each), at the price of four
   * source ports for the run (a local resolver you trust; off-path spoofers must still guess the 16-bit id). A query
   * is sent again every second until answered or timed out.
   */
  readonly shareSocket?: boolean;
}

/** A DNS server address. */
export interface ServerAddress {
  readonly host: string;
  readonly port: number;
}

/** Parse `HOST:PORT`, `HOST`, `[IPv6]:PORT` or a bare IPv6 address; undefined when it is none of these. */
export function parseServerAddress(server: string): ServerAddress | undefined {
  const s = server.trim();
  const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::(\d{1,5}))?$/.exec(s);
  if (bracketed) return withPort(bracketed[1]!, bracketed[2]);
  if (net.isIPv6(s)) return { host: s, port: 53 };
  const hostPort = /^([^:\s]+)(?::(\d{1,5}))?$/.exec(s);
  if (hostPort) return withPort(hostPort[1]!, hostPort[2]);
  return undefined;
}

function withPort(host: string, port: string | undefined): ServerAddress | undefined {
  const p = port === undefined ? 53 : Number(port);
  return p >= 1 && p <= 65535 ? { host, port: p } : undefined;
}

/** A Resolve that asks one DNS server over UDP (TCP on truncation); never rejects. */
export function udpResolver(options: UdpResolverOptions = {}): Resolve {
  const timeoutMs = options.timeoutMs ?? 5000;
  const shared = options.shareSocket ? new Map<string, SharedSocket>() : null;
  let turn = 0;
  const resolve = async <T extends RecordType>(name: string, type: T, opts?: TransportOptions): Promise<DnsAnswer<T>> => {
    const start = Date.now();
    const fail = (status: 'timeout' | 'error', error: string): DnsAnswer<T> => ({
      name: canonicalName(name),
      type,
      status,
      records: [],
      cnames: [],
      error,
      ms: elapsed(start),
    });
    const spec = options.server ?? getServers()[0];
    if (spec === undefined) return fail('error', 'no DNS server configured on this system; pass one as HOST:PORT');
    const server = parseServerAddress(spec);
    if (!server) return fail('error', `\`${spec}\` is not a DNS server address; use HOST:PORT`);
    const problem = queryNameProblem(name);
    if (problem) return fail('error', problem);

    // A few sockets per server, in turn: each has its own receive buffer (a kernel's default holds a few hundred
    // datagrams), so a burst of answers is not dropped while this process is busy.
    const key = `${server.host} ${server.port} ${(turn = (turn + 1) % SHARED_SOCKETS)}`;
    const socket = shared ? (shared.get(key) ?? shared.set(key, sharedSocket(server, () => shared.delete(key))).get(key)!) : null;
    const id = socket ? socket.freeId() : randomInt(0, 0x10000);
    const query = encodeQuery(name, type, id);
    const deadline = startDeadline(timeoutMs, opts?.signal);
    const sockets = new Set<{ destroy(): void }>();
    deadline.signal.addEventListener('abort', () => sockets.forEach((s) => s.destroy()), { once: true });
    try {
      let bytes = await untilAborted(socket ? socket.exchange(query, id, timeoutMs, sockets) : exchangeUdp(server, query, id, timeoutMs, sockets), deadline.signal);
      if (bytes !== ABORTED && isTruncated(bytes)) {
        bytes = await untilAborted(exchangeTcp(server, query, id, sockets), deadline.signal);
      }
      if (bytes === ABORTED) {
        return fail('timeout', deadline.timedOut() ? `no answer from ${spec} within ${timeoutMs} ms` : 'the lookup was cancelled');
      }
      return { ...decodeAnswer(bytes, name, type), ms: elapsed(start) };
    } catch (e) {
      if (deadline.signal.aborted) return fail('timeout', `no answer from ${spec} within ${timeoutMs} ms`);
      return fail('error', `DNS server ${spec}: ${describe(e)}`);
    } finally {
      deadline.dispose();
      sockets.forEach((s) => s.destroy());
    }
  };
  return resolve;
}

function describe(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  if (code === 'ECONNREFUSED') return 'connection refused (nothing listens there)';
  return e instanceof Error ? e.message : String(e);
}

// One UDP exchange; the query is sent again once if nothing came back after a third of the time cap.
function exchangeUdp(
  server: ServerAddress,
  query: Uint8Array,
  id: number,
  timeoutMs: number,
  sockets: Set<{ destroy(): void }>,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(net.isIPv6(server.host) ? 'udp6' : 'udp4');
    let resend: NodeJS.Timeout | undefined;
    const handle = {
      destroy: () => {
        clearTimeout(resend);
        try {
          socket.close();
        } catch {
          // already closed
        }
      },
    };
    sockets.add(handle);
    socket.on('error', (e) => {
      handle.destroy();
      reject(e);
    });
    // Only a reply from the connected server with our id counts (an off-path guess must match both).
    socket.on('message', (msg) => {
      if (messageId(msg) !== id) return;
      handle.destroy();
      resolve(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength));
    });
    // Connected, so an ICMP port-unreachable surfaces at once as ECONNREFUSED instead of a timeout.
    socket.connect(server.port, server.host, () => {
      const send = () => socket.send(query, (e) => e && socket.emit('error', e));
      send();
      resend = setTimeout(send, Math.max(200, Math.floor(timeoutMs / 3)));
    });
  });
}

/** Sockets shared per server (`shareSocket`). */
const SHARED_SOCKETS = 4;

/** One UDP socket for many queries to a server: replies are matched to queries by message id. */
interface SharedSocket {
  /** A message id no query in flight uses. */
  freeId(): number;
  exchange(query: Uint8Array, id: number, timeoutMs: number, sockets: Set<{ destroy(): void }>): Promise<Uint8Array>;
}

function sharedSocket(server: ServerAddress, gone: () => void): SharedSocket {
  const pending = new Map<number, { resolve(b: Uint8Array): void; reject(e: Error): void }>();
  const socket = dgram.createSocket({ type: net.isIPv6(server.host) ? 'udp6' : 'udp4', recvBufferSize: 1 << 20 });
  // The socket must not keep the process alive: each query's own timers do while it is in flight.
  socket.unref();
  let connected = false;
  const queue: (() => void)[] = [];
  socket.on('error', (e) => {
    // A socket error (a refused port, surfaced through ICMP) ends every query in flight; the next query opens anew.
    gone();
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    try {
      socket.close();
    } catch {
      // already closed
    }
  });
  socket.on('message', (msg) => {
    const p = pending.get(messageId(msg));
    if (!p) return;
    pending.delete(messageId(msg));
    p.resolve(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength));
  });
  socket.connect(server.port, server.host, () => {
    connected = true;
    for (const send of queue.splice(0)) send();
  });
  return {
    freeId() {
      for (;;) {
        const id = randomInt(0, 0x10000);
        if (!pending.has(id)) return id;
      }
    },
    exchange(query, id, timeoutMs, sockets) {
      return new Promise((resolve, reject) => {
        let resend: NodeJS.Timeout | undefined;
        const handle = {
          destroy: () => {
            clearTimeout(resend);
            pending.delete(id);
          },
        };
        sockets.add(handle);
        pending.set(id, {
          resolve: (b) => {
            clearTimeout(resend);
            resolve(b);
          },
          reject: (e) => {
            clearTimeout(resend);
            reject(e);
          },
        });
        // Sent again every second (a quarter of the time cap when that is shorter) until answered: under a scan's
        // load a datagram lost now and then must cost a second, not a third of the time cap.
        const every = Math.max(250, Math.min(1000, Math.floor(timeoutMs / 4)));
        const send = () => {
          if (!pending.has(id)) return;
          socket.send(query, (e) => e && pending.get(id)?.reject(e));
          resend = setTimeout(send, every);
        };
        if (connected) send();
        else queue.push(send);
      });
    },
  };
}

// One exchange over TCP: 2-byte length prefix each way (RFC 1035 §4.2.2).
function exchangeTcp(server: ServerAddress, query: Uint8Array, id: number, sockets: Set<{ destroy(): void }>): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: server.host, port: server.port });
    sockets.add(socket);
    const chunks: Buffer[] = [];
    let received = 0;
    socket.on('connect', () => {
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16BE(query.length);
      socket.write(Buffer.concat([prefix, query]));
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received < 2) return;
      const all = Buffer.concat(chunks);
      const length = all.readUInt16BE(0);
      if (all.length < 2 + length) return;
      socket.destroy();
      const msg = all.subarray(2, 2 + length);
      if (messageId(msg) !== id) reject(new Error('the TCP answer has another message id'));
      else resolve(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength));
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('the server closed the TCP connection before answering')));
  });
}
