import { coveringPattern, normalizeHost } from '../mx/match.ts';
import { utcDay } from './datetime.ts';
import type { TlsRptReport } from './read.ts';
import { RESULT_TYPES } from './result-types.ts';

/** Sessions of one kind: how many succeeded and failed. */
export interface SessionCounts {
  readonly successful: number;
  readonly failed: number;
}

export interface PolicyTypeCounts extends SessionCounts {
  readonly type: string;
}

export interface ResultTypeCount {
  readonly resultType: string;
  readonly failed: number;
}

/** A receiving MX host that failed, and why. */
export interface MxFailures {
  /** The `receiving-mx-hostname`, lower-cased; `(not named)` when the details name none (policy fetch errors). */
  readonly host: string;
  readonly failed: number;
  readonly resultTypes: readonly ResultTypeCount[];
  /** The `mx:` pattern of the current policy covering the host; null when none does; undefined without a policy. */
  readonly coveredBy?: string | null;
}

/** A policy as senders reported it, with who saw it and when. */
export interface SeenPolicy {
  readonly type: string;
  readonly lines: readonly string[];
  /** `mode:` and `mx:` values of an STS policy string. */
  readonly mode: string | null;
  readonly mx: readonly string[];
  readonly reports: number;
  readonly organizations: readonly string[];
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  /** The newest policy (first seen last): what senders should all see now. */
  readonly current: boolean;
  /** Organisations whose latest report still applied this policy, though it is not the current one. */
  readonly staleOrganizations: readonly string[];
}

export type ReadinessStatus = 'ready' | 'wait' | 'not-ready' | 'enforced' | 'no-policy' | 'no-data';

/** Whether to switch a domain's policy from `testing` to `enforce`, why, and what to do next. */
export interface ReadinessVerdict {
  readonly status: ReadinessStatus;
  readonly headline: string;
  /** Which MX hosts failed and why, one line each. */
  readonly reasons: readonly string[];
  /** What else the reports show: senders still on an older policy. */
  readonly notes: readonly string[];
  readonly nextStep: string;
}

export interface DomainSummary extends SessionCounts {
  readonly domain: string;
  /** failed / (successful + failed), null without sessions. */
  readonly failureRate: number | null;
  readonly policyTypes: readonly PolicyTypeCounts[];
  readonly mxHosts: readonly MxFailures[];
  readonly resultTypes: readonly ResultTypeCount[];
  readonly policies: readonly SeenPolicy[];
  readonly verdict: ReadinessVerdict;
}

export interface ReportSummary extends SessionCounts {
  readonly reports: number;
  readonly organizations: readonly { readonly name: string; readonly reports: number }[];
  /** First start and last end of the reports' date ranges (ISO 8601, UTC). */
  readonly start: string | null;
  readonly end: string | null;
  /** Whole days the date ranges span, rounded up. */
  readonly days: number;
  readonly failureRate: number | null;
  readonly policyTypes: readonly PolicyTypeCounts[];
  readonly resultTypes: readonly ResultTypeCount[];
  readonly domains: readonly DomainSummary[];
}

/** Distinct keys kept per table (domains, MX hosts, organisations, policies); the rest count under `(other)`. */
export const DEFAULT_MAX_KEYS = 1000;
const OTHER = '(other)';
const NOT_NAMED = '(not named)';
/** Days of reports without failures before `ready`: one week, the shortest max_age worth caching. */
export const READY_AFTER_DAYS = 7;

interface Counts {
  successful: number;
  failed: number;
}
interface PolicyAcc {
  readonly type: string;
  readonly lines: readonly string[];
  reports: number;
  readonly organizations: Set<string>;
  first: number | null;
  last: number | null;
}
interface DomainAcc extends Counts {
  readonly byType: Map<string, Counts>;
  readonly mx: Map<string, { failed: number; results: Map<string, number> }>;
  readonly results: Map<string, number>;
  readonly policies: Map<string, PolicyAcc>;
  /** Per organisation: the time and policy key of its latest report for this domain. */
  readonly latestByOrg: Map<string, { at: number; key: string }>;
  start: number | null;
  end: number | null;
}

