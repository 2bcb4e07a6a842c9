import type { Rule } from '../../rule.ts';
import type { PolicyContext } from '../context.ts';

export const tab: Rule<PolicyContext> = {
  code: 'policy/tab',
  kind: 'policy',
  severity: 'info',
  rfc: 'RFC 8461 §3.2',
  summary: 'A tab after the colon is legal whitespace, but some policy parsers accept only spaces there.',
  fixable: true,
  check(ctx, report) {
    if (!ctx.policy.shapes.tabAfterColon) return;
    for (const line of ctx.policy.notable) {
      if (line.kind !== 'field' || line.value.start === line.value.end) continue;
      const gap = line.gap;
      let tabbed = false;
      for (let i = gap.start; i < gap.end && !tabbed; i++) tabbed = ctx.text.charCodeAt(i) === 9;
      if (!tabbed) continue;
      report({
        range: gap,
        message: `tab after \`${line.keyText}:\`: RFC 8461 allows it, but some policy parsers accept only spaces after the colon; use one space`,
        fixes: [{ title: 'Replace with one space', edits: [{ range: gap, newText: ' ' }], isPreferred: true }],
      });
    }
  },
};
