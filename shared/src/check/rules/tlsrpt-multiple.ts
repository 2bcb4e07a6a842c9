import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

export const tlsrptMultiple: Rule<CheckContext> = {
  code: 'check/tlsrpt-multiple',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8460 §3',
  summary: 'More than one `_smtp._tls` record begins with `v=TLSRPTv1`: senders then send no reports.',
  fixable: false,
  check(ctx, report) {
    if (ctx.tlsrptRecords.length < 2) return;
    report({
      range: { start: 0, end: 0 },
      message: `${ctx.tlsrptRecords.length} records at \`_smtp._tls.${ctx.domain}\` begin with \`v=TLSRPTv1\`; unless exactly one does, senders send no reports: merge them into one record (several \`rua\` URIs are separated by \`,\`)`,
    });
  },
};
