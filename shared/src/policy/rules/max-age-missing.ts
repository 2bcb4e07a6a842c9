import type { Rule } from '../../rule.ts';
import type { PolicyContext } from '../context.ts';
import { appendLines } from '../line-edits.ts';
import { hasNearMiss } from '../parse.ts';
import { documentStart } from '../where.ts';

export const maxAgeMissing: Rule<PolicyContext> = {
  code: 'policy/max-age-missing',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'The policy must have a `max_age:` line: how long senders cache it, in seconds.',
  fixable: true,
  check(ctx, report) {
    const { policy } = ctx;
    if (policy.fields.max_age || hasNearMiss(policy, 'max_age')) return;
    report({
      range: documentStart(policy),
      message: 'no `max_age:` line: senders reject a policy without it; add `max_age: 604800` (1 week) or longer',
      fixes: [{ title: 'Insert `max_age: 604800` (1 week)', edits: [appendLines(policy, ['max_age: 604800'])], isPreferred: true }],
    });
  },
};
