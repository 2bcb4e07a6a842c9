// The STARTTLS probe for Node (RFC 3207, RFC 8461 §5): connect to an MX host on port 25, read the greeting, EHLO,
// STARTTLS, TLS handshake with SNI, read the certificate, QUIT. Never MAIL FROM, never RCPT. Every step has a time
// cap, every reply a byte cap and a line-length cap, so a hostile server ends in an outcome, never a hang.
import net from 'node:net';
import { hostname } from 'node:os';
import tls from 'node:tls';
import type { PeerCertificate, ProbeSmtp, Resolve, SmtpProbeOutcome, SmtpProbeResult, TransportOptions } from '../check/transport.ts';
import { trustContext } from './trust.ts';

/** Options of `smtpProbeNode`. */
export interface SmtpProbeNodeOptions {
  /** Resolve the MX host's A/AAAA records through the check's own resolver (never the system's). */
  readonly resolve: Resolve;
  /** Connect to this port instead of 25 (a test world's). */
  readonly port?: number;
  /** The name sent with EHLO; default this machine's host name. */
  readonly ehlo?: string;
  /** Extra CA certificate(s) (PEM) to trust besides the system's. */
  readonly ca?: string | Buffer;
  /** Time cap of each TCP connect; default 10000 ms. */
  readonly connectTimeoutMs?: number;
  /** Time cap of each reply (greeting, EHLO, STARTTLS, QUIT) and of the TLS handshake; default 10000 ms. */
  readonly stepTimeoutMs?: number;
  /** Byte cap of one reply, all its lines together; default 65536. */
  readonly maxReplyBytes?: number;
  /** Byte cap of one reply line; default 2048 (RFC 5321 §4.5.3.1.5 allows 512). */
  readonly maxLineBytes?: number;
  /** At most this many addresses are tried; default 4. */
  readonly maxAddresses?: number;
  /** Time cap of the whole probe, lookups to QUIT; default one connect cap plus two step caps. */
  readonly totalTimeoutMs?: number;
}

/** A ProbeSmtp over node:net and node:tls. Never rejects. */
export function smtpProbeNode(options: SmtpProbeNodeOptions): ProbeSmtp {
  let secureContext: tls.SecureContext | undefined;
  const trust = () => (secureContext ??= trustContext(options.ca) ?? tls.createSecureContext());
  return (host, opts) => probe(host, options, trust, opts);
}

/** A reply: its code and the text of each line. */
interface Reply {
  readonly code: number;
  readonly lines: readonly string[];
}

/** Why no reply could be read. */
interface ReadFailure {
  readonly failure: string;
}

type ReadResult = Reply | ReadFailure;

/** Reads SMTP replies (RFC 5321 §4.2) off a socket, with caps; detached before the socket is handed to TLS. */
function replyReader(socket: net.Socket, maxLine: number, maxReply: number) {
  let pending = '';
  let closed: string | null = null;
  let wake: (() => void) | null = null;
  const onData = (chunk: Buffer) => {
    pending += chunk.toString('latin1');
    wake?.();
  };
  const onEnd = () => {
    closed ??= 'the server closed the connection';
    wake?.();
  };
  const onError = (e: Error) => {
    closed ??= `the connection failed (${(e as NodeJS.ErrnoException).code ?? e.message})`;
    wake?.();
  };
  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.on('close', onEnd);
  socket.on('error', onError);

  /** Read one whole reply within `timeoutMs`. */
  async function read(timeoutMs: number, what: string): Promise<ReadResult> {
    const deadline = Date.now() + timeoutMs;
    const lines: string[] = [];
    let bytes = 0;
    for (;;) {
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const raw = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        bytes += raw.length + 1;
        if (raw.length + 1 > maxLine) return { failure: `${what}: a reply line longer than ${maxLine} bytes` };
        if (bytes > maxReply) return { failure: `${what}: a reply longer than ${maxReply} bytes` };
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        const m = /^([2-5]\d\d)([ -]|$)(.*)$/.exec(line);
        if (!m) return { failure: `${what}: not an SMTP reply: \`${printable(line)}\`` };
        lines.push(m[3]!);
        if (m[2] !== '-') return { code: Number(m[1]), lines };
      }
      if (pending.length >= maxLine) return { failure: `${what}: a reply line longer than ${maxLine} bytes` };
      if (bytes + pending.length > maxReply) return { failure: `${what}: a reply longer than ${maxReply} bytes` };
      if (closed) return { failure: `${what}: ${closed}` };
      const left = deadline - Date.now();
      if (left <= 0) return { failure: `${what}: no complete reply within ${timeoutMs} ms` };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      });
    }
  }

  function detach() {
    socket.off('data', onData);
    socket.off('end', onEnd);
    socket.off('close', onEnd);
    socket.off('error', onError);
  }
  return { read, detach };
}

