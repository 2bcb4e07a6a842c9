import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { nearMissConsequence } from '../near-miss.ts';

export const leadingWhitespace: Rule<PolicyContext> = {
  code: 'policy/leading-whitespace',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'Whitespace before a key becomes part of the key, which senders then do not recognise.',
  fixable: true,
  check(ctx, report) {
    if (!ctx.policy.shapes.indent) return;
    for (const line of ctx.policy.notable) {
      if (line.kind === 'blank' || line.sends !== null || line.indent.start === line.indent.end) continue;
      const written = ctx.text.slice(line.indent.start, line.kind === 'field' ? line.key.end : line.indent.end);
      let message: string;
      if (line.kind === 'field' && line.intended !== null && line.keyText === line.intended) {
        message = `whitespace before \`${line.keyText}\` makes the key ${quote(written)}: ${nearMissConsequence(ctx.policy, line.intended)}; remove the whitespace`;
      } else if (line.kind === 'field') {
        message = `whitespace before the key ${quote(line.keyText)} becomes part of it: keys start the line; remove the whitespace`;
      } else {
        message = 'whitespace at the start of the line: keys start the line; remove the whitespace';
      }
      report({
        range: line.indent,
        message,
        fixes: [{ title: 'Remove the leading whitespace', edits: [{ range: line.indent, newText: '' }], isPreferred: true }],
      });
    }
  },
};
