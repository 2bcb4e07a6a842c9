import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { removeLine } from '../line-edits.ts';
import { mxIndex, mxLine } from '../mx-index.ts';
import { lineNo } from '../where.ts';

export const mxDuplicate: Rule<PolicyContext> = {
  code: 'policy/mx-duplicate',
  kind: 'policy',
  severity: 'warning',
  rfc: 'RFC 8461 §3.2',
  summary: 'The same mx pattern twice (patterns ignore case): the repeat adds nothing.',
  fixable: true,
  check(ctx, report) {
    const { policy } = ctx;
    // Patterns (check `ok`, no control character) grouped by lower-case form; every later one repeats the first.
    const { firstOf } = mxIndex(policy);
    for (let i = 0; i < firstOf.length; i++) {
      const f = firstOf[i]!;
      if (f < 0 || f === i) continue;
      const line = mxLine(policy, i);
      const first = mxLine(policy, f);
      report({
        range: line.value,
        message: `mx pattern ${quote(line.valueText)} repeats line ${lineNo(first)}${first.valueText === line.valueText ? '' : ` (${quote(first.valueText)}; patterns ignore case)`}; remove this line`,
        fixes: [{ title: 'Remove the repeated `mx:` line', edits: [removeLine(line)], isPreferred: true }],
      });
    }
  },
};