/**
 * Sums TLS-RPT reports as they come (`add`), in memory bounded by the number of distinct keys, never by the number
 * of reports or failure details; `summary()` gives the totals, the tables and a verdict per policy domain.
 */
export class ReportAggregator {
  private reports = 0;
  private readonly orgs = new Map<string, number>();
  private start: number | null = null;
  private end: number | null = null;
  private readonly totals: Counts = { successful: 0, failed: 0 };
  private readonly byType = new Map<string, Counts>();
  private readonly results = new Map<string, number>();
  private readonly domains = new Map<string, DomainAcc>();

  constructor(private readonly maxKeys = DEFAULT_MAX_KEYS) {}

  add(report: TlsRptReport): void {
    this.reports++;
    const org = keyIn(this.orgs, report.organization?.trim() || '(unnamed)', this.maxKeys);
    this.orgs.set(org, (this.orgs.get(org) ?? 0) + 1);
    this.start = minOf(this.start, report.start);
    this.end = maxOf(this.end, report.end);
    const at = report.end ?? report.start ?? 0;
    for (const p of report.policies) {
      const type = p.type ?? '(none)';
      add(this.totals, p);
      add(entry(this.byType, keyIn(this.byType, type, this.maxKeys)), p);
      const domainKey = keyIn(this.domains, p.domain === null ? '(none)' : normalizeHost(p.domain.trim()), this.maxKeys);
      let d = this.domains.get(domainKey);
      if (!d) {
        d = { successful: 0, failed: 0, byType: new Map(), mx: new Map(), results: new Map(), policies: new Map(), latestByOrg: new Map(), start: null, end: null };
        this.domains.set(domainKey, d);
      }
      add(d, p);
      add(entry(d.byType, keyIn(d.byType, type, this.maxKeys)), p);
      d.start = minOf(d.start, report.start);
      d.end = maxOf(d.end, report.end);
      for (const f of p.failures) {
        const rt = f.resultType ?? '(none)';
        const rtKey = keyIn(this.results, rt, this.maxKeys);
        this.results.set(rtKey, (this.results.get(rtKey) ?? 0) + f.count);
        const drt = keyIn(d.results, rt, this.maxKeys);
        d.results.set(drt, (d.results.get(drt) ?? 0) + f.count);
        const host = keyIn(d.mx, f.receivingMx === null || f.receivingMx.trim() === '' ? NOT_NAMED : normalizeHost(f.receivingMx.trim()), this.maxKeys);
        let m = d.mx.get(host);
        if (!m) d.mx.set(host, (m = { failed: 0, results: new Map() }));
        m.failed += f.count;
        const mrt = keyIn(m.results, rt, this.maxKeys);
        m.results.set(mrt, (m.results.get(mrt) ?? 0) + f.count);
      }
      if (p.policyString !== null && (p.type === 'sts' || p.type === 'tlsa')) {
        const lines = p.policyString.map((l) => l.trim()).filter((l) => l !== '');
        const key = keyIn(d.policies, `${p.type}\n${lines.join('\n')}`, this.maxKeys);
        let seen = d.policies.get(key);
        if (!seen) d.policies.set(key, (seen = { type: p.type, lines: key === OTHER ? [] : lines, reports: 0, organizations: new Set(), first: null, last: null }));
        seen.reports++;
        if (seen.organizations.size < this.maxKeys) seen.organizations.add(org);
        seen.first = minOf(seen.first, report.start ?? report.end);
        seen.last = maxOf(seen.last, report.end ?? report.start);
        if (p.type === 'sts') {
          const latest = d.latestByOrg.get(org);
          if (!latest || at >= latest.at) d.latestByOrg.set(org, { at, key });
        }
      }
    }
  }

