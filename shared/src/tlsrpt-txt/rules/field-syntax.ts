import type { Rule } from '../../rule.ts';
import { checkFieldSyntax } from '../../tag-list/field-syntax.ts';
import type { TlsRptTxtContext } from '../context.ts';
import { tlsRptDialect } from '../dialect.ts';

export const fieldSyntax: Rule<TlsRptTxtContext> = {
  code: 'tlsrpt-txt/field-syntax',
  kind: 'tlsrpt-txt',
  severity: 'error',
  rfc: 'RFC 8460 §3',
  summary: 'Every field is `name=value` with a name and value inside the grammar; senders need only accept records inside it.',
  fixable: true,
  check(ctx, report) {
    checkFieldSyntax(ctx.record.tags, ctx.record.versionField, tlsRptDialect, report);
  },
};
