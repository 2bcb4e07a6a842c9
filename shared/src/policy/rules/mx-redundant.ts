import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { removeLine } from '../line-edits.ts';
import { lineNo } from '../where.ts';
import type { PolicyFieldLine } from '../parse.ts';

export const mxRedundant: Rule<PolicyContext> = {
  code: 'policy/mx-redundant',
  kind: 'policy',
  severity: 'hint',
  rfc: 'RFC 8461 §4.1',
  summary: 'An mx host already matched by a wildcard pattern of the same policy.',
  fixable: true,
  check(ctx, report) {
    // `*.example.com` covers exactly one extra label: look up `*.` + the host minus its first label.
    const wildcards = new Map<string, PolicyFieldLine>();
    for (const line of ctx.policy.mx) {
      const check = line.mxCheck;
      if (check.kind === 'ok' && !line.hasControl && line.valueText.startsWith('*.')) {
        const key = line.valueText.toLowerCase();
        if (!wildcards.has(key)) wildcards.set(key, line);
      }
    }
    if (wildcards.size === 0) return;
    for (const line of ctx.policy.mx) {
      const check = line.mxCheck;
      if (check.kind !== 'ok' || line.hasControl || line.valueText.startsWith('*.')) continue;
      const host = line.valueText.toLowerCase();
      const dot = host.indexOf('.');
      const cover = dot > 0 ? wildcards.get(`*${host.slice(dot)}`) : undefined;
      if (!cover) continue;
      report({
        range: line.value,
        message: `mx ${quote(line.valueText)} is already matched by ${quote(cover.valueText)} on line ${lineNo(cover)}; this line can go`,
        fixes: [{ title: 'Remove the covered `mx:` line', edits: [removeLine(line)], isPreferred: true }],
      });
    }
  },
};
