import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';

export const mxMultiple: Rule<PolicyContext> = {
  code: 'policy/mx-multiple',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'One `mx:` line holds one pattern; several hosts need several lines.',
  fixable: true,
  check(ctx, report) {
    const { policy } = ctx;
    if (!policy.shapes.mx.has('multiple')) return;
    for (const line of policy.mxWith('multiple')) {
      const check = line.mxCheck;
      if (check.kind !== 'multiple' || line.hasControl) continue;
      // Keep this line's own ending style; the last line (no ending) takes the file's.
      const nl = line.eolKind === '\r\n' || line.eolKind === '\n' ? line.eolKind : policy.newline;
      const newText = check.hosts.join(`${nl}mx: `);
      report({
        range: line.value,
        message: `mx ${quote(line.valueText)} lists ${check.hosts.length} hosts: senders read one pattern per \`mx:\` line, and this one matches no MX host; write one \`mx:\` line per host`,
        fixes: [{ title: `Split into ${check.hosts.length} \`mx:\` lines`, edits: [{ range: line.value, newText }], isPreferred: true }],
      });
    }
  },
};
