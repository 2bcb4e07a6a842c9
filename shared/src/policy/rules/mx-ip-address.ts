import type { Rule } from '../../rule.ts';
import { quote } from '../../tag-list/message.ts';
import type { PolicyContext } from '../context.ts';

export const mxIpAddress: Rule<PolicyContext> = {
  code: 'policy/mx-ip-address',
  kind: 'policy',
  severity: 'error',
  rfc: 'RFC 8461 §4.1',
  summary: 'MTA-STS matches MX host names, never IP addresses.',
  fixable: false,
  check(ctx, report) {
    if (!ctx.policy.shapes.mx.has('ip')) return;
    const hosts = ctx.options.mxHosts ?? [];
    for (const line of ctx.policy.mxWith('ip')) {
      const check = line.mxCheck;
      if (check.kind !== 'ip' || line.hasControl) continue;
      const known = hosts.length > 0 ? ` (your MX hosts: ${hosts.slice(0, 3).map((h) => quote(h)).join(', ')}${hosts.length > 3 ? ', …' : ''})` : '';
      report({
        range: line.value,
        message: `mx ${quote(line.valueText)} is an IP address: MTA-STS matches the MX host names of your MX records, never addresses; write the MX host name instead${known}`,
      });
    }
  },
};
