import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { embeddedValue } from '../embedded.ts';
import { mailTxtRecords } from '../mail-records.ts';

export const tlsRptMultipleRecords: Rule<ZoneContext> = {
  code: 'zone/tlsrpt-multiple-records',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 8460 §3',
  summary: 'More than one `v=TLSRPTv1` TXT record at one `_smtp._tls` name means senders send no reports.',
  fixable: false,
  check(ctx, report) {
    const byOwner = new Map<string, number>();
    for (const rec of mailTxtRecords(ctx.zone).tlsrpt) {
      if (!embeddedValue(ctx.zone, rec).value.startsWith('v=TLSRPTv1')) continue;
      const n = (byOwner.get(rec.owner) ?? 0) + 1;
      byOwner.set(rec.owner, n);
      if (n === 2) {
        report({ range: { start: rec.start, end: rec.end }, message: `\`${rec.owner}\` has more than one \`v=TLSRPTv1\` record, so senders send no TLS reports; keep exactly one` });
      }
    }
  },
};
