import type { Diagnostic, DiagnosticSource } from '../diagnostic.ts';
import { compareDiagnostics } from '../diagnostic.ts';
import { lintRecordText } from '../lint-record.ts';
import { coveringPattern, normalizeHost } from '../mx/match.ts';
import { parsePolicy } from '../policy/parse.ts';
import { runRules, type SeverityOverrides } from '../rule.ts';
import { isStsRecordAttempt, parseStsRecord } from '../sts-txt/parse.ts';
import { isTlsRptRecordAttempt, parseTlsRptRecord } from '../tlsrpt-txt/parse.ts';
import { policyFetched, resolverUnreachable, type CheckContext, type LastSeen, type MxHost } from './context.ts';
import { judgeMxTls, MX_TLS_SKIPPED, mxHostIsAddress, mxTlsOfAddress, mxTlsPasses, type MxTls } from './mx-tls.ts';
import { domainFromInput, type DomainSource } from './domain-input.ts';
import { checkRules } from './rules/index.ts';
import type { DnsAnswer, DnsStatus, FetchPolicy, PolicyFetchResult, ProbeSmtp, Resolve, TxtRecord } from './transport.ts';

/**
 * The one-word answer shared by badge, popup and CLI (design.md §2). `unknown`: nothing was checked, because no lookup
 * got an answer (`CheckResult.unreachable` says why): the resolver or DoH provider is down or untrusted, which says
 * nothing about the domain.
 */
export type Verdict = 'enforced' | 'testing' | 'none' | 'absent' | 'broken' | 'unknown';

export interface CheckOptions {
  readonly resolve: Resolve;
  readonly fetchPolicy: FetchPolicy;
  /** Plain-HTTP probe of the policy URL, used only when HTTPS fails, to tell "HTTP only" apart. */
  readonly probeHttp?: FetchPolicy;
  /** STARTTLS probe of each MX host, started as soon as the MX answer arrives; without it every `tls` is `skipped`. */
  readonly probeSmtp?: ProbeSmtp;
  /** The id and policy text of an earlier check, to catch a changed policy with an unchanged id. */
  readonly lastSeen?: LastSeen;
  readonly overrides?: SeverityOverrides;
  /** Clock for fixes that mint ids. */
  readonly now?: () => Date;
  readonly signal?: AbortSignal;
}

/**
 * What the score is made of: each part is earned whole or not at all, and they add up to 100. The parts are
 * earned in the order senders meet them: without a usable record nothing of the policy counts, without the
 * policy served properly nothing of its content counts, and the mode counts only when the verdict is
 * enforced or testing (an enforce policy that leaves an MX uncovered earns nothing for its mode).
 * A domain with a valid enforce policy covering every MX, every MX passing STARTTLS, a week or more of max_age and
 * TLS-RPT scores 100.
 */
export const SCORE_WEIGHTS = {
  /** Exactly one `_mta-sts` record, beginning with `v=STSv1`, with a valid id. */
  stsRecord: 20,
  /** The policy served over HTTPS with a valid certificate, status 200, `text/plain`, no redirect. */
  policyServed: 20,
  /** The policy has version, mode, max_age and (unless mode none) mx, all valid. */
  policyValid: 10,
  /** The mode, when the verdict is enforced or testing: enforce protects, testing only reports. */
  modeEnforce: 20,
  modeTesting: 10,
  /** Every MX host is covered by an `mx:` pattern. */
  mxCovered: 5,
  /**
   * MX TLS ready: no MX host that answered the STARTTLS probe failed it (no STARTTLS, untrusted, wrong name,
   * expired, handshake failure). Hosts not probed (`--no-smtp`, the browser) or unreachable from here cost nothing:
   * the score counts what was seen, and the output says what was not checked.
   */
  mxTls: 10,
  /** max_age of at least one week, so the policy survives between visits. */
  maxAgeWeek: 5,
  /** Exactly one valid TLS-RPT record with at least one reporting address. */
  tlsrpt: 10,
} as const;

