import type { ParsedPolicy } from '../policy/parse.ts';
import type { ParsedStsRecord } from '../sts-txt/parse.ts';
import type { ParsedTlsRptRecord } from '../tlsrpt-txt/parse.ts';
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
