import type { Rule } from '../../rule.ts';
import type { PolicyContext } from '../context.ts';
import { hasNearMiss } from '../parse.ts';
import { insertLines } from '../line-edits.ts';
import { documentStart } from '../where.ts';

export const versionMissing: Rule<PolicyContext> = {
  code: 'policy/version-missing',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'The policy must have a `version: STSv1` line.',
  fixable: true,
  check(ctx, report) {
    const { policy } = ctx;
    if (policy.fields.version || hasNearMiss(policy, 'version')) return;
    report({
      range: documentStart(policy),
      message: 'no `version: STSv1` line: senders reject a policy without it; add it as the first line',
      fixes: [{ title: 'Insert `version: STSv1` as the first line', edits: [insertLines(policy, null, ['version: STSv1'])], isPreferred: true }],
    });
  },
};