export interface TxtRecordReport {
  readonly value: string;
  readonly strings: readonly string[];
}

export interface CheckResult {
  /** What the user typed. */
  readonly input: string;
  /** The domain checked (A-label, lower case), and how it was derived from the input. */
  readonly domain: string;
  readonly derivedFrom: DomainSource;
  readonly verdict: Verdict;
  /** Out of 100 (SCORE_WEIGHTS); null when the verdict is `unknown`. */
  readonly score: number | null;
  readonly sts: {
    readonly name: string;
    readonly status: DnsStatus;
    readonly cnames: readonly string[];
    readonly records: readonly TxtRecordReport[];
    readonly id: string | null;
  };
  readonly policy: {
    readonly url: string;
    /** Whether senders would use it: an STS record exists and HTTPS gave 200. */
    readonly fetched: boolean;
    readonly status: number | null;
    readonly contentType: string | null;
    readonly location: string | null;
    readonly bytes: number;
    readonly error: { readonly kind: string; readonly message: string } | null;
    readonly text: string | null;
    readonly version: string | null;
    readonly mode: string | null;
    readonly maxAge: number | null;
    readonly mx: readonly string[];
  };
  readonly mx: readonly MxHost[];
  readonly mxStatus: DnsStatus;
  readonly tlsrpt: {
    readonly name: string;
    readonly status: DnsStatus;
    readonly records: readonly TxtRecordReport[];
    readonly rua: readonly string[];
  };
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Set when no lookup got an answer (each timed out or failed outright: an unreachable or untrusted resolver or
   * DoH provider): what went wrong, in words. The domain was then not checked: the verdict is `unknown`, the score
   * null, there are no diagnostics (the records, policy and MX fields only say what failed), and every caller says
   * `couldNotCheck` instead (the CLI exits 2, the extension shows ERR, VS Code an error message).
   */
  readonly unreachable: string | null;
  readonly timings: {
    readonly totalMs: number;
    readonly stsMs: number;
    readonly tlsrptMs: number;
    readonly mxMs: number;
    readonly policyMs: number;
    readonly tlsaMs: number;
    /** The slowest STARTTLS probe (they run side by side; 0 without probes). */
    readonly smtpMs: number;
  };
}


function txtRecords(a: DnsAnswer): TxtRecord[] {
  return a.records.filter((r): r is TxtRecord => r.type === 'TXT');
}

function withSource(ds: readonly Diagnostic[], source: DiagnosticSource): Diagnostic[] {
  return ds.map((d) => ({ ...d, source }));
}

/** The source a check rule's finding belongs to, for grouping in outputs. */
function sourceOf(code: string): DiagnosticSource {
  if (code.startsWith('check/policy-')) return 'https';
  if (code.startsWith('check/tlsrpt-')) return 'tlsrpt';
  if (code === 'check/mode-none' || code === 'check/stale-id') return 'policy';
  if (code.startsWith('check/mx-') && code !== 'check/mx-missing' && code !== 'check/mx-ip-address' && code !== 'check/mx-not-covered' && code !== 'check/mx-pattern-unused') return 'smtp';
  return 'dns';
}

/**
 * Check a domain's MTA-STS and TLS-RPT as senders see them. The `_mta-sts`, `_smtp._tls` and MX lookups and
 * the policy fetch all start at once (the fetch speculatively: its result counts only if the record exists);
 * TLSA lookups follow the MX answer. Network failures and bad records are diagnostics; the one exception,
 * DomainInputError, is for input that names no domain at all (validate with `domainFromInput` first).
 */
