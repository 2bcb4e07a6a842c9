// Fake transports for checker unit tests: answers from a table, each after a chosen delay.
import type { DnsAnswer, DnsRecord, FetchPolicy, PolicyFetchResult, ProbeSmtp, RecordType, Resolve, SmtpProbeResult } from '../src/check/transport.ts';

export interface FakeWorld {
  readonly dns: Record<string, readonly DnsRecord[] | 'nxdomain' | 'servfail'>;
  readonly policy?: Partial<PolicyFetchResult> & { readonly body?: string };
  readonly delayMs?: number;
  /** STARTTLS probe results per MX host (hosts not listed answer `unreachable`), each after its `delayMs`. */
  readonly smtp?: Record<string, SmtpProbeResult & { readonly delayMs?: number }>;
}

export interface Call {
  readonly what: string;
  readonly at: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A resolver and fetcher over a table, recording when each call started. */
export function fakeTransports(world: FakeWorld) {
  const calls: Call[] = [];
  const t0 = Date.now();
  const resolve = (async (name: string, type: RecordType): Promise<DnsAnswer> => {
    calls.push({ what: `${type} ${name}`, at: Date.now() - t0 });
    await sleep(world.delayMs ?? 0);
    const entry = world.dns[`${type} ${name}`];
    const base = { name, type, cnames: [], ms: world.delayMs ?? 0 };
    if (entry === undefined) return { ...base, status: 'nodata', records: [] } satisfies DnsAnswer;
    if (entry === 'nxdomain' || entry === 'servfail') return { ...base, status: entry, records: [] } satisfies DnsAnswer;
    return { ...base, status: 'ok', records: entry } satisfies DnsAnswer;
  }) as Resolve;
  const fetchPolicy: FetchPolicy = async (url: string) => {
    calls.push({ what: `GET ${url}`, at: Date.now() - t0 });
    await sleep(world.delayMs ?? 0);
    const p = world.policy;
    if (!p) return { url, bytes: 0, truncated: false, error: { kind: 'dns', message: 'no address' }, ms: 0 };
    return { url, status: 200, contentType: 'text/plain', bytes: p.body?.length ?? 0, truncated: false, ms: world.delayMs ?? 0, ...p };
  };
  const probeSmtp: ProbeSmtp = async (host: string) => {
    calls.push({ what: `SMTP ${host}`, at: Date.now() - t0 });
    const p = world.smtp?.[host];
    await sleep(p?.delayMs ?? world.delayMs ?? 0);
    if (!p) return { outcome: 'unreachable', address: null, protocol: null, certificate: null, chainError: null, error: 'no address', ms: 0 };
    const { delayMs: _, ...result } = p;
    return result;
  };
  return { resolve, fetchPolicy, probeSmtp, calls };
}

export function txt(...strings: string[]): DnsRecord {
  return { type: 'TXT', name: 'fake', ttl: 300, strings, value: strings.join(''), invalidUtf8: false };
}

export function mx(preference: number, exchange: string): DnsRecord {
  return { type: 'MX', name: 'fake', ttl: 300, preference, exchange };
}

export function tlsa(data: string): DnsRecord {
  return { type: 'TLSA', name: 'fake', ttl: 300, usage: 3, selector: 1, matchingType: 1, data };
}
