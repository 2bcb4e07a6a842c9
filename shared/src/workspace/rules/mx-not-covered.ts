import { coveringPattern } from '../../mx/match.ts';
import type { Rule } from '../../rule.ts';
import type { WorkspaceContext } from '../context.ts';

export const mxNotCovered: Rule<WorkspaceContext> = {
  code: 'workspace/mx-not-covered',
  kind: 'workspace',
  severity: 'error',
  rfc: 'RFC 8461 §4.1',
  summary: "Every MX host of a domain must match one of its policy's `mx:` patterns, or MTA-STS senders will not deliver to it.",
  fixable: false,
  check(ctx, report) {
    if (ctx.kind !== 'zone') return;
    for (const mx of ctx.zoneMx) {
      if (mx.path !== ctx.path) continue;
      for (const policy of ctx.policies) {
        if (policy.domain !== mx.domain || policy.mode === 'none' || policy.mode === null) continue;
        const patterns = policy.mx.map((m) => m.pattern);
        if (coveringPattern(mx.host, patterns) !== null) continue;
        const enforce = policy.mode === 'enforce';
        report({
          range: mx.range,
          severity: enforce ? 'error' : 'warning',
          message: `MX host \`${mx.host}\` matches no \`mx:\` pattern of the ${policy.mode} policy in \`${policy.path}\`${enforce ? ', so MTA-STS senders will not deliver mail to it' : '; in enforce mode senders would refuse it'}; add \`mx: ${mx.host}\` to the policy (and change its \`id\`)`,
        });
      }
    }
  },
};
