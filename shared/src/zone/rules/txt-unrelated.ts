import type { Rule } from '../../rule.ts';
import { stsDialect } from '../../sts-txt/dialect.ts';
import { unrelatedRecordMessage } from '../../tag-list/attempt.ts';
import { tlsRptDialect } from '../../tlsrpt-txt/dialect.ts';
import type { ZoneContext } from '../context.ts';
import { embeddedValue } from '../embedded.ts';
import { STS_PREFIX, unrelatedMailTxtRecords } from '../mail-records.ts';

export const txtUnrelated: Rule<ZoneContext> = {
  code: 'zone/txt-unrelated',
  kind: 'zone',
  severity: 'hint',
  rfc: 'RFC 8461 §3.1',
  summary: 'Another service\'s TXT record (`google-site-verification=…`) beside the real `_mta-sts` or `_smtp._tls` record: senders discard records that do not begin with the version tag, so it is harmless there.',
  fixable: false,
  check(ctx, report) {
    for (const rec of unrelatedMailTxtRecords(ctx.zone)) {
      const dialect = rec.owner.startsWith(STS_PREFIX) ? stsDialect : tlsRptDialect;
      report({ range: { start: rec.start, end: rec.end }, message: unrelatedRecordMessage(embeddedValue(ctx.zone, rec).value, rec.owner, dialect) });
    }
  },
};
