import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { removeLine } from '../line-edits.ts';
import { lineNo } from '../where.ts';
import type { PolicyFieldLine } from '../parse.ts';

export const mxDuplicate: Rule<PolicyContext> = {
  code: 'policy/mx-duplicate',
  kind: 'policy',
  severity: 'warning',
  rfc: 'RFC 8461 §3.2',
  summary: 'The same mx pattern twice (patterns ignore case): the repeat adds nothing.',
  fixable: true,
  check(ctx, report) {
    const seen = new Map<string, PolicyFieldLine>();
    for (const line of ctx.policy.mx) {
      const check = line.mxCheck;
      if (check.kind !== 'ok' || line.hasControl) continue;
      const key = line.valueText.toLowerCase();
      const first = seen.get(key);
      if (!first) {
        seen.set(key, line);
        continue;
      }
      report({
        range: line.value,
        message: `mx pattern ${quote(line.valueText)} repeats line ${lineNo(first)}${first.valueText === line.valueText ? '' : ` (${quote(first.valueText)}; patterns ignore case)`}; remove this line`,
        fixes: [{ title: 'Remove the repeated `mx:` line', edits: [removeLine(line)], isPreferred: true }],
      });
    }
  },
};
