import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';

export const trailingWhitespace: Rule<PolicyContext> = {
  code: 'policy/trailing-whitespace',
  kind: 'policy',
  severity: 'warning',
  rfc: 'RFC 8461 §3.2',
  summary: 'Whitespace at the end of a line: the grammar allows it, but some senders keep it as part of the value.',
  fixable: true,
  check(ctx, report) {
    if (!ctx.policy.shapes.trailing) return;
    for (const line of ctx.policy.notable) {
      if (line.kind === 'blank' || line.trailing.start === line.trailing.end) continue;
      const before = line.kind === 'field' ? line.valueText || `${line.keyText}:` : ctx.text.slice(line.body.start, line.body.end);
      report({
        range: line.trailing,
        message: `trailing whitespace after ${quote(before)}: RFC 8461 allows it, but some senders keep it as part of the value and then reject it; remove it`,
        fixes: [{ title: 'Remove the trailing whitespace', edits: [{ range: line.trailing, newText: '' }], isPreferred: true }],
      });
    }
  },
};
