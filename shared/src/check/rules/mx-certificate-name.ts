import type { Rule } from '../../rule.ts';
import { mxTlsConsequence, mxTlsSeverity, type CheckContext } from '../context.ts';

export const mxCertificateName: Rule<CheckContext> = {
  code: 'check/mx-certificate-name',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §4.2',
  summary: 'The certificate of an MX host has no subjectAltName DNS-ID matching the host name (a wildcard covers one leftmost label only).',
  fixable: false,
  check(ctx, report) {
    for (const mx of ctx.mx) {
      if (mx.tls.status !== 'name-mismatch') continue;
      const labels = mx.host.split('.');
      const wildcard = labels.length > 2 ? ` (or \`*.${labels.slice(1).join('.')}\`)` : '';
      report({
        range: { start: 0, end: 0 },
        severity: mxTlsSeverity(ctx),
        message: `the certificate of MX host \`${mx.host}\` does not name it: ${mx.tls.error}; ${mxTlsConsequence(ctx, 'certificate-host-mismatch')}; get a certificate whose subjectAltName includes \`${mx.host}\`${wildcard}, or point the MX record at a name the certificate carries and list that name in the policy's \`mx:\` lines`,
      });
    }
  },
};
