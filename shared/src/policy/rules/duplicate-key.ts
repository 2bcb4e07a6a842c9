import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { removeLine } from '../line-edits.ts';
import { lineNo } from '../where.ts';

/**
 * A repeated `version`, `mode` or `max_age`: senders use the first and ignore the rest (RFC 8461 §3.2).
 * Same value: a warning (harmless clutter). Another value: an error, because the file says two things and
 * senders act on the first, which is often not the one last edited. Either way the preferred fix removes the
 * repeat, which keeps what senders do today.
 */
export const duplicateKey: Rule<PolicyContext> = {
  code: 'policy/duplicate-key',
  kind: 'policy',
  severity: 'warning',
  rfc: 'RFC 8461 §3.2',
  summary: 'A repeated version, mode or max_age: senders use only the first occurrence.',
  fixable: true,
  check(ctx, report) {
    const { policy } = ctx;
    if (!policy.shapes.repeatedKey) return;
    for (const line of policy.notable) {
      if (line.kind !== 'field' || line.sends === null || line.sends === 'mx') continue;
      const first = policy.fields[line.sends];
      if (!first || first.index === line.index) continue;
      const key = line.sends;
      const same = first.valueText === line.valueText;
      report({
        range: line.key,
        severity: same ? 'warning' : 'error',
        message: same
          ? `\`${key}\` repeats line ${lineNo(first)}: senders use only the first; remove this line`
          : `\`${key}\` repeated with another value: senders use only the first, ${quote(first.valueText)} on line ${lineNo(first)}, and ignore ${quote(line.valueText)}; keep one \`${key}\` line`,
        fixes: same
          ? [{ title: 'Remove the repeated line', edits: [removeLine(line)], isPreferred: true }]
          : [
              { title: `Remove this line (keep ${quote(first.valueText)}, which senders use)`, edits: [removeLine(line)], isPreferred: true },
              { title: `Keep ${quote(line.valueText)}: remove line ${lineNo(first)}`, edits: [removeLine(first)] },
            ],
      });
    }
  },
};
