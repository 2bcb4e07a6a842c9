import type { Rule } from '../../rule.ts';
import { lookupFailed, type CheckContext } from '../context.ts';

export const tlsrptMissing: Rule<CheckContext> = {
  code: 'check/tlsrpt-missing',
  kind: 'check',
  severity: 'warning',
  rfc: 'RFC 8460 §3',
  summary: 'MTA-STS is published without a TLS-RPT record, so nobody hears about delivery failures.',
  fixable: false,
  check(ctx, report) {
    if (ctx.stsCandidates.length === 0 || ctx.tlsrptCandidates.length > 0 || lookupFailed(ctx.tlsrpt)) return;
    report({
      range: { start: 0, end: 0 },
      message: `MTA-STS is published but there is no TLS-RPT record at \`_smtp._tls.${ctx.domain}\`: senders cannot tell you when TLS or the policy fails (essential before switching to enforce); publish \`_smtp._tls.${ctx.domain} TXT "v=TLSRPTv1; rua=mailto:tls-reports@${ctx.domain}"\``,
    });
  },
};
