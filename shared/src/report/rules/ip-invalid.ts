import type { Rule } from '../../rule.ts';
import type { ReportContext } from '../context.ts';
import { isIpAddress } from '../ip.ts';
import { visitSchemaFields } from '../schema.ts';

export const ipInvalid: Rule<ReportContext> = {
  code: 'report/ip-invalid',
  kind: 'report',
  severity: 'warning',
  rfc: 'RFC 8460 §4.4',
  summary: '`sending-mta-ip` and `receiving-ip` are IPv4 or IPv6 addresses.',
  fixable: false,
  check(ctx, report) {
    visitSchemaFields(ctx.json.root, (field, m) => {
      const v = m.value;
      if (field.type !== 'ip' || v.kind !== 'string' || isIpAddress(v.value)) return;
      report({ range: { start: v.start, end: v.end }, message: `\`${m.key}\` \`${v.value}\` is not an IPv4 or IPv6 address` });
    });
  },
};
