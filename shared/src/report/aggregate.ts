import { coveringPattern, normalizeHost } from '../mx/match.ts';
import { utcDay } from './datetime.ts';
import { stsMeaning, tlsaRecords } from './policy-string.ts';
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
  /** The policy as the first report that carried it wrote it: STS lines, or TLSA records. */
  readonly lines: readonly string[];
  /** `mode:` and `mx:` values of an STS policy string (mx sorted, lower-cased). */
  readonly mode: string | null;
  readonly mx: readonly string[];
  readonly maxAge: number | null;
  /** TLSA records (`usage selector matching-type data`), unpacked from whatever form the sender wrote. */
  readonly records: readonly string[];
  /** Reports that carried this policy (a report with two entries for it counts once). */
  readonly reports: number;
  readonly organizations: readonly string[];
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  /** The newest STS policy (first seen last, and alone in that): what senders should all see now. */
  readonly current: boolean;
  /** An STS policy first seen before the current one. */
  readonly older: boolean;
  /** Organisations whose latest report still applied this policy after the current one was seen. */
  readonly staleOrganizations: readonly string[];
}

export type ReadinessStatus = 'ready' | 'wait' | 'not-ready' | 'enforced' | 'no-policy' | 'no-data' | 'no-domain';

/** Whether to switch a domain's policy from `testing` to `enforce`, why, and what to do next. */
export interface ReadinessVerdict {
  readonly status: ReadinessStatus;
  readonly headline: string;
  /** Which MX hosts failed and why, one line each. */
  readonly reasons: readonly string[];
  /** What else the reports show: senders still on an older policy, policies seen side by side, gaps. */
  readonly notes: readonly string[];
  readonly nextStep: string;
}

/** A stretch of time without any report (ISO 8601, UTC): from the end of one report range to the next start. */
export interface CoverageGap {
  readonly start: string;
  readonly end: string;
}

export interface DomainSummary extends SessionCounts {
  /** The `policy-domain`, lower-cased; null for the entries that name none. */
  readonly domain: string | null;
  /** failed / (successful + failed), null without sessions. */
  readonly failureRate: number | null;
  /** Days the reports for this domain actually cover (the union of their date ranges), rounded up. */
  readonly daysCovered: number;
  readonly gaps: readonly CoverageGap[];
  readonly policyTypes: readonly PolicyTypeCounts[];
  readonly mxHosts: readonly MxFailures[];
  readonly resultTypes: readonly ResultTypeCount[];
  readonly policies: readonly SeenPolicy[];
  readonly verdict: ReadinessVerdict;
}

export interface ReportSummary extends SessionCounts {
  /** Reports counted: each (organisation, `report-id`) once. */
  readonly reports: number;
  /** Reports skipped because one with the same organisation and `report-id` was already counted. */
  readonly duplicates: number;
  readonly organizations: readonly { readonly name: string; readonly reports: number }[];
  /** First start and last end of the reports' date ranges (ISO 8601, UTC). */
  readonly start: string | null;
  readonly end: string | null;
  /** Whole days the date ranges span, rounded up. */
  readonly days: number;
  /** Whole days the date ranges cover (their union), rounded up: less than `days` when there are gaps. */
  readonly daysCovered: number;
  readonly gaps: readonly CoverageGap[];
  readonly failureRate: number | null;
  readonly policyTypes: readonly PolicyTypeCounts[];
  readonly resultTypes: readonly ResultTypeCount[];
  readonly domains: readonly DomainSummary[];
}

/** Distinct keys kept per table (domains, MX hosts, organisations, policies); the rest count under `(other)`. */
export const DEFAULT_MAX_KEYS = 1000;
const OTHER = '(other)';
const NOT_NAMED = '(not named)';
/** The domain key of entries without a `policy-domain` (no domain name can be empty). */
const NO_DOMAIN = '';
/** Days of reports without failures before `ready`: one week, the shortest max_age worth caching. */
export const READY_AFTER_DAYS = 7;
const DAY = 86_400_000;
/** Report ranges closer than this are one stretch: `…T23:59:59Z` and the next `…T00:00:00Z` leave no gap. */
const GAP_TOLERANCE = 3_600_000;
/** Distinct stretches kept; past this the closest ones merge (real reports make a handful). */
const MAX_STRETCHES = 1000;

