import type { Rule } from '../../rule.ts';
import type { CheckContext } from '../context.ts';

export const danePresent: Rule<CheckContext> = {
  code: 'check/dane-present',
  kind: 'check',
  severity: 'info',
  rfc: 'RFC 8461 §2',
  summary: 'MX hosts publish TLSA records (DANE): DANE-capable senders use it, the others MTA-STS.',
  fixable: false,
  check(ctx, report) {
    const hosts = ctx.mx.filter((m) => m.tlsa).map((m) => `\`${m.host}\``);
    if (hosts.length === 0) return;
    report({
      range: { start: 0, end: 0 },
      message: `DANE: ${hosts.join(', ')} publish TLSA records at \`_25._tcp\`: senders that validate DNSSEC use DANE, the others MTA-STS; good. Keep both in step when certificates change`,
    });
  },
};
