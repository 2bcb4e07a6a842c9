import { mxPatternMatches } from '../../mx/match.ts';
import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

export const mxPatternUnused: Rule<CheckContext> = {
  code: 'check/mx-pattern-unused',
  kind: 'check',
  severity: 'info',
  rfc: 'RFC 8461 §4.1',
  summary: 'An `mx:` pattern of the policy matches none of the domain\'s MX hosts.',
  fixable: false,
  check(ctx, report) {
    if (!ctx.policy || ctx.mx.length === 0) return;
    for (const pattern of ctx.policy.effective.mx) {
      if (ctx.mx.some((m) => mxPatternMatches(pattern, m.host))) continue;
      const hint = pattern.startsWith('*.') ? ' (a wildcard matches exactly one extra leftmost label)' : '';
      report({
        range: { start: 0, end: 0 },
        message: `policy pattern \`mx: ${pattern}\` matches none of the MX hosts (${ctx.mx.map((m) => `\`${m.host}\``).join(', ')})${hint}: remove it, or fix it if it was meant for one of them`,
      });
    }
  },
};
