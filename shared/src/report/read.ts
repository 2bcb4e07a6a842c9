import { parseDateTime } from './datetime.ts';
import { memberValue, type JsonNode, type JsonObject } from './json.ts';

/** A report as a summary reads it: every field that has the right type, null (or 0, or empty) where it has not. */
export interface TlsRptReport {
  readonly organization: string | null;
  readonly contactInfo: string | null;
  readonly reportId: string | null;
  /** The date range in milliseconds since the epoch. */
  readonly start: number | null;
  readonly end: number | null;
  readonly policies: readonly ReportPolicy[];
}

/** One `policies` entry: the policy a sender applied and its session counts. */
export interface ReportPolicy {
  /** `sts`, `tlsa`, `no-policy-found`, or whatever else the report says. */
  readonly type: string | null;
  readonly domain: string | null;
  /** The policy as the sender saw it, one string per line (STS) or record (TLSA). */
  readonly policyString: readonly string[] | null;
  readonly mxHosts: readonly string[];
  readonly successful: number;
  readonly failed: number;
  readonly failures: readonly FailureDetail[];
}

export interface FailureDetail {
  readonly resultType: string | null;
  readonly sendingMtaIp: string | null;
  readonly receivingMx: string | null;
  readonly receivingIp: string | null;
  readonly count: number;
  readonly reasonCode: string | null;
}

/** The report's values from its JSON tree, or null when the top level is not an object. Never throws. */
export function readReport(root: JsonNode | null): TlsRptReport | null {
  if (root?.kind !== 'object') return null;
  const range = memberValue(root, 'date-range');
  const dateOf = (key: string): number | null => {
    const v = range?.kind === 'object' ? str(range, key) : null;
    // Read as UTC when the offset is missing (Microsoft's reports): `report/date-invalid` still says so.
    return v === null ? null : parseDateTime(v, { assumeUtc: true });
  };
  const policies: ReportPolicy[] = [];
  const list = memberValue(root, 'policies');
  if (list?.kind === 'array') {
    for (const entry of list.items) {
      if (entry.kind !== 'object') continue;
      const p = memberValue(entry, 'policy');
      const policy = p?.kind === 'object' ? p : null;
      const s = memberValue(entry, 'summary');
      const summary = s?.kind === 'object' ? s : null;
      const failures: FailureDetail[] = [];
      const details = memberValue(entry, 'failure-details');
      if (details?.kind === 'array') {
        for (const d of details.items) {
          if (d.kind !== 'object') continue;
          failures.push({
            resultType: str(d, 'result-type'),
            sendingMtaIp: str(d, 'sending-mta-ip'),
            receivingMx: str(d, 'receiving-mx-hostname'),
            receivingIp: str(d, 'receiving-ip'),
            count: count(d, 'failed-session-count'),
            reasonCode: str(d, 'failure-reason-code'),
          });
        }
      }
      policies.push({
        type: policy ? str(policy, 'policy-type') : null,
        domain: policy ? str(policy, 'policy-domain') : null,
        policyString: policy ? strings(policy, 'policy-string') : null,
        mxHosts: (policy ? strings(policy, 'mx-host') : null) ?? [],
        successful: summary ? count(summary, 'total-successful-session-count') : 0,
        failed: summary ? count(summary, 'total-failure-session-count') : 0,
        failures,
      });
    }
  }
  return {
    organization: str(root, 'organization-name'),
    contactInfo: str(root, 'contact-info'),
    reportId: str(root, 'report-id'),
    start: dateOf('start-datetime'),
    end: dateOf('end-datetime'),
    policies,
  };
}

function str(o: JsonObject, key: string): string | null {
  const v = memberValue(o, key);
  return v?.kind === 'string' ? v.value : null;
}

/** A count as a whole number of sessions; anything else (negative, fractional, not a number) counts 0. */
function count(o: JsonObject, key: string): number {
  const v = memberValue(o, key);
  return v?.kind === 'number' && Number.isSafeInteger(v.value) && v.value > 0 ? v.value : 0;
}

function strings(o: JsonObject, key: string): string[] | null {
  const v = memberValue(o, key);
  if (v?.kind !== 'array') return null;
  const out: string[] = [];
  for (const item of v.items) if (item.kind === 'string') out.push(item.value);
  return out;
}