  summary(): ReportSummary {
    const days = this.start !== null && this.end !== null && this.end > this.start ? Math.ceil((this.end - this.start) / 86_400_000 - 1e-9) : 0;
    const domains = [...this.domains.entries()]
      .map(([name, d]) => domainSummary(name, d))
      .sort((a, b) => b.failed - a.failed || b.successful + b.failed - (a.successful + a.failed) || compare(a.domain, b.domain));
    return {
      reports: this.reports,
      organizations: [...this.orgs.entries()].map(([name, reports]) => ({ name, reports })).sort((a, b) => b.reports - a.reports || compare(a.name, b.name)),
      start: this.start === null ? null : new Date(this.start).toISOString(),
      end: this.end === null ? null : new Date(this.end).toISOString(),
      days,
      successful: this.totals.successful,
      failed: this.totals.failed,
      failureRate: rate(this.totals),
      policyTypes: typeTable(this.byType),
      resultTypes: resultTable(this.results),
      domains,
    };
  }
}

function domainSummary(domain: string, d: DomainAcc): DomainSummary {
  const policies = seenPolicies(d);
  const current = policies.find((p) => p.current && p.type === 'sts') ?? null;
  const mxHosts: MxFailures[] = [...d.mx.entries()]
    .map(([host, m]) => ({
      host,
      failed: m.failed,
      resultTypes: resultTable(m.results),
      ...(current !== null && host !== NOT_NAMED && host !== OTHER ? { coveredBy: coveringPattern(host, current.mx) } : {}),
    }))
    .sort((a, b) => b.failed - a.failed || compare(a.host, b.host));
  const base = { domain, successful: d.successful, failed: d.failed, failureRate: rate(d), policyTypes: typeTable(d.byType), mxHosts, resultTypes: resultTable(d.results), policies };
  const days = d.start !== null && d.end !== null && d.end > d.start ? (d.end - d.start) / 86_400_000 : 0;
  return { ...base, verdict: verdictFor(domain, d, current, mxHosts, policies, days) };
}