interface Counts {
  successful: number;
  failed: number;
}
interface PolicyAcc {
  readonly type: string;
  readonly lines: readonly string[];
  readonly mode: string | null;
  readonly mx: readonly string[];
  readonly maxAge: number | null;
  readonly records: readonly string[];
  reports: number;
  lastReport: number;
  readonly organizations: Set<string>;
  first: number | null;
  /** End of the earliest report that carried it: the policy was published by then. */
  firstEnd: number | null;
  last: number | null;
}
interface DomainAcc extends Counts {
  readonly byType: Map<string, Counts>;
  readonly mx: Map<string, { failed: number; results: Map<string, number> }>;
  readonly results: Map<string, number>;
  readonly policies: Map<string, PolicyAcc>;
  /** Per organisation: its latest report for this domain, and the STS policies that report carried. */
  readonly latestByOrg: Map<string, { at: number; start: number | null; serial: number; keys: Set<string> }>;
  readonly coverage: Coverage;
  lastReport: number;
  readonly organizations: Set<string>;
}

/**
 * Sums TLS-RPT reports as they come (`add`), in memory bounded by the number of distinct keys, never by the number
 * of failure details; `summary()` gives the totals, the tables and a verdict per policy domain. A report is
 * identified by its organisation and `report-id`: the same report read twice (kept as `.eml` and `.json.gz`,
 * mailed twice) counts once.
 */
export class ReportAggregator {
  private reports = 0;
  private duplicates = 0;
  private readonly seen = new Set<string>();
  private readonly orgs = new Map<string, number>();
  private start: number | null = null;
  private end: number | null = null;
  private readonly coverage = new Coverage();
  private readonly totals: Counts = { successful: 0, failed: 0 };
  private readonly byType = new Map<string, Counts>();
  private readonly results = new Map<string, number>();
  private readonly domains = new Map<string, DomainAcc>();

  constructor(private readonly maxKeys = DEFAULT_MAX_KEYS) {}

  /** Count a report; false (and nothing counted) when a report with its organisation and `report-id` was counted. */
  add(report: TlsRptReport): boolean {
    const orgName = report.organization?.trim() || '(unnamed)';
    const id = reportIdentity(report);
    if (id !== null) {
      if (this.seen.has(id)) {
        this.duplicates++;
        return false;
      }
      this.seen.add(id);
    }
    const serial = ++this.reports;
    const org = keyIn(this.orgs, orgName, this.maxKeys);
    this.orgs.set(org, (this.orgs.get(org) ?? 0) + 1);
    this.start = minOf(this.start, report.start);
    this.end = maxOf(this.end, report.end);
    this.coverage.add(report.start, report.end);
    const at = report.end ?? report.start ?? 0;
    for (const p of report.policies) {
      const type = p.type ?? '(none)';
      add(this.totals, p);
      add(entry(this.byType, keyIn(this.byType, type, this.maxKeys)), p);
      const named = p.domain === null || p.domain.trim() === '' ? NO_DOMAIN : normalizeHost(p.domain.trim());
      const domainKey = keyIn(this.domains, named, this.maxKeys);
      let d = this.domains.get(domainKey);
      if (!d) {
        d = { successful: 0, failed: 0, byType: new Map(), mx: new Map(), results: new Map(), policies: new Map(), latestByOrg: new Map(), coverage: new Coverage(), lastReport: 0, organizations: new Set() };
        this.domains.set(domainKey, d);
      }
      add(d, p);
      add(entry(d.byType, keyIn(d.byType, type, this.maxKeys)), p);
      if (d.lastReport !== serial) {
        d.lastReport = serial;
        d.coverage.add(report.start, report.end);
        if (d.organizations.size < this.maxKeys) d.organizations.add(org);
      }
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
      // `no-policy-found` entries and unknown types carry no policy version.
      if (p.policyString === null || (p.type !== 'sts' && p.type !== 'tlsa')) continue;
      const lines = p.policyString.map((l) => l.trim()).filter((l) => l !== '');
      const sts = p.type === 'sts' ? stsMeaning(lines) : null;
      const records = p.type === 'tlsa' ? tlsaRecords(lines) : [];
      const key = keyIn(d.policies, sts ? `sts\n${sts.key}` : `tlsa\n${records.join('\n')}`, this.maxKeys);
      let seen = d.policies.get(key);
      if (!seen) {
        const shown = key === OTHER ? [] : sts ? lines : records;
        seen = { type: p.type, lines: shown, mode: sts?.mode ?? null, mx: sts?.mx ?? [], maxAge: sts?.maxAge ?? null, records, reports: 0, lastReport: 0, organizations: new Set(), first: null, firstEnd: null, last: null };
        d.policies.set(key, seen);
      }
      if (seen.lastReport !== serial) {
        seen.lastReport = serial;
        seen.reports++;
      }
      if (seen.organizations.size < this.maxKeys) seen.organizations.add(org);
      const from = report.start ?? report.end;
      if (from !== null && (seen.first === null || from < seen.first)) {
        seen.first = from;
        seen.firstEnd = report.end ?? from;
      }
      seen.last = maxOf(seen.last, report.end ?? report.start);
      if (sts && key !== OTHER) {
        const latest = d.latestByOrg.get(org);
        if (!latest || at > latest.at) d.latestByOrg.set(org, { at, start: report.start, serial, keys: new Set([key]) });
        else if (latest.serial === serial || at === latest.at) latest.keys.add(key);
      }
    }
    return true;
  }