export async function checkDomain(input: string, options: CheckOptions): Promise<CheckResult> {
  const started = Date.now();
  const parsedInput = domainFromInput(input);
  if (!parsedInput.ok) throw new DomainInputError(parsedInput.error);
  const domain = parsedInput.domain;
  const signal = options.signal ? { signal: options.signal } : undefined;
  const policyUrl = `https://mta-sts.${domain}/.well-known/mta-sts.txt`;

  const stsP = options.resolve(`_mta-sts.${domain}`, 'TXT', signal);
  const tlsrptP = options.resolve(`_smtp._tls.${domain}`, 'TXT', signal);
  const mxP = options.resolve(domain, 'MX', signal);
  const fetchP = options.fetchPolicy(policyUrl, signal);
  const tlsaStarted = { at: 0, ms: 0 };
  const mxHostsP = mxP.then((mx) => {
    tlsaStarted.at = Date.now();
    return [...new Set(mx.records.flatMap((r) => (r.type === 'MX' && r.exchange !== '.' && r.exchange !== '' ? [normalizeHost(r.exchange)] : [])))];
  });
  const tlsaP = mxHostsP.then(async (hosts) => {
    const answers = await Promise.all(hosts.map(async (h) => [h, await options.resolve(`_25._tcp.${h}`, 'TLSA', signal)] as const));
    tlsaStarted.ms = Date.now() - tlsaStarted.at;
    return answers;
  });
  // Each MX host's STARTTLS probe starts with the MX answer, beside the TLSA lookups and the policy fetch.
  const now = options.now ?? (() => new Date());
  const probeSmtp = options.probeSmtp;
  const smtpP = mxHostsP.then((hosts) =>
    Promise.all(hosts.map(async (h): Promise<readonly [string, MxTls]> => [h, !probeSmtp ? MX_TLS_SKIPPED : mxHostIsAddress(h) ? mxTlsOfAddress(h) : judgeMxTls(h, await probeSmtp(h, signal), now())])),
  );

  const [sts, tlsrpt, mxAnswer, policyFetch, tlsa, smtp] = await Promise.all([stsP, tlsrptP, mxP, fetchP, tlsaP, smtpP]);
  const tlsaMs = tlsa.length ? tlsaStarted.ms : 0;
  const smtpMs = probeSmtp && smtp.length ? Math.max(...smtp.map(([, t]) => t.ms)) : 0;

  // Another service's record sharing the name is no candidate: check/txt-unrelated gives it a hint.
  const stsCandidates = txtRecords(sts).filter((r) => isStsRecordAttempt(r.value));
  const stsRecords = stsCandidates.filter((r) => parseStsRecord(r.value).effective.version);
  const stsParsed = stsCandidates.length === 1 ? parseStsRecord(stsCandidates[0]!.value) : null;
  const tlsrptCandidates = txtRecords(tlsrpt).filter((r) => isTlsRptRecordAttempt(r.value));
  const tlsrptRecords = tlsrptCandidates.filter((r) => parseTlsRptRecord(r.value).effective.version);
  const tlsrptParsed = tlsrptCandidates.length === 1 ? parseTlsRptRecord(tlsrptCandidates[0]!.value) : null;

  let httpProbe: PolicyFetchResult | null = null;
  // Only a refused or failed connection raises the question "is it served over plain HTTP instead?": with a bad
  // certificate HTTPS is there, and that is the problem to name.
  if (stsCandidates.length > 0 && (policyFetch.error?.kind === 'connect' || policyFetch.error?.kind === 'tls') && options.probeHttp) {
    httpProbe = await options.probeHttp(policyUrl.replace(/^https:/, 'http:'), signal);
  }
  const got = !policyFetch.error && policyFetch.status === 200 && !policyFetch.truncated && typeof policyFetch.body === 'string';
  const policyText = got ? policyFetch.body! : null;
  const policy = policyText !== null ? parsePolicy(policyText) : null;
  const patterns = policy?.effective.mx ?? [];
  const tlsaByHost = new Map(tlsa);
  const tlsByHost = new Map(smtp);
  const mx: MxHost[] = mxAnswer.records
    .flatMap((r) => (r.type === 'MX' ? [r] : []))
    .map((r) => {
      const host = normalizeHost(r.exchange);
      const t = tlsaByHost.get(host);
      const tlsa = !!t && t.status === 'ok' && t.records.some((x) => x.type === 'TLSA');
      return { host, preference: r.preference, pattern: coveringPattern(host, patterns), tlsa, tls: tlsByHost.get(host) ?? MX_TLS_SKIPPED };
    })
    .filter((m) => m.host !== '')
    .sort((a, b) => a.preference - b.preference || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));

  const ctx: CheckContext = {
    domain,
    sts,
    stsCandidates,
    stsRecords,
    stsParsed,
    tlsrpt,
    tlsrptCandidates,
    tlsrptRecords,
    tlsrptParsed,
    mxAnswer,
    mx,
    policyUrl,
    policyFetch,
    httpProbe,
    policy: stsCandidates.length > 0 ? policy : null,
    policyText,
    lastSeen: options.lastSeen ?? null,
  };

  // No lookup answered: nothing is known of the domain, so no rule speaks of it (each would blame the domain).
  const unreachable = resolverUnreachable([sts, tlsrpt, mxAnswer]);
  const overrides = options.overrides ?? {};
  const lintOptions = { domain, mxHosts: mx.map((m) => m.host), overrides, served: true, ...(options.now ? { now: options.now } : {}) };
  // (Without an answer there is no record or policy either, so the linting below finds nothing to read.)
  const diagnostics: Diagnostic[] = unreachable !== null ? [] : runRules(checkRules, ctx, overrides).map((d) => ({ ...d, source: sourceOf(d.code) }));
  if (stsParsed) diagnostics.push(...withSource(lintRecordText(stsCandidates[0]!.value, 'sts-txt', lintOptions), 'sts'));
  if (tlsrptParsed) diagnostics.push(...withSource(lintRecordText(tlsrptCandidates[0]!.value, 'tlsrpt-txt', lintOptions), 'tlsrpt'));
  if (ctx.policy && policyText !== null) diagnostics.push(...withSource(lintRecordText(policyText, 'policy', lintOptions), 'policy'));
  const order: DiagnosticSource[] = ['dns', 'sts', 'https', 'policy', 'smtp', 'tlsrpt'];
  diagnostics.sort((a, b) => order.indexOf(a.source!) - order.indexOf(b.source!) || compareDiagnostics(a, b));
  const verdict: Verdict = unreachable !== null ? 'unknown' : verdictOf(ctx, diagnostics);

  return {
    input,
    domain,
    derivedFrom: parsedInput.via,
    verdict,
    score: unreachable !== null ? null : scoreOf(ctx, diagnostics, verdict),
    sts: {
      name: sts.name,
      status: sts.status,
      cnames: sts.cnames,
      records: txtRecords(sts).map((r) => ({ value: r.value, strings: r.strings })),
      id: stsParsed?.effective.id ?? null,
    },
    policy: {
      url: policyUrl,
      fetched: ctx.policy !== null,
      status: policyFetch.status ?? null,
      contentType: policyFetch.contentType ?? null,
      location: policyFetch.location ?? null,
      bytes: policyFetch.bytes,
      error: policyFetch.error ? { kind: policyFetch.error.kind, message: policyFetch.error.message } : null,
      text: policyText,
      version: policy?.effective.version ?? null,
      mode: policy?.effective.mode ?? null,
      maxAge: policy?.effective.maxAge ?? null,
      mx: patterns,
    },
    mx,
    mxStatus: mxAnswer.status,
    tlsrpt: {
      name: tlsrpt.name,
      status: tlsrpt.status,
      records: txtRecords(tlsrpt).map((r) => ({ value: r.value, strings: r.strings })),
      rua: tlsrptRecords.length === 1 && tlsrptParsed ? tlsrptParsed.effective.rua : [],
    },
    diagnostics,
    unreachable,
    timings: {
      totalMs: Date.now() - started,
      stsMs: sts.ms,
      tlsrptMs: tlsrpt.ms,
      mxMs: mxAnswer.ms,
      policyMs: policyFetch.ms,
      tlsaMs,
      smtpMs,
    },
  };
}

