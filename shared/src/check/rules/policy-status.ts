import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

export const policyStatus: Rule<CheckContext> = {
  code: 'check/policy-status',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §3.3',
  summary: 'The policy URL answers with an HTTP status other than 200.',
  fixable: false,
  check(ctx, report) {
    const s = ctx.policyFetch.status;
    if (ctx.stsCandidates.length === 0 || s === undefined || s === 200 || (s >= 300 && s <= 399)) return;
    const hint = s === 404 ? 'put the file at exactly `/.well-known/mta-sts.txt`' : 'make the server answer 200 with the policy';
    report({
      range: { start: 0, end: 0 },
      message: `${ctx.policyUrl} answers HTTP ${s}; only 200 counts, so senders get no policy: ${hint}`,
    });
  },
};
