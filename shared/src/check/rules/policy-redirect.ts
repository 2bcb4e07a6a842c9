import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

export const policyRedirect: Rule<CheckContext> = {
  code: 'check/policy-redirect',
  kind: 'check',
  severity: 'error',
  rfc: 'RFC 8461 §3.3',
  summary: 'The policy URL answers with a redirect; senders must not follow redirects.',
  fixable: false,
  check(ctx, report) {
    const s = ctx.policyFetch.status;
    if (ctx.stsCandidates.length === 0 || s === undefined || s < 300 || s > 399) return;
    const to = ctx.policyFetch.location ? ` to ${ctx.policyFetch.location}` : '';
    report({
      range: { start: 0, end: 0 },
      message: `${ctx.policyUrl} redirects (HTTP ${s}${to}); senders do not follow redirects, so they get no policy: serve the file directly at that URL with status 200`,
    });
  },
};