/**
 * Why a domain was not checked (a result whose verdict is `unknown`): `<via> did not answer (<why>)`, `via` naming where
 * the lookups went (`DNS 127.0.0.1:53`, `the DNS-over-HTTPS provider dns.example`), `why` the result's `unreachable`.
 */
export function unansweredReason(via: string, why: string): string {
  return `${via} did not answer (${why})`;
}

/** The one sentence every host shows for a domain it could not check: `could not check <domain>: <via> did not answer (<why>)`. */
export function couldNotCheck(domain: string, via: string, why: string): string {
  return `could not check ${domain}: ${unansweredReason(via, why)}`;
}

/** Raised for input that names no domain (the one failure that is the caller's, not the domain's). */
export class DomainInputError extends Error {
  override readonly name = 'DomainInputError';
}

function hasError(ds: readonly Diagnostic[], source: DiagnosticSource, code?: string): boolean {
  return ds.some((d) => d.source === source && d.severity === 'error' && (code === undefined || d.code === code));
}

/** Whether the policy gives senders every field they need (RFC 8461 §3.2). */
function policyComplete(ctx: CheckContext): boolean {
  const e = ctx.policy?.effective;
  return !!e && e.version === 'STSv1' && e.mode !== null && e.maxAge !== null && (e.mode === 'none' || e.mx.length > 0);
}

