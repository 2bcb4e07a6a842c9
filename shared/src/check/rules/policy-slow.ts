import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

export const policySlow: Rule<CheckContext> = {
  code: 'check/policy-slow',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §3.3',
  summary: 'The policy fetch timed out: the server did not answer, or the body never finished.',
  fixable: false,
  check(ctx, report) {
    const f = ctx.policyFetch;
    if (ctx.stsCandidates.length === 0 || f.error?.kind !== 'timeout') return;
    const got = f.bytes > 0 ? ` after ${f.bytes} bytes of body` : '';
    report({
      range: { start: 0, end: 0 },
      message: `fetching ${ctx.policyUrl} timed out${got} (${f.error.message}); senders give up too and send without MTA-STS: serve the small static file directly, without slow backends`,
    });
  },
};
