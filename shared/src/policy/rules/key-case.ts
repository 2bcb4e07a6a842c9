import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { isPolicyKey } from '../keys.ts';
import { nearMissConsequence, nearMissFixes } from '../near-miss.ts';

export const keyCase: Rule<PolicyContext> = {
  code: 'policy/key-case',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'Keys are case-sensitive: `Mode` is an unknown key to senders, so `mode` is missing.',
  fixable: true,
  check(ctx, report) {
    const { policy } = ctx;
    if (!policy.shapes.unreadKey) return;
    for (const line of policy.notable) {
      // A line senders read as a key is spelled right.
      if (line.kind !== 'field' || line.sends !== null || line.intended === null || line.missingColon) continue;
      const lower = line.keyText.toLowerCase();
      if (lower === line.keyText || !isPolicyKey(lower)) continue;
      report({
        range: line.key,
        message: `key ${quote(line.keyText)} is not \`${lower}\` (keys are case-sensitive): ${nearMissConsequence(policy, lower)}; write \`${lower}\``,
        fixes: nearMissFixes(policy, line, lower, { title: `Write \`${lower}\``, edits: [{ range: line.key, newText: lower }] }),
      });
    }
  },
};
