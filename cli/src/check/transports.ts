import { readFile } from 'node:fs/promises';
import { cachingResolve, pacedResolve, sharedProbe, type DnsCacheStats, type FetchPolicy, type ProbeShareStats, type ProbeSmtp, type Resolve } from '@sts-lens/shared';
import { dohResolverNode, fetchPolicyNode, parseServerAddress, probeHttp, smtpProbeNode, udpResolver } from '@sts-lens/shared/node';

/** How `check` and `init` reach DNS and HTTPS, from their command-line options. */
export interface TransportSettings {
  /** `HOST:PORT` of a DNS server; undefined: the system's first server. */
  readonly resolver?: string;
  /** An RFC 8484 DoH endpoint (`https://…/dns-query`); wins over `resolver`. */
  readonly doh?: string;
  /** A PEM file of an extra CA to trust for the policy fetch and DoH (private or test CAs). */
  readonly caFile?: string;
  readonly timeoutMs: number;
  /** Ports to connect to instead of 443/80: for local test worlds. */
  readonly httpsPort?: number;
  readonly httpPort?: number;
  /** Port of every MX host's SMTP instead of 25: for local test worlds. */
  readonly smtpPort?: number;
  /** Skip the STARTTLS probes (every MX `tls.status` is `skipped`). */
  readonly noSmtp?: boolean;
  /** The name the probes send with EHLO. */
  readonly ehlo?: string;
  /** At most this many DNS queries per second to the resolver (a scan's `--qps`). */
  readonly qps?: number;
  /** Share work across the run's checks: a DNS cache, one STARTTLS probe per MX host and address (a scan). */
  readonly shared?: boolean;
}

export interface Transports {
  readonly resolve: Resolve;
  readonly fetchPolicy: FetchPolicy;
  readonly probeHttp: FetchPolicy;
  /** The STARTTLS probe of MX hosts, unless `--no-smtp`. */
  readonly probeSmtp?: ProbeSmtp;
  /** Says where lookups go, for the output's header. */
  readonly via: string;
  /** The DNS cache's and the shared probes' counters (with `shared`). */
  readonly stats: () => { readonly dns: DnsCacheStats | null; readonly probes: ProbeShareStats | null };
}

/** Build the transports; a problem with the settings themselves is a thrown Error with a one-line message. */
export async function makeTransports(s: TransportSettings): Promise<Transports> {
  let ca: string | undefined;
  if (s.caFile !== undefined) {
    try {
      ca = await readFile(s.caFile, 'utf8');
    } catch (e) {
      throw new Error(`cannot read the CA file ${s.caFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`${s.caFile} holds no PEM certificate`);
  }
  let resolve: Resolve;
  let via: string;
  if (s.doh !== undefined) {
    if (!/^https:\/\/[^/]+/i.test(s.doh)) throw new Error(`--doh needs an https:// URL, not \`${s.doh}\``);
    resolve = dohResolverNode({ url: s.doh, timeoutMs: s.timeoutMs, ...(ca ? { ca } : {}) });
    via = `DoH ${s.doh}`;
  } else {
    if (s.resolver !== undefined && !parseServerAddress(s.resolver)) throw new Error(`--resolver needs HOST:PORT, not \`${s.resolver}\``);
    resolve = udpResolver({ timeoutMs: s.timeoutMs, ...(s.resolver ? { server: s.resolver } : {}), ...(s.shared ? { shareSocket: true } : {}) });
    via = s.resolver ? `DNS ${s.resolver}` : 'the system resolver';
  }
  if (s.qps !== undefined) resolve = pacedResolve(resolve, s.qps);
  const cache = s.shared ? cachingResolve(resolve) : null;
  if (cache) resolve = cache.resolve;
  const fetchOptions = {
    lookup: resolve,
    timeoutMs: s.timeoutMs,
    ...(ca ? { ca } : {}),
    ...(s.httpsPort ? { port: s.httpsPort } : {}),
    ...(s.httpPort ? { httpPort: s.httpPort } : {}),
  };
  const probe = s.noSmtp
    ? undefined
    : smtpProbeNode({
        resolve,
        connectTimeoutMs: s.timeoutMs,
        stepTimeoutMs: s.timeoutMs,
        ...(ca ? { ca } : {}),
        ...(s.smtpPort ? { port: s.smtpPort } : {}),
        ...(s.ehlo ? { ehlo: s.ehlo } : {}),
      });
  const shared = probe && s.shared ? sharedProbe(probe, resolve) : null;
  const probeSmtp = shared?.probe ?? probe;
  return {
    resolve,
    fetchPolicy: fetchPolicyNode(fetchOptions),
    probeHttp: (url, opts) => probeHttp(url, fetchOptions, opts),
    ...(probeSmtp ? { probeSmtp } : {}),
    via,
    stats: () => ({ dns: cache?.stats() ?? null, probes: shared?.stats() ?? null }),
  };
}

/** Parse `--timeout`: `10` or `10s` seconds, `500ms`; between 100 ms and 10 minutes. */
export function parseTimeout(raw: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(raw.trim());
  if (!m) return null;
  const ms = m[2] === 'ms' ? Number(m[1]) : Number(m[1]) * 1000;
  return ms >= 100 && ms <= 600_000 ? Math.round(ms) : null;
}

/** Parse a port option. */
export function parsePort(raw: string): number | null {
  return /^\d{1,5}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 65535 ? Number(raw) : null;
}