/** At most 80 printable ASCII characters of a line a server sent, for messages (never markup, never control bytes). */
function printable(s: string): string {
  const clean = s.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}

function isReply(r: ReadResult): r is Reply {
  return 'code' in r;
}

/** A reply as `554 5.7.1 text`, its lines joined by spaces, printable and capped, for messages. */
function replyText(r: Reply): string {
  const text = `${r.code} ${r.lines.join(' ')}`.replace(/\s+/g, ' ').trim();
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

/** The server turned this client away on one address (greeting, or both EHLO and HELO refused): senders try the next. */
interface Refusal {
  readonly refused: string;
}

async function probe(host: string, o: SmtpProbeNodeOptions, trust: () => tls.SecureContext, opts?: TransportOptions): Promise<SmtpProbeResult> {
  const start = Date.now();
  const port = o.port ?? 25;
  const result = (outcome: SmtpProbeOutcome, address: string | null, error: string | null, extra: Partial<SmtpProbeResult> = {}): SmtpProbeResult => ({
    outcome,
    address,
    protocol: null,
    certificate: null,
    chainError: null,
    error,
    ...extra,
    ms: Date.now() - start,
  });
  // One controller for the whole probe: the caller's signal or the total cap, whichever comes first, ends it.
  const totalMs = o.totalTimeoutMs ?? (o.connectTimeoutMs ?? 10_000) + 2 * (o.stepTimeoutMs ?? 10_000);
  const cap = new AbortController();
  let overTime = false;
  const timer = setTimeout(() => {
    overTime = true;
    cap.abort();
  }, totalMs);
  const onOuter = () => cap.abort();
  opts?.signal?.addEventListener('abort', onOuter, { once: true });
  if (opts?.signal?.aborted) cap.abort();
  try {
    const r = await probeUntil(host, o, trust, cap.signal, port, result);
    if (!overTime || r.outcome === 'tls') return r;
    return result(r.address && r.outcome !== 'unreachable' ? 'failed' : 'unreachable', r.address, `the probe did not finish within ${totalMs} ms (${r.error})`);
  } finally {
    clearTimeout(timer);
    opts?.signal?.removeEventListener('abort', onOuter);
  }
}

async function probeUntil(host: string, o: SmtpProbeNodeOptions, trust: () => tls.SecureContext, signal: AbortSignal, port: number, result: MakeResult): Promise<SmtpProbeResult> {
  const lookupOpts = { signal };
  const [a, aaaa] = await Promise.all([o.resolve(host, 'A', lookupOpts), o.resolve(host, 'AAAA', lookupOpts)]);
  const addresses = interleave(a.records.map((r) => r.address), aaaa.records.map((r) => r.address), o.maxAddresses ?? 4);
  if (addresses.length === 0) {
    const why =
      a.status === 'nxdomain'
        ? 'does not exist (NXDOMAIN)'
        : (a.status === 'nodata' || a.status === 'ok') && (aaaa.status === 'nodata' || aaaa.status === 'nxdomain' || aaaa.status === 'ok')
          ? 'has no A or AAAA record'
          : `could not be resolved (${a.error ?? aaaa.error ?? a.status})`;
    return result('unreachable', null, `\`${host}\` ${why}`);
  }
  const failures: string[] = [];
  let refusals = 0;
  for (const address of addresses) {
    if (signal.aborted) break;
    const socket = await connect(address, port, o.connectTimeoutMs ?? 10_000, signal);
    if (typeof socket === 'string') {
      failures.push(`${address}: ${socket}`);
      continue;
    }
    try {
      const r = await session(host, address, socket, o, trust, result, signal);
      if (!('refused' in r)) return r;
      refusals++;
      failures.push(`${address}: ${r.refused}`);
    } finally {
      socket.destroy();
    }
  }
  const last = addresses[addresses.length - 1] ?? null;
  if (signal.aborted) return result('unreachable', last, 'the probe was cancelled');
  const what = refusals ? `no address on port ${port} accepted this client` : `nothing answered on port ${port}`;
  return result('unreachable', last, `${what} (${failures.join('; ')})`);
}

/**
 * The addresses to try: IPv6 and IPv4 alternating (each family's order kept), so a host with several A records
 * still gets its AAAA tried within `max`.
 */
function interleave(v4: readonly string[], v6: readonly string[], max: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < max && (i < v4.length || i < v6.length); i++) {
    if (i < v4.length) out.push(v4[i]!);
    if (i < v6.length && out.length < max) out.push(v6[i]!);
  }
  return out;
}

