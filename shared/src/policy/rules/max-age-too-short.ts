import type { Rule } from '../../rule.ts';
import type { PolicyContext } from '../context.ts';
import { valueField } from '../near-miss.ts';
import { setValue } from '../line-edits.ts';
import { formatDays, isMaxAgeValue, oneWeek } from '../max-age.ts';

export const maxAgeTooShort: Rule<PolicyContext> = {
  code: 'policy/max-age-too-short',
  kind: 'policy',
  severity: 'warning',
  rfc: 'RFC 8461 §3.2',
  summary: 'A max_age below one week is legal but defeats caching, the protection MTA-STS rests on (mode none excepted: it is how MTA-STS is retired).',
  fixable: true,
  check(ctx, report) {
    const line = valueField(ctx.policy, 'max_age');
    if (!line || line.hasControl || !isMaxAgeValue(line.valueText)) return;
    // Retiring MTA-STS is done with mode none and a short max_age (RFC 8461 §8.3), so senders forget it soon.
    if (ctx.policy.effective.mode === 'none') return;
    const s = Number(line.valueText);
    if (s >= oneWeek) return;
    report({
      range: line.value,
      message: `max_age \`${line.valueText}\` (${formatDays(s)}) is below one week: senders soon drop the cached policy, and an attacker who blocks the next fetch strips MTA-STS; use at least \`${oneWeek}\` (${formatDays(oneWeek)})`,
      fixes: [{ title: `Set max_age to \`${oneWeek}\` (1 week)`, edits: [setValue(line, String(oneWeek))], isPreferred: true }],
    });
  },
};
