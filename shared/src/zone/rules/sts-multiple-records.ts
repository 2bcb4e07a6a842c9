import type { Rule } from '../../rule.ts';
import type { ZoneContext } from '../context.ts';
import { embeddedValue } from '../embedded.ts';
import { mailTxtRecords } from '../mail-records.ts';

export const stsMultipleRecords: Rule<ZoneContext> = {
  code: 'zone/sts-multiple-records',
  kind: 'zone',
  severity: 'error',
  rfc: 'RFC 8461 §3.1',
  summary: 'More than one `v=STSv1` TXT record at one `_mta-sts` name means senders see no policy at all.',
  fixable: false,
  check(ctx, report) {
    const byOwner = new Map<string, number>();
    for (const rec of mailTxtRecords(ctx.zone).sts) {
      if (!embeddedValue(ctx.zone, rec).value.startsWith('v=STSv1')) continue;
      const n = (byOwner.get(rec.owner) ?? 0) + 1;
      byOwner.set(rec.owner, n);
      if (n === 2) {
        report({ range: { start: rec.start, end: rec.end }, message: `\`${rec.owner}\` has more than one \`v=STSv1\` record, so senders treat the domain as having no MTA-STS policy; keep exactly one` });
      }
    }
  },
};
