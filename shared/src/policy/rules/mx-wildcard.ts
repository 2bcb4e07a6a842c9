import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { setValue } from '../line-edits.ts';

export const mxWildcard: Rule<PolicyContext> = {
  code: 'policy/mx-wildcard',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2, §4.1',
  summary: 'A wildcard may only be the whole leftmost label (`*.example.com`), and not over a public suffix.',
  fixable: true,
  check(ctx, report) {
    if (!ctx.policy.shapes.mx.has('wildcard')) return;
    for (const line of ctx.policy.mxWith('wildcard')) {
      const check = line.mxCheck;
      if (check.kind !== 'wildcard' || line.hasControl) continue;
      const p = quote(line.valueText);
      let message: string;
      if (check.reason === 'alone') {
        message = `mx pattern ${p}: a wildcard alone is no pattern (it would match every host), and senders reject it; list your MX hosts, or \`*.\` and their domain`;
      } else if (check.reason === 'too-broad') {
        message = `mx pattern ${p} would match hosts of any owner under a public suffix: senders would accept any such host's certificate; name your own MX hosts or their domain, e.g. \`*.example.com\``;
      } else if (check.suggestion) {
        message = `mx pattern ${p}: a wildcard may only be the leftmost label; use ${quote(check.suggestion)}`;
      } else {
        message = `mx pattern ${p}: a wildcard may only be the whole leftmost label, as in \`*.example.com\`; list your MX hosts instead`;
      }
      report({
        range: line.value,
        message,
        fixes: check.suggestion ? [{ title: `Write ${quote(check.suggestion)}`, edits: [setValue(line, check.suggestion)], isPreferred: true }] : [],
      });
    }
  },
};
