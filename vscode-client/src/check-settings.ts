// How "STS Lens: Check domain…" reaches DNS and HTTPS, from the `stsLens.check.*` settings: the system resolver by
// default, or a DNS server / DoH endpoint of the user's choosing (a company resolver, a split-horizon view, a local
// test world), plus an extra CA and other ports for private or test setups. Mapping is pure; building reads the CA file.
import { readFile } from 'node:fs/promises';
import type { FetchPolicy, ProbeSmtp, Resolve } from '@sts-lens/shared';
import { dohResolverNode, fetchPolicyNode, parseServerAddress, probeHttp, smtpProbeNode, udpResolver } from '@sts-lens/shared/node';

/** The check's transport settings, validated. */
export interface CheckSettings {
  /** `HOST:PORT` of a DNS server; undefined: the system's. */
  readonly resolver?: string;
  /** An RFC 8484 DoH endpoint; wins over `resolver`. */
  readonly doh?: string;
  readonly caFile?: string;
  readonly httpsPort?: number;
  readonly httpPort?: number;
  /** Probe MX hosts' STARTTLS on this port instead of 25 (test setups). */
  readonly smtpPort?: number;
  readonly timeoutMs: number;
}

export const DEFAULT_CHECK_TIMEOUT_S = 10;
type Key = 'resolver' | 'caFile' | 'httpsPort' | 'httpPort' | 'smtpPort' | 'timeoutSeconds';

const isPort = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;

/** Map `stsLens.check.*` (read by key) to the check's settings; a value that does not fit is dropped and named. */
export function checkSettings(read: (key: Key) => unknown): { settings: CheckSettings; problems: string[] } {
  const problems: string[] = [];
  const out: { -readonly [K in keyof CheckSettings]: CheckSettings[K] } = { timeoutMs: DEFAULT_CHECK_TIMEOUT_S * 1000 };
  const resolver = read('resolver');
  if (typeof resolver === 'string' && resolver.trim() !== '') {
    const r = resolver.trim();
    if (/^https:\/\/[^/\s]+/i.test(r)) out.doh = r;
    else if (parseServerAddress(r) && !/^[a-z]+:\/\//i.test(r)) out.resolver = r;
    else problems.push(`stsLens.check.resolver: \`${r}\` is neither HOST:PORT (a DNS server) nor an https:// DoH URL; using the system resolver`);
  } else if (resolver !== undefined && resolver !== null && resolver !== '') problems.push('stsLens.check.resolver must be a string: HOST:PORT or an https:// DoH URL');
  const ca = read('caFile');
  if (typeof ca === 'string' && ca.trim() !== '') out.caFile = ca.trim();
  for (const [key, field] of [['httpsPort', 'httpsPort'], ['httpPort', 'httpPort'], ['smtpPort', 'smtpPort']] as const) {
    const v = read(key);
    if (v === undefined || v === null || v === 0) continue;
    if (isPort(v)) out[field] = v;
    else problems.push(`stsLens.check.${key} must be a port number from 1 to 65535 (0 for the standard port); using the standard port`);
  }
  const t = read('timeoutSeconds');
  if (typeof t === 'number' && Number.isFinite(t) && t >= 1 && t <= 600) out.timeoutMs = Math.round(t * 1000);
  else if (t !== undefined && t !== null) problems.push(`stsLens.check.timeoutSeconds must be between 1 and 600; using ${DEFAULT_CHECK_TIMEOUT_S}`);
  return { settings: out, problems };
}

export interface CheckTransports {
  readonly resolve: Resolve;
  readonly fetchPolicy: FetchPolicy;
  readonly probeHttp: FetchPolicy;
  /** Every MX host over STARTTLS, as `sts-lens check` does (the editor runs in Node). */
  readonly probeSmtp: ProbeSmtp;
  /** Where lookups go, in words. */
  readonly via: string;
}

/** The transports for the settings, or a one-line message when the CA file cannot be used. */
export async function checkTransports(s: CheckSettings): Promise<CheckTransports | { readonly error: string }> {
  let ca: string | undefined;
  if (s.caFile !== undefined) {
    try {
      ca = await readFile(s.caFile, 'utf8');
    } catch (e) {
      return { error: `stsLens.check.caFile: cannot read ${s.caFile} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) return { error: `stsLens.check.caFile: ${s.caFile} holds no PEM certificate` };
  }
  const resolve = s.doh
    ? dohResolverNode({ url: s.doh, timeoutMs: s.timeoutMs, ...(ca ? { ca } : {}) })
    : udpResolver({ timeoutMs: s.timeoutMs, ...(s.resolver ? { server: s.resolver } : {}) });
  const fetchOptions = { lookup: resolve, timeoutMs: s.timeoutMs, ...(ca ? { ca } : {}), ...(s.httpsPort ? { port: s.httpsPort } : {}), ...(s.httpPort ? { httpPort: s.httpPort } : {}) };
  return {
    resolve,
    fetchPolicy: fetchPolicyNode(fetchOptions),
    probeHttp: (url, opts) => probeHttp(url, fetchOptions, opts),
    probeSmtp: smtpProbeNode({ resolve, connectTimeoutMs: s.timeoutMs, stepTimeoutMs: s.timeoutMs, ...(ca ? { ca } : {}), ...(s.smtpPort ? { port: s.smtpPort } : {}) }),
    via: s.doh ? `DoH ${s.doh}` : s.resolver ? `DNS ${s.resolver}` : 'the system resolver',
  };
}