/** A TCP connection, or why there is none. */
function connect(address: string, port: number, timeoutMs: number, signal?: TransportOptions['signal']): Promise<net.Socket | string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    const finish = (v: net.Socket | string) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      if (typeof v === 'string') socket.destroy();
      resolve(v);
    };
    const onConnect = () => finish(socket);
    const onError = (e: NodeJS.ErrnoException) => finish(e.code === 'ECONNREFUSED' ? 'connection refused' : `connection failed (${e.code ?? e.message})`);
    const onAbort = () => finish('cancelled');
    const timer = setTimeout(() => finish(`no connection within ${timeoutMs} ms`), timeoutMs);
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

type MakeResult = (outcome: SmtpProbeOutcome, address: string | null, error: string | null, extra?: Partial<SmtpProbeResult>) => SmtpProbeResult;

async function session(
  host: string,
  address: string,
  socket: net.Socket,
  o: SmtpProbeNodeOptions,
  trust: () => tls.SecureContext,
  result: MakeResult,
  signal?: TransportOptions['signal'],
): Promise<SmtpProbeResult | Refusal> {
  const step = o.stepTimeoutMs ?? 10_000;
  const onAbort = () => socket.destroy(new Error('cancelled'));
  signal?.addEventListener('abort', onAbort, { once: true });
  const reader = replyReader(socket, o.maxLineBytes ?? 2048, o.maxReplyBytes ?? 65_536);
  const send = (line: string) => {
    if (!socket.destroyed) socket.write(`${line}\r\n`);
  };
  const quit = async () => {
    send('QUIT');
    await reader.read(Math.min(step, 2000), 'QUIT');
  };
  try {
    const greeting = await reader.read(step, 'greeting');
    if (!isReply(greeting)) return result('failed', address, greeting.failure);
    if (greeting.code !== 220) {
      // RFC 5321 §3.1: a 554 greeting (or a 4xx) turns this client away; senders try the next address.
      await quit();
      return { refused: `the greeting was \`${replyText(greeting)}\`` };
    }
    const name = o.ehlo ?? defaultEhlo();
    send(`EHLO ${name}`);
    const ehlo = await reader.read(step, 'EHLO');
    if (!isReply(ehlo)) return result('failed', address, ehlo.failure);
    if (ehlo.code === 421) return { refused: `EHLO was answered \`${replyText(ehlo)}\`` };
    if (ehlo.code !== 250) {
      // RFC 5321 §4.1.4: a client whose EHLO is refused falls back to HELO, a session without extensions, so without
      // STARTTLS (RFC 3207 is an ESMTP extension).
      send(`HELO ${name}`);
      const helo = await reader.read(step, 'HELO');
      if (!isReply(helo)) return result('failed', address, helo.failure);
      if (helo.code !== 250) {
        await quit();
        return { refused: `EHLO was answered \`${replyText(ehlo)}\` and HELO \`${replyText(helo)}\`` };
      }
      await quit();
      return result('no-starttls', address, `EHLO was answered \`${replyText(ehlo)}\`; HELO was accepted, but a session without EHLO has no extensions, so no STARTTLS`);
    }
    if (!ehlo.lines.slice(1).some((l) => /^STARTTLS\s*$/i.test(l))) {
      await quit();
      return result('no-starttls', address, 'the EHLO reply lists no STARTTLS extension');
    }
    send('STARTTLS');
    const ready = await reader.read(step, 'STARTTLS');
    if (!isReply(ready)) return result('failed', address, ready.failure);
    if (ready.code !== 220) {
      // `454 TLS not available` (RFC 3207 §4) or any other refusal: the session can only go on in clear text.
      await quit();
      return result('no-starttls', address, `the EHLO reply lists STARTTLS, but STARTTLS was answered \`${replyText(ready)}\``);
    }
    reader.detach();
    return await handshake(host, address, socket, trust(), step, result);
  } finally {
    reader.detach();
    signal?.removeEventListener('abort', onAbort);
  }
}

