import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { removeLine } from '../line-edits.ts';
import { mxIndex, mxLine } from '../mx-index.ts';
import { lineNo } from '../where.ts';

export const mxRedundant: Rule<PolicyContext> = {
  code: 'policy/mx-redundant',
  kind: 'policy',
  severity: 'hint',
  rfc: 'RFC 8461 §4.1',
  summary: 'An mx host already matched by a wildcard pattern of the same policy.',
  fixable: true,
  check(ctx, report) {
    // `*.example.com` covers exactly one extra label: the first pattern equal to `*` + the host from its first
    // dot (ignoring case), looked up in the index of every pattern.
    const { policy } = ctx;
    const index = mxIndex(policy);
    for (let i = 0; i < index.firstOf.length; i++) {
      const c = index.coverOf(i);
      if (c < 0) continue;
      const line = mxLine(policy, i);
      const cover = mxLine(policy, c);
      report({
        range: line.value,
        message: `mx ${quote(line.valueText)} is already matched by ${quote(cover.valueText)} on line ${lineNo(cover)}; this line can go`,
        fixes: [{ title: 'Remove the covered `mx:` line', edits: [removeLine(line)], isPreferred: true }],
      });
    }
  },
};
