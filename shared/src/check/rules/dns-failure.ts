import type { Rule } from '../../rule.ts';
import { lookupFailed, type CheckContext } from '../context.ts';
import type { DnsAnswer } from '../transport.ts';

export const dnsFailure: Rule<CheckContext> = {
  code: 'check/dns-failure',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §3.1',
  summary: 'A DNS lookup the check needs failed (SERVFAIL, refused, timeout), so the result is incomplete.',
  fixable: false,
  check(ctx, report) {
    const lookups: [string, DnsAnswer][] = [
      ['the `_mta-sts` TXT record', ctx.sts],
      ['the `_smtp._tls` TXT record', ctx.tlsrpt],
      ['the MX records', ctx.mxAnswer],
    ];
    for (const [what, a] of lookups) {
      if (!lookupFailed(a)) continue;
      report({
        range: { start: 0, end: 0 },
        message: `looking up ${what} (${a.name} ${a.type}) failed: ${a.status}${a.error ? ` (${a.error})` : ''}; senders hitting the same failure skip MTA-STS: check the zone's name servers (and DNSSEC, if signed)`,
      });
    }
  },
};
