import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import type { PolicyLines, PolicyMxLine } from '../parse.ts';

/** A quick pass first: most files have no upper case, and then need no set of every pattern. */
function hasUppercase(mx: PolicyLines<PolicyMxLine>): boolean {
  for (const line of mx) if (line.mxCheck.kind === 'ok' && /[A-Z]/.test(line.valueText)) return true;
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
    const mx = ctx.policy.mx;
    if (!hasUppercase(mx)) return;
    const seen = new Set<string>();
    for (const line of mx) {
      if (line.mxCheck.kind !== 'ok' || line.hasControl) continue;
      const value = line.valueText;
      const lower = value.toLowerCase();
      // A repeat is reported (and removed) by mx-duplicate; its case does not matter then.
      if (seen.has(lower)) continue;
      seen.add(lower);
      if (lower === value) continue;
      report({
        range: line.value,
        message: `mx pattern ${quote(value)} has upper-case letters: matching ignores case, so this works, but lower case is the usual form; write ${quote(lower)}`,
        fixes: [{ title: `Write ${quote(lower)}`, edits: [{ range: line.value, newText: lower }], isPreferred: true }],
      });
    }
  },
};