function verdictOf(ctx: CheckContext, ds: readonly Diagnostic[]): Verdict {
  if (ctx.stsCandidates.length === 0) return hasError(ds, 'dns', 'check/dns-failure') && ctx.sts.status !== 'ok' && ctx.sts.status !== 'nxdomain' && ctx.sts.status !== 'nodata' ? 'broken' : 'absent';
  if (ctx.stsRecords.length !== 1 || hasError(ds, 'sts')) return 'broken';
  if (!policyFetched(ctx) || hasError(ds, 'https') || !policyComplete(ctx)) return 'broken';
  const mode = ctx.policy!.effective.mode!;
  if (mode === 'none') return 'none';
  if (mode === 'testing') return 'testing';
  // In enforce mode an MX host senders refuse (not covered, or failing STARTTLS) breaks delivery to it.
  return ctx.mx.every((m) => m.pattern !== null && !mxHostIsAddress(m.host) && mxTlsPasses(m.tls.status)) ? 'enforced' : 'broken';
}

function scoreOf(ctx: CheckContext, ds: readonly Diagnostic[], verdict: Verdict): number {
  const w = SCORE_WEIGHTS;
  let score = 0;
  if (ctx.tlsrptRecords.length === 1 && ctx.tlsrptParsed && ctx.tlsrptParsed.effective.rua.length > 0) score += w.tlsrpt;
  // Each part below counts only when senders get that far: a policy they never fetch protects nothing.
  if (ctx.stsRecords.length !== 1 || ctx.stsCandidates.length !== 1 || hasError(ds, 'sts')) return score;
  score += w.stsRecord;
  if (!policyFetched(ctx) || hasError(ds, 'https')) return score;
  score += w.policyServed;
  if (!policyComplete(ctx)) return score;
  score += w.policyValid;
  const e = ctx.policy!.effective;
  if (verdict === 'enforced') score += w.modeEnforce;
  if (verdict === 'testing') score += w.modeTesting;
  if (e.mode !== 'none' && ctx.mx.length > 0 && ctx.mx.every((m) => m.pattern !== null)) score += w.mxCovered;
  if (e.mode !== 'none' && ctx.mx.length > 0 && ctx.mx.every((m) => mxTlsPasses(m.tls.status))) score += w.mxTls;
  if ((e.maxAge ?? 0) >= 604800) score += w.maxAgeWeek;
  return score;
}
