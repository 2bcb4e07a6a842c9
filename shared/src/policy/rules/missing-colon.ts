import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { removeLine } from '../line-edits.ts';
import { nearMissConsequence, nearMissFixes } from '../near-miss.ts';

export const missingColon: Rule<PolicyContext> = {
  code: 'policy/missing-colon',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'Every line is `key: value`; a line without the colon is no field at all.',
  fixable: true,
  check(ctx, report) {
    const { text, policy } = ctx;
    if (!policy.shapes.noColon && !policy.shapes.unreadKey) return;
    for (const line of policy.notable) {
      if (line.kind === 'blank' || line.sends !== null) continue;
      const mc = line.missingColon;
      if (mc) {
        const value = text.slice(mc.value.start, mc.value.end);
        const written = text.slice(mc.name.start, mc.value.end);
        const wanted = value === '' ? `${mc.key}:` : `${mc.key}: ${value}`;
        const sep = text.slice(mc.separator.start, mc.separator.end);
        const how = sep.includes('=') ? 'uses `=` instead of `:`' : 'has no `:` after the key';
        const edit =
          value === ''
            ? { range: { start: mc.name.start, end: mc.value.end }, newText: `${mc.key}:` }
            : { range: { start: mc.name.start, end: mc.value.start }, newText: `${mc.key}: ` };
        report({
          range: { start: mc.name.start, end: mc.value.end },
          message: `${quote(written)} ${how}: ${nearMissConsequence(policy, mc.key)}; write ${quote(wanted)}`,
          fixes: nearMissFixes(policy, line, mc.key, { title: `Write ${quote(wanted)}`, edits: [edit] }),
        });
      } else if (line.kind === 'no-colon') {
        report({
          range: line.body,
          message: `line ${quote(text.slice(line.body.start, line.body.end))} has no \`:\`, so it is no \`key: value\` field: senders ignore it, and strict ones reject the whole policy; fix the line or remove it`,
          fixes: [{ title: 'Remove the line', edits: [removeLine(line)] }],
        });
      }
    }
  },
};
