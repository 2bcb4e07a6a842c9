import type { Rule } from '../../rule.ts';
import type { PolicyContext } from '../context.ts';
import { removeLine } from '../line-edits.ts';

export const blankLine: Rule<PolicyContext> = {
  code: 'policy/blank-line',
  kind: 'policy',
  severity: 'warning',
  rfc: 'RFC 8461 §3.2',
  summary: 'Blank lines are outside the policy grammar; strict senders reject the whole policy.',
  fixable: true,
  check(ctx, report) {
    if (!ctx.policy.shapes.blank) return;
    const lines = ctx.policy.lines;
    for (const line of ctx.policy.notable) {
      if (line.kind !== 'blank') continue;
      // A file holding only a BOM is empty, not blank: `file/bom` and the missing-field rules say it all.
      if (line.index === 0 && ctx.policy.bom && lines.length === 1 && line.indent.end === line.span.end) continue;
      const last = line.index === lines.length - 1;
      const range = { start: line.indent.start, end: line.eol?.end ?? line.span.end };
      report({
        range,
        message: last
          ? 'blank line at the end: the policy grammar (RFC 8461 §3.2) allows one final line break, not an empty line, and strict senders reject the whole policy; remove it'
          : 'blank line: the policy grammar (RFC 8461 §3.2) has no empty lines between fields, and strict senders reject the whole policy; remove it',
        fixes: [{ title: 'Remove the blank line', edits: [removeLine(line)], isPreferred: true }],
      });
    }
  },
};
