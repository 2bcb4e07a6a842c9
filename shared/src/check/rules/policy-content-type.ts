import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

export const policyContentType: Rule<CheckContext> = {
  code: 'check/policy-content-type',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'The policy is not served as `text/plain`; senders are told to reject other media types.',
  fixable: false,
  check(ctx, report) {
    const f = ctx.policyFetch;
    if (ctx.stsCandidates.length === 0 || f.status !== 200) return;
    const type = (f.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'text/plain') return;
    report({
      range: { start: 0, end: 0 },
      message: `${ctx.policyUrl} is served as \`${f.contentType ?? '(no Content-Type)'}\`; senders expect \`text/plain\` and may reject the policy: set \`Content-Type: text/plain\` for that path`,
    });
  },
};
