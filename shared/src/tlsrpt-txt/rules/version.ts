import type { Rule } from '../../rule.ts';
import { checkVersion } from '../../tag-list/version.ts';
import type { TlsRptTxtContext } from '../context.ts';
import { tlsRptDialect } from '../dialect.ts';

export const version: Rule<TlsRptTxtContext> = {
  code: 'tlsrpt-txt/version',
  kind: 'tlsrpt-txt',
  severity: 'error',
  rfc: 'RFC 8460 §3',
  summary: 'The record begins with exactly `v=TLSRPTv1`; senders discard records that do not.',
  fixable: true,
  check(ctx, report) {
    checkVersion(ctx.record.tags, ctx.record.versionField, tlsRptDialect, ctx.options, report);
  },
};
