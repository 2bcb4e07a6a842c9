import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { mailTxtRecords, STS_PREFIX, TLSRPT_PREFIX } from '../mail-records.ts';

export const stsWithoutTlsRpt: Rule<ZoneContext> = {
  code: 'zone/sts-without-tlsrpt',
  kind: 'zone',
  severity: 'info',
  rfc: 'RFC 8460 §3',
  summary: 'MTA-STS without a `_smtp._tls` TLS-RPT record leaves you blind to delivery failures the policy causes.',
  fixable: false,
  check(ctx, report) {
    const { sts, tlsrpt } = mailTxtRecords(ctx.zone);
    const reported = new Set(tlsrpt.map((r) => r.owner.slice(TLSRPT_PREFIX.length)));
    const done = new Set<string>();
    for (const rec of sts) {
      const domain = rec.owner.slice(STS_PREFIX.length);
      if (reported.has(domain) || done.has(domain)) continue;
      done.add(domain);
      report({
        range: { start: rec.start, end: rec.end },
        message: `\`${domain.slice(0, -1)}\` has MTA-STS but no TLS-RPT record; add \`_smtp._tls.${domain} TXT "v=TLSRPTv1; rua=mailto:…"\` to receive reports of failed TLS deliveries`,
      });
    }
  },
};
