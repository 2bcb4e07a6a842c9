import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';

export const mxTrailingDot: Rule<PolicyContext> = {
  code: 'policy/mx-trailing-dot',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'An mx pattern ending with a dot is outside the grammar and matches no MX host.',
  fixable: true,
  check(ctx, report) {
    if (!ctx.policy.shapes.mx.has('trailing-dot')) return;
    for (const line of ctx.policy.mxWith('trailing-dot')) {
      const check = line.mxCheck;
      if (check.kind !== 'trailing-dot' || line.hasControl) continue;
      const dot = { start: line.value.end - 1, end: line.value.end };
      report({
        range: dot,
        message: `mx pattern ${quote(line.valueText)} ends with a dot: patterns are written without it, and senders match this one against no MX host; remove the dot`,
        fixes: [{ title: 'Remove the trailing dot', edits: [{ range: dot, newText: '' }], isPreferred: true }],
      });
    }
  },
};
