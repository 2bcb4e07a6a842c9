import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';
import { mxHostIsAddress } from '../mx-tls.ts';

export const mxUnreachable: Rule<CheckContext> = {
  code: 'check/mx-unreachable',
  kind: 'check',
  severity: 'warning',
  rfc: 'RFC 5321 §5.1',
  summary: 'An MX host did not answer SMTP from here, so its TLS is unknown; when none answers, port 25 is likely blocked on this network.',
  fixable: false,
  check(ctx, report) {
    // An IP address as exchange is not probed: check/mx-ip-address speaks for it.
    const probed = ctx.mx.filter((m) => m.tls.status !== 'skipped' && !mxHostIsAddress(m.host));
    const down = probed.filter((m) => m.tls.status === 'unreachable');
    if (down.length === 0) return;
    if (down.length === probed.length && probed.length > 1) {
      report({
        range: { start: 0, end: 0 },
        message: `no MX host answered SMTP (${down.map((m) => `\`${m.host}\`: ${m.tls.error}`).join('; ')}): outbound port 25 may be blocked from this network (many ISPs and clouds do); run the check from a mail server, or skip the probes with \`--no-smtp\``,
      });
      return;
    }
    for (const mx of down) {
      const alone = probed.length === 1 ? '; if port 25 is blocked from this network, run the check from a mail server' : '';
      report({
        range: { start: 0, end: 0 },
        message: `MX host \`${mx.host}\` did not answer SMTP: ${mx.tls.error}; its TLS could not be checked, and senders move on to the next MX host (or queue the mail)${alone}`,
      });
    }
  },
};
