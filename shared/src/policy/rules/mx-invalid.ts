import type { Fix } from '../../diagnostic.ts';
import type { Rule } from '../../rule.ts';
import { describeChar, quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { removeLine, setValue } from '../line-edits.ts';
import type { MxCheck } from '../mx-pattern.ts';
import { valueRange } from '../where.ts';

function why(check: Extract<MxCheck, { kind: 'invalid' }>): string {
  switch (check.reason) {
    case 'separator':
      return `has ${describeChar(check.detail.trim()[0] ?? check.detail[0] ?? ' ')} after the host name: senders ignore the line or reject the policy`;
    case 'non-ascii':
      return `has the non-ASCII character ${quote(check.detail)}: senders ignore the line or reject the policy; write internationalised names in their ASCII \`xn--\` form`;
    case 'leading-dot':
      return 'starts with a dot: senders ignore the line or reject the policy; a pattern is a host name, or `*.` and a domain to match one extra label';
    case 'empty-label':
      return 'has an empty label (`..`): senders ignore the line or reject the policy';
    case 'bad-char':
      return `has ${describeChar(check.detail)}: host names hold only letters, digits, \`-\` and \`.\`, so senders ignore the line or reject the policy`;
    case 'hyphen':
      return `has the label ${quote(check.detail)}: a label cannot start or end with \`-\`, so senders ignore the line or reject the policy`;
    case 'label-too-long':
      return `has a label of ${check.detail.length} characters: DNS labels are at most 63, so no MX host can match it`;
    case 'too-long':
      return `is ${check.detail.length} characters long: host names are at most 253, so no MX host can match it`;
    case 'single-label':
      return 'is a single label: MX hosts on the Internet have fully qualified names such as `mail.example.com`';
  }
}

export const mxInvalid: Rule<PolicyContext> = {
  code: 'policy/mx-invalid',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'An mx value must be a host name or `*.` and a domain (`["*."] Domain`).',
  fixable: true,
  check(ctx, report) {
    if (!ctx.policy.shapes.mx.has('empty') && !ctx.policy.shapes.mx.has('invalid')) return;
    for (const line of ctx.policy.mxWith('empty', 'invalid')) {
      const check = line.mxCheck;
      if (line.hasControl) continue;
      if (check.kind === 'empty') {
        report({
          range: valueRange(line),
          message: '`mx:` has no value: senders reject the policy; name an MX host or remove the line',
          fixes: [{ title: 'Remove the empty `mx:` line', edits: [removeLine(line)], isPreferred: true }],
        });
        continue;
      }
      if (check.kind !== 'invalid') continue;
      const fixes: Fix[] = check.suggestion
        ? [{ title: `Write ${quote(check.suggestion)}`, edits: [setValue(line, check.suggestion)], isPreferred: check.reason !== 'leading-dot' }]
        : [];
      report({
        range: line.value,
        message: `mx pattern ${quote(line.valueText)} ${why(check)}${check.suggestion ? `; write ${quote(check.suggestion)}` : '; write the MX host name'}`,
        fixes,
      });
    }
  },
};
