import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

export const policyTooLarge: Rule<CheckContext> = {
  code: 'check/policy-too-large',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §3.3',
  summary: 'The policy body is larger than senders accept (64 KiB).',
  fixable: false,
  check(ctx, report) {
    const f = ctx.policyFetch;
    if (ctx.stsCandidates.length === 0 || !(f.error?.kind === 'too-large' || f.truncated)) return;
    report({
      range: { start: 0, end: 0 },
      message: `the policy at ${ctx.policyUrl} is larger than 64 KiB (read ${f.bytes} bytes before stopping); senders cap the body and discard it: serve only the policy's few lines`,
    });
  },
};
