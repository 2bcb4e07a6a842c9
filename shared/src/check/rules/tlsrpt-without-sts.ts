import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

export const tlsrptWithoutSts: Rule<CheckContext> = {
  code: 'check/tlsrpt-without-sts',
  kind: 'check',
  severity: 'info',
  rfc: 'RFC 8460 §3',
  summary: 'TLS-RPT is published without MTA-STS: reports arrive, but senders are not asked to require TLS.',
  fixable: false,
  check(ctx, report) {
    if (ctx.tlsrptRecords.length === 0 || ctx.stsCandidates.length > 0) return;
    report({
      range: { start: 0, end: 0 },
      message: `TLS-RPT is set up but MTA-STS is not: reports will show TLS failures, yet senders may still fall back to plain text; add an MTA-STS record and policy (\`mode: testing\` first)`,
    });
  },
};
