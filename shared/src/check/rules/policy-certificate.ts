import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

const WHY: Record<string, string> = {
  'tls-certificate-expired': 'has expired',
  'tls-certificate-name': 'is not valid for that name',
  'tls-certificate-untrusted': 'is not signed by a trusted authority',
};

export const policyCertificate: Rule<CheckContext> = {
  code: 'check/policy-certificate',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §3.3',
  summary: 'The certificate of `mta-sts.<domain>` is expired, for another name or untrusted: senders refuse the policy.',
  fixable: false,
  check(ctx, report) {
    const kind = ctx.policyFetch.error?.kind;
    if (ctx.stsCandidates.length === 0 || !kind || !(kind in WHY)) return;
    report({
      range: { start: 0, end: 0 },
      message: `the HTTPS certificate of \`mta-sts.${ctx.domain}\` ${WHY[kind]} (${ctx.policyFetch.error!.message}); senders must validate it and will not use the policy: install a valid certificate whose names include \`mta-sts.${ctx.domain}\` (e.g. from Let's Encrypt)`,
    });
  },
};
