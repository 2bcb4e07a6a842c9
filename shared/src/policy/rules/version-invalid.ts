import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { valueField } from '../near-miss.ts';
import { setValue } from '../line-edits.ts';
import { valueRange } from '../where.ts';

export const versionInvalid: Rule<PolicyContext> = {
  code: 'policy/version-invalid',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'The version must be exactly `STSv1`, the only version RFC 8461 defines.',
  fixable: true,
  check(ctx, report) {
    const line = valueField(ctx.policy, 'version');
    if (!line || line.hasControl || line.valueText === 'STSv1') return;
    const v = line.valueText;
    const why =
      v === ''
        ? '`version:` has no value'
        : v.toLowerCase() === 'stsv1'
          ? `version ${quote(v)} is not \`STSv1\` (values are case-sensitive)`
          : `version ${quote(v)} is not \`STSv1\`, the only version RFC 8461 defines`;
    report({
      range: valueRange(line),
      message: `${why}: senders reject the policy; write \`STSv1\``,
      fixes: [{ title: 'Write `STSv1`', edits: [setValue(line, 'STSv1')], isPreferred: true }],
    });
  },
};
