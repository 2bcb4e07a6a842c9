import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';
import type { DnsAnswer, TxtRecord } from '../transport.ts';

export const txtUnrelated: Rule<CheckContext> = {
  code: 'check/txt-unrelated',
  kind: 'check',
  severity: 'hint',
  rfc: 'RFC 8461 §3.1',
  summary: 'Another service\'s TXT record (`google-site-verification=…`) at `_mta-sts` or `_smtp._tls`: senders discard records that do not begin with the version tag, so it is not read as one.',
  fixable: false,
  check(ctx, report) {
    const names: [DnsAnswer, readonly TxtRecord[], string, string][] = [
      [ctx.sts, ctx.stsCandidates, 'an MTA-STS', 'v=STSv1` (RFC 8461 §3.1'],
      [ctx.tlsrpt, ctx.tlsrptCandidates, 'a TLS-RPT', 'v=TLSRPTv1` (RFC 8460 §3'],
    ];
    for (const [answer, candidates, kind, version] of names) {
      for (const r of answer.records) {
        if (r.type !== 'TXT' || candidates.includes(r)) continue;
        const shown = r.value.length > 60 ? `${r.value.slice(0, 57)}…` : r.value;
        report({
          range: { start: 0, end: 0 },
          message: `\`${shown}\` at \`${answer.name}\` is not ${kind} record: senders discard TXT records there that do not begin with \`${version}), so it is ignored; leave it if another service needs it`,
        });
      }
    }
  },
};
