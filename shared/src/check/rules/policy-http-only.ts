import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

export const policyHttpOnly: Rule<CheckContext> = {
  code: 'check/policy-http-only',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §3.3',
  summary: 'The policy is served over plain HTTP but not HTTPS; senders only fetch it over HTTPS.',
  fixable: false,
  check(ctx, report) {
    const probe = ctx.httpProbe;
    if (ctx.stsCandidates.length === 0 || !ctx.policyFetch.error || !probe || probe.error || probe.status !== 200) return;
    report({
      range: { start: 0, end: 0 },
      message: `the policy answers over plain HTTP (${probe.url}) but not over HTTPS (${ctx.policyFetch.error.message}); senders fetch it only with HTTPS and a valid certificate: enable HTTPS for \`mta-sts.${ctx.domain}\``,
    });
  },
};
