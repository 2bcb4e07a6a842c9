import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

export const policyHostMissing: Rule<CheckContext> = {
  code: 'check/policy-host-missing',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §3.3',
  summary: 'The policy host `mta-sts.<domain>` does not resolve, so no sender can fetch the policy.',
  fixable: false,
  check(ctx, report) {
    if (ctx.stsCandidates.length === 0 || ctx.policyFetch.error?.kind !== 'dns') return;
    report({
      range: { start: 0, end: 0 },
      message: `the policy host \`mta-sts.${ctx.domain}\` has no address (${ctx.policyFetch.error.message}); add an A/AAAA or CNAME record for it pointing at the web server that serves ${ctx.policyUrl}`,
    });
  },
};