  summary(): ReportSummary {
    const days = this.start !== null && this.end !== null && this.end > this.start ? Math.ceil((this.end - this.start) / DAY - 1e-9) : 0;
    const domains = [...this.domains.entries()]
      .map(([name, d]) => domainSummary(name === NO_DOMAIN ? null : name, d))
      .sort((a, b) => Number(a.domain === null) - Number(b.domain === null) || b.failed - a.failed || b.successful + b.failed - (a.successful + a.failed) || compare(a.domain ?? '', b.domain ?? ''));
    return {
      reports: this.reports,
      duplicates: this.duplicates,
      organizations: [...this.orgs.entries()].map(([name, reports]) => ({ name, reports })).sort((a, b) => b.reports - a.reports || compare(a.name, b.name)),
      start: this.start === null ? null : new Date(this.start).toISOString(),
      end: this.end === null ? null : new Date(this.end).toISOString(),
      days,
      daysCovered: this.coverage.days(),
      gaps: this.coverage.gaps(),
      successful: this.totals.successful,
      failed: this.totals.failed,
      failureRate: rate(this.totals),
      policyTypes: typeTable(this.byType),
      resultTypes: resultTable(this.results),
      domains,
    };
  }
}

/** The union of report date ranges, as disjoint stretches in time order. */
class Coverage {
  private readonly stretches: [number, number][] = [];

  add(start: number | null, end: number | null): void {
    if (start === null || end === null || end < start) return;
    const list = this.stretches;
    // Reports mostly come in time order: look from the end.
    let i = list.length;
    while (i > 0 && list[i - 1]![0] > start) i--;
    list.splice(i, 0, [start, end]);
    // Merge the new stretch with its neighbours while they touch.
    let k = Math.max(0, i - 1);
    while (k < list.length - 1) {
      const a = list[k]!;
      const b = list[k + 1]!;
      if (b[0] - a[1] <= GAP_TOLERANCE) {
        a[1] = Math.max(a[1], b[1]);
        list.splice(k + 1, 1);
      } else if (k > i) break;
      else k++;
    }
    if (list.length > MAX_STRETCHES) this.mergeClosest();
  }

  days(): number {
    let ms = 0;
    for (const [s, e] of this.stretches) ms += e - s;
    return ms === 0 && this.stretches.length > 0 ? 1 : Math.ceil(ms / DAY - 0.01);
  }

  /** Gaps of at least a day, the ones worth naming. */
  gaps(): CoverageGap[] {
    const out: CoverageGap[] = [];
    for (let k = 1; k < this.stretches.length; k++) {
      const from = this.stretches[k - 1]![1];
      const to = this.stretches[k]![0];
      if (to - from >= DAY - GAP_TOLERANCE) out.push({ start: new Date(from).toISOString(), end: new Date(to).toISOString() });
    }
    return out;
  }

  private mergeClosest(): void {
    let best = 1;
    for (let k = 2; k < this.stretches.length; k++) {
      if (this.stretches[k]![0] - this.stretches[k - 1]![1] < this.stretches[best]![0] - this.stretches[best - 1]![1]) best = k;
    }
    this.stretches[best - 1]![1] = Math.max(this.stretches[best - 1]![1], this.stretches[best]![1]);
    this.stretches.splice(best, 1);
  }
}

