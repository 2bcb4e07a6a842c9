import type { Fix } from '../../diagnostic.ts';
import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';
import { valueField } from '../near-miss.ts';
import { setValue } from '../line-edits.ts';
import { closestMode, isPolicyMode, policyModes, type PolicyMode } from '../modes.ts';
import type { PolicyFieldLine } from '../parse.ts';
import { valueRange } from '../where.ts';

const modeTitle: Readonly<Record<PolicyMode, string>> = {
  testing: 'Set mode to `testing` (reports TLS failures without blocking mail)',
  enforce: 'Set mode to `enforce` (senders refuse MX hosts without valid TLS)',
  none: 'Set mode to `none` (withdraws the policy)',
};

function modeFix(line: PolicyFieldLine, mode: PolicyMode, isPreferred: boolean): Fix {
  return { title: modeTitle[mode], edits: [setValue(line, mode)], isPreferred };
}

export const modeInvalid: Rule<PolicyContext> = {
  code: 'policy/mode-invalid',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §3.2',
  summary: 'The mode must be exactly `enforce`, `testing` or `none` (case-sensitive).',
  fixable: true,
  check(ctx, report) {
    const line = valueField(ctx.policy, 'mode');
    if (!line || line.hasControl || isPolicyMode(line.valueText)) return;
    const v = line.valueText;
    const guess = closestMode(v);
    if (v === '') {
      report({
        range: valueRange(line),
        message: '`mode:` has no value: senders reject the policy; use `testing` to start, `enforce` once reports are clean, or `none` to withdraw',
        fixes: [modeFix(line, 'testing', true), modeFix(line, 'enforce', false), modeFix(line, 'none', false)],
      });
      return;
    }
    const valid = '`enforce`, `testing` or `none`';
    let message: string;
    if (guess?.how === 'case') message = `mode ${quote(v)} is not \`${guess.mode}\`: values are case-sensitive, so senders reject the policy; write \`${guess.mode}\``;
    else if (guess) message = `mode ${quote(v)} is not a mode (${valid}): senders reject the policy; use \`${guess.mode}\``;
    else message = `mode ${quote(v)} is not a mode: senders reject the policy; use ${valid}`;
    const order: readonly PolicyMode[] = guess ? [guess.mode, ...policyModes.filter((m) => m !== guess.mode)] : ['testing', 'enforce', 'none'];
    report({
      range: valueRange(line),
      message,
      fixes: order.map((m, i) => modeFix(line, m, i === 0 && guess !== null)),
    });
  },
};
