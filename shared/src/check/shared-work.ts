// Work shared by the checks of one run (a scan of many domains): a DNS cache that keeps answers for their TTL, a pace
// per resolver, and one STARTTLS probe per MX host and address. Wrappers around the transports of transport.ts, so
// checkDomain stays as it is: 100k domains behind five MX hosts make five probes, and their TLSA and address lookups
// are asked once per TTL.
import { startDeadline } from '../dns/deadline.ts';
import type { DnsAnswer, ProbeSmtp, RecordType, Resolve, SmtpProbeResult, TransportOptions } from './transport.ts';

/** How long a negative answer (`nxdomain`, `nodata`) is kept, in seconds: the answer carries no SOA minimum here. */
export const NEGATIVE_TTL_SECONDS = 60;

/** Counters of a `cachingResolve`. */
export interface DnsCacheStats {
  /** Lookups asked of the cache. */
  readonly lookups: number;
  /** Lookups answered from the cache or by joining one in flight. */
  readonly hits: number;
  /** Entries held now. */
  readonly entries: number;
}

/** Options of `cachingResolve`. */
export interface DnsCacheOptions {
  /** At most this many answers asked for more than once are kept (least recently used go first), beside a quarter
   * as many (at most 2000) asked for once so far; default 20000. */
  readonly maxEntries?: number;
  /** Milliseconds clock; default Date.now. */
  readonly now?: () => number;
}

/** A Resolve with a cache, and its counters. */
export interface CachingResolve {
  readonly resolve: Resolve;
  stats(): DnsCacheStats;
}

interface CacheEntry {
  readonly answer: DnsAnswer;
  readonly expires: number;
}

/**
 * A Resolve that keeps each answer for its TTL (the least TTL of its records; negative answers
 * `NEGATIVE_TTL_SECONDS`; failures and timeouts not at all) and lets concurrent lookups of one name and type share one
 * query. A cached answer reports `ms: 0`: it cost this lookup nothing. The cache is bounded (LRU, and an answer is
 * kept long only once asked for twice), so a scan of a million domains, whose own names never repeat, keeps only the
 * names they share.
 */
export function cachingResolve(resolve: Resolve, options: DnsCacheOptions = {}): CachingResolve {
  const maxEntries = options.maxEntries ?? 20_000;
  const now = options.now ?? Date.now;
  // Two tiers: a new answer waits in `probation`; only a second lookup moves it to `entries`. In a scan most names
  // are asked once (a domain's own records), so they churn through the small tier and never push out the shared ones.
  const probationMax = Math.max(1, Math.min(2_000, Math.floor(maxEntries / 4)));
  const probation = new Map<string, CacheEntry>();
  const entries = new Map<string, CacheEntry>();
  const inFlight = new Map<string, Promise<DnsAnswer>>();
  let lookups = 0;
  let hits = 0;

  const remember = (key: string, answer: DnsAnswer) => {
    const ttl =
      answer.status === 'ok'
        ? Math.min(...answer.records.map((r) => r.ttl))
        : answer.status === 'nxdomain' || answer.status === 'nodata'
          ? NEGATIVE_TTL_SECONDS
          : 0;
    if (!(ttl > 0)) return;
    probation.set(key, { answer, expires: now() + ttl * 1000 });
    if (probation.size > probationMax) probation.delete(probation.keys().next().value as string);
  };

  const cached = async <T extends RecordType>(name: string, type: T, opts?: TransportOptions): Promise<DnsAnswer<T>> => {
    lookups++;
    const key = `${type} ${name.toLowerCase().replace(/\.$/, '')}`;
    const entry = entries.get(key) ?? probation.get(key);
    if (entry) {
      entries.delete(key);
      probation.delete(key);
      if (entry.expires > now()) {
        entries.set(key, entry);
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
        hits++;
        return { ...(entry.answer as DnsAnswer<T>), ms: 0 };
      }
    }
    const pending = inFlight.get(key);
    if (pending) {
      hits++;
      return { ...((await pending) as DnsAnswer<T>), ms: 0 };
    }
    const asked = resolve(name, type, opts).then((answer) => {
      inFlight.delete(key);
      remember(key, answer);
      return answer;
    });
    inFlight.set(key, asked);
    return asked;
  };
  return { resolve: cached, stats: () => ({ lookups, hits, entries: entries.size + probation.size }) };
}

/**
 * A Resolve that sends at most `qps` queries per second (evenly spaced, a burst of up to a tenth of a second's
 * worth), so a scan never floods the resolver it was given. Lookups wait their turn; a signal aborted while
 * waiting ends the lookup as a timeout without a query.
 */
export function pacedResolve(resolve: Resolve, qps: number, now: () => number = Date.now): Resolve {
  const gap = 1000 / qps;
  const burst = Math.max(1, Math.floor(qps / 10)) * gap;
  let nextSlot = 0;
  return async <T extends RecordType>(name: string, type: T, opts?: TransportOptions): Promise<DnsAnswer<T>> => {
    const t = now();
    const slot = Math.max(nextSlot, t - burst);
    nextSlot = slot + gap;
    const wait = slot - t;
    if (wait > 0) {
      // A deadline is a timer that a caller's abort also ends: waiting out the slot, or cancelled while waiting.
      const deadline = startDeadline(wait, opts?.signal);
      if (!deadline.signal.aborted) await new Promise<void>((done) => deadline.signal.addEventListener('abort', () => done(), { once: true }));
      const cancelled = !deadline.timedOut();
      deadline.dispose();
      if (cancelled) {
        return { name: name.toLowerCase().replace(/\.$/, ''), type, status: 'timeout', records: [], cnames: [], error: 'the lookup was cancelled', ms: 0 };
      }
    }
    return resolve(name, type, opts);
  };
}

/** Counters of a `sharedProbe`. */
export interface ProbeShareStats {
  /** Probes asked for (one per MX host of every domain checked). */
  readonly asked: number;
  /** Probes made: distinct MX host and address sets. */
  readonly made: number;
  /** Distinct MX host names probed. */
  readonly hosts: number;
}

/** A ProbeSmtp shared across a run, and its counters. */
export interface SharedProbe {
  readonly probe: ProbeSmtp;
  stats(): ProbeShareStats;
}

/**
 * A ProbeSmtp that probes each MX host once per set of addresses it resolves to (the A and AAAA lookups go through
 * `resolve`, the run's caching resolver, which the probe itself then also reads): every domain behind that host gets
 * the same facts, each judged at its own check. At most `maxEntries` probes are kept (least recently used go first).
 */
export function sharedProbe(probe: ProbeSmtp, resolve: Resolve, maxEntries = 20_000): SharedProbe {
  const results = new Map<string, Promise<SmtpProbeResult>>();
  const hosts = new Set<string>();
  let asked = 0;
  let made = 0;
  const shared: ProbeSmtp = async (host, opts) => {
    asked++;
    const [a, aaaa] = await Promise.all([resolve(host, 'A', opts), resolve(host, 'AAAA', opts)]);
    const addresses = [...a.records.map((r) => r.address), ...aaaa.records.map((r) => r.address)].sort();
    const key = `${host.toLowerCase()} ${addresses.join(' ')}`;
    let result = results.get(key);
    if (result) {
      results.delete(key);
    } else {
      made++;
      if (hosts.size < maxEntries) hosts.add(host.toLowerCase());
      result = probe(host, opts);
    }
    results.set(key, result);
    if (results.size > maxEntries) results.delete(results.keys().next().value as string);
    return result;
  };
  return { probe: shared, stats: () => ({ asked, made, hosts: hosts.size }) };
}