function domainSummary(domain: string | null, d: DomainAcc): DomainSummary {
  const { policies, notes } = seenPolicies(d);
  const current = policies.find((p) => p.current) ?? null;
  const mxHosts: MxFailures[] = [...d.mx.entries()]
    .map(([host, m]) => ({
      host,
      failed: m.failed,
      resultTypes: resultTable(m.results),
      ...(current !== null && host !== NOT_NAMED && host !== OTHER ? { coveredBy: coveringPattern(host, current.mx) } : {}),
    }))
    .sort((a, b) => b.failed - a.failed || compare(a.host, b.host));
  const daysCovered = d.coverage.days();
  const gaps = d.coverage.gaps();
  const base = { domain, successful: d.successful, failed: d.failed, failureRate: rate(d), daysCovered, gaps, policyTypes: typeTable(d.byType), mxHosts, resultTypes: resultTable(d.results), policies };
  const verdict = domain === null ? noDomainVerdict(d, notes) : verdictFor(domain, d, current, mxHosts, notes, daysCovered, gaps);
  return { ...base, verdict };
}

function seenPolicies(d: DomainAcc): { policies: SeenPolicy[]; notes: string[] } {
  const notes: string[] = [];
  const sts = [...d.policies.entries()].filter(([key, p]) => p.type === 'sts' && key !== OTHER);
  // The newest policy is the one that appeared last: an older one goes on being seen by senders that cache it.
  // Policies first seen within the same hour have no order: no report shows which came first.
  const newest = Math.max(...sts.map(([, p]) => p.first ?? -Infinity));
  const latest = sts.filter(([, p]) => (p.first ?? -Infinity) >= newest - GAP_TOLERANCE);
  const currentKey = latest.length === 1 ? latest[0]![0] : null;
  const current = currentKey === null ? null : d.policies.get(currentKey)!;
  if (latest.length > 1) {
    notes.push(
      `${latest.length} different MTA-STS policies were first seen in the same reports (${latest.map(([, p]) => describePolicy(p)).join('; ')}): the dates do not show which one is current, so no sender is called stale; publish a new \`id\` if the policy changed without one`,
    );
  }
  const stale = new Map<string, string[]>();
  for (const [org, last] of d.latestByOrg) {
    if (current === null || currentKey === null || last.keys.has(currentKey)) continue;
    // Stale only with evidence: this sender's latest report began after a report showing the current policy ended.
    if (last.start === null || current.firstEnd === null || last.start < current.firstEnd - GAP_TOLERANCE) continue;
    for (const key of last.keys) {
      const list = stale.get(key) ?? [];
      list.push(org);
      stale.set(key, list);
    }
  }
  const policies = [...d.policies.entries()]
    .map(([key, p]) => ({
      type: p.type,
      lines: p.lines,
      mode: p.mode,
      mx: p.mx,
      maxAge: p.maxAge,
      records: p.records,
      reports: p.reports,
      organizations: [...p.organizations].sort(compare),
      firstSeen: p.first === null ? null : new Date(p.first).toISOString(),
      lastSeen: p.last === null ? null : new Date(p.last).toISOString(),
      current: key === currentKey,
      older: p.type === 'sts' && key !== OTHER && current !== null && key !== currentKey,
      staleOrganizations: (stale.get(key) ?? []).sort(compare),
    }))
    .sort((a, b) => Number(b.type === 'sts') - Number(a.type === 'sts') || Number(b.current) - Number(a.current) || compare(b.lastSeen ?? '', a.lastSeen ?? '') || b.reports - a.reports);
  for (const p of policies) {
    if (p.staleOrganizations.length === 0) continue;
    notes.push(
      `${p.staleOrganizations.join(', ')} still applied an older policy (${describePolicy(p)}; last seen ${p.lastSeen?.slice(0, 10) ?? 'at an unknown time'}) after the current one was seen: a policy changed without a new \`id\` stays cached until its max_age runs out`,
    );
  }
  return { policies, notes };
}

function noDomainVerdict(d: DomainAcc, notes: readonly string[]): ReadinessVerdict {
  const total = d.successful + d.failed;
  const orgs = [...d.organizations].sort(compare).join(', ');
  return {
    status: 'no-domain',
    headline: `${plural(total, 'session')} in report entries without a \`policy-domain\` (${d.failed} failed): they count for no domain`,
    reasons: [],
    notes,
    nextStep: `nothing to decide from these entries; RFC 8460 §4.4 requires \`policy-domain\`, so tell the sender (${orgs || 'see the report\'s contact-info'}) through the report's \`contact-info\``,
  };
}

