import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';
import { mxHostIsAddress } from '../mx-tls.ts';

export const mxIpAddress: Rule<CheckContext> = {
  code: 'check/mx-ip-address',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 5321 §5.1',
  summary: 'An MX record names an IP address instead of a host name: senders find no host behind it, and no `mx:` pattern can cover it.',
  fixable: false,
  check(ctx, report) {
    for (const mx of ctx.mx) {
      if (!mxHostIsAddress(mx.host)) continue;
      report({
        range: { start: 0, end: 0 },
        message: `MX record \`${mx.preference} ${mx.host}.\` names an IP address, not a host name: an MX exchange must be a host name with A/AAAA records (RFC 5321 §5.1), so senders look \`${mx.host}\` up as a name and find nothing (Postfix and Exim skip such records), and MTA-STS \`mx:\` patterns match host names only (RFC 8461 §4.1); give the server a name (e.g. \`mx.${ctx.domain}. ${mx.host.includes(':') ? 'AAAA' : 'A'} ${mx.host}\`), point the MX record at it, and list that name in the policy`,
      });
    }
  },
};
