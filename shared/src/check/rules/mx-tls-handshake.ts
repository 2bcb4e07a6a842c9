import type { Rule } from '../../rule.ts';
import { mxTlsConsequence, mxTlsSeverity, type CheckContext } from '../context.ts';

export const mxTlsHandshake: Rule<CheckContext> = {
  code: 'check/mx-tls-handshake',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §5',
  summary: 'The SMTP session with an MX host broke down before a TLS session was up: bad replies, a timeout, or a failed TLS handshake.',
  fixable: false,
  check(ctx, report) {
    for (const mx of ctx.mx) {
      if (mx.tls.status !== 'handshake-failed') continue;
      report({
        range: { start: 0, end: 0 },
        severity: mxTlsSeverity(ctx),
        message: `STARTTLS with MX host \`${mx.host}\`${mx.tls.address ? ` (${mx.tls.address})` : ''} failed: ${mx.tls.error}; ${mxTlsConsequence(ctx, 'validation-failure')}; check its TLS set-up with \`openssl s_client -starttls smtp -connect ${mx.host}:25 -servername ${mx.host}\``,
      });
    }
  },
};
