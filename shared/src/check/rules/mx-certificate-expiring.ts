import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';
import { MX_CERTIFICATE_EXPIRING_DAYS } from '../mx-tls.ts';

export const mxCertificateExpiring: Rule<CheckContext> = {
  code: 'check/mx-certificate-expiring',
  kind: 'check',
  severity: 'warning',
  rfc: 'RFC 8461 §4.2',
  summary: `The certificate of an MX host is valid but expires in fewer than ${MX_CERTIFICATE_EXPIRING_DAYS} days.`,
  fixable: false,
  check(ctx, report) {
    for (const mx of ctx.mx) {
      const cert = mx.tls.certificate;
      if (mx.tls.status !== 'ok' || !cert || cert.daysLeft >= MX_CERTIFICATE_EXPIRING_DAYS) continue;
      const when = cert.daysLeft <= 0 ? 'today' : `in ${cert.daysLeft} day${cert.daysLeft === 1 ? '' : 's'}`;
      report({
        range: { start: 0, end: 0 },
        message: `the certificate of MX host \`${mx.host}\` expires ${when} (${cert.notAfter.slice(0, 10)}): once it has, MTA-STS senders in enforce mode refuse to deliver to the host; renew it now and check that renewal is automated`,
      });
    }
  },
};