function seenPolicies(d: DomainAcc): SeenPolicy[] {
  let currentKey: string | null = null;
  let best: PolicyAcc | null = null;
  for (const [key, p] of d.policies) {
    if (p.type !== 'sts' || key === OTHER) continue;
    // The newest policy is the one that appeared last: an older one goes on being seen by senders that cache it.
    if (best === null || (p.first ?? -Infinity) > (best.first ?? -Infinity) || ((p.first ?? -Infinity) === (best.first ?? -Infinity) && p.reports > best.reports)) {
      best = p;
      currentKey = key;
    }
  }
  const stale = new Map<string, string[]>();
  for (const [org, latest] of d.latestByOrg) {
    if (currentKey === null || latest.key === currentKey) continue;
    const list = stale.get(latest.key) ?? [];
    list.push(org);
    stale.set(latest.key, list);
  }
  return [...d.policies.entries()]
    .map(([key, p]) => ({
      type: p.type,
      lines: p.lines,
      mode: p.type === 'sts' ? fieldOf(p.lines, 'mode') : null,
      mx: p.type === 'sts' ? p.lines.filter((l) => /^mx\s*:/.test(l)).map((l) => l.replace(/^mx\s*:\s*/, '')) : [],
      reports: p.reports,
      organizations: [...p.organizations].sort(compare),
      firstSeen: p.first === null ? null : new Date(p.first).toISOString(),
      lastSeen: p.last === null ? null : new Date(p.last).toISOString(),
      current: key === currentKey,
      staleOrganizations: (stale.get(key) ?? []).sort(compare),
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || compare(b.lastSeen ?? '', a.lastSeen ?? '') || b.reports - a.reports);
}

function verdictFor(domain: string, d: DomainAcc, current: SeenPolicy | null, mxHosts: readonly MxFailures[], policies: readonly SeenPolicy[], days: number): ReadinessVerdict {
  const sts = d.byType.get('sts') ?? { successful: 0, failed: 0 };
  const none = d.byType.get('no-policy-found') ?? { successful: 0, failed: 0 };
  const stsTotal = sts.successful + sts.failed;
  const reasons: string[] = [];
  const notes: string[] = [];
  for (const p of policies) {
    if (p.staleOrganizations.length === 0) continue;
    notes.push(
      `${p.staleOrganizations.join(', ')} still applied an older policy (${describePolicy(p)}; last seen ${p.lastSeen?.slice(0, 10) ?? 'at an unknown time'}): a policy changed without a new \`id\` stays cached until its max_age runs out`,
    );
  }
  if (stsTotal === 0) {
    if (none.successful + none.failed > 0) {
      return {
        status: 'no-policy',
        headline: `senders found no MTA-STS policy for ${domain} in ${plural(none.successful + none.failed, 'session')}`,
        reasons,
        notes,
        nextStep: `publish an MTA-STS policy in mode testing and its \`_mta-sts.${domain}\` TXT record (\`sts-lens init ${domain}\` prints both)`,
      };
    }
    return { status: 'no-data', headline: `no MTA-STS sessions reported for ${domain}`, reasons, notes, nextStep: `nothing to decide yet: wait for reports of MTA-STS sessions to ${domain}` };
  }
  const mode = current?.mode ?? null;
  const pct = percent(sts.failed / stsTotal);
  if (sts.failed > 0) {
    for (const m of mxHosts.slice(0, 10)) {
      const why = m.resultTypes.map((r) => `${r.resultType} ${r.failed}`).join(', ');
      const cover = m.coveredBy === null ? `; no \`mx:\` pattern of the current policy covers it` : '';
      reasons.push(`${m.host}: ${plural(m.failed, 'failed session')} (${why})${cover}`);
    }
    if (mxHosts.length > 10) reasons.push(`and ${mxHosts.length - 10} more MX hosts`);
    const step = fixStep(domain, mxHosts);
    if (mode === 'enforce') {
      return {
        status: 'enforced',
        headline: `mode enforce, but ${sts.failed} of ${plural(stsTotal, 'session')} failed (${pct}): senders that honour MTA-STS did not deliver that mail`,
        reasons,
        notes,
        nextStep: `${step}; if it cannot be fixed at once, switch back to \`mode: testing\` and publish a new \`id\``,
      };
    }
    return {
      status: 'not-ready',
      headline: `not ready for enforce: ${sts.failed} of ${plural(stsTotal, 'session')} failed (${pct})`,
      reasons,
      notes,
      nextStep: `${step}, then wait for ${READY_AFTER_DAYS} days of reports with no failures before switching to enforce`,
    };
  }
  if (mode === 'enforce') {
    return { status: 'enforced', headline: `enforced: all ${plural(stsTotal, 'session')} succeeded`, reasons, notes, nextStep: 'nothing to do; keep reading the reports' };
  }
  if (days < READY_AFTER_DAYS) {
    return {
      status: 'wait',
      headline: `no failures in ${plural(stsTotal, 'session')}, but the reports cover only ${formatDays(days)}`,
      reasons,
      notes,
      nextStep: `keep \`mode: ${mode ?? 'testing'}\` until reports cover at least ${READY_AFTER_DAYS} days, then read them again`,
    };
  }
  return {
    status: 'ready',
    headline: `ready for enforce: all ${plural(stsTotal, 'session')} over ${formatDays(days)} succeeded (0.00% failed)`,
    reasons,
    notes,
    nextStep: `change \`mode: ${mode ?? 'testing'}\` to \`mode: enforce\` in https://mta-sts.${domain}/.well-known/mta-sts.txt and publish a new \`id\` in the \`_mta-sts.${domain}\` TXT record (senders refetch the policy only when the id changes)`,
  };
}

/** The one thing to fix first: the policy host, then an MX the policy does not cover, then the worst MX host's TLS. */
function fixStep(domain: string, mxHosts: readonly MxFailures[]): string {
  const sts = ['sts-policy-fetch-error', 'sts-webpki-invalid', 'sts-policy-invalid'];
  for (const m of mxHosts) {
    const r = m.resultTypes.find((x) => sts.includes(x.resultType));
    if (r) {
      return `fix the policy host first: senders report ${r.resultType} (${RESULT_TYPES[r.resultType]!.meaning}); \`sts-lens check ${domain}\` shows what https://mta-sts.${domain}/.well-known/mta-sts.txt serves`;
    }
  }
  const uncovered = mxHosts.find((m) => m.coveredBy === null);
  if (uncovered) return `add \`mx: ${uncovered.host}\` (or a pattern covering it) to the policy and publish a new \`id\``;
  const worst = mxHosts[0];
  if (worst === undefined) return 'find out which MX hosts fail: these reports carry no failure details';
  const top = worst.resultTypes[0]?.resultType ?? '';
  const on = worst.host === NOT_NAMED ? 'the MX hosts' : worst.host;
  switch (top) {
    case 'starttls-not-supported':
      return `enable STARTTLS on ${on}`;
    case 'certificate-expired':
      return `renew the TLS certificate of ${on}`;
    case 'certificate-host-mismatch':
      return `install a certificate on ${on} whose names include ${worst.host === NOT_NAMED ? 'each MX host name' : `\`${worst.host}\``}`;
    case 'certificate-not-trusted':
      return `install a certificate from a public CA, with its full chain, on ${on}`;
    case 'tlsa-invalid':
    case 'dnssec-invalid':
    case 'dane-required':
      return `fix the DANE setup of ${on} (${top}: ${RESULT_TYPES[top]!.meaning})`;
    default:
      return `find out why TLS fails on ${on} (${top || 'no result type'}; the reports' \`failure-reason-code\` says more)`;
  }
}

function describePolicy(p: SeenPolicy): string {
  const parts = [p.mode !== null ? `mode ${p.mode}` : 'no mode'];
  parts.push(p.mx.length > 0 ? `mx ${p.mx.join(', ')}` : 'no mx');
  return parts.join(', ');
}

function fieldOf(lines: readonly string[], key: string): string | null {
  for (const l of lines) {
    const m = /^([^:]*):\s*(.*)$/.exec(l);
    if (m && m[1] === key) return m[2]!.trim();
  }
  return null;
}

/** `key` if the table has it or still has room, else `(other)`. */
function keyIn(map: Map<string, unknown>, key: string, max: number): string {
  return map.has(key) || map.size < max - 1 ? key : OTHER;
}

function entry(map: Map<string, Counts>, key: string): Counts {
  let c = map.get(key);
  if (!c) map.set(key, (c = { successful: 0, failed: 0 }));
  return c;
}

function add(into: Counts, from: SessionCounts): void {
  into.successful += from.successful;
  into.failed += from.failed;
}

function typeTable(map: Map<string, Counts>): PolicyTypeCounts[] {
  return [...map.entries()].map(([type, c]) => ({ type, successful: c.successful, failed: c.failed })).sort((a, b) => b.successful + b.failed - (a.successful + a.failed) || compare(a.type, b.type));
}

function resultTable(map: Map<string, number>): ResultTypeCount[] {
  return [...map.entries()].map(([resultType, failed]) => ({ resultType, failed })).sort((a, b) => b.failed - a.failed || compare(a.resultType, b.resultType));
}

function rate(c: SessionCounts): number | null {
  const total = c.successful + c.failed;
  return total === 0 ? null : c.failed / total;
}

/** `5.38%`, two decimals. */
export function percent(r: number): string {
  return `${(r * 100).toFixed(2)}%`;
}

function formatDays(days: number): string {
  const whole = Math.ceil(days - 1e-9);
  return plural(whole, 'day');
}

function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}

function minOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}
function maxOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The UTC day of an ISO time, for tables. */
export function dayOf(iso: string | null): string {
  return iso === null ? '?' : utcDay(Date.parse(iso));
}
