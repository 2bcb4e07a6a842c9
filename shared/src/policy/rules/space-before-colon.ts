import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { nearMissConsequence, nearMissFixes } from '../near-miss.ts';

export const spaceBeforeColon: Rule<PolicyContext> = {
  code: 'policy/space-before-colon',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'Whitespace before the colon becomes part of the key, which senders then do not recognise.',
  fixable: true,
  check(ctx, report) {
    const { text, policy } = ctx;
    if (!policy.shapes.unreadKey) return;
    for (const line of policy.notable) {
      if (line.kind !== 'field' || line.sends !== null || line.missingColon || line.beforeColon.start === line.beforeColon.end) continue;
      const written = text.slice(line.key.start, line.colon.start);
      const repair = { title: 'Remove the whitespace before `:`', edits: [{ range: line.beforeColon, newText: '' }] };
      const known = line.intended !== null && line.keyText === line.intended;
      report({
        range: line.beforeColon,
        message: known
          ? `whitespace before \`:\` makes the key ${quote(written)}: ${nearMissConsequence(policy, line.intended!)}; remove it`
          : `whitespace before \`:\` becomes part of the key ${quote(written)}; remove it`,
        fixes: known ? nearMissFixes(policy, line, line.intended!, repair) : [{ ...repair, isPreferred: true }],
      });
    }
  },
};
