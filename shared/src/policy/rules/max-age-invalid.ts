import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { valueField } from '../near-miss.ts';
import { setValue } from '../line-edits.ts';
import { formatDays, guessMaxAge, isMaxAgeValue, maxAgeLimit, oneWeek } from '../max-age.ts';
import { valueRange } from '../where.ts';

export const maxAgeInvalid: Rule<PolicyContext> = {
  code: 'policy/max-age-invalid',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'The max_age value must be 1 to 10 digits: seconds, without unit, sign or decimals.',
  fixable: true,
  check(ctx, report) {
    const line = valueField(ctx.policy, 'max_age');
    if (!line || line.hasControl || isMaxAgeValue(line.valueText)) return;
    const v = quote(line.valueText);
    const guess = guessMaxAge(line.valueText);
    const range = valueRange(line);
    const week = { title: 'Set max_age to `604800` (1 week)', edits: [setValue(line, String(oneWeek))] };
    if (!('seconds' in guess)) {
      const why =
        guess.kind === 'empty'
          ? '`max_age:` has no value'
          : guess.kind === 'negative'
            ? `max_age ${v} is negative`
            : `max_age ${v} is not a number of seconds`;
      report({ range, message: `${why}: senders reject the policy; use seconds, such as \`604800\` (1 week)`, fixes: [week] });
      return;
    }
    const s = guess.seconds;
    const use = `use \`${s}\` (${formatDays(s)})`;
    const capped = 'capped' in guess && guess.capped;
    let why: string;
    switch (guess.kind) {
      case 'unit':
        why = capped
          ? `max_age ${v} has a unit, and is more than the maximum of ${maxAgeLimit} seconds`
          : `max_age ${v} has a unit: the value is plain seconds`;
        break;
      case 'too-many-digits':
        why = capped ? `max_age ${v} has more than 10 digits and exceeds the maximum of ${maxAgeLimit} seconds` : `max_age ${v} has more than 10 digits`;
        break;
      case 'decimal':
        why = `max_age ${v} has decimals: the value is whole seconds`;
        break;
      case 'separators':
        why = `max_age ${v} has digit separators: the value is digits only`;
        break;
      case 'sign':
        why = `max_age ${v} has a sign: the value is digits only`;
        break;
      case 'comment':
        why = `max_age ${v} has text after the number: the value is digits only`;
        break;
    }
    report({
      range,
      message: `${why}, so senders reject the policy; ${use}`,
      fixes: [{ title: `Set max_age to \`${s}\` (${formatDays(s)})`, edits: [setValue(line, String(s))], isPreferred: true }],
    });
  },
};
