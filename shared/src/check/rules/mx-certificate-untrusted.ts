import type { Rule } from '../../rule.ts';
import { mxTlsConsequence, mxTlsSeverity, type CheckContext } from '../context.ts';

export const mxCertificateUntrusted: Rule<CheckContext> = {
  code: 'check/mx-certificate-untrusted',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §4.2',
  summary: 'The certificate an MX host presents after STARTTLS does not chain to a trusted root (self-signed, private CA, missing intermediate).',
  fixable: false,
  check(ctx, report) {
    for (const mx of ctx.mx) {
      if (mx.tls.status !== 'untrusted') continue;
      report({
        range: { start: 0, end: 0 },
        severity: mxTlsSeverity(ctx),
        message: `the certificate of MX host \`${mx.host}\` is not trusted: ${mx.tls.error}; ${mxTlsConsequence(ctx, 'certificate-not-trusted')}; install a certificate for \`${mx.host}\` from a public CA (e.g. Let's Encrypt) and serve it with its intermediate certificates`,
      });
    }
  },
};
