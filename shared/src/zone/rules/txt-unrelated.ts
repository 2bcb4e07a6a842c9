import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { embeddedValue } from '../embedded.ts';
import { STS_PREFIX, unrelatedMailTxtRecords } from '../mail-records.ts';

export const txtUnrelated: Rule<ZoneContext> = {
  code: 'zone/txt-unrelated',
  kind: 'zone',
  severity: 'hint',
  rfc: 'RFC 8461 §3.1',
  summary: 'Another service\'s TXT record (`google-site-verification=…`) beside the real `_mta-sts` or `_smtp._tls` record: senders discard records that do not begin with the version tag, so it is harmless there.',
  fixable: false,
  check(ctx, report) {
    for (const rec of unrelatedMailTxtRecords(ctx.zone)) {
      const value = embeddedValue(ctx.zone, rec).value;
      const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
      const [kind, version, rfc] = rec.owner.startsWith(STS_PREFIX) ? ['MTA-STS', 'v=STSv1', 'RFC 8461 §3.1'] : ['TLS-RPT', 'v=TLSRPTv1', 'RFC 8460 §3'];
      report({
        range: { start: rec.start, end: rec.end },
        message: `\`${shown}\` at \`${rec.owner}\` is not ${kind === 'MTA-STS' ? 'an' : 'a'} ${kind} record: senders discard TXT records there that do not begin with \`${version}\` (${rfc}), so it does no harm beside the real one; leave it if another service needs it`,
      });
    }
  },
};
