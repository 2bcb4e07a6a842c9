import type { Rule } from '../../rule.ts';
import { mxTlsConsequence, mxTlsSeverity, type CheckContext } from '../context.ts';

export const mxStarttlsMissing: Rule<CheckContext> = {
  code: 'check/mx-starttls-missing',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §5',
  summary: 'An MX host answers SMTP but offers no STARTTLS (RFC 3207): MTA-STS senders in enforce mode refuse to deliver to it.',
  fixable: false,
  check(ctx, report) {
    for (const mx of ctx.mx) {
      if (mx.tls.status !== 'no-starttls') continue;
      report({
        range: { start: 0, end: 0 },
        severity: mxTlsSeverity(ctx),
        message: `MX host \`${mx.host}\`${mx.tls.address ? ` (${mx.tls.address})` : ''} offers no STARTTLS: ${mx.tls.error}; ${mxTlsConsequence(ctx, 'starttls-not-supported')}; enable STARTTLS on its SMTP server with a certificate for \`${mx.host}\` (Postfix: \`smtpd_tls_security_level = may\` and \`smtpd_tls_chain_files\`)`,
      });
    }
  },
};