function verdictFor(domain: string, d: DomainAcc, current: SeenPolicy | null, mxHosts: readonly MxFailures[], notes: readonly string[], days: number, gaps: readonly CoverageGap[]): ReadinessVerdict {
  const sts = d.byType.get('sts') ?? { successful: 0, failed: 0 };
  const none = d.byType.get('no-policy-found') ?? { successful: 0, failed: 0 };
  const stsTotal = sts.successful + sts.failed;
  const reasons: string[] = [];
  const allNotes = [...notes];
  if (gaps.length > 0) allNotes.push(`no reports ${gaps.slice(0, 5).map(gapText).join(', ')}${gaps.length > 5 ? ` and ${gaps.length - 5} more gaps` : ''}`);
  if (stsTotal === 0) {
    if (none.successful + none.failed > 0) {
      return {
        status: 'no-policy',
        headline: `senders found no MTA-STS policy for ${domain} in ${plural(none.successful + none.failed, 'session')}`,
        reasons,
        notes: allNotes,
        nextStep: `publish an MTA-STS policy in mode testing and its \`_mta-sts.${domain}\` TXT record (\`sts-lens init ${domain}\` prints both)`,
      };
    }
    return { status: 'no-data', headline: `no MTA-STS sessions reported for ${domain}`, reasons, notes: allNotes, nextStep: `nothing to decide yet: wait for reports of MTA-STS sessions to ${domain}` };
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
        notes: allNotes,
        nextStep: `${step}; if it cannot be fixed at once, switch back to \`mode: testing\` and publish a new \`id\``,
      };
    }
    return {
      status: 'not-ready',
      headline: `not ready for enforce: ${sts.failed} of ${plural(stsTotal, 'session')} failed (${pct})`,
      reasons,
      notes: allNotes,
      nextStep: `${step}, then wait for ${READY_AFTER_DAYS} days of reports with no failures before switching to enforce`,
    };
  }
  if (mode === 'enforce') {
    return { status: 'enforced', headline: `enforced: all ${plural(stsTotal, 'session')} succeeded`, reasons, notes: allNotes, nextStep: 'nothing to do; keep reading the reports' };
  }
  if (days < READY_AFTER_DAYS) {
    return {
      status: 'wait',
      headline: `no failures in ${plural(stsTotal, 'session')}, but the reports cover only ${plural(days, 'day')}`,
      reasons,
      notes: allNotes,
      nextStep: `keep \`mode: ${mode ?? 'testing'}\` until reports cover at least ${READY_AFTER_DAYS} days, then read them again`,
    };
  }
  return {
    status: 'ready',
    headline: `ready for enforce: all ${plural(stsTotal, 'session')} over ${plural(days, 'day')} of reports succeeded (0.00% failed)`,
    reasons,
    notes: allNotes,
    nextStep: `change \`mode: ${mode ?? 'testing'}\` to \`mode: enforce\` in https://mta-sts.${domain}/.well-known/mta-sts.txt and publish a new \`id\` in the \`_mta-sts.${domain}\` TXT record (senders refetch the policy only when the id changes)`,
  };
}

/** `2026-01-02 to 2026-01-08`: the whole days between two report ranges. */
function gapText(g: CoverageGap): string {
  const from = utcDay(Date.parse(g.start) + 1000);
  const to = utcDay(Date.parse(g.end) - 1000);
  return from === to ? `on ${from}` : `from ${from} to ${to}`;
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

function describePolicy(p: { readonly mode: string | null; readonly mx: readonly string[]; readonly maxAge: number | null }): string {
  const parts = [p.mode !== null ? `mode ${p.mode}` : 'no mode'];
  parts.push(p.mx.length > 0 ? `mx ${p.mx.join(', ')}` : 'no mx');
  if (p.maxAge !== null) parts.push(`max_age ${p.maxAge}`);
  return parts.join(', ');
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

/** What identifies a report (RFC 8460 §4.4): its organisation and `report-id`; null without a `report-id`. */
export function reportIdentity(report: TlsRptReport): string | null {
  const id = report.reportId?.trim() ?? '';
  return id === '' ? null : `${(report.organization?.trim() || '(unnamed)').toLowerCase()}\n${id}`;
}

/** The UTC day of an ISO time, for tables. */
export function dayOf(iso: string | null): string {
  return iso === null ? '?' : utcDay(Date.parse(iso));
}
