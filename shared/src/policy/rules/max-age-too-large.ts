import type { Rule } from '../../rule.ts';
import type { PolicyContext } from '../context.ts';
import { valueField } from '../near-miss.ts';
import { setValue } from '../line-edits.ts';
import { formatDays, isMaxAgeValue, maxAgeLimit } from '../max-age.ts';

export const maxAgeTooLarge: Rule<PolicyContext> = {
  code: 'policy/max-age-too-large',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'The max_age value is at most 31557600 seconds (about one year).',
  fixable: true,
  check(ctx, report) {
    const line = valueField(ctx.policy, 'max_age');
    if (!line || line.hasControl || !isMaxAgeValue(line.valueText)) return;
    const s = Number(line.valueText);
    if (s <= maxAgeLimit) return;
    report({
      range: line.value,
      message: `max_age \`${line.valueText}\` (${formatDays(s)}) is above the maximum of ${maxAgeLimit} (${formatDays(maxAgeLimit)}): some senders reject the policy; use \`${maxAgeLimit}\``,
      fixes: [{ title: `Set max_age to \`${maxAgeLimit}\` (${formatDays(maxAgeLimit)})`, edits: [setValue(line, String(maxAgeLimit))], isPreferred: true }],
    });
  },
};
