import type { ParsedPolicy } from '../policy/parse.ts';
import type { ParsedStsRecord } from '../sts-txt/parse.ts';
import type { ParsedTlsRptRecord } from '../tlsrpt-txt/parse.ts';
import type { Severity } from '../diagnostic.ts';
import type { Rule, RuleMeta } from '../rule.ts';
import type { MxTls, MxTlsStatus } from './mx-tls.ts';
import type { DnsAnswer, PolicyFetchResult, TxtRecord } from './transport.ts';

/** What a caller remembers from an earlier check of the domain, to catch a policy changed without a new id. */
export interface LastSeen {
  readonly id: string;
  /** The policy text seen with that id. */
  readonly policy: string;
}

/** One MX host of the domain and its MTA-STS coverage. */
export interface MxHost {
  readonly host: string;
  readonly preference: number;
  /** The policy pattern covering it, or null. */
  readonly pattern: string | null;
  /** TLSA records at `_25._tcp.<host>` (DANE). */
  readonly tlsa: boolean;
  /** Its STARTTLS probe, judged (`skipped` when the check was given no probe). */
  readonly tls: MxTls;
}

/** Everything the checker gathered about a domain: the input of every check rule. */
export interface CheckContext {
  readonly domain: string;
  readonly sts: DnsAnswer;
  /** TXT records at `_mta-sts` that look meant as STS records (`v=STS…`, any case). */
  readonly stsCandidates: readonly TxtRecord[];
  /** Records a sender uses: beginning with exactly `v=STSv1`. More than one means no policy. */
  readonly stsRecords: readonly TxtRecord[];
  /** The one record's parse, when there is exactly one candidate. */
  readonly stsParsed: ParsedStsRecord | null;
  readonly tlsrpt: DnsAnswer;
  readonly tlsrptCandidates: readonly TxtRecord[];
  readonly tlsrptRecords: readonly TxtRecord[];
  readonly tlsrptParsed: ParsedTlsRptRecord | null;
  readonly mxAnswer: DnsAnswer;
  readonly mx: readonly MxHost[];
  readonly policyUrl: string;
  readonly policyFetch: PolicyFetchResult;
  /** A plain-HTTP probe of the same URL, made only when HTTPS failed. */
  readonly httpProbe: PolicyFetchResult | null;
  /** The fetched policy, parsed, when HTTPS answered 200 with a body. */
  readonly policy: ParsedPolicy | null;
  readonly policyText: string | null;
  readonly lastSeen: LastSeen | null;
}

/** Whether senders get a usable policy text: HTTPS 200, not truncated, no transport error. */
export function policyFetched(ctx: CheckContext): boolean {
  const f = ctx.policyFetch;
  return !f.error && f.status === 200 && !f.truncated && typeof f.body === 'string';
}

/** Whether a lookup failed for reasons other than the name or data not existing. */
export function lookupFailed(a: DnsAnswer): boolean {
  return a.status !== 'ok' && a.status !== 'nxdomain' && a.status !== 'nodata';
}

/** What went wrong when none of `answers` reached a resolver (every one timed out or failed outright), else null. */
export function resolverUnreachable(answers: readonly DnsAnswer[]): string | null {
  if (answers.length === 0 || !answers.every((a) => a.status === 'timeout' || a.status === 'error')) return null;
  const first = answers[0]!;
  return first.error ?? first.status;
}

/** The policy's mode as senders apply it, or null without a usable policy. */
export function appliedMode(ctx: CheckContext): 'enforce' | 'testing' | 'none' | null {
  return policyFetched(ctx) && ctx.stsRecords.length === 1 ? (ctx.policy?.effective.mode ?? null) : null;
}

/** Severity of an MX TLS fault: an error when an enforced policy makes senders refuse the host, else a warning. */
export function mxTlsSeverity(ctx: CheckContext): Severity {
  return appliedMode(ctx) === 'enforce' ? 'error' : 'warning';
}

/** What senders do about an MX host with a TLS fault, by the policy's mode (RFC 8461 §5). */
export function mxTlsConsequence(ctx: CheckContext, resultType: string): string {
  const mode = appliedMode(ctx);
  if (mode === 'enforce') return `MTA-STS senders refuse to deliver to it (TLS-RPT result \`${resultType}\`)`;
  if (mode === 'testing') return `senders still deliver and report \`${resultType}\`, but the domain is not ready for \`mode: enforce\``;
  return 'the host is not ready for MTA-STS: with `mode: enforce` senders would refuse to deliver to it';
}

/** What an MX TLS fault rule says: its meta, the status it reports, the TLS-RPT result type senders report. */
export interface MxTlsFault extends Pick<RuleMeta, 'code' | 'rfc' | 'summary'> {
  readonly status: MxTlsStatus;
  readonly resultType: string;
  /** The message for one host, given what senders do about it (`mxTlsConsequence`). */
  readonly message: (mx: MxHost, consequence: string) => string;
}

/** A rule reporting every MX host whose probe ended in `fault.status`: an error in enforce mode, else a warning. */
export function mxTlsFaultRule(fault: MxTlsFault): Rule<CheckContext> {
  return {
    code: fault.code,
    kind: 'check',
    severity: 'error',
    rfc: fault.rfc,
    summary: fault.summary,
    fixable: false,
    check(ctx, report) {
      for (const mx of ctx.mx) {
        if (mx.tls.status !== fault.status) continue;
        report({ range: { start: 0, end: 0 }, severity: mxTlsSeverity(ctx), message: fault.message(mx, mxTlsConsequence(ctx, fault.resultType)) });
      }
    },
  };
}
