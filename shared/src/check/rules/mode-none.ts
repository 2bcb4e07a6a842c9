import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

export const modeNone: Rule<CheckContext> = {
  code: 'check/mode-none',
  kind: 'check',
  severity: 'warning',
  rfc: 'RFC 8461 §5',
  summary: 'The policy is in mode `none`: senders treat the domain as having no policy.',
  fixable: false,
  check(ctx, report) {
    if (ctx.policy?.effective.mode !== 'none') return;
    const maxAge = ctx.policy.effective.maxAge;
    const days = maxAge !== null ? ` (max_age ${Math.round(maxAge / 86400)} days)` : '';
    report({
      range: { start: 0, end: 0 },
      message: `the policy is in mode \`none\`: senders apply no MTA-STS protection. That is right only while retiring MTA-STS: once every sender has fetched it${days}, remove the records; otherwise switch to \`mode: testing\` and then \`enforce\``,
    });
  },
};
