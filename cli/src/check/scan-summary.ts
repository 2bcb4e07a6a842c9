// The counters a scan keeps instead of its results, and the table and JSON made of them at the end.
import type { DnsCacheStats, ProbeShareStats } from '@sts-lens/shared';

const VERDICTS = ['enforced', 'testing', 'none', 'absent', 'broken'] as const;

/** What one written NDJSON line says, as far as the summary is concerned (a fresh result or one read back for --resume). */
export interface ScanRecord {
  readonly verdict?: unknown;
  readonly error?: unknown;
  readonly unreachable?: unknown;
  readonly policy?: { readonly mode?: unknown } | null;
  readonly diagnostics?: readonly { readonly code?: unknown }[];
  readonly mx?: readonly { readonly host?: unknown; readonly tls?: { readonly status?: unknown } }[];
  readonly tlsrpt?: { readonly rua?: readonly unknown[] };
}

/** The scan's counters: bounded by the number of verdicts, codes and distinct MX hosts, never by the domains. */
export class ScanCounters {
  checked = 0;
  resumed = 0;
  invalid = 0;
  unreachable = 0;
  skippedByShard = 0;
  readonly verdicts = new Map<string, number>(VERDICTS.map((v) => [v, 0]));
  readonly modes = new Map<string, number>();
  readonly codes = new Map<string, number>();
  /** Each MX host's TLS status, as first seen. */
  readonly mxHosts = new Map<string, string>();
  tlsrpt = 0;

  /** Count one line of output (`resumed`: read back from the --resume file). */
  add(r: ScanRecord, resumed: boolean): void {
    if (resumed) this.resumed++;
    else this.checked++;
    if (typeof r.error === 'string') {
      this.invalid++;
      return;
    }
    if (typeof r.unreachable === 'string') {
      this.unreachable++;
      return;
    }
    if (typeof r.verdict === 'string') this.verdicts.set(r.verdict, (this.verdicts.get(r.verdict) ?? 0) + 1);
    const mode = typeof r.policy?.mode === 'string' ? r.policy.mode : '(no policy)';
    this.modes.set(mode, (this.modes.get(mode) ?? 0) + 1);
    for (const code of new Set((r.diagnostics ?? []).map((d) => d.code))) {
      if (typeof code === 'string') this.codes.set(code, (this.codes.get(code) ?? 0) + 1);
    }
    for (const m of r.mx ?? []) {
      if (typeof m.host === 'string' && typeof m.tls?.status === 'string' && !this.mxHosts.has(m.host)) this.mxHosts.set(m.host, m.tls.status);
    }
    if ((r.tlsrpt?.rua?.length ?? 0) > 0) this.tlsrpt++;
  }

  /** Lines written or found, in all. */
  get done(): number {
    return this.checked + this.resumed;
  }

  /** Domains that could not be checked: input naming no domain, or no DNS answer. */
  get errors(): number {
    return this.invalid + this.unreachable;
  }
}

/** How the scan ended and what it cost, beside the counters. */
export interface ScanRun {
  readonly completed: boolean;
  readonly seconds: number;
  readonly concurrency: number;
  readonly shard: string | null;
  readonly dns: DnsCacheStats | null;
  readonly probes: ProbeShareStats | null;
  /** The first input line not done, when interrupted. */
  readonly resumeFrom: number | null;
}

function sorted(m: ReadonlyMap<string, number>): [string, number][] {
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** The summary as JSON (`--summary FILE`). */
export function summaryJson(c: ScanCounters, run: ScanRun): unknown {
  const tls = new Map<string, number>();
  for (const s of c.mxHosts.values()) tls.set(s, (tls.get(s) ?? 0) + 1);
  return {
    completed: run.completed,
    resumeFrom: run.resumeFrom,
    seconds: Math.round(run.seconds * 1000) / 1000,
    domainsPerSecond: run.seconds > 0 ? Math.round((c.checked / run.seconds) * 10) / 10 : null,
    concurrency: run.concurrency,
    shard: run.shard,
    domains: { total: c.done, checked: c.checked, resumed: c.resumed, invalid: c.invalid, unreachable: c.unreachable, otherShards: c.skippedByShard },
    verdicts: Object.fromEntries(c.verdicts),
    modes: Object.fromEntries(sorted(c.modes)),
    tlsrpt: c.tlsrpt,
    codes: Object.fromEntries(sorted(c.codes)),
    mxHosts: { total: c.mxHosts.size, byTlsStatus: Object.fromEntries(sorted(tls)) },
    probes: run.probes ? { made: run.probes.made, asked: run.probes.asked, distinctHosts: run.probes.hosts } : null,
    dns: run.dns ? { lookups: run.dns.lookups, fromCache: run.dns.hits, queries: run.dns.lookups - run.dns.hits } : null,
  };
}

/** The summary as the table printed on standard error at the end of a scan. */
export function summaryText(c: ScanCounters, run: ScanRun): string {
  const pct = (n: number, of: number) => (of > 0 ? `${((100 * n) / of).toFixed(1)}%` : '-');
  const judged = c.done - c.errors;
  const rows = (title: string, entries: [string, number][], of: number) => [
    title,
    ...entries.map(([k, n]) => `  ${k.padEnd(34)} ${String(n).padStart(8)}  ${pct(n, of).padStart(6)}`),
  ];
  const tls = new Map<string, number>();
  for (const s of c.mxHosts.values()) tls.set(s, (tls.get(s) ?? 0) + 1);
  const rate = run.seconds > 0 ? (c.checked / run.seconds).toFixed(1) : '-';
  const lines = [
    `${run.completed ? 'Scan complete' : 'Scan interrupted'}: ${c.done} domains${c.resumed ? ` (${c.checked} checked now, ${c.resumed} from the resumed file)` : ''}${run.shard ? `, shard ${run.shard}` : ''}; ${run.seconds.toFixed(1)} s, ${rate} domains/s at concurrency ${run.concurrency}`,
    ...rows('Verdicts', [...c.verdicts], judged),
    ...(c.errors ? rows('Not checked', [['input naming no domain', c.invalid], ['no DNS answer (unreachable)', c.unreachable]], c.done) : []),
    ...rows('Policy modes', sorted(c.modes), judged),
    `  with TLS-RPT ${String(c.tlsrpt).padStart(30)}  ${pct(c.tlsrpt, judged).padStart(6)}`,
    ...rows('Most common findings (domains)', sorted(c.codes).slice(0, 10), judged),
    ...rows(`MX hosts by TLS status (${c.mxHosts.size} hosts)`, sorted(tls), c.mxHosts.size),
  ];
  if (run.probes) lines.push(`STARTTLS probes: ${run.probes.made} made for ${run.probes.asked} MX hosts of the domains checked now (${run.probes.hosts} distinct hosts)`);
  if (run.dns) lines.push(`DNS: ${run.dns.lookups - run.dns.hits} queries for ${run.dns.lookups} lookups (${run.dns.hits} from the run's cache)`);
  return lines.join('\n') + '\n';
}
