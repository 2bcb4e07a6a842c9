import type { Rule } from '../../rule.ts';
import { mxTlsConsequence, mxTlsSeverity, type CheckContext } from '../context.ts';

export const mxCertificateExpired: Rule<CheckContext> = {
  code: 'check/mx-certificate-expired',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §4.2',
  summary: 'The certificate of an MX host has expired (or is not valid yet).',
  fixable: false,
  check(ctx, report) {
    for (const mx of ctx.mx) {
      if (mx.tls.status !== 'expired') continue;
      report({
        range: { start: 0, end: 0 },
        severity: mxTlsSeverity(ctx),
        message: `the certificate of MX host \`${mx.host}\` is out of date: ${mx.tls.error}; ${mxTlsConsequence(ctx, 'certificate-expired')}; renew it, reload the mail server, and automate renewal (e.g. certbot with a deploy hook that reloads the MTA)`,
      });
    }
  },
};
