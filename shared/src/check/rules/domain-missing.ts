import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

export const domainMissing: Rule<CheckContext> = {
  code: 'check/domain-missing',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §3.1',
  summary: 'The domain itself does not exist in DNS (NXDOMAIN): nothing to check, often a typo.',
  fixable: false,
  check(ctx, report) {
    if (ctx.mxAnswer.status !== 'nxdomain' || ctx.stsCandidates.length > 0) return;
    report({
      range: { start: 0, end: 0 },
      message: `\`${ctx.domain}\` does not exist in DNS (NXDOMAIN): no mail can be sent to it; check the spelling of the domain`,
    });
  },
};
