import type { Rule } from '../../rule.ts';
import { stsDialect } from '../../sts-txt/dialect.ts';
import { unrelatedRecordMessage } from '../../tag-list/attempt.ts';
import { tlsRptDialect } from '../../tlsrpt-txt/dialect.ts';
import type { CheckContext } from '../context.ts';

export const txtUnrelated: Rule<CheckContext> = {
  code: 'check/txt-unrelated',
  kind: 'check',
  severity: 'hint',
  rfc: 'RFC 8461 §3.1',
  summary: 'Another service\'s TXT record (`google-site-verification=…`) at `_mta-sts` or `_smtp._tls`: senders discard records that do not begin with the version tag, so it is not read as one.',
  fixable: false,
  check(ctx, report) {
    for (const [answer, candidates, dialect] of [
      [ctx.sts, ctx.stsCandidates, stsDialect],
      [ctx.tlsrpt, ctx.tlsrptCandidates, tlsRptDialect],
    ] as const) {
      for (const r of answer.records) {
        if (r.type !== 'TXT' || candidates.includes(r)) continue;
        report({ range: { start: 0, end: 0 }, message: unrelatedRecordMessage(r.value, answer.name, dialect) });
      }
    }
  },
};