function defaultEhlo(): string {
  const h = hostname();
  return /^[A-Za-z0-9.-]+$/.test(h) && h.includes('.') ? h : 'localhost';
}

/** TLS over the connection after `220` to STARTTLS; the chain is verified here, the name by the core. */
function handshake(host: string, address: string, socket: net.Socket, secureContext: tls.SecureContext, timeoutMs: number, result: MakeResult): Promise<SmtpProbeResult> {
  return new Promise((resolve) => {
    const secure = tls.connect({
      socket,
      ...(net.isIP(host) ? {} : { servername: host }),
      secureContext,
      rejectUnauthorized: false,
      // Name matching is RFC 8461 §4.2's, done in the core (certificateNameFor), not Node's.
      checkServerIdentity: () => undefined,
    });
    let settled = false;
    const finish = (r: SmtpProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => {
      secure.destroy();
      finish(result('failed', address, `the TLS handshake did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    let up = false;
    secure.on('error', (e: NodeJS.ErrnoException) => {
      if (!up) finish(result('failed', address, `the TLS handshake failed: ${printable(e.message)}`));
    });
    secure.once('close', () => {
      if (!up) finish(result('failed', address, 'the server closed the connection during the TLS handshake'));
    });
    secure.once('secureConnect', () => {
      up = true;
      const peer = secure.getPeerCertificate(false);
      const certificate = peer && Object.keys(peer).length > 0 ? certificateOf(peer) : null;
      const authError = secure.authorizationError as unknown as (Error & { code?: string }) | string | null | undefined;
      const chainError = secure.authorized ? null : authError ? String(typeof authError === 'string' ? authError : (authError.code ?? authError.message)) : 'UNKNOWN';
      const done = result(certificate ? 'tls' : 'failed', address, certificate ? null : 'the server presented no certificate', {
        protocol: secure.getProtocol() ?? null,
        certificate,
        chainError,
      });
      clearTimeout(timer);
      // QUIT inside TLS, politely but briefly: the result no longer depends on the server.
      const reader = replyReader(secure, 2048, 65_536);
      secure.write('QUIT\r\n');
      void reader.read(Math.min(timeoutMs, 1000), 'QUIT').then(() => {
        reader.detach();
        secure.destroy();
        finish(done);
      });
    });
  });
}

/** Certificate text as shown to people: no control characters (a hostile certificate must not drive a terminal), capped. */
function shown(s: string, max = 1024): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** The parts of a peer certificate the core judges (at most 500 names). */
function certificateOf(peer: tls.PeerCertificate): PeerCertificate {
  return {
    subject: shown(distinguishedName(peer.subject)),
    issuer: shown(distinguishedName(peer.issuer)),
    names: dnsNames(peer.subjectaltname).slice(0, 500).map((n) => shown(n, 255)),
    notBefore: isoDate(peer.valid_from),
    notAfter: isoDate(peer.valid_to),
  };
}

function distinguishedName(dn: tls.Certificate | undefined): string {
  if (!dn) return '';
  return Object.entries(dn)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');
}

/** DNS names of Node's `subjectaltname` string (`DNS:a, DNS:"b,c", IP Address:…`). */
function dnsNames(san: string | undefined): string[] {
  if (!san) return [];
  const out: string[] = [];
  for (const m of san.matchAll(/(?:^|, )DNS:("(?:[^"\\]|\\.)*"|[^,]*)/g)) {
    const v = m[1]!;
    if (!v.startsWith('"')) out.push(v);
    else {
      try {
        out.push(String(JSON.parse(v)));
      } catch {
        out.push(v.slice(1, -1));
      }
    }
  }
  return out;
}

function isoDate(s: string): string {
  const t = Date.parse(s);
  return Number.isNaN(t) ? s : new Date(t).toISOString();
}
