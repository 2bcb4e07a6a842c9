import type { Rule } from '../../rule.ts';
import { checkUnknownFields } from '../../tag-list/unknown.ts';
import type { TlsRptTxtContext } from '../context.ts';
import { tlsRptDialect } from '../dialect.ts';

export const unknownField: Rule<TlsRptTxtContext> = {
  code: 'tlsrpt-txt/unknown-field',
  kind: 'tlsrpt-txt',
  severity: 'hint',
  rfc: 'RFC 8460 §3',
  summary: 'Fields other than `v` and `rua` are ignored by senders; a misspelt `rua` (`RUA=`, `ruf=`) is an error.',
  fixable: true,
  check(ctx, report) {
    checkUnknownFields(ctx.record.tags, ctx.record.versionField, tlsRptDialect, report);
  },
};
