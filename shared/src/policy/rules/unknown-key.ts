import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { isPolicyExtName, isPolicyKey } from '../keys.ts';
import { removeLine } from '../line-edits.ts';
import { nearMissConsequence, nearMissFixes } from '../near-miss.ts';

export const unknownKey: Rule<PolicyContext> = {
  code: 'policy/unknown-key',
  kind: 'policy',
  severity: 'hint',
  rfc: 'RFC 8461 §3.2',
  summary: 'Keys other than version, mode, max_age and mx are ignored by senders; near misses of those are errors, and an extension key with an empty value (`ext:`) is a warning: strict senders reject the whole policy.',
  fixable: true,
  check(ctx, report) {
    const { policy } = ctx;
    if (!policy.shapes.unreadKey) return;
    for (const line of policy.notable) {
      if (line.kind !== 'field' || line.sends !== null || line.missingColon) continue;
      const key = line.keyText;
      // Exact keys and other cases of them belong to other rules (whitespace, key-case).
      if (isPolicyKey(key.toLowerCase())) continue;
      const meant = line.intended;
      if (meant !== null) {
        report({
          range: line.key,
          severity: 'error',
          message: `unknown key ${quote(key)}: ${nearMissConsequence(policy, meant)}; write \`${meant}\``,
          fixes: nearMissFixes(policy, line, meant, { title: `Rename to \`${meant}\``, edits: [{ range: line.key, newText: meant }] }),
        });
      } else if (!isPolicyExtName(key)) {
        report({
          range: key === '' ? line.colon : line.key,
          severity: 'warning',
          message:
            key === ''
              ? 'the line starts with `:` and has no key: senders ignore it, and strict ones reject the whole policy; add a key or remove the line'
              : `key ${quote(key)} is not a valid extension name (a letter or digit, then up to 31 letters, digits, \`_\`, \`-\` or \`.\`): strict senders reject the whole policy; rename it or remove the line`,
          fixes: [{ title: 'Remove the line', edits: [removeLine(line)] }],
        });
      } else if (line.valueText === '') {
        // `sts-policy-ext-value` is one or more characters: strict senders (mox) reject the whole policy.
        report({
          range: line.key,
          severity: 'warning',
          message: `extension key ${quote(key)} has an empty value: the RFC 8461 §3.2 grammar needs at least one character, and strict senders reject the whole policy; give it a value or remove the line`,
          fixes: [{ title: 'Remove the line', edits: [removeLine(line)], isPreferred: true }],
        });
      } else {
        report({
          range: line.key,
          message: `unknown key ${quote(key)}: ignored by senders (RFC 8461 defines only \`version\`, \`mode\`, \`max_age\` and \`mx\`)`,
        });
      }
    }
  },
};
