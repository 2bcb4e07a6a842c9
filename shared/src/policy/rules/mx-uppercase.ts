import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { mxIndex, mxLine } from '../mx-index.ts';

function hasUpper(text: string, start: number, end: number): boolean {
  for (let p = start; p < end; p++) {
    const c = text.charCodeAt(p);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

export const mxUppercase: Rule<PolicyContext> = {
  code: 'policy/mx-uppercase',
  kind: 'policy',
  severity: 'info',
  rfc: 'RFC 8461 §4.1',
  summary: 'An mx pattern with upper-case letters: it matches regardless of case, but lower case is the usual form.',
  fixable: true,
  check(ctx, report) {
    const { policy } = ctx;
    const { firstOf, anyUpper } = mxIndex(policy);
    if (!anyUpper) return;
    const { text } = policy.mxValues;
    for (let i = 0; i < firstOf.length; i++) {
      // A repeat is reported (and removed) by mx-duplicate; its case does not matter then.
      if (firstOf[i] !== i || !hasUpper(text, policy.mxValues.start(i), policy.mxValues.end(i))) continue;
      const line = mxLine(policy, i);
      const value = line.valueText;
      const lower = value.toLowerCase();
      report({
        range: line.value,
        message: `mx pattern ${quote(value)} has upper-case letters: matching ignores case, so this works, but lower case is the usual form; write ${quote(lower)}`,
        fixes: [{ title: `Write ${quote(lower)}`, edits: [{ range: line.value, newText: lower }], isPreferred: true }],
      });
    }
  },
};
